"""A mediation case (调解案件): nothing but the fold of its event log.

A :class:`MediationCase` is built from its events and its ladder; everything else about it
(status, current tier, attempts, panels, the agreement) is derived by folding the events through
the case's rules, so no case can claim a state its events do not make. Commands return a new
case with one more event, folded by the same function, so a command and a reading of the log
can never disagree.

Examples:
    >>> from datetime import date
    >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
    >>> from community_policing.mediation import Dispute, MediationCase
    >>> case = MediationCase.open(Dispute(id="d-1", category=DisputeCategory.LAND,
    ...     parties=("p-a", "p-b"), place=AreaRef.parse("community:v-1"),
    ...     reported_on=date(2023, 5, 6), channel=ReportChannel.TIP))
    >>> case.status.zh, case.tier
    ('调解中', 3)
    >>> MediationCase(events=())
    Traceback (most recent call last):
    ...
    community_policing.errors.ValidationError: mediation_case: events[0]: a case's log starts...
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import DocumentError, Problem, ValidationError, member_path
from community_policing.mediation._roles import role_not_held
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
from community_policing.mediation.ladders import DEFAULT_LADDER, MediationLadder
from community_policing.model import validators as v
from community_policing.model.registry import Reading, Tagged, document
from community_policing.model.vocab import POLICE_GRID_ROLES, CaseStatus, Role

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping
    from datetime import date

    from community_policing.graph import CommunityGraph

__all__ = ["MediationCase"]

_LEAD_ROLES = frozenset({*POLICE_GRID_ROLES, Role.STATION_CHIEF})
_EVENT_KINDS: dict[str, type[Any]] = {cls.KIND: cls for cls in CASE_EVENTS}


class _RefusalError(Exception):
    """An event breaks a rule of the case: which field of the event, which rule, why."""

    def __init__(self, field: str, rule: str, reason: str) -> None:
        super().__init__(reason)
        self.field, self.rule, self.reason = field, rule, reason


class _Fold:
    """The state a case's events make, folded one event at a time."""

    __slots__ = (
        "agreement",
        "attempts",
        "attempts_here",
        "closed_on",
        "dispute",
        "escalations",
        "follow_ups",
        "ladder",
        "last_day",
        "panels",
        "recused",
        "resolved_at",
        "status",
        "tier",
        "tier_since",
    )

    def __init__(self, first: DisputeReported, ladder: MediationLadder) -> None:
        self.dispute = first.dispute
        self.recused = frozenset(first.recused)
        self.ladder = ladder
        self.status = CaseStatus.OPEN
        self.tier = ladder.tiers[0].level
        self.tier_since = first.on
        self.last_day = first.on
        self.attempts: tuple[MediationAttempted, ...] = ()
        self.attempts_here = 0
        self.panels: tuple[PanelConvened, ...] = ()
        self.escalations = 0
        self.agreement: Agreement | None = None
        self.closed_on: date | None = None
        self.resolved_at: int | None = None
        self.follow_ups: tuple[FollowUpVisited, ...] = ()

    def copy(self) -> _Fold:
        twin = object.__new__(_Fold)
        for name in _Fold.__slots__:
            setattr(twin, name, getattr(self, name))
        return twin

    def apply(self, event: Any) -> None:
        """Fold one more event in, or raise _RefusalError (the state is then not to be used)."""
        if not isinstance(event, CASE_EVENTS) or isinstance(event, DisputeReported):
            raise _RefusalError(
                "event", "event_kind", f"{type(event).__name__} is not a case event"
            )
        if event.on < self.last_day:
            raise _RefusalError("on", "chronology", "an event cannot come before the last one")
        if self.status is not CaseStatus.OPEN and not isinstance(event, FollowUpVisited):
            raise _RefusalError("status", "closed", f"the case is {self.status.en}")
        self.last_day = event.on
        _HANDLERS[type(event)](self, event)

    def follow_up(self, event: FollowUpVisited) -> None:
        self.follow_ups = (*self.follow_ups, event)

    def entry(self, event: EntryTierDeclared) -> None:
        if self.attempts or self.escalations:
            # declared once, before the case has moved: after an escalation by deadline (which
            # needs no attempt) it would skip the tier the case was sent to
            raise _RefusalError("tier", "entry_after_attempt", "the case has already moved")
        levels = [tier.level for tier in self.ladder.tiers]
        if event.tier not in levels:
            known = ", ".join(map(str, levels))
            raise _RefusalError("tier", "unknown_tier", f"no tier {event.tier}; tiers are {known}")
        self.tier, self.tier_since = event.tier, event.on

    def attempt(self, event: MediationAttempted) -> None:
        if event.tier != self.tier:
            raise _RefusalError("tier", "current_tier", f"the case is at tier {self.tier}")
        tier = self.ladder.tier(self.tier)
        for mediator in event.mediators:
            if not tier.accepts(mediator.role):
                raise _RefusalError(
                    "mediators", "eligible", f"a {mediator.role.en} does not mediate at this tier"
                )
        gaps = tier.mediators.check([mediator.role for mediator in event.mediators])
        if gaps:
            raise _RefusalError("mediators", "formula", gaps[0].message)
        self.check_not_parties(event.mediators)
        self.attempts = (*self.attempts, event)
        self.attempts_here += 1

    def escalation(self, event: CaseEscalated) -> None:
        if not self.attempts_here and not event.overdue:
            raise _RefusalError("tier", "no_failed_attempt", "no attempt at this tier yet")
        above = self.ladder.above(self.tier)
        if above is None:
            raise _RefusalError("tier", "top_tier", "the last tier; refer the case instead")
        self.tier, self.tier_since = above.level, event.on
        self.attempts_here = 0
        self.escalations += 1

    def panel(self, event: PanelConvened) -> None:
        if event.lead.role not in _LEAD_ROLES:
            raise _RefusalError("lead", "lead_role", "a panel is led by the place's officer")
        self.check_not_parties((event.lead, *event.members))
        self.panels = (*self.panels, event)

    def resolution(self, event: CaseResolved) -> None:
        if not self.attempts_here and not self.panels:
            raise _RefusalError("status", "no_attempt", "nothing was tried at this tier")
        agreement = event.agreement
        if agreement is not None:
            signed = set(agreement.signed_by)
            if signed - set(self.dispute.parties):
                raise _RefusalError("agreement", "signatory", "only parties sign")
            if set(self.dispute.parties) - signed:
                # a written agreement is signed (按手印) by every party, or it binds nobody
                raise _RefusalError("agreement", "all_parties_sign", "every party signs it")
            if not self.dispute.reported_on <= agreement.signed_on <= event.on:
                raise _RefusalError(
                    "agreement",
                    "signed_in_case",
                    "is signed between the report and the resolution",
                )
        self.status = CaseStatus.RESOLVED
        self.agreement = event.agreement
        self.closed_on = event.on
        self.resolved_at = self.tier

    def closing(self, event: CaseReferred | CaseWithdrawn) -> None:
        referred = isinstance(event, CaseReferred)
        self.status = CaseStatus.REFERRED if referred else CaseStatus.WITHDRAWN
        self.closed_on = event.on

    def check_not_parties(self, mediators: Iterable[Mediator]) -> None:
        for mediator in mediators:
            if mediator.person in self.dispute.parties:
                raise _RefusalError(
                    "mediators", "party", "a party cannot mediate their own dispute"
                )
            if mediator.person in self.recused:
                raise _RefusalError("mediators", "family", "a relative of a party cannot mediate")


