"""Service-station workloads at city scale: ledger counts, floor-plan staleness, next free slot.

Builds, with a seeded generator, a city of 1,000 community police offices (three officers each,
on flexible hours, with a fortnight of bookings), a service ledger of 5,000,000 records over two
years, and 20,000 buildings with 2,000,000 floor-plan units. Measures:

- ``ledger_counts_s``: ``ServiceLedger.counts`` by kind, office and month over one year, against a
  plain loop that counts the same records into a dict in the same run (``ledger_vs_loop``); the
  ledger keeps a date-ordered index built with it, whose cost is in the build time printed;
- ``staleness_s``: ``staleness_report`` over every plan, against a plain loop counting stale
  units per building and per verifier (``staleness_vs_loop``);
- ``next_slot_us``: the mean time of ``AppointmentBook.next_free_slot`` for 30 minutes at a random
  office from a random moment, over 2,000 queries.

Usage: ``.venv/bin/python benchmarks/bench_services.py [--quick | --smoke]``; ``--smoke`` runs a
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

from community_policing import Period, ServiceKind, WeeklyInterval
from community_policing.floorplans import FloorPlan, UnitRecord, staleness_report
from community_policing.services import (
    Appointment,
    AppointmentBook,
    Roster,
    ServiceLedger,
    ServiceRecord,
    WorkingHours,
)

SHANGHAI = ZoneInfo("Asia/Shanghai")
START = date(2024, 1, 1)
YEAR = Period(date(2025, 1, 1), date(2026, 1, 1))
MAX_AGE = 90
AS_OF = date(2025, 7, 1)
#: Each comparison keeps the best of this many runs of both sides, in the same process.
REPEAT = 1 if smoke() else 3


def roster(offices: int) -> Roster:
    """Three officers per office: weekday office hours, two evenings, a Saturday morning."""
    day = [(clock(8, 30), clock(12)), (clock(14), clock(17, 30))]
    hours = []
    for office in range(offices):
        for seat in range(3):
            intervals = [WeeklyInterval(d, *span) for d in range(5) for span in day]
            intervals += [
                WeeklyInterval((seat + 1) % 5, clock(18), clock(21)),
                WeeklyInterval((seat + 3) % 5, clock(18), clock(21)),
                WeeklyInterval(5 + seat % 2, clock(9), clock(12)),
            ]
            hours.append(
                WorkingHours(
                    officer=f"p-{office}-{seat}",
                    office=f"o-{office}",
                    posted_on=date(2024, 12, 1),
                    effective_from=date(2025, 1, 1),
                    intervals=intervals,
                )
            )
    return Roster(hours)


#: The half-hour starts of a weekday's office hours (08:30-12:00, 14:00-17:30).
HALF_HOURS = (
    [clock(8, 30), *(clock(h, m) for h in range(9, 12) for m in (0, 30))]
    + [clock(h, m) for h in range(14, 17) for m in (0, 30)]
    + [clock(17)]
)


def book(hours: Roster, rng: random.Random) -> AppointmentBook:
    """Two bookings a weekday per officer over the first fortnight of March 2025."""
    appointments = []
    weekdays = [date(2025, 3, 3) + timedelta(days=d) for d in range(12) if d % 7 < 5]
    for working in hours.hours:
        for day in weekdays:
            for slot in rng.sample(HALF_HOURS, 2):
                start = datetime.combine(day, slot, SHANGHAI)
                appointments.append(
                    Appointment(
                        f"ap-{working.officer}-{day:%m%d}-{slot:%H%M}",
                        working.office,
                        working.officer,
                        ServiceKind.APPOINTMENT,
                        start,
                        start + timedelta(minutes=30),
                    )
                )
    return AppointmentBook(hours, appointments)


def ledger(records: int, offices: int, rng: random.Random) -> ServiceLedger:
    kinds = list(ServiceKind)
    weights = [1, 30, 9, 20, 4, 3, 3]
    office_ids = [f"o-{i}" for i in range(offices)]
    officers = [[f"p-{i}-{seat}" for seat in range(3)] for i in range(offices)]
    days = [START + timedelta(days=d) for d in range(731)]
    drawn = rng.choices(kinds, weights=weights, k=records)
    return ServiceLedger(
        [
            ServiceRecord(
                f"s-{index}",
                kind,
                office_ids[office],
                days[rng.randrange(731)],
                officers[office][index % 3],
            )
            for index, kind in enumerate(drawn)
            for office in (rng.randrange(offices),)
        ]
    )


def floor_plans(buildings: int, units_per_building: int, rng: random.Random) -> list[FloorPlan]:
    verifiers = [f"p-gw-{i}" for i in range(400)]
    days = [date(2024, 1, 1) + timedelta(days=d) for d in range(548)]
    plans = []
    for building in range(buildings):
        floors = units_per_building // 4
        units = [
            UnitRecord(
                f"{floor}0{door}",
                floor,
                days[rng.randrange(548)],
                verifiers[(building + door) % 400],
                household=f"h-{building}-{floor}-{door}",
            )
            for floor in range(1, floors + 1)
            for door in range(1, 5)
        ]
        plans.append(FloorPlan(f"b-{building}", floors, units))
    return plans


def loop_counts(records: tuple[ServiceRecord, ...]) -> dict[tuple[object, ...], int]:
    counts: dict[tuple[object, ...], int] = {}
    start, end = YEAR.start, YEAR.end
    for record in records:
        day = record.on
        if start <= day < end:
            key = (record.kind, record.office, day.year, day.month)
            counts[key] = counts.get(key, 0) + 1
    return counts


def loop_staleness(plans: list[FloorPlan]) -> tuple[Counter[str], Counter[str]]:
    cutoff = AS_OF - timedelta(days=MAX_AGE)
    by_building: Counter[str] = Counter()
    by_officer: Counter[str] = Counter()
    for plan in plans:
        for unit in plan.units:
            if unit.verified_on < cutoff:
                by_building[plan.building] += 1
                by_officer[unit.verified_by] += 1
    return by_building, by_officer


def main(argv: list[str]) -> None:
    scale = 100 if smoke() else 10 if "--quick" in argv else 1
    offices, records = 1_000 // scale, 5_000_000 // scale
    buildings, per_building = 20_000 // scale, 100
    rng = random.Random(1_4)

    hours = roster(offices)
    appointments, build_book_s = timed(lambda: book(hours, rng))
    entries, build_ledger_s = timed(lambda: ledger(records, offices, rng))
    plans, build_plans_s = timed(lambda: floor_plans(buildings, per_building, rng))
    print(
        f"built {offices} offices, {len(appointments.appointments)} bookings "
        f"({build_book_s:.1f} s), {len(entries.records)} ledger records ({build_ledger_s:.1f} s), "
        f"{sum(len(p.units) for p in plans)} floor-plan units ({build_plans_s:.1f} s)"
    )

    counted, ledger_s = timed(
        lambda: entries.counts(by=("kind", "office", "month"), period=YEAR), REPEAT
    )
    looped, loop_s = timed(lambda: loop_counts(entries.records), REPEAT)
    if sum(counted.values()) != sum(looped.values()) or len(counted) != len(looped):
        raise SystemExit("ledger counts disagree with the plain loop")
    print(f"ledger counts: {ledger_s:.2f} s for {len(counted)} groups; plain loop {loop_s:.2f} s")

    report, staleness_s = timed(
        lambda: staleness_report(plans, as_of=AS_OF, max_age_days=MAX_AGE), REPEAT
    )
    (by_building, by_officer), stale_loop_s = timed(lambda: loop_staleness(plans), REPEAT)
    if dict(report.by_building) != dict(sorted(by_building.items())) or dict(
        report.by_officer
    ) != dict(sorted(by_officer.items())):
        raise SystemExit("the staleness report disagrees with the plain loop")
    print(
        f"staleness: {staleness_s:.2f} s for {len(report.units)} stale units; "
        f"plain loop {stale_loop_s:.2f} s"
    )

    queries = [
        (
            f"o-{rng.randrange(offices)}",
            datetime(2025, 3, 3, tzinfo=SHANGHAI) + timedelta(minutes=rng.randrange(20_160)),
        )
        for _ in range(2_000)
    ]
    found = 0

    def ask() -> None:
        nonlocal found
        for office, after in queries:
            found += (
                appointments.next_free_slot(office, after=after, duration=timedelta(minutes=30))
                is not None
            )

    _, slots_s = timed(ask)  # once: every query is different
    next_slot_us = slots_s / len(queries) * 1e6
    print(f"next free slot: {next_slot_us:.1f} us a query, {found} of {len(queries)} found")

    print(
        f"ledger_counts_s={ledger_s:.3f} ledger_vs_loop={ledger_s / loop_s:.3f} "
        f"staleness_s={staleness_s:.3f} staleness_vs_loop={staleness_s / stale_loop_s:.3f} "
        f"next_slot_us={next_slot_us:.1f}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
