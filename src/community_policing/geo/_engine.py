"""The geometry engine: shapely 2, reached only when geometry is computed.

Importing the ``geo`` package costs nothing; the first computation imports shapely (and numpy,
which it brings) through :func:`~community_policing.extras.require`, so a missing extra is
reported by name.

Lengths and areas are computed on the sinusoidal projection about the middle meridian of the
shapes at hand: an equal-area projection, so square metres are exact on the sphere of the
earth's authalic radius; lengths are within a fraction of a per cent across a city.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from community_policing.extras import require
from community_policing.model.boundaries import Boundary

if TYPE_CHECKING:
    from collections.abc import Sequence

#: The radius of the sphere with the WGS-84 ellipsoid's surface area, in metres.
AUTHALIC_RADIUS_M = 6_371_007.181
_RADIANS = math.pi / 180.0


def shapely() -> Any:
    """The shapely module, or the library's error naming the ``geo`` extra."""
    return require("shapely", extra="geo")


def numpy() -> Any:
    """numpy, which shapely brings with it."""
    return require("numpy", extra="geo")


def geometry(boundary: Boundary) -> Any:
    """A boundary as a shapely Polygon, or a MultiPolygon when it has several."""
    engine = shapely()
    polygons = [
        engine.polygons(polygon[0], holes=list(polygon[1:]) or None)
        for polygon in boundary.polygons
    ]
    if len(polygons) == 1:
        return polygons[0]
    return engine.multipolygons(polygons)


def boundary_of(shape: Any) -> Boundary:
    """A shapely Polygon or MultiPolygon (or a collection holding them) as a boundary.

    Lines and points in a collection (what a repair may leave of a sliver) are dropped.
    """
    engine = shapely()
    polygons = []
    parts = list(engine.get_parts(shape))
    while parts:
        part = parts.pop(0)
        kind = engine.get_type_id(part)
        if kind == _POLYGON and not part.is_empty:
            polygons.append(_rings(part))
        elif kind in (_MULTI_POLYGON, _COLLECTION):
            parts[0:0] = engine.get_parts(part).tolist()
    return Boundary(polygons)


_POLYGON, _MULTI_POLYGON, _COLLECTION = 3, 6, 7


def _rings(polygon: Any) -> list[list[tuple[float, float]]]:
    rings = [polygon.exterior, *polygon.interiors]
    return [[(float(x), float(y)) for x, y in ring.coords] for ring in rings]


def middle_meridian(shapes: Sequence[Any]) -> float:
    """The meridian halfway across the (non-empty) shapes' extent, for :func:`in_metres`."""
    west, _, east, _ = shapely().total_bounds(shapes)
    return float((west + east) / 2.0)


def in_metres(shapes: Any, meridian: float) -> Any:
    """Shapes (one or an array) on the sinusoidal projection about ``meridian``, in metres."""
    np = numpy()

    def project(coordinates: Any) -> Any:
        lat = coordinates[:, 1] * _RADIANS
        x = AUTHALIC_RADIUS_M * (coordinates[:, 0] - meridian) * _RADIANS * np.cos(lat)
        return np.column_stack((x, AUTHALIC_RADIUS_M * lat))

    return shapely().transform(shapes, project)
