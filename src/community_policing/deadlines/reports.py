"""What is open, due soon and overdue, and the share settled on time (办理时限报表).

:func:`deadline_report` counts the open items on a day per officer, place, kind, or any level
of the territory (the police grid, the station — read through the relationship graph), and
lists the overdue ones, most overdue first. :func:`on_time_report` gives the share of items
settled on time in a period, against the same period a year before (同比) and the period just
before (环比). Both speak English and Chinese, and name records by id only.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period
    >>> from community_policing.calendar import WorkingCalendar
    >>> from community_policing.deadlines import DEFAULT_DEADLINES, TrackedItem, TrackedKind
    >>> cal = WorkingCalendar.of(years=(2025, 2025))
    >>> items = [TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 3, 3), officer="p-wang"),
    ...          TrackedItem(TrackedKind.TIP, "tip-2", date(2025, 3, 10), officer="p-wang")]
    >>> report = deadline_report(items, DEFAULT_DEADLINES, cal, as_of=date(2025, 3, 12))
    >>> report.groups["p-wang"]
    StatusCounts(on_track=1, due_soon=0, overdue=1, paused=0)
    >>> [(late.item.id, late.due.isoformat(), late.days_over) for late in report.overdue]
    [('tip-1', '2025-03-10', 2)]
"""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable, Mapping
from datetime import date, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING

import attrs

from community_policing.deadlines.clock import (
    ItemStatus,
    TrackedItem,
    _clock_due,
    _clock_status,
    _counter,
)
from community_policing.deadlines.rules import TrackedKind
from community_policing.errors import ValidationError
from community_policing.graph import containing
from community_policing.metrics import earlier_period, rate
from community_policing.model.periods import Period
from community_policing.model.vocab import AreaKind

if TYPE_CHECKING:
    from community_policing.calendar import WorkingCalendar
    from community_policing.deadlines.rules import DeadlinePolicy, DeadlineRule
    from community_policing.graph import CommunityGraph

__all__ = [
    "DeadlineReport",
    "OnTimeReport",
    "OnTimeShare",
    "OverdueItem",
    "StatusCounts",
    "deadline_report",
    "on_time_report",
]

_DAY = timedelta(days=1)
_GROUPINGS: Mapping[str, Callable[[TrackedItem], str | None]] = MappingProxyType(
    {
        "officer": lambda item: item.officer,
        "place": lambda item: None if item.place is None else item.place.key,
        "kind": lambda item: item.kind.value,
    }
)


@attrs.frozen
class StatusCounts:
    """Open items of one group: on track, due soon, overdue, and with the clock paused.

    Examples:
        >>> StatusCounts(on_track=3, overdue=1).open
        4
    """

    on_track: int = 0
    due_soon: int = 0
    overdue: int = 0
    paused: int = 0

    @property
    def open(self) -> int:
        """Every open item of the group."""
        return self.on_track + self.due_soon + self.overdue + self.paused


@attrs.frozen
class OverdueItem:
    """One overdue item: the item, the group it is counted in, its due day, how late.

    Examples:
        >>> from datetime import date
        >>> from community_policing.deadlines import TrackedItem, TrackedKind
        >>> tip = TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 3, 3), officer="p-wang")
        >>> OverdueItem(tip, "p-wang", date(2025, 3, 10), 2).item.id
        'tip-1'
    """

    item: TrackedItem
    group: str | None
    due: date
    days_over: int


def _read_only(groups: Mapping[str | None, StatusCounts]) -> Mapping[str | None, StatusCounts]:
    return MappingProxyType(dict(groups))


