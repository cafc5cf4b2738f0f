"""Exact police-grid planning: set partitioning over every feasible grid (needs ``highspy``).

Every connected set of units within its cap (and holding no pair that must stay apart) is a
candidate grid; the plan is the fewest candidates covering every unit exactly once, solved as
an integer programme by HiGHS. Candidates are enumerated once each with Wernicke's ESU rule
(grow a set only by its anchor's larger neighbours, and only through the exclusive
neighbourhood of the unit just added), pruned as soon as a set is over its cap: a superset of
an over-cap set is over its cap too.
"""

from __future__ import annotations

import contextlib
import math
import os
import sys
from math import ceil
from pathlib import Path
from typing import TYPE_CHECKING, Any

from community_policing.errors import ValidationError
from community_policing.extras import require

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence

    from community_policing.planning._instance import Instance
    from community_policing.planning._partition import Deadline

#: Above this many candidate grids in one component, exact planning is refused.
MAX_CANDIDATES = 2_000_000


def candidates(inst: Instance, component: Sequence[int]) -> list[tuple[int, ...]]:
    """Every feasible grid of one component, each listed once."""
    inside = set(component)
    adj = [[w for w in inst.adj[u] if w in inside] if u in inside else [] for u in range(inst.n)]
    weight, cap, apart = inst.weight, inst.cap, inst.apart
    found: list[tuple[int, ...]] = []

    def grow(
        members: list[int], closed: set[int], extension: list[int], load: int, limit: int
    ) -> None:
        found.append(tuple(sorted(members)))
        if len(found) > MAX_CANDIDATES:
            raise ValidationError(
                entity="plan",
                field="method",
                rule="too_large",
                reason=f"more than {MAX_CANDIDATES:,} candidate grids; use the heuristic",
            )
        pending = list(extension)
        while pending:
            unit = pending.pop()
            new_load, new_limit = load + weight[unit], min(limit, cap[unit])
            if new_load > new_limit:
                continue
            if apart is not None and any(other in apart[unit] for other in members):
                continue
            exclusive = [
                w for w in adj[unit] if w > members[0] and w not in closed and w not in pending
            ]
            members.append(unit)
            grow(
                members,
                closed | set(exclusive),
                pending + exclusive,
                new_load,
                new_limit,
            )
            members.pop()

    for anchor in component:
        if weight[anchor] > cap[anchor]:
            continue
        start = [w for w in adj[anchor] if w > anchor]
        grow([anchor], {anchor, *adj[anchor]}, start, weight[anchor], cap[anchor])
    return found


@contextlib.contextmanager
def _quiet_stdout() -> Iterator[None]:
    """Keep HiGHS's banner, which its constructor writes to the C stdout, off the console."""
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        with Path(os.devnull).open("wb") as sink:
            os.dup2(sink.fileno(), 1)
            yield
    finally:
        os.dup2(saved, 1)
        os.close(saved)


def solve_exact(
    inst: Instance,
    component: Sequence[int],
    deadline: Deadline,
    start: Sequence[Sequence[int]],
    known: int = 0,
) -> tuple[list[list[int]], int]:
    """The fewest grids for one component, and the proven lower bound on that number.

    ``start`` is a known plan of the component (the heuristic's); the solver begins from it,
    and it is returned unchanged when it already meets the simple bound or ``known``, a bound
    proven before (the component planned exactly).
    """
    bound = max(inst.bound(component), known)
    if len(start) <= bound:
        return [list(part) for part in start], bound
    highspy: Any = require("highspy", extra="exact")

    sets = candidates(inst, component)
    row = {unit: index for index, unit in enumerate(component)}
    starts: list[int] = [0]
    indexes: list[int] = []
    for members in sets:
        indexes.extend(row[unit] for unit in members)
        starts.append(len(indexes))
    model = highspy.HighsLp()
    model.num_col_ = len(sets)
    model.num_row_ = len(component)
    model.col_cost_ = [1.0] * len(sets)
    model.col_lower_ = [0.0] * len(sets)
    model.col_upper_ = [1.0] * len(sets)
    model.row_lower_ = [1.0] * len(component)
    model.row_upper_ = [1.0] * len(component)
    model.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    model.a_matrix_.start_ = starts
    model.a_matrix_.index_ = indexes
    model.a_matrix_.value_ = [1.0] * len(indexes)
    model.integrality_ = [highspy.HighsVarType.kInteger] * len(sets)
    with _quiet_stdout():
        solver = highspy.Highs()
    solver.setOptionValue("output_flag", False)  # noqa: FBT003  (HiGHS's own signature)
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("random_seed", 0)
    solver.setOptionValue("mip_rel_gap", 0.0)
    if deadline.at is not None:
        import time  # noqa: PLC0415

        solver.setOptionValue("time_limit", max(0.01, deadline.at - time.monotonic()))
    solver.passModel(model)
    column = {members: index for index, members in enumerate(sets)}
    warm = highspy.HighsSolution()
    values = [0.0] * len(sets)
    for part in start:
        values[column[tuple(sorted(part))]] = 1.0
    warm.col_value = values
    solver.setSolution(warm)
    solver.run()
    values = solver.getSolution().col_value
    chosen = [list(sets[index]) for index, value in enumerate(values) if value > 0.5]
    if len(chosen) >= len(start) or sorted(u for part in chosen for u in part) != component:
        chosen = [list(part) for part in start]
    if solver.getModelStatus() != highspy.HighsModelStatus.kOptimal:
        deadline.reached = True
    # A solver stopped before it proved anything reports an infinite (or NaN) dual bound.
    dual = solver.getInfo().mip_dual_bound
    proven = ceil(dual - 1e-6) if math.isfinite(dual) else bound
    return chosen, max(bound, proven)
