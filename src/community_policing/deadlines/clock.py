"""The clock of one item: when it is due, and where it stands on a given day.

A :class:`TrackedItem` is what every mechanism's records come down to for deadlines: what it
is, when its clock started, who handles it and where, the stretches spent waiting on the
resident, and the day it was settled. :func:`due_on` and :func:`status_of` read it against its
:class:`~community_policing.deadlines.rules.DeadlineRule`.

Counting: the deadline is the ``days``-th counted day after the start (calendar days, or
working days of a :class:`~community_policing.calendar.WorkingCalendar`); a day inside a pause
``[start, end)`` is not counted; the item is met when it is settled on or before the due day.
Seen as of a day, only what had happened by then counts: a later settlement is not yet made,
and a pause running on that day has not ended.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period
    >>> from community_policing.calendar import WorkingCalendar
    >>> from community_policing.deadlines import DeadlineRule, TrackedKind
    >>> cal = WorkingCalendar.of(years=(2025, 2025))
    >>> rule = DeadlineRule(TrackedKind.SERVICE_REQUEST, days=5, pauses_while_waiting=True)
    >>> item = TrackedItem(TrackedKind.SERVICE_REQUEST, "sr-1", date(2025, 3, 3),
    ...                    pauses=[Period(date(2025, 3, 4), date(2025, 3, 6))])
    >>> due_on(item, rule, cal)  # Monday; Tuesday and Wednesday waiting on the resident
    datetime.date(2025, 3, 12)
    >>> status_of(item, rule, cal, as_of=date(2025, 3, 13)).en
    'overdue'
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.deadlines.rules import Counting, DeadlineRule, TrackedKind
from community_policing.errors import ValidationError
from community_policing.model import validators as v
from community_policing.model.periods import Period, out_of_sequence, runs_past
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import BilingualEnum

if TYPE_CHECKING:
    from community_policing.calendar import WorkingCalendar

__all__ = ["ItemStatus", "TrackedItem", "due_on", "status_of"]

_DAY = timedelta(days=1)


class ItemStatus(BilingualEnum):
    """Where an item stands against its deadline on a day.

    Examples:
        >>> ItemStatus.DUE_SOON.label
        'due soon (即将到期)'
    """

    ON_TRACK = "on_track", "正常办理"
    DUE_SOON = "due_soon", "即将到期"
    OVERDUE = "overdue", "已超期"
    PAUSED = "paused", "暂停计时"
    MET = "met", "按期办结"
    LATE = "late", "超期办结"

    @property
    def is_open(self) -> bool:
        """Whether the item was still open (not settled)."""
        return self not in (ItemStatus.MET, ItemStatus.LATE)


_PERIODS = v.tuple_of(Period)


def _pauses(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value == ():
        return  # the common case: nothing waited on
    _PERIODS(instance, attribute, value)
    index = out_of_sequence(value, since=instance.started)
    if index is not None:
        raise v.fail(
            instance,
            f"pauses[{index}]",
            "pause_order",
            "pauses start on or after the clock and after the pause before, one at a time",
        )


@attrs.frozen
class TrackedItem:
    """One item with a deadline: a tip, a mediation stint at a tier, a request, a return.

    Args:
        kind: What kind of item it is.
        id: The record's id (a tip's, a dispute's, a request's, a recovery case's).
        started: The day its clock started (the report, or for a mediation tier the day the
            case came to the tier).
        category: Its category, as the rules name them (see
            :class:`~community_policing.deadlines.rules.DeadlineRule`).
        officer: Who handles it (person id), if anyone is named.
        place: Where it is, for reports per grid or station.
        pauses: Stretches waiting on the resident (``[start, end)``, in order; the last may be
            open).
        settled_on: The day the settling event happened, if it has.

    Examples:
        >>> from datetime import date
        >>> TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 3, 3),
        ...             settled_on=date(2025, 3, 1))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: tracked_item 'tip-1': settled_on: ...
    """

    KIND: ClassVar[str] = "tracked_item"

    kind: TrackedKind = attrs.field(validator=v.member_of(TrackedKind))
    id: str = attrs.field(validator=v.identifier)
    started: date = attrs.field(validator=v.calendar_date)
    category: str | None = attrs.field(default=None, validator=v.optional_text)
    officer: str | None = attrs.field(default=None, validator=v.optional_identifier)
    place: AreaRef | None = attrs.field(
        default=None, validator=v.instance_of(AreaRef, optional=True)
    )
    pauses: tuple[Period, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_pauses
    )
    settled_on: date | None = attrs.field(default=None, validator=v.optional_calendar_date)

    def __attrs_post_init__(self) -> None:
        settled = self.settled_on
        if settled is None:
            return
        if settled < self.started:
            raise v.fail(self, "settled_on", "chronology", "comes before the clock started")
        if runs_past(self.pauses, settled):
            raise v.fail(self, "pauses", "pause_after_settled", "a pause ends by the settlement")


_Counter = tuple[Callable[[date, date], int], Callable[[date, int], date]]


def _calendar_days(start: date, end: date) -> int:
    return max((end - start).days, 0)


def _add_days(day: date, count: int) -> date:
    return day + timedelta(days=count)


_CALENDAR: _Counter = (_calendar_days, _add_days)


def _counter(rule: DeadlineRule, calendar: WorkingCalendar | None) -> _Counter:
    """How ``rule`` counts: (days counted in ``[start, end)``, the n-th counted day after)."""
    if rule.counting is Counting.CALENDAR_DAYS:
        return _CALENDAR
    if calendar is None:
        raise ValidationError(
            entity=rule.KIND,
            field="counting",
            rule="calendar_needed",
            reason=f"{rule.kind.en} deadlines count working days: give a working calendar",
        )
    return calendar.working_days_between, calendar.add_working_days


def _clock_due(
    started: date,
    days: int,
    pauses: tuple[Period, ...],
    count: _Counter,
    as_of: date | None = None,
) -> date | None:
    """The due day from raw clock facts, ``None`` while a pause holds the clock before it.

    Pauses starting after ``as_of`` are not yet known; one running on ``as_of`` is open.
    """
    between, add = count
    remaining, cursor = days, started
    for pause in pauses:
        if as_of is not None and pause.start > as_of:
            break
        available = between(cursor + _DAY, pause.start)
        if available >= remaining:
            return add(cursor, remaining)
        remaining -= available
        end = pause.end
        if end is None or (as_of is not None and end > as_of):
            return None
        cursor = end - _DAY
    return add(cursor, remaining)


def _pauses_counted(item: TrackedItem, rule: DeadlineRule) -> tuple[Period, ...]:
    return item.pauses if rule.pauses_while_waiting else ()


def due_on(
    item: TrackedItem,
    rule: DeadlineRule,
    calendar: WorkingCalendar | None = None,
    *,
    as_of: date | None = None,
) -> date | None:
    """The day ``item`` is due by ``rule``, or ``None`` while a pause stops its clock.

    Raises:
        ValidationError: the rule counts working days and no calendar is given, or a day
            counted lies outside the calendar's years (rule ``calendar_coverage``).

    Examples:
        >>> from datetime import date
        >>> rule = DeadlineRule(TrackedKind.TIP, days=3, counting=Counting.CALENDAR_DAYS)
        >>> due_on(TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 3, 3)), rule)
        datetime.date(2025, 3, 6)
    """
    return _clock_due(
        item.started, rule.days, _pauses_counted(item, rule), _counter(rule, calendar), as_of
    )


def _clock_status(
    due: date | None,
    settled_on: date | None,
    as_of: date,
    due_soon_days: int,
    between: Callable[[date, date], int],
) -> ItemStatus:
    """Where a clock stands on ``as_of`` given its due day and settlement."""
    if settled_on is not None and settled_on <= as_of:
        return ItemStatus.MET if due is None or settled_on <= due else ItemStatus.LATE
    if due is None:
        return ItemStatus.PAUSED
    if as_of > due:
        return ItemStatus.OVERDUE
    if between(as_of + _DAY, due + _DAY) <= due_soon_days:
        return ItemStatus.DUE_SOON
    return ItemStatus.ON_TRACK


def status_of(
    item: TrackedItem,
    rule: DeadlineRule,
    calendar: WorkingCalendar | None = None,
    *,
    as_of: date,
) -> ItemStatus:
    """Where ``item`` stands against ``rule`` on ``as_of``, seeing only what had happened.

    Raises:
        ValidationError: the item's clock had not started on ``as_of`` (rule
            ``not_started``), or as for :func:`due_on`.

    Examples:
        >>> from datetime import date
        >>> rule = DeadlineRule(TrackedKind.TIP, days=3, counting=Counting.CALENDAR_DAYS)
        >>> tip = TrackedItem(TrackedKind.TIP, "tip-1", date(2025, 3, 3))
        >>> status_of(tip, rule, as_of=date(2025, 3, 5)).en
        'due soon'
    """
    if item.started > as_of:
        raise v.fail(item, "started", "not_started", f"after {as_of.isoformat()}")
    count = _counter(rule, calendar)
    due = _clock_due(item.started, rule.days, _pauses_counted(item, rule), count, as_of)
    return _clock_status(due, item.settled_on, as_of, rule.due_soon_days, count[0])
