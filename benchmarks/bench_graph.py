"""Building and querying the relationship graph of a synthetic city of 1,000,000 residents.

The city: 1 sub-bureau, 10 stations, 50 policing districts, 200 police grids, 300 communities
(60 villages taken whole into police grids, 240 urban communities zoned grid by grid), 1,000
management grids, 15,000 buildings, 333,334 addresses and households, 1,000,000 residents, plus
250 officers and auxiliaries, 1,000 grid workers, 5,000 resident volunteers, 200 teams with
their members and areas, and the posts and memberships that tie them together.

In one run it measures:

* ``build``: ``CommunityGraph.from_jurisdiction`` on the (already validated) document;
* ``floor``: inserting the same nodes and edges, with the same attributes and keys, into a bare
  ``networkx.MultiDiGraph`` with ``add_nodes_from`` / ``add_edges_from`` and no validation; the
  node and edge lists are prepared before the clock starts, so the floor is insertion alone;
* memory of both graphs, with ``tracemalloc`` (everything allocated while building, including
  the keys; the models themselves exist before and are shared);
* query latency: ``locate`` over 10,000 random residents and ``responsible`` over 10,000 random
  addresses, median and 95th percentile.

Run: ``.venv/bin/python benchmarks/bench_graph.py [residents] [--smoke]``; ``--smoke`` builds a
city of 3,000 residents and asks 200 queries of each kind.
"""

from __future__ import annotations

import gc
import random
import statistics
import sys
import time
import tracemalloc
from datetime import date
from typing import Any

import networkx as nx
from _synthetic import id_card
from _timing import size_argument, smoke

import community_policing as cp
from community_policing.graph import FIELD_RELATIONS, RECORD_MODELS, relation_of

RESIDENTS = 1_000_000
QUERIES = 10_000


def born(rng: random.Random) -> date:
    return date(1940 + rng.randrange(80), 1 + rng.randrange(12), 1 + rng.randrange(28))


