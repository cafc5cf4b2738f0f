"""The private converters behind the JSON documents: strict reading hooks and fast writers.

Reading goes through two ``cattrs`` converters configured here, never the global one: the fast
one builds valid documents; only when it fails is the input read again by the detailed one,
whose exception groups are walked into :class:`~community_policing.errors.Problem` records with JSON
paths. Writing does not go through cattrs: a reader generated once per class turns a model into
a dict of its fields, and the encoder (orjson when installed) writes dates, enums and tuples.
Models with their own hooks in the registry are read and written through them.
"""

from __future__ import annotations

import json
import math
from contextvars import ContextVar
from datetime import date, datetime, time
from enum import Enum
from functools import partial
from types import MappingProxyType, UnionType
from typing import TYPE_CHECKING, Any, TypeVar, Union, cast, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    BaseValidationError,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from community_policing.errors import (
    DocumentError,
    NotAModelError,
    Problem,
    ValidationError,
    member_path,
    shown,
)
from community_policing.model import registry
from community_policing.model.bulk import collector_paused
from community_policing.model.territory import AreaRef

try:  # the optional fast path
    import orjson
except ImportError:  # pragma: no cover - exercised only without the orjson extra
    orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping

_T = TypeVar("_T")


class _WireError(Exception):
    """A value of the wrong JSON shape; the message names types, never values."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


def json_type(value: object) -> str:
    """The JSON name of a parsed value's type (``object``, ``array``, ``string`` ...)."""
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    if type(value) in names:
        return names[type(value)]
    return "number" if isinstance(value, int | float) else type(value).__name__


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _WireError("type", f"expected string, got {json_type(value)}")


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        return value
    raise _WireError("type", f"expected integer, got {json_type(value)}")


def _structure_float(value: object, _: object) -> float:
    # a whole number stays whole here: the model's own converter decides what it becomes
    if type(value) in (int, float):
        return value  # type: ignore[return-value]
    raise _WireError("type", f"expected number, got {json_type(value)}")


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _WireError("type", f"expected boolean, got {json_type(value)}")


def _structure_date(value: object, _: object) -> date:
    if type(value) is str and len(value) == 10 and value[4] == "-" and value[7] == "-":
        try:
            return date.fromisoformat(value)
        except ValueError:
            pass
    raise _WireError("date", "expected a date written YYYY-MM-DD")


def _structure_time(value: object, _: object) -> time:
    if type(value) is str:
        try:
            moment = time.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is None:
                return moment
    raise _WireError("time", "expected a time of day written HH:MM:SS, without a zone")


def _structure_datetime(value: object, _: object) -> datetime:
    if type(value) is str and "T" in value:
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            pass
        else:
            if moment.tzinfo is not None:
                return moment
    raise _WireError("datetime", "expected a date and time with its UTC offset (ISO 8601)")


