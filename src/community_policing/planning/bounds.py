"""The exact pieces of police-grid planning: the lower bound and the optimal cut of a tree.

Cutting a territory into police grids (一格一警, source 004) groups *adjacent* units —
villages, communities or management grids — into connected grids whose population stays within
a cap, using as few grids (officers) as possible. The problem is NP-hard on general adjacency
and easy on trees:

- :func:`lower_bound` — no plan can use fewer grids: per connected component, the larger of
  ``ceil(population / cap)`` and the number of units above half the cap, plus one grid for
  every unit over the cap on its own.
- :func:`tree_partition` — the optimal plan of a tree or forest (Kundu and Misra's bottom-up
  rule).

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

from typing import TYPE_CHECKING, Any

import networkx as nx

from community_policing.errors import ValidationError, shown
from community_policing.planning import _instance

if TYPE_CHECKING:
    from collections.abc import Hashable, Mapping

__all__ = ["lower_bound", "tree_partition"]


def refuse(field: str, rule: str, reason: str) -> ValidationError:
    return ValidationError(entity="plan", field=field, rule=rule, reason=reason)


def indexed(
    graph: nx.Graph[Any], weights: Mapping[Any, int], cap: int
) -> tuple[list[Hashable], _instance.Instance]:
    """Number the graph's nodes in their own order and check every population and the cap."""
    if type(cap) is not int or cap < 1:
        raise refuse("cap", "positive", "must be a whole number above 0")
    nodes = list(graph)
    index = {node: position for position, node in enumerate(nodes)}
    people = []
    for node in nodes:
        weight = weights.get(node)
        if type(weight) is not int or weight < 0:
            raise refuse(
                "weights", "population", f"unit {shown(node)} needs a population of 0 or more"
            )
        people.append(weight)
    adj = [[index[other] for other in graph.neighbors(node)] for node in nodes]
    return nodes, _instance.Instance(people, [cap] * len(nodes), adj)


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
    _, inst = indexed(graph, weights, cap)
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
    nodes, inst = indexed(graph, weights, cap)
    if not nx.is_forest(graph):
        raise refuse("graph", "forest", "tree_partition needs an adjacency without cycles")
    parts = [[unit] for unit in range(inst.n) if inst.over_cap(unit)]
    for component in inst.components():
        order, parent = _instance.bfs_tree(inst, set(component), component[0])
        parts.extend(_instance.cut_tree(inst, order, parent))
    return [frozenset(nodes[unit] for unit in part) for part in parts]
