"""Geography: point lookup, borders and topology on generated tilings."""

import subprocess
import sys
import textwrap
from datetime import date

import attrs
import pytest
import shapely
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AreaBoundary,
    AreaRef,
    AreaSetting,
    Boundary,
    Community,
    CommunityGraph,
    CommunityKind,
    ManagementGrid,
    Period,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    SubBureau,
    ValidationError,
    sample,
)
from community_policing.geo import (
    AreaMap,
    _engine,
    locate_point,
    locate_points,
    outline,
    shared_borders,
    topology_problems,
)
from community_policing.policies import check, topology_check

DAY = date(2025, 3, 1)
DRAWN = Period(date(2020, 1, 1))


def rectangle(west, south, east, north):
    return Boundary([[[(west, south), (east, south), (east, north), (west, north), (west, south)]]])


def cuts(low, high):
    """Sorted cut positions between ``low`` and ``high``, ends included."""
    inner = st.lists(st.integers(1, 99), min_size=1, max_size=4, unique=True)
    return inner.map(lambda xs: [low, *(low + (high - low) * x / 100 for x in sorted(xs)), high])


class Tiling:
    """Columns × rows of management grids in one community; each column a police grid."""

    def __init__(self, xs, ys):
        self.xs, self.ys = xs, ys
        graph = CommunityGraph()
        graph.add_entity(SubBureau(id="sb", name="分局"))
        graph.add_entity(PoliceStation(id="ps", name="派出所", sub_bureau="sb"))
        graph.add_entity(PolicingDistrict(id="pd", name="警务区", station="ps"))
        graph.add_entity(
            Community(
                id="c",
                name="社区",
                kind=CommunityKind.COMMUNITY,
                setting=AreaSetting.URBAN,
                population=0,
            )
        )
        drawings = {}
        whole = rectangle(xs[0], ys[0], xs[-1], ys[-1])
        for key in ("sub_bureau:sb", "police_station:ps", "policing_district:pd", "community:c"):
            drawings[key] = whole
        for i in range(len(xs) - 1):
            graph.add_entity(PoliceGrid(id=f"pg-{i}", name="警格", district="pd"))
            drawings[f"police_grid:pg-{i}"] = rectangle(xs[i], ys[0], xs[i + 1], ys[-1])
            for j in range(len(ys) - 1):
                graph.add_entity(
                    ManagementGrid(
                        id=self.cell(i, j), name="网格", community="c", police_grid=f"pg-{i}"
                    )
                )
                drawings[f"management_grid:{self.cell(i, j)}"] = rectangle(
                    xs[i], ys[j], xs[i + 1], ys[j + 1]
                )
        for key, boundary in drawings.items():
            graph.draw_boundary(key, boundary, on=DRAWN.start)
        self.graph = graph

    @staticmethod
    def cell(i, j):
        return f"mg-{i:02d}-{j:02d}"


tilings = st.builds(Tiling, cuts(116.0, 116.2), cuts(39.0, 39.1))


@given(tilings, st.data())
def test_a_point_inside_a_cell_is_found_in_it_and_every_ancestor(tiling, data):
    xs, ys = tiling.xs, tiling.ys
    i = data.draw(st.integers(0, len(xs) - 2))
    j = data.draw(st.integers(0, len(ys) - 2))
    fx, fy = data.draw(st.floats(0.01, 0.99)), data.draw(st.floats(0.01, 0.99))
    lon, lat = xs[i] + (xs[i + 1] - xs[i]) * fx, ys[j] + (ys[j + 1] - ys[j]) * fy
    where = locate_point(tiling.graph, lon, lat, as_of=DAY)
    assert where.governance == (f"management_grid:{tiling.cell(i, j)}", "community:c")
    assert where.police == (
        f"police_grid:pg-{i}",
        "policing_district:pd",
        "police_station:ps",
        "sub_bureau:sb",
    )
    assert where.responsibility.management_grid == f"management_grid:{tiling.cell(i, j)}"
    assert where.responsibility.police_grid == f"police_grid:pg-{i}"


