"""The 24-hour joint security patrol (保安联勤联防): zones, companies' shifts, exact coverage.

Hubin (source 003) organised 54 security companies and their 394 full-time guards into 8 joint
patrol zones so that every zone is patrolled 24 hours a day, by "time complement and area
complement" (时间互补、区域互补): where one company's shift ends another's begins, and a company
with guards to spare covers a neighbouring zone's gap.

- :class:`PatrolZone`, :class:`PatrolShift` (a weekly shift, which may cross midnight) and
  :class:`ShiftException` (a one-off change of a shift's headcount on a date; 0 cancels it).
- :func:`weekly_coverage` (one zone) and :func:`weekly_coverages` (every zone at once): the
  exact uncovered stretches of the week, the headcount in force in every stretch, and the share
  of the week covered — interval arithmetic, not minute counting. :func:`coverage_between` does
  the same for a date range with exceptions.
- :func:`gap_fillers`: which companies' spare guards could fill each gap, nearest zones first.

Times are minutes of the week (0 is Monday 00:00, 10,080 is the end of Sunday) in the zone's
local time.

Examples:
    >>> from datetime import time
    >>> shifts = [PatrolShift("s-day", "z-1", "o-a", range(7), time(8), time(20)),
    ...           PatrolShift("s-night", "z-1", "o-b", range(7), time(20), time(8))]
    >>> weekly_coverage(shifts, "z-1").covered_share
    1.0
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import ValidationError, shown
from community_policing.graph import holders
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import Role
from community_policing.model.weekly import DEFAULT_TIMEZONE, minute_of_day

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from community_policing.graph import CommunityGraph

__all__ = [
    "GapFiller",
    "MINUTES_IN_WEEK",
    "PatrolShift",
    "PatrolZone",
    "ShiftException",
    "ZoneCoverage",
    "company_guards",
    "coverage_between",
    "gap_fillers",
    "weekly_coverage",
    "weekly_coverages",
    "zone_hours_share",
]

#: Minutes in a week: the span of every weekly schedule.
MINUTES_IN_WEEK = 7 * 24 * 60
_DAY = 24 * 60


def _positive(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.count(instance, attribute, value)
    if value == 0:
        raise v.fail(instance, attribute.name, "positive", "must be at least 1")


@document
@attrs.frozen
class PatrolZone:
    """A joint patrol zone (联勤联防区域) and the zones that border it.

    Examples:
        >>> PatrolZone("z-1", "湖滨一区", neighbours=["z-2"]).neighbours
        ('z-2',)
    """

    KIND: ClassVar[str] = "patrol_zone"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    area: AreaRef | None = attrs.field(
        default=None, validator=v.instance_of(AreaRef, optional=True)
    )
    neighbours: tuple[str, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.unique_identifiers
    )

    def __attrs_post_init__(self) -> None:
        if self.id in self.neighbours:
            raise v.fail(self, "neighbours", "self", "a zone does not border itself")


@document
@attrs.frozen
class PatrolShift:
    """A company's recurring weekly shift in a zone: which weekdays, from when to when, how many.

    A shift whose end is not after its start runs past midnight into the next day (Sunday's
    runs into Monday); ``start == end`` is a full 24 hours.

    Examples:
        >>> from datetime import time
        >>> night = PatrolShift("s-n", "z-1", "o-a", [6], time(20), time(8), guards=2)
        >>> night.stretches()
        ((9840, 10080, 2), (0, 480, 2))
    """

    KIND: ClassVar[str] = "patrol_shift"

    id: str = attrs.field(validator=v.identifier)
    zone: str = attrs.field(validator=v.identifier)
    company: str = attrs.field(validator=v.identifier)
    weekdays: tuple[int, ...] = attrs.field(converter=v.weekday_tuple, validator=v.weekdays)
    start: time = attrs.field(validator=v.time_of_day)
    end: time = attrs.field(validator=v.time_of_day)
    guards: int = attrs.field(default=1, validator=_positive)
    _stretches: tuple[tuple[int, int, int], ...] = attrs.field(init=False, eq=False, repr=False)

    @property
    def minutes(self) -> int:
        """The length of one occurrence, in minutes."""
        length = (minute_of_day(self.end) - minute_of_day(self.start)) % _DAY
        return length or _DAY

    def __attrs_post_init__(self) -> None:
        found: list[tuple[int, int, int]] = []
        length = self.minutes
        for day in self.weekdays:
            start = day * _DAY + minute_of_day(self.start)
            end = start + length
            if end <= MINUTES_IN_WEEK:
                found.append((start, end, self.guards))
            else:
                found.append((start, MINUTES_IN_WEEK, self.guards))
                found.append((0, end - MINUTES_IN_WEEK, self.guards))
        object.__setattr__(self, "_stretches", tuple(found))

    def stretches(self) -> tuple[tuple[int, int, int], ...]:
        """(start, end, guards) in minutes of the week; one crossing the week's end is split."""
        return self._stretches


