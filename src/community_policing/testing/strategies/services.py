"""Strategies for office hours, rosters, appointments and the service ledger.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import working_hours
    >>> find(working_hours(), lambda _: True).timezone
    'Asia/Shanghai'
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
from hypothesis import strategies as st

from community_policing.model.vocab import (
    InteractionKind,
    ServiceKind,
)
from community_policing.model.weekly import DEFAULT_TIMEZONE, DayInterval, WeeklyInterval
from community_policing.services import (
    Appointment,
    AppointmentBook,
    FlexibleHoursRule,
    InteractionRecord,
    Roster,
    ServiceLedger,
    ServiceRecord,
    ServiceRequest,
    WorkingHours,
)
from community_policing.testing.strategies._core import _dates, _phrases, draws, identifiers, refuse

__all__ = [
    "appointment_books",
    "appointments",
    "day_intervals",
    "interaction_records",
    "rosters",
    "service_ledgers",
    "service_records",
    "service_requests",
    "weekly_intervals",
    "working_hours",
]

_SHANGHAI = ZoneInfo(DEFAULT_TIMEZONE)


_MONDAY = date(2025, 1, 6)


def _minutes_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _clock_at(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


@st.composite
def _interval_within(draw: st.DrawFn, weekday: int, earliest: int, latest: int) -> WeeklyInterval:
    """An interval on ``weekday`` between two minutes of the day, in half hours."""
    slots = (latest - earliest) // 30
    start = draw(st.integers(0, slots - 1))
    end = draw(st.integers(start + 1, slots))
    return WeeklyInterval(weekday, _clock_at(earliest + 30 * start), _clock_at(earliest + 30 * end))


@draws(WeeklyInterval)
def weekly_intervals() -> st.SearchStrategy[WeeklyInterval]:
    """Stretches of a week in half hours, between 06:00 and 23:00.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(weekly_intervals(), lambda i: i.weekday == 6).hours
        0.5
    """
    return st.integers(0, 6).flatmap(lambda day: _interval_within(day, 6 * 60, 23 * 60))


def _day_interval(day: date) -> st.SearchStrategy[DayInterval]:
    return _interval_within(day.weekday(), 6 * 60, 23 * 60).map(
        lambda stretch: DayInterval(day, stretch.start, stretch.end)
    )


@draws(DayInterval)
def day_intervals() -> st.SearchStrategy[DayInterval]:
    """Stretches of one date in half hours, between 06:00 and 23:00.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(day_intervals(), lambda i: i.day.month == 10).hours
        0.5
    """
    return _dates().flatmap(_day_interval)


@st.composite
def _working_hours(
    draw: st.DrawFn, rule: FlexibleHoursRule, *, flexible: bool | None
) -> WorkingHours:
    complies = draw(st.booleans()) if flexible is None else flexible
    breakable = [
        name
        for name, needed in (
            ("evenings", rule.evenings),
            ("weekend_daytimes", rule.weekend_daytimes),
            ("notice_days", rule.notice_days),
        )
        if needed
    ]
    broken = None if complies else draw(st.sampled_from(breakable))
    evenings = rule.evenings - (broken == "evenings")
    weekends = rule.weekend_daytimes - (broken == "weekend_daytimes")
    evening_days = draw(st.permutations(range(5)))[:evenings]
    weekend_days = draw(st.permutations((5, 6)))[:weekends]
    evening_start = _minutes_of(rule.evening[0])
    intervals = [WeeklyInterval(day, *rule.evening) for day in evening_days]
    intervals += [WeeklyInterval(day, *rule.weekend_daytime) for day in weekend_days]
    # office hours on the other weekdays, kept clear of the evening window so they never
    # count as an evening (and so never mend a schedule drawn to break the rule)
    free_days = [day for day in range(5) if day not in evening_days]
    if evening_start >= 6 * 60 + 30:
        for day in draw(st.lists(st.sampled_from(free_days), unique=True)) if free_days else []:
            intervals.append(draw(_interval_within(day, 6 * 60, min(evening_start, 17 * 60))))
    notice = rule.notice_days - (broken == "notice_days")
    effective = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    # hours posted for a few dates (a holiday's duty), one stretch a date
    days = draw(st.lists(st.dates(effective, effective + timedelta(days=60)), max_size=2))
    return WorkingHours(
        officer=draw(identifiers(prefix="p-")),
        office=draw(identifiers(prefix="o-")),
        posted_on=effective - timedelta(days=notice + draw(st.integers(0, 14)) * complies),
        effective_from=effective,
        intervals=intervals,
        dated_hours=[draw(_day_interval(day)) for day in sorted(set(days))],
    )


@draws(WorkingHours)
def working_hours(
    *, flexible: bool | None = None, rule: FlexibleHoursRule | None = None
) -> st.SearchStrategy[WorkingHours]:
    """Posted weekly hours that meet a flexible-hours rule, or break it in one way.

    ``flexible=True`` meets ``rule`` (default :class:`~community_policing.services`),
    ``False`` breaks exactly one of its requirements, ``None`` draws either.

    Evenings go on weekdays and weekend daytimes on Saturday and Sunday, each exactly the
    rule's window; other office hours stay clear of the evening.

    Requires the ``hypothesis`` extra.

    Raises:
        ValueError: the rule asks for more than five evenings or two weekend days, or cannot
            be broken because it asks for nothing.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing.services import FlexibleHoursRule
        >>> hours = find(working_hours(flexible=False), lambda _: True)
        >>> len(FlexibleHoursRule().findings(hours))
        1
    """
    chosen = FlexibleHoursRule() if rule is None else rule
    if chosen.evenings > 5 or chosen.weekend_daytimes > 2:
        raise refuse("rule", "at most five evenings and two weekend days can be drawn")
    if flexible is False and not (chosen.evenings or chosen.weekend_daytimes or chosen.notice_days):
        raise refuse("rule", "a rule that asks for nothing cannot be broken")
    return _working_hours(chosen, flexible=flexible)


@draws(Roster)
def rosters(*, max_size: int = 4) -> st.SearchStrategy[Roster]:
    """Rosters of up to ``max_size`` officers' hours, at most one set per officer and office.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> roster = find(rosters(), lambda roster: len(roster.hours) == 2)
        >>> len({(hours.officer, hours.office) for hours in roster.hours})
        2
    """
    return st.lists(
        working_hours(), max_size=max_size, unique_by=lambda h: (h.officer, h.office)
    ).map(Roster)


@st.composite
def _appointment(draw: st.DrawFn) -> Appointment:
    start = datetime.combine(draw(_dates()), _clock_at(30 * draw(st.integers(12, 40))), _SHANGHAI)
    return Appointment(
        id=draw(identifiers(prefix="ap-")),
        office=draw(identifiers(prefix="o-")),
        officer=draw(identifiers(prefix="p-")),
        service=draw(st.sampled_from(ServiceKind)),
        start=start,
        end=start + timedelta(minutes=draw(st.sampled_from((15, 30, 60)))),
        resident=draw(st.one_of(st.none(), identifiers(prefix="p-r"))),
        cancelled=draw(st.booleans()),
    )


@draws(Appointment)
def appointments() -> st.SearchStrategy[Appointment]:
    """Single appointments in Shanghai time; :func:`appointment_books` draws consistent books.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> appointment = find(appointments(), lambda a: a.cancelled)
        >>> appointment.end > appointment.start
        True
    """
    return _appointment()


@st.composite
def _appointment_book(draw: st.DrawFn, max_steps: int) -> AppointmentBook:
    officers = draw(
        st.lists(
            working_hours(flexible=True), min_size=1, max_size=3, unique_by=lambda h: h.officer
        )
    )
    roster = Roster([attrs.evolve(h, office="o-1") for h in officers])
    book = AppointmentBook(roster)
    start = datetime.combine(max(h.effective_from for h in officers), time(0), _SHANGHAI)
    for step in range(draw(st.integers(0, max_steps))):
        open_ones = [a.id for a in book.appointments if not a.cancelled]
        if open_ones and draw(st.integers(0, 3)) == 0:
            book = book.cancel(draw(st.sampled_from(open_ones)))
            continue
        after = start + timedelta(hours=draw(st.integers(0, 24 * 14)))
        length = timedelta(minutes=draw(st.sampled_from((15, 30, 60))))
        found = book.next_free_slot("o-1", after=after, duration=length)
        if found is not None:
            officer, at = found
            book = book.book(
                Appointment(
                    id=f"ap-{step}",
                    office="o-1",
                    officer=officer,
                    service=draw(st.sampled_from(ServiceKind)),
                    start=at,
                    end=at + length,
                    resident=draw(st.one_of(st.none(), identifiers(prefix="p-r"))),
                )
            )
    return book


@draws(AppointmentBook)
def appointment_books(*, max_steps: int = 6) -> st.SearchStrategy[AppointmentBook]:
    """Appointment books built by a drawn sequence of bookings and cancellations.

    Each booking takes a free slot found by
    :meth:`~community_policing.services.appointments.AppointmentBook.next_free_slot`, at one office
    ``o-1`` with
    one to three officers keeping flexible hours.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> book = find(appointment_books(), lambda b: len(b.appointments) >= 2)
        >>> len({a.officer for a in book.appointments}) <= len(book.roster.hours)
        True
    """
    return _appointment_book(max_steps)


@draws(ServiceRecord)
def service_records() -> st.SearchStrategy[ServiceRecord]:
    """Service-ledger entries of every kind.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import ServiceKind
        >>> find(service_records(), lambda r: r.kind is ServiceKind.DELIVERY).kind.zh
        '送证上门'
    """
    return st.builds(
        ServiceRecord,
        id=identifiers(prefix="s-"),
        kind=st.sampled_from(ServiceKind),
        office=identifiers(prefix="o-"),
        on=_dates(),
        served_by=identifiers(prefix="p-"),
        requested_by=st.one_of(st.none(), identifiers(prefix="p-r")),
        outcome=st.one_of(st.none(), _phrases()),
    )


@st.composite
def _service_request(draw: st.DrawFn) -> ServiceRequest:
    request = ServiceRequest(
        id=draw(identifiers(prefix="sr-")),
        kind=draw(st.sampled_from(ServiceKind)),
        office=draw(identifiers(prefix="o-")),
        requested_on=draw(_dates()),
        assigned_to=draw(st.one_of(st.none(), identifiers(prefix="p-"))),
        requested_by=draw(st.one_of(st.none(), identifiers(prefix="p-r"))),
    )
    day = request.requested_on
    for step in draw(st.lists(st.sampled_from(("wait", "resume", "serve")), max_size=5)):
        day += timedelta(days=draw(st.integers(0 if step == "wait" else 1, 6)))
        if step == "wait" and not request.served and not request.is_waiting:
            request = request.wait(day)
        elif step == "resume" and request.is_waiting:
            request = request.resume(day)
        elif step == "serve" and not request.served:
            request = request.serve(day)
    return request


@draws(ServiceRequest)
def service_requests() -> st.SearchStrategy[ServiceRequest]:
    """Residents' requests at every stage: waiting on the resident, resumed, served.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=20, database=None)
        ... @given(service_requests())
        ... def waits_end_by_service(request):
        ...     assert not (request.served and request.is_waiting)
        >>> waits_end_by_service()
    """
    return _service_request()


@draws(ServiceLedger)
def service_ledgers(*, max_size: int = 20) -> st.SearchStrategy[ServiceLedger]:
    """Ledgers of up to ``max_size`` records with distinct ids.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(service_ledgers(max_size=3))
        ... def distinct_and_few(ledger):
        ...     ids = [record.id for record in ledger.records]
        ...     assert len(ids) == len(set(ids)) <= 3
        >>> distinct_and_few()
    """
    return st.lists(service_records(), max_size=max_size, unique_by=lambda r: r.id).map(
        ServiceLedger
    )


@draws(InteractionRecord)
def interaction_records() -> st.SearchStrategy[InteractionRecord]:
    """Records of the 1+5 programme: monthly reports, visits and exchanges.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import InteractionKind
        >>> find(interaction_records(), lambda r: r.kind is InteractionKind.HOME_VISIT).kind.zh
        '入户走访'
    """
    return st.builds(
        InteractionRecord,
        id=identifiers(prefix="i-"),
        kind=st.sampled_from(InteractionKind),
        office=identifiers(prefix="o-"),
        on=_dates(),
        officer=identifiers(prefix="p-"),
        note=st.one_of(st.none(), _phrases()),
    )
