"""The planner (警格划分): police grids for any adjacency, with a proof of how good they are.

:func:`plan_police_grids` takes the units a station plans with and who borders whom: optimal
cuts of many spanning trees, then a local search that empties grids into their neighbours; the
result says how far it is from the lower bound, or that it is optimal. An exact mode
(``method="exact"``, the ``exact`` extra) solves small stations to proven optimality.

Examples:
    >>> import networkx as nx
    >>> from community_policing import AreaSetting
    >>> units = [PlanningUnit(u, 1000, AreaSetting.RURAL) for u in "abcd"]
    >>> result = plan_police_grids(units, nx.path_graph("abcd"))
    >>> len(result.grids), result.proven_optimal
    (2, True)
"""

from __future__ import annotations

import itertools
import random
from math import ceil
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs
import networkx as nx

from community_policing.errors import shown
from community_policing.extras import require
from community_policing.model import validators as v
from community_policing.model.territory import DEFAULT_POPULATION_CAPS
from community_policing.model.vocab import AreaSetting
from community_policing.planning import _instance, _partition
from community_policing.planning.bounds import refuse

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

__all__ = ["Plan", "PlannedGrid", "PlanningUnit", "plan_police_grids"]


@attrs.frozen
class PlanningUnit:
    """A unit to plan: a village, community or management grid with its population.

    Examples:
        >>> from community_policing import AreaSetting
        >>> PlanningUnit("v-shedong", 1650, AreaSetting.RURAL).population
        1650
    """

    KIND: ClassVar[str] = "planning_unit"

    id: str = attrs.field(validator=v.identifier)
    population: int = attrs.field(validator=v.count)
    setting: AreaSetting = attrs.field(validator=v.member_of(AreaSetting))


@attrs.frozen
class PlannedGrid:
    """One police grid of a plan (规划警格).

    Attributes:
        units: The unit ids, sorted.
        population: People in the grid.
        setting: Rural when any unit is rural (the stricter standard), else urban.
        cap: The most people the grid may hold: the smallest cap among its units' settings.
        kept: The grid was an existing grid kept as it was.

    Examples:
        >>> from community_policing import AreaSetting
        >>> grid = PlannedGrid(("v-1", "v-2"), 2700, AreaSetting.RURAL, 3000)
        >>> grid.load, grid.over_cap
        (0.9, False)
    """

    units: tuple[str, ...]
    population: int
    setting: AreaSetting
    cap: int
    kept: bool = False

    @property
    def officers_needed(self) -> int:
        """1, or ``ceil(population / cap)`` for a grid over its cap (a lone over-cap unit)."""
        return max(1, ceil(self.population / self.cap))

    @property
    def load(self) -> float:
        """Population as a share of the cap."""
        return self.population / self.cap

    @property
    def over_cap(self) -> bool:
        """Whether the grid holds more people than its cap (an over-cap unit, flagged)."""
        return self.population > self.cap


@attrs.frozen
class Plan:
    """A plan of police grids, measured against the bound no plan can beat.

    Attributes:
        grids: The planned grids, ordered by their first unit; an over-cap unit stands alone
            with ``officers_needed > 1``.
        lower_bound: No plan with the same kept grids and constraints uses fewer grids; in
            exact mode the solver's proven bound, otherwise :func:`lower_bound` per component.
        cut_share: Share of adjacencies that run between two grids (lower is more compact).
        timed_out: The time limit stopped the search, so the plan is the best found in time
            (and may differ between machines); otherwise the same input and seed give the
            same plan.

    Examples:
        >>> import networkx as nx
        >>> from community_policing import AreaSetting
        >>> units = [PlanningUnit(u, 1000, AreaSetting.RURAL) for u in "abc"]
        >>> result = plan_police_grids(units, nx.path_graph("abc"))
        >>> len(result.grids), result.lower_bound, result.proven_optimal, result.gap
        (1, 1, True, 0.0)
    """

    grids: tuple[PlannedGrid, ...]
    lower_bound: int
    cut_share: float
    timed_out: bool = False

    @property
    def _loads(self) -> list[float]:
        return [grid.load for grid in self.grids if not grid.over_cap]

    @property
    def max_load(self) -> float:
        """The largest population / cap over the grids within their cap."""
        return max(self._loads, default=0.0)

    @property
    def load_cv(self) -> float:
        """Coefficient of variation of those loads (0 is perfectly balanced)."""
        loads = self._loads
        if not loads:
            return 0.0
        mean = sum(loads) / len(loads)
        return (
            (sum((load - mean) ** 2 for load in loads) / len(loads)) ** 0.5 / mean if mean else 0.0
        )

    @property
    def gap(self) -> float:
        """How far above the lower bound the plan is, as a ratio (0 when proven optimal)."""
        return (len(self.grids) - self.lower_bound) / self.lower_bound if self.lower_bound else 0.0

    @property
    def proven_optimal(self) -> bool:
        """Whether the plan uses no more grids than the lower bound."""
        return len(self.grids) <= self.lower_bound

    @property
    def officers_needed(self) -> int:
        """Officers the plan needs: one per grid, more for an over-cap unit."""
        return sum(grid.officers_needed for grid in self.grids)


