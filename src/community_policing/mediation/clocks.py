"""Mediation deadlines (调解时限): each tier's clock, and going up a tier when it runs out.

A case has one clock per tier it stands at: it starts the day the case came to the tier (the
report, or the escalation), and stops the day the case leaves it (escalated, resolved,
referred or withdrawn). :func:`tracked` reads every such stint as a
:class:`~community_policing.deadlines.TrackedItem` (category: the tier's level), and
:func:`open_stint` the one still running on a day (:func:`open_stints` over many cases).
:func:`escalate_overdue` applies a :class:`~community_policing.deadlines.DeadlinePolicy` to
the event log: where the tier's rule
escalates, a case past its tier's due day goes up one tier, with a
:class:`~community_policing.mediation.events.CaseEscalated` event marked ``overdue`` dated the
day after the deadline.

Examples:
    >>> from datetime import date
    >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
    >>> from community_policing.calendar import WorkingCalendar
    >>> from community_policing.deadlines import DEFAULT_DEADLINES
    >>> from community_policing.mediation import Dispute, MediationCase
    >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
    ...     parties=("p-a", "p-b"), place=AreaRef.parse("management_grid:mg-1"),
    ...     reported_on=date(2025, 3, 3), channel=ReportChannel.TIP))
    >>> cal = WorkingCalendar.of(years=(2025, 2025))
    >>> later = escalate_overdue(case, DEFAULT_DEADLINES, cal, as_of=date(2025, 3, 20))
    >>> later.tier, [(e.on.isoformat(), e.overdue) for e in later.events[1:]]
    (2, [('2025-03-11', True)])
    >>> [(item.category, item.started.isoformat(), item.settled_on) for item in tracked(later)]
    [('3', '2025-03-03', datetime.date(2025, 3, 11)), ('2', '2025-03-11', None)]
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from community_policing.deadlines import Escalation, TrackedItem, TrackedKind, due_on
from community_policing.errors import ValidationError
from community_policing.mediation.events import (
    CaseEscalated,
    CaseReferred,
    CaseResolved,
    CaseWithdrawn,
    EntryTierDeclared,
    MediationAttempted,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.calendar import WorkingCalendar
    from community_policing.deadlines import DeadlinePolicy
    from community_policing.mediation.case import MediationCase

__all__ = ["OVERDUE_REASON", "escalate_overdue", "open_stint", "open_stints", "tracked"]

#: The reason an escalation by deadline gives, in Chinese as the log keeps it.
OVERDUE_REASON = "本级调解时限已过，超期上报"

_CLOSING = (CaseResolved, CaseReferred, CaseWithdrawn)


def _stint(
    case: MediationCase, tier: int, since: date, officer: str | None, settled: date | None
) -> TrackedItem:
    # positional, in the field order: this runs once per open case of a report
    dispute = case.dispute
    return TrackedItem(
        TrackedKind.MEDIATION, dispute.id, since, str(tier), officer, dispute.place, (), settled
    )


def _running(case: MediationCase) -> TrackedItem:
    """The open case's clock at its current tier, read from its state."""
    here = case.attempts[-1].mediators[0].person if case.attempts_here else None
    return _stint(case, case.tier, case.tier_since, here, None)


def tracked(case: MediationCase, *, as_of: date | None = None) -> tuple[TrackedItem, ...]:
    """Every tier's clock of ``case``, in order, seeing only events on or before ``as_of``.

    Each stint names as its officer the first mediator of its latest attempt (``None``
    before any), and the dispute's place as its place.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel, Role
        >>> from community_policing.mediation import Dispute, MediationCase, Mediator
        >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
        ...     parties=("p-a", "p-b"), place=AreaRef.parse("management_grid:mg-1"),
        ...     reported_on=date(2025, 3, 3), channel=ReportChannel.TIP))
        >>> case = case.attempt(date(2025, 3, 4), [Mediator("p-gw", Role.GRID_WORKER)])
        >>> [(s.officer, s.settled_on) for s in tracked(case.resolve(date(2025, 3, 5)))]
        [('p-gw', datetime.date(2025, 3, 5))]
        >>> tracked(case, as_of=date(2025, 3, 1))
        ()
    """
    report = case.events[0]
    if as_of is not None and report.on > as_of:
        return ()
    stints = []
    tier, since, officer = case.ladder.tiers[0].level, report.on, None
    settled: date | None = None
    for event in case.events[1:]:
        if as_of is not None and event.on > as_of:
            break
        if isinstance(event, MediationAttempted):
            officer = event.mediators[0].person
        elif isinstance(event, CaseEscalated):
            stints.append(_stint(case, tier, since, officer, event.on))
            above = case.ladder.above(tier)
            # the log was folded through the rules: an escalation always has a tier above
            tier, since, officer = above.level if above else tier, event.on, None
        elif isinstance(event, EntryTierDeclared):
            tier, since = event.tier, event.on
        elif isinstance(event, _CLOSING):
            settled = event.on
            break
    stints.append(_stint(case, tier, since, officer, settled))
    return tuple(stints)


