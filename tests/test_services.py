import contextlib
import itertools
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    CommunityGraph,
    DayInterval,
    Formula,
    InteractionKind,
    NotFoundError,
    OrganizationKind,
    Period,
    ServiceKind,
    Slot,
    ValidationError,
    WeeklyInterval,
    sample,
)
from community_policing.calendar import WorkingCalendar
from community_policing.services import (
    Appointment,
    AppointmentBook,
    FlexibleHoursRule,
    InteractionProgramme,
    InteractionRecord,
    Roster,
    ServiceLedger,
    ServiceRecord,
    WorkingHours,
    offices_serving,
    station_gaps,
)
from community_policing.testing import strategies as cps
from helpers import worked_plainly, working_calendars

TZ = ZoneInfo("Asia/Shanghai")
MONDAY = date(2025, 1, 6)


def hours(intervals, *, officer="p-1", office="o-1", posted=date(2025, 1, 1)):
    return WorkingHours(
        officer=officer, office=office, posted_on=posted, effective_from=MONDAY, intervals=intervals
    )


def appointment(ident, start, minutes=30, officer="p-1", office="o-1"):
    return Appointment(
        ident, office, officer, ServiceKind.APPOINTMENT, start, start + timedelta(minutes=minutes)
    )


def at(day, hour, minute=0):
    return datetime.combine(MONDAY + timedelta(days=day), time(hour, minute), TZ)


def test_tieshans_flexible_hours_pass_and_office_hours_fail():
    rule = FlexibleHoursRule()
    flexible = hours(
        [
            WeeklyInterval(0, time(9), time(17)),
            WeeklyInterval(1, time(17), time(20)),
            WeeklyInterval(3, time(19), time(21)),
            WeeklyInterval(6, time(9), time(12)),
        ]
    )
    assert rule.findings(flexible) == ()
    one_evening = hours(
        [WeeklyInterval(1, time(17), time(20)), WeeklyInterval(6, time(9), time(12))]
    )
    assert rule.findings(one_evening) == ("p-1 at o-1: 1 evening(s) a week, needs 2",)
    lenient = FlexibleHoursRule(evenings=1, weekend_daytimes=0, notice_days=0)
    assert lenient.findings(one_evening) == ()
    late = FlexibleHoursRule(evening=(time(20, 30), time(22)))
    assert len(late.findings(flexible)) == 1


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (lambda: WeeklyInterval(7, time(9), time(10)), "weekday", "weekday"),
        (lambda: WeeklyInterval(0, time(10), time(9)), "end", "after_start"),
        (lambda: WeeklyInterval(0, "09:00", time(10)), "start", "type"),
        (
            lambda: hours(
                [WeeklyInterval(0, time(9), time(12)), WeeklyInterval(0, time(11), time(13))]
            ),
            "intervals",
            "overlap",
        ),
        (
            lambda: WorkingHours(
                officer="p-1",
                office="o-1",
                posted_on=MONDAY,
                effective_from=MONDAY,
                intervals=[],
                timezone="Mars/Olympus",
            ),
            "timezone",
            "timezone",
        ),
        (lambda: appointment("a", datetime(2025, 1, 7, 18), 30), "start", "type"),  # noqa: DTZ001  (naive on purpose)
        (lambda: appointment("a", at(1, 18), -5), "end", "after_start"),
    ],
)
def test_bad_schedules_are_refused(build, field, rule):
    with pytest.raises(ValidationError) as caught:
        build()
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_bookings_stay_in_hours_and_are_never_doubled():
    book = AppointmentBook(Roster([hours([WeeklyInterval(1, time(18), time(20))])]))
    booked = book.book(appointment("a1", at(1, 18)))
    for bad, rule in [
        (appointment("a1", at(1, 19)), "duplicate_id"),
        (appointment("a2", at(1, 18, 15)), "double_booked"),
        (appointment("a3", at(1, 19, 45)), "opening_hours"),  # runs past 20:00
        (appointment("a4", at(2, 18)), "opening_hours"),
        (appointment("a5", at(1, 18, 30), office="o-2"), "opening_hours"),
        (appointment("a6", at(-6, 18)), "opening_hours"),  # before the hours take effect
    ]:
        with pytest.raises(ValidationError) as caught:
            booked.book(bad)
        assert caught.value.rule == rule
    assert len(booked.appointments) == 1
    # the same moment written in UTC is the same booking
    in_utc = appointment("a7", at(1, 18, 15).astimezone(UTC))
    with pytest.raises(ValidationError):
        booked.book(in_utc)
    freed = booked.cancel("a1")
    assert freed.appointments[0].cancelled
    assert freed.book(in_utc).appointments[-1].id == "a7"
    with pytest.raises(ValidationError) as caught:
        freed.cancel("a1")
    assert caught.value.rule == "not_found"


