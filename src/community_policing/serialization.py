"""Lossless JSON interchange for every model and for whole jurisdiction documents.

A document is a JSON object with two reserved keys beside the model's own fields: ``type``,
the stable tag of the model (``"person"``, ``"jurisdiction"``, ...), and ``schema_version``.
``loads(dumps(x)) == x`` for every model.

Loading is strict: unknown keys, wrong JSON types, missing fields, invalid values, dangling
references, duplicate ids and a wrong schema version are all refused with one
:class:`~community_policing.DocumentError` that lists every problem with its JSON path.
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

import json
import os
from datetime import date, datetime, time
from enum import Enum
from functools import partial
from pathlib import Path
from types import UnionType
from typing import IO, TYPE_CHECKING, Any, TypeVar, Union, cast, get_args, get_origin, overload

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

from community_policing._collector import collector_paused
from community_policing.errors import (
    CommunityPolicingError,
    DocumentError,
    Problem,
    ValidationError,
)
from community_policing.floorplans import FloorPlan, UnitRecord
from community_policing.jurisdiction import (
    AREA_REFERENCES,
    COLLECTIONS,
    Jurisdiction,
    in_document_order,
    integrity_problems,
)
from community_policing.mediation import (
    CASE_EVENTS,
    DEFAULT_LADDER,
    Agreement,
    Dispute,
    MediationCase,
    MediationLadder,
    Mediator,
)
from community_policing.outreach import OnlineGroup, SchoolSession
from community_policing.patrol import PatrolShift, PatrolZone, ShiftException
from community_policing.periods import Period, Provenance
from community_policing.prevention import Camera, Incident, PatrolNet
from community_policing.recovery import RecoveryCase
from community_policing.response import Call, SchoolSafetyPost
from community_policing.services import (
    Appointment,
    AppointmentBook,
    InteractionRecord,
    Roster,
    ServiceLedger,
    ServiceRecord,
    WorkingHours,
)
from community_policing.territory import AreaRef
from community_policing.tips import Tip

try:  # the optional fast path
    import orjson
except ImportError:  # pragma: no cover - exercised only without the orjson extra
    orjson = None  # type: ignore[assignment]

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator

__all__ = [
    "MODELS",
    "NotAModelError",
    "SCHEMA_VERSION",
    "dump",
    "dumps",
    "from_data",
    "load",
    "loads",
    "loads_case",
    "to_data",
]

#: The version of the document format this library writes and reads.
SCHEMA_VERSION = 1

#: Every model that can stand as a document, by its stable type tag.
MODELS: dict[str, type[Any]] = {
    Jurisdiction.KIND: Jurisdiction,
    Period.KIND: Period,
    Provenance.KIND: Provenance,
    **{cls.KIND: cls for cls in COLLECTIONS.values()},
    **{cls.KIND: cls for cls in CASE_EVENTS},
    Dispute.KIND: Dispute,
    Agreement.KIND: Agreement,
    Mediator.KIND: Mediator,
    MediationCase.KIND: MediationCase,
    **{
        cls.KIND: cls
        for cls in (
            WorkingHours,
            Roster,
            Appointment,
            AppointmentBook,
            ServiceRecord,
            ServiceLedger,
            InteractionRecord,
            UnitRecord,
            FloorPlan,
            Tip,
            SchoolSession,
            OnlineGroup,
            PatrolZone,
            PatrolShift,
            ShiftException,
            Incident,
            Camera,
            PatrolNet,
            Call,
            SchoolSafetyPost,
            RecoveryCase,
        )
    },
}

_RESERVED = ("type", "schema_version")
_T = TypeVar("_T")


class NotAModelError(CommunityPolicingError, TypeError):
    """:func:`dumps` was given something that is not one of the library's models.

    Examples:
        >>> from community_policing import NotAModelError, dumps
        >>> try:
        ...     dumps({"id": "p-1"})
        ... except NotAModelError as error:
        ...     print(str(error)[:22])
        cannot write a dict; e
    """


class _WireError(Exception):
    """A value of the wrong JSON shape; the message names types, never values."""

    def __init__(self, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.rule = rule
        self.reason = reason


def _json_type(value: object) -> str:
    names = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}
    if type(value) in names:
        return names[type(value)]
    return "number" if isinstance(value, int | float) else type(value).__name__


def _structure_str(value: object, _: object) -> str:
    if type(value) is str:
        return value
    raise _WireError("type", f"expected string, got {_json_type(value)}")


def _structure_int(value: object, _: object) -> int:
    if type(value) is int:
        return value
    raise _WireError("type", f"expected integer, got {_json_type(value)}")


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is bool:
        return value
    raise _WireError("type", f"expected boolean, got {_json_type(value)}")


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
        raise _WireError("type", f"expected string, got {_json_type(value)}")
    return AreaRef.parse(value)


def _is_homogeneous_tuple(tp: Any) -> bool:
    args = get_args(tp)
    return get_origin(tp) is tuple and len(args) == 2 and args[1] is Ellipsis


def _tuple_hook(tp: Any, converter: cattrs.Converter, *, detailed: bool) -> Callable[..., Any]:
    item_type = get_args(tp)[0]
    structure_item = converter.get_structure_hook(item_type)

    def fast(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _WireError("type", f"expected array, got {_json_type(value)}")
        return tuple([structure_item(item, item_type) for item in value])

    def detailed_hook(value: object, _: object) -> tuple[Any, ...]:
        if type(value) is not list:
            raise _WireError("type", f"expected array, got {_json_type(value)}")
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
            raise _WireError("type", f"expected object, got {_json_type(value)}")
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
            except Exception as exc:  # noqa: BLE001
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
    return converter


# The fast converter loads valid documents; only when it fails is the input structured again
# with the detailed converter, which collects every problem with its path.
_FAST = _make_converter(detailed=False)
_DETAILED = _make_converter(detailed=True)


def _located(exc: BaseException, path: str) -> str:
    for note in getattr(exc, "__notes__", ()):
        if isinstance(note, AttributeValidationNote):
            return f"{path}.{note.name}"
        if isinstance(note, IterableValidationNote):
            return f"{path}[{note.index}]"
    return path


def _problems(exc: BaseException, path: str) -> Iterator[Problem]:
    if isinstance(exc, DocumentError):
        yield from _relocated(exc.problems, path)
    elif isinstance(exc, BaseValidationError):
        # In the order raised (field order), each located by its cattrs note when it has one.
        for sub in exc.exceptions:
            yield from _problems(sub, _located(sub, path))
    elif isinstance(exc, ForbiddenExtraKeysError):
        for key in sorted(exc.extra_fields):
            yield Problem(f"{path}.{key}", "unknown_field", "unknown field")
    elif isinstance(exc, ValidationError):
        yield Problem(path if exc.field is None else f"{path}.{exc.field}", exc.rule, exc.reason)
    elif isinstance(exc, _WireError):
        yield Problem(path, exc.rule, exc.reason)
    elif isinstance(exc, KeyError):
        yield Problem(path, "required", "required field is missing")
    else:  # pragma: no cover - a defect in a hook; never echo a foreign message
        yield Problem(path, "invalid", f"invalid value ({type(exc).__name__})")


# Rules that the Jurisdiction itself reports once every record has been built.
_INTEGRITY_RULES = frozenset({"duplicate_id", "reference", "whole_units", "compound_in_community"})


_AREA_FIELDS = frozenset(field for _, field in AREA_REFERENCES)


def _raw_field(record: object, field: str) -> Any:
    """A readable id or reference of a raw JSON record, or ``None``."""
    if type(record) is not dict:
        return None
    value = record.get(field)
    if type(value) is not str:
        return None
    if field in _AREA_FIELDS:
        try:
            return AreaRef.parse(value)
        except ValidationError:
            return None
    return value


def _raw_integrity_problems(body: dict[str, Any]) -> list[Problem]:
    """References and ids checked on raw records, for a document that did not structure."""
    # An unreadable collection stands as one unreadable record, so nothing refers into it.
    collections = {
        name: items if type(items := body.get(name, [])) is list else [None] for name in COLLECTIONS
    }
    return integrity_problems(collections, _raw_field)


def _parse(data: str | bytes) -> object:
    if not isinstance(data, str | bytes | bytearray):
        reason = f"expected JSON text (str or bytes), got {type(data).__name__}"
        raise DocumentError([Problem("$", "json", reason)])
    try:
        if orjson is not None:
            return orjson.loads(data)
        return json.loads(data)
    except json.JSONDecodeError as exc:
        reason = f"not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
    except UnicodeDecodeError:
        reason = "not valid JSON: the bytes are not UTF-8"
    raise DocumentError([Problem("$", "json", reason)]) from None


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
        items.append(f"{field.name!r}: {value}")
    return "{" + ", ".join(items) + "}"


def _inline_model(tp: Any) -> type[Any] | None:
    """The attrs class a field holds (alone or optional), unless it is written as text."""
    candidates = (
        [arg for arg in get_args(tp) if arg is not type(None)] if _is_optional(tp) else [tp]
    )
    if len(candidates) == 1 and attrs.has(candidates[0]) and candidates[0] not in _WRITERS:
        return cast("type[Any]", candidates[0])
    return None


# How each non-JSON value is written; attrs classes and enums are added on first sight.
_WRITERS: dict[type[Any], Callable[[Any], Any]] = {
    AreaRef: str,
    date: date.isoformat,
    datetime: datetime.isoformat,
    time: time.isoformat,
}


def _writer(cls: type[Any]) -> Callable[[Any], Any]:
    writer = _WRITERS.get(cls)
    if writer is None:
        if issubclass(cls, Enum):
            writer = _enum_value
        elif attrs.has(cls):
            writer = _field_reader(cls)
        else:
            msg = f"cannot write a {cls.__name__}"
            raise NotAModelError(msg)
        _WRITERS[cls] = writer
    return writer


def _plain(value: Any) -> Any:
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


def _encode(document: dict[str, Any], *, indent: bool) -> str:
    if orjson is not None:
        option = orjson.OPT_INDENT_2 if indent else 0
        return orjson.dumps(document, default=_plain, option=option).decode()
    if indent:
        return json.dumps(document, default=_plain, ensure_ascii=False, indent=2)
    return json.dumps(document, default=_plain, ensure_ascii=False, separators=(",", ":"))


def _header_problems(raw: dict[str, Any], expected: type[Any] | None) -> list[Problem]:
    problems = []
    version = raw.get("schema_version")
    if "schema_version" not in raw:
        problems.append(Problem("$.schema_version", "required", "required field is missing"))
    elif type(version) is not int or version != SCHEMA_VERSION:
        shown = repr(version)[:20]
        problems.append(
            Problem(
                "$.schema_version",
                "schema_version",
                f"unsupported schema version {shown}; this library reads {SCHEMA_VERSION}",
            )
        )
    tag = raw.get("type")
    if "type" not in raw:
        problems.append(Problem("$.type", "required", "required field is missing"))
    elif type(tag) is not str or tag not in MODELS:
        problems.append(
            Problem(
                "$.type", "type_tag", f"unknown type; expected one of {', '.join(sorted(MODELS))}"
            )
        )
    elif expected is not None and MODELS[tag] is not expected:
        problems.append(
            Problem(
                "$.type", "type_tag", f"expected {getattr(expected, 'KIND', '?')!r}, got {tag!r}"
            )
        )
    return problems


def _structure_document(
    raw: object, expected: type[Any] | None, ladders: Iterable[MediationLadder] = (DEFAULT_LADDER,)
) -> Any:
    if type(raw) is not dict:
        raise DocumentError([Problem("$", "type", f"expected object, got {_json_type(raw)}")])
    problems = _header_problems(raw, expected)
    if problems:
        raise DocumentError(problems)
    body = {key: value for key, value in raw.items() if key not in _RESERVED}
    if raw["type"] == MediationCase.KIND:
        return _structure_case(body, {ladder.id: ladder for ladder in ladders})
    return from_data(body, MODELS[raw["type"]])


_EVENT_KINDS: dict[str, type[Any]] = {cls.KIND: cls for cls in CASE_EVENTS}


def _structure_case(body: dict[str, Any], ladders: dict[str, MediationLadder]) -> MediationCase:
    """A case from its log: every event built, then replayed through the case's rules."""
    problems = [
        Problem(f"$.{key}", "unknown_field", "unknown field")
        for key in sorted(body)
        if key not in ("ladder", "events")
    ]
    ladder = ladders.get(body.get("ladder"))  # type: ignore[arg-type]
    if ladder is None:
        known = ", ".join(sorted(ladders))
        problems.append(Problem("$.ladder", "ladder", f"unknown ladder; known: {known}"))
    items = body.get("events")
    if type(items) is not list or not items:
        problems.append(Problem("$.events", "type", "expected a non-empty array of events"))
        raise DocumentError(problems)
    events = []
    for index, item in enumerate(items):
        path = f"$.events[{index}]"
        kind = item.get("type") if type(item) is dict else None
        if kind not in _EVENT_KINDS:
            known = ", ".join(sorted(_EVENT_KINDS))
            problems.append(Problem(f"{path}.type", "type_tag", f"unknown event; one of {known}"))
            continue
        fields = {key: value for key, value in item.items() if key != "type"}
        try:
            events.append(from_data(fields, _EVENT_KINDS[kind], path=path))
        except DocumentError as error:
            problems.extend(error.problems)
    if problems or ladder is None:
        raise DocumentError(problems)
    try:
        return MediationCase.replay(events, ladder)
    except ValidationError as error:
        raise DocumentError([Problem(f"$.{error.field}", error.rule, error.reason)]) from None