def plan_police_grids(
    units: Iterable[PlanningUnit],
    adjacency: nx.Graph[Any],
    *,
    caps: Mapping[AreaSetting, int] | None = None,
    together: Iterable[Iterable[str]] = (),
    apart: Iterable[tuple[str, str]] = (),
    keep: Iterable[Iterable[str]] = (),
    seed: int = 0,
    time_limit: float | None = 60.0,
    method: Literal["heuristic", "exact"] = "heuristic",
) -> Plan:
    """Group adjacent units into connected police grids within their caps, using few grids.

    Every grid is connected in ``adjacency`` and holds no more people than its cap, the
    smallest cap among its units' settings (a grid mixing a town and a village is held to the
    rural standard). A unit over its cap is never merged: it stands alone, flagged with the
    officers it needs. Units in separate components are planned separately.

    The heuristic cuts many spanning trees of each component optimally and keeps the best cut,
    then empties grids into their neighbours (a tabu search repairs any overload), re-plans
    small clusters of grids from random trees to escape local optima, and finally evens out
    the loads. It stops as soon as every component meets its lower bound.

    Args:
        units: The units, with populations and settings.
        adjacency: Which units border each other (unit ids as nodes).
        caps: People per grid by setting (default 5,000 urban, 3,000 rural).
        together: Groups of units that must share a grid; each group must be connected.
        apart: Pairs of units that must not share a grid (two villages in a feud, say).
        keep: Existing grids to keep exactly as they are; the rest is planned around them.
        seed: Seed of the search; the same input and seed give the same plan.
        time_limit: Seconds the search may take (``None`` for no limit); a plan stopped by it
            says so in :attr:`Plan.timed_out`.
        method: ``"heuristic"`` (default, no extra needed) or ``"exact"``: set partitioning
            over every feasible grid, solved by HiGHS (``pip install
            community-policing[exact]``), practical up to a few hundred units.

    Raises:
        ValidationError: an adjacency node is not a unit, a unit is duplicated, a constraint
            names an unknown unit or contradicts another, or the exact mode is unavailable.

    Examples:
        >>> import networkx as nx
        >>> from community_policing import AreaSetting
        >>> villages = [PlanningUnit(f"v{i}", p, AreaSetting.RURAL)
        ...             for i, p in enumerate([1200, 1700, 900, 2100, 800, 1300])]
        >>> result = plan_police_grids(villages, nx.path_graph([f"v{i}" for i in range(6)]))
        >>> [grid.units for grid in result.grids], result.proven_optimal
        ([('v0', 'v1'), ('v2', 'v3'), ('v4', 'v5')], True)
    """
    by_id, graph, caps = _checked_input(units, adjacency, caps, method)
    kept = _kept(keep, by_id, graph)
    groups = _groups(together, by_id, graph, kept)
    pairs = _pairs(apart, by_id, groups)
    for grid in kept:
        clash = next(((a, b) for a, b in pairs if a in grid and b in grid), None)
        if clash is not None:
            raise refuse(
                "keep", "apart", f"kept grid holds {shown(clash[0])} and {shown(clash[1])}"
            )
    inst, members = _search_instance(graph, by_id, caps, kept, groups, pairs)
    deadline = _partition.Deadline(time_limit)
    rng = random.Random(seed)  # noqa: S311  (reproducible plans, not secrets)
    found, proven = _partition.solve(inst, rng=rng, deadline=deadline)
    bound = sum(1 for unit in range(inst.n) if inst.over_cap(unit))
    components = inst.components()
    if method == "exact":
        from community_policing.planning import _exact  # noqa: PLC0415  (loaded when asked for)

        require("highspy", extra="exact")
        exact: list[list[int]] = [part for part in found if inst.over_cap(part[0])]
        for component, known in zip(components, proven, strict=True):
            inside = set(component)
            start = [part for part in found if part[0] in inside]
            chosen, solved = _exact.solve_exact(inst, component, deadline, start, known)
            exact.extend(chosen)
            bound += max(known, solved)
        found = exact
    else:
        bound += sum(proven)

    parts = [frozenset(u for group in part for u in members[group]) for part in found]
    grids = [_planned(part, by_id, caps, kept=False) for part in parts]
    grids.extend(_planned(grid, by_id, caps, kept=True) for grid in kept)
    grids.sort(key=lambda grid: grid.units[0])
    return _measured(tuple(grids), bound + len(kept), graph, timed_out=deadline.reached)