def test_next_free_slot_picks_the_earliest_officer():
    book = AppointmentBook(
        Roster(
            [
                hours([WeeklyInterval(1, time(18), time(19))], officer="p-1"),
                hours([WeeklyInterval(1, time(18, 30), time(20))], officer="p-2"),
            ]
        )
    )
    book = book.book(appointment("a1", at(1, 18), 60, officer="p-1"))
    assert book.next_free_slot("o-1", after=at(0, 0), duration=timedelta(minutes=30)) == (
        "p-2",
        at(1, 18, 30),
    )
    assert book.next_free_slot("o-9", after=at(0, 0), duration=timedelta(minutes=30)) is None
    assert (
        book.next_free_slot("o-1", after=at(0, 0), duration=timedelta(hours=3), horizon_days=14)
        is None
    )
    naive = datetime(2025, 1, 6)  # noqa: DTZ001  (refused on purpose)
    with pytest.raises(ValidationError):
        book.next_free_slot("o-1", after=naive, duration=timedelta(minutes=30))


@st.composite
def schedules(draw):
    intervals = []
    for weekday in sorted(draw(st.sets(st.integers(0, 6), max_size=3))):
        start = draw(st.integers(8, 19))
        intervals.append(
            WeeklyInterval(weekday, time(start), time(start + draw(st.integers(1, 3))))
        )
    bookings = []
    for index in range(draw(st.integers(0, 4))):
        day, hour, minute = (
            draw(st.integers(0, 6)),
            draw(st.integers(8, 21)),
            draw(st.sampled_from((0, 15, 30, 45))),
        )
        bookings.append(
            appointment(f"a{index}", at(day, hour, minute), draw(st.sampled_from((15, 30, 60))))
        )
    return hours(intervals), bookings


@given(schedules(), st.sampled_from((15, 30, 45, 90)), st.integers(0, 6), st.integers(0, 23))
def test_next_free_slot_matches_a_minute_by_minute_scan(schedule, minutes, day, hour):
    working, bookings = schedule
    book = AppointmentBook(Roster([working]))
    for candidate in bookings:
        with contextlib.suppress(ValidationError):  # clashing draws are simply not booked
            book = book.book(candidate)
    after = at(day, hour)
    duration = timedelta(minutes=minutes)
    found = book.next_free_slot("o-1", after=after, duration=duration, horizon_days=7)
    # brute force: the first quarter hour from which the whole stretch is bookable
    expected = None
    moment = after
    while moment < after + timedelta(days=8):
        trial = appointment("probe", moment, minutes)
        try:
            book.book(trial)
        except ValidationError:
            # every bound is on a quarter hour (hours on the hour, bookings at :00/:15/:30/:45
            # for 15, 30 or 60 minutes, asked from the hour), so the earliest start is too
            moment += timedelta(minutes=15)
            continue
        expected = ("p-1", moment)
        break
    if expected is not None and expected[1].date() > (after + timedelta(days=7)).date():
        expected = None
    assert found == expected


