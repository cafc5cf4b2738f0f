"""The office as residents meet it: which office serves a place, is it open, what it lacks.

- :func:`offices_serving`: which community police office (社区警务室) serves an address, whether it
  is open and who is on duty, through the relationship graph.
- :func:`station_gaps`: what an office lacks of its "1+4" service formula over a period.

Examples:
    >>> from datetime import datetime
    >>> from zoneinfo import ZoneInfo
    >>> from community_policing import CommunityGraph, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> monday = datetime(2025, 1, 13, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> [office.on_duty for office in offices_serving(graph, "building:b-jy-1", at=monday,
    ...                                              roster=sample.roster())]
    [('p-sun-hao', 'p-wang-jun')]
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

import attrs

from community_policing.graph import CommunityGraph, containing, serving
from community_policing.model import validators as v
from community_policing.model.formulas import MECHANISM_FORMULAS, Formula, SlotGap
from community_policing.model.teams import AreaAssignment
from community_policing.model.territory import StandardAddress
from community_policing.model.vocab import OrganizationKind, ServiceKind
from community_policing.services.hours import FlexibleHoursRule, Roster

if TYPE_CHECKING:
    from community_policing.calendar import WorkingCalendar
    from community_policing.model.periods import Period
    from community_policing.services.ledger import ServiceLedger

__all__ = ["OfficeOnCall", "offices_serving", "station_gaps"]


@attrs.frozen
class OfficeOnCall:
    """The answer to "which office serves this place, is it open, who is on duty".

    Attributes:
        office: The office's id (an organisation of kind community police office).
        name: Its name.
        address: Its standard address (text), if recorded.
        serves: The area it is assigned to that contains the place (the place itself, or an
            area above it).
        at: The moment asked about.
        on_duty: The officers on duty then, sorted; empty when closed.
        next_opening: The first moment from ``at`` when someone is on duty (``at`` itself
            when open), ``None`` when it does not open within four weeks.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> at = datetime(2025, 1, 7, 19, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> OfficeOnCall("o-1", "西门社区警务室", None, "community:c-1", at, ("p-1",), at).is_open
        True
    """

    office: str
    name: str
    address: str | None
    serves: str
    at: datetime
    on_duty: tuple[str, ...]
    next_opening: datetime | None

    @property
    def is_open(self) -> bool:
        """Whether anyone is on duty at the moment asked about."""
        return bool(self.on_duty)


def offices_serving(
    graph: CommunityGraph,
    place: str,
    *,
    at: datetime,
    roster: Roster,
    calendar: WorkingCalendar | None = None,
) -> tuple[OfficeOnCall, ...]:
    """The community police offices (社区警务室) serving ``place``, nearest first, with their hours.

    An office serves the areas it is assigned to (an
    :class:`~community_policing.model.teams.AreaAssignment`) and every place inside them; its
    opening hours
    are the posted hours of its officers in ``roster``, on ``calendar`` if given (holidays
    closed unless hours were posted for the date, make-up days as the weekday they pay for).

    Raises:
        ValidationError: ``at`` has no time zone.
        NotFoundError: ``place`` is not in the graph.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> saturday_night = datetime(2025, 1, 11, 22, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> (office,) = offices_serving(graph, "household:h-jy-1-101", at=saturday_night,
        ...                             roster=sample.roster())
        >>> office.name, office.address, office.serves, office.is_open
        ('西门社区警务室', '西门路9号西门社区警务室', 'community:c-ximen', False)
        >>> office.next_opening.isoformat()
        '2025-01-13T08:30:00+08:00'
    """
    v.require_aware(at, entity="office_query", field="at")
    day = at.date()
    served = serving(graph, place, as_of=day)
    found = []
    for key in served.organizations:
        office = graph.entity(key)
        if office.kind is not OrganizationKind.COMMUNITY_POLICE_OFFICE:
            continue
        address = (
            None
            if office.address is None
            else graph.entity(f"{StandardAddress.KIND}:{office.address}").text
        )
        found.append(
            OfficeOnCall(
                office=office.id,
                name=office.name,
                address=address,
                serves=_assigned_area(graph, key, place, day),
                at=at,
                on_duty=roster.on_duty(office.id, at, calendar=calendar),
                next_opening=roster.next_opening(office.id, at, calendar=calendar),
            )
        )
    return tuple(found)


def _assigned_area(graph: CommunityGraph, office: str, place: str, day: date) -> str:
    """The nearest area containing ``place`` (or ``place``) that ``office`` is assigned to."""
    assigned = {
        str(record.area)
        for record in graph.records(AreaAssignment.KIND)
        if record.organization is not None
        and f"organization:{record.organization}" == office
        and record.is_active(day)
    }
    return next(area for area in containing(graph, place, as_of=day) if area in assigned)


def station_gaps(
    office: str,
    *,
    roster: Roster,
    ledger: ServiceLedger,
    period: Period,
    formula: Formula | None = None,
    rule: FlexibleHoursRule | None = None,
) -> tuple[SlotGap, ...]:
    """What ``office`` lacks of its service formula (default Tieshan's 1+4) over ``period``.

    The office is the core. Flexible hours count when at least one officer's posted hours at
    the office meet ``rule`` (default :class:`FlexibleHoursRule`); every other service counts
    when the ledger holds one of that kind at the office in ``period``. Services the formula
    does not name are not gaps, so a host's own formula (say, 1+5 with child-minding) can be
    checked the same way.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, sample
        >>> from community_policing.services import Roster, ServiceLedger
        >>> gaps = station_gaps("o-ximen-office", roster=sample.roster(),
        ...                     ledger=sample.service_ledger(),
        ...                     period=Period(date(2025, 1, 1), date(2026, 1, 1)))
        >>> gaps
        ()
        >>> for gap in station_gaps("o-ximen-office", roster=Roster([]), ledger=ServiceLedger(),
        ...                         period=Period(date(2025, 1, 1), date(2026, 1, 1))):
        ...     print(gap.message)
        flexible hours: needs 1, has 0
        proxy service: needs 1, has 0
        appointment: needs 1, has 0
        delivery: needs 1, has 0
    """
    chosen = MECHANISM_FORMULAS["1+4"] if formula is None else formula
    check = FlexibleHoursRule() if rule is None else rule
    present: list[str] = [OrganizationKind.COMMUNITY_POLICE_OFFICE.value]
    if any(not check.findings(hours) for hours in roster.at_office(office)):
        present.append(ServiceKind.FLEXIBLE_HOURS.value)
    given = {
        record.kind.value
        for record in ledger.records
        if record.office == office and period.contains(record.on)
    }
    present.extend(sorted(given))
    accepted = frozenset().union(*(slot.accepts for slot in chosen.slots))
    return chosen.check(component for component in present if component in accepted)
