import json
from datetime import date, timedelta

import pytest

from community_policing import (
    AreaKind,
    AreaRef,
    CaseStatus,
    CommunityGraph,
    DisputeCategory,
    DocumentError,
    Formula,
    OrganizationKind,
    ReportChannel,
    Role,
    Slot,
    ValidationError,
    dumps,
    loads,
    sample,
)
from community_policing.mediation import (
    DEFAULT_LADDER,
    Agreement,
    CaseEscalated,
    CaseWithdrawn,
    Dispute,
    MediationCase,
    MediationLadder,
    MediationTier,
    Mediator,
    Referral,
    first_tier,
    next_tier,
    party_relatives,
    propose_panel,
)
from helpers import OFFICER

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
    )
    ladder = MediationLadder(id="family", name="family disputes", source="a user", tiers=[only])
    assert ladder.tiers == (only,)
    assert ladder.tier(1).name_zh == "社区"
    assert Mediator("p-1", Role.COMMUNITY_MEDIATOR).role is Role.COMMUNITY_MEDIATOR
    with pytest.raises(ValidationError):
        Mediator("p-1", "community_mediator")


# --- cases -----------------------------------------------------------------------------------

DAY = date(2023, 5, 6)
GRID_TEAM = [Mediator("p-gw", Role.GRID_WORKER), Mediator("p-aux", Role.RESIDENT_AUXILIARY)]
VILLAGE_TEAM = [
    Mediator("p-aux", Role.RESIDENT_AUXILIARY),
    Mediator("p-fq", Role.FENGQIAO_MEDIATOR),
    Mediator("p-sec", Role.VILLAGE_PARTY_SECRETARY),
]
STATION_TEAM = [Mediator("p-officer", Role.COMMUNITY_OFFICER), Mediator("p-law", Role.LAWYER)]


def refused(command, rule):
    with pytest.raises(ValidationError) as caught:
        command()
    assert caught.value.rule == rule, caught.value
    assert caught.value.entity == "mediation_case"
    return caught.value


def test_the_brothers_land_boundary():
    case = MediationCase.open(dispute())
    assert (case.status, case.tier) == (CaseStatus.OPEN, 3)
    case = case.attempt(DAY, GRID_TEAM, note="网格调解未果")
    case = case.escalate(DAY, "双方各执一词")
    assert case.tier == 2
    case = case.attempt(date(2023, 5, 7), VILLAGE_TEAM).resolve(date(2023, 5, 7))
    assert (case.status, case.resolved_at, case.closed_on) == (
        CaseStatus.RESOLVED,
        2,
        date(2023, 5, 7),
    )
    assert case.escalations == 1
    assert len(case.attempts) == 2
    assert MediationCase(case.events) == case
    assert "网格调解未果" not in repr(case)


def test_the_harvest_agreement_at_the_station():
    harvest = dispute(id="d-harvest", category=DisputeCategory.HARVEST, parties=("p-a", "p-b"))
    case = MediationCase.open(harvest).enter_at(DAY, 1, "抢收小麦，双方冲突激烈")
    deal = Agreement(
        terms=("退还小麦", "耕种三年后归还2.8亩土地"),
        signed_by=("p-a", "p-b"),
        signed_on=date(2023, 6, 20),
        witnesses=("p-officer",),
    )
    case = case.attempt(DAY, STATION_TEAM).resolve(date(2023, 6, 20), deal)
    assert case.agreement == deal
    assert case.resolved_at == 1


def test_a_panel_with_the_environment_bureau():
    smell = dispute(id="d-env", category=DisputeCategory.ENVIRONMENT, parties=("p-a", "p-b"))
    lead = Mediator("p-officer", Role.COMMUNITY_OFFICER)
    case = MediationCase.open(smell).convene_panel(
        DAY, lead, agencies=["o-env"], members=[Mediator("p-env", Role.COMMUNITY_MEDIATOR)]
    )
    case = case.resolve(date(2023, 5, 9))
    assert case.panels[0].agencies == ("o-env",)
    assert case.status is CaseStatus.RESOLVED


