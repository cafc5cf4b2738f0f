"""Field validators shared by the models, for the library's models and a host's own.

Every validator has attrs' signature ``(instance, attribute, value)`` and raises
:class:`~community_policing.errors.ValidationError` naming the entity kind (the class's ``KIND``),
its
id when known, the field and the rule. None of them puts the offending value in the message: a
model cannot know whether a caller mistyped a sensitive value into an ordinary field.

Examples:
    >>> from typing import ClassVar
    >>> import attrs
    >>> from community_policing.model import validators as v
    >>> @attrs.frozen
    ... class Beat:
    ...     KIND: ClassVar[str] = "beat"
    ...     id: str = attrs.field(validator=v.identifier)
    ...     name: str = attrs.field(validator=v.text)
    >>> Beat(id="b 1", name="东片")
    Traceback (most recent call last):
    ...
    community_policing.errors.ValidationError: beat: id: must be 1 to 128 visible ...
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, ClassVar, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from community_policing.errors import ValidationError

__all__ = [
    "MAX_COUNT",
    "aware_datetime",
    "calendar_date",
    "count",
    "fail",
    "identifier",
    "instance_of",
    "list_as_tuple",
    "member_of",
    "optional_aware_datetime",
    "optional_calendar_date",
    "optional_count",
    "optional_identifier",
    "optional_metres",
    "optional_text",
    "require_aware",
    "require_date",
    "require_identifier",
    "string",
    "text",
    "time_of_day",
    "time_zone",
    "time_zone_name",
    "tuple_of",
    "unique_identifiers",
    "weekday_tuple",
    "weekdays",
    "whole_as_float",
]

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

    import attrs

    _Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_ID = re.compile(r"\S{1,128}")
_MAX_TEXT = 2000
#: The largest whole number a model holds: every JSON reader keeps integers up to 2**53 - 1
#: exact (RFC 7493), and no count in the field comes near it.
MAX_COUNT = 2**53 - 1
# What no writer can carry faithfully: control characters other than tab and line feed (a
# carriage return comes back from XML as a line feed), lone surrogates (not encodable as
# UTF-8) and the two noncharacters XML forbids.
_UNWRITABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class _HasKind(Protocol):
    KIND: ClassVar[str]


def fail(instance: _HasKind, field: str | None, rule: str, reason: str) -> ValidationError:
    """Build the error for ``instance``; the caller raises it so tracebacks point there.

    Examples:
        >>> from community_policing import Period
        >>> from datetime import date
        >>> str(fail(Period(date(2024, 1, 1)), "end", "rule", "a reason"))
        'period: end: a reason'
    """
    entity_id = getattr(instance, "id", None)
    return ValidationError(
        entity=instance.KIND,
        entity_id=entity_id if isinstance(entity_id, str) else None,  # kept only if shown
        field=field,
        rule=rule,
        reason=reason,
    )


def _type_name(value: object) -> str:
    return type(value).__name__


def string(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A ``str`` (of any content; the other validators check the content).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     name: str = attrs.field(validator=string)
        >>> Beat(5)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: name: expected str, got int
    """
    if not isinstance(value, str):
        raise fail(instance, attribute.name, "type", f"expected str, got {_type_name(value)}")


def identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An id or a reference to one: 1 to 128 visible characters.

    White space, control characters and invisible ones (zero-width spaces, bidi controls,
    lone surrogates) are refused, so ``p-1`` and ``p-1`` followed by a zero-width space cannot
    name two people.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     id: str = attrs.field(validator=identifier)
        >>> Beat("b 1")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: id: must be 1 to 128 visible ...
        >>> Beat("b-1\u200b")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: id: must be 1 to 128 visible ...
    """
    if type(value) is str and _ID.fullmatch(value) and value.isprintable():
        return  # the common case, on every id of a document, without a call more
    problem = _identifier_problem(value)
    if problem is not None:
        raise fail(instance, attribute.name, *problem)


def _identifier_problem(value: object) -> tuple[str, str] | None:
    """(rule, reason) when ``value`` is not an id, else ``None``."""
    if not isinstance(value, str):
        return "type", f"expected str, got {_type_name(value)}"
    if not _ID.fullmatch(value) or not value.isprintable():
        return "identifier", "must be 1 to 128 visible characters without spaces"
    return None


def require_identifier(value: object, *, entity: str, field: str) -> None:
    """Refuse an argument that is not an id (see :func:`identifier`).

    Examples:
        >>> require_identifier("p 1", entity="access", field="subject")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: access: subject: must be 1 to 128 visible ...
    """
    problem = _identifier_problem(value)
    if problem is not None:
        rule, reason = problem
        raise ValidationError(entity=entity, field=field, rule=rule, reason=reason)


def optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`identifier`, or ``None``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     grid: str | None = attrs.field(validator=optional_identifier)
        >>> Beat(None).grid is None
        True
    """
    if value is not None:
        identifier(instance, attribute, value)


