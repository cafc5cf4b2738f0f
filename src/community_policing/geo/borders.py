"""Borders and outlines drawn from boundaries: who borders whom, and the union of areas.

Two areas border (相邻) when their outlines share a stretch of at least ``min_length_m``
metres; areas that touch at a corner, or along less than that, do not. This is the adjacency the
police-grid planner needs (see :func:`community_policing.planning.maps.unit_borders`), measured
instead of typed in. A planned grid's outline is the union of its units'.

Requires the ``geo`` extra (shapely 2).

Examples:
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.geo import AreaMap, shared_borders
    >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
    >>> grids = [key for key in town.areas if key.startswith("management_grid:mg-ximen")]
    >>> sorted(shared_borders(town, grids).edges())  # the four grids in a ring, no diagonals
    ... # doctest: +NORMALIZE_WHITESPACE
    [('management_grid:mg-ximen-1', 'management_grid:mg-ximen-2'),
     ('management_grid:mg-ximen-1', 'management_grid:mg-ximen-4'),
     ('management_grid:mg-ximen-2', 'management_grid:mg-ximen-3'),
     ('management_grid:mg-ximen-3', 'management_grid:mg-ximen-4')]
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import networkx as nx

from community_policing.errors import ValidationError
from community_policing.geo import _engine

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.geo.areamap import AreaMap
    from community_policing.model.boundaries import Boundary

__all__ = ["outline", "shared_borders"]


def _drawn(area_map: AreaMap, areas: Iterable[str]) -> list[str]:
    keys = list(areas)
    for index, key in enumerate(keys):
        if area_map.boundary(key) is None:
            raise ValidationError(
                entity="area_map",
                field=f"areas[{index}]",
                rule="drawn",
                reason="the area has no boundary on the map's day",
            )
    return keys


def shared_borders(
    area_map: AreaMap, areas: Iterable[str], *, min_length_m: float = 10.0
) -> nx.Graph[str]:
    """The areas as nodes and an edge between each two that share a border.

    Args:
        area_map: Where the areas' boundaries come from.
        areas: Node keys of areas drawn on the map.
        min_length_m: The shortest shared stretch, in metres, that makes two areas neighbours.

    Returns:
        An undirected graph over ``areas`` (every one a node, in order); each edge carries
        ``length_m``, the length of the shared border in metres.

    Raises:
        ValidationError: an area is not drawn on the map, or ``min_length_m`` is not a
            non-negative number.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> graph = shared_borders(town, ["community:v-beiguan", "management_grid:mg-ximen-1"])
        >>> round(graph.edges["community:v-beiguan", "management_grid:mg-ximen-1"]["length_m"])
        1112
    """
    if (
        type(min_length_m) not in (int, float)
        or not math.isfinite(min_length_m)
        or min_length_m < 0
    ):
        raise ValidationError(
            entity="shared_borders",
            field="min_length_m",
            rule="range",
            reason="expected a non-negative number of metres",
        )
    keys = _drawn(area_map, areas)
    found: nx.Graph[str] = nx.Graph()
    found.add_nodes_from(keys)
    if len(keys) < 2:
        return found
    engine, np = _engine.shapely(), _engine.numpy()
    # Shared stretches are found in the data's own degrees, where neighbours share vertices
    # exactly, and only then measured in metres.
    shapes = np.asarray(area_map.shapes(keys), dtype=object)
    outlines = engine.boundary(shapes)
    first, second = engine.STRtree(shapes).query(shapes, predicate="intersects")
    forward = first < second
    first, second = first[forward], second[forward]
    shared = engine.intersection(outlines[first], outlines[second])
    lengths = engine.length(_engine.in_metres(shared, _engine.middle_meridian(shapes)))
    keep = lengths >= min_length_m
    found.add_edges_from(
        (keys[i], keys[j], {"length_m": float(length)})
        for i, j, length in zip(
            first[keep].tolist(), second[keep].tolist(), lengths[keep].tolist(), strict=True
        )
    )
    return found


def outline(area_map: AreaMap, areas: Iterable[str]) -> Boundary:
    """The union of the areas' boundaries: the outline of a planned grid made of units.

    Raises:
        ValidationError: an area is not drawn on the map, or no area is given.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> joined = outline(town, ["management_grid:mg-ximen-1", "management_grid:mg-ximen-2"])
        >>> len(joined.polygons), len(joined.polygons[0][0])  # one rectangle
        (1, 5)
    """
    keys = _drawn(area_map, areas)
    if not keys:
        raise ValidationError(
            entity="outline", field="areas", rule="empty", reason="expected one area or more"
        )
    engine = _engine.shapely()
    # without the vertices a union leaves in the middle of a straight edge
    united = engine.simplify(engine.union_all(area_map.shapes(keys)), 0.0)
    return _engine.boundary_of(engine.normalize(united))
