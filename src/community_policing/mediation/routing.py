"""Routing a dispute through the graph: who may mediate it, at which tier, with which agencies.

- :func:`first_tier` and :func:`next_tier` — the tier a dispute starts at or goes up to, and the
  people of its place who may mediate there.
- :func:`propose_panel` — a "1+N" panel (Tieshan, source 001): the place's officer leads, and
  the agencies serving the place that the referral rules bring in for the dispute's category.
- :func:`party_relatives` — each party's family, whom no panel may include.

Examples:
    >>> from datetime import date
    >>> from community_policing import (Access, AreaRef, CommunityGraph, DisputeCategory,
    ...     ReportChannel, sample)
    >>> from community_policing.mediation import Dispute, first_tier
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
    ...     parties=("p-lv-da", "p-lv-er"), place=AreaRef.parse("standard_address:a-sd-12"),
    ...     reported_on=date(2025, 1, 1), channel=ReportChannel.SCREENING)
    >>> first_tier(graph, brothers, access=Access("p-wang-jun", "组织调解")).tier.name
    'grid'
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.graph import (
    CommunityGraph,
    Holding,
    containing,
    disclose,
    holdings,
    mediation_candidates,
)
from community_policing.mediation.ladders import DEFAULT_LADDER, MediationLadder, MediationTier
from community_policing.model.vocab import (
    AgencyFunction,
    DisputeCategory,
    OrganizationKind,
    Role,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from community_policing.mediation.case import MediationCase
    from community_policing.mediation.events import Dispute
    from community_policing.model.audit import Access
    from community_policing.model.people import Organization

__all__ = [
    "DEFAULT_REFERRALS",
    "LITIGATION_REFERRAL",
    "PanelProposal",
    "Referral",
    "TierCandidates",
    "first_tier",
    "next_tier",
    "party_relatives",
    "propose_panel",
]


def party_relatives(
    graph: CommunityGraph, dispute: Dispute, *, access: Access, as_of: date | None = None
) -> dict[str, frozenset[str]]:
    """Each party's family on ``as_of`` (default: the day the dispute was reported).

    Family ties are personal data: they are read through one
    :func:`~community_policing.graph.disclosure.disclose` with ``access``, which leaves one
    audit record. Pass the result to :meth:`MediationCase.attempt` so that no relative of a
    party mediates.

    Examples:
        >>> from datetime import date
        >>> from community_policing import (Access, AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample)
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> quarrel = Dispute(id="d-zhu", category=DisputeCategory.FAMILY,
        ...     parties=("p-zhu-wei",), place=AreaRef.parse("community:c-ximen"),
        ...     reported_on=date(2024, 3, 1), channel=ReportChannel.VISIT)
        >>> found = party_relatives(graph, quarrel, access=Access("p-wang-jun", "组织调解"))
        >>> sorted(found["p-zhu-wei"])
        ['p-qin-na', 'p-zhu-xiao']
    """
    day = dispute.reported_on if as_of is None else as_of
    opened = disclose(graph, access, query="party_relatives", as_of=day)
    family: dict[str, set[str]] = {party: set() for party in dispute.parties}
    for tie in opened.records("family_tie"):
        if tie.period is not None and not tie.period.contains(day):
            continue
        for one, other in ((tie.person, tie.relative), (tie.relative, tie.person)):
            if one in family:
                family[one].add(other)
    return {party: frozenset(people) for party, people in family.items()}


def _frozen(value: Iterable[Any]) -> frozenset[Any]:
    return frozenset(value)


@attrs.frozen
class Referral:
    """Whom a "1+N" panel brings in for a kind of dispute: agencies by function or kind.

    Examples:
        >>> from community_policing import DisputeCategory
        >>> from community_policing.mediation import DEFAULT_REFERRALS
        >>> [f.zh for f in DEFAULT_REFERRALS[DisputeCategory.LABOUR].functions]
        ['人社局']
    """

    KIND: ClassVar[str] = "referral"

    functions: frozenset[AgencyFunction] = attrs.field(default=frozenset(), converter=_frozen)
    kinds: frozenset[OrganizationKind] = attrs.field(default=frozenset(), converter=_frozen)

    def matches(self, organization: Organization) -> bool:
        """Whether ``organization`` is one this referral brings in."""
        return organization.kind in self.kinds or organization.function in self.functions


_TIESHAN = "Tieshan sub-bureau, Huangshi, Hubei (source 001)"

#: Tieshan's 1+N referrals by category (source 001); replace any of them with your own.
DEFAULT_REFERRALS: Mapping[DisputeCategory, Referral] = MappingProxyType(
    {
        DisputeCategory.LABOUR: Referral(
            functions={AgencyFunction.HUMAN_RESOURCES_AND_SOCIAL_SECURITY}
        ),
        DisputeCategory.ENVIRONMENT: Referral(functions={AgencyFunction.ECOLOGY_AND_ENVIRONMENT}),
        DisputeCategory.CONSUMER: Referral(functions={AgencyFunction.MARKET_REGULATION}),
        DisputeCategory.FAMILY: Referral(functions={AgencyFunction.WOMENS_FEDERATION}),
    }
)

#: Tieshan's referral for a dispute bound for litigation: the court and the procuratorate.
LITIGATION_REFERRAL = Referral(kinds={OrganizationKind.COURT, OrganizationKind.PROCURATORATE})


@attrs.frozen
class PanelProposal:
    """Who concretely can sit on a "1+N" panel for a dispute.

    Attributes:
        leads: The officers and auxiliaries of the place (the "1").
        agencies: Keys of the agencies serving the place that the referral rules bring in.
        agency_people: Ids of those agencies' members, neither parties nor their relatives.

    Examples:
        >>> PanelProposal(leads=(), agencies=("organization:o-env",), agency_people=()).agencies
        ('organization:o-env',)
    """

    leads: tuple[Holding, ...]
    agencies: tuple[str, ...]
    agency_people: tuple[str, ...]


def propose_panel(
    graph: CommunityGraph,
    dispute: Dispute,
    *,
    access: Access,
    as_of: date | None = None,
    referrals: Mapping[DisputeCategory, Referral] = DEFAULT_REFERRALS,
) -> PanelProposal:
    """The panel for ``dispute``: the place's officer leads, agencies come by category.

    Neither a party nor a party's relative sits on it; the family ties are read with
    ``access`` (one audit record).

    Examples:
        >>> from datetime import date
        >>> from community_policing import (Access, AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample)
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> smell = Dispute(id="d-env", category=DisputeCategory.ENVIRONMENT,
        ...     parties=("p-lv-da",), place=AreaRef.parse("standard_address:a-sd-12"),
        ...     reported_on=date(2025, 1, 1), channel=ReportChannel.VISIT)
        >>> panel = propose_panel(graph, smell, access=Access("p-wang-jun", "组织调解"))
        >>> [lead.name for lead in panel.leads], panel.agencies
        (['李强', '王军'], ('organization:o-env',))
    """
    day = dispute.reported_on if as_of is None else as_of
    found = mediation_candidates(graph, str(dispute.place), as_of=day)
    wanted = [referrals[dispute.category]] if dispute.category in referrals else []
    if dispute.litigation_bound:
        wanted.append(LITIGATION_REFERRAL)
    agencies = tuple(
        key for key in found.agencies if any(r.matches(graph.entity(key)) for r in wanted)
    )
    excluded = _excluded(graph, dispute, day, access)
    chosen = {key.removeprefix("organization:") for key in agencies}
    people = tuple(
        dict.fromkeys(
            record.person
            for record in found.agency_people
            if record.organization in chosen and record.person not in excluded
        )
    )
    leads = tuple(lead for lead in found.leads if lead.person not in excluded)
    return PanelProposal(leads=leads, agencies=agencies, agency_people=people)


def _excluded(graph: CommunityGraph, dispute: Dispute, day: date, access: Access) -> set[str]:
    """The parties and their relatives: nobody who may mediate this dispute."""
    family = party_relatives(graph, dispute, access=access, as_of=day)
    return set(dispute.parties).union(*family.values())


@attrs.frozen
class TierCandidates:
    """A tier of the ladder and the people of the place who may mediate at it.

    Attributes:
        tier: The tier.
        people: Post holdings at the place or any area containing it whose role the tier
            accepts, neither parties nor their relatives; vacancies left out.

    Examples:
        >>> TierCandidates(tier=DEFAULT_LADDER.tiers[0], people=()).tier.name
        'grid'
    """

    tier: MediationTier
    people: tuple[Holding, ...]


def first_tier(
    graph: CommunityGraph,
    dispute: Dispute,
    *,
    access: Access,
    ladder: MediationLadder = DEFAULT_LADDER,
    as_of: date | None = None,
) -> TierCandidates:
    """Where a new dispute starts, and who at its place can mediate there.

    Parties and their relatives are left out; the family ties are read with ``access`` (one
    audit record).

    Examples:
        >>> from datetime import date
        >>> from community_policing import (Access, AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample)
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
        ...     parties=("p-lv-da", "p-lv-er"), place=AreaRef.parse("standard_address:a-sd-12"),
        ...     reported_on=date(2025, 1, 1), channel=ReportChannel.SCREENING)
        >>> start = first_tier(graph, brothers, access=Access("p-wang-jun", "组织调解"))
        >>> start.tier.level, sorted({h.role.en for h in start.people})
        (3, ['grid worker', 'resident auxiliary'])
    """
    day = dispute.reported_on if as_of is None else as_of
    return _candidates(graph, dispute, ladder.tiers[0], day, access)


def next_tier(
    graph: CommunityGraph, case: MediationCase, *, access: Access, as_of: date | None = None
) -> TierCandidates | None:
    """Where a case goes when the attempt at its tier fails, and who can mediate there.

    ``None`` when the case is at the last tier (refer it instead). Parties and their relatives
    are left out, as by :func:`first_tier`.

    Examples:
        >>> from datetime import date
        >>> from community_policing import (Access, AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample)
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
        ...     parties=("p-lv-da", "p-lv-er"), place=AreaRef.parse("standard_address:a-sd-12"),
        ...     reported_on=date(2025, 1, 1), channel=ReportChannel.SCREENING)
        >>> up = next_tier(graph, MediationCase.open(brothers),
        ...                access=Access("p-wang-jun", "组织调解"))
        >>> up.tier.level, sorted({h.role.en for h in up.people})
        ... # doctest: +NORMALIZE_WHITESPACE
        (2, ['community officer', 'fengqiao mediator', 'grid worker', 'resident auxiliary',
             'village party secretary'])
    """
    above = case.ladder.above(case.tier)
    if above is None:
        return None
    day = case.last_day if as_of is None else as_of
    return _candidates(graph, case.dispute, above, day, access)


def _candidates(
    graph: CommunityGraph, dispute: Dispute, tier: MediationTier, day: date, access: Access
) -> TierCandidates:
    roles = frozenset(role for role in Role if tier.accepts(role))
    excluded = _excluded(graph, dispute, day, access)
    seen: dict[tuple[str, str], Holding] = {}
    for area in containing(graph, str(dispute.place), as_of=day):
        for holding in holdings(graph, area, roles=roles, as_of=day):
            if holding.person is not None and holding.person not in excluded:
                seen.setdefault((holding.post, holding.person), holding)
    return TierCandidates(tier=tier, people=tuple(seen.values()))
