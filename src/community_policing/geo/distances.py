"""Distances between points (距离): the nearest of a set, and what lies within reach.

Candidates are found in an STRtree on the equal-area projection the rest of ``geo`` measures
on; the distances reported are great-circle distances (haversine on the authalic sphere), good
to a fraction of a metre across a city.

Requires the ``geo`` extra (shapely 2).

Examples:
    >>> from community_policing import GeoPoint
    >>> from community_policing.geo import nearest
    >>> offices = [GeoPoint(116.55, 35.40), GeoPoint(116.575, 35.415)]
    >>> index, metres = nearest([GeoPoint(116.57, 35.415)], offices)[0]
    >>> index, round(metres)
    (1, 453)
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from community_policing.errors import ValidationError
from community_policing.geo import _engine
from community_policing.model.coordinates import GeoPoint

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["nearest", "within_reach"]


def _points(points: Sequence[GeoPoint], field: str) -> Any:
    np = _engine.numpy()
    for index, point in enumerate(points):
        if type(point) is not GeoPoint:
            raise ValidationError(
                entity="distances",
                field=f"{field}[{index}]",
                rule="type",
                reason=f"expected GeoPoint, got {type(point).__name__}",
            )
    return np.array([(p.lon, p.lat) for p in points], dtype=np.float64).reshape(-1, 2)


def _haversine(a: Any, b: Any) -> Any:
    np = _engine.numpy()
    lon1, lat1, lon2, lat2 = (np.radians(v) for v in (a[:, 0], a[:, 1], b[:, 0], b[:, 1]))
    half = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _engine.AUTHALIC_RADIUS_M * np.arcsin(np.minimum(1.0, np.sqrt(half)))


def _meridian(one: Any, other: Any) -> float:
    """The meridian halfway across two non-empty sets of points."""
    west = min(one[:, 0].min(), other[:, 0].min())
    return float((west + max(one[:, 0].max(), other[:, 0].max())) / 2)


def _projected(xy: Any, meridian: float) -> Any:
    engine = _engine.shapely()
    return _engine.in_metres(engine.points(xy[:, 0], xy[:, 1]), meridian)


def nearest(sources: Sequence[GeoPoint], targets: Sequence[GeoPoint]) -> list[tuple[int, float]]:
    """For each source, the index of the nearest target and the distance to it in metres.

    Raises:
        ValidationError: a value is not a :class:`~community_policing.model.coordinates.GeoPoint`,
            or there are sources but no target.

    Examples:
        >>> from community_policing import GeoPoint
        >>> nearest([], [GeoPoint(0, 0)])
        []
    """
    origin, goal = _points(sources, "sources"), _points(targets, "targets")
    if not len(origin):
        return []
    if not len(goal):
        raise ValidationError(
            entity="distances", field="targets", rule="empty", reason="nothing to be near"
        )
    meridian = _meridian(origin, goal)
    tree = _engine.shapely().STRtree(_projected(goal, meridian))
    found = tree.query_nearest(_projected(origin, meridian), all_matches=False)
    index = found[1][found[0].argsort(kind="stable")]
    metres = _haversine(origin, goal[index])
    return list(zip(index.tolist(), metres.tolist(), strict=True))


def within_reach(
    points: Sequence[GeoPoint], centres: Sequence[GeoPoint], radii_m: Sequence[float]
) -> list[bool]:
    """For each point, whether some centre is within its radius (metres) of it.

    Raises:
        ValidationError: a value is not a point, the radii are not one positive number per
            centre.

    Examples:
        >>> from community_policing import GeoPoint
        >>> cameras = [GeoPoint(116.56, 35.41)]
        >>> within_reach([GeoPoint(116.5603, 35.41), GeoPoint(116.57, 35.41)], cameras, [50.0])
        [True, False]
    """
    where, centre = _points(points, "points"), _points(centres, "centres")
    reach = list(radii_m)
    if len(reach) != len(centre) or not all(
        type(r) in (int, float) and 0 < r < math.inf for r in reach
    ):
        raise ValidationError(
            entity="distances",
            field="radii_m",
            rule="range",
            reason="one positive number of metres per centre",
        )
    if not len(where) or not len(centre):
        return [False] * len(where)
    np = _engine.numpy()
    radii = np.asarray(reach, dtype=np.float64)
    meridian = _meridian(where, centre)
    # candidates within the largest radius (with room for the projection's error), then exact
    tree = _engine.shapely().STRtree(_projected(centre, meridian))
    first, second = tree.query(
        _projected(where, meridian), predicate="dwithin", distance=float(radii.max()) * 1.01 + 1
    )
    close = _haversine(where[first], centre[second]) <= radii[second]
    reached = np.zeros(len(where), dtype=bool)
    reached[first[close]] = True
    found: list[bool] = reached.tolist()
    return found