#: Which step of the fold takes which event.
_HANDLERS: dict[type[Any], Any] = {
    FollowUpVisited: _Fold.follow_up,
    EntryTierDeclared: _Fold.entry,
    MediationAttempted: _Fold.attempt,
    CaseEscalated: _Fold.escalation,
    PanelConvened: _Fold.panel,
    CaseResolved: _Fold.resolution,
    CaseReferred: _Fold.closing,
    CaseWithdrawn: _Fold.closing,
}


def _read_case(body: dict[str, Any], reading: Reading) -> MediationCase:
    """A case from its document: every event built, then the log folded through the rules."""
    known_ladders = {DEFAULT_LADDER.id: DEFAULT_LADDER}
    given = reading.options.get("ladders", ())
    if not all(isinstance(ladder, MediationLadder) for ladder in given):
        reason = "the ladders given to the reader must be MediationLadder"
        raise DocumentError([Problem("$", "ladders", reason)])
    known_ladders.update((ladder.id, ladder) for ladder in given)
    problems = [
        Problem(member_path("$", key), "unknown_field", "unknown field")
        for key in sorted(body)
        if key not in ("ladder", "events")
    ]
    name = body.get("ladder")
    ladder = known_ladders.get(name) if isinstance(name, str) else None
    if ladder is None:
        known = ", ".join(sorted(known_ladders))
        problems.append(Problem("$.ladder", "ladder", f"unknown ladder; known: {known}"))
    items = body.get("events")
    if type(items) is not list or not items:
        problems.append(Problem("$.events", "type", "expected a non-empty array of events"))
        raise DocumentError(problems)
    events = []
    for index, item in enumerate(items):
        path = f"$.events[{index}]"
        kind = item.get("type") if type(item) is dict else None
        if not isinstance(kind, str) or kind not in _EVENT_KINDS:
            known = ", ".join(sorted(_EVENT_KINDS))
            problems.append(Problem(f"{path}.type", "type_tag", f"unknown event; one of {known}"))
            continue
        fields = {key: value for key, value in item.items() if key != "type"}
        try:
            events.append(reading.structure(fields, _EVENT_KINDS[kind], path=path))
        except DocumentError as error:
            problems.extend(error.problems)
    if problems or ladder is None:
        raise DocumentError(problems)
    try:
        return MediationCase(events, ladder)
    except ValidationError as error:
        raise DocumentError([Problem(f"$.{error.field}", error.rule, error.reason)]) from None


