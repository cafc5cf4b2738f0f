"""Deadlines: the clock against a day-by-day walk, the reports against a plain tally."""

import json
from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AreaKind,
    AreaRef,
    CommunityGraph,
    Membership,
    NotFoundError,
    Period,
    Person,
    Post,
    Role,
    ServiceKind,
    TipOutcome,
    ValidationError,
    recovery,
    sample,
    tips,
)
from community_policing.calendar import WorkingCalendar
from community_policing.deadlines import (
    DEFAULT_DEADLINES,
    Counting,
    DeadlinePolicy,
    DeadlineRule,
    Escalation,
    ItemStatus,
    TrackedItem,
    TrackedKind,
    deadline_report,
    due_on,
    on_time_report,
    status_of,
)
from community_policing.recovery import Loss, RecoveryCase
from community_policing.services import ServiceRequest, requests
from community_policing.tips import Tip, escalate_overdue_tip
from helpers import worked_plainly, working_calendars

ONE_DAY = timedelta(days=1)
DAYS = st.dates(date(2025, 1, 1), date(2025, 10, 31))


def calendars():
    return working_calendars(DAYS, max_holidays=25, max_makeup_days=6)


@st.composite
def items(draw, kind=TrackedKind.SERVICE_REQUEST):
    started = draw(DAYS)
    pauses, cursor = [], started
    for _ in range(draw(st.integers(0, 3))):
        start = cursor + timedelta(days=draw(st.integers(0, 6)))
        if draw(st.booleans()):
            pauses.append(Period(start, None))
            break
        end = start + timedelta(days=draw(st.integers(1, 6)))
        pauses.append(Period(start, end))
        cursor = end
    settled = None
    last = pauses[-1] if pauses else None
    if (last is None or last.end is not None) and draw(st.booleans()):
        floor = last.end if last is not None else started
        settled = floor + timedelta(days=draw(st.integers(0, 20)))
    return TrackedItem(
        kind,
        draw(st.sampled_from(("r-1", "r-2", "r-3"))),
        started,
        officer=draw(st.sampled_from((None, "p-a", "p-b"))),
        pauses=pauses,
        settled_on=settled,
    )


rules = st.builds(
    DeadlineRule,
    kind=st.just(TrackedKind.SERVICE_REQUEST),
    days=st.integers(0, 25),
    counting=st.sampled_from(Counting),
    pauses_while_waiting=st.booleans(),
    due_soon_days=st.integers(0, 4),
)


def counted(cal, rule, day):
    if rule.counting is Counting.CALENDAR_DAYS:
        return True
    return worked_plainly(cal, day)


def walk_due(item, rule, cal, as_of=None):
    """The due day by walking day by day; ``None`` while a pause holds; "past" off the year."""
    # as of a day, a pause that had not ended by then is still running, its end unknown
    pauses = [
        p if as_of is None or (p.end is not None and p.end <= as_of) else Period(p.start)
        for p in (item.pauses if rule.pauses_while_waiting else ())
        if as_of is None or p.start <= as_of
    ]
    if rule.days == 0:
        return item.started
    day, left = item.started, rule.days
    while True:
        day += ONE_DAY
        if day.year > 2025:
            return "past"
        holding = [p for p in pauses if p.start <= day and (p.end is None or day < p.end)]
        if holding:
            if holding[0].end is None:
                return None
            continue
        left -= counted(cal, rule, day)
        if not left:
            return day


def walk_status(item, rule, cal, as_of):
    settled = item.settled_on
    due = walk_due(item, rule, cal, as_of)
    if settled is not None and settled <= as_of:
        return ItemStatus.MET if settled <= walk_due(item, rule, cal) else ItemStatus.LATE
    if due is None:
        return ItemStatus.PAUSED
    if as_of > due:
        return ItemStatus.OVERDUE
    left = 0
    day = as_of
    while day < due:
        day += ONE_DAY
        left += counted(cal, rule, day)
    return ItemStatus.DUE_SOON if left <= rule.due_soon_days else ItemStatus.ON_TRACK


