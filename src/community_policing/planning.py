"""Police-grid planning (警格划分): one grid, one officer, with a proof of how good the plan is.

Cutting a territory into police grids (一格一警, source 004) groups *adjacent* units —
villages, communities or management grids — into connected grids whose population stays within
a cap (about 5,000 people in cities, 3,000 in the countryside), using as few grids (officers)
as possible. The problem is NP-hard on general adjacency and easy on trees:

- :func:`lower_bound` — no plan can use fewer grids: per connected component, the larger of
  ``ceil(population / cap)`` and the number of units above half the cap, plus one grid for
  every unit over the cap on its own.
- :func:`tree_partition` — the optimal plan of a tree or forest (Kundu and Misra's bottom-up
  rule).
- :func:`plan_police_grids` — the planner for any adjacency: optimal cuts of many spanning
  trees, then a local search that empties grids into their neighbours; the result says how far
  it is from the bound, or that it is optimal. An exact mode (``method="exact"``, the
  ``exact`` extra) solves small stations to proven optimality.
- :func:`planning_units` and :func:`apply_plan` read the units from a jurisdiction and write a
  plan back as police grids; :func:`assign_officers` staffs the planned grids.

Examples:
    >>> import networkx as nx
    >>> path = nx.path_graph(["a", "b", "c", "d"])
    >>> weights = {"a": 1800, "b": 1500, "c": 900, "d": 2500}
    >>> lower_bound(path, weights, cap=3000)
    3
    >>> sorted(sorted(part) for part in tree_partition(path, weights, cap=3000))
    [['a'], ['b', 'c'], ['d']]
"""

from __future__ import annotations

import itertools
import random
from math import ceil
from typing import TYPE_CHECKING, Any, ClassVar, Literal

import attrs
import networkx as nx

from community_policing import _partition
from community_policing import _validators as v
from community_policing.errors import ValidationError
from community_policing.territory import DEFAULT_POPULATION_CAPS, PoliceGrid
from community_policing.vocab import AreaSetting

if TYPE_CHECKING:
    from collections.abc import Hashable, Iterable, Mapping, Sequence

    from community_policing.jurisdiction import Jurisdiction

__all__ = [
    "Officer",
    "OfficerAssignment",
    "Plan",
    "PlannedGrid",
    "PlanningUnit",
    "apply_plan",
    "assign_officers",
    "lower_bound",
    "plan_police_grids",
    "planning_units",
    "plot_plan",
    "tree_partition",
]


def _refuse(field: str, rule: str, reason: str) -> ValidationError:
    return ValidationError(entity="plan", field=field, rule=rule, reason=reason)


def _indexed(
    graph: nx.Graph[Any], weights: Mapping[Any, int], cap: int
) -> tuple[list[Hashable], _partition.Instance]:
    """Number the graph's nodes in their own order and check every population and the cap."""
    if type(cap) is not int or cap < 1:
        raise _refuse("cap", "positive", "must be a whole number above 0")
    nodes = list(graph)
    index = {node: position for position, node in enumerate(nodes)}
    people = []
    for node in nodes:
        weight = weights.get(node)
        if type(weight) is not int or weight < 0:
            raise _refuse("weights", "population", f"unit {node!r} needs a population of 0 or more")
        people.append(weight)
    adj = [[index[other] for other in graph.neighbors(node)] for node in nodes]
    return nodes, _partition.Instance(people, [cap] * len(nodes), adj)


def lower_bound(graph: nx.Graph[Any], weights: Mapping[Any, int], *, cap: int) -> int:
    """The fewest grids any plan of ``graph``'s units can use under ``cap``.

    Args:
        graph: Units as nodes, adjacency as edges.
        weights: Population of every unit.
        cap: The most people one grid may hold.

    Raises:
        ValidationError: the cap is not positive or a unit has no valid population.

    Examples:
        >>> import networkx as nx
        >>> islands = nx.Graph()
        >>> islands.add_nodes_from(["north", "south"])
        >>> lower_bound(islands, {"north": 100, "south": 7000}, cap=3000)
        2
    """
    _, inst = _indexed(graph, weights, cap)
    over = sum(1 for unit in range(inst.n) if inst.over_cap(unit))
    return over + sum(inst.bound(component) for component in inst.components())


