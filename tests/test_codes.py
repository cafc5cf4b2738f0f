"""Official codes: published examples, structure, and a child's code extending its parent's."""

import json
from datetime import date

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from community_policing import (
    CommunityGraph,
    County,
    DocumentError,
    Jurisdiction,
    ManagementGrid,
    Organization,
    OrganizationKind,
    PoliceStation,
    SubBureau,
    Township,
    TownshipKind,
    ValidationError,
    containing,
    dumps,
    loads,
    sample,
)
from community_policing.model import codes
from community_policing.testing import strategies as cps


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("91350100M000100Y43", None),  # GB 32100's own worked example
        ("91350100M000100Y44", "the check character does not match (GB 32100)"),
        ("91350100M000100Y4Z", "digits and capitals but I, O, S, V and Z"),
        ("91350100M000100Y4", "18 characters"),
        (91350100, "18 characters"),
    ],
)
def test_credit_codes(code, problem):
    assert codes.credit_code_problem(code) == problem


@pytest.mark.parametrize(
    ("code", "length", "problem"),
    [
        ("320508019044", 12, None),  # 姑苏区 金阊街道 养育巷社区, published as an example
        ("220581102001", 12, None),  # a community of a town (镇 1xx)
        ("654203500500", 12, None),  # a unit run by a farm (5xx)
        ("320508019", 9, None),
        ("320508619044", 12, "the township part 619 names no street, town or township"),
        ("320508019000", 12, "the village part 000 names no community or village"),
        (
            "990508019044",
            12,
            "the county part: the province part is not a province-level division of GB/T 2260",
        ),
        ("32050801904", 12, "12 digits"),
        ("３２０５０８０１９０４４", 12, "12 digits"),  # full-width digits are not the code's
    ],
)
def test_statistical_codes(code, length, problem):
    assert codes.statistical_code_problem(code, length=length) == problem


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (lambda: County(id="c", name="县", code="37081"), "code"),
        (
            lambda: Township(
                id="t", name="镇", county="c", kind=TownshipKind.STREET, code="370811101"
            ),
            "code",
        ),
        (lambda: SubBureau(id="sb", name="分局", code="99081100000X"), "code"),
        (lambda: PoliceStation(id="ps", name="所", sub_bureau="sb", code="3708"), "code"),
        (lambda: ManagementGrid(id="mg", name="网格", community="c", code="370811"), "code"),
        (
            lambda: Organization(
                id="o",
                name="公司",
                kind=OrganizationKind.SECURITY_COMPANY,
                credit_code="91350100M000100Y44",
            ),
            "credit_code",
        ),
    ],
)
def test_a_bad_code_is_refused_by_its_model(model, field):
    with pytest.raises(ValidationError) as caught:
        model()
    assert (caught.value.field, caught.value.rule) == (field, "code")


def test_an_urban_rural_code_is_one_of_the_published_seven():
    town = sample.jurisdiction()
    with pytest.raises(ValidationError) as caught:
        attrs.evolve(town.communities[0], urban_rural="113")
    assert caught.value.field == "urban_rural"
    assert set(codes.URBAN_RURAL_CODES) == {"111", "112", "121", "122", "123", "210", "220"}


def test_the_sample_carries_codes_at_every_level():
    town = sample.jurisdiction()
    assert town.counties[0].code == "370899"
    assert all(t.code.startswith("370899") for t in town.townships)
    assert all(c.code and c.urban_rural for c in town.communities)
    assert all(g.code for g in town.management_grids)
    assert town.sub_bureaus[0].code
    assert town.police_stations[0].code
    graph = CommunityGraph.from_jurisdiction(town)
    assert containing(graph, "community:c-ximen", as_of=date(2025, 1, 1))[1:3] == (
        "township:t-ximen",
        "county:cty-sample",
    )


