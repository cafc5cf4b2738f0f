"""Joint-patrol coverage and incident hot spots at city scale.

Builds, with a seeded generator, a city of 200 patrol zones covered by 50,000 weekly shifts of
security companies (day, evening and night shifts, some crossing midnight, one to three guards
each), and 2,000,000 incidents over two years at 5,000 buildings of the synthetic territory.
Measures:

- ``coverage_s``: ``weekly_coverages`` of every zone (the exact uncovered stretches and
  headcounts of each week, by interval sweep), against the brute force: a minute-by-minute count
  of every shift into an array per zone, in the same run (``coverage_vs_bruteforce``);
- ``hotspots_s``: ``hot_places`` at the management-grid level over one year, against a plain
  loop counting the same incidents per grid with a dict lookup from building to grid
  (``hotspots_vs_loop``).

Usage: ``.venv/bin/python benchmarks/bench_patrol.py [--quick | --smoke]``; ``--smoke`` runs a
hundredth of the sizes once, ``--quick`` a tenth of
the sizes. Both sides of each comparison keep their best of three runs. The last line holds the
figures.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from datetime import date, datetime, timedelta
from datetime import time as clock
from zoneinfo import ZoneInfo

from _timing import smoke, timed

from community_policing import (
    AreaKind,
    AreaRef,
    AreaSetting,
    Building,
    Community,
    CommunityGraph,
    CommunityKind,
    IncidentCategory,
    Jurisdiction,
    ManagementGrid,
    Period,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    ReportChannel,
    SubBureau,
)
from community_policing.patrol import (
    MINUTES_IN_WEEK,
    PatrolShift,
    ZoneCoverage,
    weekly_coverage,
    weekly_coverages,
)
from community_policing.prevention import Incident, hot_places

SHANGHAI = ZoneInfo("Asia/Shanghai")
YEAR = Period(date(2025, 1, 1), date(2026, 1, 1))
REPEAT = 1 if smoke() else 3
#: Shift patterns (start, end): day, evening, night across midnight, a long day, a whole day.
PATTERNS = [
    (clock(8), clock(16)),
    (clock(16), clock(0)),
    (clock(0), clock(8)),
    (clock(20), clock(8)),
    (clock(7, 30), clock(19, 30)),
    (clock(6), clock(6)),
]


def shifts(zones: int, count: int, rng: random.Random) -> list[PatrolShift]:
    companies = [f"o-sec-{i}" for i in range(zones // 4 + 1)]
    found = []
    for index in range(count):
        start, end = rng.choice(PATTERNS)
        days = rng.sample(range(7), rng.randint(1, 3))
        found.append(
            PatrolShift(
                f"s-{index}",
                f"z-{rng.randrange(zones)}",
                rng.choice(companies),
                days,
                start,
                end,
                guards=rng.randint(1, 3),
            )
        )
    return found


def brute_force(all_shifts: list[PatrolShift], zones: int) -> dict[str, list[int]]:
    """Guards on patrol in every minute of the week, zone by zone, counted minute by minute."""
    counts = {f"z-{z}": [0] * MINUTES_IN_WEEK for z in range(zones)}
    for shift in all_shifts:
        minutes = counts[shift.zone]
        start_of_day = shift.start.hour * 60 + shift.start.minute
        for day in shift.weekdays:
            start = day * 1440 + start_of_day
            for minute in range(start, start + shift.minutes):
                minutes[minute % MINUTES_IN_WEEK] += shift.guards
    return counts


def city(buildings: int) -> tuple[CommunityGraph, list[str], dict[str, str]]:
    """A station of 50 police grids, 500 management grids and ``buildings`` buildings."""
    grids = 500
    doc = Jurisdiction(
        id="bench-city",
        name="基准城区",
        sub_bureaus=(SubBureau(id="sb-1", name="分局"),),
        police_stations=(PoliceStation(id="ps-1", name="派出所", sub_bureau="sb-1"),),
        policing_districts=(PolicingDistrict(id="pd-1", name="警区", station="ps-1"),),
        police_grids=tuple(
            PoliceGrid(id=f"pg-{i}", name=f"警格{i}", district="pd-1") for i in range(50)
        ),
        communities=tuple(
            Community(
                id=f"c-{i}",
                name=f"社区{i}",
                kind=CommunityKind.COMMUNITY,
                setting=AreaSetting.URBAN,
                population=10_000,
            )
            for i in range(100)
        ),
        management_grids=tuple(
            ManagementGrid(
                id=f"mg-{i}", name=f"网格{i}", community=f"c-{i // 5}", police_grid=f"pg-{i // 10}"
            )
            for i in range(grids)
        ),
        buildings=tuple(
            Building(id=f"b-{i}", name=f"楼{i}", management_grid=f"mg-{i % grids}")
            for i in range(buildings)
        ),
    )
    graph = CommunityGraph.from_jurisdiction(doc)
    places = [f"building:b-{i}" for i in range(buildings)]
    grid_of = {f"b-{i}": f"management_grid:mg-{i % grids}" for i in range(buildings)}
    return graph, places, grid_of


def incidents(count: int, places: list[str], rng: random.Random) -> list[Incident]:
    categories = list(IncidentCategory)
    refs = [AreaRef.parse(place) for place in places]
    start = datetime(2024, 1, 1, tzinfo=SHANGHAI)
    weights = [1 / (rank + 1) for rank in range(len(refs))]  # a few hot places, a long tail
    chosen = rng.choices(refs, weights=weights, k=count)
    return [
        Incident(
            f"i-{index}",
            start + timedelta(minutes=rng.randrange(731 * 1440)),
            place,
            rng.choice(categories),
            ReportChannel.CALL_110,
        )
        for index, place in enumerate(chosen)
    ]


def loop_hotspots(items: list[Incident], grid_of: dict[str, str]) -> Counter[str]:
    start = datetime.combine(YEAR.start, clock(0), SHANGHAI)
    end = datetime.combine(YEAR.end, clock(0), SHANGHAI)  # type: ignore[arg-type]
    counts: Counter[str] = Counter()
    for incident in items:
        if start <= incident.at < end:
            counts[grid_of[incident.place.id]] += 1
    return counts


def main(argv: list[str]) -> None:
    scale = 100 if smoke() else 10 if "--quick" in argv else 1
    zones, shift_count = 200, 50_000 // scale
    incident_count, buildings = 2_000_000 // scale, 5_000
    rng = random.Random(394)

    all_shifts, build_shifts_s = timed(lambda: shifts(zones, shift_count, rng))
    graph, places, grid_of = city(buildings)
    items, build_incidents_s = timed(lambda: incidents(incident_count, places, rng))
    print(
        f"built {len(all_shifts)} shifts in {zones} zones ({build_shifts_s:.1f} s), "
        f"{len(items)} incidents at {buildings} buildings ({build_incidents_s:.1f} s)"
    )

    zone_ids = [f"z-{z}" for z in range(zones)]

    def coverage_with_gaps() -> dict[str, ZoneCoverage]:
        # the gaps are derived on demand: reading them is part of the work measured
        coverages = weekly_coverages(all_shifts, zone_ids)
        for coverage in coverages.values():
            coverage.uncovered  # noqa: B018
        return coverages

    coverages, coverage_s = timed(coverage_with_gaps, REPEAT)
    one_zone, one_zone_s = timed(lambda: weekly_coverage(all_shifts, zone_ids[0]), REPEAT)
    counts, brute_s = timed(lambda: brute_force(all_shifts, zones), REPEAT)
    if one_zone != coverages[zone_ids[0]]:
        raise SystemExit("one zone's coverage disagrees with the coverage of all zones")
    for zone, coverage in coverages.items():
        uncovered = sum(1 for guards in counts[zone] if guards == 0)
        if uncovered != coverage.uncovered_minutes:
            raise SystemExit(f"coverage of {zone} disagrees with the brute force")
    print(
        f"coverage of {len(coverages)} zones: {coverage_s:.3f} s "
        f"(one zone from the whole list: {one_zone_s:.3f} s); minute by minute {brute_s:.2f} s"
    )

    ranked, hot_s = timed(
        lambda: hot_places(graph, items, level=AreaKind.MANAGEMENT_GRID, period=YEAR), REPEAT
    )
    looped, loop_s = timed(lambda: loop_hotspots(items, grid_of), REPEAT)
    if dict(ranked) != dict(looped):
        raise SystemExit("hot places disagree with the plain loop")
    print(f"hot places: {hot_s:.2f} s, top {ranked[0]}; plain loop {loop_s:.2f} s")

    print(
        f"coverage_s={coverage_s:.3f} coverage_vs_bruteforce={coverage_s / brute_s:.4f} "
        f"hotspots_s={hot_s:.3f} hotspots_vs_loop={hot_s / loop_s:.3f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
