"""How fast the hypothesis strategies draw whole jurisdictions.

Runs a property test (hypothesis' own engine, database off, default health checks) over
``jurisdictions`` of about 200 residents and of about 5,000 residents, and reports examples per
second. The floor named by the issue is the target itself: at least 50 small examples a second,
so a 100-example property test of an app takes about two seconds.

Run: ``.venv/bin/python benchmarks/bench_strategies.py [--smoke]``; ``--smoke`` draws 20 small
and 2 large examples.
"""

from __future__ import annotations

import sys
import time

from _timing import smoke
from hypothesis import given, settings

from community_policing.testing import strategies as cps

SMALL = {
    "residents": 200,
    "households": 70,
    "buildings": 12,
    "management_grids": 6,
    "communities": 4,
    "police_grids": 3,
}
LARGE = {
    "residents": 5000,
    "households": 1700,
    "buildings": 120,
    "management_grids": 40,
    "communities": 20,
    "police_grids": 8,
}


def per_second(sizes: dict[str, int], examples: int) -> float:
    drawn = []

    @settings(max_examples=examples, database=None, deadline=None)
    @given(cps.jurisdictions(**sizes))
    def property_test(doc: object) -> None:
        drawn.append(doc)

    started = time.perf_counter()
    property_test()
    return len(drawn) / (time.perf_counter() - started)


def main() -> None:
    small = per_second(SMALL, 20 if smoke() else 200)
    large = per_second(LARGE, 2 if smoke() else 20)
    print(f"~200 residents: {small:.1f} examples/s (target >= 50)")
    print(f"~5,000 residents: {large:.1f} examples/s")
    print(f"small_per_s={small:.1f} large_per_s={large:.1f}")


if __name__ == "__main__":
    sys.exit(main())
