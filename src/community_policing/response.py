"""Response to 110 calls (110接处警) against the "1, 3, 5 minute" targets; the school-safety post.

Jining's Zoucheng (source 000) runs a "1, 3, 5 minute" fast-response mechanism for 110 calls:
a call is dispatched within a minute and a patrol arrives within three minutes in the core area
and five elsewhere. Which limit applies is configuration, per call category.

Jining's school-safety post (平安护学岗, source 000): at a middle school beside national road
237, every Monday and Friday at arrival and dismissal, the station's officers and ten village
police from eight villages guard the crossing.

- :class:`Call`, :class:`ResponseTargets` and :func:`response_report` (compliance shares and
  percentiles per area and period); on the map (``geo`` extra), :func:`responders` (a call's
  point → the responsible grid and officer) and :func:`call_reach` (the straight-line distance
  from the nearest police office beside the call's target).
- :class:`SchoolSafetyPost` with its windows and staff, :meth:`SchoolSafetyPost.staffing` for a
  date and :meth:`SchoolSafetyPost.findings` for windows short of staff.

Examples:
    >>> from datetime import datetime, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from community_policing import AreaRef, IncidentCategory
    >>> at = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> call = Call("c-1", IncidentCategory.THEFT, AreaRef.parse("community:c-ximen"), at,
    ...             dispatched=at + timedelta(seconds=40), arrived=at + timedelta(minutes=4))
    >>> ResponseTargets().met(call)
    (True, True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.geo import nearest
from community_policing.model import validators as v
from community_policing.model.coordinates import GeoPoint
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import IncidentCategory, Role
from community_policing.model.weekly import DEFAULT_TIMEZONE, WeeklyInterval

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.geo import AreaMap, PointLocation
    from community_policing.model.people import Organization
    from community_policing.model.periods import Period

__all__ = [
    "Call",
    "CallReach",
    "DEFAULT_SCHOOL_WINDOWS",
    "ResponseFigures",
    "ResponseTargets",
    "SchoolSafetyPost",
    "SentryDuty",
    "call_reach",
    "responders",
    "response_report",
]


@document
@attrs.frozen
class Call:
    """A 110 call: received, dispatched and the patrol's arrival (the last two once known).

    ``area`` is the area it is filed under; ``location`` the caller's point (WGS-84), when the
    call came with one, for the map (see :mod:`community_policing.geo`).

    Examples:
        >>> from datetime import datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, IncidentCategory
        >>> at = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> Call("c-1", IncidentCategory.FRAUD, AreaRef.parse("community:c-ximen"), at,
        ...      dispatched=at + timedelta(minutes=2)).to_dispatch
        datetime.timedelta(seconds=120)
    """

    KIND: ClassVar[str] = "call"

    id: str = attrs.field(validator=v.identifier)
    category: IncidentCategory = attrs.field(validator=v.member_of(IncidentCategory))
    area: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    received: datetime = attrs.field(validator=v.aware_datetime)
    dispatched: datetime | None = attrs.field(default=None, validator=v.optional_aware_datetime)
    arrived: datetime | None = attrs.field(default=None, validator=v.optional_aware_datetime)
    location: GeoPoint | None = attrs.field(
        default=None, validator=v.instance_of(GeoPoint, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.dispatched is not None and self.dispatched < self.received:
            raise v.fail(self, "dispatched", "chronology", "before the call was received")
        if self.arrived is not None:
            if self.dispatched is None:
                raise v.fail(self, "arrived", "dispatched", "an arrival needs a dispatch")
            if self.arrived < self.dispatched:
                raise v.fail(self, "arrived", "chronology", "before the dispatch")

    @property
    def to_dispatch(self) -> timedelta | None:
        """From the call to the dispatch."""
        return None if self.dispatched is None else self.dispatched - self.received

    @property
    def to_arrival(self) -> timedelta | None:
        """From the call to the arrival."""
        return None if self.arrived is None else self.arrived - self.received


def _limits(value: Any) -> Any:
    return MappingProxyType(dict(value)) if isinstance(value, dict) else value


def _check_limits(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping) or any(
        not isinstance(kind, IncidentCategory)
        or type(limit) is not timedelta
        or limit <= timedelta(0)
        for kind, limit in value.items()
    ):
        raise v.fail(instance, attribute.name, "limits", "maps call categories to positive times")


def _positive_time(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not timedelta or value <= timedelta(0):
        raise v.fail(instance, attribute.name, "limit", "must be a positive timedelta")


@attrs.frozen
class ResponseTargets:
    """The "1, 3, 5 minute" targets (1、3、5分钟快反) as configuration.

    A call is dispatched within ``dispatch``; a patrol arrives within the limit of the call's
    category in ``arrival``, else within ``default_arrival``.

    By default a call is dispatched within 1 minute, and a patrol arrives within 3 minutes for
    robbery and assault and within 5 for everything else.

    Examples:
        >>> from datetime import timedelta
        >>> from community_policing import IncidentCategory
        >>> core = ResponseTargets(default_arrival=timedelta(minutes=3))
        >>> core.arrival_limit(IncidentCategory.FIRE)
        datetime.timedelta(seconds=180)
    """

    KIND: ClassVar[str] = "response_targets"

    dispatch: timedelta = attrs.field(default=timedelta(minutes=1), validator=_positive_time)
    arrival: Mapping[IncidentCategory, timedelta] = attrs.field(
        factory=lambda: MappingProxyType(
            {
                IncidentCategory.ROBBERY: timedelta(minutes=3),
                IncidentCategory.ASSAULT: timedelta(minutes=3),
            }
        ),
        converter=_limits,
        validator=_check_limits,
    )
    default_arrival: timedelta = attrs.field(default=timedelta(minutes=5), validator=_positive_time)

    def arrival_limit(self, category: IncidentCategory) -> timedelta:
        """The arrival limit for a call of ``category``."""
        return self.arrival.get(category, self.default_arrival)

    def met(self, call: Call) -> tuple[bool | None, bool | None]:
        """(dispatch target met, arrival target met); ``None`` where the time is not known."""
        dispatch, arrival = call.to_dispatch, call.to_arrival
        return (
            None if dispatch is None else dispatch <= self.dispatch,
            None if arrival is None else arrival <= self.arrival_limit(call.category),
        )


@attrs.frozen
class ResponseFigures:
    """Response figures for one area over a period.

    Attributes:
        area: The area (``"*"`` for all areas together).
        calls: Calls received.
        dispatch_share: Share of dispatched calls dispatched in time.
        arrival_share: Share of attended calls reached in time.
        arrival_p50: The median time to arrival, in seconds (nearest rank).
        arrival_p90: The 90th percentile time to arrival, in seconds (nearest rank).

    Examples:
        >>> ResponseFigures("*", 0, None, None, None, None).calls
        0
    """

    area: str
    calls: int
    dispatch_share: float | None
    arrival_share: float | None
    arrival_p50: float | None
    arrival_p90: float | None


def _percentile(ordered: list[float], share: float) -> float | None:
    if not ordered:
        return None
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def _share(hits: int, total: int) -> float | None:
    return None if total == 0 else round(hits / total, 4)


@attrs.frozen
class CallReach:
    """How far a call lies from the nearest police office, beside its arrival target (接警距离).

    Attributes:
        call: The call's id.
        office: The nearest office's id (an organisation).
        distance_m: The straight-line distance in metres.
        arrival_limit: The call's arrival target (3 or 5 minutes by default).
        arrival: How long the patrol took, when it has arrived.

    Examples:
        >>> from datetime import timedelta
        >>> reach = CallReach("c-1", "o-station", 2500.0, timedelta(minutes=5), None)
        >>> reach.speed_needed_kmh
        30.0
    """

    call: str
    office: str
    distance_m: float
    arrival_limit: timedelta
    arrival: timedelta | None

    @property
    def speed_needed_kmh(self) -> float:
        """The straight-line speed that would meet the target from the office, in km/h."""
        return round(self.distance_m / self.arrival_limit.total_seconds() * 3.6, 1)


def call_reach(
    calls: Iterable[Call],
    offices: Iterable[Organization],
    *,
    targets: ResponseTargets | None = None,
) -> tuple[CallReach, ...]:
    """Each located call's distance from the nearest located office, beside the 1-3-5 targets.

    Calls and offices without a point take no part. Needs the ``geo`` extra.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, GeoPoint, IncidentCategory, sample
        >>> offices = [o for o in sample.jurisdiction().organizations if o.location]
        >>> at = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> call = Call("c-1", IncidentCategory.ROBBERY, AreaRef.parse("community:v-shedong"),
        ...             at, location=GeoPoint(116.51, 35.41))
        >>> reach = call_reach([call], offices)[0]
        >>> reach.office, round(reach.distance_m), reach.speed_needed_kmh
        ('o-station', 5348, 107.0)
    """
    chosen = ResponseTargets() if targets is None else targets
    located = [call for call in calls if call.location is not None]
    stations = [office for office in offices if office.location is not None]
    found = nearest(
        [call.location for call in located],  # type: ignore[misc]
        [office.location for office in stations],  # type: ignore[misc]
    )
    return tuple(
        CallReach(
            call.id,
            stations[index].id,
            metres,
            chosen.arrival_limit(call.category),
            call.to_arrival,
        )
        for call, (index, metres) in zip(located, found, strict=True)
    )


def responders(area_map: AreaMap, calls: Iterable[Call]) -> tuple[tuple[str, PointLocation], ...]:
    """Each located call's areas and who is responsible there (接警定位), by its point.

    Needs the ``geo`` extra.

    Examples:
        >>> from datetime import date, datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, CommunityGraph, GeoPoint, IncidentCategory
        >>> from community_policing import sample
        >>> from community_policing.geo import AreaMap
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()),
        ...                as_of=date(2025, 3, 7))
        >>> at = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> call = Call("c-1", IncidentCategory.THEFT, AreaRef.parse("community:c-ximen"), at,
        ...             location=GeoPoint(116.565, 35.415))
        >>> (call_id, where), = responders(town, [call])
        >>> where.police_grid, [h.name for h in where.responsibility.community_officers]
        ('police_grid:pg-03', ['王军'])
    """
    located = [call for call in calls if call.location is not None]
    answers = area_map.locate_many(
        [call.location.lon for call in located],  # type: ignore[union-attr]
        [call.location.lat for call in located],  # type: ignore[union-attr]
    )
    return tuple((call.id, answer) for call, answer in zip(located, answers, strict=True))


def response_report(
    calls: Iterable[Call],
    period: Period,
    *,
    targets: ResponseTargets | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> tuple[ResponseFigures, ...]:
    """Compliance shares and percentiles per area over ``period``, then all areas together.

    A call counts for the period when it was received on one of its days (local time).

    Examples:
        >>> from datetime import date, datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, IncidentCategory, Period
        >>> at = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> area = AreaRef.parse("community:c-ximen")
        >>> calls = [Call(f"c-{n}", IncidentCategory.THEFT, area, at,
        ...               dispatched=at + timedelta(seconds=30),
        ...               arrived=at + timedelta(minutes=n)) for n in range(2, 8)]
        >>> (ximen, everyone) = response_report(calls, Period(date(2025, 3, 1), date(2025, 4, 1)))
        >>> ximen.calls, ximen.dispatch_share, ximen.arrival_share, ximen.arrival_p90
        (6, 1.0, 0.6667, 420.0)
    """
    chosen = ResponseTargets() if targets is None else targets
    zone = v.time_zone(timezone, entity="response_report", field="timezone")
    groups: dict[str, list[Call]] = {}
    for call in calls:
        if period.contains(call.received.astimezone(zone).date()):
            groups.setdefault(str(call.area), []).append(call)
    everyone = [call for area in sorted(groups) for call in groups[area]]
    return tuple(
        _figures(area, group, chosen) for area, group in [*sorted(groups.items()), ("*", everyone)]
    )


def _figures(area: str, calls: list[Call], targets: ResponseTargets) -> ResponseFigures:
    dispatched = arrived = dispatch_hits = arrival_hits = 0
    times: list[float] = []
    for call in calls:
        dispatch_met, arrival_met = targets.met(call)
        if dispatch_met is not None:
            dispatched += 1
            dispatch_hits += dispatch_met
        if arrival_met is not None:
            arrived += 1
            arrival_hits += arrival_met
            times.append(call.to_arrival.total_seconds())  # type: ignore[union-attr]
    times.sort()
    return ResponseFigures(
        area=area,
        calls=len(calls),
        dispatch_share=_share(dispatch_hits, dispatched),
        arrival_share=_share(arrival_hits, arrived),
        arrival_p50=_percentile(times, 0.5),
        arrival_p90=_percentile(times, 0.9),
    )


# ----------------------------------------------------------------------- school-safety post

#: Monday and Friday at arrival (07:00-08:00) and dismissal (16:30-17:30).
DEFAULT_SCHOOL_WINDOWS = tuple(
    WeeklyInterval(day, start, end)
    for day in (0, 4)
    for start, end in ((time(7), time(8)), (time(16, 30), time(17, 30)))
)

_GUARD_ROLES = frozenset(
    {Role.COMMUNITY_OFFICER, Role.AUXILIARY_OFFICER, Role.VILLAGE_POLICE, Role.STATION_CHIEF}
)


def _guard_role(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.member_of(Role)(instance, attribute, value)
    if value not in _GUARD_ROLES:
        raise v.fail(instance, attribute.name, "role", "officers and village police stand guard")


@attrs.frozen
class SentryDuty:
    """One person's duty at a school-safety post: their role and the weekdays they come.

    Examples:
        >>> from community_policing import Role
        >>> SentryDuty("p-vp-1", Role.VILLAGE_POLICE, weekdays=[0]).weekdays
        (0,)
    """

    KIND: ClassVar[str] = "sentry_duty"

    person: str = attrs.field(validator=v.identifier)
    role: Role = attrs.field(validator=_guard_role)
    weekdays: tuple[int, ...] = attrs.field(
        default=(0, 1, 2, 3, 4, 5, 6), converter=v.weekday_tuple, validator=v.weekdays
    )


@document
@attrs.frozen
class SchoolSafetyPost:
    """A school-safety post (平安护学岗): a school gate, guard windows, the staff, a headcount.

    Examples:
        >>> from community_policing import AreaRef, Role
        >>> post = SchoolSafetyPost("sp-1", AreaRef.parse("standard_address:a-school-gate"),
        ...                         staff=[SentryDuty("p-wang-jun", Role.COMMUNITY_OFFICER)],
        ...                         required=2)
        >>> post.findings()[0]
        'sp-1 Monday 07:00-08:00: 1 on duty, needs 2'
    """

    KIND: ClassVar[str] = "school_safety_post"

    id: str = attrs.field(validator=v.identifier)
    place: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    windows: tuple[WeeklyInterval, ...] = attrs.field(
        default=DEFAULT_SCHOOL_WINDOWS, converter=v.list_as_tuple
    )
    staff: tuple[SentryDuty, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    required: int = attrs.field(default=2, validator=v.count)

    @windows.validator
    def _check_windows(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(WeeklyInterval)(self, attribute, value)
        if not value:
            raise v.fail(self, "windows", "not_empty", "needs at least one window")

    @staff.validator
    def _check_staff(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(SentryDuty)(self, attribute, value)
        people = [duty.person for duty in value]
        if len(set(people)) != len(people):
            raise v.fail(self, "staff", "unique", "names someone twice")

    def staffing(
        self, on: date, *, absent: Iterable[str] = ()
    ) -> tuple[tuple[WeeklyInterval, tuple[str, ...]], ...]:
        """The windows of ``on`` with the people on duty in each (those ``absent`` left out)."""
        away = set(absent)
        weekday = on.weekday()
        people = tuple(
            sorted(d.person for d in self.staff if weekday in d.weekdays and d.person not in away)
        )
        return tuple(
            (window, people)
            for window in sorted(self.windows, key=lambda w: w.start)
            if window.weekday == weekday
        )

    def findings(self) -> tuple[str, ...]:
        """Every weekly window with fewer than ``required`` people on duty."""
        found = []
        for window in sorted(self.windows, key=lambda w: (w.weekday, w.start)):
            count = sum(1 for duty in self.staff if window.weekday in duty.weekdays)
            if count < self.required:
                found.append(
                    f"{self.id} {_WEEKDAY_NAMES[window.weekday]} "
                    f"{window.start:%H:%M}-{window.end:%H:%M}: {count} on duty, "
                    f"needs {self.required}"
                )
        return tuple(found)


_WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
