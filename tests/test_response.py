import math
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AreaRef,
    IncidentCategory,
    Period,
    Role,
    ValidationError,
    WeeklyInterval,
)
from community_policing.response import (
    DEFAULT_SCHOOL_WINDOWS,
    Call,
    ResponseFigures,
    ResponseTargets,
    SchoolSafetyPost,
    SentryDuty,
    response_report,
)

TZ = ZoneInfo("Asia/Shanghai")
AT = datetime(2025, 3, 7, 21, 40, tzinfo=TZ)
MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


def call(
    n, seconds_to_dispatch, seconds_to_arrive, category=IncidentCategory.THEFT, area="community:c-1"
):
    dispatched = (
        None if seconds_to_dispatch is None else AT + timedelta(seconds=seconds_to_dispatch)
    )
    arrived = None if seconds_to_arrive is None else AT + timedelta(seconds=seconds_to_arrive)
    return Call(f"c-{n}", category, AreaRef.parse(area), AT, dispatched, arrived)


def test_the_1_3_5_targets_per_category():
    targets = ResponseTargets()
    assert targets.met(call(0, 60, 300)) == (True, True)
    assert targets.met(call(1, 61, 301)) == (False, False)
    assert targets.met(call(2, 30, 200, IncidentCategory.ROBBERY)) == (True, False)
    assert targets.met(call(3, None, None)) == (None, None)
    strict = ResponseTargets(
        dispatch=timedelta(seconds=30), arrival={IncidentCategory.FIRE: timedelta(minutes=2)}
    )
    assert strict.met(call(4, 40, 110, IncidentCategory.FIRE)) == (False, True)
    assert strict.arrival_limit(IncidentCategory.ROBBERY) == timedelta(minutes=5)


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (lambda: call(0, -1, None), "dispatched", "chronology"),
        (lambda: call(0, None, 30), "arrived", "dispatched"),
        (lambda: call(0, 60, 30), "arrived", "chronology"),
        (
            lambda: Call(
                "c", IncidentCategory.FIRE, AreaRef.parse("community:c-1"), AT.replace(tzinfo=None)
            ),
            "received",
            "type",
        ),
        (lambda: ResponseTargets(dispatch=timedelta(0)), "dispatch", "limit"),
        (lambda: ResponseTargets(arrival={"fire": timedelta(minutes=1)}), "arrival", "limits"),
    ],
)
def test_bad_calls_and_targets_are_refused(build, field, rule):
    with pytest.raises(ValidationError) as caught:
        build()
    assert (caught.value.field, caught.value.rule) == (field, rule)


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["community:c-1", "community:c-2"]),
            st.one_of(st.none(), st.integers(0, 120)),
            st.integers(0, 900),
        ),
        max_size=30,
    )
)
def test_the_report_agrees_with_counting_by_hand(drawn):
    calls = []
    for n, (area, dispatch, extra) in enumerate(drawn):
        arrive = None if dispatch is None else dispatch + extra
        calls.append(call(n, dispatch, arrive, area=area))
    figures = {f.area: f for f in response_report(calls, MARCH)}
    assert figures["*"].calls == len(calls)
    for area, found in figures.items():
        mine = [c for c in calls if area in ("*", str(c.area))]
        arrivals = sorted(c.to_arrival.total_seconds() for c in mine if c.arrived is not None)
        dispatched = [c for c in mine if c.dispatched is not None]
        assert found.calls == len(mine)
        if dispatched:
            hits = sum(c.to_dispatch <= timedelta(minutes=1) for c in dispatched)
            assert found.dispatch_share == round(hits / len(dispatched), 4)
        if arrivals:
            assert found.arrival_p50 == arrivals[math.ceil(len(arrivals) / 2) - 1]
            assert found.arrival_p90 == arrivals[math.ceil(0.9 * len(arrivals)) - 1]
            assert found.arrival_share == round(sum(a <= 300 for a in arrivals) / len(arrivals), 4)
        else:
            assert found.arrival_p50 is None
    assert response_report(calls, Period(date(2024, 1, 1), date(2024, 2, 1))) == (
        ResponseFigures("*", 0, None, None, None, None),
    )


def test_jinings_school_post_on_mondays_and_fridays():
    village_police = [
        SentryDuty(f"p-vp-{i}", Role.VILLAGE_POLICE, weekdays=[0, 4]) for i in range(10)
    ]
    officers = [
        SentryDuty("p-wang-jun", Role.COMMUNITY_OFFICER),
        SentryDuty("p-chief", Role.STATION_CHIEF, [4]),
    ]
    post = SchoolSafetyPost(
        "sp-237",
        AreaRef.parse("standard_address:a-school-gate"),
        staff=village_police + officers,
        required=8,
    )
    assert post.windows == DEFAULT_SCHOOL_WINDOWS
    assert post.findings() == ()
    friday = post.staffing(date(2025, 3, 7), absent=["p-vp-0"])
    assert [window.start for window, _ in friday] == [time(7), time(16, 30)]
    assert len(friday[0][1]) == 11  # ten village police less one absent, the officer and the chief
    assert post.staffing(date(2025, 3, 5)) == ()  # a Wednesday: no window
    thin = SchoolSafetyPost(
        "sp-1", AreaRef.parse("standard_address:a-school-gate"), staff=officers, required=2
    )
    assert thin.findings() == (
        "sp-1 Monday 07:00-08:00: 1 on duty, needs 2",
        "sp-1 Monday 16:30-17:30: 1 on duty, needs 2",
    )


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (lambda: SentryDuty("p-1", Role.GRID_WORKER), "role", "role"),
        (lambda: SentryDuty("p-1", Role.VILLAGE_POLICE, weekdays=[]), "weekdays", "weekday"),
        (
            lambda: SchoolSafetyPost(
                "sp",
                AreaRef.parse("building:b-1"),
                staff=[SentryDuty("p-1", Role.VILLAGE_POLICE)] * 2,
            ),
            "staff",
            "unique",
        ),
        (
            lambda: SchoolSafetyPost("sp", AreaRef.parse("building:b-1"), windows=[]),
            "windows",
            "not_empty",
        ),
    ],
)
def test_bad_posts_are_refused(build, field, rule):
    with pytest.raises(ValidationError) as caught:
        build()
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_windows_can_be_the_hosts_own():
    noon = [WeeklyInterval(2, time(11, 30), time(12, 30))]
    post = SchoolSafetyPost("sp", AreaRef.parse("building:b-1"), windows=noon, required=0)
    assert [w.start for w, _ in post.staffing(date(2025, 3, 5))] == [time(11, 30)]
