"""Points on the earth (经纬度) and the conversions Chinese web maps need.

The library's coordinates are longitude and latitude in WGS-84, as GeoJSON (RFC 7946) has them;
CGCS2000, China's geodetic datum, agrees with WGS-84 to within the metre level. Chinese web maps
hand out two other systems: GCJ-02 (国测局坐标, used by AutoNavi/Amap and Tencent maps) shifts
WGS-84 inside China by a published non-linear formula, and BD-09 (百度坐标, Baidu maps) shifts
GCJ-02 once more. The functions here apply the formulas as published, with no shift outside
China as the published code has it, and undo GCJ-02 by iteration, to well under a millimetre,
rather than by the one-step approximation many copies use (off by up to a few metres). Only
BD-09's published inverse is kept as published, which is good to some 20 centimetres.

Examples:
    >>> from community_policing import GeoPoint, bd09_to_wgs84, wgs84_to_gcj02
    >>> gps = GeoPoint(116.404, 39.915)  # a GPS fix in Beijing
    >>> wgs84_to_gcj02(gps)
    GeoPoint(lon=116.41024449916938, lat=39.91640428150164)
    >>> back = bd09_to_wgs84(GeoPoint(116.41036949371029, 39.92133699351021))
    >>> round(back.lon, 6), round(back.lat, 6)
    (116.397756, 39.913596)
"""

from __future__ import annotations

import math
from typing import Any, ClassVar

import attrs

from community_policing.model import validators as v

__all__ = [
    "GeoPoint",
    "bd09_to_gcj02",
    "bd09_to_wgs84",
    "gcj02_to_bd09",
    "gcj02_to_wgs84",
    "in_china",
    "wgs84_to_bd09",
    "wgs84_to_gcj02",
]


def _degrees(limit: float) -> Any:
    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not float or not math.isfinite(value):
            raise v.fail(instance, attribute.name, "type", "expected a number of degrees")
        if not -limit <= value <= limit:
            raise v.fail(instance, attribute.name, "range", f"must be within ±{limit:g} degrees")

    return validate


@attrs.frozen
class GeoPoint:
    """A point on the earth: longitude and latitude in degrees, WGS-84 unless said otherwise.

    Whole numbers are taken as floats, so a point reads back equal from any text.

    Args:
        lon: Longitude, −180 to 180 (east is positive).
        lat: Latitude, −90 to 90 (north is positive).

    Examples:
        >>> GeoPoint(116, 39.9)
        GeoPoint(lon=116.0, lat=39.9)
        >>> GeoPoint(200.0, 39.9)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: geo_point: lon: must be within ±180 degrees
    """

    KIND: ClassVar[str] = "geo_point"

    lon: float = attrs.field(converter=v.whole_as_float, validator=_degrees(180.0))
    lat: float = attrs.field(converter=v.whole_as_float, validator=_degrees(90.0))


# The published constants: the Krasovsky 1940 ellipsoid GCJ-02 is computed on.
_A = 6378245.0
_EE = 0.00669342162296594323
_X_PI = math.pi * 3000.0 / 180.0


def in_china(point: GeoPoint) -> bool:
    """Whether ``point`` is in the box inside which the published code shifts coordinates.

    Examples:
        >>> in_china(GeoPoint(116.4, 39.9)), in_china(GeoPoint(2.35, 48.86))
        (True, False)
    """
    return 72.004 <= point.lon <= 137.8347 and 0.8293 <= point.lat <= 55.8271


def _shift(lon: float, lat: float) -> tuple[float, float]:
    """The GCJ-02 offset (degrees of longitude, latitude) at a WGS-84 point."""
    x, y = lon - 105.0, lat - 35.0
    waves = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    d_lat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    d_lat += waves
    d_lat += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    d_lat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2 / 3
    d_lon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    d_lon += waves
    d_lon += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    d_lon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2 / 3
    radians = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(radians) ** 2
    root = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_A * (1 - _EE)) / (magic * root) * math.pi)
    d_lon = (d_lon * 180.0) / (_A / root * math.cos(radians) * math.pi)
    return d_lon, d_lat


