"""GeoJSON out and in: layers per audience, boundaries and points read back exactly."""

import json
from datetime import UTC, date, datetime

import attrs
import pytest
from hypothesis import given

from community_policing import (
    Access,
    AreaRef,
    Audience,
    CommunityGraph,
    DocumentError,
    GeoPoint,
    IncidentCategory,
    ReportChannel,
    ValidationError,
    sample,
)
from community_policing.io.geojson import (
    MAP_KINDS,
    apply_geojson,
    feature_collection,
    record_features,
)
from community_policing.prevention import Camera, Incident
from community_policing.testing import strategies as cps

DAY = date(2025, 1, 1)


def town_graph():
    return CommunityGraph.from_jurisdiction(sample.jurisdiction())


def test_every_drawn_area_and_located_place_is_a_feature():
    layer = feature_collection(town_graph(), as_of=DAY)
    kinds = [feature["properties"]["layer"] for feature in layer["features"]]
    assert kinds == sorted(kinds, key=MAP_KINDS.index)
    assert kinds.count("management_grid") == 7
    assert kinds.count("organization") == 2
    grid = next(f for f in layer["features"] if f["id"] == "management_grid:mg-ximen-1")
    assert grid["properties"]["population"] == 2400
    assert grid["properties"]["layer_zh"] == "网格"
    assert "location" not in grid["properties"]
    json.dumps(layer)  # plain JSON all the way down


@pytest.mark.parametrize("audience", [Audience.PUBLIC, Audience.VOLUNTEER])
def test_the_public_and_a_volunteer_see_no_one_s_residence(audience):
    town = sample.jurisdiction()
    text = json.dumps(
        feature_collection(town_graph(), as_of=DAY, audience=audience), ensure_ascii=False
    )
    assert "residents" not in text
    for person in town.persons:
        for value in (person.phone, person.id_card_number):
            assert value is None or value not in text
    residents = {r.person for r in town.residences}
    holders = {m.person for m in town.memberships if m.post is not None}
    for person in town.persons:
        if person.id in residents - holders:
            assert f'"{person.id}"' not in text


def test_an_officer_sees_who_lives_where_and_the_read_is_audited():
    graph = town_graph()
    before = len(graph.audit_log.records)
    layer = feature_collection(
        graph,
        kinds=["standard_address"],
        as_of=DAY,
        audience=Access("p-wang-jun", "入户走访", Audience.OFFICER),
        query="走访地图",
    )
    lived = {f["id"]: f["properties"]["residents"] for f in layer["features"]}
    assert {p["person"] for p in lived["standard_address:a-jy-1-502"]}
    assert lived["standard_address:a-school-gate"] == []
    assert len(graph.audit_log.records) == before + 1
    assert graph.audit_log.records[-1].query == "走访地图"


def test_bad_arguments_are_refused():
    graph = town_graph()
    with pytest.raises(ValidationError) as caught:
        feature_collection(graph, kinds=["police_grid", "castle"])
    assert caught.value.field == "kinds[1]"
    with pytest.raises(ValidationError):
        feature_collection(graph, as_of="2025-01-01")
    with pytest.raises(ValidationError):
        feature_collection(graph, audience=Audience.OFFICER)
    assert feature_collection(graph, kinds="community", as_of=DAY)["features"]
    with pytest.raises(ValidationError):
        record_features([sample.jurisdiction().persons[0]])
    with pytest.raises(ValidationError):
        record_features([object()])


def test_records_with_a_point_are_features():
    at = datetime(2025, 3, 1, 21, 0, tzinfo=UTC)
    incident = Incident(
        "i-1",
        at,
        AreaRef.parse("building:b-jy-1"),
        IncidentCategory.FRAUD,
        ReportChannel.CALL_110,
        location=GeoPoint(116.564, 35.415),
    )
    unplaced = Camera("cam-2", AreaRef.parse("community:c-ximen"))
    layer = record_features([incident, unplaced])
    assert [f["id"] for f in layer["features"]] == ["incident:i-1"]
    feature = layer["features"][0]
    assert feature["properties"]["at"] == "2025-03-01T21:00:00+00:00"
    assert feature["properties"]["layer_zh"] == "警情"
    assert feature["geometry"] == {"type": "Point", "coordinates": [116.564, 35.415]}


@given(cps.jurisdictions())
def test_boundaries_and_points_read_back_exactly(document):
    graph = CommunityGraph.from_jurisdiction(document)
    layer = feature_collection(graph, as_of=date(2024, 1, 1))
    bare = attrs.evolve(
        document,
        boundaries=(),
        buildings=tuple(attrs.evolve(b, location=None) for b in document.buildings),
        standard_addresses=tuple(
            attrs.evolve(a, location=None) for a in document.standard_addresses
        ),
        organizations=tuple(attrs.evolve(o, location=None) for o in document.organizations),
    )
    back = apply_geojson(bare, json.dumps(layer), valid_from=date(2024, 1, 1))
    in_force = [d for d in document.boundaries if d.period.contains(date(2024, 1, 1))]
    assert [(d.area, d.boundary) for d in back.boundaries] == [
        (d.area, d.boundary) for d in in_force
    ]
    assert back.buildings == document.buildings
    assert back.standard_addresses == document.standard_addresses
    assert back.organizations == document.organizations


