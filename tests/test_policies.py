import json
from datetime import date

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    JIAYUAN_TEAMS,
    AreaSetting,
    Community,
    CommunityGraph,
    CommunityKind,
    Membership,
    NotFoundError,
    Period,
    Role,
    Team,
    TeamPurpose,
    coverage,
)
from community_policing.policies import (
    DEFAULT_CHECKS,
    check,
    conflicting_posts_check,
    district_officer_check,
    population_cap_check,
    team_gaps,
)
from community_policing.testing import strategies as cps

DAY = date(2025, 1, 1)


def test_sample_report(graph):
    report = check(graph, as_of=DAY)
    assert report.checks == tuple(c.id for c in DEFAULT_CHECKS)
    assert report.failed == ("one_grid_one_officer", "grid_worker")
    assert report.passed == ("population_cap", "fusion", "team_formula")
    grouped = report.by_rule()
    assert [v.entities for v in grouped["one_grid_one_officer"]] == [("police_grid:pg-04",)]
    assert [v.entities for v in grouped["grid_worker"]] == [("management_grid:mg-ximen-4",)]


def test_report_renders_in_both_languages_and_json(graph):
    report = check(graph, as_of=DAY)
    assert "police grid pg-04 has no officer or auxiliary on 2025-01-01" in report.to_text()
    chinese = report.to_text("zh")
    assert chinese.startswith("检查日期 2025-01-01：2 项问题")
    assert "网格 mg-ximen-4 于 2025-01-01 无网格员" in chinese
    data = json.loads(report.to_json())
    assert data["passed"] == ["population_cap", "fusion", "team_formula"]
    assert {v["rule"] for v in data["violations"]} == {"one_grid_one_officer", "grid_worker"}


def test_one_officer_staffing_two_grids_is_reported_with_the_grids(graph):
    report = check(graph, as_of=date(2024, 1, 1))
    (double,) = [v for v in report.violations if v.entities[0] == "person:p-sun-hao"]
    assert double.entities == ("person:p-sun-hao", "police_grid:pg-03", "police_grid:pg-04")


def test_two_officers_in_one_grid(graph):
    graph.add_relation(
        Membership(
            id="m-2nd", person="p-he-yun", post="post-aux-pg-01", period=Period(date(2024, 1, 1))
        )
    )
    messages = [v.message for v in check(graph, as_of=DAY).violations]
    assert "police grid pg-01 has 2 officers on 2025-01-01" in messages


def test_population_caps_are_configurable(graph):
    assert check(graph, checks=[population_cap_check()], as_of=DAY).violations == ()
    strict = population_cap_check({AreaSetting.URBAN: 4000, AreaSetting.RURAL: 2000})
    report = check(graph, checks=[strict], as_of=DAY)
    assert [v.entities for v in report.violations] == [
        ("police_grid:pg-01",),
        ("police_grid:pg-02",),
        ("police_grid:pg-03",),
        ("police_grid:pg-04",),
    ]
    assert report.violations[0].message == (
        "police grid pg-01 has 2830 people, over its cap of 2000"
    )


def test_team_formula(graph):
    assert check(graph, as_of=DAY).passed[-1] == "team_formula"
    graph.end_relation("membership:m-28", date(2024, 6, 1))  # the grid worker leaves
    (violation,) = [v for v in check(graph, as_of=DAY).violations if v.rule == "team_formula"]
    assert violation.message == "team t-shedong-1n (1+1+N): grid worker: needs 1, has 0"
    assert violation.message_zh == "队伍 t-shedong-1n（1+1+N队伍）：网格员：需要 1，现有 0"
    graph.add_entity(Team(id="t-odd", name="怪队", purpose=TeamPurpose.OTHER, formula="9+9"))
    with pytest.raises(NotFoundError):
        check(graph, as_of=DAY)


def test_district_check_is_opt_in(graph):
    report = check(graph, checks=[district_officer_check()], as_of=DAY)
    (violation,) = report.violations
    assert violation.entities == ("policing_district:pd-town",)
    assert violation.message == (
        "policing district pd-town has 1 officer(s) and 1 auxiliaries, not 1 and 2"
    )
    assert violation.severity == "warning"
    assert "one_district_one_officer_two_auxiliaries" not in {c.id for c in DEFAULT_CHECKS}


