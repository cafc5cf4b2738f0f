"""All default policy checks over the 1,000,000-resident synthetic city of bench_graph.

In one run it times ``check(graph)`` with the default checks and, as the yardstick, one plain
pass over every node and every edge of the same graph (reading each attribute dict), and prints
``checks_s`` and ``checks_vs_scan``. Best of three each.

Run: ``.venv/bin/python benchmarks/bench_checks.py [residents] [--smoke]``; ``--smoke`` checks a
city of 3,000 residents.
"""

from __future__ import annotations

import gc
import sys
import time
from datetime import date
from typing import Any

from _timing import size_argument
from bench_graph import RESIDENTS, build_city

import community_policing as cp


def best(fn: Any, repeats: int = 3) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeats):
        gc.collect()
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return min(times), result


def scan(graph: cp.CommunityGraph) -> int:
    """One plain pass over all nodes and edges, touching each attribute dict."""
    g = graph.networkx
    seen = 0
    for _, data in g.nodes(data=True):
        seen += len(data)
    for _, _, _, data in g.edges(keys=True, data=True):
        seen += len(data)
    return seen


def main() -> None:
    residents = size_argument(RESIDENTS, 3000)
    graph = cp.CommunityGraph.from_jurisdiction(build_city(residents))
    day = date(2025, 1, 1)
    checks_s, report = best(lambda: cp.policies.check(graph, as_of=day))
    scan_s, _ = best(lambda: scan(graph))
    print(
        f"graph: {graph.networkx.number_of_nodes()} nodes, {graph.networkx.number_of_edges()} edges"
    )
    print(
        f"checks: {len(report.checks)} run, {len(report.violations)} violation(s), "
        f"failed {report.failed}"
    )
    print(f"checks={checks_s:.3f}s scan={scan_s:.3f}s")
    print(f"checks_s={checks_s:.3f} checks_vs_scan={checks_s / scan_s:.2f}")


if __name__ == "__main__":
    sys.exit(main())