def _ledger():
    records = [
        ServiceRecord(
            "s-1", ServiceKind.DELIVERY, "o-1", date(2024, 3, 1), "p-1", outcome="已送达"
        ),
        ServiceRecord("s-2", ServiceKind.DELIVERY, "o-1", date(2025, 3, 2), "p-1"),
        ServiceRecord("s-3", ServiceKind.DELIVERY, "o-2", date(2025, 2, 20), "p-2"),
        ServiceRecord("s-4", ServiceKind.PROXY_SERVICE, "o-2", date(2025, 3, 9), "p-2"),
    ]
    return ServiceLedger(records)


def test_the_ledger_counts_by_any_grouping():
    ledger = _ledger()
    assert "已送达" not in repr(ledger)
    assert ledger.counts(by=("office", "kind")) == {
        ("o-1", "delivery"): 2,
        ("o-2", "delivery"): 1,
        ("o-2", "proxy_service"): 1,
    }
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    assert ledger.counts(by=("month",), period=march) == {("2025-03",): 2}
    assert ledger.counts(by=()) == {(): 4}
    assert ledger.period_on_period(march, kind=ServiceKind.DELIVERY).previous == 1
    assert ledger.year_on_year(march, office="o-1").current == 1
    with pytest.raises(ValidationError) as caught:
        ledger.counts(by=("weekday",))
    assert caught.value.rule == "grouping"
    with pytest.raises(ValidationError) as caught:
        ledger.add(ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3), "p-1"))
    assert caught.value.rule == "duplicate_id"
    assert (
        len(
            ledger.add(
                ServiceRecord("s-9", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3), "p-1")
            ).records
        )
        == 5
    )


@given(
    st.lists(
        st.tuples(
            st.sampled_from(ServiceKind),
            st.sampled_from(("o-1", "o-2")),
            st.dates(date(2024, 1, 1), date(2025, 12, 31)),
        ),
        max_size=30,
    )
)
def test_ledger_counts_match_a_plain_count(rows):
    ledger = ServiceLedger(
        [ServiceRecord(f"s-{i}", k, o, d, "p-1") for i, (k, o, d) in enumerate(rows)]
    )
    expected = Counter((k.value, f"{d:%Y-%m}") for k, _, d in rows)
    assert ledger.counts(by=("kind", "month")) == dict(sorted(expected.items()))


def test_the_interaction_programme_checks_every_month():
    records = [
        InteractionRecord("i-1", InteractionKind.MONTHLY_REPORT, "o-1", date(2025, 1, 28), "p-1"),
        InteractionRecord("i-2", InteractionKind.MONTHLY_REPORT, "o-1", date(2025, 3, 1), "p-1"),
        InteractionRecord("i-3", InteractionKind.HOME_VISIT, "o-1", date(2025, 3, 2), "p-1"),
        InteractionRecord("i-4", InteractionKind.MONTHLY_REPORT, "o-2", date(2025, 2, 2), "p-2"),
    ]
    quarter = Period(date(2025, 1, 1), date(2025, 4, 1))
    assert InteractionProgramme().findings(records, "o-1", quarter) == (
        "o-1 2025-02: 0 monthly report(s), needs 1",
    )
    visits = InteractionProgramme(
        targets={InteractionKind.MONTHLY_REPORT: 1, InteractionKind.HOME_VISIT: 2}
    )
    assert visits.findings(records, "o-1", Period(date(2025, 3, 1), date(2025, 4, 1))) == (
        "o-1 2025-03: 1 home visit(s), needs 2",
    )
    assert "o-2 2025-01" in InteractionProgramme().findings(records, "o-2", quarter)[0]
    with pytest.raises(ValidationError) as caught:
        InteractionProgramme().findings(records, "o-1", Period(date(2025, 1, 1)))
    assert caught.value.rule == "bounded"
    with pytest.raises(ValidationError) as caught:
        InteractionProgramme(targets={"monthly_report": 1})
    assert caught.value.rule == "targets"


