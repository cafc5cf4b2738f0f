"""The working calendar (工作日历): public holidays and make-up working days (调休).

Mainland China's public holidays move: a holiday is stretched over a weekend by giving a
weekday off (调休放假) and paying for it with a weekend day worked (调休上班). On a Golden Week
day an office's posted weekday hours do not hold; on a make-up Saturday they do.
:class:`WorkingCalendar` knows which days are which for the years it covers, and refuses a day
outside them: a calendar never guesses "a working day" for a year it has no data for.

:meth:`WorkingCalendar.mainland_china` reads the published schedules from the
``chinesecalendar`` package (``pip install "community_policing[calendar]"``; its maintainers
add each year when the State Council publishes it); :meth:`WorkingCalendar.of` builds a
calendar from your own dates (a newer year, a local holiday), and :meth:`WorkingCalendar.merged`
puts two together.

A make-up working day keeps the hours of the weekday it pays for: the weekday given off for the
same holiday, paired in date order (the 2024 National Day's Sunday 29 September pays for Friday
4 October), or Monday where the schedule pairs none; ``makeup_weekdays`` overrides any of them.

Examples:
    >>> from datetime import date
    >>> from community_policing.calendar import WorkingCalendar
    >>> cal = WorkingCalendar.of(
    ...     holidays={date(2024, 10, d): "National Day" for d in range(1, 8)},
    ...     makeup_days={date(2024, 9, 29): "National Day", date(2024, 10, 12): "National Day"},
    ...     years=(2024, 2024),
    ... )
    >>> cal.day_kind(date(2024, 10, 3)).zh, cal.day_kind(date(2024, 9, 29)).zh
    ('法定节假日', '调休上班')
    >>> cal.working_days_between(date(2024, 9, 28), date(2024, 10, 14))
    7
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import ValidationError
from community_policing.extras import require
from community_policing.model.vocab import BilingualEnum

if TYPE_CHECKING:
    from collections.abc import Iterator

    from community_policing.model.periods import Period

__all__ = ["DayKind", "WorkingCalendar"]

_MONDAY, _SATURDAY = 0, 5
_PAIRING_DAYS = 45  # a make-up day pays for a day off of the same holiday within this many days


class DayKind(BilingualEnum):
    """What kind of day a date is in a working calendar.

    Examples:
        >>> DayKind.MAKEUP_WORKDAY.zh
        '调休上班'
    """

    WORKDAY = "workday", "工作日"
    WEEKEND = "weekend", "休息日"
    HOLIDAY = "holiday", "法定节假日"
    MAKEUP_WORKDAY = "makeup_workday", "调休上班"

    @property
    def is_worked(self) -> bool:
        """Whether a day of this kind is worked (a weekday, or a make-up day)."""
        return self in _WORKED


_WORKED = frozenset({DayKind.WORKDAY, DayKind.MAKEUP_WORKDAY})


def _frozen_days(value: Mapping[date, Any]) -> Mapping[date, Any]:
    return MappingProxyType(dict(sorted(value.items())))


def _years(instance: Any, attribute: attrs.Attribute[Any], value: tuple[int, int]) -> None:
    first, last = value
    if not (isinstance(first, int) and isinstance(last, int)) or first > last:
        raise ValidationError(
            entity="working_calendar",
            field=attribute.name,
            rule="years",
            reason="expected (first year, last year), the first not after the last",
        )
    for field in ("holidays", "makeup_days", "makeup_weekdays"):
        outside = [day for day in getattr(instance, field) if not first <= day.year <= last]
        if outside:
            raise ValidationError(
                entity="working_calendar",
                field=field,
                rule="years",
                reason=f"{outside[0].isoformat()} is outside the years {first}-{last}",
            )


@attrs.frozen
class WorkingCalendar:
    """Which days are worked (工作日历) in the years it covers: weekends and holidays off.

    Attributes:
        holidays: Public holiday days off (法定节假日 and the weekdays given off with them), each
            with the holiday's name.
        makeup_days: Weekend days worked to pay for a holiday (调休上班), with the holiday's name.
        years: The first and last year the calendar covers, both included.
        makeup_weekdays: The weekday (0 Monday … 4 Friday) whose hours each make-up day keeps;
            see the module's text for the default.

    Examples:
        >>> from datetime import date
        >>> cal = WorkingCalendar.of(holidays={date(2025, 1, 1): "New Year"}, years=(2025, 2025))
        >>> cal.is_working_day(date(2025, 1, 1)), cal.is_working_day(date(2025, 1, 2))
        (False, True)
    """

    holidays: Mapping[date, str] = attrs.field(converter=_frozen_days)
    makeup_days: Mapping[date, str] = attrs.field(converter=_frozen_days)
    years: tuple[int, int] = attrs.field(validator=_years)
    makeup_weekdays: Mapping[date, int] = attrs.field(converter=_frozen_days, factory=dict)
    # working days in order, for counting by bisection
    _worked: list[date] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        clash = set(self.holidays) & set(self.makeup_days)
        if clash:
            raise ValidationError(
                entity="working_calendar",
                field="makeup_days",
                rule="one_kind_a_day",
                reason=f"{min(clash).isoformat()} is both a holiday and a make-up working day",
            )
        wrong = [d for d in self.makeup_weekdays if d not in self.makeup_days]
        bad = [w for w in self.makeup_weekdays.values() if w not in range(_SATURDAY)]
        if wrong or bad:
            raise ValidationError(
                entity="working_calendar",
                field="makeup_weekdays",
                rule="makeup_weekday",
                reason="each names a make-up day of the calendar and a weekday from 0 to 4",
            )
        start, end = date(self.years[0], 1, 1), date(self.years[1] + 1, 1, 1)
        worked = [day for day in _days(start, end) if self._kind(day).is_worked]
        object.__setattr__(self, "_worked", worked)

    # ------------------------------------------------------------------ building calendars

    @classmethod
    def of(
        cls,
        *,
        holidays: Mapping[date, str] | None = None,
        makeup_days: Mapping[date, str] | None = None,
        years: tuple[int, int],
        makeup_weekdays: Mapping[date, int] | None = None,
    ) -> WorkingCalendar:
        """A calendar from your own dates (a local holiday, a year not yet in the package).

        Examples:
            >>> from datetime import date
            >>> WorkingCalendar.of(years=(2030, 2030)).is_working_day(date(2030, 1, 1))
            True
        """
        return cls(holidays or {}, makeup_days or {}, years, makeup_weekdays or {})

    @classmethod
    def mainland_china(cls) -> WorkingCalendar:
        """Mainland China's published holidays and make-up days, from ``chinesecalendar``.

        Covers the years the installed package has (2004–2026 in version 1.11).

        Raises:
            MissingExtraError: the ``calendar`` extra is not installed.

        Examples:
            >>> from datetime import date
            >>> cal = WorkingCalendar.mainland_china()
            >>> cal.day_kind(date(2024, 10, 12)).en, cal.weekday_of(date(2024, 10, 12))
            ('makeup workday', 0)
        """
        package = require("chinese_calendar", extra="calendar")
        holidays: dict[date, str] = dict(package.holidays)
        makeup: dict[date, str] = dict(package.workdays)
        in_lieu: dict[date, str] = dict(package.in_lieu_days)
        years = (min(holidays).year, max(holidays).year)
        return cls(holidays, makeup, years, _paired(makeup, in_lieu))

    def merged(self, other: WorkingCalendar) -> WorkingCalendar:
        """This calendar with ``other``'s years (a newer year, a local calendar) added.

        The two must not say different things of one day; the years must meet or overlap.

        Raises:
            ValidationError: the two disagree on a day, or leave a gap of years between them.

        Examples:
            >>> from datetime import date
            >>> old = WorkingCalendar.of(years=(2026, 2026))
            >>> new = WorkingCalendar.of(holidays={date(2027, 1, 1): "New Year"},
            ...                          years=(2027, 2027))
            >>> old.merged(new).years
            (2026, 2027)
        """
        if other.years[0] > self.years[1] + 1 or self.years[0] > other.years[1] + 1:
            raise ValidationError(
                entity="working_calendar",
                field="years",
                rule="years",
                reason="the calendars' years leave a gap between them",
            )
        for mine, theirs in (
            (self.holidays, other.holidays),
            (self.makeup_days, other.makeup_days),
        ):
            for day in set(mine) & set(theirs):
                if mine[day] != theirs[day]:
                    raise ValidationError(
                        entity="working_calendar",
                        field="holidays",
                        rule="one_kind_a_day",
                        reason=f"the calendars disagree on {day.isoformat()}",
                    )
        return WorkingCalendar(
            {**self.holidays, **other.holidays},
            {**self.makeup_days, **other.makeup_days},
            (min(self.years[0], other.years[0]), max(self.years[1], other.years[1])),
            {**self.makeup_weekdays, **other.makeup_weekdays},
        )

    # ------------------------------------------------------------------------- asking

    def covers(self, day: date) -> bool:
        """Whether ``day`` is in the calendar's years.

        Examples:
            >>> WorkingCalendar.of(years=(2025, 2025)).covers(date(2026, 1, 1))
            False
        """
        return self.years[0] <= day.year <= self.years[1]

    def _checked(self, day: date) -> None:
        if not self.covers(day):
            raise ValidationError(
                entity="working_calendar",
                field="day",
                rule="calendar_coverage",
                reason=f"{day.isoformat()} is outside the years the calendar covers "
                f"({self.years[0]}-{self.years[1]}): load a calendar for that year",
            )

    def _kind(self, day: date) -> DayKind:
        if day in self.holidays:
            return DayKind.HOLIDAY
        if day in self.makeup_days:
            return DayKind.MAKEUP_WORKDAY
        return DayKind.WEEKEND if day.weekday() >= _SATURDAY else DayKind.WORKDAY

    def day_kind(self, day: date) -> DayKind:
        """What kind of day ``day`` is.

        Raises:
            ValidationError: ``day`` is outside the calendar's years.

        Examples:
            >>> cal = WorkingCalendar.of(years=(2025, 2025))
            >>> cal.day_kind(date(2025, 3, 8)).en
            'weekend'
        """
        self._checked(day)
        return self._kind(day)

    def is_working_day(self, day: date) -> bool:
        """Whether ``day`` is worked: a weekday that is no holiday, or a make-up day.

        Raises:
            ValidationError: ``day`` is outside the calendar's years.

        Examples:
            >>> cal = WorkingCalendar.of(makeup_days={date(2025, 2, 8): "Spring Festival"},
            ...                          years=(2025, 2025))
            >>> cal.is_working_day(date(2025, 2, 8)), cal.is_working_day(date(2025, 2, 9))
            (True, False)
        """
        return self.day_kind(day).is_worked

    def weekday_of(self, day: date) -> int | None:
        """The weekday whose hours ``day`` keeps (0 Monday … 6 Sunday), ``None`` on a holiday.

        A make-up day keeps the hours of the weekday it pays for.

        Raises:
            ValidationError: ``day`` is outside the calendar's years.

        Examples:
            >>> cal = WorkingCalendar.of(makeup_days={date(2025, 2, 8): "Spring Festival"},
            ...                          years=(2025, 2025), makeup_weekdays={date(2025, 2, 8): 1})
            >>> cal.weekday_of(date(2025, 2, 8)), cal.weekday_of(date(2025, 2, 9))
            (1, 6)
        """
        kind = self.day_kind(day)
        if kind is DayKind.HOLIDAY:
            return None
        if kind is DayKind.MAKEUP_WORKDAY:
            return self.makeup_weekdays.get(day, _MONDAY)
        return day.weekday()

    def working_days_between(self, start: date, end: date) -> int:
        """How many working days fall in ``[start, end)`` (0 when ``end`` is not after ``start``).

        Raises:
            ValidationError: a day of the range is outside the calendar's years.

        Examples:
            >>> cal = WorkingCalendar.of(years=(2025, 2025))
            >>> cal.working_days_between(date(2025, 3, 3), date(2025, 3, 10))  # Monday to Monday
            5
        """
        if end <= start:
            return 0
        self._checked(start)
        self._checked(end - timedelta(days=1))
        return bisect.bisect_left(self._worked, end) - bisect.bisect_left(self._worked, start)

    def working_days_in(self, period: Period) -> int:
        """How many working days ``period`` holds (it must be bounded).

        Raises:
            ValidationError: an open period, or one outside the calendar's years.

        Examples:
            >>> from community_policing import Period
            >>> cal = WorkingCalendar.of(years=(2025, 2025))
            >>> cal.working_days_in(Period(date(2025, 3, 1), date(2025, 4, 1)))
            21
        """
        if period.end is None:
            raise ValidationError(
                entity="working_calendar",
                field="period",
                rule="bounded",
                reason="an open period has no count of days",
            )
        return self.working_days_between(period.start, period.end)

    def add_working_days(self, day: date, count: int) -> date:
        """The ``count``-th working day after ``day`` (``day`` itself when ``count`` is 0).

        Raises:
            ValidationError: ``count`` is negative, or the answer lies outside the calendar.

        Examples:
            >>> cal = WorkingCalendar.of(years=(2025, 2025))
            >>> cal.add_working_days(date(2025, 3, 7), 1)  # a Friday: next is Monday
            datetime.date(2025, 3, 10)
        """
        if count < 0:
            raise ValidationError(
                entity="working_calendar",
                field="count",
                rule="count",
                reason="a number of working days is 0 or more",
            )
        self._checked(day)
        if count == 0:
            return day
        at = bisect.bisect_right(self._worked, day) + count - 1
        if at >= len(self._worked):
            raise ValidationError(
                entity="working_calendar",
                field="count",
                rule="calendar_coverage",
                reason=f"{count} working days after {day.isoformat()} run past the years the "
                f"calendar covers ({self.years[0]}-{self.years[1]}): load a calendar for the next",
            )
        return self._worked[at]


def _days(start: date, end: date) -> Iterator[date]:
    day = start
    while day < end:
        yield day
        day += timedelta(days=1)


def _paired(makeup: Mapping[date, str], in_lieu: Mapping[date, str]) -> dict[date, int]:
    """Each make-up day's weekday: the nearest day given off for the same holiday, in order."""
    taken: set[date] = set()
    found: dict[date, int] = {}
    days_off = sorted(in_lieu.items())
    for day, name in sorted(makeup.items()):
        near = [
            off
            for off, holiday in days_off
            if holiday == name and off not in taken and abs((off - day).days) <= _PAIRING_DAYS
        ]
        if near:
            taken.add(near[0])
            found[day] = near[0].weekday()
    return found
