"""The "1+4" service station (1+4服务站): working hours, flexible hours and appointments.

Tieshan (source 001) made the community police office the hub of four services: flexible
hours (错时服务), one-stop proxy service (代办), appointments (预约) and doorstep delivery of
certificates (送证上门). Flexible hours mean at least two evenings a week and one weekend
daytime at the office, posted publicly before they take effect.

- :class:`WeeklyInterval` and :class:`WorkingHours`: an officer's weekly schedule at an
  office, in the office's time zone (default Asia/Shanghai).
- :class:`FlexibleHoursRule`: the flexible-hours norm as a check; what counts as an evening or
  a weekend daytime is configuration.
- :class:`Roster`: every officer's hours at every office: who is on duty, when it next opens.
- :func:`offices_serving`: which office serves an address, whether it is open and who is on
  duty, through the relationship graph.
- :class:`AppointmentBook`: appointments within opening hours, no officer booked twice, the
  next free slot for a service.

Examples:
    >>> from datetime import date, time
    >>> hours = WorkingHours(officer="p-wang-jun", office="o-station", posted_on=date(2025, 1, 1),
    ...     effective_from=date(2025, 1, 6), intervals=[
    ...         WeeklyInterval(1, time(18), time(21)), WeeklyInterval(3, time(18), time(21)),
    ...         WeeklyInterval(5, time(9), time(12))])
    >>> FlexibleHoursRule().findings(hours)
    ()
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar, NamedTuple
from zoneinfo import ZoneInfo

import attrs

from community_policing import _validators as v
from community_policing.errors import ValidationError
from community_policing.formulas import MECHANISM_FORMULAS, Formula, SlotGap
from community_policing.metrics import (
    Change,
    months_of,
    period_on_period,
    year_on_year,
)
from community_policing.teams import AreaAssignment
from community_policing.territory import StandardAddress
from community_policing.vocab import InteractionKind, OrganizationKind, ServiceKind

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.graph import CommunityGraph
    from community_policing.periods import Period

__all__ = [
    "DEFAULT_TIMEZONE",
    "Appointment",
    "AppointmentBook",
    "FlexibleHoursRule",
    "InteractionProgramme",
    "InteractionRecord",
    "OfficeOnCall",
    "Roster",
    "ServiceLedger",
    "ServiceRecord",
    "WeeklyInterval",
    "WorkingHours",
    "offices_serving",
    "station_gaps",
]

#: Offices keep local time; the sources are all in China.
DEFAULT_TIMEZONE = "Asia/Shanghai"

_SATURDAY = 5


def _weekday(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or not 0 <= value <= 6:
        raise v.fail(instance, attribute.name, "weekday", "must be 0 (Monday) to 6 (Sunday)")


def _zone(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.text(instance, attribute, value)
    v.time_zone(value, entity=instance.KIND, field=attribute.name)


@attrs.frozen
class WeeklyInterval:
    """A stretch of every week: a weekday (0 is Monday) from ``start`` to ``end``, local time.

    Examples:
        >>> from datetime import time
        >>> WeeklyInterval(5, time(9), time(12)).hours
        3.0
    """

    KIND: ClassVar[str] = "weekly_interval"

    weekday: int = attrs.field(validator=_weekday)
    start: time = attrs.field(validator=v.time_of_day)
    end: time = attrs.field(validator=v.time_of_day)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise v.fail(self, "end", "after_start", "must be after the start, the same day")

    @property
    def hours(self) -> float:
        """Its length in hours."""
        return (_minutes(self.end) - _minutes(self.start)) / 60

    def overlaps(self, start: time, end: time) -> bool:
        """Whether it shares any time with ``start``-``end`` on its weekday."""
        return self.start < end and start < self.end


def _minutes(moment: time) -> int:
    return moment.hour * 60 + moment.minute


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
    timezone: str = attrs.field(default=DEFAULT_TIMEZONE, validator=_zone)
    #: The intervals of each weekday (0 is Monday), sorted by start.
    by_weekday: tuple[tuple[WeeklyInterval, ...], ...] = attrs.field(
        init=False, eq=False, repr=False
    )

    @intervals.validator
    def _check_intervals(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(WeeklyInterval)(self, attribute, value)
        ordered = sorted(value, key=lambda i: (i.weekday, i.start))
        for first, second in itertools.pairwise(ordered):
            if first.weekday == second.weekday and second.start < first.end:
                raise v.fail(self, "intervals", "overlap", "two intervals overlap")

    def __attrs_post_init__(self) -> None:
        days = tuple(
            tuple(sorted((i for i in self.intervals if i.weekday == day), key=lambda i: i.start))
            for day in range(7)
        )
        object.__setattr__(self, "by_weekday", days)

    def covers(self, start: datetime, end: datetime) -> bool:
        """Whether ``start``-``end`` (aware) lies within one interval, in the office's zone."""
        zone = ZoneInfo(self.timezone)
        local_start, local_end = start.astimezone(zone), end.astimezone(zone)
        if local_start.date() != local_end.date() or local_start.date() < self.effective_from:
            return False
        return any(
            interval.start <= local_start.time() and local_end.time() <= interval.end
            for interval in self.by_weekday[local_start.weekday()]
        )

    def on_duty(self, at: datetime) -> bool:
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
        if local.date() < self.effective_from:
            return False
        moment = local.time().replace(tzinfo=None)
        return any(i.start <= moment < i.end for i in self.by_weekday[local.weekday()])


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


