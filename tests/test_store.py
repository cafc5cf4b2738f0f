"""The store on SQLite and PostgreSQL: round trips, areas, days, change sets, history, audit."""

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from community_policing import (
    Access,
    ChangeSet,
    DocumentError,
    Edit,
    NotFoundError,
    Period,
    Residence,
    ValidationError,
    apply_edits,
    disclose,
    on_day,
    sample,
    within_area,
)
from community_policing.model.extent import part_around
from community_policing.model.jurisdiction import COLLECTION_OF_KIND
from community_policing.store import StaleChangeSetError, Store, StoreError
from community_policing.store.schema import META
from community_policing.testing import strategies as cps
from store_engines import ENGINES, store_url

TOWN = sample.jurisdiction()
AT = datetime(2025, 3, 2, 9, tzinfo=UTC)
AREAS = [
    f"{kind}:{model.id}"
    for kind, name in (
        ("sub_bureau", "sub_bureaus"),
        ("police_station", "police_stations"),
        ("policing_district", "policing_districts"),
        ("police_grid", "police_grids"),
        ("county", "counties"),
        ("township", "townships"),
        ("community", "communities"),
        ("management_grid", "management_grids"),
        ("building", "buildings"),
    )
    for model in getattr(TOWN, name)
]


def change_set(ident, base, *changes):
    return ChangeSet(
        id=ident, author="p-wang-jun", reason="测试", at=AT, base_revision=base, edits=changes
    )


@pytest.fixture(params=ENGINES)
def saved(request, tmp_path):
    with store_url(request.param, tmp_path) as url:
        store = Store.create(url)
        store.save(TOWN, author="p-wang-jun", reason="建库")
        yield store
        store.close()


@pytest.mark.parametrize("engine", ENGINES)
def test_generated_jurisdictions_come_back_equal(engine, tmp_path):
    @settings(
        max_examples=5,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    )
    @given(cps.jurisdictions())
    def round_trip(document):
        with store_url(engine, tmp_path) as url, Store.create(url) as store:
            store.save(document, author="p-a", reason="建库")
            assert store.load() == document

    round_trip()


def test_an_areas_part_is_the_documents_part(saved):
    for area in AREAS:
        assert saved.load(within=area) == within_area(TOWN, area), area


def test_a_day_is_the_documents_day(saved):
    for day in (date(2015, 1, 1), date(2020, 6, 1), date(2024, 1, 1), date(2026, 1, 1)):
        assert saved.load(as_of=day) == on_day(TOWN, day)
    assert saved.load(as_of=date(2024, 1, 1), within="township:t-ximen") == on_day(
        within_area(TOWN, "township:t-ximen"), date(2024, 1, 1)
    )


def test_a_change_set_applies_whole_and_is_logged(saved):
    first = TOWN.residences[0]
    moved = change_set(
        "cs-1",
        1,
        Edit.end("residences", first.id, date(2025, 3, 1)),
        Edit.add(
            Residence(
                id="r-new",
                person=first.person,
                household=TOWN.households[1].id,
                period=Period(date(2025, 3, 1)),
            )
        ),
        Edit.retire("posts", TOWN.posts[0].id, date(2025, 3, 1)),
    )
    assert saved.apply(moved) == 2
    assert saved.load() == apply_edits(TOWN, moved.edits)
    assert saved.change_set(2) == moved
    (save, applied) = saved.log()
    assert (save.revision, save.author, save.reason) == (1, "p-wang-jun", "建库")
    assert (applied.revision, applied.id, applied.edits, applied.base_revision) == (
        2,
        "cs-1",
        3,
        1,
    )


def test_a_refused_change_set_writes_nothing_and_says_every_problem(saved):
    first = TOWN.residences[0]
    bad = change_set(
        "cs-bad",
        1,
        Edit.add(
            Residence(
                id="r-2",
                person=first.person,
                household=TOWN.households[2].id,
                period=Period(date(2025, 4, 1)),
            )
        ),  # two homes at once
        Edit.add(
            Residence(
                id="r-3",
                person="p-none",
                household=TOWN.households[2].id,
                period=Period(date(2025, 4, 1)),
            )
        ),  # no such person
        Edit.end("memberships", "m-none", date(2025, 1, 1)),  # no such membership
    )
    with pytest.raises(DocumentError) as caught:
        saved.apply(bad)
    found = [(p.path, p.rule) for p in caught.value.problems]
    assert found[0] == ("$.edits[2].id", "edit")  # a change that cannot be made, first
    assert ("$.edits[1].record.person", "reference") in found
    assert any(
        p.path.startswith("$.edits[0].record") or p.path.startswith("$.residences[")
        for p in caught.value.problems
        if p.rule == "one_residence"
    )
    assert saved.revision == 1
    assert saved.load() == TOWN
    assert [entry.revision for entry in saved.log()] == [1]


