"""Deadlines (办理时限): rules per kind of item, the clock, and what is open and overdue.

A platform's first question about any report — a sentinel's tip, a dispute, a resident's
request, a return of recovered money — is who handles it, by when, and whether it is overdue.
The sources name no time limits, so the numbers are configuration
(:class:`DeadlinePolicy`, with :data:`DEFAULT_DEADLINES` as a documented starting point that is
not from the sources). Each mechanism reads its records as :class:`TrackedItem` values
(``tracked`` functions beside the records); this package counts their clocks in calendar or
working days (:mod:`community_policing.calendar`), pauses them while waiting on the resident,
and reports what is open, due soon and overdue, and the share settled on time.

Examples:
    >>> from datetime import date
    >>> from community_policing.deadlines import (
    ...     DEFAULT_DEADLINES, TrackedItem, TrackedKind, deadline_report)
    >>> returns = [TrackedItem(TrackedKind.ASSET_RETURN, "rc-1", date(2025, 1, 2))]
    >>> deadline_report(returns, DEFAULT_DEADLINES, as_of=date(2025, 3, 1)).totals.overdue
    1
"""

from community_policing.deadlines.clock import ItemStatus, TrackedItem, due_on, status_of
from community_policing.deadlines.reports import (
    DeadlineReport,
    OnTimeReport,
    OnTimeShare,
    OverdueItem,
    StatusCounts,
    deadline_report,
    on_time_report,
)
from community_policing.deadlines.rules import (
    DEFAULT_DEADLINES,
    Counting,
    DeadlinePolicy,
    DeadlineRule,
    Escalation,
    TrackedKind,
)

__all__ = [
    "Counting",
    "DEFAULT_DEADLINES",
    "DeadlinePolicy",
    "DeadlineReport",
    "DeadlineRule",
    "Escalation",
    "ItemStatus",
    "OnTimeReport",
    "OnTimeShare",
    "OverdueItem",
    "StatusCounts",
    "TrackedItem",
    "TrackedKind",
    "deadline_report",
    "due_on",
    "on_time_report",
    "status_of",
]