def wgs84_to_gcj02(point: GeoPoint) -> GeoPoint:
    """A WGS-84 point (a GPS fix) as GCJ-02 (国测局坐标), for Amap or Tencent maps.

    Examples:
        >>> wgs84_to_gcj02(GeoPoint(2.35, 48.86))  # outside China: unchanged
        GeoPoint(lon=2.35, lat=48.86)
    """
    if not in_china(point):
        return point
    d_lon, d_lat = _shift(point.lon, point.lat)
    return GeoPoint(point.lon + d_lon, point.lat + d_lat)


def gcj02_to_wgs84(point: GeoPoint) -> GeoPoint:
    """A GCJ-02 point as WGS-84, found by iteration (to 1e-10 degrees, well under a millimetre).

    The shift changes slowly, so a fixed-point iteration converges in a few steps.

    Examples:
        >>> gps = GeoPoint(116.404, 39.915)
        >>> back = gcj02_to_wgs84(wgs84_to_gcj02(gps))
        >>> abs(back.lon - gps.lon) < 1e-9 and abs(back.lat - gps.lat) < 1e-9
        True
    """
    if not in_china(point):
        return point
    lon, lat = point.lon, point.lat
    for _ in range(30):
        d_lon, d_lat = _shift(lon, lat)
        next_lon, next_lat = point.lon - d_lon, point.lat - d_lat
        done = abs(next_lon - lon) < 1e-10 and abs(next_lat - lat) < 1e-10
        lon, lat = next_lon, next_lat
        if done:
            break
    return GeoPoint(lon, lat)


def gcj02_to_bd09(point: GeoPoint) -> GeoPoint:
    """A GCJ-02 point as BD-09 (百度坐标), for Baidu maps.

    Examples:
        >>> gcj02_to_bd09(GeoPoint(116.404, 39.915))
        GeoPoint(lon=116.41036949371029, lat=39.92133699351021)
    """
    x, y = point.lon, point.lat
    z = math.sqrt(x * x + y * y) + 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) + 0.000003 * math.cos(x * _X_PI)
    return GeoPoint(z * math.cos(theta) + 0.0065, z * math.sin(theta) + 0.006)


def bd09_to_gcj02(point: GeoPoint) -> GeoPoint:
    """A BD-09 point as GCJ-02, by the published inverse.

    Examples:
        >>> bd09_to_gcj02(GeoPoint(116.404, 39.915))
        GeoPoint(lon=116.39762729119315, lat=39.90865673957631)
    """
    x, y = point.lon - 0.0065, point.lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * _X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * _X_PI)
    return GeoPoint(z * math.cos(theta), z * math.sin(theta))


def wgs84_to_bd09(point: GeoPoint) -> GeoPoint:
    """A WGS-84 point as BD-09 (through GCJ-02, as Baidu's own conversion goes).

    Examples:
        >>> found = wgs84_to_bd09(GeoPoint(116.404, 39.915))
        >>> round(found.lon, 6), round(found.lat, 6)
        (116.416627, 39.9227)
    """
    return gcj02_to_bd09(wgs84_to_gcj02(point))


def bd09_to_wgs84(point: GeoPoint) -> GeoPoint:
    """A BD-09 point (a Baidu map click) as WGS-84.

    The published BD-09 inverse is itself approximate, so a round trip through BD-09 comes
    back within about two millionths of a degree (some 20 centimetres).

    Examples:
        >>> gps = GeoPoint(116.404, 39.915)
        >>> back = bd09_to_wgs84(wgs84_to_bd09(gps))
        >>> abs(back.lon - gps.lon) < 2e-6 and abs(back.lat - gps.lat) < 2e-6
        True
    """
    return gcj02_to_wgs84(bd09_to_gcj02(point))