@attrs.frozen
class Appointment:
    """A resident's appointment with an officer at an office (预约服务).

    The resident is named by person id only; their details stay in the person record.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import ServiceKind
        >>> at = datetime(2025, 1, 7, 18, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> Appointment("ap-1", "o-1", "p-1", ServiceKind.APPOINTMENT, at,
        ...             at.replace(minute=50), resident="p-r").service.zh
        '预约服务'
    """

    KIND: ClassVar[str] = "appointment"

    id: str = attrs.field(validator=v.identifier)
    office: str = attrs.field(validator=v.identifier)
    officer: str = attrs.field(validator=v.identifier)
    service: ServiceKind = attrs.field(validator=v.member_of(ServiceKind))
    start: datetime = attrs.field(validator=v.aware_datetime)
    end: datetime = attrs.field(validator=v.aware_datetime)
    resident: str | None = attrs.field(default=None, validator=v.optional_identifier)
    cancelled: bool = attrs.field(default=False, validator=v.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise v.fail(self, "end", "after_start", "must be after the start")

    def clashes(self, other: Appointment) -> bool:
        """Whether both hold the same officer at the same time (cancelled ones never clash)."""
        return (
            not self.cancelled
            and not other.cancelled
            and self.officer == other.officer
            and self.start < other.end
            and other.start < self.end
        )


def _require_aware(moment: datetime, field: str, entity: str) -> None:
    """Refuse an argument that is not a datetime with a time zone."""
    if type(moment) is not datetime or moment.tzinfo is None:
        raise ValidationError(
            entity=entity, field=field, rule="type", reason="expected a datetime with a time zone"
        )


def _index_by_office(hours: tuple[WorkingHours, ...]) -> Mapping[str, tuple[WorkingHours, ...]]:
    grouped: dict[str, list[WorkingHours]] = {}
    for each in hours:
        grouped.setdefault(each.office, []).append(each)
    return MappingProxyType({office: tuple(found) for office, found in grouped.items()})


class _Bookings(NamedTuple):
    """One officer's live bookings: (start, end) sorted, and their ends in the same order.

    No two overlap (an officer is never booked twice), so the ends are sorted too and a
    bisection finds the first booking still running at any moment.
    """

    stretches: list[tuple[datetime, datetime]]
    ends: list[datetime]

    def first_running(self, moment: datetime) -> int:
        """The index of the first booking that ends after ``moment``."""
        return bisect.bisect_right(self.ends, moment)


_NO_BOOKINGS = _Bookings([], [])


def _first_gap(
    hours: WorkingHours,
    busy: _Bookings,
    after: datetime,
    duration: timedelta,
    horizon_days: int,
) -> datetime | None:
    """The earliest start from ``after`` with ``duration`` in ``hours`` and clear of ``busy``."""
    zone = ZoneInfo(hours.timezone)
    local = after.astimezone(zone)
    taken = busy.stretches
    for offset in range(horizon_days + 1):
        day = local.date() + timedelta(days=offset)
        if day < hours.effective_from:
            continue
        for interval in hours.by_weekday[day.weekday()]:
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
                    f"{hours.officer!r} has two sets of hours at {hours.office!r}",
                )
            seen.add((hours.officer, hours.office))

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_office", _index_by_office(self.hours))

    def at_office(self, office: str) -> tuple[WorkingHours, ...]:
        """The hours posted for ``office``, one per officer (empty for an unknown office)."""
        return self._by_office.get(office, ())

    def on_duty(self, office: str, at: datetime) -> tuple[str, ...]:
        """The officers on duty at ``office`` at the moment ``at`` (aware), sorted."""
        _require_aware(at, "at", self.KIND)
        return tuple(sorted(h.officer for h in self.at_office(office) if h.on_duty(at)))

    def next_opening(
        self, office: str, after: datetime, *, horizon_days: int = 28
    ) -> datetime | None:
        """The first moment from ``after`` at which someone is on duty at ``office``.

        ``after`` itself when the office is open then; ``None`` when it does not open within
        ``horizon_days``.
        """
        _require_aware(after, "after", self.KIND)
        found = [
            start
            for hours in self.at_office(office)
            if (start := _first_gap(hours, _NO_BOOKINGS, after, _OPEN_AT_LEAST, horizon_days))
            is not None
        ]
        return min(found, default=None)


