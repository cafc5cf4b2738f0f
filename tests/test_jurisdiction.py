from datetime import date

import attrs
import pytest

from community_policing import (
    COLLECTIONS,
    AreaRef,
    DocumentError,
    Jurisdiction,
    Period,
    Residence,
    ValidationError,
    sample,
)
from community_policing.model.jurisdiction import REFERENCES


def replace(doc, collection, index, **changes):
    items = list(getattr(doc, collection))
    items[index] = attrs.evolve(items[index], **changes)
    return {collection: tuple(items)}


def rebuild(doc, **collections):
    fields = {name: getattr(doc, name) for name in (*COLLECTIONS, "lifetimes", "boundaries")}
    fields.update(collections)
    return Jurisdiction(id=doc.id, name=doc.name, **fields)


def problems_of(doc, **collections):
    with pytest.raises(DocumentError) as caught:
        rebuild(doc, **collections)
    return caught.value.problems


def test_sample_is_consistent_and_covers_every_collection():
    town = sample.jurisdiction()
    for name in COLLECTIONS:
        assert getattr(town, name), name
    assert rebuild(town) == town


@pytest.mark.parametrize("reference", REFERENCES, ids=lambda r: f"{r.collection}.{r.field}")
def test_every_dangling_reference_is_reported(reference):
    collection, field, target = reference.collection, reference.field, reference.target
    town = sample.jurisdiction()
    items = getattr(town, collection)
    index = next(i for i, item in enumerate(items) if getattr(item, field) is not None)
    changes = {field: "missing"}
    if collection == "standard_addresses":  # an address names exactly one parent
        changes = {"building": None, "management_grid": None, field: "missing"}
    problems = problems_of(town, **replace(town, collection, index, **changes))
    kind = COLLECTIONS[target].KIND
    expected = (f"$.{collection}[{index}].{field}", "reference", f"no {kind} with id 'missing'")
    assert expected in [(p.path, p.rule, p.reason) for p in problems]


def test_dangling_post_area():
    town = sample.jurisdiction()
    problems = problems_of(
        town, **replace(town, "posts", 2, area=AreaRef.parse("police_grid:pg-99"))
    )
    assert [(p.path, p.reason) for p in problems] == [
        ("$.posts[2].area", "no police_grid with id 'pg-99'")
    ]


@pytest.mark.parametrize("collection", list(COLLECTIONS))
def test_duplicate_ids_are_reported_in_every_collection(collection):
    town = sample.jurisdiction()
    items = getattr(town, collection)
    problems = problems_of(town, **{collection: (*items, items[0])})
    duplicates = [p for p in problems if p.rule == "duplicate_id"]
    assert [p.path for p in duplicates] == [f"$.{collection}[{len(items)}].id"]
    assert duplicates[0].reason.endswith(f"already used by $.{collection}[0]")


def test_ids_are_unique_within_a_kind_not_across_kinds():
    town = sample.jurisdiction()
    same_as_a_person = town.persons[0].id
    doc = rebuild(town, **replace(town, "organizations", -1, id=same_as_a_person))
    assert doc.organizations[-1].id == same_as_a_person


def test_a_unit_cannot_be_split_between_police_grids():
    town = sample.jurisdiction()
    index = next(i for i, g in enumerate(town.management_grids) if g.community == "v-shedong")
    problems = problems_of(town, **replace(town, "management_grids", index, police_grid="pg-02"))
    assert [(p.path, p.rule) for p in problems] == [
        (f"$.management_grids[{index}].police_grid", "whole_units")
    ]
    # naming the same police grid as the whole community is redundant but consistent
    rebuild(town, **replace(town, "management_grids", index, police_grid="pg-01"))


def test_building_compound_must_be_in_the_buildings_community():
    town = sample.jurisdiction()
    index = next(i for i, b in enumerate(town.buildings) if b.compound is None)
    problems = problems_of(
        town,
        **replace(town, "buildings", index, compound="rc-jiayuan", management_grid="mg-shedong"),
    )
    assert [(p.path, p.rule) for p in problems] == [
        (f"$.buildings[{index}].compound", "compound_in_community")
    ]


def test_nobody_lives_in_two_places_at_once():
    town = sample.jurisdiction()
    person = town.residences[0].person
    moved_in = Residence(
        id="r-extra", person=person, household="h-sd-12", period=Period(date(2024, 1, 1))
    )
    problems = problems_of(town, residences=(*town.residences, moved_in))
    assert [(p.path, p.rule) for p in problems] == [
        (f"$.residences[{len(town.residences)}].period", "one_residence")
    ]


def test_consecutive_residences_are_history_not_a_conflict():
    town = sample.jurisdiction()
    first = town.residences[0]
    ended = attrs.evolve(first, period=Period(first.period.start, date(2024, 1, 1)))
    later = Residence(
        id="r-next", person=first.person, household="h-sd-12", period=Period(date(2024, 1, 1))
    )
    earlier = Residence(
        id="r-prev",
        person=first.person,
        household="h-sd-12",
        period=Period(date(2000, 1, 1), first.period.start),
    )
    rebuild(town, residences=(ended, *town.residences[1:], later, earlier))


def test_overlap_with_a_long_earlier_residence_is_found_past_a_short_one():
    town = sample.jurisdiction()
    long_stay = Residence(
        id="r-a", person="p-lv-da", household="h-sd-12", period=Period(date(2001, 1, 1))
    )
    short = Residence(
        id="r-b",
        person="p-lv-da",
        household="h-jy-1-101",
        period=Period(date(2002, 1, 1), date(2003, 1, 1)),
    )
    others = tuple(r for r in town.residences if r.person != "p-lv-da")
    problems = problems_of(town, residences=(*others, long_stay, short))
    assert {p.rule for p in problems} == {"one_residence"}


def test_every_problem_is_reported_at_once():
    town = sample.jurisdiction()
    changes = {}
    changes.update(replace(town, "police_grids", 0, district="pd-missing"))
    changes.update(replace(town, "households", 0, address="a-missing"))
    changes["persons"] = (*town.persons, town.persons[3])
    problems = problems_of(town, **changes)
    assert [(p.path, p.rule) for p in problems] == [
        ("$.police_grids[0].district", "reference"),
        ("$.households[0].address", "reference"),
        (f"$.persons[{len(town.persons)}].id", "duplicate_id"),
    ]


def test_collections_hold_only_their_model():
    town = sample.jurisdiction()
    with pytest.raises(ValidationError) as caught:
        rebuild(town, persons=(*town.persons, town.households[0]))
    assert caught.value.field == f"persons[{len(town.persons)}]"
    with pytest.raises(ValidationError) as caught:
        rebuild(town, persons=list(town.persons))
    assert (caught.value.field, caught.value.rule) == ("persons", "type")


def test_repr_counts_and_never_shows_personal_data():
    town = sample.jurisdiction()
    text = repr(town)
    assert "persons=24" in text
    for person in town.persons:
        assert person.id_card_number is None or person.id_card_number not in text
    assert repr(Jurisdiction(id="j", name="空")) == "Jurisdiction(id='j', name='空')"


def test_entities_walks_every_collection_in_order():
    town = sample.jurisdiction()
    entities = list(town.entities())
    assert len(entities) == sum(len(getattr(town, name)) for name in COLLECTIONS)
    assert entities[0] is town.counties[0]
    assert entities[-1] is town.reporting_lines[-1]