def build_city(residents: int = RESIDENTS, seed: int = 11) -> cp.Jurisdiction:
    rng = random.Random(seed)
    cards: set[str] = set()  # one number per person, as a jurisdiction requires
    start = cp.Period(date(2023, 1, 1))
    area = cp.AreaRef
    # a county of ten streets, with codes at every level (issue 17)
    county = cp.County(id="cty", name="示例县", code="370899", sub_bureau="sb")
    townships = [
        cp.Township(
            id=f"t-{i}",
            name=f"街道{i}",
            county="cty",
            kind=cp.TownshipKind.STREET,
            code=f"370899{i + 1:03d}",
            station=f"ps-{i}",
        )
        for i in range(10)
    ]
    stations = [
        cp.PoliceStation(id=f"ps-{i}", name=f"第{i}所", sub_bureau="sb", code=f"3708995{i:05d}")
        for i in range(10)
    ]
    districts = [
        cp.PolicingDistrict(id=f"pd-{i}", name=f"警务区{i}", station=f"ps-{i % 10}")
        for i in range(50)
    ]
    grids = [
        cp.PoliceGrid(id=f"pg-{i}", name=f"警格{i}", district=f"pd-{i % 50}") for i in range(200)
    ]
    communities = []
    for i in range(300):
        village = i < 60
        communities.append(
            cp.Community(
                id=f"c-{i}",
                name=f"村{i}" if village else f"社区{i}",
                kind=cp.CommunityKind.ADMINISTRATIVE_VILLAGE
                if village
                else cp.CommunityKind.COMMUNITY,
                setting=cp.AreaSetting.RURAL if village else cp.AreaSetting.URBAN,
                population=rng.randrange(1000, 6000),
                police_grid=f"pg-{i}" if village else None,
                township=f"t-{i % 10}",
                code=f"370899{i % 10 + 1:03d}{i // 10 + 1:03d}",
                urban_rural="220" if village else "111",
            )
        )
    management_grids = []
    for i in range(1000):
        community = i % 300
        management_grids.append(
            cp.ManagementGrid(
                id=f"mg-{i}",
                name=f"网格{i}",
                community=f"c-{community}",
                police_grid=None if community < 60 else f"pg-{60 + i % 140}",
                code=f"000000370899{community % 10 + 1:03d}{community // 10 + 1:03d}"
                f"{i // 300 + 1:02d}",
            )
        )
    buildings = [
        cp.Building(id=f"b-{i}", name=f"{i}号楼", management_grid=f"mg-{i % 1000}")
        for i in range(15_000)
    ]
    household_count = residents // 3 + 1
    addresses = []
    for i in range(household_count):
        building = i % 15_000
        parts = cp.AddressParts(
            road="示例路",
            door_number=str(building // 10 + 1),
            building=str(building % 10 + 1),
            unit=str(i % 4 + 1),
            room=f"{i % 6 + 1}0{i % 2 + 1}",
        )
        addresses.append(
            cp.StandardAddress(
                id=f"a-{i}", text=parts.text(), building=f"b-{building}", parts=parts
            )
        )
    households = [cp.Household(id=f"h-{i}", address=f"a-{i}") for i in range(household_count)]
    persons = [
        cp.Person(
            id=f"p-{i}",
            name=f"居民{i}",
            id_card_number=id_card(rng, born(rng), taken=cards),
            phone=f"13{i:09d}",
        )
        for i in range(residents)
    ]
    residences = [
        cp.Residence(id=f"r-{i}", person=f"p-{i}", household=f"h-{i // 3}", period=start)
        for i in range(residents)
    ]
    posts, memberships = [], []
    staff = []
    posts.extend(
        cp.Post(
            id=f"post-pg-{i}",
            role=cp.Role.AUXILIARY_OFFICER,
            area=area(cp.AreaKind.POLICE_GRID, f"pg-{i}"),
        )
        for i in range(200)
    )
    posts.extend(
        cp.Post(
            id=f"post-pd-{i}",
            role=cp.Role.COMMUNITY_OFFICER,
            area=area(cp.AreaKind.POLICING_DISTRICT, f"pd-{i}"),
        )
        for i in range(50)
    )
    for i in range(1000):
        posts.append(
            cp.Post(
                id=f"post-mg-{i}",
                role=cp.Role.GRID_WORKER,
                area=area(cp.AreaKind.MANAGEMENT_GRID, f"mg-{i}"),
            )
        )
        posts.append(
            cp.Post(
                id=f"post-vol-{i}",
                role=cp.Role.SAFETY_VOLUNTEER,
                area=area(cp.AreaKind.MANAGEMENT_GRID, f"mg-{i}"),
            )
        )
    for post in posts:
        if post.role is not cp.Role.SAFETY_VOLUNTEER and rng.random() < 0.98:
            staff.append(cp.Person(id=f"s-{post.id}", name=f"工作人员{len(staff)}"))
            memberships.append(
                cp.Membership(id=f"m-{post.id}", person=staff[-1].id, post=post.id, period=start)
            )
    memberships.extend(
        cp.Membership(
            id=f"m-vol-{i}",
            person=f"p-{i * 197 % residents}",
            post=f"post-vol-{i % 1000}",
            period=start,
        )
        for i in range(5000)
    )
    teams = [
        cp.Team(id=f"t-{i}", name=f"队伍{i}", purpose=cp.TeamPurpose.GUARD) for i in range(200)
    ]
    assignments = [
        cp.AreaAssignment(
            id=f"as-{i}", team=f"t-{i}", area=area(cp.AreaKind.POLICE_GRID, f"pg-{i}"), period=start
        )
        for i in range(200)
    ]
    memberships.extend(
        cp.Membership(
            id=f"m-team-{i}",
            person=f"p-{i * 991 % residents}",
            team=f"t-{i % 200}",
            period=start,
            role=cp.Role.SAFETY_VOLUNTEER,
        )
        for i in range(1000)
    )
    return cp.Jurisdiction(
        id="city",
        name="示例市",
        counties=(county,),
        townships=tuple(townships),
        sub_bureaus=(cp.SubBureau(id="sb", name="分局", code="370899000000"),),
        police_stations=tuple(stations),
        policing_districts=tuple(districts),
        police_grids=tuple(grids),
        communities=tuple(communities),
        management_grids=tuple(management_grids),
        buildings=tuple(buildings),
        standard_addresses=tuple(addresses),
        households=tuple(households),
        persons=tuple(persons + staff),
        residences=tuple(residences),
        teams=tuple(teams),
        posts=tuple(posts),
        memberships=tuple(memberships),
        area_assignments=tuple(assignments),
    )


def floor_lists(doc: cp.Jurisdiction) -> tuple[list[Any], list[Any]]:
    """The very nodes and edges the library inserts, prepared ahead."""
    nodes: list[Any] = []
    edges: list[Any] = []
    for name, cls in cp.COLLECTIONS.items():
        kind = cls.KIND
        for model in getattr(doc, name):
            if kind in RECORD_MODELS:
                source, target, relation = relation_of(model)
                key = f"{kind}:{model.id}"
                edges.append((source, target, key, {"relation": relation, "record": model}))
                continue
            node = f"{kind}:{model.id}"
            nodes.append((node, {"model": model, "kind": kind}))
            for field, target_kind, relation in FIELD_RELATIONS.get(kind, ()):
                value = getattr(model, field)
                if value is not None:
                    target = str(value) if target_kind is None else f"{target_kind}:{value}"
                    edges.append(
                        (node, target, relation.value, {"relation": relation, "record": None})
                    )
    return nodes, edges


def floor_build(nodes: list[Any], edges: list[Any]) -> nx.MultiDiGraph[str]:
    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.add_nodes_from(nodes)
    g.add_edges_from(edges)  # type: ignore[arg-type]
    return g


def timed(fn: Any) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    result = fn()
    return time.perf_counter() - started, result


def traced(fn: Any) -> int:
    gc.collect()
    tracemalloc.start()
    result = fn()
    gc.collect()
    size = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    del result
    return size


def latencies(fn: Any, arguments: list[Any]) -> tuple[float, float]:
    times = []
    clock = time.perf_counter_ns
    for argument in arguments:
        started = clock()
        fn(argument)
        times.append(clock() - started)
    times.sort()
    return statistics.median(times) / 1000, times[int(len(times) * 0.95)] / 1000


def main() -> None:
    residents = size_argument(RESIDENTS, 3000)
    queries = 200 if smoke() else QUERIES
    started = time.perf_counter()
    doc = build_city(residents)
    print(
        f"city document built and validated in {time.perf_counter() - started:.1f}s: "
        f"{sum(1 for _ in doc.entities())} entities"
    )

    # The library pauses the cyclic collector while it builds; "gc on" is the user's default,
    # "gc off" shows the same work with the collector disabled for both.
    results: dict[str, tuple[float, float]] = {}
    for label, collector in (("gc on", True), ("gc off", False)):
        builds, floors = [], []
        for _ in range(2):
            nodes, edges = floor_lists(doc)
            (gc.enable if collector else gc.disable)()
            seconds, graph = timed(lambda: cp.CommunityGraph.from_jurisdiction(doc))
            builds.append(seconds)
            del graph
            seconds, bare = timed(lambda nodes=nodes, edges=edges: floor_build(nodes, edges))
            floors.append(seconds)
            gc.enable()
            del bare, nodes, edges
        results[label] = (min(builds), min(floors))
        print(
            f"{label}: build={min(builds):.2f}s floor={min(floors):.2f}s "
            f"build_vs_floor={min(builds) / min(floors):.2f} (best of 2)"
        )
    build_s, floor_s = results["gc on"]

    ours_bytes = traced(lambda: cp.CommunityGraph.from_jurisdiction(doc))
    floor_bytes = traced(lambda: floor_build(*floor_lists(doc)))

    graph = cp.CommunityGraph.from_jurisdiction(doc)
    g = graph.networkx
    print(f"graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges")
    rng = random.Random(5)
    people = [f"person:p-{rng.randrange(residents)}" for _ in range(queries)]
    places = [f"standard_address:a-{rng.randrange(residents // 3)}" for _ in range(queries)]
    day = date(2025, 1, 1)
    officer = next(m.person for m in doc.memberships if m.post and m.post.startswith("post-pd-"))
    access = cp.Access(officer, "benchmark")
    locate_p50, locate_p95 = latencies(
        lambda person: cp.locate(graph, person, access=access, as_of=day), people
    )
    responsible_p50, responsible_p95 = latencies(
        lambda place: cp.responsible(graph, place, as_of=day), places
    )
    town = cp.responsible(graph, places[0], as_of=day)
    if town.police_grid is None or not town.community_officers:
        raise SystemExit("the synthetic city is not wired as intended")

    print(f"memory: ours={ours_bytes / 2**20:.0f} MiB floor={floor_bytes / 2**20:.0f} MiB")
    print(
        f"locate: p50={locate_p50:.1f}us p95={locate_p95:.1f}us; "
        f"responsible: p50={responsible_p50:.1f}us p95={responsible_p95:.1f}us"
    )
    print(
        f"build_vs_floor={build_s / floor_s:.2f} mem_vs_floor={ours_bytes / floor_bytes:.2f} "
        f"locate_p50_us={locate_p50:.1f} responsible_p50_us={responsible_p50:.1f}"
    )


if __name__ == "__main__":
    sys.exit(main())