@document
@attrs.frozen
class ShiftException:
    """A one-off change to one occurrence of a shift.

    The occurrence starting on ``on`` runs with ``guards`` guards instead; 0 cancels it.

    Examples:
        >>> from datetime import date
        >>> ShiftException("x-1", "s-n", date(2025, 2, 2), guards=0).guards
        0
    """

    KIND: ClassVar[str] = "shift_exception"

    id: str = attrs.field(validator=v.identifier)
    shift: str = attrs.field(validator=v.identifier)
    on: date = attrs.field(validator=v.calendar_date)
    guards: int = attrs.field(default=0, validator=v.count)


@attrs.frozen
class ZoneCoverage:
    """How a zone is covered over a span of minutes.

    Attributes:
        zone: The zone.
        span: (start, end) of the span, in minutes from its origin.
        required: The headcount each minute needs.
        headcount: (start, end, guards) for every stretch of the span, in order, with the
            number of guards on patrol throughout it (0 where nobody is); neighbouring
            stretches always differ.

    Examples:
        >>> from datetime import time
        >>> day = PatrolShift("s-1", "z-1", "o-a", [0], time(8), time(20))
        >>> coverage = weekly_coverage([day], "z-1")
        >>> coverage.uncovered
        ((0, 480), (1200, 10080))
    """

    zone: str
    span: tuple[int, int]
    required: int
    headcount: tuple[tuple[int, int, int], ...]

    @property
    def uncovered(self) -> tuple[tuple[int, int], ...]:
        """(start, end) of every stretch with fewer than ``required`` guards, merged."""
        found: list[tuple[int, int]] = []
        for start, end, guards in self.headcount:
            if guards >= self.required:
                continue
            if found and found[-1][1] == start:
                found[-1] = (found[-1][0], end)
            else:
                found.append((start, end))
        return tuple(found)

    @property
    def covered_share(self) -> float:
        """The share of the span with at least the required headcount (zone-hours covered)."""
        start, end = self.span
        return round(1 - self.uncovered_minutes / (end - start), 6)

    @property
    def uncovered_minutes(self) -> int:
        """Minutes of the span short of the required headcount."""
        return sum(b - a for a, b in self.uncovered)


def _headcount(
    stretches: Iterable[tuple[int, int, int]], span: tuple[int, int]
) -> tuple[tuple[int, int, int], ...]:
    """Guards on patrol over ``span`` from (start, end, guards) stretches, by one sweep.

    Every stretch becomes two events (its start adds its guards, its end takes them away);
    sorted, they are walked once, emitting a stretch of constant headcount between points.
    """
    low, high = span
    events: list[tuple[int, int]] = []
    add = events.append
    for first, last, guards in stretches:
        start = first if first > low else low
        end = last if last < high else high
        if start < end:
            add((start, guards))
            add((end, -guards))
    events.sort()
    events.append((high, 0))
    headcount: list[tuple[int, int, int]] = []
    here, level = low, 0
    for point, delta in events:
        if point != here:
            if headcount and headcount[-1][2] == level:
                headcount[-1] = (headcount[-1][0], point, level)
            else:
                headcount.append((here, point, level))
            here = point
        level += delta
    return tuple(headcount)


_WEEK = (0, MINUTES_IN_WEEK)


def _required(required: int) -> int:
    if type(required) is not int or required < 1:
        raise ValidationError(
            entity="coverage", field="required", rule="positive", reason="must be at least 1"
        )
    return required


def weekly_coverage(shifts: Iterable[PatrolShift], zone: str, *, required: int = 1) -> ZoneCoverage:
    """The coverage of ``zone`` over a typical week: headcount, gaps and the share covered.

    Raises:
        ValidationError: ``required`` is not a whole number from 1.

    Examples:
        >>> from datetime import time
        >>> shifts = [PatrolShift("s-d", "z-1", "o-a", range(7), time(8), time(20), guards=2),
        ...           PatrolShift("s-n", "z-1", "o-b", range(7), time(20), time(8))]
        >>> coverage = weekly_coverage(shifts, "z-1", required=2)
        >>> coverage.covered_share, coverage.uncovered[0]
        (0.5, (0, 480))
    """
    need = _required(required)
    stretches = (s for shift in shifts if shift.zone == zone for s in shift.stretches())
    return ZoneCoverage(zone, _WEEK, need, _headcount(stretches, _WEEK))