def loads_case(data: str | bytes, *, ladders: Iterable[MediationLadder] = ()) -> MediationCase:
    """Read a mediation case written by :func:`dumps`, replaying its log through the rules.

    Args:
        data: JSON text.
        ladders: Ladders the case may name besides the built-in ``DEFAULT_LADDER``.

    Raises:
        DocumentError: every malformed event with its path, or the first event that breaks a
            rule of the case.

    Examples:
        >>> from datetime import date, datetime, time
        >>> from community_policing import (AreaRef, Dispute, DisputeCategory, MediationCase,
        ...     ReportChannel, dumps)
        >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
        ...     parties=("p-a", "p-b"), place=AreaRef.parse("community:v-1"),
        ...     reported_on=date(2023, 5, 6), channel=ReportChannel.TIP))
        >>> case = case.withdraw(date(2023, 5, 8), "双方自行和解")
        >>> loads_case(dumps(case)) == case
        True
    """
    return _structure_document(_parse(data), MediationCase, (DEFAULT_LADDER, *ladders))  # type: ignore[no-any-return]


def from_data(data: object, cls: type[_T], *, path: str = "$") -> _T:
    """Build a model from JSON-ready data (no envelope), as :func:`loads` does.

    Raises:
        DocumentError: every problem, with JSON paths starting at ``path``.

    Examples:
        >>> from community_policing import Period
        >>> from_data({"start": "2024-01-01", "end": None}, Period)
        Period(start=datetime.date(2024, 1, 1), end=None)
    """
    with collector_paused():
        try:
            result: _T = _FAST.structure(data, cls)
        except DocumentError as exc:
            raise DocumentError(_relocated(exc.problems, path)) from None
        except Exception:  # noqa: BLE001, S110  (structured again below, for every problem)
            pass
        else:
            return result
        try:
            _DETAILED.structure(data, cls)
        except Exception as exc:  # noqa: BLE001
            problems = list(_problems(exc, "$"))
            if (
                cls is Jurisdiction
                and type(data) is dict
                and not any(p.rule in _INTEGRITY_RULES for p in problems)
            ):
                problems.extend(_raw_integrity_problems(data))
            raise DocumentError(_relocated(in_document_order(problems), path)) from None
        raise AssertionError(
            "unreachable: detailed structuring accepted what the fast one refused"
        )  # pragma: no cover


