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

from math import ceil
from typing import TYPE_CHECKING, Any

import networkx as nx

from community_policing.errors import ValidationError

if TYPE_CHECKING:
    from collections.abc import Hashable, Mapping

__all__ = ["lower_bound", "tree_partition"]


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


def lower_bound(graph: nx.Graph[Any], weights: Mapping[Hashable, int], *, cap: int) -> int:
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
    graph: nx.Graph[Any], weights: Mapping[Hashable, int], *, cap: int
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
