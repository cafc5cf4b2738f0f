"""What happens to a dispute, as events: the records a mediation case is folded from.

A :class:`Dispute` is reported (:class:`DisputeReported`, the first event of every case); then
attempts at a tier (:class:`MediationAttempted`), escalations, "1+N" panels, and one closing
event (resolved, referred or withdrawn), with follow-up visits after it. :class:`Mediator` and
:class:`Agreement` are the values the events carry.

Examples:
    >>> from datetime import date
    >>> from community_policing import Role
    >>> from community_policing.mediation import MediationAttempted, Mediator
    >>> MediationAttempted(on=date(2023, 5, 6), tier=3,
    ...                    mediators=[Mediator("p-gw", Role.GRID_WORKER)]).tier
    3
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import attrs

from community_policing.model import validators as v
from community_policing.model.people import SENSITIVE
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import DisputeCategory, ReportChannel, Role

__all__ = [
    "Agreement",
    "CASE_EVENTS",
    "CaseEscalated",
    "CaseReferred",
    "CaseResolved",
    "CaseWithdrawn",
    "Dispute",
    "DisputeReported",
    "EntryTierDeclared",
    "FollowUpVisited",
    "MediationAttempted",
    "Mediator",
    "PanelConvened",
]


def _at_least_one(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.unique_identifiers(instance, attribute, value)
    if not value:
        raise v.fail(instance, attribute.name, "not_empty", "needs at least one")


@document
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
        default=None, validator=v.optional_text, repr=False, metadata={SENSITIVE: True}
    )
    litigation_bound: bool = attrs.field(default=False, validator=v.instance_of(bool))


@document
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


@document
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


def _mediator_tuple(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.tuple_of(Mediator)(instance, attribute, value)
    people = [mediator.person for mediator in value]
    if len(set(people)) != len(people):
        raise v.fail(instance, attribute.name, "unique", "names someone twice")


@document
@attrs.frozen
class DisputeReported:
    """A dispute came to light and a case was opened (立案); the first event of every case.

    Args:
        dispute: The dispute.
        recused: People who may not mediate it (回避): the parties' relatives, known when the
            case opens; no attempt or panel of the case may include them.

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
    recused: tuple[str, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.unique_identifiers
    )

    @property
    def on(self) -> date:
        """The day the dispute was reported."""
        return self.dispute.reported_on


@document
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


@document
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


@document
@attrs.frozen
class CaseEscalated:
    """The case goes up one tier (上报): the attempt here failed, or its time ran out.

    Args:
        on: The day.
        reason: Why, in words.
        overdue: The tier's deadline passed (超期上报): no failed attempt is needed, and the
            escalation is what a :class:`~community_policing.deadlines.DeadlinePolicy` sets
            off (see :func:`~community_policing.mediation.clocks.escalate_overdue`).

    Examples:
        >>> from datetime import date
        >>> CaseEscalated(on=date(2023, 5, 6), reason="双方各执一词").reason
        '双方各执一词'
    """

    KIND: ClassVar[str] = "case_escalated"

    on: date = attrs.field(validator=v.calendar_date)
    reason: str = attrs.field(validator=v.text)
    overdue: bool = attrs.field(default=False, validator=v.instance_of(bool))


@document
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


@document
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


@document
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


@document
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


@document
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
