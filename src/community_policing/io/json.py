"""Lossless JSON interchange for every model and for whole jurisdiction documents.

A document is a JSON object with two reserved keys beside the model's own fields: ``type``,
the stable tag of the model (``"person"``, ``"jurisdiction"``, ...), and ``schema_version``.
``loads(dumps(x)) == x`` for every model.

Loading is strict: unknown keys, wrong JSON types, missing fields, invalid values, dangling
references, duplicate ids and a wrong schema version are all refused with one
:class:`~community_policing.errors.DocumentError` that lists every problem with its JSON path.
Nothing half-built is returned, and no message repeats a sensitive value.

With the ``orjson`` extra installed, parsing and encoding use orjson; the output is the same
text either way. During a load the cyclic garbage collector is paused (and restored after),
because a document builds many small acyclic objects that would otherwise trigger repeated,
useless collections.

Examples:
    >>> from community_policing import Person, dumps, loads
    >>> text = dumps(Person(id="p-1", name="王芳", phone="13800138000"))
    >>> text
    '{"type":"person","schema_version":1,"id":"p-1","name":"王芳","id_card_number":null,"phone":"13800138000","birth_date":null}'
    >>> loads(text, Person) == Person(id="p-1", name="王芳", phone="13800138000")
    True
    >>> loads('{"type": "person", "schema_version": 1, "id": "p-1", "nmae": "王芳"}')
    Traceback (most recent call last):
    ...
    community_policing.errors.DocumentError: 2 problems in document:
      $.name: required field is missing
      $.nmae: unknown field
"""

from __future__ import annotations

import os
from pathlib import Path
from types import MappingProxyType
from typing import IO, TYPE_CHECKING, Any, TypeVar, overload

from community_policing.errors import (
    DocumentError,
    NotAModelError,
    Problem,
    ValidationError,
    shown,
)
from community_policing.io._converter import encode, json_type, parse, plain, structure
from community_policing.model import registry

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = ["SCHEMA_VERSION", "dump", "dumps", "from_data", "load", "loads", "to_data"]

#: The version of the document format this library writes and reads.
SCHEMA_VERSION = 1

_RESERVED = ("type", "schema_version")
_T = TypeVar("_T")


def _known_tags() -> str:
    return ", ".join(sorted(entry.tag for entry in registry.entries()))


def _header_problems(raw: dict[str, Any], expected: type[Any] | None) -> list[Problem]:
    problems = []
    version = raw.get("schema_version")
    if "schema_version" not in raw:
        problems.append(Problem("$.schema_version", "required", "required field is missing"))
    elif type(version) is not int or version != SCHEMA_VERSION:
        problems.append(
            Problem(
                "$.schema_version",
                "schema_version",
                f"unsupported schema version {shown(version)}; this library reads {SCHEMA_VERSION}",
            )
        )
    tag = raw.get("type")
    found = registry.entry(tag) if isinstance(tag, str) else None
    if "type" not in raw:
        problems.append(Problem("$.type", "required", "required field is missing"))
    elif found is None:
        problems.append(
            Problem("$.type", "type_tag", f"unknown type; expected one of {_known_tags()}")
        )
    elif expected is not None and found.cls is not expected:
        problems.append(
            Problem(
                "$.type",
                "type_tag",
                f"expected {getattr(expected, 'KIND', '?')!r}, got {shown(tag)}",
            )
        )
    return problems


_NO_OPTIONS: Mapping[str, Any] = MappingProxyType({"ladders": ()})


def _options(ladders: Iterable[Any]) -> Mapping[str, Any]:
    try:
        found = tuple(ladders)
    except TypeError:
        raise ValidationError(
            entity="reader", field="ladders", rule="type", reason="expected an iterable of ladders"
        ) from None
    return MappingProxyType({"ladders": found}) if found else _NO_OPTIONS


def _structure_document(raw: object, expected: type[Any] | None, options: Mapping[str, Any]) -> Any:
    if type(raw) is not dict:
        raise DocumentError([Problem("$", "type", f"expected object, got {json_type(raw)}")])
    problems = _header_problems(raw, expected)
    if problems:
        raise DocumentError(problems)
    body = {key: value for key, value in raw.items() if key not in _RESERVED}
    return structure(body, registry.entry(raw["type"]).cls, options=options)  # type: ignore[union-attr]


