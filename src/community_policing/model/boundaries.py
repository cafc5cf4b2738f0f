"""Boundaries (边界): an area's outline as one polygon or several, in WGS-84 longitude/latitude.

A :class:`Boundary` holds GeoJSON's coordinates (RFC 7946): polygons, each an outer ring and
any holes, each ring a closed list of ``(lon, lat)`` positions. It checks what can be checked
without a geometry engine — shape, closure, four positions a ring, every position on the
earth — and leaves validity beyond that (self-intersection, overlaps, gaps) to the topology
checks of the ``geo`` extra. Whole degrees become floats, so a boundary reads back equal.

Grids are redrawn, so an area's boundary is a record of its own, an :class:`AreaBoundary`
(区域边界): the area, its outline and the period the outline holds. A jurisdiction lists them
in ``boundaries``; the drawings of one area never overlap in time.

Examples:
    >>> from community_policing import Boundary
    >>> square = Boundary([[[(116.0, 39.0), (116.1, 39.0), (116.1, 39.1), (116.0, 39.1),
    ...                     (116.0, 39.0)]]])
    >>> square.geojson()["type"], len(square.polygons[0][0])
    ('Polygon', 5)
    >>> Boundary([[[(116.0, 39.0), (116.1, 39.0), (116.0, 39.0)]]])
    Traceback (most recent call last):
    ...
    community_policing.errors.ValidationError: boundary: polygons[0][0]: a ring needs ...
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import attrs

from community_policing.errors import DocumentError, Problem, ValidationError, member_path
from community_policing.model import validators as v
from community_policing.model.periods import Period
from community_policing.model.registry import Reading, document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import AreaKind

__all__ = ["AreaBoundary", "BOUNDED_KINDS", "Boundary"]

#: The kinds of area that may have a boundary: every area down to the compound; a building
#: and a standard address are points.
BOUNDED_KINDS: frozenset[AreaKind] = frozenset(AreaKind) - {
    AreaKind.BUILDING,
    AreaKind.STANDARD_ADDRESS,
}

Position = tuple[float, float]
Ring = tuple[Position, ...]


def _tuples(value: Any) -> Any:
    """Lists become tuples and whole numbers floats, all the way down; anything else stays."""
    if isinstance(value, list | tuple):
        return tuple(_tuples(item) for item in value)
    if type(value) is int:
        return float(value)
    return value


def _position_problem(position: Any) -> str | None:
    if type(position) is not tuple or len(position) != 2:
        return "a position is (longitude, latitude)"
    lon, lat = position
    if type(lon) is not float or type(lat) is not float:
        return "a position is two numbers"
    if not (math.isfinite(lon) and math.isfinite(lat)):
        return "a position is two finite numbers"
    if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
        return "a position is on the earth (longitude ±180, latitude ±90)"
    return None


def _ring_problem(ring: Any) -> str | None:
    if type(ring) is not tuple or len(ring) < 4:
        return "a ring needs four positions or more"
    for position in ring:
        problem = _position_problem(position)
        if problem is not None:
            return problem
    if ring[0] != ring[-1]:
        return "a ring is closed: its last position is its first"
    return None


def _polygons(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not tuple or not value:
        raise v.fail(instance, attribute.name, "type", "expected one polygon or more")
    for index, polygon in enumerate(value):
        if type(polygon) is not tuple or not polygon:
            raise v.fail(instance, f"polygons[{index}]", "polygon", "a polygon needs a ring")
        for ring_index, ring in enumerate(polygon):
            problem = _ring_problem(ring)
            if problem is not None:
                raise v.fail(instance, f"polygons[{index}][{ring_index}]", "ring", problem)


def _read(body: dict[str, Any], _: Reading) -> Boundary:
    """A boundary from its document: ``{"coordinates": <MultiPolygon coordinates>}``."""
    problems = [
        Problem(member_path("$", key), "unknown_field", "unknown field")
        for key in sorted(body, key=str)
        if key != "coordinates"
    ]
    if "coordinates" not in body:
        problems.append(Problem("$.coordinates", "required", "required field is missing"))
    if problems:
        raise DocumentError(problems)
    try:
        return Boundary(body["coordinates"])
    except ValidationError as error:
        path = "$.coordinates" + (error.field or "").removeprefix("polygons")
        raise DocumentError([Problem(path, error.rule, error.reason)]) from None


def _write(boundary: Boundary) -> dict[str, Any]:
    return {"coordinates": _lists(boundary)}


def _lists(boundary: Boundary) -> list[Any]:
    return [
        [[list(position) for position in ring] for ring in polygon] for polygon in boundary.polygons
    ]


@document(read=_read, write=_write)
@attrs.frozen
class Boundary:
    """An area's boundary: polygons (outer ring, then holes) of ``(lon, lat)`` positions.

    Args:
        polygons: GeoJSON MultiPolygon coordinates; one polygon for a simple area.

    Examples:
        >>> triangle = Boundary([[[(0, 0), (1, 0), (0, 1), (0, 0)]]])
        >>> triangle.polygons[0][0][1]
        (1.0, 0.0)
    """

    KIND: ClassVar[str] = "boundary"

    polygons: tuple[tuple[Ring, ...], ...] = attrs.field(converter=_tuples, validator=_polygons)

    def geojson(self) -> dict[str, Any]:
        """The boundary as a GeoJSON geometry: a Polygon, or a MultiPolygon for several.

        Examples:
            >>> Boundary([[[(0, 0), (1, 0), (0, 1), (0, 0)]]]).geojson()["coordinates"][0][1]
            [1.0, 0.0]
        """
        coordinates = _lists(self)
        if len(coordinates) == 1:
            return {"type": "Polygon", "coordinates": coordinates[0]}
        return {"type": "MultiPolygon", "coordinates": coordinates}


def _bounded_area(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.instance_of(AreaRef)(instance, attribute, value)
    if value.kind not in BOUNDED_KINDS:
        raise v.fail(instance, attribute.name, "bounded_kind", "a building or address is a point")


@document
@attrs.frozen
class AreaBoundary:
    """One drawing of an area's boundary (区域边界) and the period it holds.

    When a grid is redrawn its drawing ends and a new one starts on the same day, so the map
    of any past day can be asked for.

    Args:
        area: The area, any kind from sub-bureau down to residential compound.
        boundary: Its outline.
        period: When this outline holds.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaBoundary, AreaRef, Boundary, Period
        >>> drawing = AreaBoundary(
        ...     AreaRef.parse("police_grid:pg-01"),
        ...     Boundary([[[(0, 0), (1, 0), (0, 1), (0, 0)]]]),
        ...     Period(date(2024, 1, 1)),
        ... )
        >>> str(drawing.area), drawing.period.is_open
        ('police_grid:pg-01', True)
        >>> AreaBoundary(AreaRef.parse("building:b-1"), drawing.boundary, drawing.period)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: area_boundary: area: a building or address ...
    """

    KIND: ClassVar[str] = "area_boundary"

    area: AreaRef = attrs.field(validator=_bounded_area)
    boundary: Boundary = attrs.field(validator=v.instance_of(Boundary))
    period: Period = attrs.field(validator=v.instance_of(Period))
