import pickle
from datetime import date

import attrs
import pytest

from community_policing import (
    Access,
    Audience,
    AuditLog,
    CommunityGraph,
    Household,
    Membership,
    NotFoundError,
    Period,
    Person,
    Residence,
    Role,
    ValidationError,
    coverage,
    holders,
    locate,
    mediation_candidates,
    members,
    responsible,
    sample,
    serving,
)

DAY = date(2025, 1, 1)


def test_locate_finds_the_address_and_co_residents(graph):
    found = locate(graph, "person:p-qin-na", access=Access("p-wang-jun", "走访核实"), as_of=DAY)
    assert found.household == "h-jy-1-101"
    assert found.address.id == "a-jy-1-101"
    assert (found.building, found.management_grid) == ("b-jy-1", "mg-ximen-1")
    assert [p.id for p in found.co_residents] == ["p-zhu-wei", "p-zhu-xiao"]


def test_locate_counts_every_household_at_the_address(graph):
    graph.add_entity(Household(id="h-second", address="a-jy-1-101"))
    graph.add_entity(Person(id="p-lodger", name="租客"))
    graph.add_relation(
        Residence(
            id="r-lodger", person="p-lodger", household="h-second", period=Period(date(2024, 1, 1))
        )
    )
    found = locate(graph, "person:p-zhu-wei", access=Access("p-wang-jun", "走访核实"), as_of=DAY)
    assert {p.id for p in found.co_residents} == {"p-qin-na", "p-zhu-xiao", "p-lodger"}


def test_locate_follows_the_date(graph):
    earlier = locate(
        graph, "person:p-he-yun", access=Access("p-wang-jun", "核查"), as_of=date(2018, 1, 1)
    )
    later = locate(graph, "person:p-he-yun", access=Access("p-wang-jun", "核查"), as_of=DAY)
    assert earlier.household == "h-jy-2-301"
    assert later.household == "h-xm-7-201"
    assert later.building == "b-xm-7"
    assert (
        locate(
            graph, "person:p-he-yun", access=Access("p-wang-jun", "核查"), as_of=date(2000, 1, 1)
        )
        is None
    )


def test_locate_of_an_address_outside_buildings(graph):
    graph.add_entity(Household(id="h-gate", address="a-school-gate"))
    graph.add_relation(
        Residence(
            id="r-gate", person="p-yang-fan", household="h-gate", period=Period(date(2024, 1, 1))
        )
    )
    found = locate(graph, "person:p-yang-fan", access=Access("p-wang-jun", "核查"), as_of=DAY)
    assert (found.building, found.management_grid) == (None, "mg-beiguan")


@pytest.mark.parametrize("purpose", ["", "   ", None, ".", "\u200b", "?!", "a\u200b"])
def test_an_access_without_a_purpose_is_refused(purpose):
    with pytest.raises(ValidationError):
        Access("p-wang-jun", purpose)


def test_locate_requires_known_people(graph):
    with pytest.raises(NotFoundError):
        locate(graph, "person:p-nobody", access=Access("p-wang-jun", "核查"), as_of=DAY)
    with pytest.raises(NotFoundError):
        locate(graph, "person:p-qin-na", access=Access("p-nobody", "核查"), as_of=DAY)
    assert len(graph.audit_log) == 0


@pytest.mark.parametrize(
    ("actor", "subject", "rule"),
    [
        ("p-qin-na", "p-zhu-wei", "actor_holds_post"),  # a resident holds no post
        ("p-wang-jun", "p-wang-jun", "own_record"),
    ],
)
def test_locate_refuses_an_actor_without_a_post_or_about_themselves(graph, actor, subject, rule):
    with pytest.raises(ValidationError) as caught:
        locate(graph, f"person:{subject}", access=Access(actor, "核查"), as_of=DAY)
    assert caught.value.rule == rule
    assert len(graph.audit_log) == 0


def test_every_locate_is_audited_and_sent_to_the_sink():
    received = []
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction(), audit_sink=received.append)
    locate(graph, "person:p-qin-na", access=Access("p-wang-jun", "调解需要"), as_of=DAY)
    locate(graph, "person:p-he-yun", access=Access("p-li-qiang", "核查"), as_of=DAY)
    records = graph.audit_log.records
    assert received == list(records) == list(graph.audit_log)
    first = records[0]
    assert (first.actor, first.subject, first.purpose, first.query, first.as_of) == (
        "p-wang-jun",
        "p-qin-na",
        "调解需要",
        "locate",
        DAY,
    )
    assert first.audience is Audience.OFFICER
    assert first.at.tzinfo is not None
    text = repr(records)
    for person in sample.jurisdiction().persons:
        assert person.phone not in text
        assert person.id_card_number not in text


