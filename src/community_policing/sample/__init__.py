"""The embedded sample jurisdiction: a small, fictional county station.

Its shape follows the sources: a rural station in the manner of Kaolao (栲栳派出所), whose
villages are merged into police grids of about 3,000 people with one resident auxiliary each,
beside an urban community cut into management grids, with grid workers, safety volunteers, a
"同心圆" volunteer group and the agencies of Tieshan's 1+N mediation. Every name, number and
person in it is invented; ID-card numbers are valid in form only.

Every function but :func:`borders` (a new graph each call) returns the same immutable object
on every call.

Examples:
    >>> from community_policing import sample
    >>> town = sample.jurisdiction()
    >>> len(town.police_grids), len(town.persons)
    (4, 24)
"""

from __future__ import annotations

from datetime import date, time, timedelta
from functools import cache
from importlib import resources

import networkx as nx

from community_policing.io.json import loads
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import ServiceKind
from community_policing.model.weekly import WeeklyInterval
from community_policing.patrol import PatrolShift, PatrolZone
from community_policing.sample.synthetic import province, province_parts
from community_policing.services import Roster, ServiceLedger, ServiceRecord, WorkingHours

__all__ = [
    "borders",
    "jurisdiction",
    "patrol",
    "province",
    "province_parts",
    "roster",
    "service_ledger",
]

_OFFICE = "o-ximen-office"

#: Which planning units of the sample border each other (a jurisdiction does not record it):
#: the three villages along one road, Beiguan touching the town's first management grid, and
#: the town's management grids in a ring.
_BORDERS = (
    ("v-shedong", "v-shexi"),
    ("v-shexi", "v-beiguan"),
    ("v-beiguan", "mg-ximen-1"),
    ("mg-ximen-1", "mg-ximen-2"),
    ("mg-ximen-2", "mg-ximen-3"),
    ("mg-ximen-3", "mg-ximen-4"),
    ("mg-ximen-4", "mg-ximen-1"),
)


def borders() -> nx.Graph[str]:
    """The sample's map for planning: its planning units as nodes, shared borders as edges.

    Examples:
        >>> from community_policing.planning import plan_police_grids, planning_units
        >>> units = planning_units(jurisdiction())
        >>> len(plan_police_grids(units, borders()).grids)
        4
    """
    return nx.Graph(_BORDERS)


@cache
def jurisdiction() -> Jurisdiction:
    """The embedded sample, loaded (and fully validated) from the package's data.

    The result is immutable, so the same object is returned on every call.

    Examples:
        >>> jurisdiction() is jurisdiction()
        True
    """
    text = resources.files("community_policing.sample").joinpath("data/jurisdiction.json")
    return loads(text.read_bytes(), Jurisdiction)


@cache
def roster() -> Roster:
    """The posted hours at the sample's community police office (西门社区警务室).

    The community officer keeps office hours on weekdays, two evenings and a Saturday morning
    (Tieshan's flexible hours); the auxiliary covers three weekdays.

    Examples:
        >>> from community_policing.services import FlexibleHoursRule
        >>> [FlexibleHoursRule().findings(hours) != () for hours in roster().hours]
        [False, True]
    """
    morning, afternoon = (time(8, 30), time(12)), (time(14), time(17, 30))
    officer = [WeeklyInterval(d, *half) for d in range(5) for half in (morning, afternoon)]
    officer += [
        WeeklyInterval(1, time(18), time(21)),
        WeeklyInterval(3, time(18), time(21)),
        WeeklyInterval(5, time(9), time(12)),
    ]
    auxiliary = [WeeklyInterval(d, *half) for d in (0, 2, 4) for half in (morning, afternoon)]
    return Roster(
        [
            WorkingHours(
                officer=person,
                office=_OFFICE,
                posted_on=date(2024, 12, 20),
                effective_from=date(2025, 1, 1),
                intervals=intervals,
            )
            for person, intervals in (("p-wang-jun", officer), ("p-sun-hao", auxiliary))
        ]
    )


#: How many services of each kind the sample office gave in 2024 and in 2025.
_SAMPLE_SERVICES = {
    2024: {ServiceKind.PROXY_SERVICE: 58, ServiceKind.APPOINTMENT: 17, ServiceKind.DELIVERY: 39},
    2025: {ServiceKind.PROXY_SERVICE: 71, ServiceKind.APPOINTMENT: 24, ServiceKind.DELIVERY: 35},
}


@cache
def service_ledger() -> ServiceLedger:
    """Two years of the sample office's service ledger (服务台账), spread over the weeks.

    Examples:
        >>> service_ledger().counts(by=("kind",))[("delivery",)]
        74
    """
    records: list[ServiceRecord] = []
    for year, counts in _SAMPLE_SERVICES.items():
        for kind, count in counts.items():
            for index in range(count):
                records.append(
                    ServiceRecord(
                        id=f"s-{year}-{kind.value}-{index}",
                        kind=kind,
                        office=_OFFICE,
                        on=date(year, 1, 2) + timedelta(days=(index * 7 + len(records)) % 360),
                        served_by="p-wang-jun" if index % 3 else "p-sun-hao",
                    )
                )
    return ServiceLedger(records)


@cache
def patrol() -> tuple[tuple[PatrolZone, ...], tuple[PatrolShift, ...]]:
    """The sample's joint patrol (保安联勤联防): two zones and the shifts that cover them.

    The town zone (西门社区) is covered around the clock by the security company's day and
    night shifts; the village zone (社东、社西、北关) by the security company's evenings and the
    property company's weekend nights, which leaves gaps a demo can show.

    Examples:
        >>> from community_policing.patrol import weekly_coverages
        >>> zones, shifts = patrol()
        >>> {zone: c.covered_share for zone, c in weekly_coverages(shifts, zones).items()}
        {'z-town': 1.0, 'z-villages': 0.291667}
    """
    zones = (
        PatrolZone(
            "z-town",
            "西门联防区",
            area=AreaRef.parse("community:c-ximen"),
            neighbours=["z-villages"],
        ),
        PatrolZone(
            "z-villages",
            "村庄联防区",
            area=AreaRef.parse("policing_district:pd-east"),
            neighbours=["z-town"],
        ),
    )
    every_day = list(range(7))
    shifts = (
        PatrolShift("s-town-day", "z-town", "o-guard-co", every_day, time(8), time(20)),
        PatrolShift("s-town-night", "z-town", "o-guard-co", every_day, time(20), time(8)),
        PatrolShift("s-villages-eve", "z-villages", "o-guard-co", every_day, time(18), time(23)),
        PatrolShift(
            "s-villages-weekend", "z-villages", "o-jiayuan-property", [4, 5], time(22), time(6)
        ),
    )
    return zones, shifts
