"""Field validators shared by the models.

Every validator raises :class:`ValidationError` naming the entity kind, its id when known, the
field and the rule. None of them puts the offending value in the message: a model cannot know
whether a caller mistyped a sensitive value into an ordinary field.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any, ClassVar, Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from community_policing.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

    import attrs

    _Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]

_ID = re.compile(r"\S{1,128}")
_MAX_TEXT = 2000


class _HasKind(Protocol):
    KIND: ClassVar[str]


def fail(instance: _HasKind, field: str | None, rule: str, reason: str) -> ValidationError:
    """Build the error for ``instance``; the caller raises it so tracebacks point there."""
    entity_id = getattr(instance, "id", None)
    return ValidationError(
        entity=instance.KIND,
        entity_id=entity_id if isinstance(entity_id, str) and _ID.fullmatch(entity_id) else None,
        field=field,
        rule=rule,
        reason=reason,
    )


def _type_name(value: object) -> str:
    return type(value).__name__


def string(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A ``str`` (of any content; the other validators check the content)."""
    if not isinstance(value, str):
        raise fail(instance, attribute.name, "type", f"expected str, got {_type_name(value)}")


def identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """An id or a reference to one: 1 to 128 characters, no white space."""
    string(instance, attribute, value)
    if not _ID.fullmatch(value):
        raise fail(
            instance, attribute.name, "identifier", "must be 1 to 128 characters without spaces"
        )


def optional_identifier(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`identifier`, or ``None``."""
    if value is not None:
        identifier(instance, attribute, value)


def text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Human text: not blank, at most 2,000 characters."""
    string(instance, attribute, value)
    if not value.strip():
        raise fail(instance, attribute.name, "not_blank", "must not be blank")
    if len(value) > _MAX_TEXT:
        raise fail(instance, attribute.name, "max_length", f"longer than {_MAX_TEXT} characters")


def optional_text(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`text`, or ``None``."""
    if value is not None:
        text(instance, attribute, value)


def count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A whole number that is zero or more (``bool`` is not a number here)."""
    if type(value) is not int:
        raise fail(instance, attribute.name, "type", f"expected int, got {_type_name(value)}")
    if value < 0:
        raise fail(instance, attribute.name, "non_negative", "must not be negative")


def optional_count(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`count`, or ``None``."""
    if value is not None:
        count(instance, attribute, value)


def calendar_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.date` (a ``datetime`` is refused: it would carry a time of day)."""
    if type(value) is not date:
        raise fail(instance, attribute.name, "type", f"expected date, got {_type_name(value)}")


def optional_calendar_date(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`calendar_date`, or ``None``."""
    if value is not None:
        calendar_date(instance, attribute, value)


def member_of(enum_type: type[Enum], *, optional: bool = False) -> _Validator:
    """A member of ``enum_type`` (or ``None`` when ``optional``)."""

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
    """An instance of ``cls`` (or ``None`` when ``optional``)."""

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
    """A tuple of ids, none of them twice (a list of persons, of parties)."""
    tuple_of(str)(instance, attribute, value)
    for item in value:
        identifier(instance, attribute, item)
    if len(set(value)) != len(value):
        raise fail(instance, attribute.name, "unique", "names someone twice")


def time_of_day(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.time` without a zone (a clock reading of a weekly schedule)."""
    if type(value) is not time or value.tzinfo is not None:
        raise fail(instance, attribute.name, "type", "expected a time of day without a zone")


def aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A :class:`datetime.datetime` with a time zone: a moment, not a clock reading."""
    if type(value) is not datetime or value.tzinfo is None:
        raise fail(instance, attribute.name, "type", "expected a datetime with a time zone")


def optional_aware_datetime(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """Like :func:`aware_datetime`, or ``None``."""
    if value is not None:
        aware_datetime(instance, attribute, value)


def time_zone(name: object, *, entity: str, field: str) -> ZoneInfo:
    """The IANA time zone ``name`` (``"Asia/Shanghai"``), or a ValidationError naming ``field``."""
    if isinstance(name, str) and name.strip():
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            pass
    raise ValidationError(entity=entity, field=field, rule="timezone", reason="unknown time zone")


def weekday_tuple(value: Any) -> Any:
    """Converter: a list or range of weekdays becomes a tuple; anything else is judged later."""
    return tuple(value) if isinstance(value, (list, range)) else value


def weekdays(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """A non-empty tuple of distinct weekdays, 0 (Monday) to 6 (Sunday)."""
    tuple_of(int)(instance, attribute, value)
    if not value or any(type(d) is not int or not 0 <= d <= 6 for d in value):
        raise fail(instance, attribute.name, "weekday", "needs weekdays 0 (Monday) to 6 (Sunday)")
    if len(set(value)) != len(value):
        raise fail(instance, attribute.name, "unique", "names a weekday twice")


def list_as_tuple(value: Any) -> Any:
    """Converter: a list becomes a tuple; anything else is left for the validator to judge."""
    return tuple(value) if isinstance(value, list) else value


def tuple_of(cls: type[Any]) -> _Validator:
    """A tuple whose items are all instances of ``cls``."""

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
