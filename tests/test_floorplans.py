from datetime import date, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    Access,
    Audience,
    CommunityGraph,
    MissingExtraError,
    NotFoundError,
    ValidationError,
    sample,
)
from community_policing.floorplans import (
    FloorPlan,
    UnitRecord,
    floor_plan_from_graph,
    staleness_report,
)
from community_policing.plotting import plot_floor_plan
from community_policing.testing import strategies as cps

DAY = date(2025, 3, 1)


def plan():
    return FloorPlan(
        building="b-1",
        floors=3,
        units=[
            UnitRecord(
                "101", 1, date(2025, 2, 1), "p-gw", household="h-1", residents=["p-a", "p-b"]
            ),
            UnitRecord("102", 1, date(2024, 10, 1), "p-gw"),
            UnitRecord("301", 3, date(2024, 5, 1), "p-officer", household="h-3", residents=["p-c"]),
        ],
    )


def test_a_visit_updates_the_unit_and_keeps_what_it_replaced():
    before = plan()
    after = before.visit("301", on=DAY, by="p-gw", residents=["p-c", "p-d"])
    assert after.unit("301") == UnitRecord(
        "301", 3, DAY, "p-gw", household="h-3", residents=("p-c", "p-d")
    )
    assert after.history == (before.unit("301"),)
    assert before.unit("301").verified_on == date(2024, 5, 1)  # the old plan is untouched
    moved_out = after.visit("301", on=DAY, by="p-gw", household=None)
    assert (moved_out.unit("301").household, moved_out.unit("301").residents) == (None, ())
    assert len(moved_out.history) == 2
    confirmed = after.visit("101", on=DAY, by="p-officer")
    assert confirmed.unit("101").residents == ("p-a", "p-b")
    assert confirmed.unit("101").verified_by == "p-officer"


@pytest.mark.parametrize(
    ("visit", "field", "rule"),
    [
        (lambda p: p.visit("999", on=DAY, by="p-gw"), "units", "not_found"),
        (lambda p: p.visit("101", on=date(2025, 1, 1), by="p-gw"), "verified_on", "chronology"),
        (lambda p: p.visit("102", on=DAY, by="p-gw", residents=["p-x"]), "residents", "household"),
        (lambda p: p.visit("101", on=DAY, by="not an id"), "verified_by", "identifier"),
    ],
)
def test_a_refused_visit_changes_nothing(visit, field, rule):
    before = plan()
    with pytest.raises(ValidationError) as caught:
        visit(before)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert before == plan()


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (lambda: FloorPlan("b-1", 1, [UnitRecord("201", 2, DAY, "p-1")]), "units", "floor"),
        (
            lambda: FloorPlan("b-1", 1, [UnitRecord("101", 1, DAY, "p-1")] * 2),
            "units",
            "duplicate_unit",
        ),
        (lambda: UnitRecord("101", 0, DAY, "p-1"), "floor", "floor"),
        (lambda: UnitRecord("101", 1, DAY, "p-1", "h-1", ["p-a", "p-a"]), "residents", "unique"),
        (lambda: UnitRecord("101", 1, DAY, "p-1", None, ["p-a"]), "residents", "household"),
        (lambda: FloorPlan("b-1", 1, ["101"]), "units[0]", "type"),
        (lambda: FloorPlan("b-1", 1, [], history=["101"]), "history[0]", "type"),
    ],
)
def test_bad_plans_are_refused(build, field, rule):
    with pytest.raises(ValidationError) as caught:
        build()
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_the_staleness_report_groups_by_officer_and_building():
    other = FloorPlan("b-2", 1, [UnitRecord("101", 1, date(2023, 1, 1), "p-gw")])
    fresh = FloorPlan("b-3", 1, [UnitRecord("101", 1, DAY, "p-gw")])
    report = staleness_report([plan(), other, fresh], as_of=DAY)
    assert [(b, [u.unit for u in units]) for b, units in report.stale] == [
        ("b-1", ["102", "301"]),
        ("b-2", ["101"]),
    ]
    assert [(b, r.unit) for b, r in report.units] == [
        ("b-1", "102"),
        ("b-1", "301"),
        ("b-2", "101"),
    ]
    assert report.by_building == {"b-1": 2, "b-2": 1}
    assert report.by_officer == {"p-gw": 2, "p-officer": 1}
    named = staleness_report([plan(), other], as_of=DAY, officer_of={"b-1": "p-wang"})
    assert named.by_officer == {"p-gw": 1, "p-wang": 2}
    assert staleness_report([plan()], as_of=DAY, max_age_days=1000).units == ()
    assert plan().stale(DAY, 0) == plan().units[:3]
    for bad in (-1, 1.5):
        with pytest.raises(ValidationError) as caught:
            staleness_report([plan()], as_of=DAY, max_age_days=bad)
        assert caught.value.rule == "count"