def test_rules_are_enforced_and_refusals_change_nothing():
    case = MediationCase.open(dispute())
    before = case
    record = dumps(case)
    refused(lambda: case.escalate(DAY, "x"), "no_failed_attempt")
    refused(lambda: case.resolve(DAY), "no_attempt")
    refused(lambda: case.attempt(DAY, [Mediator("p-law", Role.LAWYER)]), "eligible")
    refused(lambda: case.attempt(DAY, [Mediator("p-lv-da", Role.GRID_WORKER)]), "party")
    refused(lambda: case.attempt(date(2023, 5, 5), GRID_TEAM), "chronology")
    family = MediationCase.open(dispute(), relatives={"p-lv-da": ["p-gw"]})
    refused(lambda: family.attempt(DAY, GRID_TEAM), "family")
    officer = Mediator("p-officer", Role.COMMUNITY_OFFICER)
    refused(lambda: family.convene_panel(DAY, officer, members=GRID_TEAM), "family")
    assert (
        MediationCase.open(dispute(), relatives={"p-lv-da": ["p-other"]})
        .attempt(DAY, GRID_TEAM)
        .attempts
    )
    lead = Mediator("p-gw", Role.GRID_WORKER)
    refused(lambda: case.convene_panel(DAY, lead), "lead_role")
    refused(lambda: case.enter_at(DAY, 7, "x"), "unknown_tier")
    tried = case.attempt(DAY, GRID_TEAM)
    refused(lambda: tried.enter_at(DAY, 1, "x"), "entry_after_attempt")
    bad_deal = Agreement(terms=("x",), signed_by=("p-stranger",), signed_on=DAY)
    refused(lambda: tried.resolve(DAY, bad_deal), "signatory")
    parties = dispute().parties
    one_hand = Agreement(terms=("x",), signed_by=parties[:1], signed_on=DAY)
    refused(lambda: tried.resolve(DAY, one_hand), "all_parties_sign")
    early = Agreement(terms=("x",), signed_by=parties, signed_on=DAY - timedelta(days=1))
    refused(lambda: tried.resolve(DAY, early), "signed_in_case")
    late = Agreement(terms=("x",), signed_by=parties, signed_on=DAY + timedelta(days=1))
    refused(lambda: tried.resolve(DAY, late), "signed_in_case")
    assert tried.resolve(DAY, Agreement(terms=("x",), signed_by=parties, signed_on=DAY)).closed
    top = tried.escalate(DAY, "x").attempt(DAY, VILLAGE_TEAM).escalate(DAY, "y")
    top = top.attempt(DAY, STATION_TEAM)
    refused(lambda: top.escalate(DAY, "z"), "top_tier")
    closed = top.refer(DAY, "o-court", "诉讼")
    assert closed.status is CaseStatus.REFERRED
    refused(lambda: closed.attempt(DAY, STATION_TEAM), "closed")
    assert closed.follow_up(date(2023, 6, 1), "p-officer").follow_ups
    assert case == before
    assert dumps(case) == record
    refused(lambda: case.apply("an event"), "event_kind")
    refused(lambda: case.apply(case.events[0]), "event_kind")


def test_a_short_station_panel_is_a_formula_gap():
    case = MediationCase.open(dispute()).enter_at(DAY, 1, "重大纠纷")
    error = refused(lambda: case.attempt(DAY, [Mediator("p-law", Role.LAWYER)]), "formula")
    assert "officer" in error.reason


def test_replay_needs_the_report_first():
    with pytest.raises(ValidationError) as caught:
        MediationCase([CaseWithdrawn(on=DAY, reason="x")])
    assert caught.value.rule == "first_event"
    assert caught.value.field == "events[0]"
    log = (*MediationCase.open(dispute()).events, CaseEscalated(on=DAY, reason="x"))
    with pytest.raises(ValidationError) as caught:
        MediationCase(log)
    assert (caught.value.field, caught.value.rule) == ("events[1].tier", "no_failed_attempt")
    with pytest.raises(ValidationError):
        MediationCase([])


def test_party_relatives_come_from_the_graph():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    brothers = dispute(parties=("p-lv-da", "p-nobody"))
    found = party_relatives(graph, brothers, access=OFFICER)
    assert found == {"p-lv-da": frozenset({"p-lv-er"}), "p-nobody": frozenset()}
    case = MediationCase.open(brothers, relatives=found)
    refused(lambda: case.attempt(DAY, [Mediator("p-lv-er", Role.GRID_WORKER)]), "family")
    assert case.events[0].recused == ("p-lv-er",)
    assert loads(dumps(case)) == case  # the recusal travels with the case


def test_a_case_log_round_trips_and_bad_logs_are_refused_precisely():
    case = MediationCase.open(dispute()).attempt(DAY, GRID_TEAM).escalate(DAY, "未果")
    case = case.attempt(date(2023, 5, 7), VILLAGE_TEAM).resolve(date(2023, 5, 7))
    text = dumps(case)
    assert loads(text) == loads(text) == case
    assert "吕大" in text  # the record keeps the description; only repr and errors hide it
    document = json.loads(text)

    def problems(changed):
        with pytest.raises(DocumentError) as caught:
            loads(json.dumps(changed))
        return [(p.path, p.rule) for p in caught.value.problems]

    broken = json.loads(text)
    broken["events"][1]["mediators"][0]["role"] = "mayor"
    broken["events"][2]["on"] = "yesterday"
    broken["events"][3]["type"] = "gossip"
    assert problems(broken) == [
        ("$.events[1].mediators[0].role", "allowed_values"),
        ("$.events[2].on", "date"),
        ("$.events[3].type", "type_tag"),
    ]
    out_of_order = dict(document, events=[document["events"][0], *document["events"][2:]])
    assert problems(out_of_order) == [("$.events[1].tier", "no_failed_attempt")]
    assert problems(dict(document, events=document["events"][1:])) == [
        ("$.events[0]", "first_event")
    ]
    assert problems(dict(document, ladder="elsewhere", extra=1)) == [
        ("$.extra", "unknown_field"),
        ("$.ladder", "ladder"),
    ]
    assert problems(dict(document, events=[])) == [("$.events", "type")]
    secret = json.loads(text)
    secret["events"][0]["dispute"]["description"] = " "
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(secret))
    assert "吕大" not in str(caught.value)


