"""The registry of models: every model that stands as a document, under its type tag.

A model registers itself where it is defined, with the :func:`document` class decorator: its
``KIND`` becomes the ``type`` tag of its documents. The JSON converter reads and writes exactly
the registered models, the hypothesis plugin registers a strategy for each of them, and the
round-trip tests iterate them, so adding a model is one decorator and nothing else to keep in
step.

A model whose document is not simply its fields (a mediation case is written as its ladder's id
and its tagged event log, and read back by replaying the log through its rules) registers its
own ``read`` and ``write`` hooks.

Examples:
    >>> from community_policing import Person
    >>> from community_policing.model import registry
    >>> registry.entry("person").cls is Person
    True
    >>> registry.entry_of(Person).tag
    'person'
    >>> registry.entry("sheriff") is None
    True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol, TypeVar, cast

import attrs

from community_policing.errors import Problem, ValidationError

__all__ = [
    "ModelEntry",
    "Reading",
    "Structure",
    "Tagged",
    "document",
    "entries",
    "entry",
    "entry_of",
]

_M = TypeVar("_M", bound=type[Any])
_T = TypeVar("_T")


class Structure(Protocol):
    """The converter's reader, handed to a model's own ``read`` hook for its nested values.

    Examples:
        >>> from community_policing import Period
        >>> from community_policing.io.json import from_data
        >>> structure: Structure = from_data
        >>> structure({"start": "2024-01-01", "end": None}, Period, path="$.period").end is None
        True
    """

    def __call__(self, data: object, cls: type[_T], *, path: str) -> _T:
        """Build ``cls`` from JSON-ready ``data``; problems are located under ``path``."""
        ...


@attrs.frozen
class Reading:
    """What a model's own ``read`` hook is given besides the document's body.

    Attributes:
        structure: Builds any model (or value) from JSON-ready data, with located problems.
        options: What the caller passed to the reader (``ladders`` for mediation cases).

    Examples:
        >>> from community_policing import Period
        >>> from community_policing.io.json import from_data
        >>> reading = Reading(structure=from_data, options={"ladders": ()})
        >>> reading.structure({"start": "2024-01-01", "end": None}, Period, path="$").start.year
        2024
    """

    structure: Structure
    options: Mapping[str, Any]


@attrs.frozen
class Tagged:
    """A model to be written with its ``type`` tag beside its fields (a member of a union).

    A ``write`` hook wraps the members of a tagged union in it, such as a case's events.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel, to_data
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
        ...     parties=("p-a",), place=AreaRef.parse("community:c-1"),
        ...     reported_on=date(2024, 1, 1), channel=ReportChannel.TIP))
        >>> to_data(case)["events"][0]["type"]  # the case's write hook tags its events
        'dispute_reported'
    """

    model: Any


@attrs.frozen
class ModelEntry:
    """One registered model.

    Attributes:
        tag: The ``type`` of its documents (the model's ``KIND``).
        cls: The model class.
        read: Builds the model from a document's body (without ``type`` and
            ``schema_version``); ``None`` to read the model's fields.
        write: The document's body for a model; it may hold nested models, which are written
            by their fields (or with their tag, wrapped in :class:`Tagged`). ``None`` to write
            the model's fields.
        raw_problems: For a body that did not build, every problem to report, given those
            found while reading it: a jurisdiction adds the references it checks on the raw
            records and puts them all in document order.

    Examples:
        >>> from community_policing.mediation import MediationCase
        >>> found = entry_of(MediationCase)
        >>> found.tag, found.read is not None, found.write is not None
        ('mediation_case', True, True)
    """

    tag: str
    cls: type[Any]
    read: Callable[[dict[str, Any], Reading], Any] | None = None
    write: Callable[[Any], dict[str, Any]] | None = None
    raw_problems: Callable[[dict[str, Any], Sequence[Problem]], list[Problem]] | None = None


_ENTRIES: dict[str, ModelEntry] = {}
_BY_CLASS: dict[type[Any], ModelEntry] = {}


def document(
    cls: _M | None = None,
    *,
    read: Callable[[dict[str, Any], Reading], Any] | None = None,
    write: Callable[[Any], dict[str, Any]] | None = None,
    raw_problems: Callable[[dict[str, Any], Sequence[Problem]], list[Problem]] | None = None,
) -> Any:
    """Class decorator: register an attrs model as a document under its ``KIND``.

    Use it bare (``@document``) or with hooks (``@document(read=..., write=...)``), above
    ``@attrs.frozen``.

    Raises:
        ValidationError: the class has no string ``KIND``, is not an attrs class, or its tag is
            taken by another class.

    Examples:
        >>> from typing import ClassVar
        >>> import attrs
        >>> @attrs.frozen
        ... class Nameless:
        ...     pass
        >>> document(Nameless)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: registry: tag: Nameless has no KIND to tag it
    """

    def register(model: _M) -> _M:
        tag = getattr(model, "KIND", None)
        if not isinstance(tag, str) or not tag:
            raise _refuse("tag", "tag", f"{model.__name__} has no KIND to tag it")
        if not attrs.has(cast("type[Any]", model)):
            raise _refuse("cls", "attrs", f"{model.__name__} is not an attrs class")
        known = _ENTRIES.get(tag)
        if known is not None and known.cls is not model:
            raise _refuse("tag", "unique_tag", f"{tag!r} is already {known.cls.__name__}'s tag")
        registered = ModelEntry(
            tag=tag, cls=model, read=read, write=write, raw_problems=raw_problems
        )
        _ENTRIES[tag] = registered
        _BY_CLASS[model] = registered
        return model

    return register if cls is None else register(cls)


def _refuse(field: str, rule: str, reason: str) -> ValidationError:
    return ValidationError(entity="registry", field=field, rule=rule, reason=reason)


def entries() -> tuple[ModelEntry, ...]:
    """Every registered model, in the order they were registered.

    Examples:
        >>> from community_policing.model import registry
        >>> "jurisdiction" in {model.tag for model in registry.entries()}
        True
    """
    return tuple(_ENTRIES.values())


def entry(tag: str) -> ModelEntry | None:
    """The model registered under ``tag``, or ``None``.

    Examples:
        >>> entry("household").cls.__name__
        'Household'
    """
    return _ENTRIES.get(tag) if isinstance(tag, str) else None


def entry_of(cls: type[Any]) -> ModelEntry | None:
    """The registration of exactly ``cls`` (not of a subclass), or ``None``.

    Examples:
        >>> from community_policing import Team
        >>> entry_of(Team).tag, entry_of(int)
        ('team', None)
    """
    return _BY_CLASS.get(cls)
