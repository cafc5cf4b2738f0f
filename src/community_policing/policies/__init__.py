"""The sources' norms as executable checks that report every violation at once.

- :mod:`~community_policing.policies.checks` — :class:`Check`, :class:`Violation`,
  :class:`Report`, :func:`check` and the built-in checks of the police grids, teams and
  boundaries.
- :mod:`~community_policing.policies.population` — the checks on the actual population and
  houses, run through an audited disclosure.

Everything is importable from ``community_policing.policies`` itself.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.policies import check
    >>> sorted(check(CommunityGraph.from_jurisdiction(sample.jurisdiction()),
    ...              as_of=date(2025, 1, 1)).failed)
    ['grid_worker', 'one_grid_one_officer']
"""

from community_policing.policies.checks import (
    DEFAULT_CHECKS,
    Check,
    Report,
    Violation,
    check,
    conflicting_posts_check,
    district_officer_check,
    fusion_check,
    grid_worker_check,
    one_grid_one_officer_check,
    population_cap_check,
    team_formula_check,
    team_gaps,
    topology_check,
)
from community_policing.policies.population import lapsed_permit_check, untenanted_rental_check

__all__ = [
    "Check",
    "DEFAULT_CHECKS",
    "Report",
    "Violation",
    "check",
    "conflicting_posts_check",
    "district_officer_check",
    "fusion_check",
    "grid_worker_check",
    "lapsed_permit_check",
    "one_grid_one_officer_check",
    "population_cap_check",
    "team_formula_check",
    "team_gaps",
    "topology_check",
    "untenanted_rental_check",
]
