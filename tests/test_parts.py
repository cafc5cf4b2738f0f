"""A jurisdiction in parts: joined in memory, saved part by part, and the synthetic province."""

import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community_policing import (
    AreaBoundary,
    AreaRef,
    Boundary,
    CommunityGraph,
    DocumentError,
    Lifetime,
    Period,
    Residence,
    ValidationError,
    joined,
    sample,
    within_area,
)
from community_policing.model.jurisdiction import COLLECTIONS
from community_policing.policies import check
from community_policing.sample import province, province_parts
from community_policing.shards import SPLIT_KINDS, check_shards, merged_report, split
from community_policing.store import Store
from community_policing.testing import strategies as cps
from store_engines import ENGINES, store_url

TOWN = sample.jurisdiction()
PARTS = [within_area(TOWN, "township:t-ximen"), within_area(TOWN, "township:t-sample")]
SMALL = list(province_parts(stations=3, residents_per_station=150, seed=4))
DAY = date(2025, 1, 1)


def keys(document):
    return {
        (name, model.id)
        for name in ("persons", "residences", "posts")
        for model in getattr(document, name)
    }


# ------------------------------------------------------------------------------------ joined


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cps.jurisdictions(), st.sampled_from(SPLIT_KINDS))
def test_joining_the_shards_gives_back_every_entity_and_record(document, by):
    whole = joined(shard.part for shard in split(document, by=by))
    assert keys(whole) == keys(document)
    for name in ("memberships", "family_ties", "lifetimes", "boundaries"):
        assert set(getattr(whole, name)) <= set(getattr(document, name))


def test_joining_keeps_the_first_place_and_judges_the_whole():
    whole = joined(PARTS)
    assert whole.counties == TOWN.counties
    assert joined([TOWN]) == TOWN
    assert joined([TOWN, TOWN]) == TOWN
    with pytest.raises(DocumentError) as caught:  # one number, two persons, two parts
        joined(_card_twice(SMALL[:2]))
    assert [problem.rule for problem in caught.value.problems] == ["unique_id_card"]


def test_one_id_for_two_things_is_refused_naming_the_parts():
    county = PARTS[1].counties[0]
    assert county in PARTS[0].counties
    changed = attrs.evolve(PARTS[1], counties=(attrs.evolve(county, name="别县"),))
    with pytest.raises(ValidationError) as caught:
        joined([PARTS[0], changed])
    assert caught.value.rule == "same_in_every_part"
    assert "part 1 differs from part 0" in str(caught.value)
    assert "别县" not in str(caught.value)


@pytest.mark.parametrize(
    ("parts", "rule"),
    [
        ([], "required"),
        ([TOWN, attrs.evolve(TOWN, id="other")], "same_document"),
        ([TOWN, "not a part"], "type"),
    ],
)
def test_parts_that_cannot_be_joined_are_refused(parts, rule):
    with pytest.raises(ValidationError) as caught:
        joined(parts)
    assert caught.value.rule == rule


def _with_lifetime(part, period):
    return attrs.evolve(
        part, lifetimes=(Lifetime(kind="county", entity=part.counties[0].id, period=period),)
    )


def test_a_lifetime_told_two_ways_is_refused():
    one = _with_lifetime(PARTS[0], Period(date(2020, 1, 1)))
    two = _with_lifetime(PARTS[1], Period(date(2021, 1, 1)))
    with pytest.raises(ValidationError, match="lifetimes"):
        joined([one, two])
    assert joined([one, _with_lifetime(PARTS[1], Period(date(2020, 1, 1)))]).lifetimes == (
        one.lifetimes
    )


# ------------------------------------------------------------------------- saving in parts


def _saved(url, parts, progress=None):
    with Store.create(url) as store:
        return store.save_parts(parts, author="p-wang-jun", reason="建库", progress=progress)


@pytest.mark.parametrize("engine", ENGINES)
def test_saving_in_parts_stores_what_joining_them_makes(engine, tmp_path):
    for parts in (PARTS, SMALL, [shard.part for shard in split(TOWN, by="policing_district")]):
        with store_url(engine, tmp_path) as url:
            seen = []
            assert _saved(url, iter(parts), seen.append) == 1
            with Store.open(url) as store:
                assert store.load() == joined(parts)
                assert store.log()[0].edits == sum(
                    len(getattr(joined(parts), name)) for name in COLLECTIONS
                )
            assert [report.done for report in seen] == list(range(1, len(parts) + 1))
            assert {report.stage for report in seen} == {"save"}


def _overlapping_residence(parts):
    """Part 1 gives a person of part 0 a second home over the same years."""
    person = parts[0].residences[0].person
    twice = Residence(
        id="r-twice", person=person, household=parts[1].households[0].id, period=Period(DAY)
    )
    assert any(p.id == person for p in parts[1].persons)  # a resident of 0 serving in 1
    return [parts[0], attrs.evolve(parts[1], residences=(*parts[1].residences, twice))]