def test_audit_log_on_its_own():
    log, write = AuditLog.open()
    with pytest.raises(ValidationError):
        write(actor="p-1", subject="p-2", purpose=" ", query="locate", as_of=DAY)
    assert len(log) == 0
    write(actor="p-1", subject=None, purpose="导出", query="export", as_of=DAY)
    assert [record.subject for record in log] == [None]


def test_the_audit_log_cannot_be_forged_or_replaced(graph):
    with pytest.raises(ValidationError):
        AuditLog()
    assert not hasattr(graph.audit_log, "append")
    with pytest.raises(AttributeError):
        graph.audit_log = graph.audit_log
    with pytest.raises(ValidationError):
        graph.audit_log._records = []
    locate(graph, "person:p-qin-na", access=Access("p-wang-jun", "核查"), as_of=DAY)
    assert len(graph.audit_log) == 1


def test_responsible_for_an_address(graph):
    answer = responsible(graph, "standard_address:a-jy-1-502", as_of=DAY)
    assert answer.police_grid == "police_grid:pg-03"
    assert [h.name for h in answer.police_grid_staff] == ["孙浩"]
    assert answer.management_grid == "management_grid:mg-ximen-1"
    assert [h.name for h in answer.grid_workers] == ["郑丽"]
    assert answer.policing_district == "policing_district:pd-town"
    assert [h.name for h in answer.community_officers] == ["王军"]
    assert answer.station == "police_station:ps-kaolao"
    assert answer.gaps == ()


def test_responsible_names_the_gaps(graph):
    answer = responsible(graph, "management_grid:mg-ximen-4", as_of=DAY)
    assert [g.area for g in answer.gaps] == ["police_grid:pg-04", "management_grid:mg-ximen-4"]
    assert answer.gaps[1].message == "management_grid:mg-ximen-4 has no grid worker on 2025-01-01"
    assert answer.gaps[1].message_zh == "management_grid:mg-ximen-4 于 2025-01-01 无网格员"
    assert [h.person for h in answer.police_grid_staff] == [None]


def test_responsible_for_a_village_taken_whole(graph):
    answer = responsible(graph, "community:v-shexi", as_of=DAY)
    assert answer.police_grid == "police_grid:pg-01"
    assert [h.name for h in answer.police_grid_staff] == ["李强"]
    assert answer.management_grid is None


def test_responsible_for_a_split_community_reaches_its_district(graph):
    answer = responsible(graph, "residential_compound:rc-jiayuan", as_of=DAY)
    assert answer.police_grid is None
    assert answer.policing_district == "policing_district:pd-town"
    assert [g.need for g in answer.gaps] == ["police grid"]


def test_responsible_for_a_district_without_officer(graph):
    graph.end_relation("membership:m-02", date(2024, 12, 1))
    answer = responsible(graph, "police_grid:pg-03", as_of=DAY)
    assert [g.area for g in answer.gaps] == ["policing_district:pd-town"]
    assert responsible(graph, "police_grid:pg-03", as_of=date(2024, 1, 1)).gaps == ()


def test_responsible_for_an_unknown_place(graph):
    with pytest.raises(NotFoundError):
        responsible(graph, "building:b-none", as_of=DAY)


def test_serving_through_containing_areas(graph):
    answer = serving(graph, "management_grid:mg-ximen-1", as_of=DAY)
    assert {h.name for h in answer.volunteers} == {"褚红", "卫国", "杨帆"}
    assert answer.teams == ("team:t-guard", "team:t-mediation")
    assert "organization:o-tongxinyuan" in answer.organizations
    assert "organization:o-env" in answer.organizations
    village = serving(graph, "community:v-shedong", as_of=DAY)
    assert village.teams == ("team:t-shedong-1n",)
    assert village.volunteers == ()


def test_holders_and_vacancies(graph):
    (vacant,) = holders(graph, "post:post-aux-pg-04", as_of=DAY)
    assert (vacant.person, vacant.role, vacant.area) == (
        None,
        Role.AUXILIARY_OFFICER,
        "police_grid:pg-04",
    )
    (held,) = holders(graph, "post:post-aux-pg-04", as_of=date(2024, 1, 1))
    assert held.person == "p-sun-hao"
    with pytest.raises(NotFoundError):
        holders(graph, "post:post-none")


def test_members_of_teams_and_organisations(graph):
    assert [m.person for m in members(graph, "team:t-guard", as_of=DAY)] == [
        "p-sun-hao",
        "p-chu-hong",
        "p-wei-guo",
    ]
    assert [m.person for m in members(graph, "organization:o-court", as_of=DAY)] == ["p-han-mei"]
    assert members(graph, "organization:o-court", as_of=date(2020, 1, 1)) == ()