@given(tilings)
def test_a_tiling_passes_the_topology_checks_and_its_borders_are_its_adjacency(tiling):
    area_map = AreaMap(tiling.graph, as_of=DAY)
    assert topology_problems(area_map) == []
    columns, rows = len(tiling.xs) - 1, len(tiling.ys) - 1
    cells = [f"management_grid:{tiling.cell(i, j)}" for i in range(columns) for j in range(rows)]
    expected = {
        frozenset((f"management_grid:{tiling.cell(i, j)}", f"management_grid:{tiling.cell(k, m)}"))
        for i in range(columns)
        for j in range(rows)
        for k, m in ((i + 1, j), (i, j + 1))
        if k < columns and m < rows
    }
    borders = shared_borders(area_map, cells)
    assert {frozenset(edge) for edge in borders.edges()} == expected
    assert list(borders.nodes()) == cells


@given(tilings, st.data())
def test_a_moved_edge_is_an_overlap_and_a_gap(tiling, data):
    xs, ys = tiling.xs, tiling.ys
    i = data.draw(st.integers(0, len(xs) - 2))
    width = xs[i + 1] - xs[i]
    # the cell's east edge moves in: a gap in the community (and its police grid unlike it)
    shrunk = rectangle(xs[i], ys[0], xs[i + 1] - width / 4, ys[1])
    key = f"management_grid:{tiling.cell(i, 0)}"
    tiling.graph.draw_boundary(key, shrunk, on=date(2024, 1, 1))
    rules = {(p.rule, p.areas[0]) for p in topology_problems(AreaMap(tiling.graph, as_of=DAY))}
    assert ("gap", "community:c") in rules
    assert ("union_mismatch", f"police_grid:pg-{i}") in rules
    # moved out past a neighbour's edge instead: an overlap (or a reach outside the community)
    grown = rectangle(xs[i], ys[0], xs[i + 1] + width / 4, ys[1])
    tiling.graph.draw_boundary(key, grown, on=date(2025, 1, 1))
    rules = {p.rule for p in topology_problems(AreaMap(tiling.graph, as_of=DAY))}
    assert rules & {"overlap", "outside_parent"}


def test_a_point_on_a_shared_edge_gets_the_smaller_key_and_a_point_outside_none():
    tiling = Tiling([116.0, 116.1, 116.2], [39.0, 39.1])
    on_edge, outside = locate_points(tiling.graph, [116.1, 120.0], [39.05, 39.05], as_of=DAY)
    assert on_edge.management_grid == "management_grid:mg-00-00"
    assert on_edge.police_grid == "police_grid:pg-0"
    assert not outside.found
    assert outside.responsibility is None
    assert (outside.management_grid, outside.station) == (None, None)


def test_points_with_the_same_areas_share_one_answer_and_none_is_empty():
    area_map = AreaMap(sample_graph(), as_of=DAY)
    first, second = area_map.locate_many([116.51, 116.515], [35.41, 35.415])
    assert first is second
    assert area_map.locate_many([], []) == []
    assert repr(area_map) == "AreaMap(as_of=2025-03-01, areas=19)"


@pytest.mark.parametrize(
    ("lons", "lats", "field"),
    [
        ([116.5], [35.4, 35.5], "lats"),
        ([float("nan")], [35.4], "lons[0]"),
        ([116.5, 181.0], [35.4, 35.4], "lons[1]"),
        ([116.5], [-91.0], "lats[0]"),
        (["east"], [35.4], "lons"),
    ],
)
def test_points_off_the_earth_are_refused(lons, lats, field):
    area_map = AreaMap(sample_graph(), as_of=DAY)
    with pytest.raises(ValidationError) as caught:
        area_map.locate_many(lons, lats)
    assert caught.value.field == field


