from datetime import date
from typing import ClassVar

import attrs
import pytest
from hypothesis import find, given, settings
from hypothesis import strategies as st

from community_policing import DEFAULT_POPULATION_CAPS as POPULATION_CAPS
from community_policing import (
    POLICE_GRID_ROLES,
    AreaSetting,
    CommunityGraph,
    Jurisdiction,
    Person,
    Role,
    ValidationError,
    dumps,
    is_valid_id_card_number,
    is_valid_phone_number,
    loads,
)
from community_policing.io.graphs import from_node_link, to_node_link
from community_policing.model import registry
from community_policing.model.registry import document
from community_policing.testing import strategies as cps
from community_policing.testing._hypothesis_plugin import _hypothesis_setup_hook
from community_policing.testing.strategies import DEFAULT_AS_OF
from helpers import officer_of


@given(cps.persons(with_personal_data=True))
def test_persons_carry_valid_personal_data(person):
    if person.id_card_number is not None:
        assert is_valid_id_card_number(person.id_card_number)
        if person.birth_date is not None:
            assert person.birth_date == person.birth_date_from_id_card()
    if person.phone is not None:
        assert is_valid_phone_number(person.phone)


@given(cps.persons(id="p-fixed", with_personal_data=False))
def test_fixed_values_are_honoured(person):
    assert person.id == "p-fixed"
    assert (person.id_card_number, person.phone, person.birth_date) == (None, None, None)


@given(cps.id_card_numbers(birth_dates=st.just(date(2000, 2, 29))))
def test_embedded_birth_date_is_honoured(number):
    assert number[6:14] == "20000229"


@given(cps.periods(open_ended=False, start=date(2020, 1, 1)))
def test_closed_periods(period):
    assert period.start == date(2020, 1, 1)
    assert period.end is not None
    assert period.end > period.start


@given(cps.communities(setting=AreaSetting.RURAL, population=st.integers(0, 10)))
def test_community_arguments(community):
    assert community.setting is AreaSetting.RURAL
    assert 0 <= community.population <= 10


@given(cps.posts(role=Role.GRID_WORKER))
def test_post_role(post):
    assert post.role is Role.GRID_WORKER


@given(
    cps.jurisdictions(
        stations=2,
        districts=3,
        police_grids=4,
        communities=5,
        management_grids=6,
        buildings=3,
        households=4,
        residents=7,
        organizations=2,
    )
)
def test_jurisdiction_sizes_are_honoured(doc):
    assert len(doc.police_stations) == 2
    assert len(doc.policing_districts) == 3
    assert len(doc.police_grids) == 4
    assert len(doc.communities) == 5
    assert len(doc.management_grids) == 6
    assert len(doc.buildings) == 3
    assert len(doc.households) == 4
    assert len(doc.residences) == 7
    assert len(doc.organizations) == 2
    assert loads(dumps(doc), Jurisdiction) == doc


@given(cps.jurisdictions(residents=st.integers(1, 3), households=0, buildings=0))
def test_drawn_counts_are_widened_to_give_children_a_parent(doc):
    assert doc.households
    assert doc.buildings


def test_minimal_jurisdiction_is_the_smallest_sensible_one():
    doc = find(cps.jurisdictions(), lambda _: True)
    assert len(doc.police_stations) == 1
    assert len(doc.police_grids) == 1
    assert len(doc.management_grids) == 1
    assert len(doc.persons) <= 2


def test_empty_jurisdiction_is_possible():
    doc = find(
        cps.jurisdictions(
            stations=0,
            districts=0,
            police_grids=0,
            communities=0,
            management_grids=0,
            buildings=0,
            households=0,
            residents=0,
            organizations=0,
        ),
        lambda _: True,
    )
    assert list(doc.entities()) == []


@pytest.mark.parametrize(
    ("factory", "kwargs", "error"),
    [
        (cps.jurisdictions, {"residents": -1}, ValidationError),
        (cps.jurisdictions, {"residents": "5"}, ValidationError),
        (cps.jurisdictions, {"residents": True}, ValidationError),
        (cps.jurisdictions, {"police_grids": 3, "districts": 0}, ValidationError),
        (cps.persons, {"id": 5}, ValidationError),
        (cps.persons, {"with_personal_data": "yes"}, ValidationError),
        (cps.periods, {"open_ended": "no"}, ValidationError),
        (cps.periods, {"start": "2020-01-01"}, ValidationError),
        (cps.identifiers, {"prefix": "has space"}, ValidationError),
        (cps.communities, {"setting": "urban"}, ValidationError),
        (cps.communities, {"population": -3}, ValidationError),
        (cps.id_card_numbers, {"birth_dates": "1990-01-01"}, ValidationError),
    ],
)
def test_bad_arguments_raise_when_the_strategy_is_created(factory, kwargs, error):
    with pytest.raises(error):
        factory(**kwargs)