def _checked_input(
    units: Iterable[PlanningUnit],
    adjacency: nx.Graph[Any],
    caps: Mapping[AreaSetting, int] | None,
    method: str,
) -> tuple[dict[str, PlanningUnit], nx.Graph[Any], dict[AreaSetting, int]]:
    by_id: dict[str, PlanningUnit] = {}
    for unit in units:
        if unit.id in by_id:
            raise refuse("units", "duplicate_id", f"{shown(unit.id)} twice")
        by_id[unit.id] = unit
    stray = [node for node in adjacency if node not in by_id]
    if stray:
        raise refuse(
            "adjacency",
            "reference",
            f"{len(stray)} adjacency node(s) are not units, such as {shown(stray[0])}",
        )
    if method not in ("heuristic", "exact"):
        raise refuse("method", "choice", f"{shown(method)} is not 'heuristic' or 'exact'")
    chosen = {**DEFAULT_POPULATION_CAPS, **(caps or {})}
    for setting, cap in chosen.items():
        if type(cap) is not int or cap < 1:
            raise refuse("caps", "positive", f"the {setting.value} cap must be above 0")
    graph: nx.Graph[Any] = nx.Graph()
    graph.add_nodes_from(sorted(by_id))
    graph.add_edges_from(adjacency.edges())
    return by_id, graph, chosen


def _search_instance(  # noqa: PLR0917  (the checked pieces of one request)
    graph: nx.Graph[Any],
    by_id: Mapping[str, PlanningUnit],
    caps: Mapping[AreaSetting, int],
    kept: Sequence[frozenset[str]],
    groups: Mapping[str, tuple[str, ...]],
    pairs: Sequence[tuple[str, str]],
) -> tuple[_instance.Instance, list[list[str]]]:
    """The search's view: one node per free unit or must-stay-together group."""
    fixed = {unit for grid in kept for unit in grid}
    group_of: dict[str, int] = {}
    members: list[list[str]] = []
    for unit in graph:
        if unit in fixed or unit in group_of:
            continue
        group = groups.get(unit, (unit,))
        for member in group:
            group_of[member] = len(members)
        members.append(sorted(group))
    neighbours: list[set[int]] = [set() for _ in members]
    for first, second in graph.edges():
        if first in group_of and second in group_of and group_of[first] != group_of[second]:
            neighbours[group_of[first]].add(group_of[second])
            neighbours[group_of[second]].add(group_of[first])
    conflicts: list[set[int]] = [set() for _ in members]
    for first, second in pairs:
        if first in group_of and second in group_of:
            conflicts[group_of[first]].add(group_of[second])
            conflicts[group_of[second]].add(group_of[first])
    inst = _instance.Instance(
        [sum(by_id[u].population for u in group) for group in members],
        [min(caps[by_id[u].setting] for u in group) for group in members],
        [sorted(found) for found in neighbours],
        [frozenset(found) for found in conflicts],
    )
    return inst, members