def tree_partition(
    graph: nx.Graph[Any], weights: Mapping[Any, int], *, cap: int
) -> list[frozenset[Any]]:
    """An optimal plan of a forest: the fewest connected parts within ``cap``.

    A unit over the cap is a part of its own (it needs ``ceil(population / cap)`` officers, but
    merging it with anything only makes that worse); the rest of each tree is cut bottom-up,
    closing the heaviest open part below a unit whenever the unit's part would exceed the cap.

    Raises:
        ValidationError: the graph has a cycle, the cap is not positive, or a unit has no
            valid population.

    Examples:
        >>> import networkx as nx
        >>> star = nx.star_graph(3)  # centre 0, leaves 1-3
        >>> len(tree_partition(star, {0: 10, 1: 50, 2: 60, 3: 70}, cap=100))
        3
    """
    nodes, inst = _indexed(graph, weights, cap)
    if not nx.is_forest(graph):
        raise _refuse("graph", "forest", "tree_partition needs an adjacency without cycles")
    parts = [[unit] for unit in range(inst.n) if inst.over_cap(unit)]
    for component in inst.components():
        order, parent = _partition.bfs_tree(inst, set(component), component[0])
        parts.extend(_partition.cut_tree(inst, order, parent))
    return [frozenset(nodes[unit] for unit in part) for part in parts]


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
            raise _refuse("keep", "apart", f"kept grid holds {clash[0]!r} and {clash[1]!r}")
    inst, members = _search_instance(graph, by_id, caps, kept, groups, pairs)
    deadline = _partition.Deadline(time_limit)
    rng = random.Random(seed)  # noqa: S311  (reproducible plans, not secrets)
    found = _partition.solve(inst, rng=rng, deadline=deadline)
    bound = sum(1 for unit in range(inst.n) if inst.over_cap(unit))
    components = inst.components()
    if method == "exact":
        from community_policing import _exact  # noqa: PLC0415  (the extra is optional)

        _exact.available()
        exact: list[list[int]] = [part for part in found if inst.over_cap(part[0])]
        for component in components:
            inside = set(component)
            start = [part for part in found if part[0] in inside]
            chosen, proven = _exact.solve_exact(inst, component, deadline, start)
            exact.extend(chosen)
            bound += proven
        found = exact
    else:
        bound += sum(inst.bound(component) for component in components)

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
            raise _refuse("units", "duplicate_id", f"{unit.id!r} twice")
        by_id[unit.id] = unit
    stray = [node for node in adjacency if node not in by_id]
    if stray:
        raise _refuse(
            "adjacency",
            "reference",
            f"{len(stray)} adjacency node(s) are not units, such as {stray[0]!r}",
        )
    if method not in ("heuristic", "exact"):
        raise _refuse("method", "choice", f"{method!r} is not 'heuristic' or 'exact'")
    chosen = {**DEFAULT_POPULATION_CAPS, **(caps or {})}
    for setting, cap in chosen.items():
        if type(cap) is not int or cap < 1:
            raise _refuse("caps", "positive", f"the {setting.value} cap must be above 0")
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
) -> tuple[_partition.Instance, list[list[str]]]:
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
    inst = _partition.Instance(
        [sum(by_id[u].population for u in group) for group in members],
        [min(caps[by_id[u].setting] for u in group) for group in members],
        [sorted(found) for found in neighbours],
        [frozenset(found) for found in conflicts],
    )
    return inst, members


def _known(unit: str, by_id: Mapping[str, PlanningUnit], field: str) -> str:
    if unit not in by_id:
        raise _refuse(field, "reference", f"{unit!r} is not a unit")
    return unit