def test_roster_says_who_is_on_duty_and_when_the_office_opens():
    roster = Roster(
        [
            hours([WeeklyInterval(0, time(9), time(12))], officer="p-1"),
            hours([WeeklyInterval(0, time(11), time(13))], officer="p-2"),
            hours([WeeklyInterval(2, time(9), time(10))], officer="p-3", office="o-2"),
        ]
    )
    assert roster.on_duty("o-1", at(0, 11, 30)) == ("p-1", "p-2")
    assert roster.on_duty("o-1", at(0, 12)) == ("p-2",)  # the end is not on duty
    assert roster.on_duty("o-1", at(0, 13)) == ()
    assert roster.on_duty("o-1", at(0, 10).astimezone(UTC)) == ("p-1",)
    assert roster.on_duty("o-1", at(-7, 10)) == ()  # before the hours take effect
    assert roster.next_opening("o-1", at(0, 10)) == at(0, 10)
    assert roster.next_opening("o-1", at(0, 13)) == at(7, 9)
    assert roster.next_opening("o-2", at(0, 13)) == at(2, 9)
    assert roster.next_opening("o-9", at(0, 13)) is None
    assert roster.at_office("o-2")[0].officer == "p-3"
    naive = datetime(2025, 1, 6)  # noqa: DTZ001  (refused on purpose)
    for call in (lambda: roster.on_duty("o-1", naive), lambda: roster.next_opening("o-1", naive)):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.rule == "type"
    with pytest.raises(ValidationError) as caught:
        Roster([hours([]), hours([])])
    assert (caught.value.field, caught.value.rule) == ("hours", "duplicate")


def test_a_book_refuses_double_bookings_and_duplicate_ids_when_built():
    roster = Roster([hours([WeeklyInterval(1, time(18), time(20))])])
    first = appointment("a1", at(1, 18))
    for appointments, rule in [
        ([first, appointment("a1", at(1, 19))], "duplicate_id"),
        ([first, appointment("a2", at(1, 18, 15))], "double_booked"),
    ]:
        with pytest.raises(ValidationError) as caught:
            AppointmentBook(roster, appointments)
        assert (caught.value.field, caught.value.rule) == ("appointments", rule)
    cancelled = AppointmentBook(
        roster, [attrs.evolve(first, cancelled=True), appointment("a2", at(1, 18))]
    )
    assert len(cancelled.appointments) == 2
    with pytest.raises(ValidationError) as caught:
        cancelled.book("a3")
    assert caught.value.rule == "type"


def test_the_graph_finds_the_office_serving_an_address():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    roster = sample.roster()
    tuesday_evening = datetime(2025, 1, 7, 19, tzinfo=TZ)
    (office,) = offices_serving(
        graph, "standard_address:a-jy-2-301", at=tuesday_evening, roster=roster
    )
    assert (office.office, office.serves, office.on_duty, office.is_open) == (
        "o-ximen-office",
        "community:c-ximen",
        ("p-wang-jun",),
        True,
    )
    assert office.next_opening == tuesday_evening
    # a village outside the office's community has no office
    assert offices_serving(graph, "household:h-sd-12", at=tuesday_evening, roster=roster) == ()
    # without posted hours the office is closed and never opens
    (closed,) = offices_serving(graph, "building:b-jy-1", at=tuesday_evening, roster=Roster([]))
    assert (closed.is_open, closed.next_opening) == (False, None)
    with pytest.raises(NotFoundError):
        offices_serving(graph, "building:b-nowhere", at=tuesday_evening, roster=roster)


