from datetime import date, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import ValidationError
from community_policing.patrol import (
    MINUTES_IN_WEEK,
    PatrolShift,
    PatrolZone,
    ShiftException,
    coverage_between,
    gap_fillers,
    weekly_coverage,
    weekly_coverages,
    zone_hours_share,
)
from community_policing.testing import strategies as cps


def minute_counts(shifts, zone):
    """Brute force: the guards on patrol in each minute of the week."""
    counts = [0] * MINUTES_IN_WEEK
    for shift in shifts:
        if shift.zone != zone:
            continue
        for day in shift.weekdays:
            start = day * 1440 + shift.start.hour * 60 + shift.start.minute
            for minute in range(start, start + shift.minutes):
                counts[minute % MINUTES_IN_WEEK] += shift.guards
    return counts


@given(st.lists(cps.patrol_shifts(zones=("z-1", "z-2")), max_size=8), st.integers(1, 3))
def test_interval_coverage_agrees_with_counting_minutes(shifts, required):
    coverage = weekly_coverage(shifts, "z-1", required=required)
    counts = minute_counts(shifts, "z-1")
    from_intervals = [0] * MINUTES_IN_WEEK
    for start, end, guards in coverage.headcount:
        from_intervals[start:end] = [guards] * (end - start)
    assert from_intervals == counts
    short = [minute for minute, guards in enumerate(counts) if guards < required]
    assert coverage.uncovered_minutes == len(short)
    assert [m for a, b in coverage.uncovered for m in range(a, b)] == short
    assert coverage.covered_share == round(1 - len(short) / MINUTES_IN_WEEK, 6)
    # stretches are merged: neighbours always differ
    assert all(
        a[2] != b[2] for a, b in zip(coverage.headcount, coverage.headcount[1:], strict=False)
    )


def test_a_night_shift_crosses_midnight_and_the_end_of_the_week():
    night = PatrolShift("s-n", "z-1", "o-a", [6], time(22), time(6), guards=2)
    assert night.minutes == 480
    coverage = weekly_coverage([night], "z-1")
    assert coverage.headcount[0] == (0, 360, 2)
    assert coverage.headcount[-1] == (MINUTES_IN_WEEK - 120, MINUTES_IN_WEEK, 2)
    whole_day = PatrolShift("s-w", "z-1", "o-a", [0], time(7), time(7))
    assert whole_day.minutes == 1440


def test_full_coverage_until_a_company_leaves():
    day = PatrolShift("s-d", "z-1", "o-a", range(7), time(8), time(20), guards=2)
    night = PatrolShift("s-n", "z-1", "o-b", range(7), time(20), time(8), guards=2)
    assert weekly_coverage([day, night], "z-1", required=2).uncovered == ()
    gaps = weekly_coverage([day], "z-1", required=2).uncovered
    assert gaps[0] == (0, 480)
    assert len(gaps) == 8  # the week is cut at Monday 00:00: Sunday night is two pieces
    with pytest.raises(ValidationError) as caught:
        weekly_coverage([day], "z-1", required=0)
    assert caught.value.rule == "positive"


def test_a_date_range_applies_one_off_exceptions():
    day = PatrolShift("s-d", "z-1", "o-a", range(7), time(8), time(20))
    night = PatrolShift("s-n", "z-1", "o-b", range(7), time(20), time(8))
    monday = date(2025, 2, 3)
    cancelled = ShiftException("x-1", "s-n", monday + timedelta(days=1))
    doubled = ShiftException("x-2", "s-d", monday, guards=3)
    coverage, gaps = coverage_between(
        [day, night], [cancelled, doubled], "z-1", monday, monday + timedelta(days=3)
    )
    # Sunday's night shift runs into Monday morning; Tuesday's night is cancelled
    assert coverage.headcount[0] == (0, 480, 1)
    assert (480, 1200, 3) in coverage.headcount
    assert [(a.isoformat(), b.isoformat()) for a, b in gaps] == [
        ("2025-02-04T20:00:00+08:00", "2025-02-05T08:00:00+08:00")
    ]
    with pytest.raises(ValidationError) as caught:
        coverage_between([day], [], "z-1", monday, monday)
    assert caught.value.rule == "after_start"


