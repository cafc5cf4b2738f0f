import itertools
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    BUILT_IN_FORMULAS,
    MECHANISM_FORMULAS,
    CommunityGraph,
    Formula,
    Role,
    Slot,
    ValidationError,
    members,
    sample,
)


def formula(*spokes, core=None):
    return Formula(
        id="f",
        name="test",
        name_zh="测试",
        source="tests",
        core=core or Slot(accepts=(Role.COMMUNITY_OFFICER,)),
        spokes=spokes,
    )


@pytest.mark.parametrize(
    ("minimum", "maximum", "symbol"),
    [(1, 1, "1"), (2, 2, "2"), (0, None, "N"), (1, None, "N"), (2, None, "2+"), (2, 3, "2-3")],
)
def test_slot_symbols(minimum, maximum, symbol):
    assert Slot(accepts=("x",), minimum=minimum, maximum=maximum).symbol == symbol


@pytest.mark.parametrize(
    ("kwargs", "rule"),
    [
        ({"accepts": ()}, "not_empty"),
        ({"accepts": ("x",), "minimum": 3, "maximum": 2}, "maximum_at_least_minimum"),
        ({"accepts": ("x",), "minimum": 0, "maximum": 0}, "maximum_at_least_minimum"),
        ({"accepts": ("x",), "minimum": -1}, "non_negative"),
    ],
)
def test_impossible_slots(kwargs, rule):
    with pytest.raises(ValidationError) as caught:
        Slot(**kwargs)
    assert caught.value.rule == rule


def test_users_declare_their_own_formula_without_subclassing():
    one_two_n = formula(
        Slot(accepts=(Role.GRID_WORKER,), minimum=2, maximum=2, label="grid workers"),
        Slot(accepts=(Role.SAFETY_VOLUNTEER,), minimum=0, maximum=None),
    )
    assert str(one_two_n) == "1+2+N"
    assert one_two_n.check([Role.COMMUNITY_OFFICER, Role.GRID_WORKER, Role.GRID_WORKER]) == ()
    (gap,) = one_two_n.check([Role.COMMUNITY_OFFICER, Role.GRID_WORKER])
    assert (gap.slot, gap.needed, gap.found) == (1, 2, 1)
    assert gap.message == "grid workers: needs 2, has 1"


def test_formulas_serve_mechanisms_as_well_as_people():
    station = Formula(
        id="1+4",
        name="service station",
        name_zh="1+4服务",
        source="Tieshan (001)",
        core=Slot(accepts=("community_police_office",)),
        spokes=tuple(
            Slot(accepts=(spoke,))
            for spoke in ("flexible_hours", "proxy_service", "appointments", "doorstep_delivery")
        ),
    )
    assert str(station) == "1+4"
    assert station.written == "1+1+1+1+1"
    (gap,) = station.check(
        ["community_police_office", "flexible_hours", "proxy_service", "appointments"]
    )
    assert gap.message == "doorstep_delivery: needs 1, has 0"


def test_a_member_goes_where_they_are_needed():
    either = formula(
        Slot(accepts=(Role.AUXILIARY_OFFICER,), label="auxiliary"),
        core=Slot(accepts=(Role.COMMUNITY_OFFICER, Role.AUXILIARY_OFFICER), label="lead"),
    )
    # a greedy filler that gives the auxiliary to the core first would report a gap
    assert either.check([Role.AUXILIARY_OFFICER, Role.COMMUNITY_OFFICER]) == ()


def test_too_many_and_misfits_are_reported():
    team = BUILT_IN_FORMULAS["1+1+N"]
    gaps = team.check(
        [Role.AUXILIARY_OFFICER, Role.RESIDENT_AUXILIARY, Role.GRID_WORKER, Role.LAWYER]
    )
    assert {g.message for g in gaps} == {
        "lawyer: fits no slot of 1+1+N, has 1",
        "officer or auxiliary: takes at most 1, has 2",
    }
    assert {g.slot for g in gaps} == {-1, 0}


def test_every_built_in_formula_says_where_it_comes_from():
    assert set(BUILT_IN_FORMULAS) == {
        "1+1+N",
        "民警+网格员+志愿者",
        "民警+村警",
        "一区一警两辅",
        "民警+社区调解员+社会工作志愿者",
    }
    assert set(MECHANISM_FORMULAS) == {"1+3", "1+4", "1+5"}
    for key, built_in in {**BUILT_IN_FORMULAS, **MECHANISM_FORMULAS}.items():
        assert built_in.id == key
        assert built_in.name_zh
        assert "source 00" in built_in.source
        for slot in built_in.slots:
            assert slot.label
            assert slot.label_zh
    assert str(BUILT_IN_FORMULAS["一区一警两辅"]) == "1+2"
    assert str(MECHANISM_FORMULAS["1+4"]) == "1+4"  # as the field writes it
    assert MECHANISM_FORMULAS["1+4"].written == "1+1+1+1+1"  # four distinct services, one each
    for formula in (*BUILT_IN_FORMULAS.values(), *MECHANISM_FORMULAS.values()):
        assert str(formula) == formula.id or not formula.id[0].isdigit(), formula.id


def test_the_sample_1_1_n_team_meets_its_formula():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    roles = [m.role for m in members(graph, "team:t-shedong-1n", as_of=date(2025, 1, 1))]
    assert BUILT_IN_FORMULAS["1+1+N"].check(roles) == ()
    assert BUILT_IN_FORMULAS["1+1+N"].check(roles[:1]) != ()


KINDS = ["a", "b", "c"]
SLOTS = st.builds(
    lambda accepts, minimum, extra: Slot(
        accepts=accepts,
        minimum=minimum,
        maximum=None if extra is None else max(minimum, 1) + extra,
    ),
    st.sets(st.sampled_from(KINDS), min_size=1),
    st.integers(0, 2),
    st.one_of(st.none(), st.integers(0, 1)),
)


def brute_force_fits(slots, members):
    """Whether some assignment of every member to an accepting slot meets every bound."""
    options = [[i for i, slot in enumerate(slots) if m in slot.accepts] for m in members]
    if any(not choice for choice in options):
        return False
    for assignment in itertools.product(*options):
        counts = [assignment.count(i) for i in range(len(slots))]
        if all(
            slot.minimum <= count and (slot.maximum is None or count <= slot.maximum)
            for slot, count in zip(slots, counts, strict=True)
        ):
            return True
    return False


@given(st.lists(SLOTS, min_size=1, max_size=3), st.lists(st.sampled_from(KINDS), max_size=5))
def test_check_agrees_with_brute_force(slots, members):
    candidate = Formula(
        id="f", name="f", name_zh="f", source="tests", core=slots[0], spokes=tuple(slots[1:])
    )
    assert (candidate.check(members) == ()) == brute_force_fits(slots, members)