def open_stint(case: MediationCase, *, as_of: date | None = None) -> TrackedItem | None:
    """The tier's clock still running on ``as_of`` (default: after the last event), if any.

    ``None`` when the case was closed by then or not yet reported. Reading the case's
    current state, this costs no walk over the log.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
        ...     parties=("p-a", "p-b"), place=AreaRef.parse("management_grid:mg-1"),
        ...     reported_on=date(2025, 3, 3), channel=ReportChannel.TIP))
        >>> open_stint(case).category, open_stint(case.withdraw(date(2025, 3, 4), "和解"))
        ('3', None)
    """
    closed_on = case.closed_on
    if closed_on is not None and (as_of is None or closed_on <= as_of):
        return None  # the common case, decided without a look at the log
    if as_of is None or as_of >= case.last_day:
        return _running(case)
    last = tracked(case, as_of=as_of)
    return last[-1] if last and last[-1].settled_on is None else None


def open_stints(cases: Iterable[MediationCase], *, as_of: date | None = None) -> list[TrackedItem]:
    """The clocks running on ``as_of`` among ``cases``: what an overdue report reads.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> cases = [MediationCase.open(Dispute(id=f"d-{n}", category=DisputeCategory.LAND,
        ...     parties=("p-a", "p-b"), place=AreaRef.parse("management_grid:mg-1"),
        ...     reported_on=date(2025, 3, n), channel=ReportChannel.TIP)) for n in (3, 9)]
        >>> [stint.id for stint in open_stints(cases, as_of=date(2025, 3, 5))]
        ['d-3']
    """
    return [stint for case in cases if (stint := open_stint(case, as_of=as_of)) is not None]


def escalate_overdue(
    case: MediationCase,
    policy: DeadlinePolicy,
    calendar: WorkingCalendar | None = None,
    *,
    as_of: date,
    reason: str = OVERDUE_REASON,
) -> MediationCase:
    """``case`` with every escalation its tiers' missed deadlines set off by ``as_of``.

    While the case is open, its tier's rule says :attr:`Escalation.UP_ONE_TIER
    <community_policing.deadlines.Escalation.UP_ONE_TIER>`, a tier above exists and the tier's
    due day is before ``as_of``, the case goes up one tier on the day after the due day (or
    on its last event's day, if that is later). A case not overdue comes back unchanged.

    Raises:
        ValidationError: ``as_of`` is before the case's last event (rule ``as_of``: the log
            only grows at its end), or as for :func:`~community_policing.deadlines.due_on`.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
        >>> from community_policing.calendar import WorkingCalendar
        >>> from community_policing.deadlines import DEFAULT_DEADLINES
        >>> from community_policing.mediation import Dispute, MediationCase
        >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
        ...     parties=("p-a", "p-b"), place=AreaRef.parse("management_grid:mg-1"),
        ...     reported_on=date(2025, 3, 3), channel=ReportChannel.TIP))
        >>> cal = WorkingCalendar.of(years=(2025, 2025))
        >>> escalate_overdue(case, DEFAULT_DEADLINES, cal, as_of=date(2025, 6, 1)).tier
        1
    """
    if as_of < case.last_day:
        raise ValidationError(
            entity=case.KIND,
            entity_id=case.id,
            field="as_of",
            rule="as_of",
            reason=f"is before the case's last event ({case.last_day.isoformat()})",
        )
    while not case.closed and case.ladder.above(case.tier) is not None:
        rule = policy.rule_for(TrackedKind.MEDIATION, str(case.tier))
        if rule is None or rule.escalation is not Escalation.UP_ONE_TIER:
            break
        due = due_on(_running(case), rule, calendar)
        if due is None or due >= as_of:
            break
        case = case.escalate(max(due + timedelta(days=1), case.last_day), reason, overdue=True)
    return case