@given(calendars(), items(), rules, st.one_of(st.none(), DAYS))
def test_the_due_day_agrees_with_a_day_by_day_walk(cal, item, rule, as_of):
    walked = walk_due(item, rule, cal, as_of)
    if walked == "past":
        with pytest.raises(ValidationError) as caught:
            due_on(item, rule, cal, as_of=as_of)
        assert caught.value.rule == "calendar_coverage"
        return
    assert due_on(item, rule, cal, as_of=as_of) == walked


@given(calendars(), items(), rules, DAYS)
def test_the_status_agrees_with_a_day_by_day_walk(cal, item, rule, as_of):
    if item.started > as_of:
        with pytest.raises(ValidationError):
            status_of(item, rule, cal, as_of=as_of)
        return
    try:
        expected = walk_status(item, rule, cal, as_of)
    except TypeError:  # the walk ran past the calendar's year
        with pytest.raises(ValidationError):
            status_of(item, rule, cal, as_of=as_of)
        return
    assert status_of(item, rule, cal, as_of=as_of) is expected
    assert expected.is_open == (item.settled_on is None or item.settled_on > as_of)


@given(
    calendars(),
    st.lists(items(), max_size=12),
    rules,
    st.dates(date(2025, 1, 1), date(2025, 6, 30)),
)
def test_the_reports_agree_with_a_plain_tally(cal, tracked, rule, as_of):
    policy = DeadlinePolicy((rule,))
    period = Period(as_of - timedelta(days=60), as_of)

    def both():
        return (
            deadline_report(tracked, policy, cal, as_of=as_of),
            on_time_report(tracked, policy, cal, period=period),
        )

    try:
        report, on_time = both()
    except ValidationError:
        # only a walk off the calendar's year may fail
        with pytest.raises(ValidationError, match="calendar covers"):
            both()
        return
    tally: dict = {}
    late = []
    for item in tracked:
        if item.started > as_of or (item.settled_on is not None and item.settled_on <= as_of):
            continue
        status = walk_status(item, rule, cal, as_of)
        tally.setdefault(item.officer, []).append(status)
        if status is ItemStatus.OVERDUE:
            late.append(((as_of - due_on(item, rule, cal, as_of=as_of)).days, item.id))
    assert set(report.groups) == set(tally)
    for officer, statuses in tally.items():
        row = report.groups[officer]
        assert row.overdue == statuses.count(ItemStatus.OVERDUE)
        assert row.due_soon == statuses.count(ItemStatus.DUE_SOON)
        assert row.paused == statuses.count(ItemStatus.PAUSED)
        assert row.open == len(statuses)
    assert sorted(late, key=lambda pair: (-pair[0], pair[1])) == [
        (entry.days_over, entry.item.id) for entry in report.overdue
    ]
    assert list(report.groups) == sorted(report.groups, key=lambda g: (g is not None, g or ""))
    settled = [i for i in tracked if i.settled_on is not None and period.contains(i.settled_on)]
    met = [i for i in settled if i.settled_on <= due_on(i, rule, cal)]
    assert (on_time.current.settled, on_time.current.met) == (len(settled), len(met))


CAL = WorkingCalendar.of(
    holidays={date(2025, 5, d): "Labour Day" for d in range(1, 6)},
    makeup_days={date(2025, 4, 27): "Labour Day"},
    years=(2025, 2025),
)


def test_a_holiday_week_moves_the_due_day_and_a_makeup_day_counts():
    rule = DeadlineRule(TrackedKind.TIP, days=3)
    tip = TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 4, 25))  # Friday
    # Sunday 27 April is worked, then Monday and Wednesday 30 April; 1–5 May off
    assert due_on(tip, rule, CAL) == date(2025, 4, 29)
    late = TrackedItem(TrackedKind.TIP, "tip-2", date(2025, 4, 29))
    assert due_on(late, rule, CAL) == date(2025, 5, 7)
    calendar_rule = DeadlineRule(TrackedKind.TIP, days=3, counting=Counting.CALENDAR_DAYS)
    assert due_on(late, calendar_rule) == date(2025, 5, 2)


