"""The mechanisms' reports over shards merge into the one-process reports."""

from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime
from zoneinfo import ZoneInfo

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community_policing import (
    AreaKind,
    AreaRef,
    CommunityGraph,
    IncidentCategory,
    NotFoundError,
    Period,
    ReportChannel,
    ValidationError,
    sample,
)
from community_policing.floorplans import staleness_report
from community_policing.mediation import mediation_metrics
from community_policing.planning import PlanningUnit, plan_police_grids, planning_units
from community_policing.prevention import Incident, hot_places
from community_policing.services import ServiceLedger
from community_policing.shards import (
    SPLIT_KINDS,
    by_home,
    hot_places_of_shards,
    mediation_of_shards,
    plan_districts,
    services_of_shards,
    split,
    staleness_of_shards,
)
from community_policing.testing.strategies import floor_plans, mediation_cases

POOL = ThreadPoolExecutor(2)
YEAR = Period(date(2020, 1, 1), date(2027, 1, 1))
TOWN = sample.jurisdiction()
TZ = ZoneInfo("Asia/Shanghai")


def dealt(items, owners):
    """``items`` dealt to shards by ``owners`` (one shard name per item), in order."""
    found = {}
    for item, owner in zip(items, owners, strict=False):
        found.setdefault(owner, []).append(item)
    return found


@settings(max_examples=30, deadline=None)
@given(st.lists(mediation_cases(max_steps=6), max_size=10), st.lists(st.sampled_from("abc")))
def test_mediation_over_shards_is_the_one_process_report(cases, owners):
    owners = [*owners, *["c"] * len(cases)]
    merged = mediation_of_shards(dealt(cases, owners), YEAR, executor=POOL)
    assert merged == mediation_metrics(cases, YEAR)
    assert (
        merged.median_days_to_resolution == mediation_metrics(cases, YEAR).median_days_to_resolution
    )


@settings(max_examples=30, deadline=None)
@given(
    st.lists(st.sampled_from("ab"), min_size=40, max_size=40),
    st.sampled_from([(), ("kind",), ("office", "month"), ("served_by",)]),
)
def test_service_counts_over_shards_are_the_ledgers(owners, by):
    ledger = sample.service_ledger()
    records = ledger.records
    owners = owners * (len(records) // len(owners) + 1)
    period = Period(date(2024, 1, 1), date(2025, 7, 1))
    merged = services_of_shards(dealt(records, owners), by=by, period=period, executor=POOL)
    assert merged == ledger.counts(by=by, period=period)


def test_service_counts_refuse_an_unknown_grouping_before_any_work():
    with pytest.raises(ValidationError):
        services_of_shards({}, by=("colour",), executor=POOL)
    assert services_of_shards({}, by=(), executor=POOL) == ServiceLedger(()).counts(by=())


PLACES = [
    "building:b-jy-1",
    "building:b-xm-7",
    "building:b-sd-12",
    "standard_address:a-school-gate",
    "community:v-beiguan",
    "community:v-shedong",
    "police_station:ps-kaolao",
]
NAIVE_FROM, NAIVE_TO = datetime(2024, 1, 1), datetime(2025, 12, 31)  # noqa: DTZ001


@settings(max_examples=20, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(PLACES), st.datetimes(NAIVE_FROM, NAIVE_TO)), max_size=30),
    st.sampled_from(SPLIT_KINDS),
    st.sampled_from([AreaKind.COMMUNITY, AreaKind.POLICE_GRID, AreaKind.TOWNSHIP]),
    st.none() | st.integers(1, 3),
)
def test_hot_places_over_shards_are_the_one_process_ranking(drawn, by, level, top):
    incidents = [
        Incident(
            f"i-{n}",
            at.replace(tzinfo=TZ),
            AreaRef.parse(place),
            IncidentCategory.THEFT,
            ReportChannel.CALL_110,
        )
        for n, (place, at) in enumerate(drawn)
    ]
    shards = split(TOWN, by=by)
    sorted_in = by_home(shards, incidents, place=lambda each: each.place.key)
    assert sum(len(found) for found in sorted_in.values()) == len(incidents)
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    merged = hot_places_of_shards(
        shards, sorted_in, level=level, period=year, top=top, executor=POOL
    )
    graph = CommunityGraph.from_jurisdiction(TOWN)
    assert merged == hot_places(graph, incidents, level=level, period=year, top=top)


def test_items_placed_nowhere_go_with_the_residual_and_unknown_shards_are_refused():
    shards = split(TOWN, by="township")
    assert by_home(shards, ["building:b-none"], place=str) == {"residual": ["building:b-none"]}
    with pytest.raises(NotFoundError):
        hot_places_of_shards(shards, {"nowhere": []}, level=AreaKind.COMMUNITY, executor=POOL)


@settings(max_examples=20, deadline=None)
@given(st.lists(floor_plans(max_units=5), max_size=6), st.lists(st.sampled_from("ab")))
def test_staleness_over_shards_is_the_one_process_report(plans, owners):
    owners = sorted([*owners, *["b"] * len(plans)][: len(plans)])  # shards keep plan order
    day = date(2025, 6, 1)
    officer_of = {plan.building: "p-wang" for plan in plans[::2]}
    merged = staleness_of_shards(
        dealt(plans, owners), as_of=day, max_age_days=60, officer_of=officer_of, executor=POOL
    )
    assert merged == staleness_report(plans, as_of=day, max_age_days=60, officer_of=officer_of)


def test_staleness_refuses_a_bad_limit_and_mixed_reports():
    with pytest.raises(ValidationError):
        staleness_of_shards({}, as_of=date(2025, 1, 1), max_age_days=-1, executor=POOL)
    assert staleness_of_shards({}, as_of=date(2025, 1, 1), executor=POOL).stale == ()
    one = staleness_report((), as_of=date(2025, 1, 1))
    other = staleness_report((), as_of=date(2025, 1, 2))
    with pytest.raises(ValidationError) as caught:
        type(one).combine([one, other])
    assert caught.value.rule == "same_day"


def test_districts_are_planned_side_by_side_as_alone_and_a_bad_one_fails_alone():
    units = planning_units(TOWN)
    villages = [PlanningUnit(f"v{i}", 900 + 100 * i, units[0].setting) for i in range(5)]
    path = nx.path_graph([unit.id for unit in villages])
    problems = {
        "pd-east": (units, sample.borders()),
        "pd-west": (villages, path),
        "pd-bad": (villages, nx.path_graph(["v0", "nowhere"])),
    }
    done = plan_districts(problems, executor=POOL, seed=3, time_limit=10)
    assert list(done.results) == ["pd-east", "pd-west"]
    assert list(done.failures) == ["pd-bad"]
    assert done.failures["pd-bad"].error == "ValidationError"
    assert done.results["pd-west"] == plan_police_grids(villages, path, seed=3, time_limit=10)
