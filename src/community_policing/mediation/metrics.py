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
    """The mediation report over a period (矛盾纠纷化解统计): counts, and the rates they give.

    The report keeps counts, so reports of parts of a city (its stations' shards) combine into
    the city's exactly (:meth:`combine`); the rates are read from the counts.

    Attributes:
        reported: Cases reported in the period.
        closed: Cases closed in the period (resolved, referred or withdrawn).
        resolved: Cases resolved in the period.
        referred: Cases referred on (closed by referral) in the period.
        resolved_at_grid: Resolved at a tier working at a grid.
        resolved_at_community: Resolved at a grid or community tier.
        attempts: Attempts over the closed cases.
        days_to_resolution: Days from report to resolution of each resolved case, sorted.
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
    referred: int
    resolved_at_grid: int
    resolved_at_community: int
    attempts: int
    days_to_resolution: tuple[int, ...]
    by_category: dict[DisputeCategory, int]
    by_tier: dict[int, int]

    @property
    def resolution_rate(self) -> float | None:
        """``resolved / closed`` (Yuncheng: 98.66 %)."""
        return rate(self.resolved, self.closed)

    @property
    def resolved_in_grid(self) -> float | None:
        """Share of the resolved settled at a grid tier ("small matters stay in the grid")."""
        return rate(self.resolved_at_grid, self.resolved)

    @property
    def resolved_in_community(self) -> float | None:
        """Share settled at a grid or community tier ("big matters stay in the community")."""
        return rate(self.resolved_at_community, self.resolved)

    @property
    def referral_rate(self) -> float | None:
        """``referred / closed``."""
        return rate(self.referred, self.closed)

    @property
    def median_days_to_resolution(self) -> float | None:
        """From report to resolution, the median over the resolved cases."""
        return median(self.days_to_resolution)

    @property
    def attempts_per_case(self) -> float | None:
        """Mean attempts over the closed cases."""
        return rate(self.attempts, self.closed)

    @classmethod
    def combine(cls, reports: Iterable[MediationMetrics]) -> MediationMetrics:
        """The report of all the cases behind ``reports`` (parts of one period's cases).

        Examples:
            >>> from datetime import date
            >>> from community_policing import Period
            >>> year = Period(date(2025, 1, 1), date(2026, 1, 1))
            >>> both = MediationMetrics.combine([mediation_metrics([], year)] * 2)
            >>> both == mediation_metrics([], year)
            True
        """
        given = list(reports)
        category: Counter[DisputeCategory] = Counter()
        tier: Counter[int] = Counter()
        for report in given:
            category.update(report.by_category)
            tier.update(report.by_tier)
        return cls(
            reported=sum(report.reported for report in given),
            closed=sum(report.closed for report in given),
            resolved=sum(report.resolved for report in given),
            referred=sum(report.referred for report in given),
            resolved_at_grid=sum(report.resolved_at_grid for report in given),
            resolved_at_community=sum(report.resolved_at_community for report in given),
            attempts=sum(report.attempts for report in given),
            days_to_resolution=tuple(
                sorted(day for report in given for day in report.days_to_resolution)
            ),
            by_category=_by_category(category),
            by_tier=dict(sorted(tier.items())),
        )


def _by_category(counts: Counter[DisputeCategory]) -> dict[DisputeCategory, int]:
    return dict(sorted(counts.items(), key=lambda item: item[0].value))


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
        referred=referred,
        resolved_at_grid=in_grid,
        resolved_at_community=in_community,
        attempts=attempts,
        days_to_resolution=tuple(sorted(days)),
        by_category=_by_category(by_category),
        by_tier=dict(sorted(by_tier.items())),
    )