def test_rules_and_items_refuse_what_makes_no_sense():
    with pytest.raises(ValidationError) as caught:
        DeadlineRule(TrackedKind.SERVICE_REQUEST, escalation=Escalation.UP_ONE_TIER)
    assert caught.value.rule == "escalation_kind"
    with pytest.raises(ValidationError) as caught:
        DeadlinePolicy([DeadlineRule(TrackedKind.TIP), DeadlineRule(TrackedKind.TIP, days=2)])
    assert caught.value.rule == "unique"
    with pytest.raises(ValidationError) as caught:
        DeadlinePolicy([DeadlineRule(TrackedKind.TIP, "a"), DeadlineRule(TrackedKind.TIP, "a")])
    assert "category 'a'" in str(caught.value)
    start = date(2025, 3, 3)
    bad = [
        ({"pauses": [Period(date(2025, 3, 1), date(2025, 3, 4))]}, "pause_order"),
        ({"pauses": [Period(start, None), Period(date(2025, 3, 9), None)]}, "pause_order"),
        (
            {"pauses": [Period(date(2025, 3, 5), date(2025, 3, 9)), Period(date(2025, 3, 8))]},
            "pause_order",
        ),
        ({"settled_on": date(2025, 3, 2)}, "chronology"),
        ({"pauses": [Period(start, None)], "settled_on": start}, "pause_after_settled"),
        (
            {"pauses": [Period(start, date(2025, 3, 9))], "settled_on": date(2025, 3, 8)},
            "pause_after_settled",
        ),
        ({"pauses": ["2025-03-03"]}, "type"),
    ]
    for changes, rule in bad:
        with pytest.raises(ValidationError) as caught:
            TrackedItem(TrackedKind.TIP, "tip-1", start, **changes)
        assert caught.value.rule == rule, changes
    rule = DeadlineRule(TrackedKind.TIP)
    item = TrackedItem(TrackedKind.TIP, "tip-1", start)
    with pytest.raises(ValidationError) as caught:
        due_on(item, rule)
    assert caught.value.rule == "calendar_needed"
    with pytest.raises(ValidationError) as caught:
        due_on(TrackedItem(TrackedKind.TIP, "tip-1", date(2024, 12, 30)), rule, CAL)
    assert caught.value.rule == "calendar_coverage"


def test_the_policy_falls_back_to_the_kinds_rule_and_can_be_replaced():
    assert DEFAULT_DEADLINES.rule_for(TrackedKind.SERVICE_REQUEST, "delivery").days == 5
    assert DEFAULT_DEADLINES.rule_for(TrackedKind.MEDIATION, "9") is None
    assert DEFAULT_DEADLINES.rule_for(TrackedKind.MEDIATION, "1").escalation is None
    assert all("not from the sources" in rule.source for rule in DEFAULT_DEADLINES.rules)
    mine = DEFAULT_DEADLINES.replaced(DeadlineRule(TrackedKind.MEDIATION, "3", days=2))
    assert mine.rule_for(TrackedKind.MEDIATION, "3").days == 2
    assert len(mine.rules) == len(DEFAULT_DEADLINES.rules)


GRAPH = CommunityGraph.from_jurisdiction(sample.jurisdiction())
TODAY = date(2025, 3, 12)