def _kept(
    keep: Iterable[Iterable[str]], by_id: Mapping[str, PlanningUnit], graph: nx.Graph[Any]
) -> list[frozenset[str]]:
    kept: list[frozenset[str]] = []
    seen: set[str] = set()
    for grid in keep:
        units = frozenset(_known(unit, by_id, "keep") for unit in grid)
        if not units:
            raise _refuse("keep", "empty", "a kept grid needs at least one unit")
        if units & seen:
            raise _refuse("keep", "overlap", f"{min(units & seen)!r} is in two kept grids")
        if not nx.is_connected(graph.subgraph(units)):
            raise _refuse("keep", "connected", f"kept grid {sorted(units)} is not connected")
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
            raise _refuse("together", "connected", f"units {sorted(component)} are not connected")
        split = {index for index, grid in enumerate(kept) if grid & component}
        if split and not any(component <= kept[index] for index in split):
            raise _refuse("together", "keep", f"units {sorted(component)} straddle a kept grid")
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
            raise _refuse("apart", "together", f"{first!r} and {second!r} must also stay together")
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


@attrs.frozen
class Officer:
    """An officer or auxiliary available for a police grid, with the unit they live in, if known.

    Examples:
        >>> Officer("p-li-qiang", home="v-shedong").home
        'v-shedong'
    """

    KIND: ClassVar[str] = "officer"

    person: str = attrs.field(validator=v.identifier)
    home: str | None = attrs.field(default=None, validator=v.optional_identifier)


@attrs.frozen
class OfficerAssignment:
    """Who staffs which planned grid.

    Attributes:
        assignments: (grid index in the plan, person id) pairs.
        unstaffed: Indexes of grids left without anyone.
        shortfall: How many more people the plan needs (one per grid).
        near_home: How many people were placed in a grid containing or bordering their home.

    Examples:
        >>> OfficerAssignment(assignments=((0, "p-1"),), unstaffed=(1,), shortfall=1,
        ...                   near_home=0).shortfall
        1
    """

    assignments: tuple[tuple[int, str], ...]
    unstaffed: tuple[int, ...]
    shortfall: int
    near_home: int


def assign_officers(
    planned: Plan, officers: Iterable[Officer], adjacency: nx.Graph[Any]
) -> OfficerAssignment:
    """One officer or auxiliary per planned grid, near home where possible.

    A grid containing an officer's home unit is preferred, then a grid bordering it, then any;
    as many grids as possible are staffed (a maximum-weight matching), and the shortfall is
    reported when there are fewer people than grids.

    Examples:
        >>> import networkx as nx
        >>> from community_policing import AreaSetting
        >>> units = [PlanningUnit(f"v{i}", 1500, AreaSetting.RURAL) for i in range(4)]
        >>> result = plan_police_grids(units, nx.path_graph(["v0", "v1", "v2", "v3"]))
        >>> staffed = assign_officers(result, [Officer("p-1", home="v3")],
        ...                           nx.path_graph(["v0", "v1", "v2", "v3"]))
        >>> staffed.assignments, staffed.shortfall, staffed.near_home
        (((1, 'p-1'),), 1, 1)
    """
    people = list(officers)
    grid_of = {unit: index for index, grid in enumerate(planned.grids) for unit in grid.units}
    candidates: nx.Graph[Any] = nx.Graph()
    for index in range(len(planned.grids)):
        candidates.add_node(("grid", index))
    for officer in people:
        near: dict[int, int] = {}
        if officer.home is not None and officer.home in grid_of:
            near[grid_of[officer.home]] = 3
            if officer.home in adjacency:
                for neighbour in adjacency.neighbors(officer.home):
                    if neighbour in grid_of:
                        near.setdefault(grid_of[neighbour], 2)
        for index in range(len(planned.grids)):
            candidates.add_edge(
                ("person", officer.person), ("grid", index), weight=near.get(index, 1)
            )
    matching = nx.max_weight_matching(candidates, maxcardinality=True)
    assignments = []
    near_home = 0
    for first, second in matching:
        person, grid = (first, second) if first[0] == "person" else (second, first)
        assignments.append((grid[1], person[1]))
        if candidates.edges[first, second]["weight"] > 1:
            near_home += 1
    assignments.sort()
    staffed = {index for index, _ in assignments}
    unstaffed = tuple(index for index in range(len(planned.grids)) if index not in staffed)
    return OfficerAssignment(
        assignments=tuple(assignments),
        unstaffed=unstaffed,
        shortfall=max(0, len(planned.grids) - len(people)),
        near_home=near_home,
    )