def test_an_office_is_checked_against_its_service_formula():
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    office_hours = hours([WeeklyInterval(day, time(9), time(17)) for day in range(5)], office="o-x")
    ledger = ServiceLedger(
        [
            ServiceRecord("s-1", ServiceKind.PROXY_SERVICE, "o-x", date(2025, 2, 1), "p-1"),
            ServiceRecord("s-2", ServiceKind.CHILD_MINDING, "o-x", date(2025, 2, 1), "p-1"),
            ServiceRecord("s-3", ServiceKind.DELIVERY, "o-x", date(2024, 2, 1), "p-1"),  # last year
            ServiceRecord(
                "s-4", ServiceKind.APPOINTMENT, "o-y", date(2025, 2, 1), "p-1"
            ),  # elsewhere
        ]
    )
    gaps = station_gaps("o-x", roster=Roster([office_hours]), ledger=ledger, period=year)
    assert [gap.message for gap in gaps] == [
        "flexible hours: needs 1, has 0",
        "appointment: needs 1, has 0",
        "delivery: needs 1, has 0",
    ]
    # a host's own formula: the office, proxy service and child-minding
    own = Formula(
        id="1+2",
        name="office, proxy service and child-minding",
        name_zh="1+2",
        source="a host",
        core=Slot(accepts=(OrganizationKind.COMMUNITY_POLICE_OFFICE,)),
        spokes=(
            Slot(accepts=(ServiceKind.PROXY_SERVICE,)),
            Slot(accepts=(ServiceKind.CHILD_MINDING,)),
        ),
    )
    assert station_gaps("o-x", roster=Roster([]), ledger=ledger, period=year, formula=own) == ()
    lenient = FlexibleHoursRule(evenings=0, weekend_daytimes=0, notice_days=0)
    assert (
        len(
            station_gaps(
                "o-x", roster=Roster([office_hours]), ledger=ledger, period=year, rule=lenient
            )
        )
        == 2
    )


STRICT = FlexibleHoursRule(
    evenings=3, weekend_daytimes=2, evening=(time(19), time(22)), notice_days=7
)


@given(st.one_of(cps.working_hours(flexible=True), cps.working_hours(flexible=True, rule=STRICT)))
def test_drawn_flexible_schedules_meet_their_rule(drawn):
    rule = STRICT if any(i.start == time(19) for i in drawn.intervals) else FlexibleHoursRule()
    assert rule.findings(drawn) == ()


@given(st.data())
def test_drawn_inflexible_schedules_break_exactly_one_requirement(data):
    rule = data.draw(st.sampled_from([FlexibleHoursRule(), STRICT]))
    drawn = data.draw(cps.working_hours(flexible=False, rule=rule))
    assert len(rule.findings(drawn)) == 1


def test_impossible_schedule_requests_are_refused_up_front():
    with pytest.raises(ValueError, match="five evenings"):
        cps.working_hours(rule=FlexibleHoursRule(evenings=6))
    with pytest.raises(ValueError, match="asks for nothing"):
        cps.working_hours(flexible=False, rule=FlexibleHoursRule(0, 0, notice_days=0))


@given(cps.appointment_books(max_steps=10))
def test_booking_sequences_keep_officers_within_hours_and_single_booked(book):
    live = [a for a in book.appointments if not a.cancelled]
    for first, second in itertools.combinations(live, 2):
        assert not first.clashes(second)
    for appointment in book.appointments:
        (hours,) = [h for h in book.roster.hours if h.officer == appointment.officer]
        assert hours.covers(appointment.start, appointment.end)
    # rebuilding the book from its parts accepts it as it is
    assert AppointmentBook(book.roster, list(book.appointments)) == book


@given(
    cps.service_ledgers(max_size=30),
    st.dates(date(2019, 1, 1), date(2026, 6, 1)),
    st.integers(0, 800),
)
def test_ledger_counts_agree_with_counting_each_record(ledger, start, days):
    period = Period(start, start + timedelta(days=days)) if days else Period(start)
    inside = [r for r in ledger.records if period.contains(r.on)]
    assert ledger.within(period) == tuple(sorted(inside, key=lambda r: r.on))
    expected = Counter((r.kind.value, f"{r.on:%Y-%m}", r.served_by) for r in inside)
    assert ledger.counts(by=("kind", "month", "served_by"), period=period) == dict(
        sorted(expected.items())
    )
    assert ledger.counts(by=(), period=period) == {(): len(inside)}


# --- hours on the field's calendar ----------------------------------------------------------

WEEKS = st.dates(MONDAY, MONDAY + timedelta(days=15))


def calendars():
    return working_calendars(
        WEEKS, max_holidays=4, min_makeup_days=1, max_makeup_days=2, paired_weekdays=True
    )


