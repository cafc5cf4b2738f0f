"""Periods of validity: when a relation, a post holding or a residence is in force.

A period is half-open, ``[start, end)``: it is in force from ``start`` up to but not including
``end``. Ending a membership on a date therefore means "no longer held from that date on", and
two periods that meet at a date do not overlap.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period
    >>> term = Period(date(2024, 1, 1), date(2025, 1, 1))
    >>> term.contains(date(2024, 12, 31)), term.contains(date(2025, 1, 1))
    (True, False)
    >>> Period(date(2025, 1, 1)).is_open
    True
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

import attrs

from community_policing.model import validators as v
from community_policing.model.registry import document

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["InForce", "Period", "Provenance", "out_of_sequence", "runs_past"]


@document
@attrs.frozen
class Period:
    """A half-open span of dates ``[start, end)``; ``end=None`` means still in force.

    Args:
        start: The first day in force.
        end: The first day no longer in force, after ``start``; ``None`` while open.

    Examples:
        >>> from datetime import date
        >>> Period(date(2025, 3, 1), date(2025, 2, 1))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: period: end: must be after start
    """

    KIND: ClassVar[str] = "period"

    start: date = attrs.field(validator=v.calendar_date)
    end: date | None = attrs.field(default=None)

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[date | None], value: date | None) -> None:
        if value is None:
            return
        v.calendar_date(self, attribute, value)
        if value <= self.start:
            raise v.fail(self, "end", "end_after_start", "must be after start")

    @property
    def is_open(self) -> bool:
        """Whether the period has no end yet."""
        return self.end is None

    def contains(self, day: date) -> bool:
        """Whether the period is in force on ``day``."""
        return self.start <= day and (self.end is None or day < self.end)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day.

        Examples:
            >>> from datetime import date
            >>> a = Period(date(2024, 1, 1), date(2024, 6, 1))
            >>> a.overlaps(Period(date(2024, 6, 1))), a.overlaps(Period(date(2024, 5, 1)))
            (False, True)
        """
        starts_before_other_ends = other.end is None or self.start < other.end
        ends_after_other_starts = self.end is None or other.start < self.end
        return starts_before_other_ends and ends_after_other_starts

    def ended(self, on: date) -> Period:
        """A copy that ends on ``on`` (the first day no longer in force).

        Examples:
            >>> from datetime import date
            >>> Period(date(2024, 1, 1)).ended(date(2024, 3, 1)).end
            datetime.date(2024, 3, 1)
        """
        return attrs.evolve(self, end=on)


class InForce:
    """Behaviour shared by the relation records that carry a ``period``.

    A mixin for attrs classes with a :class:`Period` field named ``period``: whether the
    record is in force on a day, and an ended copy (the record itself is kept as history).

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, ReportingLine
        >>> line = ReportingLine(id="rl-1", reporter="p-1", officer="p-2",
        ...                      period=Period(date(2024, 1, 1)))
        >>> line.ended(date(2025, 1, 1)).is_active(date(2025, 1, 1))
        False
    """

    __slots__ = ()

    period: Period

    def is_active(self, day: date) -> bool:
        """Whether the record is in force on ``day``."""
        return self.period.contains(day)

    def ended(self, on: date) -> Self:
        """A copy that ends on ``on``; the record itself is kept as history."""
        ended: Self = attrs.evolve(cast("Any", self), period=self.period.ended(on))
        return ended


@document
@attrs.frozen
class Provenance:
    """Who recorded a relation, and when (a visit, a tip, a registration).

    ``recorded_by`` is an id in the recording system: usually a person of the jurisdiction,
    but it may be an account outside it, so it is not checked as a reference.

    Examples:
        >>> from datetime import date
        >>> Provenance(recorded_by="p-wang-jun", recorded_on=date(2025, 3, 1))
        Provenance(recorded_by='p-wang-jun', recorded_on=datetime.date(2025, 3, 1))
    """

    KIND: ClassVar[str] = "provenance"

    recorded_by: str = attrs.field(validator=v.identifier)
    recorded_on: date = attrs.field(validator=v.calendar_date)


def out_of_sequence(stretches: Sequence[Period], *, since: date) -> int | None:
    """The index of the first stretch out of sequence, or ``None`` when they are in order.

    Stretches in sequence (a case's pauses, a request's waits on the resident) start on or
    after ``since`` and after the one before has ended, one at a time: only the last may still
    be open.

    Examples:
        >>> from datetime import date
        >>> waits = [Period(date(2025, 3, 4), date(2025, 3, 6)), Period(date(2025, 3, 5))]
        >>> out_of_sequence(waits, since=date(2025, 3, 3)), out_of_sequence(waits[:1],
        ...                                                                  since=date(2025, 3, 3))
        (1, None)
    """
    earliest: date | None = since
    for index, stretch in enumerate(stretches):
        if earliest is None or stretch.start < earliest:
            return index
        earliest = stretch.end
    return None


def runs_past(stretches: Sequence[Period], day: date) -> bool:
    """Whether the last of ``stretches`` is still open or ends after ``day``.

    Examples:
        >>> from datetime import date
        >>> runs_past([Period(date(2025, 3, 4))], date(2025, 3, 9))
        True
    """
    return bool(stretches) and (stretches[-1].end is None or stretches[-1].end > day)
