"""Posted hours at community police offices: weekly hours, flexible hours and the roster.

Tieshan (source 001) made the community police office the hub of its "1+4" service station;
flexible hours (错时服务) mean at least two evenings a week and one weekend daytime at the office,
posted publicly before they take effect.

- :class:`WorkingHours`: an officer's weekly schedule at an office, in the office's time zone
  (default Asia/Shanghai), made of :class:`~community_policing.model.weekly.WeeklyInterval`
  stretches, with hours posted for particular dates (a holiday's duty) as
  :class:`~community_policing.model.weekly.DayInterval` stretches.
- :class:`FlexibleHoursRule`: the flexible-hours norm as a check; what counts as an evening or
  a weekend daytime is configuration.
- :class:`Roster`: every officer's hours at every office: who is on duty, when it next opens.

Given a :class:`~community_policing.calendar.WorkingCalendar`, the posted weekly hours follow
the field's calendar: on a public holiday the office is closed unless hours were posted for that
date; a make-up working day (调休上班) keeps the hours of the weekday it pays for; a date outside
the calendar's years is an error. Without one, every week is an ordinary week.

Examples:
    >>> from datetime import date, time
    >>> from community_policing import WeeklyInterval
    >>> hours = WorkingHours(officer="p-wang-jun", office="o-station", posted_on=date(2025, 1, 1),
    ...     effective_from=date(2025, 1, 6), intervals=[
    ...         WeeklyInterval(1, time(18), time(21)), WeeklyInterval(3, time(18), time(21)),
    ...         WeeklyInterval(5, time(9), time(12))])
    >>> FlexibleHoursRule().findings(hours)
    ()
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar
from zoneinfo import ZoneInfo

import attrs

from community_policing.errors import shown
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.weekly import DEFAULT_TIMEZONE, DayInterval, WeeklyInterval
from community_policing.services._slots import NO_BOOKINGS, Bookings

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from community_policing.calendar import WorkingCalendar
    from community_policing.model.periods import Period

__all__ = ["FlexibleHoursRule", "Roster", "WorkingHours"]

_SATURDAY = 5


def _overlap(
    stretches: Iterable[DayInterval] | Iterable[WeeklyInterval], slot: Callable[[Any], Any]
) -> bool:
    """Whether two of ``stretches`` in the same ``slot`` (a date, a weekday) overlap."""
    ordered = sorted(stretches, key=lambda stretch: (slot(stretch), stretch.start))
    return any(
        slot(first) == slot(second) and second.start < first.end
        for first, second in itertools.pairwise(ordered)
    )


@document
@attrs.frozen
class WorkingHours:
    """An officer's weekly hours at an office (值班时间), as posted to the public.

    Examples:
        >>> from datetime import date, time
        >>> WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
        ...     effective_from=date(2025, 1, 6),
        ...     intervals=[WeeklyInterval(0, time(9), time(17))]).timezone
        'Asia/Shanghai'
    """

    KIND: ClassVar[str] = "working_hours"

    officer: str = attrs.field(validator=v.identifier)
    office: str = attrs.field(validator=v.identifier)
    posted_on: date = attrs.field(validator=v.calendar_date)
    effective_from: date = attrs.field(validator=v.calendar_date)
    intervals: tuple[WeeklyInterval, ...] = attrs.field(converter=v.list_as_tuple)
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=v.time_zone_name)
    dated_hours: tuple[DayInterval, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    #: The intervals of each weekday (0 is Monday), sorted by start.
    by_weekday: tuple[tuple[WeeklyInterval, ...], ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    _by_date: Mapping[date, tuple[DayInterval, ...]] = attrs.field(init=False, eq=False, repr=False)

    @dated_hours.validator
    def _check_dated_hours(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(DayInterval)(self, attribute, value)
        if _overlap(value, lambda stretch: stretch.day):
            raise v.fail(self, "dated_hours", "overlap", "two stretches of a day overlap")

    @intervals.validator
    def _check_intervals(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(WeeklyInterval)(self, attribute, value)
        if _overlap(value, lambda interval: interval.weekday):
            raise v.fail(self, "intervals", "overlap", "two intervals overlap")

    def __attrs_post_init__(self) -> None:
        days = tuple(
            tuple(sorted((i for i in self.intervals if i.weekday == day), key=lambda i: i.start))
            for day in range(7)
        )
        object.__setattr__(self, "by_weekday", days)
        dated: dict[date, list[DayInterval]] = {}
        for stretch in sorted(self.dated_hours, key=lambda i: (i.day, i.start)):
            dated.setdefault(stretch.day, []).append(stretch)
        by_date = {day: tuple(stretches) for day, stretches in dated.items()}
        object.__setattr__(self, "_by_date", MappingProxyType(by_date))

    def intervals_on(
        self, day: date, calendar: WorkingCalendar | None = None
    ) -> tuple[WeeklyInterval | DayInterval, ...]:
        """The stretches the officer is at the office on ``day`` (local date), sorted.

        Hours posted for that date hold if there are any; otherwise, with a ``calendar``, none
        on a public holiday and the paid weekday's on a make-up working day; before the hours
        take effect, none; else the weekday's.

        Raises:
            ValidationError: ``day`` is outside the calendar's years.

        Examples:
            >>> from datetime import date, time
            >>> from community_policing.calendar import WorkingCalendar
            >>> from community_policing.model.weekly import DayInterval
            >>> hours = WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
            ...     effective_from=date(2025, 1, 6),
            ...     intervals=[WeeklyInterval(day, time(9), time(17)) for day in range(5)],
            ...     dated_hours=[DayInterval(date(2025, 10, 2), time(9), time(12))])
            >>> cal = WorkingCalendar.mainland_china()
            >>> hours.intervals_on(date(2025, 10, 1), cal)  # National Day: closed
            ()
            >>> [i.end.hour for i in hours.intervals_on(date(2025, 10, 2), cal)]  # posted duty
            [12]
            >>> sunday = date(2025, 9, 28)  # a make-up day, paying for Tuesday 7 October
            >>> [i.weekday for i in hours.intervals_on(sunday, cal)]
            [1]
        """
        posted = self._by_date.get(day)
        if posted is not None:
            return posted
        weekday = day.weekday() if calendar is None else calendar.weekday_of(day)
        if weekday is None or day < self.effective_from:
            return ()
        return self.by_weekday[weekday]

    def covers(
        self, start: datetime, end: datetime, calendar: WorkingCalendar | None = None
    ) -> bool:
        """Whether ``start``-``end`` (aware) lies within one stretch, in the office's zone."""
        zone = ZoneInfo(self.timezone)
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        if local_start.date() != local_end.date():
            return False
        return any(
            interval.start <= local_start.time() and local_end.time() <= interval.end
            for interval in self.intervals_on(local_start.date(), calendar)
        )

    def on_duty(self, at: datetime, calendar: WorkingCalendar | None = None) -> bool:
        """Whether the officer is at the office at the moment ``at`` (aware).

        Examples:
            >>> from datetime import date, datetime, time
            >>> from zoneinfo import ZoneInfo
            >>> hours = WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
            ...     effective_from=date(2025, 1, 6),
            ...     intervals=[WeeklyInterval(0, time(9), time(17))])
            >>> hours.on_duty(datetime(2025, 1, 6, 1, tzinfo=ZoneInfo("UTC")))  # 09:00 in Shanghai
            True
        """
        local = at.astimezone(ZoneInfo(self.timezone))
        moment = local.time().replace(tzinfo=None)
        return any(i.start <= moment < i.end for i in self.intervals_on(local.date(), calendar))


