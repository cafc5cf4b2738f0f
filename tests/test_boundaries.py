"""Boundaries: GeoJSON coordinates checked without a geometry engine, read back equal."""

import json
from datetime import date

import attrs
import pytest
from hypothesis import given

import community_policing as cp
from community_policing import (
    AreaBoundary,
    AreaRef,
    Boundary,
    CommunityGraph,
    DocumentError,
    NotFoundError,
    Period,
    ValidationError,
    dumps,
    loads,
    sample,
)
from community_policing.io import graphs
from community_policing.testing import strategies as cps

SQUARE = [(116.0, 39.0), (116.1, 39.0), (116.1, 39.1), (116.0, 39.1), (116.0, 39.0)]
HOLE = [(116.02, 39.02), (116.03, 39.02), (116.03, 39.03), (116.02, 39.02)]


def test_one_polygon_is_a_geojson_polygon_and_several_a_multipolygon():
    one = Boundary([[SQUARE, HOLE]])
    assert one.geojson() == {
        "type": "Polygon",
        "coordinates": [[list(p) for p in SQUARE], [list(p) for p in HOLE]],
    }
    two = Boundary([[SQUARE], [[(0, 0), (1, 0), (0, 1), (0, 0)]]])
    assert two.geojson()["type"] == "MultiPolygon"
    assert two.polygons[1][0][1] == (1.0, 0.0)


@pytest.mark.parametrize(
    ("polygons", "field", "reason"),
    [
        ([], "polygons", "one polygon"),
        (5, "polygons", "one polygon"),
        ([[]], "polygons[0]", "needs a ring"),
        ([[SQUARE[:3]]], "polygons[0][0]", "four positions"),
        ([[[*SQUARE[:-1], (116.0, 39.05)]]], "polygons[0][0]", "closed"),
        ([[[*SQUARE[:-1], (200.0, 39.0)]]], "polygons[0][0]", "on the earth"),
        ([[[("116", 39.0), *SQUARE[1:]]]], "polygons[0][0]", "two numbers"),
        ([[[(116.0, 39.0, 10.0), *SQUARE[1:]]]], "polygons[0][0]", "(longitude, latitude)"),
        ([[SQUARE], [SQUARE, [(float("nan"), 0.0)] * 4]], "polygons[1][1]", "finite"),
    ],
)
def test_shapes_a_map_cannot_draw_are_refused(polygons, field, reason):
    with pytest.raises(ValidationError) as caught:
        Boundary(polygons)
    assert caught.value.field == field
    assert reason in caught.value.reason


def test_documents_locate_problems_in_the_coordinates():
    body = {"type": "boundary", "schema_version": 1, "coordinates": [[SQUARE[:3]]], "x": 1}
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(body))
    assert [(p.path, p.rule) for p in caught.value.problems] == [("$.x", "unknown_field")]
    del body["x"]
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(body))
    assert [(p.path, p.rule) for p in caught.value.problems] == [("$.coordinates[0][0]", "ring")]


@given(cps.boundaries())
def test_boundaries_round_trip_exactly(boundary):
    text = dumps(boundary)
    assert loads(text) == boundary
    assert dumps(loads(text)) == text


# ---------------------------------------------------------------------------- drawings


def drawing(area, start, end=None, ring=SQUARE):
    return AreaBoundary(AreaRef.parse(area), Boundary([[ring]]), Period(start, end))


def test_a_document_refuses_a_drawing_of_no_area_and_overlapping_drawings():
    town = sample.jurisdiction()
    drawings = (
        drawing("police_grid:pg-01", date(2020, 1, 1), date(2023, 1, 1)),
        drawing("police_grid:pg-01", date(2022, 6, 1)),
        drawing("police_grid:pg-99", date(2020, 1, 1)),
        drawing("police_grid:pg-02", date(2020, 1, 1), date(2022, 6, 1)),
        drawing("police_grid:pg-02", date(2022, 6, 1)),
    )
    with pytest.raises(DocumentError) as caught:
        attrs.evolve(town, boundaries=drawings)
    assert [(p.path, p.rule, p.reason) for p in caught.value.problems] == [
        (
            "$.boundaries[1].period",
            "one_boundary",
            "overlaps another boundary of 'police_grid:pg-01'",
        ),
        ("$.boundaries[2].area", "reference", "no police_grid with id 'pg-99'"),
    ]


def test_a_building_has_a_point_not_a_boundary():
    with pytest.raises(ValidationError) as caught:
        drawing("building:b-1", date(2020, 1, 1))
    assert (caught.value.field, caught.value.rule) == ("area", "bounded_kind")