def test_gap_fillers_prefer_the_zone_then_its_neighbours():
    zones = [
        PatrolZone("z-1", "一区", neighbours=["z-2"]),
        PatrolZone("z-2", "二区", neighbours=["z-1"]),
        PatrolZone("z-3", "三区"),
    ]
    shifts = [
        PatrolShift("s-1", "z-1", "o-a", range(7), time(8), time(20), guards=2),
        PatrolShift("s-2", "z-2", "o-b", range(7), time(0), time(0), guards=2),
        PatrolShift("s-3", "z-3", "o-c", range(7), time(0), time(0), guards=1),
    ]
    fillers = gap_fillers(shifts, zones, {"o-a": 2, "o-b": 3, "o-c": 1, "o-d": 4})
    first_gap = [f for f in fillers if f.gap == (0, 480)]
    assert [(f.company, f.spare, f.nearness) for f in first_gap] == [
        ("o-a", 2, 0),
        ("o-b", 1, 1),
        ("o-d", 4, 2),
    ]  # o-c has nobody to spare
    assert {f.zone for f in fillers} == {"z-1"}


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (lambda: PatrolShift("s", "z", "o", [], time(8), time(9)), "weekdays", "weekday"),
        (lambda: PatrolShift("s", "z", "o", [7], time(8), time(9)), "weekdays", "weekday"),
        (lambda: PatrolShift("s", "z", "o", [1, 1], time(8), time(9)), "weekdays", "unique"),
        (lambda: PatrolShift("s", "z", "o", [1], "08:00", time(9)), "start", "type"),
        (lambda: PatrolShift("s", "z", "o", [1], time(8), time(9), guards=0), "guards", "positive"),
        (lambda: PatrolZone("z", "区", neighbours=["z"]), "neighbours", "self"),
    ],
)
def test_bad_shifts_and_zones_are_refused(build, field, rule):
    with pytest.raises(ValidationError) as caught:
        build()
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_an_unknown_time_zone_is_named():
    shift = PatrolShift("s", "z-1", "o", [0], time(8), time(9))
    with pytest.raises(ValidationError) as caught:
        coverage_between(
            [shift], [], "z-1", date(2025, 2, 3), date(2025, 2, 4), timezone="Mars/Base"
        )
    assert (caught.value.field, caught.value.rule) == ("timezone", "timezone")


def test_a_zone_without_shifts_is_one_whole_week_gap():
    shifts = [PatrolShift("s-1", "z-1", "o-a", range(7), time(0), time(0))]
    fillers = gap_fillers(shifts, [PatrolZone("z-9", "空区", neighbours=["z-1"])], {"o-a": 3})
    assert [(f.zone, f.gap, f.company, f.spare, f.nearness) for f in fillers] == [
        ("z-9", (0, MINUTES_IN_WEEK), "o-a", 2, 1)
    ]


def test_every_zone_listed_has_a_coverage_and_shifts_name_listed_zones():
    shifts = [PatrolShift("s-1", "z-1", "o-a", range(7), time(0), time(0))]
    found = weekly_coverages(shifts, ["z-1", "z-never"])
    assert found["z-never"].covered_share == 0.0
    assert zone_hours_share(found.values()) == 0.5
    with pytest.raises(ValidationError) as caught:
        weekly_coverages(shifts, ["z-2"])
    assert caught.value.rule == "reference"


def test_shifts_cannot_need_more_guards_than_the_company_has():
    shifts = [
        PatrolShift("s-1", "z-1", "o-a", [0], time(8), time(20), guards=2),
        PatrolShift("s-2", "z-1", "o-a", [0], time(12), time(14), guards=1),
    ]
    zones = [PatrolZone("z-1", "一区")]
    with pytest.raises(ValidationError) as caught:
        gap_fillers(shifts, zones, {"o-a": 2})
    assert caught.value.rule == "guards_available"
    assert gap_fillers(shifts, zones, {"o-a": 3})