@attrs.frozen
class FlexibleHoursRule:
    """Flexible hours (错时服务): evenings and weekend daytimes at the office, posted first.

    Args:
        evenings: Evenings a week the officer must be at the office (Tieshan: 2).
        weekend_daytimes: Weekend days with daytime hours (Tieshan: 1).
        evening: What counts as an evening (default 18:00-21:00; any overlap counts).
        weekend_daytime: What counts as a weekend daytime (default 09:00-17:00).
        notice_days: Days between posting the hours and their taking effect (at least 1).

    Examples:
        >>> from datetime import date, time
        >>> office_hours = WorkingHours(officer="p-1", office="o-1",
        ...     posted_on=date(2025, 1, 6), effective_from=date(2025, 1, 6),
        ...     intervals=[WeeklyInterval(day, time(9), time(17)) for day in range(5)])
        >>> [finding for finding in FlexibleHoursRule().findings(office_hours)]
        ... # doctest: +NORMALIZE_WHITESPACE
        ['p-1 at o-1: 0 evening(s) a week, needs 2',
         'p-1 at o-1: 0 weekend daytime(s) a week, needs 1',
         'p-1 at o-1: hours take effect 0 day(s) after posting, needs 1']
    """

    KIND: ClassVar[str] = "flexible_hours_rule"

    evenings: int = attrs.field(default=2, validator=v.count)
    weekend_daytimes: int = attrs.field(default=1, validator=v.count)
    evening: tuple[time, time] = (time(18), time(21))
    weekend_daytime: tuple[time, time] = (time(9), time(17))
    notice_days: int = attrs.field(default=1, validator=v.count)

    def findings(self, hours: WorkingHours) -> tuple[str, ...]:
        """Every way ``hours`` falls short of the rule, in words; empty when it complies."""
        evenings = {
            interval.weekday for interval in hours.intervals if interval.overlaps(*self.evening)
        }
        weekends = {
            interval.weekday
            for interval in hours.intervals
            if interval.weekday >= _SATURDAY and interval.overlaps(*self.weekend_daytime)
        }
        who = f"{hours.officer} at {hours.office}"
        found = []
        if len(evenings) < self.evenings:
            found.append(f"{who}: {len(evenings)} evening(s) a week, needs {self.evenings}")
        if len(weekends) < self.weekend_daytimes:
            found.append(
                f"{who}: {len(weekends)} weekend daytime(s) a week, needs {self.weekend_daytimes}"
            )
        notice = (hours.effective_from - hours.posted_on).days
        if notice < self.notice_days:
            found.append(
                f"{who}: hours take effect {notice} day(s) after posting, needs {self.notice_days}"
            )
        return tuple(found)

    def findings_in(
        self, hours: WorkingHours, period: Period, calendar: WorkingCalendar
    ) -> tuple[str, ...]:
        """Every week of ``period`` in which ``hours``, as ``calendar`` makes them, fall short.

        The weekly rule judges what was posted; this judges the weeks as they fall: on a
        public holiday the weekday hours do not hold (unless hours were posted for the date),
        and a make-up working day keeps the hours of the weekday it pays for. An evening is any
        day with hours in the evening window; a weekend daytime is a day off for residents
        (weekend or holiday, by the calendar) with hours in the daytime window. Weeks run
        Monday to Sunday; only whole weeks inside ``period`` are judged.

        Raises:
            ValidationError: an open period, or a day outside the calendar's years.

        Examples:
            >>> from datetime import date, time
            >>> from community_policing import Period
            >>> from community_policing.calendar import WorkingCalendar
            >>> evenings_and_saturday = [WeeklyInterval(1, time(18), time(21)),
            ...     WeeklyInterval(3, time(18), time(21)), WeeklyInterval(5, time(9), time(12))]
            >>> flexible = WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
            ...     effective_from=date(2025, 1, 6), intervals=evenings_and_saturday)
            >>> FlexibleHoursRule().findings(flexible)  # as posted
            ()
            >>> golden_week = Period(date(2025, 9, 29), date(2025, 10, 13))
            >>> for finding in FlexibleHoursRule().findings_in(
            ...         flexible, golden_week, WorkingCalendar.mainland_china()):
            ...     print(finding)
            p-1 at o-1: week of 2025-09-29: 1 evening(s), needs 2
            p-1 at o-1: week of 2025-09-29: 0 weekend daytime(s), needs 1
            p-1 at o-1: week of 2025-10-06: 1 evening(s), needs 2
            p-1 at o-1: week of 2025-10-06: 0 weekend daytime(s), needs 1
        """
        if period.end is None:
            raise v.fail(self, "period", "bounded", "needs an end date")
        who = f"{hours.officer} at {hours.office}"
        found = []
        monday = period.start + timedelta(days=-period.start.weekday() % 7)
        while monday + timedelta(days=7) <= period.end:
            evenings = weekends = 0
            for offset in range(7):
                day = monday + timedelta(days=offset)
                stretches = hours.intervals_on(day, calendar)
                evenings += any(i.overlaps(*self.evening) for i in stretches)
                if not calendar.is_working_day(day):
                    weekends += any(i.overlaps(*self.weekend_daytime) for i in stretches)
            week = f"{who}: week of {monday.isoformat()}"
            if evenings < self.evenings:
                found.append(f"{week}: {evenings} evening(s), needs {self.evenings}")
            if weekends < self.weekend_daytimes:
                found.append(
                    f"{week}: {weekends} weekend daytime(s), needs {self.weekend_daytimes}"
                )
            monday += timedelta(days=7)
        return tuple(found)