def planning_units(
    jurisdiction: Jurisdiction,
    *,
    communities: Iterable[str] | None = None,
    caps: Mapping[AreaSetting, int] | None = None,
) -> list[PlanningUnit]:
    """The units a station plans with, read from a jurisdiction.

    A community or village within its setting's cap is one unit, as police-grid fusion wants
    (警网融合: a unit is never split). A community over the cap whose management grids all
    carry a population is planned by its management grids instead; one without those
    populations stays whole (and is flagged by the planner as over the cap).

    Args:
        jurisdiction: The document to read.
        communities: Ids of the communities to plan (default: all of them).
        caps: People per grid by setting (default 5,000 urban, 3,000 rural).

    Raises:
        ValidationError: a community id is not in the jurisdiction.

    Examples:
        >>> from community_policing import sample_jurisdiction
        >>> [(unit.id, unit.population) for unit in planning_units(sample_jurisdiction())]
        ... # doctest: +NORMALIZE_WHITESPACE
        [('v-shedong', 1650), ('v-shexi', 1180), ('v-beiguan', 2870), ('mg-ximen-1', 2400),
         ('mg-ximen-2', 2300), ('mg-ximen-3', 2500), ('mg-ximen-4', 2400)]
    """
    caps = {**DEFAULT_POPULATION_CAPS, **(caps or {})}
    known = {community.id: community for community in jurisdiction.communities}
    chosen = list(known) if communities is None else list(communities)
    grids_of: dict[str, list[Any]] = {}
    for grid in jurisdiction.management_grids:
        grids_of.setdefault(grid.community, []).append(grid)
    found: list[PlanningUnit] = []
    for ident in chosen:
        community = known.get(ident)
        if community is None:
            raise _refuse("communities", "reference", f"{ident!r} is not a community")
        parts = grids_of.get(ident, [])
        if (
            community.population > caps[community.setting]
            and parts
            and all(grid.population is not None for grid in parts)
        ):
            found.extend(
                PlanningUnit(grid.id, grid.population, community.setting) for grid in parts
            )
        else:
            found.append(PlanningUnit(community.id, community.population, community.setting))
    return found