def test_arguments_are_keyword_only():
    with pytest.raises(TypeError):
        cps.jurisdictions(3)  # type: ignore[misc]


# ---------------------------------------------------------------- rule-shaped jurisdictions


def norm_breaches(doc, day=DEFAULT_AS_OF):
    """An independent recount of the four norms, straight from the document."""
    posts = {post.id: post for post in doc.posts}
    officers = {grid.id: 0 for grid in doc.police_grids}
    workers = {grid.id: 0 for grid in doc.management_grids}
    for membership in doc.memberships:
        if membership.post is None or not membership.is_active(day):
            continue
        post = posts[membership.post]
        if post.area.kind.value == "police_grid" and post.role in POLICE_GRID_ROLES:
            officers[post.area.id] += 1
        if post.area.kind.value == "management_grid" and post.role is Role.GRID_WORKER:
            workers[post.area.id] += 1
    population = {grid.id: 0 for grid in doc.police_grids}
    settings_of = {grid.id: set() for grid in doc.police_grids}
    outside = []
    for community in doc.communities:
        if community.police_grid is None:
            if all(
                g.police_grid is None for g in doc.management_grids if g.community == community.id
            ):
                outside.append(community.id)
            continue
        population[community.police_grid] += community.population
        settings_of[community.police_grid].add(community.setting)
    over = [
        grid
        for grid, people in population.items()
        if settings_of[grid] and people > min(POPULATION_CAPS[s] for s in settings_of[grid])
    ]
    return {
        "one_grid_one_officer": sorted(g for g, count in officers.items() if count != 1),
        "grid_worker": sorted(g for g, count in workers.items() if count == 0),
        "population_cap": sorted(over),
        "fusion": sorted(outside),
    }


@given(cps.jurisdictions(conforming=True))
def test_conforming_jurisdictions_follow_every_norm(doc):
    assert norm_breaches(doc) == {
        "one_grid_one_officer": [],
        "grid_worker": [],
        "population_cap": [],
        "fusion": [],
    }


EXPECTED_PLACE = {
    "one_grid_one_officer": ["pg-0"],
    "grid_worker": ["mg-0"],
    "population_cap": ["pg-0"],
    "fusion": ["c-0"],
}


@pytest.mark.parametrize("rule", sorted(EXPECTED_PLACE))
@given(data=st.data())
def test_violating_breaks_exactly_the_named_rule_in_the_named_place(rule, data):
    doc = data.draw(cps.jurisdictions(violating=rule))
    breaches = norm_breaches(doc)
    assert breaches.pop(rule) == EXPECTED_PLACE[rule]
    assert all(found == [] for found in breaches.values()), breaches


def test_violating_names_a_known_rule():
    with pytest.raises(ValidationError, match="violating: must be one of"):
        cps.jurisdictions(violating="speeding")
    with pytest.raises(ValidationError):
        cps.jurisdictions(conforming="yes")
    with pytest.raises(ValidationError):
        cps.jurisdictions(conforming=True, as_of="2025-01-01")
    with pytest.raises(ValidationError, match="police_grids: 0 leaves nothing"):
        cps.jurisdictions(conforming=True, police_grids=0)


@given(st.from_type(Person), st.from_type(CommunityGraph))
def test_from_type_is_registered_by_the_entry_point(person, graph):
    assert isinstance(person, Person)
    assert graph.to_jurisdiction()


@given(cps.community_graphs(residents=st.integers(0, 5)))
def test_community_graphs_round_trip(graph):
    officer = officer_of(graph)
    assert from_node_link(to_node_link(graph, audience=officer)) == graph


@given(cps.audit_records())
def test_audit_records(record):
    assert record.at.tzinfo is not None


@settings(max_examples=3)
@given(data=st.data())
def test_registration_covers_every_document_model(data):
    _hypothesis_setup_hook()  # registering again is harmless
    for entry in registry.entries():
        if entry.cls.__module__.startswith("community_policing."):
            assert isinstance(data.draw(st.from_type(entry.cls)), entry.cls)


@given(cps.jurisdictions(residents=100, households=10))
def test_many_residents_follow_a_drawn_base(doc):
    assert len(doc.residences) == 100
    assert len({r.household for r in doc.residences}) == 10


def test_minimal_person_and_period_are_the_plain_ones():
    person = find(cps.persons(), lambda _: True)
    assert (person.name, person.id_card_number, person.phone, person.birth_date) == (
        "王伟",
        None,
        None,
        None,
    )
    period = find(cps.periods(), lambda _: True)
    assert period.end is None


def test_a_hosts_own_registered_model_is_left_to_hypothesis_inference():
    @document
    @attrs.frozen
    class Beat:
        KIND: ClassVar[str] = "test_host_beat"
        officers: int = attrs.field(validator=attrs.validators.ge(0))

    _hypothesis_setup_hook()
    drawn = find(st.from_type(Beat), lambda _: True)
    assert isinstance(drawn, Beat)