def naive_stretches(working, cal, day):
    posted = [(i.start, i.end) for i in working.dated_hours if i.day == day]
    if posted:
        return posted
    if day in cal.holidays or day < working.effective_from:
        return []
    weekday = day.weekday()
    if day in cal.makeup_days:
        weekday = cal.makeup_weekdays.get(day, 0)
    return [(i.start, i.end) for i in working.intervals if i.weekday == weekday]


duty_days = st.lists(
    st.builds(
        lambda day, hour: DayInterval(day, time(hour), time(hour + 2)), WEEKS, st.integers(6, 20)
    ),
    max_size=2,
    unique_by=lambda stretch: stretch.day,
)


@given(calendars(), schedules(), duty_days, st.data())
def test_on_duty_follows_the_calendar_like_a_plain_reading(cal, schedule, duty, data):
    working = attrs.evolve(schedule[0], dated_hours=duty)
    special = sorted({*cal.holidays, *(stretch.day for stretch in duty)})
    days = st.integers(0, 13).map(lambda n: MONDAY + timedelta(days=n))
    makeup = st.sampled_from(sorted(cal.makeup_days))
    day = data.draw(st.one_of(days, makeup, st.sampled_from(special)) if special else days | makeup)
    # often the start of one of the posted stretches, where being on duty turns on the weekday
    starts = [stretch.start for stretch in (*working.intervals, *duty)]
    quarters = st.integers(0, 95).map(lambda n: time(n // 4, 15 * (n % 4)))
    moment = data.draw(st.one_of(quarters, st.sampled_from(starts)) if starts else quarters)
    when = datetime.combine(day, moment, TZ)
    local = when.time().replace(tzinfo=None)
    expected = any(s <= local < e for s, e in naive_stretches(working, cal, when.date()))
    assert working.on_duty(when, cal) is expected
    assert Roster([working]).on_duty("o-1", when, calendar=cal) == (("p-1",) if expected else ())


@given(calendars(), schedules(), st.sampled_from((30, 90)), st.integers(0, 6), st.integers(0, 23))
def test_next_free_slot_on_the_calendar_matches_a_minute_by_minute_scan(
    cal, schedule, minutes, day, hour
):
    working, bookings = schedule
    book = AppointmentBook(Roster([working]))
    for candidate in bookings:
        with contextlib.suppress(ValidationError):
            book = book.book(candidate, calendar=cal)
    after = at(day, hour)
    found = book.next_free_slot(
        "o-1", after=after, duration=timedelta(minutes=minutes), horizon_days=7, calendar=cal
    )
    moment, expected = after, None
    while moment.date() <= (after + timedelta(days=7)).date():
        try:
            book.book(appointment("probe", moment, minutes), calendar=cal)
        except ValidationError:
            moment += timedelta(minutes=15)  # every start drawn is on a quarter hour
            continue
        expected = ("p-1", moment)
        break
    assert found == expected


CHINA = WorkingCalendar.mainland_china()


def test_golden_week_closes_the_office_unless_duty_hours_are_posted():
    weekdays = [WeeklyInterval(day, time(9), time(17)) for day in range(5)]
    duty = DayInterval(date(2025, 10, 3), time(9), time(12))
    working = WorkingHours(
        officer="p-1",
        office="o-1",
        posted_on=date(2025, 1, 1),
        effective_from=date(2025, 1, 6),
        intervals=weekdays,
        dated_hours=[duty],
    )
    roster = Roster([working])
    national_day = datetime(2025, 10, 1, 10, tzinfo=TZ)
    assert roster.on_duty("o-1", national_day) == ("p-1",)  # a plain Wednesday
    assert roster.on_duty("o-1", national_day, calendar=CHINA) == ()
    assert roster.on_duty("o-1", national_day.replace(day=3), calendar=CHINA) == ("p-1",)
    makeup_saturday = datetime(2025, 10, 11, 10, tzinfo=TZ)
    assert roster.on_duty("o-1", makeup_saturday) == ()
    assert roster.on_duty("o-1", makeup_saturday, calendar=CHINA) == ("p-1",)
    book = AppointmentBook(roster)
    holiday_visit = Appointment(
        "ap-1",
        "o-1",
        "p-1",
        ServiceKind.APPOINTMENT,
        national_day,
        national_day + timedelta(minutes=30),
    )
    book.book(holiday_visit)  # without the calendar, an ordinary Wednesday
    with pytest.raises(ValidationError) as caught:
        book.book(holiday_visit, calendar=CHINA)
    assert caught.value.rule == "opening_hours"
    later = datetime(2027, 3, 1, 10, tzinfo=TZ)
    with pytest.raises(ValidationError) as caught:
        roster.next_opening("o-1", later, calendar=CHINA)
    assert caught.value.rule == "calendar_coverage"
    with pytest.raises(ValidationError) as caught:
        WorkingHours(
            officer="p-1",
            office="o-1",
            posted_on=date(2025, 1, 1),
            effective_from=date(2025, 1, 6),
            intervals=weekdays,
            dated_hours=[duty, DayInterval(date(2025, 10, 3), time(11), time(13))],
        )
    assert caught.value.rule == "overlap"


@given(
    st.lists(st.tuples(st.sampled_from(("o-1", "o-2")), WEEKS), max_size=12),
    calendars(),
    WEEKS,
    st.integers(1, 20),
)
def test_the_ledger_per_working_day_divides_by_the_days_worked(rows, cal, start, length):
    ledger = ServiceLedger(
        [
            ServiceRecord(f"s-{n}", ServiceKind.DELIVERY, office, day, "p-1")
            for n, (office, day) in enumerate(rows)
        ]
    )
    period = Period(start, start + timedelta(days=length))
    worked = sum(
        worked_plainly(cal, day) for day in (start + timedelta(days=n) for n in range(length))
    )
    if not worked:
        with pytest.raises(ValidationError) as caught:
            ledger.per_working_day(period, cal, by=("office",))
        assert caught.value.rule == "no_working_day"
        return
    per_day = ledger.per_working_day(period, cal, by=("office",))
    counted = Counter((r.office,) for r in ledger.records if period.contains(r.on))
    assert per_day == {key: round(n / worked, 4) for key, n in sorted(counted.items())}


@given(cps.working_hours(), st.integers(0, 300))
def test_in_ordinary_weeks_the_rule_in_fact_is_the_rule_as_posted(drawn, offset):
    working = attrs.evolve(drawn, dated_hours=())
    plain = WorkingCalendar.of(years=(2024, 2027))
    start = working.effective_from + timedelta(days=offset)
    period = Period(start, start + timedelta(days=21))
    rule = FlexibleHoursRule()
    weekly = [f for f in rule.findings(working) if "after posting" not in f]
    in_fact = rule.findings_in(working, period, plain)
    weeks = sum(
        day.weekday() == 0 and day + timedelta(days=7) <= period.end
        for day in (start + timedelta(days=n) for n in range(21))
    )
    assert len(in_fact) == weeks * len(weekly)  # every whole week falls short the same way


def test_duty_evenings_posted_for_golden_week_keep_the_rule():
    posted = [
        WeeklyInterval(1, time(18), time(21)),
        WeeklyInterval(3, time(18), time(21)),
        WeeklyInterval(5, time(9), time(12)),
    ]
    duty = [
        DayInterval(date(2025, 10, day), start, end)
        for day, start, end in (
            (1, time(18), time(21)),
            (3, time(9), time(12)),
            (6, time(18), time(21)),
            (8, time(9), time(12)),
        )
    ]
    working = WorkingHours(
        officer="p-1",
        office="o-1",
        posted_on=date(2025, 1, 1),
        effective_from=date(2025, 1, 6),
        intervals=posted,
        dated_hours=duty,
    )
    golden_week = Period(date(2025, 9, 29), date(2025, 10, 13))
    assert FlexibleHoursRule().findings_in(working, golden_week, CHINA) == ()
    with pytest.raises(ValidationError) as caught:
        FlexibleHoursRule().findings_in(working, Period(date(2025, 9, 29)), CHINA)
    assert caught.value.rule == "bounded"