def test_reports_group_by_area_through_the_graph_and_speak_both_languages():
    building = AreaRef.parse("building:b-jy-1")
    tracked = [
        TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 3, 3), officer="p-wang", place=building),
        TrackedItem(TrackedKind.TIP, "tip-2", date(2025, 3, 11), place=building),
        TrackedItem(TrackedKind.TIP, "tip-3", date(2025, 3, 20), place=building),  # later
        TrackedItem(TrackedKind.TIP, "tip-4", date(2025, 3, 3), settled_on=date(2025, 3, 4)),
        TrackedItem(
            TrackedKind.SERVICE_REQUEST, "sr-1", date(2025, 3, 3), pauses=[Period(date(2025, 3, 4))]
        ),
        TrackedItem(TrackedKind.ASSET_RETURN, "rc-1", date(2025, 3, 3)),
    ]
    policy = DeadlinePolicy([*DEFAULT_DEADLINES.rules[1:]])  # no rule for tips
    assert deadline_report(tracked, policy, CAL, as_of=TODAY).untracked == 2
    by_station = deadline_report(
        tracked, DEFAULT_DEADLINES, CAL, as_of=TODAY, by=AreaKind.POLICE_STATION, graph=GRAPH
    )
    assert dict(by_station.groups) == {
        None: by_station.groups[None],
        "police_station:ps-kaolao": by_station.groups["police_station:ps-kaolao"],
    }
    assert by_station.groups["police_station:ps-kaolao"].open == 2
    assert by_station.totals.paused == 1
    by_kind = deadline_report(tracked, DEFAULT_DEADLINES, CAL, as_of=TODAY, by="kind")
    assert {k: row.open for k, row in by_kind.groups.items()} == {
        "asset_return": 1,
        "service_request": 1,
        "tip": 2,
    }
    english = by_kind.to_text()
    chinese = by_kind.to_text("zh")
    assert "1 overdue" in english
    assert "tip-1" in english
    assert "已超期 1" in chinese
    assert "平安前哨线索 tip-1" in chinese
    shown = json.loads(by_kind.to_json())
    assert shown["overdue"] == [
        {
            "kind": "tip",
            "id": "tip-1",
            "category": None,
            "officer": "p-wang",
            "group": "tip",
            "due": "2025-03-10",
            "days_over": 2,
        }
    ]
    by_place = deadline_report(tracked, DEFAULT_DEADLINES, CAL, as_of=TODAY, by="place")
    assert set(by_place.groups) == {None, "building:b-jy-1"}
    none_named = deadline_report([tracked[1]], DEFAULT_DEADLINES, CAL, as_of=TODAY)
    assert "(none)" in none_named.to_text()
    assert "（未指定）" in none_named.to_text("zh")
    untracked = deadline_report(tracked, policy, CAL, as_of=TODAY)
    assert "without a deadline rule" in untracked.to_text()
    assert "无时限规则" in untracked.to_text("zh")


def test_reports_refuse_bad_groupings_and_unknown_places():
    item = TrackedItem(
        TrackedKind.TIP, "tip-1", date(2025, 3, 3), place=AreaRef.parse("building:b-nowhere")
    )
    for by, graph, rule in (
        ("grid", None, "grouping"),
        (AreaKind.POLICE_GRID, None, "graph_needed"),
    ):
        with pytest.raises(ValidationError) as caught:
            deadline_report([item], DEFAULT_DEADLINES, CAL, as_of=TODAY, by=by, graph=graph)
        assert caught.value.rule == rule
    with pytest.raises(NotFoundError):
        deadline_report(
            [item], DEFAULT_DEADLINES, CAL, as_of=TODAY, by=AreaKind.POLICE_GRID, graph=GRAPH
        )


def test_the_on_time_share_compares_with_a_year_and_a_period_before():
    rule = DeadlineRule(TrackedKind.TIP, days=2, counting=Counting.CALENDAR_DAYS)
    policy = DeadlinePolicy([rule])

    def tip(n, start, settled):
        return TrackedItem(TrackedKind.TIP, f"tip-{n}", start, settled_on=settled)

    tracked = [
        tip(1, date(2025, 3, 3), date(2025, 3, 4)),  # March 2025, met
        tip(2, date(2025, 3, 3), date(2025, 3, 9)),  # March 2025, late
        tip(3, date(2024, 3, 3), date(2024, 3, 20)),  # March 2024, late
        tip(4, date(2025, 2, 1), date(2025, 2, 2)),  # the period before, met
        tip(5, date(2025, 3, 3), None),  # open
        TrackedItem(TrackedKind.MEDIATION, "d-1", date(2025, 3, 3), settled_on=date(2025, 3, 4)),
    ]
    march = Period(date(2025, 3, 1), date(2025, 4, 1))
    report = on_time_report(tracked, policy, period=march)
    assert (report.current.settled, report.current.met, report.current.share) == (2, 1, 0.5)
    assert report.year_on_year == 0.5
    assert report.period_on_period == -0.5
    assert "50.0%" in report.to_text()
    assert "+50.0 points" in report.to_text()
    assert "按期办结率 50.0%" in report.to_text("zh")
    assert "环比 -50.0" in report.to_text("zh")
    empty = on_time_report([], policy, period=march)
    assert empty.current.share is None
    assert empty.year_on_year is None
    assert "—" in empty.to_text()
    with pytest.raises(ValidationError):
        on_time_report(tracked, policy, period=Period(date(2025, 3, 1)))


