from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    MECHANISM_FORMULAS,
    AreaKind,
    AreaRef,
    CommunityGraph,
    IncidentCategory,
    NetKind,
    NotFoundError,
    Period,
    ReportChannel,
    ValidationError,
    WeeklyInterval,
    containing,
    sample,
)
from community_policing.prevention import (
    Camera,
    Direction,
    Incident,
    PatrolNet,
    direct_the_nets,
    hot_places,
    hot_times,
    incidence_changes,
    uncovered_hotspots,
)

TZ = ZoneInfo("Asia/Shanghai")
GRAPH = CommunityGraph.from_jurisdiction(sample.jurisdiction())
PLACES = [
    "building:b-jy-1",
    "building:b-jy-2",
    "building:b-xm-7",
    "building:b-sd-12",
    "standard_address:a-school-gate",
    "community:v-beiguan",
    "police_station:ps-kaolao",
]


def incident(n, place, at, category=IncidentCategory.THEFT):
    return Incident(f"i-{n}", at, AreaRef.parse(place), category, ReportChannel.CALL_110)


# hypothesis draws naive datetimes; the tests give them a zone
NAIVE_FROM, NAIVE_TO = datetime(2024, 1, 1), datetime(2025, 12, 31)  # noqa: DTZ001
incident_lists = st.lists(
    st.tuples(st.sampled_from(PLACES), st.datetimes(NAIVE_FROM, NAIVE_TO)),
    max_size=40,
)


@given(
    incident_lists,
    st.sampled_from([AreaKind.COMMUNITY, AreaKind.MANAGEMENT_GRID, AreaKind.POLICE_GRID]),
)
def test_hot_places_agree_with_a_naive_count(drawn, level):
    incidents = [incident(n, p, at.replace(tzinfo=TZ)) for n, (p, at) in enumerate(drawn)]
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    naive: Counter[str] = Counter()
    for each in incidents:
        if not year.contains(each.at.date()):
            continue
        for area in containing(GRAPH, str(each.place), as_of=year.start):
            if area.startswith(f"{level.value}:"):
                naive[area] += 1
                break
    ranked = hot_places(GRAPH, incidents, level=level, period=year)
    assert dict(ranked) == dict(naive)
    assert [count for _, count in ranked] == sorted(naive.values(), reverse=True)
    assert hot_places(GRAPH, incidents, level=level, period=year, top=1) == ranked[:1]


@given(incident_lists)
def test_hot_times_agree_with_local_clock_readings(drawn):
    incidents = [incident(n, p, at.replace(tzinfo=UTC)) for n, (p, at) in enumerate(drawn)]
    expected = Counter((i.at.astimezone(TZ).weekday(), i.at.astimezone(TZ).hour) for i in incidents)
    found = hot_times(incidents)
    assert found == dict(expected)
    assert list(found.values()) == sorted(found.values(), reverse=True)


def test_a_place_outside_the_graph_is_named():
    with pytest.raises(NotFoundError):
        hot_places(
            GRAPH,
            [incident(0, "building:b-none", datetime(2025, 1, 1, tzinfo=TZ))],
            level=AreaKind.COMMUNITY,
        )


def test_tieshans_falling_communities_are_flagged():
    def spread(count, year, place, start=0):
        return [
            incident(f"{place}-{year}-{n}", place, datetime(year, 1 + n % 12, 10, 20, tzinfo=TZ))
            for n in range(start, start + count)
        ]

    incidents = (
        spread(20, 2024, "building:b-sd-12")
        + spread(15, 2025, "building:b-sd-12")  # -25 %
        + spread(10, 2024, "building:b-xm-7")
        + spread(9, 2025, "building:b-xm-7")  # -10 %: below the threshold
        + spread(4, 2024, "community:v-beiguan")
        + spread(6, 2025, "community:v-beiguan")  # +50 %
        + spread(3, 2025, "community:v-shexi")  # nothing before: no ratio
    )
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    moved = incidence_changes(GRAPH, incidents, level=AreaKind.COMMUNITY, period=year)
    assert [(m.area, m.change.relative, m.falling) for m in moved] == [
        ("community:v-shedong", -0.25, True),
        ("community:v-beiguan", 0.5, False),
    ]
    half = Period(date(2025, 7, 1), date(2026, 1, 1))
    on_period = incidence_changes(
        GRAPH, incidents, level=AreaKind.COMMUNITY, period=half, compare="period", threshold=0
    )
    assert {m.area for m in on_period} >= {"community:v-shedong"}
    for bad, rule in [
        ({"period": Period(date(2025, 1, 1))}, "bounded"),
        ({"period": year, "compare": "month"}, "compare"),
        ({"period": year, "threshold": -0.1}, "non_negative"),
    ]:
        with pytest.raises(ValidationError) as caught:
            incidence_changes(GRAPH, incidents, level=AreaKind.COMMUNITY, **bad)
        assert caught.value.rule == rule