def test_a_stale_change_set_is_refused_only_where_it_overlaps(saved):
    post = TOWN.posts[0].id
    saved.apply(change_set("cs-1", 1, Edit.retire("posts", post, date(2025, 6, 1))))
    with pytest.raises(StaleChangeSetError) as caught:
        saved.apply(change_set("cs-2", 1, Edit.retire("posts", post, date(2025, 3, 1))))
    assert caught.value.conflicts == [(2, "posts", post)]
    other = TOWN.posts[1].id
    assert saved.apply(change_set("cs-3", 1, Edit.retire("posts", other, date(2025, 3, 1)))) == 3
    with pytest.raises(StoreError, match="applied already"):
        saved.apply(change_set("cs-3", 3, Edit.retire("posts", other, date(2025, 2, 1))))
    with pytest.raises(StoreError, match="names revision 9"):
        saved.apply(change_set("cs-4", 9))


def test_the_store_refuses_what_it_cannot_do(tmp_path):
    url = f"sqlite:///{tmp_path / 'a.db'}"
    with pytest.raises(StoreError, match="create one first"):
        Store.open(url)
    store = Store.create(url)
    with pytest.raises(StoreError, match="no jurisdiction yet"):
        store.load()
    with pytest.raises(StoreError, match="no jurisdiction yet"):
        store.apply(change_set("cs-1", 0))
    with pytest.raises(StoreError, match="there already"):
        Store.create(url)
    store.save(TOWN, author="p-a", reason="建库")
    with pytest.raises(StoreError, match="holds a jurisdiction already"):
        store.save(TOWN, author="p-a", reason="建库")
    with pytest.raises(ValidationError):
        store.save("town", author="p-a", reason="建库")
    with pytest.raises(ValidationError):
        store.apply("cs")
    with pytest.raises(ValidationError, match="'<kind>:<id>'"):
        store.load(within="pg-01")
    with pytest.raises(NotFoundError):
        store.load(within="police_grid:pg-99")
    with pytest.raises(NotFoundError):
        store.change_set(7)
    store.close()
    engine = sa.create_engine(url)
    with engine.begin() as conn:
        conn.execute(META.update().where(META.c.key == "schema_version").values(value="99"))
    with pytest.raises(StoreError, match="newer than this library"):
        Store.open(url)


def test_reads_of_a_graph_from_the_store_are_audited_in_the_store(saved):
    graph = saved.graph(within="township:t-ximen")
    disclose(graph, Access("p-wang-jun", "入户核查"), query="home_visit")
    (record,) = saved.audit()
    assert (record.actor, record.purpose, record.query) == ("p-wang-jun", "入户核查", "home_visit")


def test_a_store_opens_by_path_or_url(tmp_path):
    with Store.create(tmp_path / "station.db") as store:
        store.save(TOWN, author="p-a", reason="建库")
    with Store.open(str(tmp_path / "station.db")) as store:
        assert store.load() == TOWN
    with Store.open(f"sqlite:///{tmp_path / 'station.db'}") as store:
        assert store.revision == 1


@settings(max_examples=6, deadline=None)
@given(st.sampled_from(AREAS), st.dates(date(2010, 1, 1), date(2027, 1, 1)))
def test_every_area_on_every_day_in_memory(area, day):
    with Store.create("sqlite://") as store:
        store.save(TOWN, author="p-a", reason="建库")
        assert store.load(within=area, as_of=day) == on_day(within_area(TOWN, area), day)


@settings(max_examples=15, deadline=None)
@given(
    st.lists(st.sampled_from(AREAS), min_size=1, max_size=2),
    st.lists(st.sampled_from([p.id for p in TOWN.persons]), max_size=3),
)
def test_a_part_around_areas_and_persons_is_the_documents(areas, persons):
    keys = [(COLLECTION_OF_KIND[a.partition(":")[0]], a.partition(":")[2]) for a in areas]
    keys += [("persons", ident) for ident in persons]
    with Store.create("sqlite://") as store:
        store.save(TOWN, author="p-a", reason="建库")
        assert store.load_around(keys) == part_around(TOWN, keys)


def test_readers_do_not_wait_for_a_writer(tmp_path):
    """Shards load side by side while a change set is being written (SQLite takes no lock)."""
    import sqlite3  # noqa: PLC0415

    path = tmp_path / "station.db"
    with Store.create(path) as store:
        store.save(TOWN, author="p-wang-jun", reason="建库")
        store.keep_homes("township")
    writer = sqlite3.connect(path, isolation_level=None, timeout=0.1)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE cp_meta SET value = value WHERE key = 'name'")
    try:
        with Store.open(path) as other:
            assert other.revision == 1
            assert other.load(within="township:t-ximen") == within_area(TOWN, "township:t-ximen")
            assert "household:h-jy-1-101" in other.shard_home("township", 0, 1)
            assert other.log()[0].revision == 1
    finally:
        writer.rollback()
        writer.close()