def from_data(data: object, cls: type[_T], *, path: str = "$", ladders: Iterable[Any] = ()) -> _T:
    """Build a model from JSON-ready data (no envelope), as :func:`loads` does.

    Args:
        data: The model's fields as JSON-ready values.
        cls: The model to build.
        path: Where ``data`` stands, for the problems' paths.
        ladders: Mediation ladders a case may name besides the built-in one.

    Raises:
        DocumentError: every problem, with JSON paths starting at ``path``.

    Examples:
        >>> from community_policing import Period
        >>> from_data({"start": "2024-01-01", "end": None}, Period)
        Period(start=datetime.date(2024, 1, 1), end=None)
    """
    return structure(data, cls, path=path, options=_options(ladders))


def to_data(model: object) -> dict[str, Any]:
    """A model as JSON-ready data (no envelope): what :func:`dumps` writes, as Python values.

    Raises:
        NotAModelError: ``model`` is not one of the library's models.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> to_data(Period(date(2024, 1, 1)))
        {'start': '2024-01-01', 'end': None}
    """
    data: dict[str, Any] = parse(encode(plain(model), indent=False))  # type: ignore[assignment]
    return data


@overload
def loads(data: str | bytes, *, ladders: Iterable[Any] = ()) -> Any: ...
@overload
def loads(data: str | bytes, cls: type[_T], *, ladders: Iterable[Any] = ()) -> _T: ...
def loads(data: str | bytes, cls: type[Any] | None = None, *, ladders: Iterable[Any] = ()) -> Any:
    """Read a document written by :func:`dumps`.

    Args:
        data: JSON text (``str`` or UTF-8 ``bytes``).
        cls: The model expected; when given, a document of another type is refused.
        ladders: Mediation ladders (:class:`~community_policing.mediation.ladders.MediationLadder`)
        a
            case document may name besides the built-in Yuncheng ladder.

    Returns:
        The model the document describes.

    Raises:
        DocumentError: listing every problem with its JSON path; also for text that is not
            JSON at all.

    Examples:
        >>> from community_policing import Jurisdiction, loads
        >>> loads('{"type": "jurisdiction", "schema_version": 1, "id": "j", "name": "空"}')
        Jurisdiction(id='j', name='空')
        >>> loads('{"type": "jurisdiction", "schema_version": 2')
        Traceback (most recent call last):
        ...
        community_policing.errors.DocumentError: 1 problem in document:
          $: not valid JSON: ...
    """
    return _structure_document(parse(data), cls, _options(ladders))


def dumps(model: object, *, indent: bool = False) -> str:
    """Write a model (a whole jurisdiction, say) as JSON text.

    Args:
        model: Any registered model (see :mod:`community_policing.model.registry`).
        indent: Pretty-print with two spaces.

    Raises:
        NotAModelError: ``model`` is not one of the library's document models.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, dumps
        >>> dumps(Period(date(2024, 1, 1)))
        '{"type":"period","schema_version":1,"start":"2024-01-01","end":null}'
    """
    entry = registry.entry_of(type(model))
    if entry is None:
        msg = f"cannot write a {type(model).__name__}; expected one of {_known_tags()}"
        raise NotAModelError(msg)
    document: dict[str, Any] = {"type": entry.tag, "schema_version": SCHEMA_VERSION}
    document.update(plain(model))
    return encode(document, indent=indent)


def dump(model: object, target: str | os.PathLike[str] | IO[str], *, indent: bool = False) -> None:
    """Write ``model`` as JSON to a path or an open text file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from community_policing import dump, load, sample
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = Path(folder) / "sample.json"
        ...     dump(sample.jurisdiction(), path, indent=True)
        ...     load(path) == sample.jurisdiction()
        True
    """
    text = dumps(model, indent=indent)
    if isinstance(target, str | os.PathLike):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)


@overload
def load(
    source: str | os.PathLike[str] | IO[str] | IO[bytes], *, ladders: Iterable[Any] = ()
) -> Any: ...
@overload
def load(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    cls: type[_T],
    *,
    ladders: Iterable[Any] = (),
) -> _T: ...
def load(
    source: str | os.PathLike[str] | IO[str] | IO[bytes],
    cls: type[Any] | None = None,
    *,
    ladders: Iterable[Any] = (),
) -> Any:
    """Read a document from a path or an open file; see :func:`loads`.

    Examples:
        >>> import io
        >>> from community_policing import Household
        >>> text = '{"type": "household", "schema_version": 1, "id": "h-1", "address": "a-1"}'
        >>> load(io.StringIO(text))
        Household(id='h-1', address='a-1')
    """
    if isinstance(source, str | os.PathLike):
        data: str | bytes = Path(source).read_bytes()
    else:
        data = source.read()
    return _structure_document(parse(data), cls, _options(ladders))
