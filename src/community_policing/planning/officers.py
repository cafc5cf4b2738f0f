"""Staffing planned police grids: one officer or auxiliary each, near home where possible.

Examples:
    >>> import networkx as nx
    >>> from community_policing import AreaSetting
    >>> from community_policing.planning import PlanningUnit, plan_police_grids
    >>> units = [PlanningUnit(u, 1000, AreaSetting.RURAL) for u in "abcd"]
    >>> plan = plan_police_grids(units, nx.path_graph("abcd"))
    >>> assign_officers(plan, [Officer("p-1", home="a")], nx.path_graph("abcd")).shortfall
    1
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import networkx as nx

from community_policing.model import validators as v

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.planning.plan import Plan

__all__ = ["Officer", "OfficerAssignment", "assign_officers"]


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
        >>> from community_policing.planning import PlanningUnit, plan_police_grids
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
