"""Replaying mediation case logs, and the mediation report over them.

Generates 100,000 cases (Yuncheng screened 5,300 leads in five months; a province is about a
hundred times that) as event logs with a seeded generator: most settle in the grid, some go up
one or two tiers, a few are referred or withdrawn, one in ten is still open, and some get a
follow-up visit. Measures how many logs replay per second through every rule
(``MediationCase(log)``) and how long ``mediation_metrics`` takes over the replayed cases,
against a plain counting loop over the same cases in the same run; and the overdue report
(``deadline_report`` over the cases' ``open_stints``, in working days of mainland China's
calendar, per place) against a plain loop computing each open case's due day itself.

Usage: ``.venv/bin/python benchmarks/bench_mediation.py [cases] [--smoke]``; ``--smoke``
replays 2,000 cases once. The last line holds the figures.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from datetime import date, timedelta

from _timing import size_argument, smoke, timed

from community_policing import AreaRef, CaseStatus, DisputeCategory, Period, ReportChannel, Role
from community_policing.calendar import WorkingCalendar
from community_policing.deadlines import DEFAULT_DEADLINES, TrackedKind, deadline_report
from community_policing.mediation import (
    Dispute,
    MediationCase,
    Mediator,
    mediation_metrics,
    open_stints,
)

#: The day the overdue report is read, after every generated event.
AS_OF = date(2025, 3, 3)

TEAMS = {
    3: (Mediator("p-gw", Role.GRID_WORKER), Mediator("p-aux", Role.RESIDENT_AUXILIARY)),
    2: (Mediator("p-aux", Role.RESIDENT_AUXILIARY), Mediator("p-fq", Role.FENGQIAO_MEDIATOR)),
    1: (Mediator("p-officer", Role.COMMUNITY_OFFICER), Mediator("p-law", Role.LAWYER)),
}


def generate(count: int, seed: int = 5300) -> list[tuple[object, ...]]:
    """Event logs of ``count`` valid cases."""
    rng = random.Random(seed)
    categories = list(DisputeCategory)
    logs = []
    for index in range(count):
        day = date(2023, 1, 1) + timedelta(days=rng.randrange(730))
        case = MediationCase.open(
            Dispute(
                id=f"d-{index}",
                category=rng.choice(categories),
                parties=(f"p-a{index}", f"p-b{index}"),
                place=AreaRef.parse(f"management_grid:mg-{index % 5446}"),
                reported_on=day,
                channel=ReportChannel.SCREENING,
            )
        )
        climbs = rng.choices((0, 1, 2), weights=(80, 15, 5))[0]
        for _ in range(climbs):
            case = case.attempt(day, TEAMS[case.tier]).escalate(day, "未果")
            day += timedelta(days=rng.randrange(3))
        case = case.attempt(day, TEAMS[case.tier])
        ending = rng.random()
        if ending < 0.85:
            case = case.resolve(day + timedelta(days=rng.randrange(2)))
        elif ending < 0.88:
            case = case.refer(day, "o-court", "诉讼")
        elif ending < 0.90:
            case = case.withdraw(day, "和解")
        if case.closed and rng.random() < 0.3:
            case = case.follow_up(day + timedelta(days=30), "p-gw")
        logs.append(case.events)
    return logs


def naive_count(cases: list[MediationCase], period: Period) -> Counter[str]:
    """The floor: one plain pass counting closed, resolved and referred cases."""
    counts: Counter[str] = Counter()
    for case in cases:
        if case.closed_on is not None and period.contains(case.closed_on):
            counts["closed"] += 1
            counts[case.status.value] += 1
    return counts


def overdue_report(
    cases: list[MediationCase], calendar: WorkingCalendar
) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, date]]]:
    """The library's report per place: open, due-soon and overdue counts, and the overdue
    cases with their due days."""
    report = deadline_report(
        open_stints(cases, as_of=AS_OF),
        DEFAULT_DEADLINES,
        calendar,
        as_of=AS_OF,
        by="place",
    )
    counts = {
        place: (row.open, row.due_soon, row.overdue)
        for place, row in report.groups.items()
        if place is not None
    }
    return counts, [(late.item.id, late.due) for late in report.overdue]


def naive_overdue(
    cases: list[MediationCase], calendar: WorkingCalendar
) -> tuple[dict[str, tuple[int, int, int]], list[tuple[str, date]]]:
    """The floor: a plain loop adding each open case's tier days to its tier's first day,
    counting open, due-soon and overdue cases per place and listing the overdue ones, most
    overdue first."""
    rules = {}
    for tier in (3, 2, 1):
        rule = DEFAULT_DEADLINES.rule_for(TrackedKind.MEDIATION, str(tier))
        rules[tier] = (0, 0) if rule is None else (rule.days, rule.due_soon_days)
    rows: dict[str, list[int]] = {}
    late = []
    for case in cases:
        if case.closed:
            continue
        days, soon = rules[case.tier]
        due = calendar.add_working_days(case.tier_since, days)
        row = rows.setdefault(str(case.dispute.place), [0, 0, 0])
        row[0] += 1
        if due < AS_OF:
            row[2] += 1
            late.append(((AS_OF - due).days, case.id, due))
        elif (
            calendar.working_days_between(AS_OF + timedelta(days=1), due + timedelta(days=1))
            <= soon
        ):
            row[1] += 1
    late.sort(key=lambda entry: (-entry[0], entry[1]))
    counts = {place: (row[0], row[1], row[2]) for place, row in sorted(rows.items())}
    return counts, [(case, due) for _, case, due in late]


def main() -> None:
    count = size_argument(100_000, 2_000)
    repeat = 1 if smoke() else 3
    logs, generated_s = timed(lambda: generate(count))
    print(f"generated {count:,} logs ({sum(map(len, logs)):,} events) in {generated_s:.1f} s")

    cases, best_replay = timed(lambda: [MediationCase(log) for log in logs], repeat)
    period = Period(date(2023, 1, 1), date(2026, 1, 1))
    report, best_metrics = timed(lambda: mediation_metrics(cases, period), repeat)
    counts, best_loop = timed(lambda: naive_count(cases, period), repeat)
    if (report.closed, report.resolved) != (counts["closed"], counts[CaseStatus.RESOLVED.value]):
        sys.exit("the report disagrees with the plain count")
    print(
        f"replay {best_replay:.2f} s; metrics {best_metrics:.3f} s (plain count "
        f"{best_loop:.3f} s); resolution rate {report.resolution_rate}, in the grid "
        f"{report.resolved_in_grid}, median days {report.median_days_to_resolution}"
    )
    calendar = WorkingCalendar.mainland_china()
    overdue, best_overdue = timed(lambda: overdue_report(cases, calendar), repeat)
    plain, best_plain = timed(lambda: naive_overdue(cases, calendar), repeat)
    if overdue != plain:
        sys.exit("the overdue report disagrees with the plain loop")
    print(
        f"overdue report {best_overdue:.3f} s (plain loop {best_plain:.3f} s): "
        f"{len(overdue[1]):,} overdue of {sum(row[0] for row in overdue[0].values()):,} open "
        f"cases in {len(overdue[0]):,} places on {AS_OF}"
    )
    print(
        f"replay_per_s={count / best_replay:.0f} metrics_s={best_metrics:.3f} "
        f"overdue_vs_loop={best_overdue / best_plain:.2f}"
    )


if __name__ == "__main__":
    main()