def _known(unit: str, by_id: Mapping[str, PlanningUnit], field: str) -> str:
    if unit not in by_id:
        raise refuse(field, "reference", f"{shown(unit)} is not a unit")
    return unit


def _kept(
    keep: Iterable[Iterable[str]], by_id: Mapping[str, PlanningUnit], graph: nx.Graph[Any]
) -> list[frozenset[str]]:
    kept: list[frozenset[str]] = []
    seen: set[str] = set()
    for grid in keep:
        units = frozenset(_known(unit, by_id, "keep") for unit in grid)
        if not units:
            raise refuse("keep", "empty", "a kept grid needs at least one unit")
        if units & seen:
            raise refuse("keep", "overlap", f"{shown(min(units & seen))} is in two kept grids")
        if not nx.is_connected(graph.subgraph(units)):
            raise refuse("keep", "connected", f"kept grid {sorted(units)} is not connected")
        seen |= units
        kept.append(units)
    return kept


def _groups(
    together: Iterable[Iterable[str]],
    by_id: Mapping[str, PlanningUnit],
    graph: nx.Graph[Any],
    kept: Sequence[frozenset[str]],
) -> dict[str, tuple[str, ...]]:
    """Each unit of a must-stay-together group mapped to its whole group (overlaps joined)."""
    joined: nx.Graph[str] = nx.Graph()
    for group in together:
        units = [_known(unit, by_id, "together") for unit in group]
        joined.add_nodes_from(units)
        joined.add_edges_from(itertools.pairwise(units))
    groups: dict[str, tuple[str, ...]] = {}
    for component in nx.connected_components(joined):
        if not nx.is_connected(graph.subgraph(component)):
            raise refuse("together", "connected", f"units {sorted(component)} are not connected")
        split = {index for index, grid in enumerate(kept) if grid & component}
        if split and not any(component <= kept[index] for index in split):
            raise refuse("together", "keep", f"units {sorted(component)} straddle a kept grid")
        for unit in component:
            groups[unit] = tuple(sorted(component))
    return groups


def _pairs(
    apart: Iterable[tuple[str, str]],
    by_id: Mapping[str, PlanningUnit],
    groups: Mapping[str, tuple[str, ...]],
) -> list[tuple[str, str]]:
    pairs = []
    for first, second in apart:
        _known(first, by_id, "apart")
        _known(second, by_id, "apart")
        if first == second or second in groups.get(first, ()):
            raise refuse(
                "apart", "together", f"{shown(first)} and {shown(second)} must also stay together"
            )
        pairs.append((first, second))
    return pairs


def _planned(
    part: frozenset[str],
    by_id: Mapping[str, PlanningUnit],
    caps: Mapping[AreaSetting, int],
    *,
    kept: bool,
) -> PlannedGrid:
    population = sum(by_id[n].population for n in part)
    settings = {by_id[n].setting for n in part}
    cap = min(caps[setting] for setting in settings)
    return PlannedGrid(
        units=tuple(sorted(part)),
        population=population,
        setting=AreaSetting.RURAL if AreaSetting.RURAL in settings else AreaSetting.URBAN,
        cap=cap,
        kept=kept,
    )


def _measured(
    grids: tuple[PlannedGrid, ...], bound: int, graph: nx.Graph[Any], *, timed_out: bool
) -> Plan:
    owner = {unit: index for index, grid in enumerate(grids) for unit in grid.units}
    edges = graph.number_of_edges()
    cut = sum(1 for u, w in graph.edges() if owner[u] != owner[w])
    return Plan(
        grids=grids,
        lower_bound=bound,
        cut_share=cut / edges if edges else 0.0,
        timed_out=timed_out,
    )