def test_the_graph_keeps_every_drawing_and_answers_for_any_day():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    first = graph.boundary("police_grid:pg-02")
    new = Boundary([[SQUARE]])
    made = graph.draw_boundary("police_grid:pg-02", new, on=date(2025, 3, 1))
    assert made == drawing("police_grid:pg-02", date(2025, 3, 1))
    assert graph.boundary("police_grid:pg-02") == new
    assert graph.boundary("police_grid:pg-02", as_of=date(2025, 2, 28)) == first
    assert graph.boundary("police_grid:pg-02", as_of=date(2019, 12, 31)) is None
    assert graph.boundary("building:b-jy-1") is None
    ended = [d for d in graph.boundaries("police_grid") if str(d.area) == "police_grid:pg-02"]
    assert [d.period for d in ended] == [
        Period(date(2020, 1, 1), date(2025, 3, 1)),
        Period(date(2025, 3, 1)),
    ]
    assert len(list(graph.boundaries(as_of=date(2019, 1, 1)))) == 0
    assert len(list(graph.boundaries("building"))) == 0
    document = graph.to_jurisdiction()
    assert list(CommunityGraph.from_jurisdiction(document).boundaries()) == list(graph.boundaries())


@pytest.mark.parametrize(
    ("area", "on", "rule"),
    [
        ("building:b-jy-1", date(2025, 1, 1), "bounded_kind"),
        ("police_grid:pg-02", date(2020, 1, 1), "one_boundary"),
        ("police_grid:pg-02", "2025-01-01", "type"),
    ],
)
def test_a_refused_redrawing_changes_nothing(area, on, rule):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    before = list(graph.boundaries())
    with pytest.raises(ValidationError) as caught:
        graph.draw_boundary(area, Boundary([[SQUARE]]), on=on)
    assert caught.value.rule == rule
    assert list(graph.boundaries()) == before
    with pytest.raises(NotFoundError):
        graph.draw_boundary("police_grid:pg-99", Boundary([[SQUARE]]), on=date(2025, 1, 1))
    with pytest.raises(ValidationError):
        graph.boundary("police_grid:pg-02", as_of="2025-01-01")
    with pytest.raises(ValidationError):
        list(graph.boundaries(as_of="2025-01-01"))
    with pytest.raises(ValidationError):
        list(graph.boundaries("castle"))


def test_a_drawing_that_ended_can_be_followed_later():
    graph = CommunityGraph()
    graph.add_entity(cp.SubBureau(id="sb-1", name="分局"))
    graph.draw_boundary("sub_bureau:sb-1", Boundary([[SQUARE]]), on=date(2020, 1, 1))
    graph.draw_boundary("sub_bureau:sb-1", Boundary([[HOLE]]), on=date(2021, 1, 1))
    assert graph.boundary("sub_bureau:sb-1", as_of=date(2020, 6, 1)) == Boundary([[SQUARE]])


def test_parts_carry_the_drawings_and_refuse_a_drawing_of_no_node():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    nodes, edges, drawings = graph.parts()
    assert len(drawings) == 19
    stray = [*drawings, drawing("police_grid:pg-99", date(2020, 1, 1)), "not a drawing"]
    with pytest.raises(DocumentError) as caught:
        CommunityGraph.from_parts(
            id=graph.id, name=graph.name, nodes=nodes, edges=edges, boundaries=stray
        )
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("$.boundaries[19].area", "reference"),
        ("$.boundaries[20]", "type_tag"),
    ]
    twice = [*drawings, drawings[0]]
    with pytest.raises(DocumentError) as caught:
        CommunityGraph.from_parts(
            id=graph.id, name=graph.name, nodes=nodes, edges=edges, boundaries=twice
        )
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("$.boundaries[19].period", "one_boundary")
    ]


@pytest.mark.parametrize("fmt", ["node_link", "graphml", "gexf"])
def test_every_graph_format_carries_the_drawings(fmt, tmp_path):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    graph.draw_boundary("police_grid:pg-02", Boundary([[SQUARE, HOLE]]), on=date(2025, 3, 1))
    path = tmp_path / f"town.{fmt}"
    getattr(graphs, f"write_{fmt}")(graph, path)
    back = getattr(graphs, f"read_{fmt}")(path)
    assert list(back.boundaries()) == list(graph.boundaries())


@pytest.mark.parametrize(
    ("attribute", "path", "rule"),
    [
        (5, "$.nodes[0].boundaries", "type"),
        ("{}", "$.nodes[0].boundaries", "type"),
        ("[1]", "$.nodes[0].boundaries[0]", "type"),
        ('[{"area": "x"}]', "$.nodes[0].boundaries[0].area", "unknown_field"),
        (
            '[{"boundary": {"coordinates": []}, "period": {"start": "2020-01-01"}}]',
            "$.nodes[0].boundaries[0].boundary.coordinates",
            "type",
        ),
        ("[", "$", "json"),
    ],
)
def test_a_broken_boundaries_attribute_is_located(attribute, path, rule):
    data = graphs.to_node_link(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
    data["nodes"][0]["boundaries"] = attribute
    with pytest.raises(DocumentError) as caught:
        graphs.from_node_link(data)
    assert (caught.value.problems[0].path, caught.value.problems[0].rule) == (path, rule)


def test_overlapping_drawings_in_a_file_are_located_at_their_node():
    data = graphs.to_node_link(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
    node = next(n for n in data["nodes"] if n["node"] == "police_grid:pg-02")
    drawings = json.loads(node["boundaries"])
    node["boundaries"] = json.dumps(drawings * 2)
    with pytest.raises(DocumentError) as caught:
        graphs.from_node_link(data)
    index = data["nodes"].index(node)
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        (f"$.nodes[{index}].boundaries[1].period", "one_boundary")
    ]