def text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Human text: not blank, at most 2,000 characters, and writable by every format.

    Line breaks are line feeds; a carriage return, other control characters, lone
    surrogates and U+FFFE/U+FFFF are refused, since JSON, GraphML or GEXF could not give them
    back unchanged.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     name: str = attrs.field(validator=text)
        >>> Beat("  ")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: name: must not be blank
    """
    string(instance, attribute, value)
    if not value.strip():
        raise fail(instance, attribute.name, "not_blank", "must not be blank")
    if len(value) > _MAX_TEXT:
        raise fail(instance, attribute.name, "max_length", f"longer than {_MAX_TEXT} characters")
    if _UNWRITABLE.search(value) is not None:
        raise fail(
            instance,
            attribute.name,
            "characters",
            "holds a control character, a carriage return or a lone surrogate",
        )


def optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`text`, or ``None``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     note: str | None = attrs.field(validator=optional_text)
        >>> Beat("")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: note: must not be blank
    """
    if value is not None:
        text(instance, attribute, value)


def count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A whole number from zero to :data:`MAX_COUNT` (``bool`` is not a number here).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     people: int = attrs.field(validator=count)
        >>> Beat(-1)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: people: must not be negative
    """
    if type(value) is not int:
        raise fail(instance, attribute.name, "type", f"expected int, got {_type_name(value)}")
    if value < 0:
        raise fail(instance, attribute.name, "non_negative", "must not be negative")
    if value > MAX_COUNT:
        raise fail(instance, attribute.name, "max_count", "larger than 2**53 - 1")


def optional_count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`count`, or ``None``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     people: int | None = attrs.field(validator=optional_count)
        >>> Beat(True)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: people: expected int, got bool
    """
    if value is not None:
        count(instance, attribute, value)


def whole_as_float(value: Any) -> Any:
    """A converter: a whole number becomes a float (so a length reads back equal); else as is.

    Examples:
        >>> whole_as_float(50), whole_as_float(True), whole_as_float("50")
        (50.0, True, '50')
    """
    return float(value) if type(value) is int else value