def apply_plan(
    jurisdiction: Jurisdiction,
    planned: Plan,
    *,
    district: str,
    ids: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> Jurisdiction:
    """A copy of ``jurisdiction`` with the plan written in as police grids of ``district``.

    Each planned grid becomes a police grid (an existing one when its id is given in ``ids``,
    moved to ``district`` and renamed when ``names`` says so); every unit of the plan — a
    community, or a management grid of a split community — names its new grid, and a
    community planned by its management grids names none itself. Police grids that lose their
    units are kept, since posts may still refer to them. The result is checked as a whole like
    any jurisdiction.

    Args:
        jurisdiction: The document the units came from (see :func:`planning_units`).
        planned: The plan to apply.
        district: The policing district the grids belong to.
        ids: Police-grid ids, one per planned grid (default ``<district>-g01``, ...).
        names: Police-grid names, one per planned grid (default ``警格01``, ...).

    Raises:
        ValidationError: ``ids`` or ``names`` has the wrong length, or a unit of the plan is
            neither a community nor a management grid of the jurisdiction.
        DocumentError: the result is not a valid jurisdiction (an unknown district, say).

    Examples:
        >>> from community_policing import (CommunityGraph, check, fusion_check,
        ...     population_cap_check, sample_borders, sample_jurisdiction)
        >>> before = sample_jurisdiction()
        >>> result = plan_police_grids(planning_units(before), sample_borders())
        >>> after = apply_plan(before, result, district="pd-east")
        >>> [grid.units for grid in result.grids]  # doctest: +NORMALIZE_WHITESPACE
        [('mg-ximen-1', 'mg-ximen-4'), ('mg-ximen-2', 'mg-ximen-3'), ('v-beiguan',),
         ('v-shedong', 'v-shexi')]
        >>> [c.police_grid for c in after.communities]
        ['pd-east-g04', 'pd-east-g04', 'pd-east-g03', None]
        >>> check(CommunityGraph.from_jurisdiction(after),
        ...       checks=[population_cap_check(), fusion_check()]).violations
        ()
    """
    count = len(planned.grids)
    ids = list(ids) if ids is not None else [f"{district}-g{i:02d}" for i in range(1, count + 1)]
    names = list(names) if names is not None else [f"警格{i:02d}" for i in range(1, count + 1)]
    if len(ids) != count or len(names) != count:
        raise _refuse("ids", "length", f"the plan has {count} grids; give as many ids and names")
    grid_of = {unit: ids[index] for index, grid in enumerate(planned.grids) for unit in grid.units}
    new_grids = [
        PoliceGrid(id=ident, name=name, district=district)
        for ident, name in zip(ids, names, strict=True)
    ]
    police_grids = [grid for grid in jurisdiction.police_grids if grid.id not in set(ids)]
    police_grids.extend(new_grids)
    split = {grid.community for grid in jurisdiction.management_grids if grid.id in grid_of}
    known = {community.id for community in jurisdiction.communities}
    known |= {grid.id for grid in jurisdiction.management_grids}
    stray = sorted(unit for unit in grid_of if unit not in known)
    if stray:
        raise _refuse("plan", "reference", f"{stray[0]!r} is not a community or management grid")
    communities = tuple(
        attrs.evolve(community, police_grid=grid_of[community.id])
        if community.id in grid_of
        else attrs.evolve(community, police_grid=None)
        if community.id in split
        else community
        for community in jurisdiction.communities
    )
    management_grids = tuple(
        attrs.evolve(grid, police_grid=grid_of[grid.id])
        if grid.id in grid_of
        else attrs.evolve(grid, police_grid=None)
        if grid.community in grid_of
        else grid
        for grid in jurisdiction.management_grids
    )
    return attrs.evolve(
        jurisdiction,
        police_grids=tuple(sorted(police_grids, key=lambda grid: grid.id)),
        communities=communities,
        management_grids=management_grids,
    )


def plot_plan(
    planned: Plan,
    adjacency: nx.Graph[Any],
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    ax: Any = None,
) -> Any:
    """Draw a plan: units coloured by grid, borders in grey, over-cap units marked with a cross.

    Needs matplotlib (``pip install community-policing[plot]``).

    Args:
        planned: The plan to draw.
        adjacency: The units' adjacency the plan was made from.
        positions: Where to draw each unit (default: a seeded spring layout).
        ax: The matplotlib axes to draw on (default: a new figure's).

    Returns:
        The matplotlib axes drawn on.

    Raises:
        ValidationError: matplotlib is not installed.

    Examples:
        >>> import io
        >>> import networkx as nx
        >>> from community_policing import AreaSetting
        >>> units = [PlanningUnit(u, 1000, AreaSetting.RURAL) for u in "abcd"]
        >>> result = plan_police_grids(units, nx.path_graph("abcd"))
        >>> ax = plot_plan(result, nx.path_graph("abcd"))
        >>> ax.get_title()
        '2 police grids (lower bound 2, gap 0.0 %)'
        >>> ax.figure.savefig(io.BytesIO(), format="png")
    """
    try:
        import matplotlib as mpl  # noqa: PLC0415  (an optional extra)
        from matplotlib.figure import Figure  # noqa: PLC0415
    except ImportError:
        raise _refuse(
            "plot", "extra", "drawing a plan needs matplotlib: pip install community-policing[plot]"
        ) from None
    if ax is None:
        ax = Figure(figsize=(8, 6)).add_subplot()
    where = dict(positions) if positions is not None else nx.spring_layout(adjacency, seed=0)
    colours = mpl.colormaps["tab20"]
    for first, second in adjacency.edges():
        (x1, y1), (x2, y2) = where[first], where[second]
        ax.plot([x1, x2], [y1, y2], color="0.8", linewidth=1, zorder=1)
    for index, grid in enumerate(planned.grids):
        xs = [where[unit][0] for unit in grid.units]
        ys = [where[unit][1] for unit in grid.units]
        marker = "X" if grid.over_cap else "o"
        size = 160 if grid.over_cap else 90
        ax.scatter(xs, ys, s=size, marker=marker, color=colours(index % 20), zorder=2)
    ax.set_title(
        f"{len(planned.grids)} police grids (lower bound {planned.lower_bound}, "
        f"gap {planned.gap:.1%})".replace("%", " %")
    )
    ax.set_axis_off()
    return ax