def test_cases_on_a_users_ladder_load_with_that_ladder():
    mine = MediationLadder(id="mine", name="mine", source="a user", tiers=DEFAULT_LADDER.tiers[:1])
    case = MediationCase.open(dispute(), mine).withdraw(DAY, "和解")
    text = dumps(case)
    assert loads(text, ladders=[mine]) == case
    with pytest.raises(DocumentError):
        loads(text)


# --- routing ---------------------------------------------------------------------------------

ADDRESS = AreaRef.parse("standard_address:a-sd-12")


@pytest.fixture(scope="module")
def sample_graph():
    return CommunityGraph.from_jurisdiction(sample.jurisdiction())


@pytest.mark.parametrize(
    ("category", "litigation", "agencies"),
    [
        (DisputeCategory.LABOUR, False, ["organization:o-hrss"]),
        (DisputeCategory.ENVIRONMENT, False, ["organization:o-env"]),
        (DisputeCategory.CONSUMER, False, ["organization:o-market"]),
        (DisputeCategory.FAMILY, False, ["organization:o-women"]),
        (DisputeCategory.NEIGHBOUR_NOISE, False, []),
        # the sample's procuratorate is assigned to no area around this address
        (DisputeCategory.NEIGHBOUR_NOISE, True, ["organization:o-court"]),
    ],
)
def test_panels_bring_in_agencies_by_category(sample_graph, category, litigation, agencies):
    found = dispute(
        category=category, place=ADDRESS, reported_on=date(2025, 1, 1), litigation_bound=litigation
    )
    panel = propose_panel(sample_graph, found, access=OFFICER)
    assert sorted(panel.agencies) == agencies
    assert panel.leads
    assert not set(panel.agency_people) & set(found.parties)


def test_users_replace_referral_rules(sample_graph):
    found = dispute(
        category=DisputeCategory.NEIGHBOUR_NOISE, place=ADDRESS, reported_on=date(2025, 1, 1)
    )
    mine = {DisputeCategory.NEIGHBOUR_NOISE: Referral(kinds={OrganizationKind.COURT})}
    assert propose_panel(sample_graph, found, access=OFFICER, referrals=mine).agencies == (
        "organization:o-court",
    )


def test_routing_leaves_out_parties_and_their_family(sample_graph):
    found = dispute(place=ADDRESS, reported_on=date(2025, 1, 1))
    start = first_tier(sample_graph, found, access=OFFICER)
    assert start.tier.level == 3
    people = {holding.person for holding in start.people}
    assert people
    assert not people & {"p-lv-da", "p-lv-er"}
    # make a grid worker of the place a party: they drop out of the candidates
    worker = next(h.person for h in start.people if h.role is Role.GRID_WORKER)
    feud = dispute(parties=(worker, "p-lv-da"), place=ADDRESS, reported_on=date(2025, 1, 1))
    assert worker not in {h.person for h in first_tier(sample_graph, feud, access=OFFICER).people}
    case = MediationCase.open(found).enter_at(date(2025, 1, 1), 1, "重大")
    assert next_tier(sample_graph, case, access=OFFICER) is None
    assert next_tier(sample_graph, MediationCase.open(found), access=OFFICER).tier.level == 2


def test_with_the_graph_at_hand_mediators_must_hold_their_roles(sample_graph):
    found = dispute(place=ADDRESS, reported_on=date(2025, 1, 1))
    start = first_tier(sample_graph, found, access=OFFICER)
    team = [Mediator(h.person, h.role) for h in start.people if h.person is not None]
    day = date(2025, 1, 1)
    case = MediationCase.open(found)
    assert case.attempt(day, team, graph=sample_graph).attempts
    pretender = [Mediator("p-qin-na", Role.GRID_WORKER), *team[1:]]  # a resident, no post
    error = refused(lambda: case.attempt(day, pretender, graph=sample_graph), "role_held")
    assert error.field == "mediators[0]"
    assert case.attempt(day, pretender).attempts  # without the graph, nothing to check against
    lead = Mediator("p-qin-na", Role.COMMUNITY_OFFICER)
    refused(lambda: case.convene_panel(day, lead, graph=sample_graph), "role_held")
