"""The hypothesis entry point: registers the library's strategies for ``st.from_type``.

hypothesis calls :func:`_hypothesis_setup_hook` when it is first imported, through the
``hypothesis`` entry point declared in ``pyproject.toml``. That may happen while
:mod:`community_policing.testing.strategies` itself is being imported, so the strategies are
registered as deferred: the module is only looked up when a strategy is first drawn.
"""

from __future__ import annotations

import importlib
from typing import Any

# Each model and the name of its strategy in community_policing.testing.strategies.
_STRATEGY_OF = {
    "Person": "persons",
    "Period": "periods",
    "Provenance": "provenances",
    "AreaRef": "area_refs",
    "SubBureau": "sub_bureaus",
    "PoliceStation": "police_stations",
    "PolicingDistrict": "policing_districts",
    "PoliceGrid": "police_grids",
    "Community": "communities",
    "ManagementGrid": "management_grids",
    "ResidentialCompound": "residential_compounds",
    "Building": "buildings",
    "StandardAddress": "standard_addresses",
    "Household": "households",
    "Organization": "organizations",
    "Team": "teams",
    "Post": "posts",
    "Membership": "memberships",
    "Residence": "residences",
    "FamilyTie": "family_ties",
    "AreaAssignment": "area_assignments",
    "ReportingLine": "reporting_lines",
    "Jurisdiction": "jurisdictions",
    "CommunityGraph": "community_graphs",
    "AuditRecord": "audit_records",
    "Dispute": "disputes",
    "Agreement": "agreements",
    "Mediator": "mediators",
    "MediationCase": "mediation_cases",
    "WeeklyInterval": "weekly_intervals",
    "WorkingHours": "working_hours",
    "Roster": "rosters",
    "Appointment": "appointments",
    "AppointmentBook": "appointment_books",
    "ServiceRecord": "service_records",
    "ServiceLedger": "service_ledgers",
    "InteractionRecord": "interaction_records",
    "UnitRecord": "unit_records",
    "FloorPlan": "floor_plans",
    "Tip": "tips",
    "SchoolSession": "school_sessions",
    "OnlineGroup": "online_groups",
    "PatrolShift": "patrol_shifts",
    "PatrolZone": "patrol_zones",
    "ShiftException": "shift_exceptions",
    "Incident": "incidents",
    "Camera": "cameras",
    "PatrolNet": "patrol_nets",
    "Call": "calls",
    "SchoolSafetyPost": "school_safety_posts",
    "RecoveryCase": "recovery_cases",
}

# Events of a mediation case: each drawn by ``case_events(<the event class>)``.
_EVENTS = (
    "DisputeReported",
    "EntryTierDeclared",
    "MediationAttempted",
    "CaseEscalated",
    "PanelConvened",
    "CaseResolved",
    "CaseReferred",
    "CaseWithdrawn",
    "FollowUpVisited",
)


def _deferred(name: str, *arguments: Any) -> Any:
    from hypothesis import strategies as st  # noqa: PLC0415  (hypothesis is being set up)

    def build() -> Any:
        module = importlib.import_module("community_policing.testing.strategies")
        return getattr(module, name)(*arguments)

    return st.deferred(build)


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415

    import community_policing  # noqa: PLC0415

    for model, name in _STRATEGY_OF.items():
        st.register_type_strategy(getattr(community_policing, model), _deferred(name))
    for event in _EVENTS:
        kind = getattr(community_policing, event)
        st.register_type_strategy(kind, _deferred("case_events", kind))
