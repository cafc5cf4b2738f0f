from datetime import date

import pytest

from community_policing import (
    DEFAULT_LADDER,
    Agreement,
    AreaKind,
    AreaRef,
    Dispute,
    DisputeCategory,
    Formula,
    MediationLadder,
    MediationTier,
    Mediator,
    ReportChannel,
    Role,
    Slot,
    ValidationError,
)

PLACE = AreaRef.parse("management_grid:mg-shedong")


def dispute(**changes):
    fields = {
        "id": "d-1",
        "category": DisputeCategory.LAND,
        "parties": ("p-lv-da", "p-lv-er"),
        "place": PLACE,
        "reported_on": date(2023, 5, 6),
        "channel": ReportChannel.SCREENING,
        "description": "吕大与吕二因宅基地边界争执",
    }
    fields.update(changes)
    return Dispute(**fields)


def test_a_dispute_keeps_its_description_out_of_sight():
    case = dispute()
    assert "吕大" not in repr(case)
    assert "吕大" not in str(case)
    assert case.description == "吕大与吕二因宅基地边界争执"
    assert dispute(parties=["p-a"]).parties == ("p-a",)


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"parties": ()}, "parties", "not_empty"),
        ({"parties": ("p-a", "p-a")}, "parties", "unique"),
        ({"parties": ("p a",)}, "parties", "identifier"),
        ({"category": "land"}, "category", "type"),
        ({"place": "management_grid:mg-shedong"}, "place", "type"),
        ({"reported_on": "2023-05-06"}, "reported_on", "type"),
        ({"description": "  "}, "description", "not_blank"),
        ({"litigation_bound": 1}, "litigation_bound", "type"),
    ],
)
def test_bad_disputes_are_refused_without_showing_the_description(changes, field, rule):
    with pytest.raises(ValidationError) as caught:
        dispute(**changes)
    assert caught.value.field == field
    assert caught.value.rule == rule
    assert "吕大" not in str(caught.value)


def test_an_agreement_needs_terms_and_signatures():
    deal = Agreement(
        terms=["退还小麦", "耕种三年后归还2.8亩土地"],
        signed_by=["p-a", "p-b"],
        signed_on=date(2023, 6, 20),
        witnesses=["p-guo"],
    )
    assert deal.terms == ("退还小麦", "耕种三年后归还2.8亩土地")
    with pytest.raises(ValidationError) as caught:
        Agreement(terms=(), signed_by=("p-a",), signed_on=date(2023, 6, 20))
    assert caught.value.rule == "not_empty"
    with pytest.raises(ValidationError) as caught:
        Agreement(terms=("  ",), signed_by=("p-a",), signed_on=date(2023, 6, 20))
    assert caught.value.rule == "not_blank"
    with pytest.raises(ValidationError) as caught:
        Agreement(terms=("退还小麦",), signed_by=(), signed_on=date(2023, 6, 20))
    assert caught.value.field == "signed_by"


def test_the_default_ladder_is_yunchengs():
    assert [tier.level for tier in DEFAULT_LADDER.tiers] == [3, 2, 1]
    assert [tier.area_kind for tier in DEFAULT_LADDER.tiers] == [
        AreaKind.MANAGEMENT_GRID,
        AreaKind.COMMUNITY,
        AreaKind.POLICE_STATION,
    ]
    grid, village, station = DEFAULT_LADDER.tiers
    # the two brothers: tier 3 with a grid worker and the resident auxiliary ...
    assert grid.mediators.check([Role.GRID_WORKER, Role.RESIDENT_AUXILIARY]) == ()
    # ... tier 2 with the auxiliary, a Fengqiao mediator and the party branch's deputy
    assert (
        village.mediators.check(
            [Role.RESIDENT_AUXILIARY, Role.FENGQIAO_MEDIATOR, Role.VILLAGE_PARTY_SECRETARY]
        )
        == ()
    )
    # the station brings village cadres, grid workers and lawyers to the officer
    roles = [Role.COMMUNITY_OFFICER, Role.VILLAGE_CADRE, Role.GRID_WORKER, Role.LAWYER]
    assert station.mediators.check(roles) == ()
    assert station.mediators.check([Role.LAWYER]) != ()
    assert not grid.accepts(Role.LAWYER)
    assert DEFAULT_LADDER.above(3) is village
    assert DEFAULT_LADDER.above(2) is station
    assert DEFAULT_LADDER.above(1) is None


def test_ladders_refuse_unknown_and_repeated_tiers():
    with pytest.raises(ValidationError) as caught:
        DEFAULT_LADDER.tier(4)
    assert caught.value.rule == "unknown_tier"
    assert "3, 2, 1" in str(caught.value)
    tier = DEFAULT_LADDER.tiers[0]
    with pytest.raises(ValidationError) as caught:
        MediationLadder(id="x", name="x", source="x", tiers=[tier, tier])
    assert caught.value.rule == "unique"
    with pytest.raises(ValidationError) as caught:
        MediationLadder(id="x", name="x", source="x", tiers=())
    assert caught.value.rule == "not_empty"


def test_users_declare_their_own_ladders():
    panel = Formula(
        id="family-panel",
        name="officer and women's federation mediator",
        name_zh="民警+妇联调解员",
        source="a user's practice",
        core=Slot(accepts=(Role.COMMUNITY_OFFICER,)),
        spokes=(Slot(accepts=(Role.COMMUNITY_MEDIATOR,), minimum=1, maximum=None),),
    )
    only = MediationTier(
        level=1,
        name="community",
        name_zh="社区",
        area_kind=AreaKind.COMMUNITY,
        mediators=panel,
        time_limit_days=7,
    )
    ladder = MediationLadder(id="family", name="family disputes", source="a user", tiers=[only])
    assert ladder.tiers == (only,)
    assert ladder.tier(1).time_limit_days == 7
    assert Mediator("p-1", Role.COMMUNITY_MEDIATOR).role is Role.COMMUNITY_MEDIATOR
    with pytest.raises(ValidationError):
        Mediator("p-1", "community_mediator")
