"""Plans from maps: the planner's borders measured from unit polygons, and planned outlines.

:func:`unit_borders` turns the boundaries of the planning units (villages, communities or
management grids) into the border graph :func:`~community_policing.planning.plan.plan_police_grids`
takes, so a station plans straight from its map; :func:`grid_outlines` gives each planned grid
its outline, the union of its units'.

Requires the ``geo`` extra (shapely 2).

Examples:
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.geo import AreaMap
    >>> from community_policing.planning import plan_police_grids, planning_units
    >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
    >>> units = planning_units(sample.jurisdiction())
    >>> plan = plan_police_grids(units, unit_borders(town, units))
    >>> len(plan.grids), plan.proven_optimal
    (4, True)
    >>> [len(outline.polygons) for outline in grid_outlines(town, plan)]
    [1, 1, 1, 1]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx

from community_policing.errors import ValidationError
from community_policing.geo import outline, shared_borders

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.geo import AreaMap
    from community_policing.model.boundaries import Boundary
    from community_policing.planning.plan import Plan, PlanningUnit

__all__ = ["grid_outlines", "unit_borders"]

# A unit id names a community or village, or (for a community planned grid by grid) one of
# its management grids.
_UNIT_KINDS = ("community", "management_grid")


def _unit_area(area_map: AreaMap, unit: str, where: str) -> str:
    for kind in _UNIT_KINDS:
        key = f"{kind}:{unit}"
        if area_map.boundary(key) is not None:
            return key
    raise ValidationError(
        entity="planning_unit",
        field=where,
        rule="drawn",
        reason="no community or management grid of that id is drawn on the map's day",
    )


def unit_borders(
    area_map: AreaMap, units: Iterable[PlanningUnit], *, min_length_m: float = 10.0
) -> nx.Graph[str]:
    """The planner's border graph over the units' ids, measured from their boundaries.

    Two units border when their outlines share at least ``min_length_m`` metres; each edge
    carries ``length_m``.

    Raises:
        ValidationError: a unit has no boundary on the map's day.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> from community_policing.planning import planning_units
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> measured = unit_borders(town, planning_units(sample.jurisdiction()))
        >>> sorted(map(sorted, measured.edges())) == sorted(map(sorted, sample.borders().edges()))
        True
    """
    chosen = list(units)
    keys = [_unit_area(area_map, unit.id, f"units[{i}]") for i, unit in enumerate(chosen)]
    measured = shared_borders(area_map, keys, min_length_m=min_length_m)
    ids = {key: unit.id for key, unit in zip(keys, chosen, strict=True)}
    return nx.relabel_nodes(measured, ids)


def grid_outlines(area_map: AreaMap, plan: Plan) -> list[Boundary]:
    """Each planned grid's outline, the union of its units' boundaries, in the plan's order.

    Raises:
        ValidationError: a unit has no boundary on the map's day.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> from community_policing.planning import plan_police_grids, planning_units
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> plan = plan_police_grids(planning_units(sample.jurisdiction()), sample.borders())
        >>> grid_outlines(town, plan)[0].geojson()["type"]
        'Polygon'
    """
    return [
        outline(
            area_map,
            [
                _unit_area(area_map, unit, f"grids[{g}].units[{u}]")
                for u, unit in enumerate(grid.units)
            ],
        )
        for g, grid in enumerate(plan.grids)
    ]
