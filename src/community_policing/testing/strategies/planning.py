"""Planning instances: units, borders and caps for the police-grid planner.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import planning_instances
    >>> type(find(planning_instances(), lambda _: True)).__name__
    'tuple'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
from hypothesis import strategies as st

from community_policing.model.territory import (
    DEFAULT_POPULATION_CAPS,
)
from community_policing.model.vocab import (
    AreaSetting,
)
from community_policing.planning import PlanningUnit

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "planning_instances",
]


@st.composite
def _planning_instance(
    draw: st.DrawFn, max_side: int, settings: tuple[AreaSetting, ...]
) -> tuple[list[PlanningUnit], nx.Graph[str]]:
    rows, columns = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    graph: nx.Graph[str] = nx.Graph()
    names = {(r, c): f"u{r}-{c}" for r in range(rows) for c in range(columns)}
    graph.add_nodes_from(sorted(names.values()))
    for (r, c), name in names.items():
        for other in ((r + 1, c), (r, c + 1), (r + 1, c + 1)):
            # lattice roads are usually there; diagonals sometimes
            wanted = 0.8 if other[0] == r or other[1] == c else 0.3
            if other in names and draw(st.integers(0, 9)) < wanted * 10:
                graph.add_edge(name, names[other])
    units = []
    for name in sorted(names.values()):
        setting = draw(st.sampled_from(settings))
        cap = DEFAULT_POPULATION_CAPS[setting]
        # mostly 3-6 units per grid, sometimes a unit over the cap on its own
        population = draw(st.one_of(st.integers(0, cap // 2), st.integers(cap // 2, cap * 2)))
        units.append(PlanningUnit(name, population, setting))
    return units, graph


def planning_instances(
    *, max_side: int = 4, settings: Iterable[AreaSetting] = tuple(AreaSetting)
) -> st.SearchStrategy[tuple[list[PlanningUnit], nx.Graph[str]]]:
    """Police-grid planning inputs: units on a lattice with roads, diagonals and gaps.

    Units are named ``u<row>-<column>``; populations mostly leave room for 3-6 units per grid
    under the default caps, with some units over the cap on their own. Shrinks towards one
    unit.

    Examples:
        >>> from hypothesis import given, settings
        >>> from community_policing.planning import plan_police_grids
        >>> @settings(deadline=None, max_examples=20)  # a plan takes up to a second
        ... @given(planning_instances(max_side=3))
        ... def test_plans_cover_every_unit(instance):
        ...     units, adjacency = instance
        ...     result = plan_police_grids(units, adjacency)
        ...     assert sum(len(grid.units) for grid in result.grids) == len(units)
        >>> test_plans_cover_every_unit()
    """
    return _planning_instance(max_side, tuple(settings))