def test_mediation_candidates_for_the_two_brothers(graph):
    panel = mediation_candidates(graph, "standard_address:a-sd-12", as_of=DAY)
    assert [h.role for h in panel.leads] == [Role.RESIDENT_AUXILIARY, Role.COMMUNITY_OFFICER]
    roles = {h.role for h in panel.mediators}
    assert Role.FENGQIAO_MEDIATOR in roles
    assert Role.VILLAGE_PARTY_SECRETARY in roles
    assert "organization:o-court" in panel.agencies
    assert "organization:o-tongxinyuan" not in panel.agencies  # a volunteer group is no agency
    assert [m.person for m in panel.agency_people] == ["p-han-mei"]


def test_mediation_teams_lend_their_members(graph):
    panel = mediation_candidates(graph, "building:b-jy-1", as_of=DAY)
    team_members = [h for h in panel.mediators if h.post == "team:t-mediation"]
    assert [h.name for h in team_members] == ["韩梅"]  # the officer is already a lead
    assert all(h.person != "p-wang-jun" for h in panel.mediators)


def test_coverage(graph):
    report = coverage(graph, as_of=DAY)
    assert report.police_grids_without_officer == ("police_grid:pg-04",)
    assert report.management_grids_without_grid_worker == ("management_grid:mg-ximen-4",)
    assert report.vacant_posts == ("post:post-aux-pg-04", "post:post-gw-ximen-4")
    graph.add_relation(
        Membership(
            id="m-fill", person="p-he-yun", post="post-gw-ximen-4", period=Period(date(2024, 12, 1))
        )
    )
    assert coverage(graph, as_of=DAY).vacant_posts == ("post:post-aux-pg-04",)
    graph.retire_entity("post:post-aux-pg-04", date(2024, 12, 1))
    assert coverage(graph, as_of=DAY).vacant_posts == ()


def test_queries_default_to_today(graph):
    # the queries' own default: the local calendar day
    assert responsible(graph, "building:b-jy-1").as_of == date.today()  # noqa: DTZ011
    assert coverage(graph).as_of == date.today()  # noqa: DTZ011


def test_results_are_immutable(graph):
    answer = responsible(graph, "building:b-jy-1", as_of=DAY)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        answer.station = None  # type: ignore[misc]


def test_answers_follow_changes_of_containment(graph):
    assert responsible(graph, "standard_address:a-xm-7-201", as_of=DAY).police_grid == (
        "police_grid:pg-04"
    )
    building = graph.entity("building:b-xm-7")
    graph.replace_entity(attrs.evolve(building, management_grid="mg-ximen-1"))
    assert responsible(graph, "standard_address:a-xm-7-201", as_of=DAY).police_grid == (
        "police_grid:pg-03"
    )


def test_answers_follow_validity_periods(graph):
    assert responsible(graph, "building:b-jy-1", as_of=DAY).police_grid == "police_grid:pg-03"
    graph.retire_entity("police_grid:pg-03", date(2024, 6, 1))
    assert responsible(graph, "building:b-jy-1", as_of=DAY).police_grid is None
    assert responsible(graph, "building:b-jy-1", as_of=date(2024, 1, 1)).police_grid == (
        "police_grid:pg-03"
    )


def test_one_way_to_name_a_node_and_errors_that_say_it(graph):
    with pytest.raises(NotFoundError) as caught:
        responsible(graph, "b-xm-7", as_of=DAY)
    assert str(caught.value) == (
        "no node with id 'b-xm-7'; a node key is '<kind>:<id>'; did you mean 'building:b-xm-7'?"
    )
    with pytest.raises(NotFoundError) as caught:
        locate(graph, "p-zhu-wei", access=Access("p-wang-jun", "核查"), as_of=DAY)
    assert caught.value.hint.endswith("did you mean 'person:p-zhu-wei'?")
    with pytest.raises(NotFoundError) as caught:
        responsible(graph, "castle:c-1", as_of=DAY)
    assert caught.value.hint == "that is not a kind of node"
    with pytest.raises(NotFoundError) as caught:
        responsible(graph, "nowhere", as_of=DAY)
    assert caught.value.hint == "a node key is '<kind>:<id>'"
    with pytest.raises(ValidationError) as caught:
        locate(graph, "household:h-sd-12", access=Access("p-wang-jun", "核查"), as_of=DAY)
    assert (caught.value.rule, caught.value.reason) == (
        "kind",
        "expected a person key, 'person:<id>'",
    )
    with pytest.raises(ValidationError):
        holders(graph, "person:p-zhu-wei", as_of=DAY)
    assert len(graph.audit_log) == 0


def test_a_not_found_error_keeps_its_hint_through_pickling():
    error = NotFoundError("node", "b-1", hint="did you mean 'building:b-1'?")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)  # noqa: S301  (our own object)