def _index_by_office(hours: tuple[WorkingHours, ...]) -> Mapping[str, tuple[WorkingHours, ...]]:
    grouped: dict[str, list[WorkingHours]] = {}
    for each in hours:
        grouped.setdefault(each.office, []).append(each)
    return MappingProxyType({office: tuple(found) for office, found in grouped.items()})


def first_gap(
    hours: WorkingHours,
    busy: Bookings,
    after: datetime,
    duration: timedelta,
    horizon_days: int,
    *,
    calendar: WorkingCalendar | None = None,
) -> datetime | None:
    """The earliest start from ``after`` with ``duration`` in ``hours`` and clear of ``busy``."""
    zone = ZoneInfo(hours.timezone)
    local = after.astimezone(zone)
    taken = busy.stretches
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        for interval in hours.intervals_on(day, calendar):
            start = max(datetime.combine(day, interval.start, zone), local)
            end = datetime.combine(day, interval.end, zone)
            index = busy.first_running(start)
            while index < len(taken):
                taken_start, taken_end = taken[index]
                if taken_start >= end or taken_start - start >= duration:
                    break
                start = max(start, taken_end)
                index += 1
            if end - start >= duration:
                return start
    return None


#: The least time an office must stay open for :meth:`Roster.next_opening` to count it.
_OPEN_AT_LEAST = timedelta(minutes=1)