def weekly_coverages(
    shifts: Iterable[PatrolShift],
    zones: Iterable[PatrolZone | str],
    *,
    required: int = 1,
) -> dict[str, ZoneCoverage]:
    """:func:`weekly_coverage` of every zone, in one pass over the shifts.

    Every zone listed gets its coverage, a zone no shift names included (uncovered all week),
    so a share over "all zones" counts the zone nobody patrols.

    Raises:
        ValidationError: a shift names a zone that is not listed.

    Examples:
        >>> from datetime import time
        >>> shifts = [PatrolShift("s-1", "z-1", "o-a", range(7), time(0), time(0)),
        ...           PatrolShift("s-2", "z-2", "o-a", [0], time(8), time(20))]
        >>> found = weekly_coverages(shifts, ["z-1", "z-2", "z-3"])
        >>> {zone: coverage.covered_share for zone, coverage in found.items()}
        {'z-1': 1.0, 'z-2': 0.071429, 'z-3': 0.0}
    """
    need = _required(required)
    names = [zone.id if isinstance(zone, PatrolZone) else zone for zone in zones]
    by_zone: dict[str, list[tuple[int, int, int]]] = {name: [] for name in names}
    for shift in shifts:
        found = by_zone.get(shift.zone)
        if found is None:
            raise v.fail(shift, "zone", "reference", f"no zone {shown(shift.zone)} is listed")
        found.extend(shift.stretches())
    return {
        zone: ZoneCoverage(zone, _WEEK, need, _headcount(stretches, _WEEK))
        for zone, stretches in sorted(by_zone.items())
    }


def coverage_between(
    shifts: Iterable[PatrolShift],
    exceptions: Iterable[ShiftException],
    zone: str,
    start: date,
    end: date,
    *,
    required: int = 1,
    timezone: str = DEFAULT_TIMEZONE,
) -> tuple[ZoneCoverage, tuple[tuple[datetime, datetime], ...]]:
    """The coverage of ``zone`` from ``start`` to ``end`` (exclusive), with one-off exceptions.

    Returns the coverage in minutes from ``start`` 00:00 and the uncovered stretches as aware
    datetimes in ``timezone``. A shift starting the day before ``start`` that runs past midnight
    counts for its hours inside the range.

    Raises:
        ValidationError: ``end`` is not after ``start``, or ``required`` is below 1.

    Examples:
        >>> from datetime import date, time
        >>> shifts = [PatrolShift("s-1", "z-1", "o-a", range(7), time(0), time(0))]
        >>> off = ShiftException("x-1", "s-1", date(2025, 2, 4))  # a Tuesday
        >>> _, gaps = coverage_between(shifts, [off], "z-1", date(2025, 2, 3), date(2025, 2, 6))
        >>> [(a.isoformat(), b.isoformat()) for a, b in gaps]
        [('2025-02-04T00:00:00+08:00', '2025-02-05T00:00:00+08:00')]
    """
    need = _required(required)
    zone_info = v.time_zone(timezone, entity="coverage", field="timezone")
    days = (end - start).days
    if days <= 0:
        raise ValidationError(
            entity="coverage", field="end", rule="after_start", reason="must be after the start"
        )
    changed = {(x.shift, x.on): x.guards for x in exceptions}
    stretches = []
    for shift in shifts:
        if shift.zone != zone:
            continue
        for offset in range(-1, days):
            day = start + timedelta(days=offset)
            if day.weekday() not in shift.weekdays:
                continue
            guards = changed.get((shift.id, day), shift.guards)
            if guards:
                begin = offset * _DAY + minute_of_day(shift.start)
                stretches.append((begin, begin + shift.minutes, guards))
    span = (0, days * _DAY)
    coverage = ZoneCoverage(zone, span, need, _headcount(stretches, span))
    origin = datetime.combine(start, time(0))

    def moment(minutes: int) -> datetime:
        return (origin + timedelta(minutes=minutes)).replace(tzinfo=zone_info)

    gaps = tuple((moment(a), moment(b)) for a, b in coverage.uncovered)
    return coverage, gaps


def zone_hours_share(coverages: Iterable[ZoneCoverage]) -> float | None:
    """The share of all zone-hours covered across ``coverages`` (``None`` for no zones).

    Examples:
        >>> from datetime import time
        >>> shifts = [PatrolShift("s-1", "z-1", "o-a", range(7), time(0), time(0)),
        ...           PatrolShift("s-2", "z-2", "o-a", range(7), time(8), time(20))]
        >>> zone_hours_share(weekly_coverages(shifts, ["z-1", "z-2"]).values())
        0.75
        >>> zone_hours_share(weekly_coverages(shifts, ["z-1", "z-2", "z-3"]).values())
        0.5
    """
    total = missing = 0
    for coverage in coverages:
        start, end = coverage.span
        total += end - start
        missing += coverage.uncovered_minutes
    return None if total == 0 else round(1 - missing / total, 6)