def test_nets_cover_hot_places_and_the_gaps_are_directed():
    ximen = AreaRef.parse("community:c-ximen")
    camera = Camera("cam-1", AreaRef.parse("building:b-xm-7"), monitor="p-shi-lan")
    pro = PatrolNet(
        "net-pro", NetKind.PROFESSIONAL_PATROL, [ximen], [WeeklyInterval(4, time(20), time(23))]
    )
    vol = PatrolNet(
        "net-vol", NetKind.VOLUNTEER_PATROL, [ximen], [WeeklyInterval(5, time(9), time(12))]
    )
    places = ["management_grid:mg-ximen-1", "building:b-xm-7", "community:v-shedong"]
    slots = [(4, 21), (5, 10), (6, 2)]
    gaps = uncovered_hotspots(
        GRAPH, places, slots, cameras=[camera], patrols=[pro, vol], as_of=date(2025, 3, 1)
    )
    assert gaps == (
        ("management_grid:mg-ximen-1", 6, 2),
        ("community:v-shedong", 4, 21),
        ("community:v-shedong", 5, 10),
        ("community:v-shedong", 6, 2),
    )
    directions = direct_the_nets(GRAPH, gaps, [pro, vol], as_of=date(2025, 3, 1))
    # the village lies outside both nets' areas: left for a new net or camera
    assert directions == (Direction("net-pro", "management_grid:mg-ximen-1", ((6, 2),)),)
    # a host whose nights run from 01:00 to 05:00 sends 02:00 to the professionals, 23:00 not
    late = [("management_grid:mg-ximen-1", 6, 2), ("management_grid:mg-ximen-1", 6, 23)]
    short_night = direct_the_nets(GRAPH, late, [pro, vol], as_of=date(2025, 3, 1), night=(1, 5))
    assert [(d.net, d.slots) for d in short_night] == [
        ("net-pro", ((6, 2),)),
        ("net-vol", ((6, 23),)),
    ]
    assert uncovered_hotspots(GRAPH, places, slots, as_of=date(2025, 3, 1)) == tuple(
        (p, d, h) for p in places for d, h in slots
    )


def test_a_patrol_net_is_not_a_camera_net_and_needs_an_area():
    with pytest.raises(ValidationError) as caught:
        PatrolNet("n", NetKind.CAMERAS, [AreaRef.parse("community:c-1")], [])
    assert caught.value.rule == "patrol"
    with pytest.raises(ValidationError) as caught:
        PatrolNet("n", NetKind.VOLUNTEER_PATROL, [], [])
    assert caught.value.rule == "not_empty"
    with pytest.raises(ValidationError) as caught:
        Incident(
            "i",
            datetime(2025, 1, 1),  # noqa: DTZ001  (refused on purpose)
            AreaRef.parse("community:c-1"),
            IncidentCategory.FIRE,
            ReportChannel.TIP,
        )
    assert caught.value.field == "at"


def test_the_late_hour_of_a_net_counts():
    late = PatrolNet(
        "n",
        NetKind.VOLUNTEER_PATROL,
        [AreaRef.parse("community:c-1")],
        [WeeklyInterval(0, time(23, 30), time(23, 59))],
    )
    assert late.on_patrol(0, 23)
    assert not late.on_patrol(0, 22)


def test_the_1_3_formula_names_its_nets():
    formula = MECHANISM_FORMULAS["1+3"]
    assert str(formula) == "1+3"
    assert formula.check(["incident_analysis", *NetKind]) == ()
    assert [gap.message for gap in formula.check(["incident_analysis", NetKind.CAMERAS])] == [
        "professional patrol: needs 1, has 0",
        "volunteer patrol: needs 1, has 0",
    ]


def test_hot_places_within_a_period_use_local_days():
    # 23:30 on 31 December in Shanghai is still 2024 there, though 15:30 UTC
    at = datetime(2024, 12, 31, 15, 30, tzinfo=UTC)
    incidents = [incident(0, "building:b-jy-1", at)]
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    assert hot_places(GRAPH, incidents, level=AreaKind.COMMUNITY, period=year) == ()
    assert hot_places(GRAPH, incidents, level=AreaKind.COMMUNITY, period=year, timezone="UTC") == ()
    assert hot_places(
        GRAPH, incidents, level=AreaKind.COMMUNITY, period=Period(date(2024, 12, 31))
    ) == (("community:c-ximen", 1),)
    assert hot_times([incident(1, "building:b-jy-1", at + timedelta(hours=1))], period=year) == {
        (2, 0): 1
    }


def test_an_unknown_time_zone_is_named():
    for call in (
        lambda: hot_places(GRAPH, [], level=AreaKind.COMMUNITY, timezone="Nowhere/Town"),
        lambda: hot_times([], timezone=""),
    ):
        with pytest.raises(ValidationError) as caught:
            call()
        assert caught.value.rule == "timezone"