# --- the mechanisms' clocks ------------------------------------------------------------------


def graph_with_chief():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    graph.add_entity(Person(id="p-chief", name="所长"))
    graph.add_entity(
        Post(
            id="post-chief", role=Role.STATION_CHIEF, area=AreaRef.parse("police_station:ps-kaolao")
        )
    )
    graph.add_relation(
        Membership(
            id="m-chief", person="p-chief", post="post-chief", period=Period(date(2020, 1, 1))
        )
    )
    return graph


def test_an_overdue_tip_goes_to_the_station_chief_once():
    graph = graph_with_chief()
    tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-jy-1"), date(2025, 3, 3), "p-o")
    assert escalate_overdue_tip(tip, graph, DEFAULT_DEADLINES, CAL, as_of=date(2025, 3, 10)) == tip
    sent = escalate_overdue_tip(tip, graph, DEFAULT_DEADLINES, CAL, as_of=date(2025, 3, 11))
    assert (sent.escalated_to, sent.escalated_on, sent.handler) == (
        "p-chief",
        date(2025, 3, 11),
        "p-chief",
    )
    assert tips.tracked(sent).officer == "p-chief"
    again = escalate_overdue_tip(sent, graph, DEFAULT_DEADLINES, CAL, as_of=date(2025, 6, 1))
    assert again == sent
    report = deadline_report([tips.tracked(sent)], DEFAULT_DEADLINES, CAL, as_of=date(2025, 3, 12))
    assert report.groups["p-chief"].overdue == 1
    closed = tip.act(date(2025, 3, 4)).close(date(2025, 3, 20), TipOutcome.HAZARD_REMOVED)
    assert (
        escalate_overdue_tip(closed, graph, DEFAULT_DEADLINES, CAL, as_of=date(2025, 6, 1))
        == closed
    )
    quiet = DEFAULT_DEADLINES.replaced(DeadlineRule(TrackedKind.TIP, days=1))
    assert escalate_overdue_tip(tip, graph, quiet, CAL, as_of=date(2025, 6, 1)) == tip
    no_rule = DeadlinePolicy(DEFAULT_DEADLINES.rules[1:])
    assert escalate_overdue_tip(tip, graph, no_rule, CAL, as_of=date(2025, 6, 1)) == tip
    with pytest.raises(ValidationError) as caught:
        escalate_overdue_tip(
            tip,
            CommunityGraph.from_jurisdiction(sample.jurisdiction()),
            DEFAULT_DEADLINES,
            CAL,
            as_of=date(2025, 6, 1),
        )
    assert caught.value.rule == "unrouted"
    assert "b-jy-1" in str(caught.value)


def test_a_tip_is_sent_up_between_receipt_and_closing():
    tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-1"), date(2025, 3, 3), "p-o")
    done = tip.close(date(2025, 3, 4), TipOutcome.NO_ACTION_NEEDED)
    for command, rule in (
        (lambda: done.escalate(date(2025, 3, 4), "p-chief"), "transition"),
        (
            lambda: tip.escalate(date(2025, 3, 4), "p-c").escalate(date(2025, 3, 5), "p-d"),
            "transition",
        ),
        (lambda: tip.escalate(date(2025, 3, 1), "p-chief"), "chronology"),
        (
            lambda: Tip(
                "tip-1",
                "p-s",
                AreaRef.parse("building:b-1"),
                date(2025, 3, 3),
                "p-o",
                escalated_to="p-chief",
            ),
            "escalation",
        ),
        (
            lambda: attrs.evolve(done, escalated_on=date(2025, 3, 5), escalated_to="p-c"),
            "chronology",
        ),
    ):
        with pytest.raises(ValidationError) as caught:
            command()
        assert caught.value.rule == rule


