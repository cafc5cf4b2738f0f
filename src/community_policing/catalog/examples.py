"""The records a source system keeps, and how its figures are measured from them.

:class:`Records` is a jurisdiction and the mechanism records a system keeps — a generated
example (:func:`~community_policing.catalog.generate.example` makes one at the source's scale)
or a user's own. :func:`reproduce` measures records figure by figure against an entry, so the
library's machinery — counting posts, the ledger, the cameras, the resolved cases — is what
says the figure, not a copy of it. A figure with no measure is not reproduced.

Examples:
    >>> from community_policing.catalog import example, reproduce, system
    >>> tieshan = example("tieshan")
    >>> [(row.figure.key, row.measured) for row in reproduce(system("tieshan"), tieshan)][:4]
    [('offices', 14), ('communities', 14), ('officers', 16), ('auxiliaries', 28)]
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

import attrs

from community_policing.catalog.entries import Figure
from community_policing.floorplans import FloorPlan
from community_policing.graph import CommunityGraph
from community_policing.mediation import MediationCase
from community_policing.metrics import rate
from community_policing.model import validators as v
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.registry import document
from community_policing.model.vocab import (
    CaseStatus,
    OrganizationKind,
    Role,
    ServiceKind,
    TipOutcome,
)
from community_policing.outreach import OnlineGroup, SchoolSession
from community_policing.patrol import PatrolShift, PatrolZone, company_guards, weekly_coverages
from community_policing.prevention import Camera
from community_policing.recovery import RecoveryCase
from community_policing.services import ServiceLedger
from community_policing.tips import Tip

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from community_policing.catalog.entries import SourceSystem

__all__ = ["FigureCheck", "Records", "reproduce"]


@document
@attrs.frozen
class Records:
    """A jurisdiction and the records a source system keeps (台账): generated, or a user's own.

    A document of its own (``"records"``): what :func:`~community_policing.catalog.example`
    generates is written and read back like any document, and a user's records are read the
    same way to be measured.

    Attributes:
        jurisdiction: The territory, organisations, people and posts.
        cases: Mediation cases.
        ledger: The service ledger.
        cameras: The video net's cameras.
        zones: Joint patrol zones.
        shifts: Security companies' weekly patrol shifts.
        recoveries: Asset-recovery cases.
        tips: Sentinels' tips.
        sessions: Community police-school sessions.
        floor_plans: Resident information floor plans.
        groups: Online groups.

    Examples:
        >>> from community_policing.catalog import example
        >>> tieshan = example("tieshan", seed=7)
        >>> len(tieshan.ledger.records), len(tieshan.cases)
        (1596, 1127)
    """

    KIND: ClassVar[str] = "records"

    jurisdiction: Jurisdiction = attrs.field(validator=v.instance_of(Jurisdiction))
    cases: tuple[MediationCase, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(MediationCase)
    )
    ledger: ServiceLedger = attrs.field(
        factory=ServiceLedger, validator=v.instance_of(ServiceLedger)
    )
    cameras: tuple[Camera, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(Camera)
    )
    zones: tuple[PatrolZone, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(PatrolZone)
    )
    shifts: tuple[PatrolShift, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(PatrolShift)
    )
    recoveries: tuple[RecoveryCase, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(RecoveryCase)
    )
    tips: tuple[Tip, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(Tip)
    )
    sessions: tuple[SchoolSession, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(SchoolSession)
    )
    floor_plans: tuple[FloorPlan, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(FloorPlan)
    )
    groups: tuple[OnlineGroup, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(OnlineGroup)
    )


@attrs.frozen
class FigureCheck:
    """A source's figure against what an example measures.

    Examples:
        >>> from community_policing.catalog import system
        >>> figure = system("tieshan").figure("offices")
        >>> FigureCheck(figure, 14).reproduced, FigureCheck(figure, 13).reproduced
        (True, False)
    """

    figure: Figure
    measured: float | None

    @property
    def reproduced(self) -> bool:
        """Whether the measure gives the figure (at least it, where the source says "more")."""
        if self.measured is None:
            return False
        if self.figure.at_least:
            return self.measured >= self.figure.value
        return self.measured == self.figure.value


def _holders(example: Records, role: Role) -> int:
    posts = {post.id for post in example.jurisdiction.posts if post.role is role}
    return len({m.person for m in example.jurisdiction.memberships if m.post in posts})


def _services(kind: ServiceKind) -> Callable[[Records], float]:
    return lambda example: example.ledger.counts(by=("kind",)).get((kind.value,), 0)


_TIESHAN_MEASURES: Mapping[str, Callable[[Records], float | None]] = MappingProxyType(
    {
        "offices": lambda e: sum(
            o.kind is OrganizationKind.COMMUNITY_POLICE_OFFICE for o in e.jurisdiction.organizations
        ),
        "communities": lambda e: len(e.jurisdiction.communities),
        "officers": lambda e: _holders(e, Role.COMMUNITY_OFFICER),
        "auxiliaries": lambda e: _holders(e, Role.AUXILIARY_OFFICER),
        "proxy_services": _services(ServiceKind.PROXY_SERVICE),
        "appointments": _services(ServiceKind.APPOINTMENT),
        "deliveries": _services(ServiceKind.DELIVERY),
        "cameras": lambda e: len(e.cameras),
        "camera_communities": lambda e: len({str(camera.watches) for camera in e.cameras}),
        "video_monitors": lambda e: len({camera.monitor for camera in e.cameras} - {None}),
        "disputes_resolved": lambda e: sum(c.status is CaseStatus.RESOLVED for c in e.cases),
    }
)


#: The day every example's people hold their posts from, and its records begin.
_START = date(2023, 1, 1)


def _guards(example: Records) -> int:
    graph = CommunityGraph.from_jurisdiction(example.jurisdiction)
    return sum(company_guards(graph, as_of=_START).values())


def _collective_returns(example: Records) -> int:
    """Days on which money went back to two or more victims at once (集中返赃)."""
    victims: dict[date, set[str]] = {}
    for case in example.recoveries:
        for step in case.trail:
            if step.action == "returned" and step.party is not None:
                victims.setdefault(step.on, set()).add(step.party)
    return sum(len(people) >= _COLLECTIVE for people in victims.values())


_COLLECTIVE = 2

_HUBIN_MEASURES: Mapping[str, Callable[[Records], float | None]] = MappingProxyType(
    {
        "zones": lambda e: len(e.zones),
        "companies": lambda e: sum(
            o.kind is OrganizationKind.SECURITY_COMPANY for o in e.jurisdiction.organizations
        ),
        "guards": _guards,
        "zones_covered_all_day": lambda e: sum(
            coverage.covered_share == 1 for coverage in weekly_coverages(e.shifts, e.zones).values()
        ),
        "return_events": _collective_returns,
    }
)


def _mediation_rate(example: Records) -> float | None:
    closed = [case for case in example.cases if case.closed]
    share = rate(sum(case.status is CaseStatus.RESOLVED for case in closed), len(closed))
    return None if share is None else round(share * 100, 2)


def _residents(example: Records) -> int:
    return len({residence.person for residence in example.jurisdiction.residences})


_JIAYUAN_MEASURES: Mapping[str, Callable[[Records], float | None]] = MappingProxyType(
    {
        "compounds": lambda e: len(e.jurisdiction.residential_compounds),
        "households": lambda e: len(e.jurisdiction.households),
        "people": _residents,
        "teams": lambda e: len(e.jurisdiction.teams),
        "school_sessions": lambda e: len(e.sessions),
        "fraud_stopped": lambda e: sum(
            tip.amount_protected for tip in e.tips if tip.outcome is TipOutcome.FRAUD_PREVENTED
        ),
        "mediation_rate": _mediation_rate,
    }
)


def _brothers_tier(example: Records) -> int | None:
    found = [case for case in example.cases if case.id == "d-brothers"]
    return found[0].resolved_at if found else None


def _resolution_rate(example: Records) -> float | None:
    resolved = sum(case.status is CaseStatus.RESOLVED for case in example.cases)
    share = rate(resolved, len(example.cases))
    return None if share is None else round(share * 100, 2)


_YUNCHENG_MEASURES: Mapping[str, Callable[[Records], float | None]] = MappingProxyType(
    {
        "kaolao_districts": lambda e: len(e.jurisdiction.policing_districts),
        "kaolao_grids": lambda e: len(e.jurisdiction.police_grids),
        "leads": lambda e: len(e.cases),
        "resolution_rate": _resolution_rate,
        "brothers_tier": _brothers_tier,
    }
)


def _ximen_buildings(example: Records) -> set[str]:
    grids = {g.id for g in example.jurisdiction.management_grids if g.community == "c-ximen"}
    return {b.id for b in example.jurisdiction.buildings if b.management_grid in grids}


def _ximen_residents(example: Records) -> int:
    buildings = _ximen_buildings(example)
    addresses = {a.id for a in example.jurisdiction.standard_addresses if a.building in buildings}
    homes = {h.id for h in example.jurisdiction.households if h.address in addresses}
    return len({r.person for r in example.jurisdiction.residences if r.household in homes})


_JINING_MEASURES: Mapping[str, Callable[[Records], float | None]] = MappingProxyType(
    {
        "police_districts": lambda e: len(e.jurisdiction.policing_districts),
        "community_officers": lambda e: _holders(e, Role.COMMUNITY_OFFICER),
        "ximen_buildings": lambda e: len(_ximen_buildings(e)),
        "ximen_residents": _ximen_residents,
        # a plan sheet for every floor of every building: "400 and more for 95 buildings"
        "floor_plans": lambda e: sum(plan.floors for plan in e.floor_plans),
        "volunteers": lambda e: sum(
            len(group.members) for group in e.groups if str(group.area) == "community:c-wanda"
        ),
    }
)

#: How each system's figures are measured from its example, figure by figure.
_MEASURES: Mapping[str, Mapping[str, Callable[[Records], float | None]]] = MappingProxyType(
    {
        "jining-shizhong": _JINING_MEASURES,
        "tieshan": _TIESHAN_MEASURES,
        "jiayuan": _JIAYUAN_MEASURES,
        "hubin": _HUBIN_MEASURES,
        "yuncheng": _YUNCHENG_MEASURES,
    }
)


def reproduce(entry: SourceSystem, records: Records) -> tuple[FigureCheck, ...]:
    """Every figure of ``entry`` against what ``records`` measure, in the entry's order.

    Each of the five systems measures its figures its own way (its entry's id says which); a
    figure without a measure — any figure of an entry under a new id — is measured as ``None``
    (not reproduced).

    Examples:
        >>> from community_policing.catalog import example, system
        >>> rows = reproduce(system("tieshan"), example("tieshan"))
        >>> [row.figure.key for row in rows if not row.reproduced]
        ['robbery_change']
    """
    measures = _MEASURES.get(entry.id, {})
    return tuple(
        FigureCheck(figure, measures[figure.key](records) if figure.key in measures else None)
        for figure in entry.figures
    )
