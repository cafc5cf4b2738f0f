"""Tips from safety sentinels (平安前哨), routed to the officer responsible for the place.

Jiayuan (source 002) turned building heads, cleaners, couriers and shop managers into "safety
sentinels" who pass on what they see; a tip goes to the officer responsible for the place and
to its grid worker, is acted on, and is closed with an outcome — a courier's tip about 20,000
yuan hidden in a parcel stopped a fraud.

- :func:`receive_tip` checks that the sender holds a sentinel role and routes the tip through
  the relationship graph.
- :class:`Tip` moves from received to acted on to closed (:meth:`Tip.act`, :meth:`Tip.close`).
- :func:`tip_report` counts tips and outcomes over a period.
- :func:`tracked` reads a tip's deadline clock (received to closed), and
  :func:`escalate_overdue_tip` sends a tip past its deadline to the station chief (转所长督办)
  where the :class:`~community_policing.deadlines.DeadlinePolicy` says so.

What a tip says may name people or their affairs: it stays out of ``repr`` and every error.

Examples:
    >>> from datetime import date
    >>> from community_policing import AreaRef, CommunityGraph, TipOutcome, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> tip = receive_tip(graph, id="tip-1", sentinel="p-yang-fan",
    ...                   place=AreaRef.parse("building:b-jy-1"), on=date(2025, 3, 2))
    >>> tip.officer, tip.grid_worker
    ('p-wang-jun', 'p-zheng-li')
    >>> tip = tip.act(date(2025, 3, 2)).close(date(2025, 3, 3), TipOutcome.FRAUD_PREVENTED,
    ...                                       amount_protected=20_000)
    >>> tip.status.zh, tip.amount_protected
    ('已办结', 20000)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING, ClassVar

import attrs

from community_policing.deadlines import Escalation, TrackedItem, TrackedKind, due_on
from community_policing.errors import ValidationError
from community_policing.graph import containing, holdings, responsible
from community_policing.model import validators as v
from community_policing.model.periods import Period
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import Relation, Role, TipOutcome, TipStatus

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.calendar import WorkingCalendar
    from community_policing.deadlines import DeadlinePolicy
    from community_policing.graph import CommunityGraph, Holding

__all__ = [
    "SENTINEL_ROLES",
    "Tip",
    "TipReport",
    "escalate_overdue_tip",
    "receive_tip",
    "tip_report",
    "tracked",
]

#: Roles whose holders may send tips: the sentinels themselves, building heads and property
#: staff (Jiayuan's cleaners and managers).
SENTINEL_ROLES: frozenset[Role] = frozenset(
    {Role.SENTINEL, Role.BUILDING_HEAD, Role.PROPERTY_STAFF}
)


@document
@attrs.frozen
class Tip:
    """A sentinel's tip about a place, with who it was routed to and what came of it.

    Args:
        id: Stable id.
        sentinel: Who sent it (person id).
        place: The place it is about.
        received_on: When the office received it.
        officer: The officer it was routed to (person id).
        grid_worker: The grid worker it was copied to, if the place has one.
        status: Received, acted on or closed.
        acted_on: When it was acted on.
        closed_on: When it was closed.
        outcome: What came of it, once closed.
        amount_protected: Money kept from fraudsters or thieves, in whole yuan.
        content: What the tip says (kept out of ``repr``).
        escalated_on: When it was sent up to the station chief (转所长督办), if it was.
        escalated_to: Who it was sent up to (person id), with ``escalated_on``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef
        >>> Tip("tip-1", "p-s", AreaRef.parse("building:b-1"), date(2025, 3, 2), "p-o",
        ...     content="有人冒充快递").status.en
        'received'
    """

    KIND: ClassVar[str] = "tip"

    id: str = attrs.field(validator=v.identifier)
    sentinel: str = attrs.field(validator=v.identifier)
    place: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    received_on: date = attrs.field(validator=v.calendar_date)
    officer: str = attrs.field(validator=v.identifier)
    grid_worker: str | None = attrs.field(default=None, validator=v.optional_identifier)
    status: TipStatus = attrs.field(default=TipStatus.RECEIVED, validator=v.member_of(TipStatus))
    acted_on: date | None = attrs.field(default=None, validator=v.optional_calendar_date)
    closed_on: date | None = attrs.field(default=None, validator=v.optional_calendar_date)
    outcome: TipOutcome | None = attrs.field(
        default=None, validator=v.member_of(TipOutcome, optional=True)
    )
    amount_protected: int = attrs.field(default=0, validator=v.count)
    content: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)
    escalated_on: date | None = attrs.field(default=None, validator=v.optional_calendar_date)
    escalated_to: str | None = attrs.field(default=None, validator=v.optional_identifier)

    def __attrs_post_init__(self) -> None:
        closed = self.status is TipStatus.CLOSED
        if (self.acted_on is None) != (self.status is TipStatus.RECEIVED):
            raise v.fail(self, "acted_on", "status", f"must be set exactly when {self.status.en}")
        if closed in (self.closed_on is None, self.outcome is None):
            raise v.fail(self, "closed_on", "status", "closing date and outcome come with closing")
        if self.amount_protected and not closed:
            raise v.fail(self, "amount_protected", "status", "is counted only when closed")
        days = [day for day in (self.received_on, self.acted_on, self.closed_on) if day]
        if days != sorted(days):
            raise v.fail(self, "closed_on" if closed else "acted_on", "chronology", "out of order")
        if (self.escalated_on is None) != (self.escalated_to is None):
            raise v.fail(self, "escalated_to", "escalation", "comes with the day it was sent up")
        if self.escalated_on is not None and not (
            self.received_on <= self.escalated_on
            and (self.closed_on is None or self.escalated_on <= self.closed_on)
        ):
            raise v.fail(self, "escalated_on", "chronology", "is between receipt and closing")

    @property
    def handler(self) -> str:
        """Who answers for the tip now: the person it was sent up to, else its officer."""
        return self.escalated_to if self.escalated_to is not None else self.officer

    def escalate(self, on: date, to: str) -> Tip:
        """This tip sent up to ``to`` (the station chief) on ``on``.

        Raises:
            ValidationError: it is closed or already sent up, or ``on`` is before receipt.

        Examples:
            >>> from datetime import date
            >>> from community_policing import AreaRef
            >>> tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-1"), date(2025, 3, 2), "p-o")
            >>> tip.escalate(date(2025, 3, 10), "p-chief").handler
            'p-chief'
        """
        if self.status is TipStatus.CLOSED or self.escalated_on is not None:
            done = "closed" if self.status is TipStatus.CLOSED else "sent up"
            raise v.fail(self, "status", "transition", f"is already {done}")
        return attrs.evolve(self, escalated_on=on, escalated_to=to)

    def act(self, on: date) -> Tip:
        """This tip acted on (已处置) on ``on``.

        Raises:
            ValidationError: it is not waiting (already acted on or closed), or ``on`` is
                before it was received.
        """
        if self.status is not TipStatus.RECEIVED:
            raise v.fail(self, "status", "transition", f"is already {self.status.en}")
        return attrs.evolve(self, status=TipStatus.ACTED_ON, acted_on=on)

    def close(self, on: date, outcome: TipOutcome, *, amount_protected: int = 0) -> Tip:
        """This tip closed (已办结) on ``on`` with ``outcome``.

        A tip that needed no action may be closed straight from received.

        Raises:
            ValidationError: it is already closed, it was never acted on and the outcome is not
                "no action needed", or the dates are out of order.
        """
        if self.status is TipStatus.CLOSED:
            raise v.fail(self, "status", "transition", "is already closed")
        if self.status is TipStatus.RECEIVED and outcome is not TipOutcome.NO_ACTION_NEEDED:
            raise v.fail(self, "status", "transition", "must be acted on before this outcome")
        acted_on = self.acted_on if self.acted_on is not None else on
        return attrs.evolve(
            self,
            status=TipStatus.CLOSED,
            acted_on=acted_on,
            closed_on=on,
            outcome=outcome,
            amount_protected=amount_protected,
        )


def _sentinel_roles(graph: CommunityGraph, person: str, day: date) -> set[Role]:
    view = graph.as_of(day)
    return {
        graph.entity(post).role
        for _, post, data in view.out_edges(f"person:{person}", data=True)
        if data["relation"] is Relation.HOLDS_POST
    }


def _first_holder(*groups: tuple[Holding, ...]) -> str | None:
    return next((h.person for group in groups for h in group if h.person is not None), None)


def receive_tip(
    graph: CommunityGraph,
    *,
    id: str,  # noqa: A002  (the model's own field name)
    sentinel: str,
    place: AreaRef,
    on: date,
    content: str | None = None,
    roles: frozenset[Role] = SENTINEL_ROLES,
) -> Tip:
    """A new tip from ``sentinel`` about ``place``, routed to whoever is responsible for it.

    The officer is the community officer of the place's policing district or, failing that,
    the officer or auxiliary of its police grid; the grid worker is the place's management-grid
    worker. Both are read from :func:`~community_policing.graph.queries.responsible` on ``on``.

    Raises:
        NotFoundError: the sentinel or the place is not in the graph.
        ValidationError: the sender holds none of ``roles`` that day (rule ``sentinel``), or
            nobody is responsible for the place (rule ``unrouted``).

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> receive_tip(graph, id="tip-2", sentinel="p-lv-da",
        ...             place=AreaRef.parse("building:b-sd-12"), on=date(2025, 3, 2))
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: tip 'tip-2': sentinel: holds no sentinel role...
    """
    graph.entity(f"person:{sentinel}")
    if not _sentinel_roles(graph, sentinel, on) & roles:
        raise ValidationError(
            entity=Tip.KIND,
            entity_id=id,
            field="sentinel",
            rule="sentinel",
            reason=f"holds no sentinel role on {on.isoformat()}",
        )
    answer = responsible(graph, str(place), as_of=on)
    officer = _first_holder(answer.community_officers, answer.police_grid_staff)
    if officer is None:
        raise ValidationError(
            entity=Tip.KIND,
            entity_id=id,
            field="place",
            rule="unrouted",
            reason=f"nobody is responsible for {place} on {on.isoformat()}",
        )
    return Tip(
        id=id,
        sentinel=sentinel,
        place=place,
        received_on=on,
        officer=officer,
        grid_worker=_first_holder(answer.grid_workers),
        content=content,
    )


@attrs.frozen
class TipReport:
    """Tips over a period: how many came in, were closed, and with what outcome.

    Attributes:
        period: The period counted.
        received: Tips received in it.
        closed: Tips closed in it.
        open: Tips received in it and not closed by its end.
        by_outcome: Tips closed in it, per outcome (value).
        by_officer: Tips received in it, per officer routed to.
        amount_protected: Yuan protected by the tips closed in it.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, Period
        >>> tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-1"), date(2025, 3, 2), "p-o")
        >>> tip_report([tip], Period(date(2025, 3, 1), date(2025, 4, 1))).open
        1
    """

    period: Period
    received: int
    closed: int
    open: int
    by_outcome: Mapping[str, int]
    by_officer: Mapping[str, int]
    amount_protected: int


def tip_report(tips: Iterable[Tip], period: Period) -> TipReport:
    """Count ``tips`` over ``period``: received, closed, still open, outcomes and money kept.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, Period, TipOutcome
        >>> tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-1"), date(2025, 3, 2), "p-o")
        >>> done = tip.act(date(2025, 3, 2)).close(date(2025, 3, 3), TipOutcome.FRAUD_PREVENTED,
        ...                                        amount_protected=20_000)
        >>> report = tip_report([done], Period(date(2025, 3, 1), date(2025, 4, 1)))
        >>> report.closed, dict(report.by_outcome), report.amount_protected
        (1, {'fraud_prevented': 1}, 20000)
    """
    received = closed = still_open = amount = 0
    outcomes: Counter[str] = Counter()
    officers: Counter[str] = Counter()
    for tip in tips:
        if period.contains(tip.received_on):
            received += 1
            officers[tip.officer] += 1
            if tip.closed_on is None or (period.end is not None and tip.closed_on >= period.end):
                still_open += 1
        if tip.closed_on is not None and tip.outcome is not None and period.contains(tip.closed_on):
            closed += 1
            outcomes[tip.outcome.value] += 1
            amount += tip.amount_protected
    return TipReport(
        period=period,
        received=received,
        closed=closed,
        open=still_open,
        by_outcome=dict(sorted(outcomes.items())),
        by_officer=dict(sorted(officers.items())),
        amount_protected=amount,
    )


def tracked(tip: Tip) -> TrackedItem:
    """The tip's deadline clock: from receipt to closing, handled by its :attr:`Tip.handler`.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef
        >>> tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-1"), date(2025, 3, 2), "p-o")
        >>> item = tracked(tip)
        >>> item.kind.zh, item.officer, item.settled_on
        ('平安前哨线索', 'p-o', None)
    """
    return TrackedItem(
        TrackedKind.TIP,
        tip.id,
        tip.received_on,
        officer=tip.handler,
        place=tip.place,
        settled_on=tip.closed_on,
    )


def _station_chief(graph: CommunityGraph, tip: Tip, day: date) -> str:
    for area in containing(graph, str(tip.place), as_of=day):
        if area.startswith("police_station:"):
            chief = _first_holder(holdings(graph, area, roles=(Role.STATION_CHIEF,), as_of=day))
            if chief is not None:
                return chief
    raise ValidationError(
        entity=Tip.KIND,
        entity_id=tip.id,
        field="escalated_to",
        rule="unrouted",
        reason=f"no station chief serves {tip.place} on {day.isoformat()}",
    )


def escalate_overdue_tip(
    tip: Tip,
    graph: CommunityGraph,
    policy: DeadlinePolicy,
    calendar: WorkingCalendar | None = None,
    *,
    as_of: date,
) -> Tip:
    """``tip`` sent up to its station's chief if it is past its deadline on ``as_of``.

    Where the policy's tip rule escalates :attr:`~community_policing.deadlines.Escalation.
    TO_STATION_CHIEF` and an open tip not yet sent up was due before ``as_of``, it goes to the
    chief of the police station containing its place, on the day after the due day. Any other
    tip comes back unchanged.

    Raises:
        ValidationError: the station has no chief that day (rule ``unrouted``), or as for
            :func:`~community_policing.deadlines.due_on`.
        NotFoundError: the tip's place is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, CommunityGraph, sample
        >>> from community_policing import Membership, Period, Person, Post, Role
        >>> from community_policing.calendar import WorkingCalendar
        >>> from community_policing.deadlines import DEFAULT_DEADLINES
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> tip = Tip("tip-1", "p-s", AreaRef.parse("building:b-jy-1"), date(2025, 3, 3), "p-o")
        >>> cal = WorkingCalendar.of(years=(2025, 2025))
        >>> escalate_overdue_tip(tip, graph, DEFAULT_DEADLINES, cal, as_of=date(2025, 3, 30))
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: tip 'tip-1': escalated_to: no station chief...
        >>> _ = graph.add_entity(Person(id="p-chief", name="所长"))
        >>> _ = graph.add_entity(Post(id="post-chief", role=Role.STATION_CHIEF,
        ...                           area=AreaRef.parse("police_station:ps-kaolao")))
        >>> _ = graph.add_relation(Membership(id="m-chief", person="p-chief", post="post-chief",
        ...                                   period=Period(date(2020, 1, 1))))
        >>> sent = escalate_overdue_tip(tip, graph, DEFAULT_DEADLINES, cal, as_of=date(2025, 3, 30))
        >>> sent.handler, sent.escalated_on
        ('p-chief', datetime.date(2025, 3, 11))
    """
    rule = policy.rule_for(TrackedKind.TIP)
    if (
        rule is None
        or rule.escalation is not Escalation.TO_STATION_CHIEF
        or tip.status is TipStatus.CLOSED
        or tip.escalated_on is not None
    ):
        return tip
    due = due_on(tracked(tip), rule, calendar)
    if due is None or due >= as_of:
        return tip
    day = due + timedelta(days=1)
    return tip.escalate(day, _station_chief(graph, tip, day))
