"""The demo: the embedded sample jurisdiction, shown mechanism by mechanism.

Each function returns the text of one section of ``community-policing demo``.

Examples:
    >>> print(planning_demo().splitlines()[0])
    Police-grid plan of the sample (警格规划): 4 grids, lower bound 4, proven optimal
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from community_policing import sample
from community_policing.errors import MissingExtraError, shown
from community_policing.geo import AreaMap, topology_problems
from community_policing.graph import CommunityGraph, locate, responsible
from community_policing.mediation import (
    Dispute,
    MediationAttempted,
    MediationCase,
    Mediator,
    first_tier,
    mediation_metrics,
    next_tier,
    party_relatives,
)
from community_policing.model.audit import Access
from community_policing.model.coordinates import GeoPoint, gcj02_to_wgs84, wgs84_to_gcj02
from community_policing.model.periods import Period
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import (
    DisputeCategory,
    IncidentCategory,
    ReportChannel,
    Role,
    ServiceKind,
)
from community_policing.model.weekly import DEFAULT_TIMEZONE
from community_policing.patrol import company_guards, gap_fillers, weekly_coverages
from community_policing.planning import plan_police_grids, planning_units, unit_borders
from community_policing.plotting import plot_map
from community_policing.response import Call, call_reach
from community_policing.services import (
    Appointment,
    AppointmentBook,
    FlexibleHoursRule,
    offices_serving,
    station_gaps,
)

__all__ = [
    "graph_demo",
    "map_demo",
    "mediation_demo",
    "patrol_demo",
    "planning_demo",
    "station_demo",
]


def graph_demo(as_of: date, graph: CommunityGraph | None = None) -> str:
    """The relationship graph of the sample: a locate and a responsible query.

    ``graph`` defaults to a fresh graph of the embedded sample.

    Examples:
        >>> from datetime import date
        >>> print(graph_demo(date(2025, 1, 1)))  # doctest: +ELLIPSIS
        Relationship graph: 97 nodes, ... edges
        Locate p-zhu-wei (purpose: 入户走访, asked by p-wang-jun):
          lives at 西门路88号嘉园小区1号楼1单元101室 (building b-jy-1, grid mg-ximen-1)
          with 秦娜、朱晓
        Responsible for 西门路7号楼201室 (typed as text: standard address a-xm-7-201):
          police grid pg-04: — vacant
          management grid mg-ximen-3: grid worker (网格员) 陈静
          policing district pd-town: community officer (社区民警) 王军
          gap: police_grid:pg-04 于 2025-01-01 无警格民警或辅警
        Audit log: 1 record(s); last: p-wang-jun asked about p-zhu-wei for 入户走访
    """
    if graph is None:
        graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    g = graph.networkx
    lines = [f"Relationship graph: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges"]
    purpose, actor = "入户走访", "p-wang-jun"
    found = locate(graph, "person:p-zhu-wei", access=Access(actor, purpose), as_of=as_of)
    lines.append(f"Locate p-zhu-wei (purpose: {purpose}, asked by {actor}):")
    if found is None:
        lines.append("  no residence in force on that day")
    else:
        lines.append(
            f"  lives at {found.address.text} "
            f"(building {found.building}, grid {found.management_grid})"
        )
        lines.append(f"  with {'、'.join(p.name for p in found.co_residents) or 'nobody else'}")
    typed = "西门路７号楼二〇一室"  # as a resident types it: full-width, Chinese numerals
    answer = responsible(graph, typed, as_of=as_of)
    address_id = answer.place.partition(":")[2]
    lines.append(
        f"Responsible for {graph.entity(answer.place).text} "
        f"(typed as text: standard address {address_id}):"
    )
    for area, holdings in (
        (answer.police_grid, answer.police_grid_staff),
        (answer.management_grid, answer.grid_workers),
        (answer.policing_district, answer.community_officers),
    ):
        if area is None:
            continue
        kind, _, ident = area.partition(":")
        who = "、".join(f"{h.role.label} {h.name}" for h in holdings if h.person) or "— vacant"
        lines.append(f"  {kind.replace('_', ' ')} {ident}: {who}")
    lines.extend(f"  gap: {gap.message_zh}" for gap in answer.gaps)
    last = graph.audit_log.records[-1]
    lines.append(
        f"Audit log: {len(graph.audit_log)} record(s); last: {last.actor} asked about "
        f"{last.subject} for {last.purpose}"
    )
    return "\n".join(lines)


def map_demo(as_of: date, picture: str | None = None) -> str:
    """The sample on the map (地图): a GPS fix to its grids and officers, borders, topology.

    A web map hands out GCJ-02 coordinates; they are turned back into WGS-84 before the lookup.
    Needs the ``geo`` extra (and ``plot`` to draw ``picture``, a PNG file); without it the
    section says which extra to install.

    Examples:
        >>> from datetime import date
        >>> print(map_demo(date(2025, 1, 1)))  # doctest: +NORMALIZE_WHITESPACE
        Map of the sample (地图) on 2025-01-01: 19 areas drawn
          A 110 call at GCJ-02 (116.580300, 35.424569) is WGS-84 (116.575000, 35.425000):
            management grid mg-ximen-3, community c-ximen, township t-ximen,
            county cty-sample
            police grid pg-04, policing district pd-town, police station ps-kaolao,
            sub bureau sb-yanhu
            community officer (社区民警) 王军; grid worker (网格员) 陈静
            gap: police_grid:pg-04 于 2025-01-01 无警格民警或辅警
            nearest office o-ximen-office, 1,112 m: 5 min target needs 13.3 km/h
          Borders measured from the outlines: 7, the same as typed in by hand
          Topology: no overlap, gap or stray outline (边界拓扑无误)
    """
    try:
        town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()), as_of=as_of)
        fix = wgs84_to_gcj02(GeoPoint(116.575, 35.425))  # what a web map gives
        point = gcj02_to_wgs84(fix)
        where = town.locate(point.lon, point.lat)
        units = planning_units(sample.jurisdiction())
        measured = unit_borders(town, units)
        problems = topology_problems(town)
    except MissingExtraError as error:
        return f"Map of the sample (地图): install the {error.extra} extra to see it"
    lines = [
        f"Map of the sample (地图) on {as_of.isoformat()}: {len(town)} areas drawn",
        (
            f"  A 110 call at GCJ-02 ({fix.lon:.6f}, {fix.lat:.6f}) "
            f"is WGS-84 ({point.lon:.6f}, {point.lat:.6f}):"
        ),
    ]
    for side in (where.governance, where.police):
        named = (
            f"{key.partition(':')[0].replace('_', ' ')} {key.partition(':')[2]}" for key in side
        )
        lines.append(f"    {', '.join(named)}")
    answer = where.responsibility
    if answer is not None:
        people = [*answer.community_officers, *answer.police_grid_staff, *answer.grid_workers]
        lines.append("    " + "; ".join(f"{h.role.label} {h.name}" for h in people if h.person))
        lines.extend(f"    gap: {gap.message_zh}" for gap in answer.gaps)
    offices = [o for o in sample.jurisdiction().organizations if o.location is not None]
    call = Call(
        "c-demo",
        IncidentCategory.THEFT,
        AreaRef.parse("community:c-ximen"),
        datetime.combine(as_of, datetime.min.time(), ZoneInfo(DEFAULT_TIMEZONE)),
        location=point,
    )
    (reach,) = call_reach([call], offices)
    minutes = int(reach.arrival_limit.total_seconds() // 60)
    lines.append(
        f"    nearest office {reach.office}, {reach.distance_m:,.0f} m: "
        f"{minutes} min target needs {reach.speed_needed_kmh} km/h"
    )
    same = {frozenset(e) for e in measured.edges()} == {
        frozenset(e) for e in sample.borders().edges()
    }
    lines.append(
        f"  Borders measured from the outlines: {measured.number_of_edges()}, "
        + ("the same as typed in by hand" if same else "unlike those typed in by hand")
    )
    lines.append(
        "  Topology: no overlap, gap or stray outline (边界拓扑无误)"
        if not problems
        else f"  Topology: {len(problems)} problem(s), first: {problems[0].message_zh}"
    )
    if picture is not None:
        lines.append(_draw(town, picture, point))
    return "\n".join(lines)


def _draw(town: AreaMap, picture: str, call: GeoPoint) -> str:
    try:
        grids = [key for key in town.areas if key.startswith("management_grid:")]
        offices = [o.location for o in sample.jurisdiction().organizations if o.location]
        ax = plot_map(
            town,
            areas=grids,
            values={town.locate(call.lon, call.lat).management_grid or "": 1},
            points={"police offices": offices, "110 call": [call]},
            title="sample town: management grids, offices and a 110 call",
        )
        Path(picture).parent.mkdir(parents=True, exist_ok=True)
        ax.figure.savefig(picture, dpi=120)
    except MissingExtraError as error:
        return f"  (install the {error.extra} extra to draw the map)"
    except OSError as error:
        return f"  cannot write the map to {shown(picture)}: {type(error).__name__}"
    return f"  Map drawn to {picture}"


def planning_demo() -> str:
    """Plan the sample's police grids afresh (警格划分) and show the plan with its gap.

    Examples:
        >>> print(planning_demo())  # doctest: +NORMALIZE_WHITESPACE
        Police-grid plan of the sample (警格规划): 4 grids, lower bound 4, proven optimal
          mg-ximen-1 mg-ximen-4     4800 people  96 % of 5000
          mg-ximen-2 mg-ximen-3     4800 people  96 % of 5000
          v-beiguan                 2870 people  96 % of 3000
          v-shedong v-shexi         2830 people  94 % of 3000
    """
    result = plan_police_grids(planning_units(sample.jurisdiction()), sample.borders())
    verdict = "proven optimal" if result.proven_optimal else f"gap {result.gap:.1%}"
    lines = [
        (
            f"Police-grid plan of the sample (警格规划): {len(result.grids)} grids, "
            f"lower bound {result.lower_bound}, {verdict}"
        )
    ]
    lines.extend(
        f"  {' '.join(grid.units):<24} {grid.population:>5} people "
        f"{grid.load:>4.0%} of {grid.cap}".replace("%", " %")
        for grid in result.grids
    )
    return "\n".join(lines)


def mediation_demo() -> str:
    """Take the sample's land-boundary dispute up the ladder (矛盾纠纷化解) and report on it.

    Examples:
        >>> print(mediation_demo())  # doctest: +NORMALIZE_WHITESPACE
        Mediation of d-lv (land): tier 3 网格 → tier 2 村（社区）, resolved in 1 day(s)
          2025-01-06 mediation_attempted: 周敏 (网格员), 李强 (驻村辅警)
          2025-01-06 case_escalated
          2025-01-07 mediation_attempted: 李强 (驻村辅警), 蒋涛 (枫桥员)
          2025-01-07 case_resolved
        Metrics for 2025: 1 closed, resolution rate 100 %, in the grid 0 %, in the community 100 %
    """
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    day = date(2025, 1, 6)
    brothers = Dispute(
        id="d-lv",
        category=DisputeCategory.LAND,
        parties=("p-lv-da", "p-lv-er"),
        place=AreaRef.parse("standard_address:a-sd-12"),
        reported_on=day,
        channel=ReportChannel.SCREENING,
    )
    names = {person.id: person.name for person in sample.jurisdiction().persons}
    organiser = Access("p-wang-jun", "组织调解")
    start = first_tier(graph, brothers, access=organiser)
    case = MediationCase.open(
        brothers, relatives=party_relatives(graph, brothers, access=organiser)
    ).attempt(
        day,
        [Mediator(h.person, h.role) for h in start.people if h.person is not None],
    )
    up = next_tier(graph, case, access=organiser)
    assert up is not None  # noqa: S101  (the sample's ladder has a tier above the grid)
    village = [
        Mediator(h.person, h.role)
        for h in up.people
        if h.person is not None and h.role in (Role.RESIDENT_AUXILIARY, Role.FENGQIAO_MEDIATOR)
    ]
    case = case.escalate(day, "双方各执一词").attempt(day + timedelta(days=1), village)
    case = case.resolve(day + timedelta(days=1))
    lines = [
        (
            f"Mediation of {brothers.id} ({brothers.category.en}): tier {start.tier.level} "
            f"{start.tier.name_zh} → tier {case.resolved_at} "
            f"{case.ladder.tier(case.tier).name_zh}, resolved in "
            f"{(case.last_day - day).days} day(s)"
        )
    ]
    for event in case.events[1:]:
        who = ""
        if isinstance(event, MediationAttempted):
            who = ": " + ", ".join(f"{names[m.person]} ({m.role.zh})" for m in event.mediators)
        lines.append(f"  {event.on} {event.KIND}{who}")
    report = mediation_metrics([case], Period(date(2025, 1, 1), date(2026, 1, 1)))
    lines.append(
        f"Metrics for 2025: {report.closed} closed, resolution rate "
        f"{report.resolution_rate or 0:.0%}, in the grid {report.resolved_in_grid or 0:.0%}, "
        f"in the community {report.resolved_in_community or 0:.0%}".replace("%", " %")
    )
    return "\n".join(lines)


def station_demo() -> str:
    """The sample's community police office (1+4服务站): hours, next free slot, ledger counts.

    Examples:
        >>> print(station_demo())
        Service station 西门社区警务室 at 西门路9号西门社区警务室, serving community:c-ximen
          on a Tuesday evening, 2025-01-07 19:30: open, on duty p-wang-jun
          p-wang-jun (flexible hours: met):
            Mon, Wed, Fri 08:30-12:00 14:00-17:30
            Tue, Thu 08:30-12:00 14:00-17:30 18:00-21:00
            Sat 09:00-12:00
          p-sun-hao (flexible hours: not met):
            Mon, Wed, Fri 08:30-12:00 14:00-17:30
          next free 30-minute slot after 2025-01-07 19:30: 2025-01-07 20:00 with p-wang-jun
          ledger 2025: appointment 24, delivery 35, proxy service 71
            (year on year: appointment +41 %, delivery -10 %, proxy service +22 %)
          1+4 formula: complete
    """
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    roster, ledger = sample.roster(), sample.service_ledger()
    at = datetime(2025, 1, 7, 19, 30, tzinfo=ZoneInfo(DEFAULT_TIMEZONE))
    (office,) = offices_serving(graph, "household:h-jy-1-101", at=at, roster=roster)
    lines = [
        f"Service station {office.name} at {office.address}, serving {office.serves}",
        f"  on a Tuesday evening, {at:%Y-%m-%d %H:%M}: "
        + (f"open, on duty {', '.join(office.on_duty)}" if office.is_open else "closed"),
    ]
    rule = FlexibleHoursRule()
    for hours in roster.at_office(office.office):
        verdict = "not met" if rule.findings(hours) else "met"
        lines.append(f"  {hours.officer} (flexible hours: {verdict}):")
        shared: dict[str, list[str]] = {}
        for day, intervals in enumerate(hours.by_weekday):
            if intervals:
                spans = " ".join(f"{i.start:%H:%M}-{i.end:%H:%M}" for i in intervals)
                shared.setdefault(spans, []).append(_WEEKDAYS[day])
        lines.extend(f"    {', '.join(days)} {spans}" for spans, days in shared.items())
    book = AppointmentBook(roster).book(
        Appointment(
            "ap-1",
            office.office,
            "p-wang-jun",
            ServiceKind.APPOINTMENT,
            at,
            at + timedelta(minutes=30),
        )
    )
    found = book.next_free_slot(office.office, after=at, duration=timedelta(minutes=30))
    if found is not None:
        officer, start = found
        lines.append(
            f"  next free 30-minute slot after {at:%Y-%m-%d %H:%M}: "
            f"{start:%Y-%m-%d %H:%M} with {officer}"
        )
    year = Period(date(2025, 1, 1), date(2026, 1, 1))
    counts = ledger.counts(by=("kind",), period=year)
    named = {kind.value: kind.en for kind in ServiceKind}
    lines.append(
        "  ledger 2025: " + ", ".join(f"{named[kind]} {count}" for (kind,), count in counts.items())
    )
    changes = []
    for (kind,) in counts:
        relative = ledger.year_on_year(year, kind=ServiceKind(kind)).relative
        changes.append(f"{named[kind]} {relative or 0:+.0%}".replace("%", " %"))
    lines.append(f"    (year on year: {', '.join(changes)})")
    gaps = station_gaps(office.office, roster=roster, ledger=ledger, period=year)
    lines.append(
        "  1+4 formula: " + ("complete" if not gaps else "; ".join(g.message for g in gaps))
    )
    return "\n".join(lines)


_WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def patrol_demo() -> str:
    """The sample's 24-hour joint patrol (保安联勤联防): coverage of each zone, and who could fill.

    Examples:
        >>> print(patrol_demo())
        Joint patrol of the sample (guards on 2025-01-01: o-guard-co 2)
          z-town 西门联防区: 100.0 % of the week covered
          z-villages 村庄联防区: 29.2 % of the week covered, 8 gap(s), 119.0 h uncovered
            first gap Mon 00:00-Mon 18:00; could fill: o-guard-co (1 spare, patrols the zone)
    """
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    zones, shifts = sample.patrol()
    guards = company_guards(graph, as_of=date(2025, 1, 1))
    staff = ", ".join(f"{company} {count}" for company, count in guards.items())
    lines = [f"Joint patrol of the sample (guards on 2025-01-01: {staff})"]
    coverages = weekly_coverages(shifts, zones)
    fillers = gap_fillers(shifts, zones, guards)
    nearness = ("patrols the zone", "patrols a neighbouring zone", "elsewhere")
    for zone in zones:
        coverage = coverages[zone.id]
        line = f"  {zone.id} {zone.name}: {coverage.covered_share:.1%} of the week covered"
        if coverage.uncovered:
            line += (
                f", {len(coverage.uncovered)} gap(s), "
                f"{coverage.uncovered_minutes / 60:.1f} h uncovered"
            )
        lines.append(line.replace("%", " %"))
        if coverage.uncovered:
            first = coverage.uncovered[0]
            offers = [f for f in fillers if f.zone == zone.id and f.gap == first]
            who = ", ".join(
                f"{f.company} ({f.spare} spare, {nearness[f.nearness]})" for f in offers
            )
            lines.append(
                f"    first gap {_week_minute(first[0])}-{_week_minute(first[1])}; "
                f"could fill: {who or 'nobody'}"
            )
    return "\n".join(lines)


def _week_minute(minute: int) -> str:
    day, rest = divmod(minute, 24 * 60)
    return f"{_WEEKDAYS[day % 7]} {rest // 60:02d}:{rest % 60:02d}"
