"""Counts, rates and their change between periods (统计), shared by every workflow.

The sources report their work as counts over a period and their change: disputes resolved
(Tieshan 1,127), a resolution rate (Yuncheng 98.66 %), incidents down 15 % year on year. The
helpers here — :class:`Change`, :func:`change`, :func:`year_on_year`, :func:`period_on_period`,
:func:`rate` and :func:`median` — serve the reports of mediation, services, prevention and
response.

Examples:
    >>> change(current=1127, previous=980).relative
    0.15
    >>> rate(5231, 5302)
    0.9866
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

import attrs

from community_policing.errors import ValidationError
from community_policing.model.periods import Period

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

__all__ = [
    "Change",
    "change",
    "earlier_period",
    "median",
    "months_of",
    "period_on_period",
    "rate",
    "year_on_year",
]

_DIGITS = 4


def rate(part: int, whole: int) -> float | None:
    """``part / whole`` rounded to four places, or ``None`` when ``whole`` is 0.

    Examples:
        >>> rate(1, 3), rate(0, 0)
        (0.3333, None)
    """
    return round(part / whole, _DIGITS) if whole else None


def median(values: Iterable[float]) -> float | None:
    """The median, or ``None`` for no values.

    Examples:
        >>> median([3, 1, 2]), median([1, 2, 3, 4]), median([])
        (2, 2.5, None)
    """
    ordered = sorted(values)
    if not ordered:
        return None
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


@attrs.frozen
class Change:
    """How a count moved from one period to the next (同比/环比).

    Attributes:
        current: The count now.
        previous: The count in the period compared with.

    Examples:
        >>> Change(85, 100).relative
        -0.15
    """

    current: int
    previous: int

    @property
    def absolute(self) -> int:
        """The difference."""
        return self.current - self.previous

    @property
    def relative(self) -> float | None:
        """The difference as a share of the earlier count, to four places (``None`` from 0)."""
        return rate(self.absolute, self.previous)


def change(*, current: int, previous: int) -> Change:
    """The change from ``previous`` to ``current``.

    Examples:
        >>> change(current=7, previous=0).relative is None
        True
    """
    return Change(current, previous)


def _compared(days: Iterable[date], period: Period, earlier: Period) -> Change:
    current = previous = 0
    for day in days:
        current += period.contains(day)
        previous += earlier.contains(day)
    return Change(current, previous)


def _bounded(period: Period) -> date:
    if period.end is None:
        raise ValidationError(
            entity="metrics", field="period", rule="bounded", reason="needs an end date"
        )
    return period.end


def months_of(period: Period) -> tuple[date, ...]:
    """The first day of every month that a bounded ``period`` touches, for monthly reports.

    Raises:
        ValidationError: the period has no end.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> [f"{day:%Y-%m}" for day in months_of(Period(date(2024, 11, 15), date(2025, 2, 1)))]
        ['2024-11', '2024-12', '2025-01']
    """
    end = _bounded(period)
    month = period.start.replace(day=1)
    found = []
    while month < end:
        found.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return tuple(found)


def year_on_year(days: Iterable[date], period: Period) -> Change:
    """Events in ``period`` against the same period a year earlier (同比).

    Args:
        days: The day of each event counted.
        period: A bounded period.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> days = [date(2023, 3, 1), date(2024, 3, 1), date(2024, 3, 2)]
        >>> year_on_year(days, Period(date(2024, 1, 1), date(2024, 7, 1)))
        Change(current=2, previous=1)
    """
    return _compared(days, period, earlier_period(period, compare="year"))


def earlier_period(period: Period, *, compare: str = "year") -> Period:
    """The period a bounded ``period`` is compared with.

    The same days a year before (``"year"``, 同比) or the period of the same length just
    before it (``"period"``, 环比).

    Raises:
        ValidationError: the period has no end, or ``compare`` is neither.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> earlier_period(Period(date(2024, 3, 1), date(2024, 4, 1)), compare="period")
        Period(start=datetime.date(2024, 1, 30), end=datetime.date(2024, 3, 1))
    """
    end = _bounded(period)
    if compare == "year":
        return Period(_year_before(period.start), _year_before(end))
    if compare == "period":
        return Period(period.start - (end - period.start), period.start)
    raise ValidationError(
        entity="metrics", field="compare", rule="compare", reason="is 'year' or 'period'"
    )


def _year_before(day: date) -> date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def period_on_period(days: Iterable[date], period: Period) -> Change:
    """Events in ``period`` against the period of the same length just before it (环比).

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> days = [date(2024, 1, 15), date(2024, 2, 3), date(2024, 2, 20)]
        >>> period_on_period(days, Period(date(2024, 2, 1), date(2024, 3, 1)))
        Change(current=2, previous=1)
    """
    return _compared(days, period, earlier_period(period, compare="period"))