def _write_case(case: MediationCase) -> dict[str, Any]:
    return {"ladder": case.ladder.id, "events": [Tagged(event) for event in case.events]}


def _ladder_id(ladder: object) -> str:
    return repr(getattr(ladder, "id", ladder))


@document(read=_read_case, write=_write_case)
@attrs.frozen
class MediationCase:
    """A mediation case: the fold of its event log (调解案件).

    Args:
        events: The log, starting with the :class:`DisputeReported` event.
        ladder: The ladder the case climbs (default Yuncheng's three tiers).

    Raises:
        ValidationError: the log does not start with the report, or an event breaks a rule;
            the field names the event, as in ``events[3].tier``.

    Commands (:meth:`attempt`, :meth:`escalate`, :meth:`convene_panel`, :meth:`resolve`,
    :meth:`refer`, :meth:`withdraw`, :meth:`follow_up`, :meth:`enter_at`) return a new case
    with one more event, or raise :class:`~community_policing.errors.ValidationError` naming the
    rule; the case they were called on never changes.

    Rules: attempts start at the ladder's first tier (or a declared entry tier, before any
    attempt); escalation goes up one tier after a failed attempt at the current one; mediators
    fit the tier's formula and are neither parties nor recused (the relatives the case was
    opened with, see :meth:`open`), at an attempt or on a panel; every party and no one else
    signs an agreement, between the report and the resolution; a closed case takes nothing but
    follow-up visits; events never go back in time. Time limits make a case :meth:`overdue`,
    never an error.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel, Role
        >>> from community_policing.mediation import Dispute, Mediator
        >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
        ...     parties=("p-lv-da", "p-lv-er"), place=AreaRef.parse("community:v-shedong"),
        ...     reported_on=date(2023, 5, 6), channel=ReportChannel.SCREENING)
        >>> case = MediationCase.open(brothers)
        >>> case = case.attempt(date(2023, 5, 6), [Mediator("p-gw", Role.GRID_WORKER),
        ...                                        Mediator("p-aux", Role.RESIDENT_AUXILIARY)])
        >>> case = case.escalate(date(2023, 5, 6), "双方各执一词，网格调解未果")
        >>> case = case.attempt(date(2023, 5, 7), [Mediator("p-aux", Role.RESIDENT_AUXILIARY),
        ...     Mediator("p-fq", Role.FENGQIAO_MEDIATOR),
        ...     Mediator("p-sec", Role.VILLAGE_PARTY_SECRETARY)])
        >>> case = case.resolve(date(2023, 5, 7))
        >>> case.status, case.resolved_at, len(case.events)
        (<CaseStatus.RESOLVED: 'resolved'>, 2, 5)
        >>> MediationCase(case.events) == case
        True
    """

    KIND: ClassVar[str] = "mediation_case"

    events: tuple[Any, ...] = attrs.field(converter=v.list_as_tuple)
    ladder: MediationLadder = attrs.field(
        default=DEFAULT_LADDER, validator=v.instance_of(MediationLadder), repr=_ladder_id
    )
    _fold: _Fold = attrs.field(init=False, eq=False, repr=False)

    @events.validator
    def _check_events(self, _: attrs.Attribute[Any], value: Any) -> None:
        if type(value) is not tuple:
            raise v.fail(self, "events", "type", f"expected tuple, got {type(value).__name__}")
        if not value or not isinstance(value[0], DisputeReported):
            raise v.fail(self, "events[0]", "first_event", "a case's log starts with its report")

    def __attrs_post_init__(self) -> None:
        fold = _Fold(self.events[0], self.ladder)
        for index, event in enumerate(self.events[1:], 1):
            try:
                fold.apply(event)
            except _RefusalError as refusal:
                raise ValidationError(
                    entity=self.KIND,
                    entity_id=fold.dispute.id,
                    field=f"events[{index}].{refusal.field}",
                    rule=refusal.rule,
                    reason=refusal.reason,
                ) from None
        object.__setattr__(self, "_fold", fold)

    @classmethod
    def open(
        cls,
        dispute: Dispute,
        ladder: MediationLadder = DEFAULT_LADDER,
        *,
        relatives: Mapping[str, Iterable[str]] | None = None,
    ) -> MediationCase:
        """Open a case for ``dispute`` on the day it was reported, at the ladder's first tier.

        Args:
            dispute: The dispute.
            ladder: The ladder it climbs.
            relatives: Each party's family (person ids), as
                :func:`~community_policing.mediation.routing.party_relatives` reads them from
                the graph; they are recused for the whole case, from every attempt and every
                "1+N" panel.

        Examples:
            >>> from datetime import date
            >>> from community_policing import AreaRef, DisputeCategory, ReportChannel, Role
            >>> from community_policing.mediation import Dispute, Mediator
            >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
            ...     parties=("p-lv-da",), place=AreaRef.parse("community:v-shedong"),
            ...     reported_on=date(2023, 5, 6), channel=ReportChannel.SCREENING)
            >>> case = MediationCase.open(brothers, relatives={"p-lv-da": ["p-lv-er"]})
            >>> case.attempt(date(2023, 5, 6), [Mediator("p-lv-er", Role.GRID_WORKER)])
            Traceback (most recent call last):
            ...
            community_policing.errors.ValidationError: mediation_case 'd-lv': mediators: a ...
        """
        family = sorted(
            {person for party in dispute.parties for person in (relatives or {}).get(party, ())}
        )
        return cls((DisputeReported(dispute, recused=family),), ladder)

    # what the events make -------------------------------------------------------------------

    @property
    def id(self) -> str:
        """The case's id: its dispute's."""
        return self._fold.dispute.id

    @property
    def dispute(self) -> Dispute:
        """The dispute, as reported."""
        return self._fold.dispute

    @property
    def status(self) -> CaseStatus:
        """Open, resolved, referred or withdrawn."""
        return self._fold.status

    @property
    def closed(self) -> bool:
        """Whether the case is resolved, referred out or withdrawn."""
        return self._fold.status is not CaseStatus.OPEN

    @property
    def tier(self) -> int:
        """The level of the tier the case is at now."""
        return self._fold.tier

    @property
    def tier_since(self) -> date:
        """The day the case came to its current tier."""
        return self._fold.tier_since

    @property
    def attempts(self) -> tuple[MediationAttempted, ...]:
        """Every attempt, in order."""
        return self._fold.attempts

    @property
    def attempts_here(self) -> int:
        """Attempts at the current tier."""
        return self._fold.attempts_here

    @property
    def panels(self) -> tuple[PanelConvened, ...]:
        """Every "1+N" panel convened, in order."""
        return self._fold.panels

    @property
    def escalations(self) -> int:
        """How many times the case went up a tier."""
        return self._fold.escalations

    @property
    def agreement(self) -> Agreement | None:
        """The agreement it was resolved with, if any."""
        return self._fold.agreement

    @property
    def closed_on(self) -> date | None:
        """The day it was resolved, referred or withdrawn."""
        return self._fold.closed_on

    @property
    def resolved_at(self) -> int | None:
        """The level of the tier that resolved it."""
        return self._fold.resolved_at

    @property
    def follow_ups(self) -> tuple[FollowUpVisited, ...]:
        """Every follow-up visit, in order."""
        return self._fold.follow_ups

    @property
    def last_day(self) -> date:
        """The day of the latest event (events never go back in time)."""
        return self._fold.last_day

    # commands -------------------------------------------------------------------------------

    def apply(self, event: Any) -> MediationCase:
        """This case with one more event, if the event keeps every rule.

        Raises:
            ValidationError: the event breaks a rule; the field is the event's own.
        """
        fold = self._fold.copy()
        try:
            fold.apply(event)
        except _RefusalError as refusal:
            raise self._refuse(refusal.field, refusal.rule, refusal.reason) from None
        case: MediationCase = object.__new__(MediationCase)
        object.__setattr__(case, "events", (*self.events, event))
        object.__setattr__(case, "ladder", self.ladder)
        object.__setattr__(case, "_fold", fold)
        return case

    def _refuse(self, field: str, rule: str, reason: str) -> ValidationError:
        return ValidationError(
            entity=self.KIND, entity_id=self.id, field=field, rule=rule, reason=reason
        )

    def enter_at(self, on: date, tier: int, reason: str) -> MediationCase:
        """Start at ``tier`` instead of the first, for a reason; only before any attempt."""
        return self.apply(EntryTierDeclared(on=on, tier=tier, reason=reason))

    def attempt(
        self,
        on: date,
        mediators: Iterable[Mediator],
        *,
        note: str | None = None,
        graph: CommunityGraph | None = None,
    ) -> MediationCase:
        """Record an attempt at the current tier.

        Args:
            on: The day of the attempt.
            mediators: Who mediated, in which roles; neither parties nor the relatives the
                case was opened with (see :meth:`open`).
            note: What happened (kept out of repr).
            graph: When given, every mediator must hold the role they mediate in (a post of
                that role, or a membership in it) on ``on``.
        """
        chosen = tuple(mediators)
        self._check_roles(graph, chosen, on, "mediators")
        return self.apply(MediationAttempted(on=on, tier=self.tier, mediators=chosen, note=note))

    def _check_roles(
        self, graph: CommunityGraph | None, mediators: tuple[Any, ...], on: date, field: str
    ) -> None:
        if graph is None:
            return
        v.require_date(on, entity=self.KIND, field="on")
        index = role_not_held(graph, mediators, on)
        if index is not None:
            raise self._refuse(
                f"{field}[{index}]", "role_held", "does not hold the role they mediate in"
            )

    def escalate(self, on: date, reason: str, *, overdue: bool = False) -> MediationCase:
        """Go up one tier: the attempt here failed, or (``overdue``) the tier's time ran out."""
        return self.apply(CaseEscalated(on=on, reason=reason, overdue=overdue))

    def convene_panel(
        self,
        on: date,
        lead: Mediator,
        *,
        agencies: Iterable[str] = (),
        members: Iterable[Mediator] = (),
        graph: CommunityGraph | None = None,
    ) -> MediationCase:
        """Bring in a "1+N" panel led by the place's officer.

        With ``graph``, the lead and every member must hold the role they sit in on ``on``.
        """
        chosen = tuple(members)
        self._check_roles(graph, (lead, *chosen), on, "panel")
        return self.apply(PanelConvened(on=on, lead=lead, agencies=tuple(agencies), members=chosen))

    def resolve(self, on: date, agreement: Agreement | None = None) -> MediationCase:
        """The dispute is settled, with an agreement or without one."""
        return self.apply(CaseResolved(on=on, agreement=agreement))

    def refer(self, on: date, to: str, reason: str) -> MediationCase:
        """Send the case to a court or an agency."""
        return self.apply(CaseReferred(on=on, to=to, reason=reason))

    def withdraw(self, on: date, reason: str) -> MediationCase:
        """The parties withdrew the dispute."""
        return self.apply(CaseWithdrawn(on=on, reason=reason))

    def follow_up(self, on: date, visitor: str, note: str | None = None) -> MediationCase:
        """Record a follow-up visit."""
        return self.apply(FollowUpVisited(on=on, visitor=visitor, note=note))