@attrs.frozen
class DeadlineReport:
    """Open items on a day, per group, with the overdue ones listed (超期督办).

    Attributes:
        as_of: The day seen.
        by: How items are grouped: ``"officer"``, ``"place"``, ``"kind"`` or an area kind's
            value (``"police_station"``).
        groups: Counts per group (``None``: items without an officer or place), sorted.
        overdue: The overdue items, most days over first (calendar days past the due day).
        untracked: Open items of a kind and category with no rule.

    Examples:
        >>> from datetime import date
        >>> empty = DeadlineReport(date(2025, 3, 1), "officer", {}, (), 0)
        >>> empty.totals.open, empty.to_text("zh").splitlines()[0]
        (0, '2025-03-01 在办 0 件：即将到期 0，已超期 0，暂停计时 0')
    """

    as_of: date
    by: str
    groups: Mapping[str | None, StatusCounts] = attrs.field(converter=_read_only)
    overdue: tuple[OverdueItem, ...]
    untracked: int

    @property
    def totals(self) -> StatusCounts:
        """Counts over every group."""
        rows = self.groups.values()
        return StatusCounts(
            on_track=sum(row.on_track for row in rows),
            due_soon=sum(row.due_soon for row in rows),
            overdue=sum(row.overdue for row in rows),
            paused=sum(row.paused for row in rows),
        )

    def to_text(self, language: str = "en") -> str:
        """The report as lines of text, in English (``"en"``) or Chinese (``"zh"``)."""
        zh = language == "zh"
        total = self.totals
        day = self.as_of.isoformat()
        lines = [
            f"{day} 在办 {total.open} 件：即将到期 {total.due_soon}，已超期 {total.overdue}，"
            f"暂停计时 {total.paused}"
            if zh
            else f"Open on {day}: {total.open} ({total.due_soon} due soon, {total.overdue} "
            f"overdue, {total.paused} paused)"
        ]
        none = "（未指定）" if zh else "(none)"
        for group, row in self.groups.items():
            name = none if group is None else group
            if self.by == "kind" and group is not None:
                grouped = TrackedKind(group)
                name = grouped.zh if zh else grouped.en
            lines.append(
                f"  {name}：在办 {row.open}，即将到期 {row.due_soon}，已超期 {row.overdue}"
                if zh
                else f"  {name}: {row.open} open, {row.due_soon} due soon, {row.overdue} overdue"
            )
        for late in self.overdue:
            kind = late.item.kind.zh if zh else late.item.kind.en
            lines.append(
                f"  ✗ {kind} {late.item.id}：{late.due.isoformat()} 到期，超期 {late.days_over} 天"
                if zh
                else f"  ✗ {kind} {late.item.id}: due {late.due.isoformat()}, "
                f"{late.days_over} day(s) over"
            )
        if self.untracked:
            lines.append(
                f"  另有 {self.untracked} 件无时限规则"
                if zh
                else f"  {self.untracked} more without a deadline rule"
            )
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report as JSON."""
        return json.dumps(
            {
                "as_of": self.as_of.isoformat(),
                "by": self.by,
                "groups": [
                    {"group": group, **attrs.asdict(row), "open": row.open}
                    for group, row in self.groups.items()
                ],
                "overdue": [
                    {
                        "kind": late.item.kind.value,
                        "id": late.item.id,
                        "category": late.item.category,
                        "officer": late.item.officer,
                        "group": late.group,
                        "due": late.due.isoformat(),
                        "days_over": late.days_over,
                    }
                    for late in self.overdue
                ],
                "untracked": self.untracked,
            },
            ensure_ascii=False,
        )


def _grouper(
    by: str | AreaKind, graph: CommunityGraph | None, as_of: date
) -> tuple[str, Callable[[TrackedItem], str | None]]:
    """The grouping's name and a function from an item to its group."""
    if isinstance(by, AreaKind):
        if graph is None:
            raise ValidationError(
                entity="deadline_report",
                field="graph",
                rule="graph_needed",
                reason=f"grouping by {by.en} reads the relationship graph: give one",
            )
        prefix = f"{by.value}:"
        found: dict[str, str | None] = {}

        def area_of(item: TrackedItem) -> str | None:
            if item.place is None:
                return None
            key = str(item.place)
            if key not in found:
                above = containing(graph, key, as_of=as_of)
                found[key] = next((k for k in above if k.startswith(prefix)), None)
            return found[key]

        return by.value, area_of
    if by in _GROUPINGS:
        return by, _GROUPINGS[by]
    known = ", ".join(_GROUPINGS)
    raise ValidationError(
        entity="deadline_report",
        field="by",
        rule="grouping",
        reason=f"is one of {known} or an area kind",
    )


