"""Geography (地理): which area a point is in, maps from boundaries, topology and borders.

Everything here computes with the ``geo`` extra (shapely 2); importing it needs nothing, and
documents with boundaries and points load and write without it.

- :mod:`~community_policing.geo.areamap` — an :class:`AreaMap` of a graph's boundaries on one
  day: point → innermost areas → who is responsible, one point or arrays of them.
- :mod:`~community_policing.geo.borders` — who borders whom by shared boundary length, and
  the outline of a union of areas.
- :mod:`~community_policing.geo.topology` — overlaps, gaps, children outside their parent,
  invalid outlines and police grids unlike their units, in square metres.
- :mod:`~community_policing.geo.distances` — the nearest of a set of points, and what lies
  within reach of another set, in metres.

Examples:
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.geo import locate_point
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> locate_point(graph, 116.575, 35.415).police_grid
    'police_grid:pg-03'
"""

from community_policing.geo.areamap import AreaMap, PointLocation, locate_point, locate_points
from community_policing.geo.borders import outline, shared_borders
from community_policing.geo.distances import nearest, within_reach
from community_policing.geo.topology import TopologyProblem, topology_problems

__all__ = [
    "AreaMap",
    "PointLocation",
    "TopologyProblem",
    "locate_point",
    "locate_points",
    "nearest",
    "outline",
    "shared_borders",
    "topology_problems",
    "within_reach",
]