@given(
    st.lists(
        st.tuples(st.integers(0, 800), st.sampled_from(["p-1", "p-2", "p-3"])),
        min_size=1,
        max_size=30,
    ),
    st.integers(0, 400),
)
def test_staleness_agrees_with_counting_ages(entries, max_age):
    plans = [
        FloorPlan(f"b-{i % 4}x{i}", 1, [UnitRecord("101", 1, DAY - timedelta(days=age), who)])
        for i, (age, who) in enumerate(entries)
    ]
    report = staleness_report(plans, as_of=DAY, max_age_days=max_age)
    expected = [who for age, who in entries if age > max_age]
    assert sum(report.by_officer.values()) == len(expected) == len(report.units)
    assert report.by_officer == {who: expected.count(who) for who in sorted(set(expected))}


def test_the_plan_renders_top_floor_first():
    assert plan().render(as_of=DAY).splitlines() == [
        "b-1 (3 floors)",
        "3F | 301 h-3 1 2024-05-01 !",
        "2F |",
        "1F | 101 h-1 2 2025-02-01 | 102 vacant 0 2024-10-01 !",
    ]
    assert "!" not in plan().render()


VISIT = Access("p-zheng-li", "楼栋走访", Audience.GRID_WORKER)


def test_a_plan_drawn_from_the_graph_lists_its_households():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    drawn = floor_plan_from_graph(graph, "building:b-jy-1", as_of=date(2025, 1, 1), access=VISIT)
    assert [(u.floor, u.household) for u in drawn.units] == [(1, "h-jy-1-101"), (5, "h-jy-1-502")]
    assert {u.verified_by for u in drawn.units} == {"p-zheng-li"}
    assert graph.audit_log.records[-1].query == "floor_plan"
    assert all(u.address == u.unit for u in drawn.units)
    ground = floor_plan_from_graph(
        graph, "building:b-jy-1", as_of=date(2025, 1, 1), access=VISIT, floor_of=lambda _: 9
    )
    assert {u.floor for u in ground.units} == {6}  # never above the building's top floor
    village = floor_plan_from_graph(graph, "building:b-sd-12", as_of=date(2025, 1, 1), access=VISIT)
    assert [u.floor for u in village.units] == [1]  # no room number: ground floor
    with pytest.raises(NotFoundError):
        floor_plan_from_graph(graph, "building:b-nowhere", as_of=date(2025, 1, 1), access=VISIT)
    # a building whose height is not recorded is as tall as its highest unit
    unmeasured = attrs.evolve(graph.entity("building:b-jy-1"), floors=None)
    graph.replace_entity(unmeasured)
    drawn = floor_plan_from_graph(graph, "building:b-jy-1", as_of=date(2025, 1, 1), access=VISIT)
    assert drawn.floors == 5


def test_the_picture_marks_stale_units():
    ax = plot_floor_plan(plan(), as_of=DAY)
    assert ax.get_title() == "b-1: 3 unit(s), 2 stale"
    assert len(ax.patches) == 3
    assert plot_floor_plan(plan(), ax=ax) is ax


def test_drawing_without_matplotlib_says_which_extra(missing):
    missing("matplotlib")
    with pytest.raises(MissingExtraError) as caught:
        plot_floor_plan(plan())
    assert (caught.value.extra, caught.value.module) == ("plot", "matplotlib.patches")
    assert "community_policing[plot]" in str(caught.value)


@given(
    cps.floor_plans(max_units=5).filter(lambda p: p.units),
    st.lists(st.tuples(st.integers(0, 4), st.integers(-5, 40), st.booleans()), max_size=8),
)
def test_visits_keep_every_replaced_entry(start, visits):
    plan = start
    applied = 0
    for index, days, moves_out in visits:
        label = plan.units[index % len(plan.units)].unit
        on = plan.unit(label).verified_on + timedelta(days=days)
        changes = {"household": None} if moves_out else {}
        if days < 0:  # a visit before the last verification is refused, the plan unchanged
            with pytest.raises(ValidationError, match="last verified after"):
                plan.visit(label, on=on, by=f"p-v{applied}", **changes)
            continue
        plan = plan.visit(label, on=on, by=f"p-v{applied}", **changes)
        applied += 1
        assert plan.unit(label).verified_on == on
    assert len(plan.history) == len(start.history) + applied
    assert [u.unit for u in plan.units] == [u.unit for u in start.units]
