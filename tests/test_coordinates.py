"""Coordinates and the conversions between WGS-84, GCJ-02 and BD-09."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    GeoPoint,
    ValidationError,
    bd09_to_gcj02,
    bd09_to_wgs84,
    gcj02_to_bd09,
    gcj02_to_wgs84,
    in_china,
    wgs84_to_bd09,
    wgs84_to_gcj02,
)

# Pairs published with the widely used open conversion code (its own test run's output):
# input (116.404, 39.915) in each direction.
PUBLISHED = [
    (wgs84_to_gcj02, (116.404, 39.915), (116.41024449916938, 39.91640428150164)),
    (gcj02_to_bd09, (116.404, 39.915), (116.41036949371029, 39.92133699351021)),
    (bd09_to_gcj02, (116.404, 39.915), (116.39762729119315, 39.90865673957631)),
]
# The same code's one-step GCJ-02 inverse, which the iteration here improves on.
ONE_STEP_INVERSE = (116.39775550083061, 39.91359571849836)


@pytest.mark.parametrize(("convert", "given_point", "expected"), PUBLISHED)
def test_published_pairs_are_reproduced_exactly(convert, given_point, expected):
    found = convert(GeoPoint(*given_point))
    assert (found.lon, found.lat) == pytest.approx(expected, abs=1e-12)


def test_the_iterated_inverse_is_within_metres_of_the_one_step_one_and_exact_itself():
    found = gcj02_to_wgs84(GeoPoint(116.404, 39.915))
    assert (found.lon, found.lat) == pytest.approx(ONE_STEP_INVERSE, abs=1e-4)
    again = wgs84_to_gcj02(found)
    assert (again.lon, again.lat) == pytest.approx((116.404, 39.915), abs=1e-9)


CHINA = st.builds(
    GeoPoint,
    st.floats(73.0, 135.0, allow_nan=False),
    st.floats(18.0, 53.0, allow_nan=False),
)
ANYWHERE = st.builds(
    GeoPoint,
    st.floats(-180.0, 180.0, allow_nan=False),
    st.floats(-90.0, 90.0, allow_nan=False),
)


@given(CHINA)
def test_gcj02_round_trips_to_a_billionth_of_a_degree(point):
    back = gcj02_to_wgs84(wgs84_to_gcj02(point))
    assert math.isclose(back.lon, point.lon, abs_tol=1e-9)
    assert math.isclose(back.lat, point.lat, abs_tol=1e-9)
    shifted = wgs84_to_gcj02(point)
    # the published shift is some hundreds of metres, never kilometres
    assert 0 < abs(shifted.lon - point.lon) + abs(shifted.lat - point.lat) < 0.02


@given(CHINA)
def test_bd09_round_trips_within_the_published_inverse_tolerance(point):
    back = bd09_to_wgs84(wgs84_to_bd09(point))
    assert math.isclose(back.lon, point.lon, abs_tol=2e-6)
    assert math.isclose(back.lat, point.lat, abs_tol=2e-6)


@given(ANYWHERE)
def test_outside_china_gcj02_is_wgs84(point):
    if not in_china(point):
        assert wgs84_to_gcj02(point) == point
        assert gcj02_to_wgs84(point) == point


@pytest.mark.parametrize(
    ("lon", "lat", "field"),
    [
        (181.0, 0.0, "lon"),
        (0.0, -90.5, "lat"),
        (math.nan, 0.0, "lon"),
        (0.0, math.inf, "lat"),
        ("116", 39.9, "lon"),
        (True, 39.9, "lon"),
        (116.0, None, "lat"),
    ],
)
def test_points_outside_the_earth_are_refused(lon, lat, field):
    with pytest.raises(ValidationError) as caught:
        GeoPoint(lon, lat)
    assert caught.value.field == field


def test_whole_degrees_are_floats():
    assert GeoPoint(116, 40) == GeoPoint(116.0, 40.0)
    assert type(GeoPoint(116, 40).lon) is float