@attrs.frozen
class OfficeOnCall:
    """The answer to "which office serves this place, is it open, who is on duty".

    Attributes:
        office: The office's id (an organisation of kind community police office).
        name: Its name.
        address: Its standard address (text), if recorded.
        serves: The area it is assigned to that contains the place (the place itself, or an
            area above it).
        at: The moment asked about.
        on_duty: The officers on duty then, sorted; empty when closed.
        next_opening: The first moment from ``at`` when someone is on duty (``at`` itself
            when open), ``None`` when it does not open within four weeks.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> at = datetime(2025, 1, 7, 19, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> OfficeOnCall("o-1", "西门社区警务室", None, "community:c-1", at, ("p-1",), at).is_open
        True
    """

    office: str
    name: str
    address: str | None
    serves: str
    at: datetime
    on_duty: tuple[str, ...]
    next_opening: datetime | None

    @property
    def is_open(self) -> bool:
        """Whether anyone is on duty at the moment asked about."""
        return bool(self.on_duty)


def offices_serving(
    graph: CommunityGraph, place: str, *, at: datetime, roster: Roster
) -> tuple[OfficeOnCall, ...]:
    """The community police offices (社区警务室) serving ``place``, nearest first, with their hours.

    An office serves the areas it is assigned to (an
    :class:`~community_policing.AreaAssignment`) and every place inside them; its opening hours
    are the posted hours of its officers in ``roster``.

    Raises:
        ValidationError: ``at`` has no time zone.
        NotFoundError: ``place`` is not in the graph.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import CommunityGraph, sample_jurisdiction, sample_roster
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> saturday_night = datetime(2025, 1, 11, 22, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> (office,) = offices_serving(graph, "household:h-jy-1-101", at=saturday_night,
        ...                             roster=sample_roster())
        >>> office.name, office.address, office.serves, office.is_open
        ('西门社区警务室', '西门路9号西门社区警务室', 'community:c-ximen', False)
        >>> office.next_opening.isoformat()
        '2025-01-13T08:30:00+08:00'
    """
    _require_aware(at, "at", "office_query")
    day = at.date()
    serving = graph.serving(place, as_of=day)
    found = []
    for key in serving.organizations:
        office = graph.entity(key)
        if office.kind is not OrganizationKind.COMMUNITY_POLICE_OFFICE:
            continue
        address = (
            None
            if office.address is None
            else graph.entity(f"{StandardAddress.KIND}:{office.address}").text
        )
        found.append(
            OfficeOnCall(
                office=office.id,
                name=office.name,
                address=address,
                serves=_assigned_area(graph, key, place, day),
                at=at,
                on_duty=roster.on_duty(office.id, at),
                next_opening=roster.next_opening(office.id, at),
            )
        )
    return tuple(found)


def _assigned_area(graph: CommunityGraph, office: str, place: str, day: date) -> str:
    """The nearest area containing ``place`` (or ``place``) that ``office`` is assigned to."""
    assigned = {
        str(record.area)
        for record in graph.records(AreaAssignment.KIND)
        if record.organization is not None
        and f"organization:{record.organization}" == office
        and record.is_active(day)
    }
    return next(area for area in graph.containing(place, as_of=day) if area in assigned)