def deadline_report(
    items: Iterable[TrackedItem],
    policy: DeadlinePolicy,
    calendar: WorkingCalendar | None = None,
    *,
    as_of: date,
    by: str | AreaKind = "officer",
    graph: CommunityGraph | None = None,
) -> DeadlineReport:
    """The items open on ``as_of``, per group, and the overdue ones.

    Items whose clock starts after ``as_of`` are not counted; an item settled after it counts
    as open.

    Args:
        items: The items, from each mechanism's ``tracked`` readers.
        policy: The deadline rules.
        calendar: The working calendar, needed by any rule counting working days.
        as_of: The day seen.
        by: ``"officer"``, ``"place"``, ``"kind"``, or an
            :class:`~community_policing.model.vocab.AreaKind` (the area of that kind holding
            each item's place, read from ``graph``).
        graph: The relationship graph, for grouping by an area kind.

    Raises:
        ValidationError: an unknown grouping, a grouping by area without a graph, a rule
            counting working days without a calendar, or a day outside the calendar's years.
        NotFoundError: an item's place is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaKind, AreaRef, CommunityGraph, sample
        >>> from community_policing.deadlines import DEFAULT_DEADLINES, TrackedItem, TrackedKind
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> kept = TrackedItem(TrackedKind.ASSET_RETURN, "rc-1", date(2025, 3, 3),
        ...                   place=AreaRef.parse("building:b-jy-1"))
        >>> report = deadline_report([kept], DEFAULT_DEADLINES, as_of=date(2025, 3, 4),
        ...                          by=AreaKind.POLICE_STATION, graph=graph)
        >>> dict(report.groups)
        {'police_station:ps-kaolao': StatusCounts(on_track=1, due_soon=0, overdue=0, paused=0)}
    """
    name, group_of = _grouper(by, graph, as_of)
    counts: dict[str | None, list[int]] = {}
    untracked = 0
    rules = _Rules(policy, calendar)
    late: list[tuple[int, str, str, str, OverdueItem]] = []
    for item in items:
        settled = item.settled_on
        if item.started > as_of or (settled is not None and settled <= as_of):
            continue
        applied = rules.of(item)
        if applied is None:
            untracked += 1
            continue
        due = applied.due(item, as_of)
        group = group_of(item)
        row = counts.get(group)
        if row is None:
            row = counts[group] = [0, 0, 0, 0]
        if due is None:
            row[3] += 1
        elif as_of > due:
            row[2] += 1
            over = (as_of - due).days
            entry = OverdueItem(item, group, due, over)
            late.append((-over, applied.kind, item.id, item.category or "", entry))
        elif applied.status(due, as_of) is ItemStatus.DUE_SOON:
            row[1] += 1
        else:
            row[0] += 1
    late.sort(key=_ORDER)
    overdue = [entry[-1] for entry in late]
    groups = {group: StatusCounts(*counts[group]) for group in sorted(counts, key=_group_order)}
    return DeadlineReport(as_of, name, groups, tuple(overdue), untracked)


class _Rules:
    """The policy's rules as items ask for them, each made ready once per kind and category."""

    __slots__ = ("calendar", "policy", "ready")

    def __init__(self, policy: DeadlinePolicy, calendar: WorkingCalendar | None) -> None:
        self.policy, self.calendar = policy, calendar
        self.ready: dict[tuple[TrackedKind, str | None], _Applied | None] = {}

    def of(self, item: TrackedItem) -> _Applied | None:
        """The rule for ``item``, ready to count with; ``None`` when the policy has none."""
        key = (item.kind, item.category)
        if key not in self.ready:
            rule = self.policy.rule_for(*key)
            self.ready[key] = None if rule is None else _Applied(rule, self.calendar)
        return self.ready[key]


#: Most days over first, then by kind, id and category (the entry itself is never compared).
_ORDER = operator.itemgetter(0, 1, 2, 3)


class _Applied:
    """A rule ready to count with: its counter, and the due day of each start day met.

    Most items wait on no one, so their due day depends on the start day alone: it is
    counted once per start day and remembered.
    """

    __slots__ = ("count", "days", "dues", "kind", "pausing", "soon")

    def __init__(self, rule: DeadlineRule, calendar: WorkingCalendar | None) -> None:
        self.days = rule.days
        self.count = _counter(rule, calendar)
        self.pausing = rule.pauses_while_waiting
        self.soon = rule.due_soon_days
        self.kind = rule.kind.value
        self.dues: dict[date, date] = {}

    def due(self, item: TrackedItem, as_of: date | None = None) -> date | None:
        if self.pausing and item.pauses:
            return _clock_due(item.started, self.days, item.pauses, self.count, as_of)
        due = self.dues.get(item.started)
        if due is None:
            due = self.dues[item.started] = self.count[1](item.started, self.days)
        return due

    def status(self, due: date, as_of: date) -> ItemStatus:
        return _clock_status(due, None, as_of, self.soon, self.count[0])


def _group_order(group: str | None) -> tuple[bool, str]:
    return group is not None, group or ""