@given(cps.jurisdictions(), st.data())
def test_generated_codes_are_consistent_and_every_perturbation_is_located(doc, data):
    coded = [
        (f"$.{name}[{index}].code", name, index)
        for name in ("townships", "communities", "management_grids", "police_stations")
        for index, model in enumerate(getattr(doc, name))
        if model.code is not None
    ]
    assume(coded)
    path, name, index = data.draw(st.sampled_from(coded))
    body = json.loads(dumps(doc))
    code = body[name][index]["code"]
    # move the code's county part to another province: still a well-formed code
    moved = "11" if code[6 if name == "management_grids" else 0 :][:2] != "11" else "12"
    start = 6 if name == "management_grids" else 0
    body[name][index]["code"] = code[:start] + moved + code[start + 2 :]
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(body), Jurisdiction)
    assert (path, "code_extends") in [(p.path, p.rule) for p in caught.value.problems]


def test_a_mismatch_names_the_parent_and_not_the_codes():
    town = sample.jurisdiction()
    moved = attrs.evolve(town.communities[3], code="370899101299")  # in the town, not the street
    with pytest.raises(DocumentError) as caught:
        attrs.evolve(town, communities=(*town.communities[:-1], moved))
    first, *grids = caught.value.problems
    assert first.path == "$.communities[3].code"
    assert first.reason == "does not extend the code of its township 't-ximen'"
    assert [p.path for p in grids] == [f"$.management_grids[{i}].code" for i in range(3, 7)]


def test_grid_layouts_are_pluggable_by_length():
    layout = codes.GridCodeLayout("local 15", prefix=0, sequence=3)
    codes.register_grid_layout(layout)
    try:
        grid = ManagementGrid(id="mg", name="网格", community="c", code="370899001001007")
        assert codes.layout_of(grid.code) is layout
        assert len(codes.grid_layouts()) == 2
    finally:
        codes._LAYOUTS.pop(layout.length)
    with pytest.raises(ValidationError):
        ManagementGrid(id="mg", name="网格", community="c", code="370899001001007")


def test_a_table_of_divisions_checks_existence_and_never_repeats_a_number():
    table = codes.TableOfDivisions(["370899", "370811"])
    town = sample.jurisdiction()
    entries = [
        (f"$.persons[{i}].id_card_number", p.id_card_number) for i, p in enumerate(town.persons)
    ]
    found = codes.unknown_divisions(entries, table)
    assert found
    for problem in found:
        assert problem.rule == "unknown_division"
        assert not any(ch.isdigit() for ch in problem.reason)
    assert codes.unknown_divisions([("$.c", town.counties[0].code)], table) == []


def test_the_graph_refuses_a_change_that_breaks_a_code_and_changes_nothing():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    grid = graph.entity("management_grid:mg-ximen-2")
    with pytest.raises(ValidationError) as caught:
        graph.replace_entity(attrs.evolve(grid, community="v-shedong", police_grid=None))
    assert caught.value.rule == "code_extends"
    community = graph.entity("community:c-ximen")
    with pytest.raises(ValidationError) as caught:
        graph.replace_entity(attrs.evolve(community, code="370899001002"))
    assert (caught.value.rule, caught.value.reason) == (
        "code_extends",
        "does not extend the code of its community 'c-ximen'",
    )
    assert graph.entity("community:c-ximen") == community
    graph.replace_entity(attrs.evolve(grid, code=None, community="v-shedong", police_grid=None))


def test_a_whole_jurisdiction_is_checked_against_a_table_without_repeating_numbers():
    town = sample.jurisdiction()
    regions = {p.id_card_number[:6] for p in town.persons if p.id_card_number}
    everything = codes.TableOfDivisions({"370899", *regions})
    assert codes.unknown_codes(town, everything) == []
    only_ids = codes.TableOfDivisions(regions)
    found = codes.unknown_codes(town, only_ids)
    assert {p.path.split("[")[0] for p in found} == {
        "$.counties",
        "$.townships",
        "$.communities",
        "$.management_grids",
        "$.sub_bureaus",
        "$.police_stations",
    }
    people = codes.unknown_codes(town, codes.TableOfDivisions(["370899"]))
    for problem in people:
        assert problem.path.startswith("$.persons[")
        assert not any(ch.isdigit() for ch in problem.reason)