def _structure_area_ref(value: object, _: object) -> AreaRef:
    if type(value) is not str:
        raise _WireError("type", f"expected string, got {json_type(value)}")
    return AreaRef.parse(value)


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, converter: cattrs.Converter, *, detailed: bool) -> Callable[..., Any]:
    item_type = get_args(tp)[0]
    structure_item = converter.get_structure_hook(item_type)

    def fast(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _WireError("type", f"expected array, got {json_type(value)}")
        return tuple([structure_item(item, item_type) for item in value])

    def detailed_hook(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _WireError("type", f"expected array, got {json_type(value)}")
        items, errors = [], []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as exc:  # noqa: BLE001  (collected and reported with its path)
                note = IterableValidationNote(f"Structuring item @ index {index}", index, item_type)
                exc.__notes__ = [*getattr(exc, "__notes__", []), note]
                errors.append(exc)
        if errors:
            raise IterableValidationError("While structuring a tuple", errors, tp)
        return tuple(items)

    return detailed_hook if detailed else fast


def _is_enum(tp: Any) -> bool:
    return isinstance(tp, type) and issubclass(tp, Enum)


def _enum_hook(cls: type[Enum], _: cattrs.Converter) -> Callable[..., Any]:
    # A dict lookup; the enum's own call (which names the allowed values) only on a miss.
    members = cls._value2member_map_

    def structure(value: object, _: object) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            return cls(value)

    return structure


def _is_optional(tp: Any) -> bool:
    args = get_args(tp)
    return len(args) == 2 and type(None) in args and get_origin(tp) in (Union, UnionType)


def _optional_hook(tp: Any, converter: cattrs.Converter) -> Callable[..., Any]:
    # One closure per optional type: cattrs' generic optional hook dispatches on every call.
    (inner,) = (arg for arg in get_args(tp) if arg is not type(None))
    structure_inner = converter.get_structure_hook(inner)

    def structure(value: object, _: object) -> Any:
        return None if value is None else structure_inner(value, inner)

    return structure


def _detailed_object_hook(cls: type[Any], converter: cattrs.Converter) -> Callable[..., Any]:
    """Structure field by field, collecting every problem, for documents that failed to load.

    Unlike the generated structuring function, it still runs the validator of every field that
    did build when another field failed, so one pass reports a bad id beside a missing name.
    """
    # derived fields (init=False: an index, a cache) are never read
    fields = tuple(field for field in attrs.fields(attrs.resolve_types(cls)) if field.init)
    names = frozenset(field.name for field in fields)
    hooks = {field.name: (converter.get_structure_hook(field.type), field.type) for field in fields}

    def note(name: str) -> AttributeValidationNote:
        return AttributeValidationNote(f"Structuring {cls.__name__} @ {name}", name, None)

    def structure(value: object, _: object) -> Any:
        if type(value) is not dict:
            raise _WireError("type", f"expected object, got {json_type(value)}")
        # (field position, error): reported in field order, unknown keys last.
        errors: list[tuple[int, Exception]] = []
        built: dict[str, Any] = {}
        for position, field in enumerate(fields):
            if field.name not in value:
                if field.default is attrs.NOTHING:
                    errors.append((position, _with_note(KeyError(field.name), note(field.name))))
                continue
            hook, field_type = hooks[field.name]
            try:
                built[field.name] = hook(value[field.name], field_type)
            except Exception as exc:  # noqa: BLE001  (collected and reported with its path)
                errors.append((position, _with_note(exc, note(field.name))))
        extra = set(value) - names
        if extra:
            errors.append((len(fields), ForbiddenExtraKeysError("", cls, extra)))
        if not errors:
            try:
                return cls(**built)
            except Exception as exc:  # noqa: BLE001  (collected and reported with its path)
                errors.append((0, exc))
        else:
            errors.extend(_field_validator_errors(cls, fields, built))
        errors.sort(key=lambda item: item[0])
        raise ClassValidationError(
            f"While structuring {cls.__name__}", [exc for _, exc in errors], cls
        )

    return structure


def _with_note(exc: Exception, note: str) -> Exception:
    exc.__notes__ = [*getattr(exc, "__notes__", []), note]
    return exc


def _field_validator_errors(
    cls: type[Any], fields: tuple[attrs.Attribute[Any], ...], built: dict[str, Any]
) -> list[tuple[int, Exception]]:
    """Run the validators of the fields that built, on a partial instance."""
    partial_instance = object.__new__(cls)
    for name, value in built.items():
        object.__setattr__(partial_instance, name, value)
    errors: list[tuple[int, Exception]] = []
    for position, field in enumerate(fields):
        if field.name in built and field.validator is not None:
            try:
                field.validator(partial_instance, field, built[field.name])
            except ValidationError as exc:
                errors.append((position, exc))
            except AttributeError:
                continue  # the validator compares with a field that did not build
    return errors


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(date, _structure_date)
    converter.register_unstructure_hook(date, date.isoformat)
    converter.register_structure_hook(time, _structure_time)
    converter.register_unstructure_hook(time, time.isoformat)
    converter.register_structure_hook(datetime, _structure_datetime)
    converter.register_unstructure_hook(datetime, datetime.isoformat)
    converter.register_structure_hook(AreaRef, _structure_area_ref)
    converter.register_unstructure_hook(AreaRef, str)
    converter.register_structure_hook_factory(
        _is_homogeneous_tuple, partial(_tuple_hook, detailed=detailed)
    )
    converter.register_structure_hook_factory(_is_optional, _optional_hook)
    converter.register_structure_hook_factory(_is_enum, _enum_hook)
    if detailed:
        converter.register_structure_hook_factory(attrs.has, _detailed_object_hook)
    # The fast converter uses cattrs' generated functions as they are: input that is not an
    # object fails there too, and the detailed converter then says precisely why.
    converter.register_structure_hook_factory(_reads_itself, _own_read_hook)
    return converter


def _reads_itself(tp: Any) -> bool:
    entry = registry.entry_of(tp) if isinstance(tp, type) else None
    return entry is not None and entry.read is not None


def _own_read_hook(cls: type[Any]) -> Callable[..., Any]:
    """A model registered with its own ``read``: hand it the body and the caller's options."""
    read = cast("registry.ModelEntry", registry.entry_of(cls)).read
    assert read is not None  # noqa: S101  (the predicate above)

    def structure_own(value: object, _: object) -> Any:
        if type(value) is not dict:
            raise _WireError("type", f"expected object, got {json_type(value)}")
        return read(value, registry.Reading(structure=_nested, options=_OPTIONS.get()))

    return structure_own


# What the caller of a read passed (mediation ladders), for the models that read themselves.
_OPTIONS: ContextVar[Mapping[str, Any]] = ContextVar("options", default=MappingProxyType({}))


def _nested(data: object, cls: type[_T], *, path: str) -> _T:
    """Structure a value inside a model's own ``read``, with its problems located at ``path``."""
    return structure(data, cls, path=path, options=_OPTIONS.get())


# The fast converter loads valid documents; only when it fails is the input structured again
# with the detailed converter, which collects every problem with its path.
_FAST = _make_converter(detailed=False)
_DETAILED = _make_converter(detailed=True)


def structure(
    data: object, cls: type[_T], *, path: str = "$", options: Mapping[str, Any] | None = None
) -> _T:
    """Build ``cls`` from JSON-ready ``data``, or raise one DocumentError with every problem."""
    if not isinstance(options, MappingProxyType):  # the readers pass a frozen mapping already
        options = MappingProxyType(dict(options or {}))
    token = _OPTIONS.set(options)
    try:
        with collector_paused():
            return _structure(data, cls, path)
    finally:
        _OPTIONS.reset(token)


def _structure(data: object, cls: type[_T], path: str) -> _T:
    try:
        result: _T = _FAST.structure(data, cls)
    except DocumentError as exc:
        # A model that reads itself locates its problems from its own ``$``; nested in
        # another model (a boundary in a drawing), it is structured again to say where.
        if _reads_itself(cls):
            raise DocumentError(relocated(exc.problems, path)) from None
    except Exception:  # noqa: BLE001, S110  (structured again below, for every problem)
        pass
    else:
        return result
    try:
        _DETAILED.structure(data, cls)
    except Exception as exc:  # noqa: BLE001  (collected and reported with its path)
        problems = list(_problems(exc, "$"))
        entry = registry.entry_of(cls)
        if entry is not None and entry.raw_problems is not None and type(data) is dict:
            problems = entry.raw_problems(data, problems)
        raise DocumentError(relocated(problems, path)) from None
    raise AssertionError(
        "unreachable: detailed structuring accepted what the fast one refused"
    )  # pragma: no cover


def relocated(problems: Iterable[Problem], path: str) -> list[Problem]:
    """Problems found at ``$`` of a value, moved to where the value stands (``path``)."""
    return [Problem(path + p.path[1:], p.rule, p.reason) for p in problems]


def _located(exc: BaseException, path: str) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f"{path}.{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(exc, DocumentError):
        yield from relocated(exc.problems, path)
    elif isinstance(exc, BaseValidationError):
        # In the order raised (field order), each located by its cattrs note when it has one.
        for sub in exc.exceptions:
            yield from _problems(sub, _located(sub, path))
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(member_path(path, key), "unknown_field", "unknown field")
    elif isinstance(exc, ValidationError):
        yield Problem(path if exc.field is None else f"{path}.{exc.field}", exc.rule, exc.reason)
    elif isinstance(exc, _WireError):
        yield Problem(path, exc.rule, exc.reason)
    elif isinstance(exc, KeyError):
        yield Problem(path, "required", "required field is missing")
    else:  # pragma: no cover - a defect in a hook; never echo a foreign message
        yield Problem(path, "invalid", f"invalid value ({type(exc).__name__})")


def parse(data: str | bytes) -> object:
    """The JSON value of ``data``, or a DocumentError saying why it is not JSON.

    A key repeated in one object is refused (RFC 8259 leaves its meaning open; a reader that
    kept the last value would let a document say two things), and so is nesting deeper than
    the 1,000 levels no document of the library comes near.
    """
    if not isinstance(data, str | bytes | bytearray):
        reason = f"expected JSON text (str or bytes), got {type(data).__name__}"
        raise DocumentError([Problem("$", "json", reason)])
    try:
        if orjson is not None:
            value = orjson.loads(data)
            if _may_repeat_a_key(data, value):
                _strict_parse(data)  # finds the repeated key, which orjson kept silently
            return value
        return _strict_parse(data)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    except UnicodeDecodeError:
        reason = "not valid JSON: the bytes are not UTF-8"
    except RecursionError:
        reason = "not valid JSON: nested too deeply"
    except _RepeatedKeyError as exc:
        reason = f"the key {shown(exc.key)} appears twice in one object"
        raise DocumentError([Problem("$", "repeated_key", reason)]) from None
    raise DocumentError([Problem("$", "json", reason)]) from None


class _RepeatedKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:  # pragma: no branch - a repeated key is there
            if key in seen:
                raise _RepeatedKeyError(key)
            seen.add(key)
    return found


def _finite(text: str) -> float:
    number = float(text)
    if math.isinf(number):
        raise json.JSONDecodeError("number is too large", text, 0)
    return number


def _no_constant(name: str) -> None:
    raise json.JSONDecodeError(f"{name} is not JSON", name, 0)


def _strict_parse(data: str | bytes | bytearray) -> object:
    """The standard library's parser, held to what orjson accepts, refusing repeated keys."""
    text = data if isinstance(data, str) else bytes(data).decode("utf-8")
    return json.loads(
        text, object_pairs_hook=_unique_keys, parse_float=_finite, parse_constant=_no_constant
    )


def _may_repeat_a_key(data: str | bytes | bytearray, value: object) -> bool:
    """Whether the text may hold a key twice in one object, which orjson resolves silently.

    Without a backslash, the text's strings are written back by orjson character for
    character, so every colon of the text comes back unless a repeated key (and its colon) was
    dropped: counting colons, in C, decides. A text with escapes is read again strictly.
    """
    if isinstance(data, str):
        return "\\" in data or data.count(":") != orjson.dumps(value).count(b":")
    raw = bytes(data)
    return b"\\" in raw or raw.count(b":") != orjson.dumps(value).count(b":")


def _field_reader(cls: type[Any]) -> Callable[[Any], dict[str, Any]]:
    """A function reading an attrs instance into a dict of its fields, in field order.

    Generated once per class (as attrs and cattrs generate their own methods): a literal dict
    display is about twice as fast as any generic loop, and writing is dominated by it. Nested
    models (a period, a provenance) are read inline, saving the encoder a call back per value.
    Collections stay tuples of models, which the encoder reads one by one as it writes:
    reading them all into dicts first would hold every dict alive at once.
    """
    source = f"lambda o: {_dict_display(cls, 'o')}"
    reader: Callable[[Any], dict[str, Any]] = eval(source, {})  # noqa: S307  (field names only)
    return reader


def _dict_display(cls: type[Any], access: str) -> str:
    items = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        if not field.init:
            continue  # derived (an index, a cache): rebuilt when the model is read back
        value = f"{access}.{field.name}"
        nested = _inline_model(field.type)
        if nested is not None:
            display = _dict_display(nested, value)
            if type(None) in get_args(field.type):
                display = f"(None if {value} is None else {display})"
            value = display
        elif field.type is datetime:
            # written here, not by orjson, which rounds a UTC offset with seconds
            value = f"{value}.isoformat()"
        elif _is_optional(field.type) and datetime in get_args(field.type):
            value = f"(None if {value} is None else {value}.isoformat())"
        items.append(f"{field.name!r}: {value}")
    return "{" + ", ".join(items) + "}"


def _inline_model(tp: Any) -> type[Any] | None:
    """The attrs class a field holds (alone or optional), unless it is written its own way.

    A value written as text (an area reference) or by its model's own ``write`` (a boundary)
    is left to :func:`plain`.
    """
    candidates = (
        [arg for arg in get_args(tp) if arg is not type(None)] if _is_optional(tp) else [tp]
    )
    if len(candidates) != 1 or not attrs.has(candidates[0]) or candidates[0] in _WRITERS:
        return None
    entry = registry.entry_of(candidates[0])
    if entry is not None and entry.write is not None:
        return None
    return cast("type[Any]", candidates[0])


def _tagged_model(value: registry.Tagged) -> dict[str, Any]:
    return {"type": value.model.KIND, **plain(value.model)}


# How each non-JSON value is written; attrs classes and enums are added on first sight.
_WRITERS: dict[type[Any], Callable[[Any], Any]] = {
    registry.Tagged: _tagged_model,
    AreaRef: str,
    date: date.isoformat,
    datetime: datetime.isoformat,
    time: time.isoformat,
}


def _writer(cls: type[Any]) -> Callable[[Any], Any]:
    writer = _WRITERS.get(cls)
    if writer is None:
        entry = registry.entry_of(cls)
        if issubclass(cls, Enum):
            writer = _enum_value
        elif entry is not None and entry.write is not None:
            writer = entry.write
        elif attrs.has(cls):
            writer = _field_reader(cls)
        else:
            msg = f"cannot write a {cls.__name__}"
            raise NotAModelError(msg)
        _WRITERS[cls] = writer
    return writer


def plain(value: Any) -> Any:
    """The JSON-ready form of one value that the encoder cannot write by itself.

    orjson writes dicts, lists, tuples, strings, numbers, dates and enums natively and calls
    this for the models; the standard library's encoder also calls it for dates and enums.
    """
    writer = _WRITERS.get(type(value))
    if writer is None:
        writer = _writer(type(value))
    return writer(value)


def _enum_value(member: Enum) -> Any:
    return member.value


def encode(document: dict[str, Any] | list[Any], *, indent: bool) -> str:
    """JSON text of JSON-ready data holding models (compact, or indented by two spaces)."""
    if orjson is not None:
        # A model's datetimes reach the encoder already written (see _dict_display): orjson
        # would round a UTC offset with seconds (historic local mean time) to the minute.
        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(document, default=plain, option=option).decode()
    if indent:
        return json.dumps(document, default=plain, ensure_ascii=False, indent=2)
    return json.dumps(document, default=plain, ensure_ascii=False, separators=(",", ":"))
