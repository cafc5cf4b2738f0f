"""1+3 prevention (1+3防控): incident analysis directing three nets.

Tieshan (source 001) put "technology plus tradition" together: incident analysis on the policing
platform (警情研判) finds the hot places and hot times, and three nets act on it — the video
camera net (视频探头网: 16 cameras at the entrances of 2 high-incidence communities, watched by 6
monitors), the professional patrol net (专业巡逻网: auxiliaries and security cadres) and the
volunteer patrol net (义务巡逻网). Incidence fell by 15 % or more in 7 communities.

- :class:`Incident`: when, where, what and how it came to light.
- :func:`hot_places` (ranked at any level of the territory; :func:`hot_places_on_map` by the
  polygon each incident's point falls in), :func:`hot_times` (hour of day by
  day of week) and :func:`incidence_changes` (year on year or period on period, flagged past a
  threshold).
- :class:`Camera` and :class:`PatrolNet`, the three nets; :func:`uncovered_hotspots` reports hot
  places at hot times that no net covers and :func:`direct_the_nets` proposes which net should
  take each of them; :func:`blind_spots` lists incidents outside every camera's sight.
  ``MECHANISM_FORMULAS["1+3"]`` declares the mechanism.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from community_policing import AreaRef, CommunityGraph, ReportChannel, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> at = datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> theft = Incident("i-1", at, AreaRef.parse("building:b-jy-1"), IncidentCategory.THEFT,
    ...                  ReportChannel.CALL_110)
    >>> hot_places(graph, [theft], level=AreaKind.COMMUNITY)
    (('community:c-ximen', 1),)
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from datetime import datetime, time
from functools import partial
from itertools import compress
from operator import attrgetter, methodcaller
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import ValidationError
from community_policing.geo import within_reach
from community_policing.graph import containing
from community_policing.metrics import Change, earlier_period
from community_policing.model import validators as v
from community_policing.model.coordinates import GeoPoint
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import AreaKind, IncidentCategory, NetKind, ReportChannel
from community_policing.model.weekly import DEFAULT_TIMEZONE, WeeklyInterval

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from zoneinfo import ZoneInfo

    from community_policing.geo import AreaMap
    from community_policing.graph import CommunityGraph
    from community_policing.model.periods import Period

__all__ = [
    "Camera",
    "DEFAULT_CAMERA_RADIUS_M",
    "Direction",
    "IncidenceChange",
    "Incident",
    "PatrolNet",
    "blind_spots",
    "direct_the_nets",
    "hot_places",
    "hot_places_on_map",
    "hot_times",
    "incidence_changes",
    "uncovered_hotspots",
]


@document
@attrs.frozen
class Incident:
    """An incident (警情): when, where, what, and how it came to light (a 110 call, a tip...).

    ``place`` is the area it is filed under; ``location`` the point where it happened (WGS-84),
    when known, for the map (see :mod:`community_policing.geo`).

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, ReportChannel
        >>> Incident("i-1", datetime(2025, 3, 7, 21, 40, tzinfo=ZoneInfo("Asia/Shanghai")),
        ...          AreaRef.parse("building:b-jy-1"), IncidentCategory.FRAUD,
        ...          ReportChannel.CALL_110).category.zh
        '诈骗'
    """

    KIND: ClassVar[str] = "incident"

    id: str = attrs.field(validator=v.identifier)
    at: datetime = attrs.field(validator=v.aware_datetime)
    place: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    category: IncidentCategory = attrs.field(validator=v.member_of(IncidentCategory))
    source: ReportChannel = attrs.field(validator=v.member_of(ReportChannel))
    location: GeoPoint | None = attrs.field(
        default=None, validator=v.instance_of(GeoPoint, optional=True)
    )


_PLACE = attrgetter("place.key")
_AT = attrgetter("at")
_INSIDE = (1).__eq__


def _within(
    incidents: Sequence[Incident], period: Period | None, zone: ZoneInfo
) -> Iterable[Incident]:
    """The incidents whose moment falls in ``period`` (local days in ``zone``), filtered in C.

    Each moment is bisected into the period's bounds once: 1 means inside.
    """
    if period is None:
        return incidents
    bounds = [datetime.combine(period.start, time(0), zone)]
    if period.end is not None:
        bounds.append(datetime.combine(period.end, time(0), zone))
    where = map(partial(bisect_right, bounds), map(_AT, incidents))
    return compress(incidents, map(_INSIDE, where))


def _level_counts(
    graph: CommunityGraph,
    incidents: Sequence[Incident],
    level: AreaKind,
    period: Period | None,
    zone: ZoneInfo,
) -> Counter[str]:
    """Incidents per area of ``level``: counted per place in C, then rolled up per place."""
    per_place = Counter(map(_PLACE, _within(incidents, period, zone)))
    prefix = f"{level.value}:"
    day = period.start if period is not None else None
    found: Counter[str] = Counter()
    for place, count in per_place.items():
        area = next((a for a in containing(graph, place, as_of=day) if a.startswith(prefix)), None)
        if area is not None:
            found[area] += count
    return found


def hot_places(
    graph: CommunityGraph,
    incidents: Sequence[Incident],
    *,
    level: AreaKind,
    period: Period | None = None,
    top: int | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> tuple[tuple[str, int], ...]:
    """The areas of ``level`` with the most incidents in ``period``, most first (热点地区).

    An incident counts for the area of ``level`` containing its place (on the period's first
    day); incidents at places above that level, or outside it, are not counted. Ties go to the
    area whose key sorts first.

    Raises:
        NotFoundError: an incident's place is not in the graph.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, CommunityGraph, ReportChannel
        >>> from community_policing import sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> at = datetime(2025, 3, 7, 21, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> places = ["building:b-jy-1", "building:b-xm-7", "building:b-xm-7", "building:b-sd-12"]
        >>> incidents = [Incident(f"i-{n}", at, AreaRef.parse(p), IncidentCategory.THEFT,
        ...                       ReportChannel.CALL_110) for n, p in enumerate(places)]
        >>> hot_places(graph, incidents, level=AreaKind.MANAGEMENT_GRID, top=2)
        (('management_grid:mg-ximen-3', 2), ('management_grid:mg-shedong', 1))
    """
    zone = v.time_zone(timezone, entity="hot_places", field="timezone")
    counts = _level_counts(graph, incidents, level, period, zone)
    return _ranked(counts, top)


def _ranked(counts: Counter[str], top: int | None) -> tuple[tuple[str, int], ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ranked if top is None else ranked[:top])


def hot_places_on_map(
    area_map: AreaMap,
    incidents: Sequence[Incident],
    *,
    level: AreaKind,
    period: Period | None = None,
    top: int | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> tuple[tuple[str, int], ...]:
    """:func:`hot_places` counted by polygon: each incident where its point falls (地图热点).

    An incident counts for the area of ``level`` drawn on the map that contains its point;
    incidents without a point, or outside every such area, are not counted. Needs the ``geo``
    extra.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, CommunityGraph, GeoPoint, ReportChannel
        >>> from community_policing import sample
        >>> from community_policing.geo import AreaMap
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> at = datetime(2025, 3, 7, 21, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> points = [(116.575, 35.425), (116.571, 35.429), (116.51, 35.41)]
        >>> incidents = [Incident(f"i-{n}", at, AreaRef.parse("community:c-ximen"),
        ...                       IncidentCategory.THEFT, ReportChannel.CALL_110,
        ...                       location=GeoPoint(*point)) for n, point in enumerate(points)]
        >>> hot_places_on_map(town, incidents, level=AreaKind.MANAGEMENT_GRID)
        (('management_grid:mg-ximen-3', 2), ('management_grid:mg-shedong', 1))
    """
    zone = v.time_zone(timezone, entity="hot_places", field="timezone")
    placed = [i for i in _within(incidents, period, zone) if i.location is not None]
    lons = [incident.location.lon for incident in placed]  # type: ignore[union-attr]
    lats = [incident.location.lat for incident in placed]  # type: ignore[union-attr]
    areas = area_map.areas_at(level.value, lons, lats)
    return _ranked(Counter(area for area in areas if area is not None), top)


#: How far a camera sees when it does not say (metres): a default, not from the sources.
DEFAULT_CAMERA_RADIUS_M = 50.0


def blind_spots(
    incidents: Iterable[Incident],
    cameras: Iterable[Camera],
    *,
    radius_m: float = DEFAULT_CAMERA_RADIUS_M,
) -> tuple[Incident, ...]:
    """The incidents no camera saw (视频盲区): farther from every camera than it sees.

    A camera sees ``radius_m`` metres around its point unless it gives its own ``radius_m``;
    cameras and incidents without a point take no part. Needs the ``geo`` extra.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, GeoPoint, ReportChannel
        >>> gate = Camera("cam-1", AreaRef.parse("community:c-ximen"),
        ...               location=GeoPoint(116.56, 35.41), radius_m=80)
        >>> at = datetime(2025, 3, 7, 21, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> near, far = (Incident(f"i-{n}", at, AreaRef.parse("community:c-ximen"),
        ...                       IncidentCategory.THEFT, ReportChannel.CALL_110,
        ...                       location=GeoPoint(lon, 35.41))
        ...              for n, lon in enumerate([116.5605, 116.57]))
        >>> [incident.id for incident in blind_spots([near, far], [gate])]
        ['i-1']
    """
    if type(radius_m) not in (int, float) or not 0 < radius_m < float("inf"):
        raise ValidationError(
            entity="blind_spots", field="radius_m", rule="range", reason="expected metres > 0"
        )
    placed = [incident for incident in incidents if incident.location is not None]
    seeing = [camera for camera in cameras if camera.location is not None]
    reached = within_reach(
        [incident.location for incident in placed],  # type: ignore[misc]
        [camera.location for camera in seeing],  # type: ignore[misc]
        [radius_m if camera.radius_m is None else camera.radius_m for camera in seeing],
    )
    return tuple(incident for incident, seen in zip(placed, reached, strict=True) if not seen)


def hot_times(
    incidents: Sequence[Incident], *, period: Period | None = None, timezone: str = DEFAULT_TIMEZONE
) -> dict[tuple[int, int], int]:
    """Incidents per (weekday, hour) in local time (热点时段), 0 being Monday 00:00-01:00.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, ReportChannel
        >>> utc = ZoneInfo("UTC")
        >>> late = Incident("i-1", datetime(2025, 3, 7, 13, 30, tzinfo=utc),  # 21:30 in Shanghai
        ...                 AreaRef.parse("building:b-1"), IncidentCategory.THEFT,
        ...                 ReportChannel.CALL_110)
        >>> hot_times([late])
        {(4, 21): 1}
    """
    zone = v.time_zone(timezone, entity="hot_times", field="timezone")
    local = map(methodcaller("astimezone", zone), map(_AT, _within(incidents, period, zone)))
    counts = Counter(map(_weekday_hour, local))
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


def _weekday_hour(moment: datetime) -> tuple[int, int]:
    return moment.weekday(), moment.hour


@attrs.frozen
class IncidenceChange:
    """How incidence changed in one area between two periods.

    Examples:
        >>> from community_policing.metrics import Change
        >>> IncidenceChange("community:c-1", Change(current=17, previous=20)).falling
        True
    """

    area: str
    change: Change

    @property
    def falling(self) -> bool:
        """Whether incidence fell."""
        return self.change.current < self.change.previous


def incidence_changes(
    graph: CommunityGraph,
    incidents: Sequence[Incident],
    *,
    level: AreaKind,
    period: Period,
    threshold: float = 0.15,
    compare: str = "year",
    timezone: str = DEFAULT_TIMEZONE,
) -> tuple[IncidenceChange, ...]:
    """The areas of ``level`` whose incidence moved by at least ``threshold`` (下降/上升).

    Args:
        graph: The relationship graph.
        incidents: The incidents of both periods.
        level: The level compared (Tieshan compares communities).
        period: A bounded period.
        threshold: The relative change that counts (0.15 is Tieshan's "15 % or more").
        compare: ``"year"`` for the same period a year before (同比), ``"period"`` for the period
            of the same length just before (环比).
        timezone: The local time of the incidents' days.

    Returns:
        Falling areas first (the largest fall first), then rising ones; areas with no
        incidents before are left out (their change has no ratio).

    Raises:
        ValidationError: an unbounded period, an unknown ``compare``, or a negative threshold.

    Examples:
        >>> from datetime import date, datetime, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import AreaRef, CommunityGraph, Period, ReportChannel
        >>> from community_policing import sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> tz = ZoneInfo("Asia/Shanghai")
        >>> def theft(n, year):
        ...     return Incident(f"i-{year}-{n}", datetime(year, 5, 1 + n % 28, tzinfo=tz),
        ...                     AreaRef.parse("building:b-sd-12"), IncidentCategory.THEFT,
        ...                     ReportChannel.CALL_110)
        >>> incidents = [theft(n, 2024) for n in range(20)] + [theft(n, 2025) for n in range(16)]
        >>> (moved,) = incidence_changes(graph, incidents, level=AreaKind.COMMUNITY,
        ...                              period=Period(date(2025, 1, 1), date(2026, 1, 1)))
        >>> moved.area, moved.change.relative, moved.falling
        ('community:v-shedong', -0.2, True)
    """
    if not threshold >= 0:
        raise ValidationError(
            entity="incidence", field="threshold", rule="non_negative", reason="must be 0 or more"
        )
    earlier = earlier_period(period, compare=compare)
    zone = v.time_zone(timezone, entity="incidence", field="timezone")
    now = _level_counts(graph, incidents, level, period, zone)
    before = _level_counts(graph, incidents, level, earlier, zone)
    moved = []
    for area in sorted(set(now) | set(before)):
        change = Change(now[area], before[area])
        if change.relative is not None and abs(change.relative) >= threshold:
            moved.append(IncidenceChange(area, change))
    return tuple(sorted(moved, key=lambda m: (m.change.relative or 0.0, m.area)))


@document
@attrs.frozen
class Camera:
    """A camera of the video net (视频探头网): where it is, the area it watches, its monitor.

    Args:
        id: Stable id.
        watches: The area it watches.
        monitor: Who watches its pictures (a person's id).
        description: Where it hangs, in words (``"东门岗亭"``).
        location: Its point (WGS-84), for the map.
        radius_m: How far it sees, in metres, when known (the blind-spot analysis otherwise
            uses one radius for all).

    Examples:
        >>> from community_policing import AreaRef
        >>> Camera("cam-1", AreaRef.parse("residential_compound:rc-jiayuan"),
        ...        monitor="p-shi-lan").watches
        AreaRef(kind=<AreaKind.RESIDENTIAL_COMPOUND: 'residential_compound'>, id='rc-jiayuan')
    """

    KIND: ClassVar[str] = "camera"

    id: str = attrs.field(validator=v.identifier)
    watches: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    monitor: str | None = attrs.field(default=None, validator=v.optional_identifier)
    description: str | None = attrs.field(default=None, validator=v.optional_text)
    location: GeoPoint | None = attrs.field(
        default=None, validator=v.instance_of(GeoPoint, optional=True)
    )
    radius_m: float | None = attrs.field(
        default=None, converter=v.whole_as_float, validator=v.optional_metres
    )


def _patrol_kind(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.member_of(NetKind)(instance, attribute, value)
    if value is NetKind.CAMERAS:
        raise v.fail(
            instance, attribute.name, "patrol", "a patrol net is professional or volunteer"
        )


@document
@attrs.frozen
class PatrolNet:
    """A patrol net (巡逻网): professional or volunteer, its team, areas and weekly hours.

    Examples:
        >>> from datetime import time
        >>> from community_policing import AreaRef, WeeklyInterval
        >>> net = PatrolNet("net-vol", NetKind.VOLUNTEER_PATROL,
        ...                 areas=[AreaRef.parse("community:c-ximen")],
        ...                 hours=[WeeklyInterval(4, time(19), time(22))], team="t-guard")
        >>> net.on_patrol(4, 21), net.on_patrol(4, 22)
        (True, False)
    """

    KIND: ClassVar[str] = "patrol_net"

    id: str = attrs.field(validator=v.identifier)
    kind: NetKind = attrs.field(validator=_patrol_kind)
    areas: tuple[AreaRef, ...] = attrs.field(converter=v.list_as_tuple)
    hours: tuple[WeeklyInterval, ...] = attrs.field(converter=v.list_as_tuple)
    team: str | None = attrs.field(default=None, validator=v.optional_identifier)

    @areas.validator
    def _check_areas(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(AreaRef)(self, attribute, value)
        if not value:
            raise v.fail(self, "areas", "not_empty", "needs at least one area")

    @hours.validator
    def _check_hours(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(WeeklyInterval)(self, attribute, value)

    def on_patrol(self, weekday: int, hour: int) -> bool:
        """Whether the net patrols during any part of that hour of that weekday."""
        return any(
            interval.weekday == weekday and interval.overlaps(time(hour), _hour_end(hour))
            for interval in self.hours
        )


def _hour_end(hour: int) -> time:
    return time(hour + 1) if hour < 23 else time(23, 59, 59, 999999)


def _covers(graph: CommunityGraph, net_area: str, place: str, day: Any) -> bool:
    """A net covers a hot place when its area contains the place or lies inside it."""
    return net_area in containing(graph, place, as_of=day) or place in containing(
        graph, net_area, as_of=day
    )


def uncovered_hotspots(
    graph: CommunityGraph,
    places: Iterable[str],
    times: Iterable[tuple[int, int]],
    *,
    cameras: Iterable[Camera] = (),
    patrols: Iterable[PatrolNet] = (),
    as_of: Any = None,
) -> tuple[tuple[str, int, int], ...]:
    """Every (hot place, weekday, hour) that no net covers (防控盲区).

    A camera covers its area at every hour; a patrol net covers its areas during its hours. A
    net's area covers a place when it contains the place or lies within it.

    Examples:
        >>> from datetime import date, time
        >>> from community_policing import AreaRef, CommunityGraph, WeeklyInterval
        >>> from community_policing import sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> net = PatrolNet("net-pro", NetKind.PROFESSIONAL_PATROL,
        ...                 areas=[AreaRef.parse("community:c-ximen")],
        ...                 hours=[WeeklyInterval(4, time(20), time(23))])
        >>> uncovered_hotspots(graph, ["management_grid:mg-ximen-3", "community:v-shedong"],
        ...                    [(4, 21)], patrols=[net], as_of=date(2025, 3, 1))
        (('community:v-shedong', 4, 21),)
    """
    camera_list, patrol_list = list(cameras), list(patrols)
    slots = list(times)
    found: list[tuple[str, int, int]] = []
    for place in places:
        if any(_covers(graph, str(c.watches), place, as_of) for c in camera_list):
            continue
        nets = [
            n for n in patrol_list if any(_covers(graph, str(a), place, as_of) for a in n.areas)
        ]
        found.extend(
            (place, weekday, hour)
            for weekday, hour in slots
            if not any(net.on_patrol(weekday, hour) for net in nets)
        )
    return tuple(found)


@attrs.frozen
class Direction:
    """A proposal to a net: patrol ``place`` in these (weekday, hour) slots (指挥调度).

    Examples:
        >>> Direction("net-vol", "community:c-ximen", ((4, 21),)).slots
        ((4, 21),)
    """

    net: str
    place: str
    slots: tuple[tuple[int, int], ...]


def direct_the_nets(
    graph: CommunityGraph,
    gaps: Iterable[tuple[str, int, int]],
    patrols: Iterable[PatrolNet],
    *,
    as_of: Any = None,
    night: tuple[int, int] = (22, 6),
) -> tuple[Direction, ...]:
    """Propose which patrol net should take each uncovered hot place and time.

    Each gap goes to a net whose areas cover the place: the professional net at night (from
    the first hour of ``night`` up to its second, 22:00-06:00 by default) when there is one,
    the volunteer net by day, and otherwise whichever covers it; among equals, the net with the
    fewest hours already (the least loaded). Gaps no net's
    area reaches are left out — they call for a new camera or a new net, which
    :func:`uncovered_hotspots` shows.

    Examples:
        >>> from datetime import date, time
        >>> from community_policing import AreaRef, CommunityGraph, WeeklyInterval
        >>> from community_policing import sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> ximen = [AreaRef.parse("community:c-ximen")]
        >>> pro = PatrolNet("net-pro", NetKind.PROFESSIONAL_PATROL, ximen, [])
        >>> vol = PatrolNet("net-vol", NetKind.VOLUNTEER_PATROL, ximen, [])
        >>> direct_the_nets(graph, [("management_grid:mg-ximen-3", 4, 23),
        ...                         ("management_grid:mg-ximen-3", 5, 10)], [pro, vol],
        ...                 as_of=date(2025, 3, 1))
        ... # doctest: +NORMALIZE_WHITESPACE
        (Direction(net='net-pro', place='management_grid:mg-ximen-3', slots=((4, 23),)),
         Direction(net='net-vol', place='management_grid:mg-ximen-3', slots=((5, 10),)))
    """
    nets = list(patrols)
    chosen: dict[tuple[str, str], list[tuple[int, int]]] = {}
    for place, weekday, hour in gaps:
        able = [n for n in nets if any(_covers(graph, str(a), place, as_of) for a in n.areas)]
        if not able:
            continue
        dusk, dawn = night
        dark = (dusk <= hour or hour < dawn) if dusk > dawn else dusk <= hour < dawn
        preferred = NetKind.PROFESSIONAL_PATROL if dark else NetKind.VOLUNTEER_PATROL
        best = min(
            able,
            key=lambda n: (n.kind is not preferred, sum(i.hours for i in n.hours), n.id),
        )
        chosen.setdefault((best.id, place), []).append((weekday, hour))
    return tuple(Direction(net, place, tuple(slots)) for (net, place), slots in chosen.items())