@attrs.frozen
class OnTimeShare:
    """Items settled in a period, and how many of them by their due day (按期办结率).

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> OnTimeShare(Period(date(2025, 1, 1), date(2025, 2, 1)), settled=8, met=6).share
        0.75
    """

    period: Period
    settled: int
    met: int

    @property
    def share(self) -> float | None:
        """``met / settled`` to four places, ``None`` when nothing was settled."""
        return rate(self.met, self.settled)


def _percent(share: float | None) -> str:
    return "—" if share is None else f"{share * 100:.1f}%"


def _signed(points: float | None) -> str:
    return "—" if points is None else f"{points * 100:+.1f}"


def _points(now: float | None, then: float | None) -> float | None:
    return None if now is None or then is None else round(now - then, 4)


@attrs.frozen
class OnTimeReport:
    """The on-time share of a period, with the same period a year before and the one before.

    Attributes:
        current: The period asked about.
        year_before: The same days a year earlier (同比).
        period_before: The period of the same length just before (环比).

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> march = Period(date(2025, 3, 1), date(2025, 4, 1))
        >>> report = OnTimeReport(OnTimeShare(march, 4, 3),
        ...                       OnTimeShare(Period(date(2024, 3, 1), date(2024, 4, 1)), 2, 1),
        ...                       OnTimeShare(Period(date(2025, 1, 29), date(2025, 3, 1)), 0, 0))
        >>> report.year_on_year, report.period_on_period
        (0.25, None)
    """

    current: OnTimeShare
    year_before: OnTimeShare
    period_before: OnTimeShare

    @property
    def year_on_year(self) -> float | None:
        """The change in share against a year before, in shares (0.25 is 25 points)."""
        return _points(self.current.share, self.year_before.share)

    @property
    def period_on_period(self) -> float | None:
        """The change in share against the period just before, in shares."""
        return _points(self.current.share, self.period_before.share)

    def to_text(self, language: str = "en") -> str:
        """The report in English (``"en"``) or Chinese (``"zh"``)."""
        zh = language == "zh"

        now = self.current
        span = (
            f"{now.period.start.isoformat()}–{now.period.end.isoformat() if now.period.end else ''}"
        )
        if zh:
            return (
                f"{span} 办结 {now.settled} 件，按期 {now.met} 件，按期办结率 {_percent(now.share)}"
                f"（同比 {_signed(self.year_on_year)} 个百分点，"
                f"环比 {_signed(self.period_on_period)} 个百分点）"
            )
        return (
            f"{span}: {now.settled} settled, {now.met} on time, {_percent(now.share)} "
            f"(year on year {_signed(self.year_on_year)} points, "
            f"period on period {_signed(self.period_on_period)} points)"
        )


def on_time_report(
    items: Iterable[TrackedItem],
    policy: DeadlinePolicy,
    calendar: WorkingCalendar | None = None,
    *,
    period: Period,
) -> OnTimeReport:
    """The share of items settled in ``period`` by their due day, with its changes.

    Items of a kind and category without a rule are not counted.

    Raises:
        ValidationError: an open period, a rule counting working days without a calendar, or a
            day outside the calendar's years.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> from community_policing.deadlines import DEFAULT_DEADLINES, TrackedItem, TrackedKind
        >>> returns = [TrackedItem(TrackedKind.ASSET_RETURN, f"rc-{n}", date(2025, 3, 1),
        ...                        settled_on=date(2025, 3, 1) + timedelta(days=20 * n))
        ...            for n in (1, 2)]
        >>> report = on_time_report(returns, DEFAULT_DEADLINES,
        ...                         period=Period(date(2025, 3, 1), date(2025, 5, 1)))
        >>> report.current.settled, report.current.met
        (2, 1)
    """
    periods = (
        period,
        earlier_period(period, compare="year"),
        earlier_period(period, compare="period"),
    )
    settled = [0, 0, 0]
    met = [0, 0, 0]
    rules = _Rules(policy, calendar)
    for item in items:
        day = item.settled_on
        if day is None:
            continue
        hits = [at for at, each in enumerate(periods) if each.contains(day)]
        if not hits:
            continue
        applied = rules.of(item)
        if applied is None:
            continue
        due = applied.due(item)
        for at in hits:
            settled[at] += 1
            met[at] += due is None or day <= due
    shares = [OnTimeShare(each, settled[at], met[at]) for at, each in enumerate(periods)]
    return OnTimeReport(*shares)