def test_the_map_shows_its_day():
    graph = sample_graph()
    graph.draw_boundary("police_grid:pg-02", rectangle(0.0, 0.0, 1.0, 1.0), on=date(2026, 1, 1))
    before, after = AreaMap(graph, as_of=date(2025, 12, 31)), AreaMap(graph, as_of=date(2026, 1, 1))
    assert before.locate(116.55, 35.41).police_grid == "police_grid:pg-02"
    assert after.locate(116.55, 35.41).police_grid is None
    assert after.locate(0.5, 0.5).police_grid == "police_grid:pg-02"
    assert before.graph is graph
    assert before.as_of == date(2025, 12, 31)
    assert AreaMap(graph, as_of=date(2019, 1, 1)).areas == ()
    with pytest.raises(ValidationError):
        AreaMap(graph, as_of="2025-01-01")


def test_an_invalid_outline_is_reported_with_its_repair():
    graph = sample_graph()
    bow_tie = Boundary(
        [[[(116.56, 35.41), (116.57, 35.42), (116.57, 35.41), (116.56, 35.42), (116.56, 35.41)]]]
    )
    graph.draw_boundary("management_grid:mg-ximen-1", bow_tie, on=date(2025, 1, 1))
    found = topology_problems(AreaMap(graph, as_of=DAY))
    invalid = found[0]
    assert (invalid.rule, invalid.areas) == ("invalid_boundary", ("management_grid:mg-ximen-1",))
    assert "Self-intersection" in invalid.message
    assert "不是有效多边形" in invalid.message_zh
    assert len(invalid.repaired.polygons) == 2  # the two triangles of the bow tie
    assert {p.rule for p in found} >= {"gap", "union_mismatch"}
    report = check(graph, checks=[topology_check()], as_of=DAY)
    (invalid,) = [v for v in report.violations if v.rule == "topology.invalid_boundary"]
    assert invalid.severity == "error"


def test_a_child_outside_its_parent_is_measured_in_square_metres():
    graph = sample_graph()
    # 0.01° east of the town: about 906 m by 1,112 m outside the community
    graph.draw_boundary(
        "management_grid:mg-ximen-2", rectangle(116.57, 35.41, 116.59, 35.42), on=date(2025, 1, 1)
    )
    found = [p for p in topology_problems(AreaMap(graph, as_of=DAY)) if p.rule == "outside_parent"]
    assert found[0].areas == ("management_grid:mg-ximen-2", "community:c-ximen")
    assert found[0].area_m2 == pytest.approx(906.6 * 1111.95, rel=2e-3)


@pytest.mark.parametrize("bad", [-1.0, float("inf"), "10", None])
def test_bad_tolerances_and_lengths_are_refused(bad):
    area_map = AreaMap(sample_graph(), as_of=DAY)
    with pytest.raises(ValidationError):
        topology_problems(area_map, tolerance_m2=bad)
    with pytest.raises(ValidationError):
        topology_check(bad)
    with pytest.raises(ValidationError):
        shared_borders(area_map, area_map.areas, min_length_m=bad)


def test_borders_and_outlines_need_drawn_areas():
    area_map = AreaMap(sample_graph(), as_of=DAY)
    with pytest.raises(ValidationError) as caught:
        shared_borders(area_map, ["community:c-ximen", "building:b-jy-1"])
    assert (caught.value.field, caught.value.rule) == ("areas[1]", "drawn")
    with pytest.raises(ValidationError):
        outline(area_map, [])
    assert list(shared_borders(area_map, ["community:c-ximen"]).nodes()) == ["community:c-ximen"]
    joined = outline(area_map, ["police_grid:pg-01", "police_grid:pg-02"])
    assert joined.geojson()["type"] == "Polygon"
    apart = outline(area_map, ["community:v-shedong", "community:c-ximen"])
    assert apart.geojson()["type"] == "MultiPolygon"


def test_a_close_touch_is_no_border_when_shorter_than_the_minimum():
    area_map = AreaMap(sample_graph(), as_of=DAY)
    pair = ["community:v-beiguan", "management_grid:mg-ximen-1"]
    assert shared_borders(area_map, pair).number_of_edges() == 1
    assert shared_borders(area_map, pair, min_length_m=2000).number_of_edges() == 0


def sample_graph():
    return CommunityGraph.from_jurisdiction(sample.jurisdiction())


