"""Boundaries: GeoJSON coordinates checked without a geometry engine, read back equal."""

import json

import pytest
from hypothesis import given

from community_policing import Boundary, DocumentError, ValidationError, dumps, loads
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
