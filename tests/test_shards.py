"""Sharded checks: for every allowed split, the merged report is the one-process report."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import UTC, date, datetime

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community_policing import (
    ChangeSet,
    CommunityGraph,
    Edit,
    Membership,
    Period,
    Residence,
    ValidationError,
    coverage,
    sample,
)
from community_policing.policies import DEFAULT_CHECKS, check, district_officer_check
from community_policing.shards import (
    SPLIT_KINDS,
    check_shards,
    coverage_of_shards,
    home_of,
    merged_report,
    split,
    split_store,
)
from community_policing.store import Store, StoreError
from community_policing.testing import strategies as cps
from community_policing.testing.strategies import VIOLATIONS
from store_engines import ENGINES, store_url

POOL = ThreadPoolExecutor(2)
DAYS = st.dates(date(2018, 1, 1), date(2027, 1, 1))


def one_process(document, day, checks=DEFAULT_CHECKS):
    return check(CommunityGraph.from_jurisdiction(document), checks=checks, as_of=day)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cps.jurisdictions(), st.sampled_from(SPLIT_KINDS), DAYS)
def test_the_merged_report_is_the_one_process_report(document, by, day):
    done = check_shards(split(document, by=by), as_of=day, executor=POOL)
    assert merged_report(done, as_of=day) == one_process(document, day)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data(), st.sampled_from(SPLIT_KINDS))
def test_violations_are_found_once_whatever_the_split(data, by):
    rule = data.draw(st.sampled_from(sorted(VIOLATIONS)))
    document = data.draw(cps.jurisdictions(violating=rule))
    day = date(2025, 1, 1)
    done = check_shards(split(document, by=by), as_of=day, executor=POOL)
    merged = merged_report(done, as_of=day)
    assert merged == one_process(document, day)
    assert len(set(merged.violations)) == len(merged.violations)


@pytest.mark.parametrize("by", SPLIT_KINDS)
def test_every_entity_has_one_home(by):
    town = sample.jurisdiction()
    shards = split(town, by=by)
    homes = [key for shard in shards for key in shard.home]
    assert len(homes) == len(set(homes))
    entities = {
        f"{type(model).KIND}:{model.id}"
        for model in town.entities()
        if not hasattr(model, "period")
    }
    assert entities <= set(homes)


def test_a_process_pool_runs_the_built_in_checks_and_an_opt_in_one():
    town = sample.jurisdiction()
    day = date(2024, 1, 1)
    checks = (*DEFAULT_CHECKS, district_officer_check())
    with ProcessPoolExecutor(2) as pool:
        done = check_shards(split(town), checks=checks[:-1], as_of=day, executor=pool)
    assert merged_report(done, as_of=day) == one_process(town, day)
    threads = check_shards(split(town), checks=checks, as_of=day, executor=POOL)
    assert merged_report(threads, checks=checks, as_of=day) == one_process(town, day, checks)


def test_a_failed_shard_keeps_the_merge_from_lying():
    town = sample.jurisdiction()
    shards = split(town)
    broken = [shards[0].__class__(shards[0].name, None, shards[0].home), *shards[1:]]
    done = check_shards(broken, as_of=date(2024, 1, 1), executor=POOL)
    assert list(done.failures) == [shards[0].name]
    with pytest.raises(ValidationError, match="retry them first"):
        merged_report(done, as_of=date(2024, 1, 1))


def test_an_unknown_split_is_refused():
    with pytest.raises(ValidationError, match="split by one of"):
        split(sample.jurisdiction(), by="community")


@pytest.mark.parametrize("by", SPLIT_KINDS)
def test_a_person_staffing_grids_in_two_districts_is_found_once(by):
    # p-sun-hao lives nowhere recorded; move him into a household of pd-east, then give him
    # pg-01's auxiliary post as well as pg-03 and pg-04 (pd-town): his finding crosses shards
    town = sample.jurisdiction()
    household = next(h for h in town.households)
    post = next(p for p in town.posts if p.area is not None and p.area.key == "police_grid:pg-01")
    town = attrs.evolve(
        town,
        residences=(
            *town.residences,
            Residence(
                id="r-sun",
                person="p-sun-hao",
                household=household.id,
                period=Period(date(2020, 1, 1)),
            ),
        ),
        memberships=(
            *town.memberships,
            Membership(
                id="m-sun-01", person="p-sun-hao", post=post.id, period=Period(date(2020, 1, 1))
            ),
        ),
    )
    day = date(2024, 1, 1)
    whole = one_process(town, day)
    (found,) = [v for v in whole.violations if v.entities[0] == "person:p-sun-hao"]
    assert len(found.entities) == 4  # the person and three grids
    done = check_shards(split(town, by=by), as_of=day, executor=POOL)
    assert merged_report(done, as_of=day) == whole


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cps.jurisdictions(), st.sampled_from(SPLIT_KINDS), DAYS)
def test_the_merged_coverage_is_the_one_process_coverage(document, by, day):
    merged = coverage_of_shards(split(document, by=by), as_of=day, executor=POOL)
    assert merged == coverage(CommunityGraph.from_jurisdiction(document), as_of=day)


def test_shards_run_on_a_dask_cluster():
    distributed = pytest.importorskip("distributed")
    town, day = sample.jurisdiction(), date(2024, 1, 1)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        done = check_shards(
            split(town, by="policing_district"), as_of=day, executor=client.get_executor()
        )
    assert merged_report(done, as_of=day) == one_process(town, day)


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("by", SPLIT_KINDS)
def test_shards_of_a_store_load_alone_and_merge_to_the_one_process_answers(engine, by, tmp_path):
    town, day = sample.jurisdiction(), date(2024, 1, 1)
    with store_url(engine, tmp_path) as url:
        with Store.create(url) as store:
            store.save(town, author="p-a", reason="建库")
        stored = split_store(url, by=by)
        in_memory = split(town, by=by)
        assert [s.name for s in stored] == [s.name for s in in_memory]
        assert [home_of(s) for s in stored] == [s.home for s in in_memory]
        assert [s.part.load() for s in stored] == [s.part for s in in_memory]
        assert all(not s.home for s in stored if s.name != "residual")  # the store keeps them
        with Store.open(url) as store:  # a change since the split: the shards refuse to load
            store.apply(
                ChangeSet(
                    id="cs-1",
                    author="p-a",
                    reason="变更",
                    at=datetime(2025, 1, 1, tzinfo=UTC),
                    base_revision=1,
                    edits=(Edit.end("memberships", town.memberships[0].id, day),),
                )
            )
        with pytest.raises(StoreError, match="split it again"):
            stored[0].part.load()
        stored = split_store(url, by=by)
        with Store.open(url) as store:
            town = store.load()
        done = check_shards(stored, as_of=day, executor=POOL)
        assert merged_report(done, as_of=day) == one_process(town, day)
        whole = coverage(CommunityGraph.from_jurisdiction(town), as_of=day)
        assert coverage_of_shards(stored, as_of=day, executor=POOL) == whole