def test_a_redrawing_ends_the_drawing_in_force():
    town = sample.jurisdiction()
    layer = feature_collection(
        CommunityGraph.from_jurisdiction(town), kinds=["community"], as_of=DAY
    )
    redrawn = apply_geojson(town, layer, valid_from=date(2026, 1, 1))
    graph = CommunityGraph.from_jurisdiction(redrawn)
    old = [d for d in graph.boundaries("community") if d.period.end == date(2026, 1, 1)]
    assert len(old) == 4
    with pytest.raises(DocumentError) as caught:
        apply_geojson(redrawn, layer, valid_from=date(2025, 6, 1))
    assert [p.rule for p in caught.value.problems] == ["one_boundary"] * 4


def square(west=116.5, south=35.4, size=0.01):
    return [
        [
            [west, south],
            [west + size, south],
            [west + size, south + size],
            [west, south + size],
            [west, south],
        ]
    ]


@pytest.mark.parametrize(
    ("feature", "path", "rule"),
    [
        ("no", "$.features[0].type", "type_tag"),
        ({"type": "Feature", "geometry": None}, "$.features[0].id", "type"),
        ({"type": "Feature", "id": "castle:c-1"}, "$.features[0].id", "type_tag"),
        ({"type": "Feature", "id": "community:c-9"}, "$.features[0].id", "reference"),
        (
            {"type": "Feature", "properties": {"layer": "community", "id": "c-9"}},
            "$.features[0].properties",
            "reference",
        ),
        (
            {"type": "Feature", "id": "community:c-ximen", "geometry": None},
            "$.features[0].geometry.type",
            "geometry",
        ),
        (
            {
                "type": "Feature",
                "id": "community:c-ximen",
                "geometry": {"type": "Point", "coordinates": [116.5, 35.4]},
            },
            "$.features[0].geometry.type",
            "geometry",
        ),
        (
            {
                "type": "Feature",
                "id": "community:c-ximen",
                "geometry": {"type": "Polygon", "coordinates": [square()[0][:3]]},
            },
            "$.features[0].geometry.coordinates[0]",
            "ring",
        ),
        (
            {
                "type": "Feature",
                "id": "community:c-ximen",
                "geometry": {"type": "MultiPolygon", "coordinates": [square(), [[[0, 0]]]]},
            },
            "$.features[0].geometry.coordinates[1][0]",
            "ring",
        ),
        (
            {
                "type": "Feature",
                "id": "building:b-jy-1",
                "geometry": {"type": "Point", "coordinates": [200, 35.4]},
            },
            "$.features[0].geometry.coordinates",
            "range",
        ),
        (
            {
                "type": "Feature",
                "id": "building:b-jy-1",
                "geometry": {"type": "Point", "coordinates": [116.5]},
            },
            "$.features[0].geometry.coordinates",
            "type",
        ),
    ],
)
def test_every_problem_is_located_at_its_feature(feature, path, rule):
    collection = {"type": "FeatureCollection", "features": [feature]}
    with pytest.raises(DocumentError) as caught:
        apply_geojson(sample.jurisdiction(), collection, valid_from=date(2026, 1, 1))
    assert [(p.path, p.rule) for p in caught.value.problems] == [(path, rule)]


def test_all_problems_come_together_and_a_repeat_is_refused():
    polygon = {"type": "Polygon", "coordinates": square()}
    features = [
        {"type": "Feature", "id": "community:c-ximen", "geometry": polygon},
        {"type": "Feature", "id": "community:c-9", "geometry": polygon},
        {"type": "Feature", "id": "community:c-ximen", "geometry": polygon},
    ]
    with pytest.raises(DocumentError) as caught:
        apply_geojson(
            sample.jurisdiction(),
            {"type": "FeatureCollection", "features": features},
            valid_from=date(2026, 1, 1),
        )
    assert [(p.path, p.rule) for p in caught.value.problems] == [
        ("$.features[1].id", "reference"),
        ("$.features[2].id", "duplicate_id"),
    ]


@pytest.mark.parametrize(
    ("collection", "path"),
    [({"type": "Feature"}, "$.type"), ({"type": "FeatureCollection"}, "$.features"), ("[", "$")],
)
def test_what_is_no_feature_collection_is_refused(collection, path):
    with pytest.raises(DocumentError) as caught:
        apply_geojson(sample.jurisdiction(), collection, valid_from=date(2026, 1, 1))
    assert caught.value.problems[0].path == path
    with pytest.raises(ValidationError):
        apply_geojson(sample.jurisdiction(), {}, valid_from="2026-01-01")