def company_guards(graph: CommunityGraph, *, as_of: date) -> dict[str, int]:
    """Guards per security company on ``as_of``, as :func:`gap_fillers` takes them.

    A guard is a person holding a security-guard post (保安员) of the company that day.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> company_guards(graph, as_of=date(2025, 1, 1))
        {'o-guard-co': 2}
    """
    counts: Counter[str] = Counter()
    for _, data in graph.networkx.nodes(data=True):
        model = data["model"]
        if data["kind"] == "post" and model.role is Role.SECURITY_GUARD and model.organization:
            counts[model.organization] += sum(
                1
                for holding in holders(graph, f"post:{model.id}", as_of=as_of)
                if holding.person is not None
            )
    return dict(sorted((company, n) for company, n in counts.items() if n))


@attrs.frozen
class GapFiller:
    """A company that could fill a zone's gap with guards it has to spare then.

    Attributes:
        zone: The zone with the gap.
        gap: (start, end) in minutes of the week.
        company: The company.
        spare: Guards it has free throughout the gap.
        nearness: 0 when it already patrols the zone, 1 when it patrols a neighbouring zone, 2
            otherwise.

    Examples:
        >>> GapFiller("z-1", (0, 480), "o-b", 3, 1).nearness
        1
    """

    zone: str
    gap: tuple[int, int]
    company: str
    spare: int
    nearness: int


def _peak(headcount: Iterable[tuple[int, int, int]], gap: tuple[int, int]) -> int:
    """The most guards on shift at once during ``gap``, from a headcount by stretches."""
    start, end = gap
    return max((count for a, b, count in headcount if a < end and start < b), default=0)


def gap_fillers(
    shifts: Sequence[PatrolShift],
    zones: Iterable[PatrolZone],
    guards: Mapping[str, int],
    *,
    required: int = 1,
) -> tuple[GapFiller, ...]:
    """Time and area complement (时间互补、区域互补): who could fill each gap of each zone.

    For every uncovered stretch of every zone's week, the companies with guards to spare
    throughout it (their guards, from ``guards``, less the most they have on shift at once during
    the stretch), nearest first: companies already patrolling the zone, then those patrolling a
    neighbouring zone, then the rest; within each, the most spare guards first.

    Raises:
        ValidationError: a company's shifts put more guards on patrol at once than
            ``guards`` says it has.

    Examples:
        >>> from datetime import time
        >>> zones = [PatrolZone("z-1", "一区", neighbours=["z-2"]), PatrolZone("z-2", "二区")]
        >>> shifts = [PatrolShift("s-1", "z-1", "o-a", range(7), time(8), time(20)),
        ...           PatrolShift("s-2", "z-2", "o-b", range(7), time(0), time(0))]
        >>> fillers = gap_fillers(shifts, zones, {"o-a": 1, "o-b": 3, "o-c": 5})
        >>> [(f.gap, f.company, f.spare, f.nearness) for f in fillers[:3]]
        [((0, 480), 'o-a', 1, 0), ((0, 480), 'o-b', 2, 1), ((0, 480), 'o-c', 5, 2)]
    """
    need = _required(required)
    zone_list = list(zones)
    by_company: defaultdict[str, list[tuple[int, int, int]]] = defaultdict(list)
    serving: defaultdict[str, set[str]] = defaultdict(set)
    for shift in shifts:
        by_company[shift.company].extend(shift.stretches())
        serving[shift.zone].add(shift.company)
    busy = {company: _headcount(stretches, _WEEK) for company, stretches in by_company.items()}
    for company, headcount in sorted(busy.items()):
        employed = guards.get(company)  # a company not counted has staff the caller did not give
        most = max((count for _, _, count in headcount), default=0)
        if employed is not None and most > employed:
            raise ValidationError(
                entity="patrol",
                field="guards",
                rule="guards_available",
                reason=f"company {shown(company)} has {employed} guard(s) "
                f"but its shifts put {most} on patrol at once",
            )
    every_zone = {zone.id for zone in zone_list} | {shift.zone for shift in shifts}
    coverages = weekly_coverages(shifts, every_zone, required=need)
    found: list[GapFiller] = []
    for zone in zone_list:
        own = serving.get(zone.id, set())
        near = set().union(*(serving.get(n, set()) for n in zone.neighbours))
        coverage = coverages[zone.id]
        for gap in coverage.uncovered:
            candidates = [
                GapFiller(
                    zone.id,
                    gap,
                    company,
                    spare,
                    0 if company in own else 1 if company in near else 2,
                )
                for company, employed in guards.items()
                if (spare := employed - _peak(busy.get(company, ()), gap)) > 0
            ]
            candidates.sort(key=lambda f: (f.nearness, -f.spare, f.company))
            found.extend(candidates)
    return tuple(found)
