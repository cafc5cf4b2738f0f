"""Prevention and response on the map: hot places by polygon, blind spots, calls and offices."""

import math
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AreaKind,
    AreaRef,
    CommunityGraph,
    GeoPoint,
    IncidentCategory,
    MissingExtraError,
    Period,
    ReportChannel,
    ValidationError,
    sample,
)
from community_policing.geo import AreaMap, nearest, within_reach
from community_policing.planning import plan_police_grids, planning_units, unit_borders
from community_policing.plotting import plot_map, plot_plan_on_map
from community_policing.prevention import (
    Camera,
    Incident,
    blind_spots,
    hot_places,
    hot_places_on_map,
)
from community_policing.response import Call, ResponseTargets, call_reach, responders

AT = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
XIMEN = AreaRef.parse("community:c-ximen")


def town():
    return AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()), as_of=date(2025, 3, 7))


def incident(n, point=None, at=AT, place="building:b-jy-1"):
    return Incident(
        f"i-{n}",
        at,
        AreaRef.parse(place),
        IncidentCategory.THEFT,
        ReportChannel.CALL_110,
        location=point,
    )


def haversine(a, b):
    phi1, phi2 = math.radians(a.lat), math.radians(b.lat)
    half = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(b.lon - a.lon) / 2) ** 2
    )
    return 2 * 6_371_007.181 * math.asin(math.sqrt(half))


city = st.builds(GeoPoint, st.floats(116.4, 116.7), st.floats(35.3, 35.5))


@given(st.lists(city, min_size=1, max_size=20), st.lists(city, min_size=1, max_size=8))
def test_nearest_agrees_with_a_search_of_every_pair(sources, targets):
    for source, (index, metres) in zip(sources, nearest(sources, targets), strict=True):
        best = min(haversine(source, target) for target in targets)
        assert metres == pytest.approx(haversine(source, targets[index]), abs=1e-6)
        assert metres <= best * 1.005 + 0.5  # the projection may swap near ties only


@given(st.lists(city, max_size=20), st.lists(city, max_size=6), st.floats(10.0, 5000.0))
def test_within_reach_agrees_with_a_search_of_every_pair(points, centres, radius):
    reached = within_reach(points, centres, [radius] * len(centres))
    for point, seen in zip(points, reached, strict=True):
        distances = [haversine(point, centre) for centre in centres]
        if any(d <= radius * 0.999 for d in distances):
            assert seen
        if all(d > radius * 1.001 for d in distances):
            assert not seen


def test_distances_refuse_what_is_no_point_and_bad_radii():
    with pytest.raises(ValidationError) as caught:
        nearest([(116.5, 35.4)], [GeoPoint(116.5, 35.4)])
    assert caught.value.field == "sources[0]"
    with pytest.raises(ValidationError):
        nearest([GeoPoint(116.5, 35.4)], [])
    for radii in ([], [0], [float("nan")], ["50"]):
        with pytest.raises(ValidationError):
            within_reach([GeoPoint(116.5, 35.4)], [GeoPoint(116.5, 35.4)], radii)
    assert within_reach([GeoPoint(116.5, 35.4)], [], []) == [False]
    assert within_reach([], [GeoPoint(116.5, 35.4)], [1.0]) == []


def test_hot_places_by_polygon_agree_with_hot_places_by_place():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    located = [
        incident(n, building.location, place=f"building:{building.id}")
        for n, building in enumerate(sample.jurisdiction().buildings * 3)
    ]
    for level in (AreaKind.MANAGEMENT_GRID, AreaKind.POLICE_GRID, AreaKind.COMMUNITY):
        assert hot_places_on_map(town(), located, level=level) == hot_places(
            graph, located, level=level
        )