@document
@attrs.frozen
class Roster:
    """The posted hours of every officer at every office (值班表): who is on duty, and when.

    Examples:
        >>> from datetime import date, datetime, time
        >>> from zoneinfo import ZoneInfo
        >>> roster = Roster([WorkingHours(officer="p-1", office="o-1",
        ...     posted_on=date(2025, 1, 1), effective_from=date(2025, 1, 6),
        ...     intervals=[WeeklyInterval(1, time(18), time(21))])])
        >>> tuesday_evening = datetime(2025, 1, 7, 19, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> roster.on_duty("o-1", tuesday_evening)
        ('p-1',)
        >>> roster.next_opening("o-1", tuesday_evening.replace(hour=22)).isoformat()
        '2025-01-14T18:00:00+08:00'
    """

    KIND: ClassVar[str] = "roster"

    hours: tuple[WorkingHours, ...] = attrs.field(converter=v.list_as_tuple)
    _by_office: Mapping[str, tuple[WorkingHours, ...]] = attrs.field(
        init=False, eq=False, repr=False
    )

    @hours.validator
    def _check_hours(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(WorkingHours)(self, attribute, value)
        seen: set[tuple[str, str]] = set()
        for hours in value:
            if (hours.officer, hours.office) in seen:
                raise v.fail(
                    self,
                    "hours",
                    "duplicate",
                    f"{shown(hours.officer)} has two sets of hours at {shown(hours.office)}",
                )
            seen.add((hours.officer, hours.office))

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_office", _index_by_office(self.hours))

    def at_office(self, office: str) -> tuple[WorkingHours, ...]:
        """The hours posted for ``office``, one per officer (empty for an unknown office)."""
        return self._by_office.get(office, ())

    def on_duty(
        self, office: str, at: datetime, *, calendar: WorkingCalendar | None = None
    ) -> tuple[str, ...]:
        """The officers on duty at ``office`` at the moment ``at`` (aware), sorted.

        With a ``calendar``, holidays and make-up days count (see the module's text).
        """
        v.require_aware(at, entity=self.KIND, field="at")
        return tuple(sorted(h.officer for h in self.at_office(office) if h.on_duty(at, calendar)))

    def next_opening(
        self,
        office: str,
        after: datetime,
        *,
        horizon_days: int = 28,
        calendar: WorkingCalendar | None = None,
    ) -> datetime | None:
        """The first moment from ``after`` at which someone is on duty at ``office``.

        ``after`` itself when the office is open then; ``None`` when it does not open within
        ``horizon_days``. With a ``calendar``, holidays and make-up days count.

        Examples:
            >>> from datetime import date, datetime, time
            >>> from zoneinfo import ZoneInfo
            >>> from community_policing.calendar import WorkingCalendar
            >>> roster = Roster([WorkingHours(officer="p-1", office="o-1",
            ...     posted_on=date(2025, 1, 1), effective_from=date(2025, 1, 6),
            ...     intervals=[WeeklyInterval(day, time(9), time(17)) for day in range(5)])])
            >>> before = datetime(2025, 9, 30, 18, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> roster.next_opening("o-1", before).isoformat()
            '2025-10-01T09:00:00+08:00'
            >>> cal = WorkingCalendar.mainland_china()
            >>> roster.next_opening("o-1", before, calendar=cal).isoformat()  # after Golden Week
            '2025-10-09T09:00:00+08:00'
        """
        v.require_aware(after, entity=self.KIND, field="after")
        found = [
            start
            for hours in self.at_office(office)
            if (
                start := first_gap(
                    hours, NO_BOOKINGS, after, _OPEN_AT_LEAST, horizon_days, calendar=calendar
                )
            )
            is not None
        ]
        return min(found, default=None)