def optional_metres(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A length in metres, positive and finite (after :func:`whole_as_float`), or ``None``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Lamp:
        ...     KIND = "lamp"
        ...     reach: float | None = attrs.field(converter=whole_as_float,
        ...                                       validator=optional_metres)
        >>> Lamp(0)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: lamp: reach: must be more than zero metres
    """
    if value is None:
        return
    if type(value) is not float or not math.isfinite(value):
        raise fail(instance, attribute.name, "type", "expected a finite number of metres")
    if value <= 0:
        raise fail(instance, attribute.name, "positive", "must be more than zero metres")


def calendar_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.date` (a ``datetime`` is refused: it would carry a time of day).

    Examples:
        >>> import attrs
        >>> from datetime import date, datetime
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     on: date = attrs.field(validator=calendar_date)
        >>> Beat(datetime(2025, 1, 1))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: on: expected date, got datetime
    """
    if type(value) is not date:
        raise fail(instance, attribute.name, "type", f"expected date, got {_type_name(value)}")


def optional_calendar_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`calendar_date`, or ``None``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     on: date | None = attrs.field(validator=optional_calendar_date)
        >>> Beat("2025-01-01")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: on: expected date, got str
    """
    if value is not None:
        calendar_date(instance, attribute, value)


def member_of(enum_type: type[Enum], *, optional: bool = False) -> _Validator:
    """A member of ``enum_type`` (or ``None`` when ``optional``).

    Examples:
        >>> import attrs
        >>> from community_policing import Role
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     role: Role = attrs.field(validator=member_of(Role))
        >>> Beat("grid_worker")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: role: expected Role, got str
    """

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, enum_type):
            raise fail(
                instance,
                attribute.name,
                "type",
                f"expected {enum_type.__name__}, got {_type_name(value)}",
            )

    return validate


def instance_of(cls: type[Any], *, optional: bool = False) -> _Validator:
    """An instance of ``cls`` (or ``None`` when ``optional``).

    Examples:
        >>> import attrs
        >>> from community_policing import Period
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     period: Period = attrs.field(validator=instance_of(Period))
        >>> Beat(None)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: period: expected Period, got NoneType
    """

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is None and optional:
            return
        if not isinstance(value, cls):
            raise fail(
                instance,
                attribute.name,
                "type",
                f"expected {cls.__name__}, got {_type_name(value)}",
            )

    return validate


def unique_identifiers(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A tuple of ids, none of them twice (a list of persons, of parties).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     parties: tuple[str, ...] = attrs.field(validator=unique_identifiers)
        >>> Beat(("p-1", "p-1"))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: parties: names someone twice
    """
    tuple_of(str)(instance, attribute, value)
    for item in value:
        identifier(instance, attribute, item)
    if len(set(value)) != len(value):
        raise fail(instance, attribute.name, "unique", "names someone twice")


def time_of_day(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.time` without a zone (a clock reading of a weekly schedule).

    Examples:
        >>> import attrs
        >>> from datetime import UTC, time
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     start: time = attrs.field(validator=time_of_day)
        >>> Beat(time(9, tzinfo=UTC))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: start: expected a time of day ...
    """
    if type(value) is not time or value.tzinfo is not None:
        raise fail(instance, attribute.name, "type", "expected a time of day without a zone")


def aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.datetime` with a time zone: a moment, not a clock reading.

    Examples:
        >>> import attrs
        >>> from datetime import datetime
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     at: datetime = attrs.field(validator=aware_datetime)
        >>> Beat(datetime(2025, 1, 1, 9))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: at: expected a datetime with a time zone
    """
    if type(value) is not datetime or value.tzinfo is None:
        raise fail(instance, attribute.name, "type", "expected a datetime with a time zone")
    offset = value.utcoffset()
    if offset is not None and offset.microseconds:
        # no zone has one, and ISO 8601 text cannot carry it back
        raise fail(
            instance, attribute.name, "utc_offset", "its UTC offset has a fraction of a second"
        )


def optional_aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`aware_datetime`, or ``None``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     at: datetime | None = attrs.field(validator=optional_aware_datetime)
        >>> Beat(None).at is None
        True
    """
    if value is not None:
        aware_datetime(instance, attribute, value)


def time_zone(name: object, *, entity: str, field: str) -> ZoneInfo:
    """The IANA time zone ``name`` (``"Asia/Shanghai"``), or a ValidationError naming ``field``.

    Examples:
        >>> time_zone("Asia/Shanghai", entity="report", field="timezone").key
        'Asia/Shanghai'
    """
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValidationError(entity=entity, field=field, rule="timezone", reason="unknown time zone")


def time_zone_name(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The name of a known IANA time zone, such as ``"Asia/Shanghai"``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     timezone: str = attrs.field(validator=time_zone_name)
        >>> Beat("Mars/Olympus")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: timezone: unknown time zone
    """
    text(instance, attribute, value)
    time_zone(value, entity=instance.KIND, field=attribute.name)


def require_aware(moment: object, *, entity: str, field: str) -> None:
    """Refuse an argument that is not a datetime with a time zone (a moment, not a reading).

    Examples:
        >>> from datetime import datetime
        >>> require_aware(datetime(2025, 1, 1), entity="office_query", field="at")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: office_query: at: expected a datetime ...
    """
    if type(moment) is not datetime or moment.tzinfo is None:
        raise ValidationError(
            entity=entity, field=field, rule="type", reason="expected a datetime with a time zone"
        )


def require_date(day: object, *, entity: str, field: str) -> None:
    """Refuse an argument that is not exactly a :class:`datetime.date`.

    Examples:
        >>> require_date("2025-01-01", entity="query", field="as_of")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: query: as_of: expected date, got str
    """
    if type(day) is not date:
        raise ValidationError(
            entity=entity, field=field, rule="type", reason=f"expected date, got {_type_name(day)}"
        )


def weekday_tuple(value: Any) -> Any:
    """Converter: a list or range of weekdays becomes a tuple; anything else is judged later.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     days: tuple[int, ...] = attrs.field(converter=weekday_tuple, validator=weekdays)
        >>> Beat(range(5)).days
        (0, 1, 2, 3, 4)
    """
    return tuple(value) if isinstance(value, (list, range)) else value


def weekdays(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty tuple of distinct weekdays, 0 (Monday) to 6 (Sunday).

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     days: tuple[int, ...] = attrs.field(converter=weekday_tuple, validator=weekdays)
        >>> Beat([0, 7])
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: days: needs weekdays 0 (Monday) to ...
    """
    tuple_of(int)(instance, attribute, value)
    if not value or any(type(d) is not int or not 0 <= d <= 6 for d in value):
        raise fail(instance, attribute.name, "weekday", "needs weekdays 0 (Monday) to 6 (Sunday)")
    if len(set(value)) != len(value):
        raise fail(instance, attribute.name, "unique", "names a weekday twice")


def list_as_tuple(value: Any) -> Any:
    """Converter: a list becomes a tuple; anything else is left for the validator to judge.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     ids: tuple[str, ...] = attrs.field(converter=list_as_tuple, validator=tuple_of(str))
        >>> Beat(["p-1", "p-2"]).ids
        ('p-1', 'p-2')
    """
    return tuple(value) if isinstance(value, list) else value


def tuple_of(cls: type[Any]) -> _Validator:
    """A tuple whose items are all instances of ``cls``.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Beat:
        ...     KIND = "beat"
        ...     ids: tuple[str, ...] = attrs.field(validator=tuple_of(str))
        >>> Beat(("p-1", 2))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: beat: ids[1]: expected str, got int
    """

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            raise fail(instance, attribute.name, "type", f"expected tuple, got {_type_name(value)}")
        for index, item in enumerate(value):
            if not isinstance(item, cls):
                raise fail(
                    instance,
                    f"{attribute.name}[{index}]",
                    "type",
                    f"expected {cls.__name__}, got {_type_name(item)}",
                )

    return validate