def test_hot_places_on_the_map_skip_unplaced_and_out_of_period_incidents():
    incidents = [
        incident(0, GeoPoint(116.575, 35.425)),
        incident(1),
        incident(2, GeoPoint(100.0, 20.0)),
        incident(3, GeoPoint(116.575, 35.425), at=AT - timedelta(days=400)),
    ]
    period = Period(date(2025, 1, 1), date(2026, 1, 1))
    assert hot_places_on_map(town(), incidents, level=AreaKind.POLICE_GRID, period=period) == (
        ("police_grid:pg-04", 1),
    )
    assert hot_places_on_map(town(), incidents, level=AreaKind.POLICE_GRID, top=0) == ()
    with pytest.raises(ValidationError):
        hot_places_on_map(town(), incidents, level=AreaKind.BUILDING)
    with pytest.raises(ValidationError):
        town().areas_at("castle", [116.5], [35.4])


def test_blind_spots_use_each_camera_s_radius_and_skip_unplaced_ones():
    gate = Camera("cam-1", XIMEN, location=GeoPoint(116.56, 35.41), radius_m=200)
    unplaced = Camera("cam-2", XIMEN)
    default = Camera("cam-3", XIMEN, location=GeoPoint(116.57, 35.42))
    incidents = [
        incident(0, GeoPoint(116.5615, 35.41)),  # about 136 m from the gate: seen
        incident(1, GeoPoint(116.5705, 35.42)),  # about 45 m from cam-3: seen at 50 m
        incident(2, GeoPoint(116.5710, 35.42)),  # about 91 m from cam-3: not seen
        incident(3),
    ]
    assert [i.id for i in blind_spots(incidents, [gate, unplaced, default])] == ["i-2"]
    assert [i.id for i in blind_spots(incidents, [default], radius_m=100)] == ["i-0"]
    assert len(blind_spots(incidents, [])) == 3
    with pytest.raises(ValidationError):
        blind_spots(incidents, [gate], radius_m=0)


def test_calls_find_their_office_and_their_responsible_officers():
    offices = [o for o in sample.jurisdiction().organizations if o.location is not None]
    calls = [
        Call(
            "c-1",
            IncidentCategory.ROBBERY,
            XIMEN,
            AT,
            location=GeoPoint(116.575, 35.415),
            dispatched=AT + timedelta(seconds=30),
            arrived=AT + timedelta(minutes=2),
        ),
        Call("c-2", IncidentCategory.THEFT, XIMEN, AT),
        Call("c-3", IncidentCategory.THEFT, XIMEN, AT, location=GeoPoint(116.52, 35.41)),
    ]
    reach = call_reach(calls, offices, targets=ResponseTargets())
    assert [r.call for r in reach] == ["c-1", "c-3"]
    assert reach[0].office == "o-ximen-office"
    assert reach[0].arrival_limit == timedelta(minutes=3)
    assert reach[0].arrival == timedelta(minutes=2)
    assert reach[1].office == "o-station"
    assert reach[1].arrival is None
    answers = dict(responders(town(), calls))
    assert sorted(answers) == ["c-1", "c-3"]
    assert answers["c-1"].police_grid == "police_grid:pg-03"
    assert answers["c-3"].responsibility.police_grid == "police_grid:pg-01"
    assert call_reach([], offices) == ()


def test_maps_draw_areas_values_points_and_circles():
    area_map = town()
    gate = GeoPoint(116.56, 35.41)
    ax = plot_map(area_map, circles=[(gate, 80.0)], title="西门")
    assert len(ax.patches) == len(area_map.areas) + 1
    assert ax.get_title() == "西门"
    ax = plot_map(area_map, areas=["community:c-ximen", "building:b-jy-1"], values={})
    assert len(ax.patches) == 1
    units = planning_units(sample.jurisdiction())
    plan = plan_police_grids(units, unit_borders(area_map, units))
    drawn = plot_plan_on_map(area_map, plan)
    assert len(drawn.patches) == len(units) + len(plan.grids)


def test_maps_without_the_plot_extra(missing):
    area_map = town()
    missing("matplotlib")
    with pytest.raises(MissingExtraError) as caught:
        plot_map(area_map)
    assert caught.value.extra == "plot"