def test_conflicting_posts(graph):
    graph.add_relation(
        Membership(
            id="m-x",
            person="p-jiang-tao",
            post="post-party-shedong",
            period=Period(date(2024, 1, 1)),
        )
    )
    conflict = conflicting_posts_check([(Role.FENGQIAO_MEDIATOR, Role.VILLAGE_PARTY_SECRETARY)])
    (violation,) = check(graph, checks=[conflict], as_of=DAY).violations
    assert violation.entities[0] == "person:p-jiang-tao"
    assert violation.message == (
        "p-jiang-tao holds both fengqiao mediator and village party secretary"
    )
    assert check(graph, checks=[conflict], as_of=date(2023, 12, 1)).violations == ()


def test_checks_skip_entities_outside_their_validity(graph):
    graph.retire_entity("police_grid:pg-04", date(2024, 12, 1))
    report = check(graph, as_of=DAY)
    assert all("pg-04" not in v.message for v in report.violations)


@given(cps.jurisdictions(conforming=True))
def test_conforming_jurisdictions_pass_every_default_check(doc):
    report = check(CommunityGraph.from_jurisdiction(doc), as_of=cps.DEFAULT_AS_OF)
    assert report.violations == ()


@pytest.mark.parametrize(
    ("rule", "entity"),
    [
        ("one_grid_one_officer", "police_grid:pg-0"),
        ("population_cap", "police_grid:pg-0"),
        ("grid_worker", "management_grid:mg-0"),
        ("fusion", "community:c-0"),
    ],
)
@given(data=st.data())
def test_violating_jurisdictions_report_exactly_that_violation(rule, entity, data):
    doc = data.draw(cps.jurisdictions(violating=rule))
    report = check(CommunityGraph.from_jurisdiction(doc), as_of=cps.DEFAULT_AS_OF)
    assert report.failed == (rule,)
    assert all(entity in violation.entities for violation in report.violations)


def test_check_objects_are_values(graph):
    first = DEFAULT_CHECKS[0]
    assert attrs.evolve(first, title="x").id == first.id
    assert first.run(graph, DAY) == tuple(check(graph, checks=[first], as_of=DAY).violations)
    assert check(graph).as_of == date.today()  # noqa: DTZ011


def test_jiayuan_team_templates():
    assert [t.purpose for t in JIAYUAN_TEAMS] == [
        TeamPurpose.MANAGEMENT,
        TeamPurpose.INTELLIGENCE,
        TeamPurpose.GUARD,
        TeamPurpose.MEDIATION,
        TeamPurpose.PUBLICITY,
        TeamPurpose.SERVICE,
    ]
    assert all(t.name.startswith("嘉园") for t in JIAYUAN_TEAMS)


def test_team_gaps_directly(graph):
    assert team_gaps(graph, "t-shedong-1n", as_of=DAY) == ()
    assert team_gaps(graph, "t-guard", as_of=DAY) == ()  # no formula, no gaps
    graph.add_entity(Team(id="t-odd", name="怪队", purpose=TeamPurpose.OTHER, formula="9+9"))
    with pytest.raises(NotFoundError):
        team_gaps(graph, "t-odd", as_of=DAY)
    with pytest.raises(NotFoundError):
        team_gaps(graph, "t-none", as_of=DAY)


def test_checks_and_queries_agree_on_retired_posts(graph):
    graph.retire_entity("post:post-gw-ximen-1", date(2024, 12, 1))
    grid = "management_grid:mg-ximen-1"
    assert grid in coverage(graph, as_of=DAY).management_grids_without_grid_worker
    assert grid in [v.entities[0] for v in check(graph, as_of=DAY).violations]


def test_a_village_without_management_grids_must_still_be_in_a_police_grid(graph):
    graph.add_entity(
        Community(
            id="v-new",
            name="新村",
            kind=CommunityKind.ADMINISTRATIVE_VILLAGE,
            setting=AreaSetting.RURAL,
            population=800,
        )
    )
    (violation,) = [v for v in check(graph, as_of=DAY).violations if v.rule == "fusion"]
    assert violation.entities == ("community:v-new",)
    assert violation.message == "community v-new belongs to no police grid"
    graph.replace_entity(attrs.evolve(graph.entity("community:v-new"), police_grid="pg-02"))
    assert "fusion" in check(graph, as_of=DAY).passed