@attrs.frozen
class AppointmentBook:
    """Appointments at offices, kept within the officers' hours and never double-booked.

    :meth:`book` and :meth:`cancel` return a new book; a refused booking raises
    :class:`~community_policing.ValidationError` and the book is unchanged.

    Examples:
        >>> from datetime import date, datetime, time, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import ServiceKind
        >>> hours = WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
        ...     effective_from=date(2025, 1, 6),
        ...     intervals=[WeeklyInterval(1, time(18), time(20))])
        >>> book = AppointmentBook(Roster([hours]))
        >>> tz = ZoneInfo("Asia/Shanghai")
        >>> after = datetime(2025, 1, 6, 9, tzinfo=tz)
        >>> officer, start = book.next_free_slot("o-1", after=after, duration=timedelta(minutes=30))
        >>> officer, start.isoformat()
        ('p-1', '2025-01-07T18:00:00+08:00')
        >>> book = book.book(Appointment("ap-1", "o-1", "p-1", ServiceKind.APPOINTMENT,
        ...                              start, start + timedelta(minutes=30)))
        >>> book.next_free_slot("o-1", after=after, duration=timedelta(minutes=30))[1].time()
        datetime.time(18, 30)
    """

    KIND: ClassVar[str] = "appointment_book"

    roster: Roster = attrs.field(validator=v.instance_of(Roster))
    appointments: tuple[Appointment, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    # Derived: the ids taken, and each officer's live bookings in time order.
    _ids: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _busy: Mapping[str, _Bookings] = attrs.field(init=False, eq=False, repr=False)

    @appointments.validator
    def _check_appointments(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(Appointment)(self, attribute, value)

    def __attrs_post_init__(self) -> None:
        busy: dict[str, list[tuple[datetime, datetime]]] = {}
        ids: set[str] = set()
        for appointment in self.appointments:
            if appointment.id in ids:
                raise v.fail(self, "appointments", "duplicate_id", f"two are {appointment.id!r}")
            ids.add(appointment.id)
            if not appointment.cancelled:
                busy.setdefault(appointment.officer, []).append(
                    (appointment.start, appointment.end)
                )
        indexed: dict[str, _Bookings] = {}
        for officer, stretches in busy.items():
            stretches.sort()
            for (_, first_end), (second_start, _) in itertools.pairwise(stretches):
                if second_start < first_end:
                    raise v.fail(
                        self, "appointments", "double_booked", f"{officer!r} is booked twice"
                    )
            indexed[officer] = _Bookings(stretches, [end for _, end in stretches])
        object.__setattr__(self, "_ids", frozenset(ids))
        object.__setattr__(self, "_busy", MappingProxyType(indexed))

    def book(self, appointment: Appointment) -> AppointmentBook:
        """This book with ``appointment`` added.

        Raises:
            ValidationError: the id is taken, the time is outside the officer's hours at that
                office, or the officer is already booked then.
        """
        if not isinstance(appointment, Appointment):
            raise v.fail(self, "appointments", "type", "expected an Appointment")
        if appointment.id in self._ids:
            raise self._refuse(appointment, "id", "duplicate_id", "an appointment has this id")
        if not any(
            hours.officer == appointment.officer
            and hours.covers(appointment.start, appointment.end)
            for hours in self.roster.at_office(appointment.office)
        ):
            raise self._refuse(
                appointment, "start", "opening_hours", "outside the officer's hours there"
            )
        if not appointment.cancelled:
            busy = self._busy.get(appointment.officer, _NO_BOOKINGS)
            index = busy.first_running(appointment.start)
            if index < len(busy.stretches) and busy.stretches[index][0] < appointment.end:
                raise self._refuse(appointment, "officer", "double_booked", "already booked then")
        return attrs.evolve(self, appointments=(*self.appointments, appointment))

    def cancel(self, appointment_id: str) -> AppointmentBook:
        """This book with the appointment cancelled (kept, marked cancelled).

        Raises:
            ValidationError: no such appointment, or it is already cancelled.
        """
        for index, existing in enumerate(self.appointments):
            if existing.id == appointment_id and not existing.cancelled:
                kept = list(self.appointments)
                kept[index] = attrs.evolve(existing, cancelled=True)
                return attrs.evolve(self, appointments=tuple(kept))
        raise ValidationError(
            entity=self.KIND,
            entity_id=None,
            field="appointments",
            rule="not_found",
            reason=f"no open appointment {appointment_id!r}",
        )

    def next_free_slot(
        self,
        office: str,
        *,
        after: datetime,
        duration: timedelta,
        horizon_days: int = 28,
    ) -> tuple[str, datetime] | None:
        """The earliest (officer, start) at ``office`` with ``duration`` free, from ``after``.

        Slots start at the beginning of an interval or at the end of a booking; ties go to
        the officer whose id sorts first; ``None`` when nothing is free within
        ``horizon_days``.
        """
        _require_aware(after, "after", self.KIND)
        best: tuple[datetime, str] | None = None
        for hours in self.roster.at_office(office):
            busy = self._busy.get(hours.officer, _NO_BOOKINGS)
            found = _first_gap(hours, busy, after, duration, horizon_days)
            if found is not None and (best is None or (found, hours.officer) < best):
                best = (found, hours.officer)
        return None if best is None else (best[1], best[0])

    def _refuse(self, appointment: Appointment, field: str, rule: str, reason: str) -> Exception:
        return ValidationError(
            entity=Appointment.KIND, entity_id=appointment.id, field=field, rule=rule, reason=reason
        )


def _month_of(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


_RECORD_ID = operator.attrgetter("id")
_RECORD_DAY = operator.attrgetter("on")
# an enum's value read straight from the member: a str, whose hash is kept
_RECORD_KIND = operator.attrgetter("kind._value_")
_RECORD_OFFICE = operator.attrgetter("office")
_RECORD_SERVER = operator.attrgetter("served_by")


@attrs.frozen
class ServiceRecord:
    """One entry of the service ledger (服务台账): what was asked, by whom, who served, when.

    The outcome is free text that may describe the resident's affairs, so it stays out of
    ``repr``; the resident is named by person id only.

    Examples:
        >>> from datetime import date
        >>> from community_policing import ServiceKind
        >>> ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2024, 3, 1),
        ...               served_by="p-1", requested_by="p-r", outcome="身份证已送达")
        ... # doctest: +NORMALIZE_WHITESPACE
        ServiceRecord(id='s-1', kind=<ServiceKind.DELIVERY: 'delivery'>, office='o-1',
                      on=datetime.date(2024, 3, 1), served_by='p-1', requested_by='p-r')
    """

    KIND: ClassVar[str] = "service_record"

    id: str = attrs.field(validator=v.identifier)
    kind: ServiceKind = attrs.field(validator=v.member_of(ServiceKind))
    office: str = attrs.field(validator=v.identifier)
    on: date = attrs.field(validator=v.calendar_date)
    served_by: str = attrs.field(validator=v.identifier)
    requested_by: str | None = attrs.field(default=None, validator=v.optional_identifier)
    outcome: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)


@attrs.frozen
class ServiceLedger:
    """The services an office (or a city) gave, with counts per kind, office and month.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, ServiceKind
        >>> ledger = ServiceLedger([
        ...     ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2024, 3, 1), "p-1"),
        ...     ServiceRecord("s-2", ServiceKind.DELIVERY, "o-1", date(2025, 3, 2), "p-1"),
        ...     ServiceRecord("s-3", ServiceKind.APPOINTMENT, "o-2", date(2025, 3, 9), "p-2")])
        >>> ledger.counts(by=("kind",), period=Period(date(2025, 1, 1), date(2026, 1, 1)))
        {('appointment',): 1, ('delivery',): 1}
        >>> ledger.year_on_year(Period(date(2025, 1, 1), date(2026, 1, 1)),
        ...                     kind=ServiceKind.DELIVERY)
        Change(current=1, previous=1)
    """

    KIND: ClassVar[str] = "service_ledger"

    records: tuple[ServiceRecord, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    # The records in date order, their dates, and one column of group labels per grouping in
    # the same order: a period is one slice, and counting zips the slices of the columns.
    _by_day: tuple[ServiceRecord, ...] = attrs.field(init=False, eq=False, repr=False)
    _dates: list[date] = attrs.field(init=False, eq=False, repr=False)
    _columns: Mapping[str, list[str]] = attrs.field(init=False, eq=False, repr=False)

    @records.validator
    def _check_records(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(ServiceRecord)(self, attribute, value)
        ids = set(map(_RECORD_ID, value))
        if len(ids) != len(value):
            seen: set[str] = set()
            for record in value:
                if record.id in seen:
                    raise v.fail(self, "records", "duplicate_id", f"two records are {record.id!r}")
                seen.add(record.id)

    def __attrs_post_init__(self) -> None:
        by_day = self.records
        days = list(map(_RECORD_DAY, by_day))
        if any(map(operator.gt, days, itertools.islice(days, 1, None))):
            by_day = tuple(sorted(by_day, key=_RECORD_DAY))
            days = list(map(_RECORD_DAY, by_day))
        object.__setattr__(self, "_by_day", by_day)
        object.__setattr__(self, "_dates", days)
        months = {day: _month_of(day) for day in set(days)}
        columns = {
            "kind": list(map(_RECORD_KIND, by_day)),
            "office": list(map(_RECORD_OFFICE, by_day)),
            "month": list(map(months.__getitem__, days)),
            "served_by": list(map(_RECORD_SERVER, by_day)),
        }
        object.__setattr__(self, "_columns", MappingProxyType(columns))

    def add(self, record: ServiceRecord) -> ServiceLedger:
        """This ledger with one more record.

        Raises:
            ValidationError: a record with that id is already in the ledger.
        """
        return ServiceLedger((*self.records, record))

    def within(self, period: Period) -> tuple[ServiceRecord, ...]:
        """The records dated within ``period``, in date order (found by bisection).

        Examples:
            >>> from datetime import date
            >>> from community_policing import Period, ServiceKind
            >>> ledger = ServiceLedger([
            ...     ServiceRecord("s-2", ServiceKind.DELIVERY, "o-1", date(2025, 3, 2), "p-1"),
            ...     ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2025, 1, 9), "p-1")])
            >>> [r.id for r in ledger.within(Period(date(2025, 1, 1)))]
            ['s-1', 's-2']
        """
        low, high = self._span(period)
        return self._by_day[low:high]

    def _span(self, period: Period | None) -> tuple[int, int]:
        dates = self._dates
        if period is None:
            return 0, len(dates)
        low = bisect.bisect_left(dates, period.start)
        high = len(dates) if period.end is None else bisect.bisect_left(dates, period.end)
        return low, high

    def counts(
        self, *, by: tuple[str, ...] = ("kind",), period: Period | None = None
    ) -> dict[tuple[str, ...], int]:
        """How many records fall in each group, over ``period`` (default: all).

        Args:
            by: Any of ``"kind"``, ``"office"``, ``"month"`` (``YYYY-MM``) and ``"served_by"``,
                in the order the group keys should list them.
            period: Count only records dated within it.

        Raises:
            ValidationError: an unknown grouping.
        """
        unknown = [key for key in by if key not in self._columns]
        if unknown:
            known = ", ".join(self._columns)
            raise v.fail(self, "by", "grouping", f"{unknown[0]!r} is not one of {known}")
        low, high = self._span(period)
        if not by:
            return {(): high - low}
        # zipping slices of label columns builds each group key in C; no record is touched
        keys = zip(*(self._columns[key][low:high] for key in by), strict=True)
        return dict(sorted(Counter(keys).items()))

    def _days(self, kind: ServiceKind | None, office: str | None) -> list[date]:
        return [
            r.on
            for r in self.records
            if (kind is None or r.kind is kind) and (office is None or r.office == office)
        ]

    def year_on_year(
        self, period: Period, *, kind: ServiceKind | None = None, office: str | None = None
    ) -> Change:
        """Records in ``period`` against the same period a year before (同比)."""
        return year_on_year(self._days(kind, office), period)

    def period_on_period(
        self, period: Period, *, kind: ServiceKind | None = None, office: str | None = None
    ) -> Change:
        """Records in ``period`` against the period of the same length before it (环比)."""
        return period_on_period(self._days(kind, office), period)


def station_gaps(
    office: str,
    *,
    roster: Roster,
    ledger: ServiceLedger,
    period: Period,
    formula: Formula | None = None,
    rule: FlexibleHoursRule | None = None,
) -> tuple[SlotGap, ...]:
    """What ``office`` lacks of its service formula (default Tieshan's 1+4) over ``period``.

    The office is the core. Flexible hours count when at least one officer's posted hours at
    the office meet ``rule`` (default :class:`FlexibleHoursRule`); every other service counts
    when the ledger holds one of that kind at the office in ``period``. Services the formula
    does not name are not gaps, so a host's own formula (say, 1+5 with child-minding) can be
    checked the same way.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, sample_roster, sample_service_ledger
        >>> gaps = station_gaps("o-ximen-office", roster=sample_roster(),
        ...                     ledger=sample_service_ledger(),
        ...                     period=Period(date(2025, 1, 1), date(2026, 1, 1)))
        >>> gaps
        ()
        >>> for gap in station_gaps("o-ximen-office", roster=Roster([]), ledger=ServiceLedger(),
        ...                         period=Period(date(2025, 1, 1), date(2026, 1, 1))):
        ...     print(gap.message)
        flexible hours: needs 1, has 0
        proxy service: needs 1, has 0
        appointment: needs 1, has 0
        delivery: needs 1, has 0
    """
    chosen = MECHANISM_FORMULAS["1+4"] if formula is None else formula
    check = FlexibleHoursRule() if rule is None else rule
    present: list[str] = [OrganizationKind.COMMUNITY_POLICE_OFFICE.value]
    if any(not check.findings(hours) for hours in roster.at_office(office)):
        present.append(ServiceKind.FLEXIBLE_HOURS.value)
    given = {
        record.kind.value
        for record in ledger.records
        if record.office == office and period.contains(record.on)
    }
    present.extend(sorted(given))
    accepted = frozenset().union(*(slot.accepts for slot in chosen.slots))
    return chosen.check(component for component in present if component in accepted)


@attrs.frozen
class InteractionRecord:
    """One act of Tieshan's 1+5 interaction programme: a monthly report, a visit, an exchange.

    Examples:
        >>> from datetime import date
        >>> from community_policing import InteractionKind
        >>> InteractionRecord("i-1", InteractionKind.HOME_VISIT, "o-1", date(2025, 3, 4),
        ...                   officer="p-1").kind.zh
        '入户走访'
    """

    KIND: ClassVar[str] = "interaction_record"

    id: str = attrs.field(validator=v.identifier)
    kind: InteractionKind = attrs.field(validator=v.member_of(InteractionKind))
    office: str = attrs.field(validator=v.identifier)
    on: date = attrs.field(validator=v.calendar_date)
    officer: str = attrs.field(validator=v.identifier)
    note: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)


def _targets(value: Any) -> Any:
    return MappingProxyType(dict(value)) if isinstance(value, dict) else value


def _check_targets(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for kind, target in value.items():
        if not isinstance(kind, InteractionKind) or type(target) is not int or target < 0:
            raise v.fail(instance, attribute.name, "targets", "maps interaction kinds to counts")


@attrs.frozen
class InteractionProgramme:
    """The 1+5 programme's monthly targets as a compliance check (一月一通报).

    ``targets`` gives, per kind, how many a month each office must record; by default only the
    monthly report is required (a month without one is a violation). Visit targets are
    configuration.

    Examples:
        >>> from datetime import date
        >>> from community_policing import InteractionKind, Period
        >>> done = [InteractionRecord("i-1", InteractionKind.MONTHLY_REPORT, "o-1",
        ...                           date(2025, 1, 28), "p-1")]
        >>> InteractionProgramme().findings(done, "o-1", Period(date(2025, 1, 1), date(2025, 3, 1)))
        ('o-1 2025-02: 0 monthly report(s), needs 1',)
    """

    KIND: ClassVar[str] = "interaction_programme"

    targets: Mapping[InteractionKind, int] = attrs.field(
        factory=lambda: MappingProxyType({InteractionKind.MONTHLY_REPORT: 1}),
        converter=_targets,
        validator=_check_targets,
    )

    def findings(
        self, records: Iterable[InteractionRecord], office: str, period: Period
    ) -> tuple[str, ...]:
        """Every month of ``period`` (which must end) where ``office`` fell short of a target."""
        counts = Counter(
            (_month_of(r.on), r.kind)
            for r in records
            if r.office == office and period.contains(r.on)
        )
        found = []
        for month in map(_month_of, months_of(period)):
            for kind, target in self.targets.items():
                if counts[month, kind] < target:
                    found.append(
                        f"{office} {month}: {counts[month, kind]} {kind.en}(s), needs {target}"
                    )
        return tuple(found)
