"""Tiered dispute mediation (矛盾纠纷化解): disputes, mediation ladders and agreements.

Yuncheng's three tiers (source 004) handle a dispute first in the grid (tier 3: grid worker and
resident auxiliary), then in the village or community (tier 2: auxiliary, Fengqiao mediator,
village party branch), then at the station (tier 1: the officer with village cadres, grid
workers and lawyers) — "small matters stay in the grid, big matters stay in the community".
A :class:`MediationLadder` is that ordered list of tiers; each tier says who may mediate at it
as a "1+N" :class:`~community_policing.Formula`. Users declare their own ladders.

Examples:
    >>> from community_policing import DEFAULT_LADDER
    >>> [(tier.level, tier.name_zh) for tier in DEFAULT_LADDER.tiers]
    [(3, '网格'), (2, '村（社区）'), (1, '派出所')]
"""

from __future__ import annotations

from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing import _validators as v
from community_policing import queries
from community_policing.errors import ValidationError
from community_policing.formulas import Formula, Slot
from community_policing.queries import Holding
from community_policing.territory import AreaRef
from community_policing.vocab import (
    AUXILIARY_ROLES,
    POLICE_GRID_ROLES,
    AgencyFunction,
    AreaKind,
    CaseStatus,
    DisputeCategory,
    OrganizationKind,
    Relation,
    ReportChannel,
    Role,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

    from community_policing.graph import CommunityGraph
    from community_policing.people import Organization

__all__ = [
    "CASE_EVENTS",
    "DEFAULT_LADDER",
    "DEFAULT_REFERRALS",
    "LITIGATION_REFERRAL",
    "Agreement",
    "CaseEscalated",
    "CaseReferred",
    "CaseResolved",
    "CaseWithdrawn",
    "Dispute",
    "DisputeReported",
    "EntryTierDeclared",
    "FollowUpVisited",
    "MediationAttempted",
    "MediationCase",
    "MediationLadder",
    "MediationTier",
    "Mediator",
    "PanelConvened",
    "PanelProposal",
    "Referral",
    "TierCandidates",
    "first_tier",
    "next_tier",
    "party_relatives",
    "propose_panel",
]


def _at_least_one(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.unique_identifiers(instance, attribute, value)
    if not value:
        raise v.fail(instance, attribute.name, "not_empty", "needs at least one")


@attrs.frozen
class Dispute:
    """A dispute (矛盾纠纷): its parties, place, category and how it came to light.

    The description may name people and circumstances, so it is personal data: it never
    appears in ``repr`` or error messages.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
        >>> Dispute(id="d-1", category=DisputeCategory.LAND, parties=("p-lv-da", "p-lv-er"),
        ...         place=AreaRef.parse("management_grid:mg-shedong"),
        ...         reported_on=date(2023, 5, 6), channel=ReportChannel.SCREENING,
        ...         description="兄弟二人因宅基地边界发生争执")
        ... # doctest: +NORMALIZE_WHITESPACE
        Dispute(id='d-1', category=<DisputeCategory.LAND: 'land'>,
                parties=('p-lv-da', 'p-lv-er'),
                place=AreaRef(kind=<AreaKind.MANAGEMENT_GRID: 'management_grid'>,
                              id='mg-shedong'),
                reported_on=datetime.date(2023, 5, 6),
                channel=<ReportChannel.SCREENING: 'screening'>, reported_by=None,
                litigation_bound=False)
    """

    KIND: ClassVar[str] = "dispute"

    id: str = attrs.field(validator=v.identifier)
    category: DisputeCategory = attrs.field(validator=v.member_of(DisputeCategory))
    parties: tuple[str, ...] = attrs.field(converter=v.list_as_tuple, validator=_at_least_one)
    place: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    reported_on: date = attrs.field(validator=v.calendar_date)
    channel: ReportChannel = attrs.field(validator=v.member_of(ReportChannel))
    reported_by: str | None = attrs.field(default=None, validator=v.optional_identifier)
    description: str | None = attrs.field(
        default=None, validator=v.optional_text, repr=False, metadata={"sensitive": True}
    )
    litigation_bound: bool = attrs.field(default=False, validator=v.instance_of(bool))


@attrs.frozen
class Mediator:
    """A person taking part in a mediation, in the role they mediate in.

    Examples:
        >>> from community_policing import Role
        >>> Mediator("p-zhou-min", Role.FENGQIAO_MEDIATOR).role.zh
        '枫桥员'
    """

    KIND: ClassVar[str] = "mediator"

    person: str = attrs.field(validator=v.identifier)
    role: Role = attrs.field(validator=v.member_of(Role))


@attrs.frozen
class Agreement:
    """A mediation agreement (调解协议): its terms, who signed it and when, and witnesses.

    Examples:
        >>> from datetime import date
        >>> deal = Agreement(terms=("退还小麦", "耕种三年后归还2.8亩土地"),
        ...                  signed_by=("p-a", "p-b"), signed_on=date(2023, 6, 20))
        >>> len(deal.terms), deal.witnesses
        (2, ())
    """

    KIND: ClassVar[str] = "agreement"

    terms: tuple[str, ...] = attrs.field(converter=v.list_as_tuple)
    signed_by: tuple[str, ...] = attrs.field(converter=v.list_as_tuple, validator=_at_least_one)
    signed_on: date = attrs.field(validator=v.calendar_date)
    witnesses: tuple[str, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.unique_identifiers
    )

    @terms.validator
    def _check_terms(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(str)(self, attribute, value)
        if not value:
            raise v.fail(self, "terms", "not_empty", "an agreement needs at least one term")
        for term in value:
            v.text(self, attribute, term)


@attrs.frozen
class MediationTier:
    """One tier of a mediation ladder: where it works and who may mediate at it.

    Args:
        level: The tier's number as the source writes it (Yuncheng: 3 is the grid, 1 the
            station).
        name: English name.
        name_zh: Chinese name.
        area_kind: The level of the territory the tier works at.
        mediators: Who may mediate, as a formula: every mediator present must fit a slot, and
            the slots' minimums must be met.
        time_limit_days: Days an attempt at this tier may take before the case is overdue.

    Examples:
        >>> from community_policing import DEFAULT_LADDER, Role
        >>> grid = DEFAULT_LADDER.tiers[0]
        >>> grid.accepts(Role.GRID_WORKER), grid.accepts(Role.LAWYER)
        (True, False)
    """

    KIND: ClassVar[str] = "mediation_tier"

    level: int = attrs.field(validator=v.count)
    name: str = attrs.field(validator=v.text)
    name_zh: str = attrs.field(validator=v.text)
    area_kind: AreaKind = attrs.field(validator=v.member_of(AreaKind))
    mediators: Formula = attrs.field(validator=v.instance_of(Formula))
    time_limit_days: int | None = attrs.field(default=None, validator=v.optional_count)

    def accepts(self, role: Role) -> bool:
        """Whether someone in ``role`` may mediate at this tier."""
        return any(role.value in slot.accepts for slot in self.mediators.slots)


@attrs.frozen
class MediationLadder:
    """Tiers of mediation, from the first a dispute meets to the last (调解层级).

    Escalation goes one tier at a time along ``tiers``; beyond the last, a case is referred
    out (to a court or an agency).

    Examples:
        >>> from community_policing import DEFAULT_LADDER
        >>> DEFAULT_LADDER.tier(2).name
        'village or community'
        >>> DEFAULT_LADDER.above(3).level
        2
        >>> DEFAULT_LADDER.above(1) is None
        True
    """

    KIND: ClassVar[str] = "mediation_ladder"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    source: str = attrs.field(validator=v.text)
    tiers: tuple[MediationTier, ...] = attrs.field(converter=v.list_as_tuple)

    @tiers.validator
    def _check_tiers(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(MediationTier)(self, attribute, value)
        levels = [tier.level for tier in value]
        if not levels:
            raise v.fail(self, "tiers", "not_empty", "a ladder needs at least one tier")
        if len(set(levels)) != len(levels):
            raise v.fail(self, "tiers", "unique", "two tiers share a level")

    def tier(self, level: int) -> MediationTier:
        """The tier with this level.

        Raises:
            ValidationError: the ladder has no such tier.
        """
        for tier in self.tiers:
            if tier.level == level:
                return tier
        known = ", ".join(str(tier.level) for tier in self.tiers)
        raise v.fail(self, "tiers", "unknown_tier", f"no tier {level}; tiers are {known}")

    def above(self, level: int) -> MediationTier | None:
        """The tier a case escalates to from ``level``, or ``None`` from the last."""
        index = self.tiers.index(self.tier(level))
        return self.tiers[index + 1] if index + 1 < len(self.tiers) else None


def _any(*roles: Role, label: str, label_zh: str) -> Slot:
    return Slot(accepts=roles, minimum=0, maximum=None, label=label, label_zh=label_zh)


_YUNCHENG = "Yuncheng city bureau, Shanxi (source 004)"

#: Yuncheng's three tiers (source 004): grid, village or community, station.
DEFAULT_LADDER = MediationLadder(
    id="yuncheng-three-tiers",
    name="Yuncheng's three-tier mediation (三级调解)",
    source=_YUNCHENG,
    tiers=(
        MediationTier(
            level=3,
            name="grid",
            name_zh="网格",
            area_kind=AreaKind.MANAGEMENT_GRID,
            mediators=Formula(
                id="tier-3",
                name="grid worker or resident auxiliary, with more of either",
                name_zh="网格员、驻村辅警",
                source=_YUNCHENG,
                core=Slot(
                    accepts=(Role.GRID_WORKER, *AUXILIARY_ROLES),
                    label="grid worker or auxiliary",
                    label_zh="网格员或辅警",
                ),
                spokes=(
                    _any(
                        Role.GRID_WORKER,
                        *AUXILIARY_ROLES,
                        label="grid workers and auxiliaries",
                        label_zh="网格员和辅警",
                    ),
                ),
            ),
        ),
        MediationTier(
            level=2,
            name="village or community",
            name_zh="村（社区）",
            area_kind=AreaKind.COMMUNITY,
            mediators=Formula(
                id="tier-2",
                name="auxiliary or officer, Fengqiao mediators, village party branch",
                name_zh="辅警、枫桥员、村党支部",
                source=_YUNCHENG,
                core=Slot(
                    accepts=(Role.COMMUNITY_OFFICER, *AUXILIARY_ROLES),
                    label="officer or auxiliary",
                    label_zh="民警或辅警",
                ),
                spokes=(
                    _any(
                        Role.FENGQIAO_MEDIATOR,
                        Role.COMMUNITY_MEDIATOR,
                        label="mediators",
                        label_zh="调解员",
                    ),
                    _any(
                        Role.VILLAGE_PARTY_SECRETARY,
                        Role.VILLAGE_CADRE,
                        Role.COMMUNITY_COMMITTEE_CADRE,
                        Role.GRID_WORKER,
                        label="village party branch and cadres",
                        label_zh="村党支部和村干部",
                    ),
                ),
            ),
        ),
        MediationTier(
            level=1,
            name="station",
            name_zh="派出所",
            area_kind=AreaKind.POLICE_STATION,
            mediators=Formula(
                id="tier-1",
                name="officer with village cadres, grid workers and lawyers",
                name_zh="民警、村干部、网格员、律师",
                source=_YUNCHENG,
                core=Slot(
                    accepts=(Role.COMMUNITY_OFFICER, Role.STATION_CHIEF),
                    label="officer",
                    label_zh="民警",
                ),
                spokes=(
                    _any(
                        Role.VILLAGE_CADRE,
                        Role.VILLAGE_PARTY_SECRETARY,
                        Role.COMMUNITY_COMMITTEE_CADRE,
                        Role.GRID_WORKER,
                        Role.LAWYER,
                        Role.FENGQIAO_MEDIATOR,
                        Role.COMMUNITY_MEDIATOR,
                        *AUXILIARY_ROLES,
                        label="cadres, grid workers, lawyers, mediators, auxiliaries",
                        label_zh="村干部、网格员、律师、调解员、辅警",
                    ),
                ),
            ),
        ),
    ),
)


# --- the case: events, and the fold that is the case -------------------------------------


def _mediator_tuple(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.tuple_of(Mediator)(instance, attribute, value)
    people = [mediator.person for mediator in value]
    if len(set(people)) != len(people):
        raise v.fail(instance, attribute.name, "unique", "names someone twice")


@attrs.frozen
class DisputeReported:
    """A dispute came to light and a case was opened (立案); the first event of every case.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel
        >>> found = Dispute(id="d-1", category=DisputeCategory.HARVEST, parties=("p-a", "p-b"),
        ...                 place=AreaRef.parse("community:v-shedong"),
        ...                 reported_on=date(2023, 6, 18), channel=ReportChannel.CALL_110)
        >>> DisputeReported(dispute=found).on
        datetime.date(2023, 6, 18)
    """

    KIND: ClassVar[str] = "dispute_reported"

    dispute: Dispute = attrs.field(validator=v.instance_of(Dispute))

    @property
    def on(self) -> date:
        """The day the dispute was reported."""
        return self.dispute.reported_on


@attrs.frozen
class EntryTierDeclared:
    """The case starts above the lowest tier, for a stated reason (越级受理).

    Examples:
        >>> from datetime import date
        >>> EntryTierDeclared(on=date(2023, 6, 18), tier=1, reason="双方已动手，需所级调解").tier
        1
    """

    KIND: ClassVar[str] = "entry_tier_declared"

    on: date = attrs.field(validator=v.calendar_date)
    tier: int = attrs.field(validator=v.count)
    reason: str = attrs.field(validator=v.text)


@attrs.frozen
class MediationAttempted:
    """An attempt at mediation at a tier, with the mediators present (调解).

    Examples:
        >>> from datetime import date
        >>> from community_policing import Role
        >>> attempt = MediationAttempted(on=date(2023, 5, 6), tier=3,
        ...     mediators=[Mediator("p-gw", Role.GRID_WORKER)])
        >>> attempt.mediators[0].role.zh
        '网格员'
    """

    KIND: ClassVar[str] = "mediation_attempted"

    on: date = attrs.field(validator=v.calendar_date)
    tier: int = attrs.field(validator=v.count)
    mediators: tuple[Mediator, ...] = attrs.field(
        converter=v.list_as_tuple, validator=_mediator_tuple
    )
    note: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)


@attrs.frozen
class CaseEscalated:
    """The attempt at the current tier failed; the case goes up one tier (上报).

    Examples:
        >>> from datetime import date
        >>> CaseEscalated(on=date(2023, 5, 6), reason="双方各执一词").reason
        '双方各执一词'
    """

    KIND: ClassVar[str] = "case_escalated"

    on: date = attrs.field(validator=v.calendar_date)
    reason: str = attrs.field(validator=v.text)


@attrs.frozen
class PanelConvened:
    """A "1+N" panel: the officer leads and brings in agencies' mediators (1+N调解).

    Examples:
        >>> from datetime import date
        >>> from community_policing import Role
        >>> panel = PanelConvened(on=date(2024, 3, 1),
        ...     lead=Mediator("p-li-qiang", Role.COMMUNITY_OFFICER), agencies=["o-env"])
        >>> panel.agencies
        ('o-env',)
    """

    KIND: ClassVar[str] = "panel_convened"

    on: date = attrs.field(validator=v.calendar_date)
    lead: Mediator = attrs.field(validator=v.instance_of(Mediator))
    agencies: tuple[str, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.unique_identifiers
    )
    members: tuple[Mediator, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_mediator_tuple
    )


@attrs.frozen
class CaseResolved:
    """The dispute was settled (化解), with a written agreement or without one.

    Examples:
        >>> from datetime import date
        >>> CaseResolved(on=date(2023, 5, 7)).agreement is None
        True
    """

    KIND: ClassVar[str] = "case_resolved"

    on: date = attrs.field(validator=v.calendar_date)
    agreement: Agreement | None = attrs.field(
        default=None, validator=v.instance_of(Agreement, optional=True)
    )


@attrs.frozen
class CaseReferred:
    """The case left mediation for a court or an agency (移交).

    Examples:
        >>> from datetime import date
        >>> CaseReferred(on=date(2023, 7, 1), to="o-court", reason="当事人要求诉讼").to
        'o-court'
    """

    KIND: ClassVar[str] = "case_referred"

    on: date = attrs.field(validator=v.calendar_date)
    to: str = attrs.field(validator=v.identifier)
    reason: str = attrs.field(validator=v.text)


@attrs.frozen
class CaseWithdrawn:
    """The parties withdrew the dispute (撤回).

    Examples:
        >>> from datetime import date
        >>> CaseWithdrawn(on=date(2023, 7, 1), reason="双方自行和解").reason
        '双方自行和解'
    """

    KIND: ClassVar[str] = "case_withdrawn"

    on: date = attrs.field(validator=v.calendar_date)
    reason: str = attrs.field(validator=v.text)


@attrs.frozen
class FollowUpVisited:
    """A follow-up visit to the parties (回访).

    Examples:
        >>> from datetime import date
        >>> FollowUpVisited(on=date(2023, 8, 1), visitor="p-gw").visitor
        'p-gw'
    """

    KIND: ClassVar[str] = "follow_up_visited"

    on: date = attrs.field(validator=v.calendar_date)
    visitor: str = attrs.field(validator=v.identifier)
    note: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)


#: Every kind of event a case's log may hold.
CASE_EVENTS: tuple[type[Any], ...] = (
    DisputeReported,
    EntryTierDeclared,
    MediationAttempted,
    CaseEscalated,
    PanelConvened,
    CaseResolved,
    CaseReferred,
    CaseWithdrawn,
    FollowUpVisited,
)

_LEAD_ROLES = frozenset({*POLICE_GRID_ROLES, Role.STATION_CHIEF})


@attrs.frozen
class MediationCase:
    """A mediation case: the fold of its event log (调解案件).

    Commands (:meth:`attempt`, :meth:`escalate`, :meth:`convene_panel`, :meth:`resolve`,
    :meth:`refer`, :meth:`withdraw`, :meth:`follow_up`, :meth:`enter_at`) return a new case
    with one more event, or raise :class:`~community_policing.ValidationError` naming the
    rule; the case they were called on never changes. :meth:`replay` rebuilds a case from its
    log with the same rules.

    Rules: attempts start at the ladder's first tier (or a declared entry tier, before any
    attempt); escalation goes up one tier after a failed attempt at the current one; mediators
    fit the tier's formula and are not parties (nor, when ``relatives`` is given, their
    family); only parties sign an agreement; a closed case takes nothing but follow-up visits;
    events never go back in time. Time limits make a case :meth:`overdue`, never an error.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, DisputeCategory, ReportChannel, Role
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
        >>> MediationCase.replay(case.events) == case
        True
    """

    KIND: ClassVar[str] = "mediation_case"

    dispute: Dispute
    ladder: MediationLadder
    events: tuple[Any, ...]
    status: CaseStatus = CaseStatus.OPEN
    tier: int = 0
    tier_since: date = date.min
    attempts: tuple[MediationAttempted, ...] = ()
    attempts_here: int = 0
    panels: tuple[PanelConvened, ...] = ()
    escalations: int = 0
    agreement: Agreement | None = None
    closed_on: date | None = None
    resolved_at: int | None = None
    follow_ups: tuple[FollowUpVisited, ...] = ()

    @property
    def id(self) -> str:
        """The case's id: its dispute's."""
        return self.dispute.id

    @property
    def closed(self) -> bool:
        """Whether the case is resolved, referred out or withdrawn."""
        return self.status is not CaseStatus.OPEN

    @property
    def last_day(self) -> date:
        """The day of the latest event (events never go back in time)."""
        day: date = self.events[-1].on
        return day

    @classmethod
    def open(cls, dispute: Dispute, ladder: MediationLadder = DEFAULT_LADDER) -> MediationCase:
        """Open a case for ``dispute`` on the day it was reported, at the ladder's first tier."""
        return cls.replay((DisputeReported(dispute),), ladder)

    @classmethod
    def replay(
        cls, events: Iterable[Any], ladder: MediationLadder = DEFAULT_LADDER
    ) -> MediationCase:
        """Rebuild a case from its log, checking every rule on the way.

        Raises:
            ValidationError: the log does not start with the report, or an event breaks a rule;
                its field names the event, as in ``events[3].tier``.
        """
        log = iter(events)
        first = next(log, None)
        if not isinstance(first, DisputeReported):
            raise ValidationError(
                entity=cls.KIND,
                field="events[0]",
                rule="first_event",
                reason="a case's log starts with its report",
            )
        case = cls(
            dispute=first.dispute,
            ladder=ladder,
            events=(first,),
            tier=ladder.tiers[0].level,
            tier_since=first.on,
        )
        for index, event in enumerate(log, 1):
            try:
                case = case.apply(event)
            except ValidationError as error:
                field = f"events[{index}]" + ("" if error.field is None else f".{error.field}")
                raise ValidationError(
                    entity=cls.KIND,
                    entity_id=case.id,
                    field=field,
                    rule=error.rule,
                    reason=error.reason,
                ) from None
        return case

    def apply(self, event: Any) -> MediationCase:
        """This case with one more event, if the event keeps every rule.

        Raises:
            ValidationError: the event breaks a rule; the case is unchanged.
        """
        if not isinstance(event, CASE_EVENTS) or isinstance(event, DisputeReported):
            raise self._refuse("event", "event_kind", f"{type(event).__name__} is not a case event")
        if event.on < self.last_day:
            raise self._refuse("on", "chronology", "an event cannot come before the last one")
        if self.closed and not isinstance(event, FollowUpVisited):
            raise self._refuse("status", "closed", f"the case is {self.status.en}")
        handler: Callable[[Any, tuple[Any, ...]], MediationCase] = getattr(
            self, _HANDLERS[type(event)]
        )
        return handler(event, (*self.events, event))

    def _follow_up(self, event: FollowUpVisited, events: tuple[Any, ...]) -> MediationCase:
        return attrs.evolve(self, events=events, follow_ups=(*self.follow_ups, event))

    def _entry(self, event: EntryTierDeclared, events: tuple[Any, ...]) -> MediationCase:
        if self.attempts:
            raise self._refuse("tier", "entry_after_attempt", "attempts have started")
        levels = [tier.level for tier in self.ladder.tiers]
        if event.tier not in levels:
            known = ", ".join(map(str, levels))
            raise self._refuse("tier", "unknown_tier", f"no tier {event.tier}; tiers are {known}")
        return attrs.evolve(self, events=events, tier=event.tier, tier_since=event.on)

    def _attempt(self, event: MediationAttempted, events: tuple[Any, ...]) -> MediationCase:
        self._check_attempt(event)
        return attrs.evolve(
            self,
            events=events,
            attempts=(*self.attempts, event),
            attempts_here=self.attempts_here + 1,
        )

    def _escalation(self, event: CaseEscalated, events: tuple[Any, ...]) -> MediationCase:
        if not self.attempts_here:
            raise self._refuse("tier", "no_failed_attempt", "no attempt at this tier yet")
        above = self.ladder.above(self.tier)
        if above is None:
            raise self._refuse("tier", "top_tier", "the last tier; refer the case instead")
        return attrs.evolve(
            self,
            events=events,
            tier=above.level,
            tier_since=event.on,
            attempts_here=0,
            escalations=self.escalations + 1,
        )

    def _panel(self, event: PanelConvened, events: tuple[Any, ...]) -> MediationCase:
        if event.lead.role not in _LEAD_ROLES:
            raise self._refuse("lead", "lead_role", "a panel is led by the place's officer")
        self._check_not_parties((event.lead, *event.members))
        return attrs.evolve(self, events=events, panels=(*self.panels, event))

    def _resolution(self, event: CaseResolved, events: tuple[Any, ...]) -> MediationCase:
        if not self.attempts_here and not self.panels:
            raise self._refuse("status", "no_attempt", "nothing was tried at this tier")
        if event.agreement is not None:
            outsiders = set(event.agreement.signed_by) - set(self.dispute.parties)
            if outsiders:
                raise self._refuse("agreement", "signatory", "only parties sign")
        return attrs.evolve(
            self,
            events=events,
            status=CaseStatus.RESOLVED,
            agreement=event.agreement,
            closed_on=event.on,
            resolved_at=self.tier,
        )

    def _closing(
        self, event: CaseReferred | CaseWithdrawn, events: tuple[Any, ...]
    ) -> MediationCase:
        status = CaseStatus.REFERRED if isinstance(event, CaseReferred) else CaseStatus.WITHDRAWN
        return attrs.evolve(self, events=events, status=status, closed_on=event.on)

    def _check_attempt(self, event: MediationAttempted) -> None:
        if event.tier != self.tier:
            raise self._refuse("tier", "current_tier", f"the case is at tier {self.tier}")
        tier = self.ladder.tier(self.tier)
        for mediator in event.mediators:
            if not tier.accepts(mediator.role):
                raise self._refuse(
                    "mediators", "eligible", f"a {mediator.role.en} does not mediate at this tier"
                )
        gaps = tier.mediators.check([mediator.role for mediator in event.mediators])
        if gaps:
            raise self._refuse("mediators", "formula", gaps[0].message)
        self._check_not_parties(event.mediators)

    def _check_not_parties(self, mediators: Iterable[Mediator]) -> None:
        if any(mediator.person in self.dispute.parties for mediator in mediators):
            raise self._refuse("mediators", "party", "a party cannot mediate their own dispute")

    def _refuse(self, field: str, rule: str, reason: str) -> ValidationError:
        return ValidationError(
            entity=self.KIND, entity_id=self.id, field=field, rule=rule, reason=reason
        )

    # commands -------------------------------------------------------------------------------

    def enter_at(self, on: date, tier: int, reason: str) -> MediationCase:
        """Start at ``tier`` instead of the first, for a reason; only before any attempt."""
        return self.apply(EntryTierDeclared(on=on, tier=tier, reason=reason))

    def attempt(
        self,
        on: date,
        mediators: Iterable[Mediator],
        *,
        note: str | None = None,
        relatives: Mapping[str, Iterable[str]] | None = None,
    ) -> MediationCase:
        """Record an attempt at the current tier.

        Args:
            on: The day of the attempt.
            mediators: Who mediated, in which roles.
            note: What happened (kept out of repr).
            relatives: Each party's family (person ids), from the graph
                (:func:`party_relatives`); a relative of a party cannot mediate.
        """
        event = MediationAttempted(on=on, tier=self.tier, mediators=tuple(mediators), note=note)
        if relatives is not None:
            family = {
                person for party in self.dispute.parties for person in relatives.get(party, ())
            }
            if any(mediator.person in family for mediator in event.mediators):
                raise self._refuse("mediators", "family", "a relative of a party cannot mediate")
        return self.apply(event)

    def escalate(self, on: date, reason: str) -> MediationCase:
        """The attempt here failed: go up one tier."""
        return self.apply(CaseEscalated(on=on, reason=reason))

    def convene_panel(
        self,
        on: date,
        lead: Mediator,
        *,
        agencies: Iterable[str] = (),
        members: Iterable[Mediator] = (),
    ) -> MediationCase:
        """Bring in a "1+N" panel led by the place's officer."""
        return self.apply(
            PanelConvened(on=on, lead=lead, agencies=tuple(agencies), members=tuple(members))
        )

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

    def overdue(self, as_of: date) -> bool:
        """Whether the open case has been at its tier longer than the tier's time limit."""
        limit = self.ladder.tier(self.tier).time_limit_days
        return not self.closed and limit is not None and (as_of - self.tier_since).days > limit


def party_relatives(
    graph: CommunityGraph, dispute: Dispute, *, as_of: date | None = None
) -> dict[str, frozenset[str]]:
    """Each party's family on ``as_of`` (default: the day the dispute was reported).

    Pass the result to :meth:`MediationCase.attempt` so that no relative of a party mediates.

    Examples:
        >>> from datetime import date
        >>> from community_policing import (AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample_jurisdiction)
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> quarrel = Dispute(id="d-zhu", category=DisputeCategory.FAMILY,
        ...     parties=("p-zhu-wei",), place=AreaRef.parse("community:c-ximen"),
        ...     reported_on=date(2024, 3, 1), channel=ReportChannel.VISIT)
        >>> sorted(party_relatives(graph, quarrel)["p-zhu-wei"])
        ['p-qin-na', 'p-zhu-xiao']
    """
    view = graph.as_of(dispute.reported_on if as_of is None else as_of)
    found: dict[str, frozenset[str]] = {}
    for party in dispute.parties:
        node = f"person:{party}"
        if node not in view:
            found[party] = frozenset()
            continue
        ties = [
            other
            for edges in (view.out_edges(node, data=True), view.in_edges(node, data=True))
            for first, second, data in edges
            if data["relation"] is Relation.FAMILY
            for other in (first, second)
            if other != node
        ]
        found[party] = frozenset(other.removeprefix("person:") for other in ties)
    return found


def _frozen(value: Iterable[Any]) -> frozenset[Any]:
    return frozenset(value)


@attrs.frozen
class Referral:
    """Whom a "1+N" panel brings in for a kind of dispute: agencies by function or kind.

    Examples:
        >>> from community_policing import DEFAULT_REFERRALS, DisputeCategory
        >>> [f.zh for f in DEFAULT_REFERRALS[DisputeCategory.LABOUR].functions]
        ['人社局']
    """

    KIND: ClassVar[str] = "referral"

    functions: frozenset[AgencyFunction] = attrs.field(default=frozenset(), converter=_frozen)
    kinds: frozenset[OrganizationKind] = attrs.field(default=frozenset(), converter=_frozen)

    def matches(self, organization: Organization) -> bool:
        """Whether ``organization`` is one this referral brings in."""
        return organization.kind in self.kinds or organization.function in self.functions


_TIESHAN = "Tieshan sub-bureau, Huangshi, Hubei (source 001)"

#: Tieshan's 1+N referrals by category (source 001); replace any of them with your own.
DEFAULT_REFERRALS: Mapping[DisputeCategory, Referral] = MappingProxyType(
    {
        DisputeCategory.LABOUR: Referral(
            functions={AgencyFunction.HUMAN_RESOURCES_AND_SOCIAL_SECURITY}
        ),
        DisputeCategory.ENVIRONMENT: Referral(functions={AgencyFunction.ECOLOGY_AND_ENVIRONMENT}),
        DisputeCategory.CONSUMER: Referral(functions={AgencyFunction.MARKET_REGULATION}),
        DisputeCategory.FAMILY: Referral(functions={AgencyFunction.WOMENS_FEDERATION}),
    }
)

#: Tieshan's referral for a dispute bound for litigation: the court and the procuratorate.
LITIGATION_REFERRAL = Referral(kinds={OrganizationKind.COURT, OrganizationKind.PROCURATORATE})


@attrs.frozen
class PanelProposal:
    """Who concretely can sit on a "1+N" panel for a dispute.

    Attributes:
        leads: The officers and auxiliaries of the place (the "1").
        agencies: Keys of the agencies serving the place that the referral rules bring in.
        agency_people: Ids of those agencies' members, neither parties nor their relatives.

    Examples:
        >>> PanelProposal(leads=(), agencies=("organization:o-env",), agency_people=()).agencies
        ('organization:o-env',)
    """

    leads: tuple[Holding, ...]
    agencies: tuple[str, ...]
    agency_people: tuple[str, ...]


def propose_panel(
    graph: CommunityGraph,
    dispute: Dispute,
    *,
    as_of: date | None = None,
    referrals: Mapping[DisputeCategory, Referral] = DEFAULT_REFERRALS,
) -> PanelProposal:
    """The panel for ``dispute``: the place's officer leads, agencies come by category.

    Examples:
        >>> from datetime import date
        >>> from community_policing import (AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample_jurisdiction)
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> smell = Dispute(id="d-env", category=DisputeCategory.ENVIRONMENT,
        ...     parties=("p-lv-da",), place=AreaRef.parse("standard_address:a-sd-12"),
        ...     reported_on=date(2025, 1, 1), channel=ReportChannel.VISIT)
        >>> panel = propose_panel(graph, smell)
        >>> [lead.name for lead in panel.leads], panel.agencies
        (['李强', '王军'], ('organization:o-env',))
    """
    day = dispute.reported_on if as_of is None else as_of
    found = graph.mediation_candidates(str(dispute.place), as_of=day)
    wanted = [referrals[dispute.category]] if dispute.category in referrals else []
    if dispute.litigation_bound:
        wanted.append(LITIGATION_REFERRAL)
    agencies = tuple(
        key for key in found.agencies if any(r.matches(graph.entity(key)) for r in wanted)
    )
    excluded = _excluded(graph, dispute, day)
    chosen = {key.removeprefix("organization:") for key in agencies}
    people = tuple(
        dict.fromkeys(
            record.person
            for record in found.agency_people
            if record.organization in chosen and record.person not in excluded
        )
    )
    leads = tuple(lead for lead in found.leads if lead.person not in excluded)
    return PanelProposal(leads=leads, agencies=agencies, agency_people=people)


def _excluded(graph: CommunityGraph, dispute: Dispute, day: date) -> set[str]:
    """The parties and their relatives: nobody who may mediate this dispute."""
    family = party_relatives(graph, dispute, as_of=day)
    return set(dispute.parties).union(*family.values())


@attrs.frozen
class TierCandidates:
    """A tier of the ladder and the people of the place who may mediate at it.

    Attributes:
        tier: The tier.
        people: Post holdings at the place or any area containing it whose role the tier
            accepts, neither parties nor their relatives; vacancies left out.

    Examples:
        >>> TierCandidates(tier=DEFAULT_LADDER.tiers[0], people=()).tier.name
        'grid'
    """

    tier: MediationTier
    people: tuple[Holding, ...]


def first_tier(
    graph: CommunityGraph,
    dispute: Dispute,
    *,
    ladder: MediationLadder = DEFAULT_LADDER,
    as_of: date | None = None,
) -> TierCandidates:
    """Where a new dispute starts, and who at its place can mediate there.

    Examples:
        >>> from datetime import date
        >>> from community_policing import (AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample_jurisdiction)
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
        ...     parties=("p-lv-da", "p-lv-er"), place=AreaRef.parse("standard_address:a-sd-12"),
        ...     reported_on=date(2025, 1, 1), channel=ReportChannel.SCREENING)
        >>> start = first_tier(graph, brothers)
        >>> start.tier.level, sorted({h.role.en for h in start.people})
        (3, ['grid worker', 'resident auxiliary'])
    """
    day = dispute.reported_on if as_of is None else as_of
    return _candidates(graph, dispute, ladder.tiers[0], day)


def next_tier(
    graph: CommunityGraph, case: MediationCase, *, as_of: date | None = None
) -> TierCandidates | None:
    """Where a case goes when the attempt at its tier fails, and who can mediate there.

    ``None`` when the case is at the last tier (refer it instead).

    Examples:
        >>> from datetime import date
        >>> from community_policing import (AreaRef, CommunityGraph, DisputeCategory,
        ...     ReportChannel, sample_jurisdiction)
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> brothers = Dispute(id="d-lv", category=DisputeCategory.LAND,
        ...     parties=("p-lv-da", "p-lv-er"), place=AreaRef.parse("standard_address:a-sd-12"),
        ...     reported_on=date(2025, 1, 1), channel=ReportChannel.SCREENING)
        >>> up = next_tier(graph, MediationCase.open(brothers))
        >>> up.tier.level, sorted({h.role.en for h in up.people})
        ... # doctest: +NORMALIZE_WHITESPACE
        (2, ['community officer', 'fengqiao mediator', 'grid worker', 'resident auxiliary',
             'village party secretary'])
    """
    above = case.ladder.above(case.tier)
    if above is None:
        return None
    return _candidates(graph, case.dispute, above, case.last_day if as_of is None else as_of)


def _candidates(
    graph: CommunityGraph, dispute: Dispute, tier: MediationTier, day: date
) -> TierCandidates:
    roles = frozenset(role for role in Role if tier.accepts(role))
    excluded = _excluded(graph, dispute, day)
    seen: dict[tuple[str, str], Holding] = {}
    for area in graph.containing(str(dispute.place), as_of=day):
        for holding in queries._holdings(graph, area, roles, day):  # noqa: SLF001
            if holding.person is not None and holding.person not in excluded:
                seen.setdefault((holding.post, holding.person), holding)
    return TierCandidates(tier=tier, people=tuple(seen.values()))


#: Which method of the case folds which event.
_HANDLERS: dict[type[Any], str] = {
    FollowUpVisited: "_follow_up",
    EntryTierDeclared: "_entry",
    MediationAttempted: "_attempt",
    CaseEscalated: "_escalation",
    PanelConvened: "_panel",
    CaseResolved: "_resolution",
    CaseReferred: "_closing",
    CaseWithdrawn: "_closing",
}