def test_documents_with_geometry_load_and_write_without_shapely():
    """Without the extra, geometry is data: it loads and writes; computing names the extra."""
    script = textwrap.dedent(
        """
        import importlib.abc, sys

        class Hide(importlib.abc.MetaPathFinder):
            def find_spec(self, name, path=None, target=None):
                if name.split(".")[0] in ("shapely", "numpy"):
                    raise ModuleNotFoundError(f"No module named {name!r}", name=name)

        sys.meta_path.insert(0, Hide())
        from community_policing import CommunityGraph, Jurisdiction, MissingExtraError, sample
        from community_policing.io.json import dumps, loads
        from community_policing.geo import AreaMap

        town = sample.jurisdiction()
        assert town.boundaries and loads(dumps(town), Jurisdiction) == town
        graph = CommunityGraph.from_jurisdiction(town)
        area_map = AreaMap(graph)
        try:
            area_map.locate(116.51, 35.41)
        except MissingExtraError as error:
            print(error.extra)
        assert "shapely" not in sys.modules and "numpy" not in sys.modules
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "geo"


def test_an_area_boundary_names_its_kind_of_area():
    drawing = AreaBoundary(AreaRef.parse("community:c-ximen"), rectangle(0, 0, 1, 1), DRAWN)
    assert drawing.area.kind.value == "community"


def test_a_repair_keeps_the_polygons_and_drops_a_collapsed_spike():
    graph = sample_graph()
    spiked = Boundary(
        [
            [
                [
                    (116.56, 35.41),
                    (116.57, 35.41),
                    (116.57, 35.42),
                    (116.565, 35.42),
                    (116.565, 35.425),
                    (116.565, 35.42),
                    (116.56, 35.42),
                    (116.56, 35.41),
                ]
            ]
        ]
    )
    graph.draw_boundary("management_grid:mg-ximen-1", spiked, on=date(2025, 1, 1))
    invalid = topology_problems(AreaMap(graph, as_of=DAY))[0]
    assert invalid.rule == "invalid_boundary"
    assert len(invalid.repaired.polygons) == 1
    assert len(invalid.repaired.polygons[0][0]) >= 5  # the square, without the spike


def test_an_area_of_several_polygons_is_found_in_each():
    graph = sample_graph()
    two = Boundary(
        [rectangle(0.0, 0.0, 1.0, 1.0).polygons[0], rectangle(2.0, 0.0, 3.0, 1.0).polygons[0]]
    )
    graph.draw_boundary("police_grid:pg-02", two, on=date(2025, 1, 1))
    area_map = AreaMap(graph, as_of=DAY)
    assert [w.police_grid for w in area_map.locate_many([0.5, 2.5, 1.5], [0.5, 0.5, 0.5])] == [
        "police_grid:pg-02",
        "police_grid:pg-02",
        None,
    ]


def test_checks_that_need_every_part_drawn_wait_for_them():
    town = sample.jurisdiction()
    partial = attrs.evolve(
        town,
        boundaries=tuple(
            d
            for d in town.boundaries
            if str(d.area) not in ("community:v-shexi", "management_grid:mg-shexi")
        ),
    )
    graph = CommunityGraph.from_jurisdiction(partial)
    assert topology_problems(AreaMap(graph, as_of=DAY)) == []


def test_nested_collections_give_up_their_polygons():
    nested = shapely.GeometryCollection(
        [
            shapely.MultiPolygon([shapely.box(0, 0, 1, 1), shapely.box(2, 0, 3, 1)]),
            shapely.LineString([(0, 0), (5, 5)]),
        ]
    )
    assert len(_engine.boundary_of(nested).polygons) == 2


def test_a_retired_area_leaves_the_map_and_its_community_is_named():
    graph = sample_graph()
    graph.retire_entity("management_grid:mg-ximen-4", date(2025, 1, 1))
    area_map = AreaMap(graph, as_of=DAY)
    assert "management_grid:mg-ximen-4" not in area_map.areas
    where = area_map.locate(116.565, 35.425)
    assert (where.management_grid, where.community) == (None, "community:c-ximen")