def test_the_return_clock_runs_from_verification_to_the_last_return_due():
    case = RecoveryCase.open(
        "rc-1",
        criminal_case="cc-1",
        lead="p-lead",
        on=date(2025, 3, 1),
        losses=[Loss("p-v1", 1_000), Loss("p-v2", 500)],
    )
    assert recovery.tracked(case) == ()
    case = case.seize("cash", 800, on=date(2025, 3, 2), by="p-lead")
    case = case.verify(on=date(2025, 3, 3), unit="o-inv", by="p-inv")
    case = case.return_to("p-v1", 300, on=date(2025, 3, 5), by="p-lead")
    case = case.seize("car", 5_000, on=date(2025, 3, 6), by="p-lead")
    case = case.verify(on=date(2025, 3, 7), unit="o-inv", by="p-inv")
    # what can be returned is now what the victims lost: 1,500
    case = case.return_to("p-v1", 700, on=date(2025, 4, 20), by="p-lead")
    case = case.change_lead("p-new", on=date(2025, 4, 21), by="p-lead")
    assert [(c.started, c.settled_on) for c in recovery.tracked(case)] == [(date(2025, 3, 3), None)]
    case = case.return_to("p-v2", 500, on=date(2025, 4, 22), by="p-new")
    clocks = recovery.tracked(case)
    assert [(c.started, c.settled_on, c.officer) for c in clocks] == [
        (date(2025, 3, 3), date(2025, 4, 22), "p-new")
    ]
    assert [c.settled_on for c in recovery.tracked(case, as_of=date(2025, 3, 4))] == [None]
    late = on_time_report(
        clocks, DEFAULT_DEADLINES, period=Period(date(2025, 4, 1), date(2025, 5, 1))
    )
    assert (late.current.settled, late.current.met) == (1, 0)


def test_a_request_waits_on_the_resident_and_its_clock_stops_meanwhile():
    asked = ServiceRequest("sr-1", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3), assigned_to="p-1")
    waiting = asked.wait(date(2025, 3, 4))
    assert waiting.is_waiting
    rule = DEFAULT_DEADLINES.rule_for(TrackedKind.SERVICE_REQUEST, "delivery")
    assert due_on(requests.tracked(waiting), rule, CAL) is None
    report = deadline_report(
        [requests.tracked(waiting)], DEFAULT_DEADLINES, CAL, as_of=date(2025, 4, 1)
    )
    assert report.groups["p-1"].paused == 1
    back = waiting.resume(date(2025, 3, 10))
    # Monday 3 March, Tuesday 4 to Sunday 9 March waiting: Monday 10 March is day 1
    assert due_on(requests.tracked(back), rule, CAL) == date(2025, 3, 14)
    served = back.serve(date(2025, 3, 14))
    assert status_of(requests.tracked(served), rule, CAL, as_of=date(2025, 4, 1)) is ItemStatus.MET
    ended = waiting.serve(date(2025, 3, 7))
    assert ended.waiting == (Period(date(2025, 3, 4), date(2025, 3, 7)),)
    for command, rule_name in (
        (lambda: waiting.wait(date(2025, 3, 5)), "transition"),
        (lambda: served.wait(date(2025, 3, 15)), "transition"),
        (lambda: asked.resume(date(2025, 3, 5)), "transition"),
        (lambda: waiting.resume(date(2025, 3, 4)), "chronology"),
        (lambda: served.serve(date(2025, 3, 15)), "transition"),
        (lambda: asked.wait(date(2025, 3, 1)), "chronology"),
        (lambda: attrs.evolve(asked, served_on=date(2025, 3, 1)), "chronology"),
        (lambda: attrs.evolve(waiting, served_on=date(2025, 3, 9)), "waiting_after_served"),
    ):
        with pytest.raises(ValidationError) as caught:
            command()
        assert caught.value.rule == rule_name
