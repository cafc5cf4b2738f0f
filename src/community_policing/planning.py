"""Police-grid planning (警格划分): the building blocks.

Cutting a territory into police grids (一格一警, source 004) groups *adjacent* units —
villages, communities or management grids — into connected parts whose population stays within
a cap, using as few parts (officers) as possible. The problem is NP-hard on general graphs and
easy on trees; this module holds what every planner needs:

- :func:`lower_bound` — no plan can use fewer grids than this: per connected component, the
  larger of ``ceil(population / cap)`` and the number of units above half the cap (no two of
  those fit together), plus one grid for every unit over the cap on its own.
- :func:`tree_partition` — the optimal plan when the adjacency is a tree or a forest (Kundu and
  Misra's bottom-up rule: close the heaviest open part below a unit while the unit's part is
  over the cap).

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

import random
from math import ceil
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import networkx as nx

from community_policing import _validators as v
from community_policing.errors import ValidationError
from community_policing.territory import DEFAULT_POPULATION_CAPS
from community_policing.vocab import AreaSetting

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping

__all__ = [
    "Officer",
    "OfficerAssignment",
    "Plan",
    "PlannedGrid",
    "PlanningUnit",
    "assign_officers",
    "lower_bound",
    "plan",
    "tree_partition",
]


def _checked(graph: nx.Graph[Any], weights: Mapping[Any, int], cap: int) -> None:
    if type(cap) is not int or cap < 1:
        raise ValidationError(
            entity="plan", field="cap", rule="positive", reason="must be a whole number above 0"
        )
    for node in graph:
        weight = weights.get(node)
        if type(weight) is not int or weight < 0:
            raise ValidationError(
                entity="plan",
                field="weights",
                rule="population",
                reason=f"unit {node!r} needs a population of 0 or more",
            )


def _over_cap(graph: nx.Graph[Any], weights: Mapping[Any, int], cap: int) -> list[Any]:
    return [node for node in graph if weights[node] > cap]


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
    _checked(graph, weights, cap)
    over = _over_cap(graph, weights, cap)
    rest = graph.subgraph(node for node in graph if weights[node] <= cap)
    bound = len(over)
    for component in nx.connected_components(rest):
        total = sum(weights[node] for node in component)
        heavy = sum(1 for node in component if 2 * weights[node] > cap)
        bound += max(ceil(total / cap), heavy)
    return bound


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
    _checked(graph, weights, cap)
    if not nx.is_forest(graph):
        raise ValidationError(
            entity="plan",
            field="graph",
            rule="forest",
            reason="tree_partition needs an adjacency without cycles",
        )
    over = _over_cap(graph, weights, cap)
    parts: list[frozenset[Any]] = [frozenset({node}) for node in over]
    rest = graph.subgraph(node for node in graph if weights[node] <= cap)
    for component in nx.connected_components(rest):
        root = next(iter(component))
        tree = rest.subgraph(component)
        # open[node] = (weight, members) of the part still growing at node
        open_parts: dict[Any, tuple[int, set[Any]]] = {}
        for node in nx.dfs_postorder_nodes(tree, root):
            children = [
                open_parts.pop(child) for child in tree.neighbors(node) if child in open_parts
            ]
            children.sort(key=lambda part: part[0])
            weight = weights[node] + sum(part[0] for part in children)
            while weight > cap:
                heaviest = children.pop()
                parts.append(frozenset(heaviest[1]))
                weight -= heaviest[0]
            members = {node}
            for _, child_members in children:
                members |= child_members
            open_parts[node] = (weight, members)
        parts.append(frozenset(open_parts.pop(root)[1]))
    return parts


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
    """One police grid of a plan: its units, population, setting and the cap it was held to."""

    units: tuple[str, ...]
    population: int
    setting: AreaSetting
    cap: int
    officers_needed: int = 1


@attrs.frozen
class Plan:
    """A plan of police grids, with the bound it was measured against.

    Attributes:
        grids: The planned grids; an over-cap unit stands alone with ``officers_needed > 1``.
        lower_bound: No plan can use fewer grids (see :func:`lower_bound`).
        proven_optimal: The plan meets the lower bound.
        max_load: The largest population / cap over the grids within their cap.
        load_cv: Coefficient of variation of those loads (0 is perfectly balanced).
        cut_share: Share of adjacencies that run between two grids.
    """

    grids: tuple[PlannedGrid, ...]
    lower_bound: int
    max_load: float
    load_cv: float
    cut_share: float

    @property
    def gap(self) -> float:
        """How far above the lower bound the plan is, as a ratio (0 when proven optimal)."""
        return (len(self.grids) - self.lower_bound) / self.lower_bound if self.lower_bound else 0.0

    @property
    def proven_optimal(self) -> bool:
        """Whether the plan uses no more grids than the lower bound."""
        return len(self.grids) <= self.lower_bound


def plan(
    units: Iterable[PlanningUnit],
    adjacency: nx.Graph[Any],
    *,
    caps: Mapping[AreaSetting, int] | None = None,
    seed: int = 0,
    attempts: int = 24,
) -> Plan:
    """Group adjacent units into connected police grids within their caps, using few grids.

    The heuristic cuts spanning trees of the adjacency optimally (:func:`tree_partition`) —
    breadth-first trees from spread-out roots and random spanning trees — keeps the plan with
    the fewest grids (then the best balance), merges adjacent grids while they fit, and then
    empties the lightest grids into their neighbours' spare room where it can. A
    component mixing settings is held to the stricter cap. The same input and seed give the
    same plan.

    Args:
        units: The units, with populations and settings.
        adjacency: Which units border each other (unit ids as nodes).
        caps: People per grid by setting (default 5,000 urban, 3,000 rural).
        seed: Seed for the random spanning trees.
        attempts: How many spanning trees to cut per component.

    Raises:
        ValidationError: an adjacency node is not a unit, or a unit is duplicated.

    Examples:
        >>> import networkx as nx
        >>> from community_policing import AreaSetting
        >>> villages = [PlanningUnit(f"v{i}", p, AreaSetting.RURAL)
        ...             for i, p in enumerate([1200, 1700, 900, 2100, 800, 1300])]
        >>> result = plan(villages, nx.path_graph([f"v{i}" for i in range(6)]))
        >>> [grid.units for grid in result.grids], result.proven_optimal
        ([('v0', 'v1'), ('v2', 'v3'), ('v4', 'v5')], True)
    """
    by_id: dict[str, PlanningUnit] = {}
    for unit in units:
        if unit.id in by_id:
            raise ValidationError(
                entity="plan", field="units", rule="duplicate_id", reason=f"{unit.id!r} twice"
            )
        by_id[unit.id] = unit
    stray = [node for node in adjacency if node not in by_id]
    if stray:
        raise ValidationError(
            entity="plan",
            field="adjacency",
            rule="reference",
            reason=f"{len(stray)} adjacency node(s) are not units, such as {stray[0]!r}",
        )
    caps = dict(caps or DEFAULT_POPULATION_CAPS)
    graph: nx.Graph[Any] = nx.Graph()
    graph.add_nodes_from(by_id)
    graph.add_edges_from(adjacency.edges())
    weights = {ident: unit.population for ident, unit in by_id.items()}
    rng = random.Random(seed)  # noqa: S311  (reproducible plans, not secrets)

    parts: list[frozenset[str]] = []
    bound = 0
    component_cap: dict[str, int] = {}
    for component in sorted(nx.connected_components(graph), key=min):
        cap = min(caps[by_id[node].setting] for node in component)
        sub = graph.subgraph(component)
        bound += lower_bound(sub, weights, cap=cap)
        best = _best_tree_plan(sub, weights, cap, rng, attempts)
        parts.extend(_dissolve(sub, weights, cap, _merge_adjacent(sub, weights, cap, best)))
        component_cap.update(dict.fromkeys(component, cap))

    grids = tuple(_planned(part, by_id, component_cap, weights) for part in sorted(parts, key=min))
    return _measured(grids, bound, graph)


def _spanning_trees(graph: nx.Graph[Any], rng: random.Random, attempts: int) -> list[nx.Graph[Any]]:
    nodes = sorted(graph)
    trees = [nx.bfs_tree(graph, nodes[0]).to_undirected()]
    for index in range(1, attempts):
        if index % 2:
            root = nodes[rng.randrange(len(nodes))]
            trees.append(nx.bfs_tree(graph, root).to_undirected())
        else:
            weighted: nx.Graph[Any] = nx.Graph()
            weighted.add_nodes_from(nodes)
            weighted.add_edges_from(
                (u, w, {"weight": rng.random()}) for u, w in sorted(graph.edges())
            )
            trees.append(nx.minimum_spanning_tree(weighted))
    return trees


def _score(parts: list[frozenset[str]], weights: Mapping[str, int]) -> tuple[int, float]:
    loads = [sum(weights[n] for n in part) for part in parts]
    return len(parts), max(loads) - min(loads) if loads else 0.0


def _best_tree_plan(
    graph: nx.Graph[Any], weights: Mapping[str, int], cap: int, rng: random.Random, attempts: int
) -> list[frozenset[str]]:
    best: list[frozenset[str]] | None = None
    for tree in _spanning_trees(graph, rng, attempts):
        candidate = tree_partition(tree, weights, cap=cap)
        if best is None or _score(candidate, weights) < _score(best, weights):
            best = candidate
    return best or []


def _merge_adjacent(
    graph: nx.Graph[Any], weights: Mapping[str, int], cap: int, parts: list[frozenset[str]]
) -> list[frozenset[str]]:
    """Merge bordering grids whose joint population fits, lightest pairs first."""
    parts = list(parts)
    merged = True
    while merged:
        merged = False
        owner = {node: index for index, part in enumerate(parts) for node in part}
        load = [sum(weights[n] for n in part) for part in parts]
        pairs = sorted(
            {
                (min(owner[u], owner[w]), max(owner[u], owner[w]))
                for u, w in graph.edges()
                if owner[u] != owner[w]
            },
            key=lambda pair: (load[pair[0]] + load[pair[1]], pair),
        )
        for first, second in pairs:
            # a lone over-cap unit never merges: its load alone is over the cap
            if load[first] + load[second] <= cap:
                parts[first] = parts[first] | parts[second]
                del parts[second]
                merged = True
                break
    return parts


def _dissolve(
    graph: nx.Graph[Any], weights: Mapping[str, int], cap: int, parts: list[frozenset[str]]
) -> list[frozenset[str]]:
    """Empty grids into their neighbours' spare room, lightest grids first.

    A grid is dissolved when every one of its units can move, one by one, into a bordering
    grid that has room for it (a unit joining a grid it borders keeps that grid connected); a
    grid that cannot be emptied is left as it was.
    """
    owner = {node: index for index, part in enumerate(parts) for node in part}
    members = [set(part) for part in parts]
    load = [sum(weights[n] for n in part) for part in parts]
    improved = True
    while improved:
        improved = False
        for victim in sorted(
            (i for i, group in enumerate(members) if group),
            key=lambda i: (load[i], min(members[i])),
        ):
            if load[victim] > cap:
                continue
            moves = _empty_into_neighbours(
                graph, weights, cap, victim, owner=owner, members=members, load=load
            )
            if moves is not None:
                improved = True
                break
    return [frozenset(group) for group in members if group]


def _empty_into_neighbours(
    graph: nx.Graph[Any],
    weights: Mapping[str, int],
    cap: int,
    victim: int,
    *,
    owner: dict[str, int],
    members: list[set[str]],
    load: list[int],
) -> list[tuple[str, int]] | None:
    """Move every unit of ``victim`` into bordering grids with room, or change nothing."""
    moves: list[tuple[str, int]] = []
    remaining = set(members[victim])
    while remaining:
        best: tuple[int, str, int] | None = None
        for unit in sorted(remaining):
            for neighbour in graph.neighbors(unit):
                target = owner[neighbour]
                if target == victim:
                    continue
                room = cap - load[target] - weights[unit]
                if room >= 0 and (best is None or room > best[0]):
                    best = (room, unit, target)
        if best is None:
            for unit, target in reversed(moves):  # undo
                owner[unit] = victim
                members[target].discard(unit)
                members[victim].add(unit)
                load[target] -= weights[unit]
                load[victim] += weights[unit]
            return None
        _, unit, target = best
        owner[unit] = target
        members[victim].discard(unit)
        members[target].add(unit)
        load[victim] -= weights[unit]
        load[target] += weights[unit]
        remaining.discard(unit)
        moves.append((unit, target))
    return moves


def _planned(
    part: frozenset[str],
    by_id: Mapping[str, PlanningUnit],
    component_cap: Mapping[str, int],
    weights: Mapping[str, int],
) -> PlannedGrid:
    population = sum(weights[n] for n in part)
    settings = {by_id[n].setting for n in part}
    cap = component_cap[min(part)]
    return PlannedGrid(
        units=tuple(sorted(part)),
        population=population,
        setting=AreaSetting.RURAL if AreaSetting.RURAL in settings else AreaSetting.URBAN,
        cap=cap,
        officers_needed=max(1, ceil(population / cap)),
    )


def _measured(grids: tuple[PlannedGrid, ...], bound: int, graph: nx.Graph[Any]) -> Plan:
    loads = [grid.population / grid.cap for grid in grids if grid.officers_needed == 1]
    mean = sum(loads) / len(loads) if loads else 0.0
    spread = (sum((load - mean) ** 2 for load in loads) / len(loads)) ** 0.5 if loads else 0.0
    owner = {unit: index for index, grid in enumerate(grids) for unit in grid.units}
    edges = graph.number_of_edges()
    cut = sum(1 for u, w in graph.edges() if owner[u] != owner[w])
    return Plan(
        grids=grids,
        lower_bound=bound,
        max_load=max(loads, default=0.0),
        load_cv=spread / mean if mean else 0.0,
        cut_share=cut / edges if edges else 0.0,
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
        >>> result = plan(units, nx.path_graph(["v0", "v1", "v2", "v3"]))
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
