"""Tiered dispute mediation (矛盾纠纷化解): disputes, ladders, event-sourced cases, routing.

- :mod:`~community_policing.mediation.events` — the dispute and what happens to it.
- :mod:`~community_policing.mediation.ladders` — the tiers and who may mediate at each.
- :mod:`~community_policing.mediation.case` — a case as the fold of its events.
- :mod:`~community_policing.mediation.routing` — tiers, panels and candidates from the graph.
- :mod:`~community_policing.mediation.metrics` — the report over a period.
- :mod:`~community_policing.mediation.clocks` — each tier's deadline, and escalation by it.

Examples:
    >>> import community_policing as cp
    >>> [tier.level for tier in cp.mediation.DEFAULT_LADDER.tiers]
    [3, 2, 1]
"""

from community_policing.mediation.case import MediationCase
from community_policing.mediation.clocks import (
    OVERDUE_REASON,
    escalate_overdue,
    open_stint,
    open_stints,
    tracked,
)
from community_policing.mediation.events import (
    CASE_EVENTS,
    Agreement,
    CaseEscalated,
    CaseReferred,
    CaseResolved,
    CaseWithdrawn,
    Dispute,
    DisputeReported,
    EntryTierDeclared,
    FollowUpVisited,
    MediationAttempted,
    Mediator,
    PanelConvened,
)
from community_policing.mediation.ladders import DEFAULT_LADDER, MediationLadder, MediationTier
from community_policing.mediation.metrics import MediationMetrics, mediation_metrics
from community_policing.mediation.routing import (
    DEFAULT_REFERRALS,
    LITIGATION_REFERRAL,
    PanelProposal,
    Referral,
    TierCandidates,
    first_tier,
    next_tier,
    party_relatives,
    propose_panel,
)

__all__ = [
    "Agreement",
    "CASE_EVENTS",
    "CaseEscalated",
    "CaseReferred",
    "CaseResolved",
    "CaseWithdrawn",
    "DEFAULT_LADDER",
    "DEFAULT_REFERRALS",
    "Dispute",
    "DisputeReported",
    "EntryTierDeclared",
    "FollowUpVisited",
    "LITIGATION_REFERRAL",
    "MediationAttempted",
    "MediationCase",
    "MediationLadder",
    "MediationMetrics",
    "MediationTier",
    "Mediator",
    "OVERDUE_REASON",
    "PanelConvened",
    "PanelProposal",
    "Referral",
    "TierCandidates",
    "escalate_overdue",
    "first_tier",
    "mediation_metrics",
    "next_tier",
    "open_stint",
    "open_stints",
    "party_relatives",
    "propose_panel",
    "tracked",
]