def _card_twice(parts):
    elsewhere = {p.id for p in parts[1].persons}
    first = next(p for p in parts[0].persons if p.id not in elsewhere)
    other = attrs.evolve(
        parts[1].persons[0], id_card_number=first.id_card_number, birth_date=first.birth_date
    )
    return [parts[0], attrs.evolve(parts[1], persons=(other, *parts[1].persons[1:]))]


def _drawn_twice(parts):
    area = AreaRef.parse(f"county:{parts[0].counties[0].id}")
    square = Boundary([[[(117.0, 35.0), (117.1, 35.0), (117.1, 35.1), (117.0, 35.0)]]])
    drawings = [
        AreaBoundary(area=area, boundary=square, period=Period(date(2020 + n, 1, 1)))
        for n in range(2)
    ]
    return [
        attrs.evolve(part, boundaries=(drawing,))
        for part, drawing in zip(parts, drawings, strict=True)
    ]


def _renamed(parts):
    person = parts[1].persons[0]
    return [parts[0], attrs.evolve(parts[1], persons=(attrs.evolve(person, name="别人"),))]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(
    ("broken", "rule"),
    [
        (_overlapping_residence, "one_residence"),
        (_card_twice, "unique_id_card"),
        (_drawn_twice, "one_boundary"),
        (lambda parts: [parts[0], attrs.evolve(parts[1], id="other")], "same_document"),
        (lambda _: [], "required"),
        (lambda parts: [parts[0], "a part"], "type"),
    ],
)
def test_parts_breaking_a_rule_together_leave_the_store_empty(engine, broken, rule, tmp_path):
    with store_url(engine, tmp_path) as url:
        parts = broken(SMALL[:2])
        with pytest.raises(ValidationError) as caught:
            _saved(url, parts)
        assert caught.value.rule == rule
        assert re.search(r"\d{7}", str(caught.value)) is None  # no number is repeated
        with Store.open(url) as store:
            assert store.revision == 0
            assert store.save_parts(SMALL[:2], author="p-wang-jun", reason="再来") == 1


def test_a_stored_row_told_another_way_is_refused(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.db'}"
    shared = next(p for p in SMALL[1].persons if p.id.startswith("p-0-"))
    renamed = attrs.evolve(shared, name="别人")
    part = attrs.evolve(
        SMALL[1], persons=tuple(renamed if p.id == shared.id else p for p in SMALL[1].persons)
    )
    with pytest.raises(ValidationError) as caught:
        _saved(url, [SMALL[0], part])
    assert caught.value.rule == "same_in_every_part"
    assert "别人" not in str(caught.value)


# ------------------------------------------------------------------------ the province


def test_the_province_is_made_again_the_same_from_its_seed():
    again = list(province_parts(stations=3, residents_per_station=150, seed=4))
    assert again == SMALL
    other = next(province_parts(stations=1, residents_per_station=150, seed=5))
    assert other.persons[0].id_card_number != SMALL[0].persons[0].id_card_number


def test_a_province_crosses_stations_only_where_meant_and_numbers_are_unique():
    whole = province(stations=3, residents_per_station=150, seed=4)
    numbers = Counter(p.id_card_number for p in whole.persons if p.id_card_number)
    assert max(numbers.values()) == 1
    seen = Counter(p.id for part in SMALL for p in part.persons)
    crossing = {ident for ident, count in seen.items() if count > 1}
    assert crossing
    assert all(ident.startswith(("p-0-", "p-1-")) for ident in crossing)
    assert len(whole.police_stations) == 3
    assert len(whole.counties) == 1


@pytest.mark.parametrize(
    ("arguments", "field"),
    [({"stations": 0}, "stations"), ({"residents_per_station": 99}, "residents_per_station")],
)
def test_a_province_too_small_is_refused(arguments, field):
    with pytest.raises(ValidationError) as caught:
        next(province_parts(**arguments))
    assert caught.value.field == field


@pytest.mark.parametrize("by", SPLIT_KINDS)
def test_the_province_in_shards_reports_what_one_process_does(by):
    whole = joined(SMALL)
    expected = check(CommunityGraph.from_jurisdiction(whole), as_of=DAY)
    shards = split(whole, by=by)
    with ThreadPoolExecutor(2) as pool:
        done = check_shards(shards, as_of=DAY, executor=pool)
    assert merged_report(done, as_of=DAY) == expected
    assert expected.violations
    residual = [shard for shard in shards if shard.name == "residual"]
    if by == "police_station":  # above the stations: the county, its street names, no people
        assert not any(p.id.startswith("p-") for p in residual[0].part.persons)
