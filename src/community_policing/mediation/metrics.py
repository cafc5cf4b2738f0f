"""The mediation report (矛盾纠纷化解统计): counts and rates over the cases of a period.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period
    >>> from community_policing.mediation import mediation_metrics
    >>> mediation_metrics([], Period(date(2025, 1, 1), date(2026, 1, 1))).reported
    0
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

import attrs

from community_policing.metrics import median, rate
from community_policing.model.vocab import AreaKind, CaseStatus, DisputeCategory

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.mediation.case import MediationCase
    from community_policing.model.periods import Period

__all__ = ["MediationMetrics", "mediation_metrics"]


@attrs.frozen
class MediationMetrics:
    """The mediation report over a period (矛盾纠纷化解统计).

    Attributes:
        reported: Cases reported in the period.
        closed: Cases closed in the period (resolved, referred or withdrawn).
        resolved: Cases resolved in the period.
        resolution_rate: ``resolved / closed`` (Yuncheng: 98.66 %).
        resolved_in_grid: Share of the resolved settled at a tier working at a grid ("small
            matters stay in the grid").
        resolved_in_community: Share settled at a grid or community tier ("big matters stay in
            the community").
        referral_rate: ``referred / closed``.
        median_days_to_resolution: From report to resolution.
        attempts_per_case: Mean attempts over the closed cases.
        by_category: Resolved cases per category.
        by_tier: Resolved cases per tier level.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> empty = mediation_metrics([], Period(date(2025, 1, 1), date(2026, 1, 1)))
        >>> empty.closed, empty.resolution_rate
        (0, None)
    """

    reported: int
    closed: int
    resolved: int
    resolution_rate: float | None
    resolved_in_grid: float | None
    resolved_in_community: float | None
    referral_rate: float | None
    median_days_to_resolution: float | None
    attempts_per_case: float | None
    by_category: dict[DisputeCategory, int]
    by_tier: dict[int, int]


_GRID_KINDS = frozenset({AreaKind.MANAGEMENT_GRID, AreaKind.POLICE_GRID})
_COMMUNITY_KINDS = _GRID_KINDS | {AreaKind.COMMUNITY}


def mediation_metrics(cases: Iterable[MediationCase], period: Period) -> MediationMetrics:
    """Count and rate the cases reported or closed in ``period``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, Period, ReportChannel, Role
        >>> from community_policing.mediation import Dispute, MediationCase, Mediator
        >>> def case(ident, day):
        ...     return MediationCase.open(Dispute(id=ident, category=DisputeCategory.LAND,
        ...         parties=("p-a", "p-b"), place=AreaRef.parse("community:v-1"),
        ...         reported_on=day, channel=ReportChannel.SCREENING))
        >>> grid = [Mediator("p-gw", Role.GRID_WORKER)]
        >>> one = case("d-1", date(2024, 3, 1)).attempt(date(2024, 3, 1), grid)
        >>> two = case("d-2", date(2024, 3, 2)).withdraw(date(2024, 3, 5), "和解")
        >>> report = mediation_metrics([one.resolve(date(2024, 3, 2)), two],
        ...                            Period(date(2024, 1, 1), date(2025, 1, 1)))
        >>> report.resolution_rate, report.resolved_in_grid, report.median_days_to_resolution
        (0.5, 1.0, 1)
    """
    reported = closed = resolved = referred = in_grid = in_community = attempts = 0
    days: list[int] = []
    by_category: Counter[DisputeCategory] = Counter()
    by_tier: Counter[int] = Counter()
    for case in cases:
        if period.contains(case.dispute.reported_on):
            reported += 1
        if case.closed_on is None or not period.contains(case.closed_on):
            continue
        closed += 1
        attempts += len(case.attempts)
        if case.status is CaseStatus.REFERRED:
            referred += 1
        if case.status is not CaseStatus.RESOLVED or case.resolved_at is None:
            continue
        resolved += 1
        kind = case.ladder.tier(case.resolved_at).area_kind
        in_grid += kind in _GRID_KINDS
        in_community += kind in _COMMUNITY_KINDS
        days.append((case.closed_on - case.dispute.reported_on).days)
        by_category[case.dispute.category] += 1
        by_tier[case.resolved_at] += 1
    return MediationMetrics(
        reported=reported,
        closed=closed,
        resolved=resolved,
        resolution_rate=rate(resolved, closed),
        resolved_in_grid=rate(in_grid, resolved),
        resolved_in_community=rate(in_community, resolved),
        referral_rate=rate(referred, closed),
        median_days_to_resolution=median(days),
        attempts_per_case=rate(attempts, closed),
        by_category=dict(sorted(by_category.items(), key=lambda item: item[0].value)),
        by_tier=dict(sorted(by_tier.items())),
    )