def _relocated(problems: Iterable[Problem], path: str) -> list[Problem]:
    return [Problem(path + p.path[1:], p.rule, p.reason) for p in problems]


def to_data(model: object) -> dict[str, Any]:
    """A model as JSON-ready data (no envelope): what :func:`dumps` writes, as Python values.

    Examples:
        >>> from datetime import date, datetime, time
        >>> from community_policing import Period
        >>> to_data(Period(date(2024, 1, 1)))
        {'start': '2024-01-01', 'end': None}
    """
    data: dict[str, Any] = json.loads(_encode(_plain(model), indent=False))
    return data


@overload
def loads(data: str | bytes) -> Any: ...
@overload
def loads(data: str | bytes, cls: type[_T]) -> _T: ...
def loads(data: str | bytes, cls: type[Any] | None = None) -> Any:
    """Read a document written by :func:`dumps`.

    Args:
        data: JSON text (``str`` or UTF-8 ``bytes``).
        cls: The model expected; when given, a document of another type is refused.

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
    return _structure_document(_parse(data), cls)


def dumps(model: object, *, indent: bool = False) -> str:
    """Write a model (or a whole :class:`~community_policing.Jurisdiction`) as JSON text.

    Args:
        model: Any model listed in :data:`MODELS`.
        indent: Pretty-print with two spaces.

    Raises:
        NotAModelError: ``model`` is not one of the library's document models.

    Examples:
        >>> from datetime import date, datetime, time
        >>> from community_policing import Period, dumps
        >>> dumps(Period(date(2024, 1, 1)))
        '{"type":"period","schema_version":1,"start":"2024-01-01","end":null}'
    """
    tag = getattr(type(model), "KIND", None)
    if not isinstance(tag, str) or MODELS.get(tag) is not type(model):
        msg = f"cannot write a {type(model).__name__}; expected one of {', '.join(sorted(MODELS))}"
        raise NotAModelError(msg)
    document: dict[str, Any] = {"type": tag, "schema_version": SCHEMA_VERSION}
    if isinstance(model, MediationCase):
        document["ladder"] = model.ladder.id
        document["events"] = [{"type": event.KIND, **_plain(event)} for event in model.events]
    else:
        document.update(_plain(model))
    return _encode(document, indent=indent)


def dump(model: object, target: str | os.PathLike[str] | IO[str], *, indent: bool = False) -> None:
    """Write ``model`` as JSON to a path or an open text file.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from community_policing import dump, load, sample_jurisdiction
        >>> with tempfile.TemporaryDirectory() as folder:
        ...     path = Path(folder) / "sample.json"
        ...     dump(sample_jurisdiction(), path, indent=True)
        ...     load(path) == sample_jurisdiction()
        True
    """
    text = dumps(model, indent=indent)
    if isinstance(target, str | os.PathLike):
        Path(target).write_text(text, encoding="utf-8")
    else:
        target.write(text)


@overload
def load(source: str | os.PathLike[str] | IO[str] | IO[bytes]) -> Any: ...
@overload
def load(source: str | os.PathLike[str] | IO[str] | IO[bytes], cls: type[_T]) -> _T: ...
def load(source: str | os.PathLike[str] | IO[str] | IO[bytes], cls: type[Any] | None = None) -> Any:
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
    return loads(data, cls) if cls is not None else loads(data)
