"""How good and how fast is police-grid planning?

Families (seeded, from ``_planning_instances``):

- county: 25, 50 and 100 rural units, 20 seeds each; the optimum comes from the exact mode
  (HiGHS set partitioning, the ``exact`` extra). Where HiGHS cannot prove the optimum within
  its time limit, its proven lower bound stands in for it, which can only make our figures
  look worse.
- mid: 225 rural units, 4 seeds, the same way.
- planted: 1,000, 5,000 and 40,000 units in blocks that fill the cap exactly.
- city: 5,000 and 40,000 urban units, against the lower bound.

Baselines in the same run: one random spanning tree cut optimally, and a greedy merge of
bordering grids (lightest pair that fits first).

Usage: ``.venv/bin/python benchmarks/bench_planner.py [--quick | --smoke] [--scale-only]``; the
last line holds the figures (``--scale-only`` skips the families measured against the optimum;
``--smoke`` runs each family once at a small size: county 25 and 45, mid 60, planted 150, city
300, with short time limits).
"""

from __future__ import annotations

import heapq
import random
import statistics
import sys
import time

import networkx as nx
from _planning_instances import CAPS, county, planted
from _timing import smoke

from community_policing import AreaSetting
from community_policing.planning import PlanningUnit, plan_police_grids, tree_partition

TIME_LIMIT = 55.0


def random_tree_cut(units: list[PlanningUnit], graph: nx.Graph, seed: int) -> int:
    """Baseline: cut one random spanning tree optimally."""
    rng = random.Random(seed)
    weighted = nx.Graph()
    weighted.add_nodes_from(graph)
    weighted.add_weighted_edges_from((u, w, rng.random()) for u, w in graph.edges())
    tree = nx.minimum_spanning_tree(weighted)
    people = {u.id: u.population for u in units}
    cap = CAPS[units[0].setting]
    return len(tree_partition(tree, people, cap=cap))


def greedy_merge(units: list[PlanningUnit], graph: nx.Graph) -> int:
    """Baseline: start from single units, merge the lightest bordering pair that fits."""
    cap = CAPS[units[0].setting]
    load = {u.id: u.population for u in units}
    leader = {u.id: u.id for u in units}

    def find(node: str) -> str:
        while leader[node] != node:
            leader[node] = leader[leader[node]]
            node = leader[node]
        return node

    heap = [(load[u] + load[w], u, w) for u, w in graph.edges()]
    heapq.heapify(heap)
    grids = len(units)
    while heap:
        joint, u, w = heapq.heappop(heap)
        a, b = find(u), find(w)
        if a == b:
            continue
        if load[a] + load[b] != joint:  # stale: requeue with the current loads
            heapq.heappush(heap, (load[a] + load[b], u, w))
            continue
        if joint <= cap:
            leader[a] = b
            load[b] = joint
            grids -= 1
    return grids


def optimum(units: list[PlanningUnit], graph: nx.Graph, limit: float) -> tuple[int, bool]:
    result = plan_police_grids(units, graph, method="exact", time_limit=limit)
    return (len(result.grids), True) if result.proven_optimal else (result.lower_bound, False)


def versus_optimum(sizes: list[int], seeds: int, limit: float) -> dict[str, list[float]]:
    found: dict[str, list[float]] = {"excess": [], "gap": [], "tree": [], "greedy": [], "ours": []}
    for size in sizes:
        for seed in range(seeds):
            units, graph = county(seed, size)
            ours = len(plan_police_grids(units, graph, seed=seed).grids)
            best, proven = optimum(units, graph, limit)
            found["excess"].append(ours - best)
            found["gap"].append((ours - best) / best)
            found["ours"].append(ours)
            found["tree"].append(random_tree_cut(units, graph, seed))
            found["greedy"].append(greedy_merge(units, graph))
            mark = "" if proven else " (bound; not proven in time)"
            print(f"  county {size} seed {seed}: ours {ours} optimum {best}{mark}", flush=True)
    return found


def main() -> None:
    quick = "--quick" in sys.argv
    scale_only = "--scale-only" in sys.argv
    seeds = 1 if smoke() else 4 if quick else 20
    limit = 1.0 if smoke() else TIME_LIMIT
    small = mid = None
    if not scale_only:
        print("county (25/50/100 units) against the optimum")
        small = versus_optimum([25, 45] if smoke() else [25, 50, 100], seeds, 120.0)
        print("mid (225 units) against the optimum")
        mid = versus_optimum([60] if smoke() else [225], 1 if smoke() else 2 if quick else 4, 300.0)

    print("planted optimum")
    planted_hits = []
    for size in (150,) if smoke() else (1000,) if quick else (1000, 5000, 40000):
        units, graph, blocks = planted(7, size)
        started = time.perf_counter()
        result = plan_police_grids(units, graph, time_limit=limit)
        took = time.perf_counter() - started
        planted_hits.append(len(result.grids) == blocks)
        print(f"  planted {size}: ours {len(result.grids)} optimum {blocks} in {took:.1f} s")

    print("city against the lower bound")
    city: dict[int, tuple[float, float, int, int, int]] = {}
    for size in (300,) if smoke() else (5000,) if quick else (5000, 40000):
        units, graph = county(1, size, AreaSetting.URBAN)
        started = time.perf_counter()
        result = plan_police_grids(units, graph, time_limit=limit)
        took = time.perf_counter() - started
        tree, greedy = random_tree_cut(units, graph, 1), greedy_merge(units, graph)
        city[size] = (took, result.gap, len(result.grids), tree, greedy)
        print(
            f"  city {size}: ours {len(result.grids)} (bound {result.lower_bound}, gap "
            f"{result.gap:.3f}, max load {result.max_load:.2f}, load cv {result.load_cv:.3f}) "
            f"in {took:.1f} s; random tree cut {tree}; greedy merge {greedy}"
        )

    largest = max(city)
    figures = ""
    if small is not None and mid is not None:
        every = {key: small[key] + mid[key] for key in small}
        print(
            f"mean grids: ours {statistics.mean(every['ours']):.2f}, random tree cut "
            f"{statistics.mean(every['tree']):.2f}, greedy merge "
            f"{statistics.mean(every['greedy']):.2f}"
        )
        share = sum(1 for e in small["excess"] if e <= 0) / len(small["excess"])
        figures = (
            f"county_opt_share={share:.3f} county_worst_excess={max(small['excess']):.0f} "
            f"mid_gap_to_opt={statistics.mean(mid['gap']):.4f} "
        )
    print(
        f"{figures}"
        f"planted_exact_share={sum(planted_hits) / len(planted_hits):.3f} "
        f"city{largest // 1000}k_s={city[largest][0]:.1f} "
        f"city{largest // 1000}k_gap_to_lb={city[largest][1]:.4f}"
    )


if __name__ == "__main__":
    main()
