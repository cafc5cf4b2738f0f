"""The part of a jurisdiction inside one area: valid on its own, holding what is inside."""

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community_policing import (
    AreaKind,
    AreaRef,
    CommunityGraph,
    NotFoundError,
    ValidationError,
    on_day,
    sample,
    within_area,
)
from community_policing.model.jurisdiction import COLLECTION_OF_KIND, COLLECTIONS, REFERENCES
from community_policing.model.vocab import Relation
from community_policing.testing import strategies as cps
from helpers import whole

AREA_COLLECTIONS = {
    kind.value: name
    for name, cls in COLLECTIONS.items()
    for kind in AreaKind
    if kind.value == cls.KIND
}


def areas_of(document):
    return [
        f"{kind}:{model.id}"
        for kind, name in AREA_COLLECTIONS.items()
        for model in getattr(document, name)
    ]


def under(document, area):
    """What lies under ``area`` by containment references, by scanning until nothing is new."""
    kind, _, ident = area.partition(":")
    found = {(COLLECTION_OF_KIND[kind], ident)}
    while True:
        new = {
            (reference.collection, model.id)
            for reference in REFERENCES
            if reference.relation not in (None, Relation.POLICED_BY)
            for model in getattr(document, reference.collection)
            if (reference.target, getattr(model, reference.field)) in found
        } - found
        if not new:
            return [
                (name, model)
                for name in COLLECTIONS
                for model in getattr(document, name)
                if (name, model.id) in found
            ]
        found |= new


def ids(document, name):
    return [model.id for model in getattr(document, name)]


def is_subsequence(part, whole):
    position = iter(whole)
    return all(any(item == other for other in position) for item in part)


@settings(max_examples=25)
@given(st.data(), cps.jurisdictions())
def test_a_part_is_a_valid_ordered_subset_holding_everything_inside(data, document):
    area = data.draw(st.sampled_from(areas_of(document)))
    part = within_area(document, area)  # constructing it checked every reference
    for name in (*COLLECTIONS, "lifetimes", "boundaries"):
        assert is_subsequence(getattr(part, name), getattr(document, name))
    assert area in areas_of(part)
    # everything under the area by any containment field, found naively, is kept
    for name, model in under(document, area):
        assert model.id in ids(part, name), f"{name} {model.id} lies in {area}"
    # every resident of a household kept lives on in the part
    households = set(ids(part, "households"))
    residences = set(ids(part, "residences"))
    for residence in document.residences:
        assert (residence.household in households) <= (residence.id in residences)
    # cutting twice is cutting once
    assert within_area(part, area) == part


def test_the_samples_grid_keeps_its_residents_and_their_ties():
    town = sample.jurisdiction()
    part = within_area(town, "police_grid:pg-01")
    assert ids(part, "police_grids") == ["pg-01"]
    residents = {residence.person for residence in part.residences}
    assert residents <= set(ids(part, "persons"))
    for tie in town.family_ties:
        if {tie.person, tie.relative} & residents:
            assert tie in part.family_ties


def test_an_area_reference_object_names_the_same_part():
    town = sample.jurisdiction()
    assert within_area(town, AreaRef.parse("township:t-ximen")) == within_area(
        town, "township:t-ximen"
    )


@pytest.mark.parametrize("area", ["pg-01", "person:p-wang-jun", "", 7])
def test_a_name_that_is_no_area_is_refused(area):
    with pytest.raises(ValidationError, match="'<kind>:<id>'"):
        within_area(sample.jurisdiction(), area)


def test_an_unknown_area_is_not_found():
    with pytest.raises(NotFoundError) as raised:
        within_area(sample.jurisdiction(), "community:c-none")
    assert raised.value.kind == "community"


@settings(max_examples=20, deadline=None)
@given(st.data(), st.dates(date(2015, 1, 1), date(2027, 1, 1)))
def test_a_day_of_the_document_is_the_graphs_view_of_that_day(data, day):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    town = sample.jurisdiction()
    for post in data.draw(st.lists(st.sampled_from(town.posts), max_size=3, unique=True)):
        graph.retire_entity(
            f"post:{post.id}", data.draw(st.dates(date(2016, 1, 1), date(2026, 1, 1)))
        )
    for person in data.draw(st.lists(st.sampled_from(town.persons), max_size=3, unique=True)):
        graph.retire_entity(
            f"person:{person.id}", data.draw(st.dates(date(2016, 1, 1), date(2026, 1, 1)))
        )
    document = whole(graph)
    seen = graph.as_of(day)
    that_day = CommunityGraph.from_jurisdiction(on_day(document, day)).as_of(day)
    assert set(that_day.nodes) == set(seen.nodes)
    assert {key for _, _, key in that_day.edges(keys=True)} == {
        key for _, _, key in seen.edges(keys=True)
    }
