"""Strategies for disputes, mediation events and whole mediation cases.

Examples:
    >>> from hypothesis import given, settings
    >>> from community_policing.testing.strategies import mediation_cases
    >>> from community_policing.mediation import MediationCase
    >>> @settings(max_examples=10, database=None)
    ... @given(mediation_cases())
    ... def replayable(case):
    ...     assert MediationCase(case.events) == case
    >>> replayable()
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING, Any

from hypothesis import strategies as st

from community_policing.errors import ValidationError
from community_policing.mediation import (
    DEFAULT_LADDER,
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
    MediationCase,
    Mediator,
    PanelConvened,
)
from community_policing.model.vocab import (
    DisputeCategory,
    ReportChannel,
    Role,
)
from community_policing.testing.strategies._core import _dates, _phrases, draws, identifiers, refuse
from community_policing.testing.strategies.people import area_refs

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "agreements",
    "case_events",
    "disputes",
    "mediation_cases",
    "mediators",
]


@draws(Mediator)
def mediators(*, roles: Iterable[Role] | None = None) -> st.SearchStrategy[Mediator]:
    """Persons in a mediating role (default: any role).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(mediators(), lambda _: True)).__name__
        'Mediator'
    """
    return st.builds(
        Mediator,
        person=identifiers(prefix="p-m"),
        role=st.sampled_from(tuple(Role) if roles is None else tuple(roles)),
    )


@draws(Dispute)
def disputes() -> st.SearchStrategy[Dispute]:
    """Disputes with one to three parties, any category, place and channel.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(disputes(), lambda _: True)).__name__
        'Dispute'
    """
    return st.builds(
        Dispute,
        id=identifiers(prefix="d-"),
        category=st.sampled_from(DisputeCategory),
        parties=st.lists(identifiers(prefix="p-"), min_size=1, max_size=3, unique=True).map(tuple),
        place=area_refs(),
        reported_on=_dates(),
        channel=st.sampled_from(ReportChannel),
        reported_by=st.one_of(st.none(), identifiers(prefix="p-")),
        description=st.one_of(st.none(), _phrases()),
        litigation_bound=st.booleans(),
    )


@draws(Agreement)
def agreements() -> st.SearchStrategy[Agreement]:
    """Agreements with one to three terms and signatories.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(agreements(), lambda _: True)).__name__
        'Agreement'
    """
    people = st.lists(identifiers(prefix="p-"), min_size=1, max_size=3, unique=True)
    return st.builds(
        Agreement,
        terms=st.lists(_phrases(), min_size=1, max_size=3).map(tuple),
        signed_by=people.map(tuple),
        signed_on=_dates(),
        witnesses=st.lists(identifiers(prefix="p-w"), max_size=2, unique=True).map(tuple),
    )


def case_events(kind: type[Any] | None = None) -> st.SearchStrategy[Any]:
    """Single events of a mediation case's log, of one kind or any (not checked against a case).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing.mediation import CaseWithdrawn
        >>> type(find(case_events(CaseWithdrawn), lambda event: True)).__name__
        'CaseWithdrawn'
    """
    team = st.lists(mediators(), min_size=1, max_size=3, unique_by=lambda m: m.person).map(tuple)
    note = st.one_of(st.none(), _phrases())
    by_kind: dict[type[Any], st.SearchStrategy[Any]] = {
        DisputeReported: st.builds(
            DisputeReported,
            disputes(),
            recused=st.lists(identifiers(prefix="p-kin-"), max_size=2, unique=True).map(tuple),
        ),
        EntryTierDeclared: st.builds(
            EntryTierDeclared, on=_dates(), tier=st.integers(0, 5), reason=_phrases()
        ),
        MediationAttempted: st.builds(
            MediationAttempted, on=_dates(), tier=st.integers(0, 5), mediators=team, note=note
        ),
        CaseEscalated: st.builds(CaseEscalated, on=_dates(), reason=_phrases()),
        PanelConvened: st.builds(
            PanelConvened,
            on=_dates(),
            lead=mediators(),
            agencies=st.lists(identifiers(prefix="o-"), max_size=3, unique=True).map(tuple),
            members=st.lists(mediators(), max_size=3, unique_by=lambda m: m.person).map(tuple),
        ),
        CaseResolved: st.builds(
            CaseResolved, on=_dates(), agreement=st.one_of(st.none(), agreements())
        ),
        CaseReferred: st.builds(
            CaseReferred, on=_dates(), to=identifiers(prefix="o-"), reason=_phrases()
        ),
        CaseWithdrawn: st.builds(CaseWithdrawn, on=_dates(), reason=_phrases()),
        FollowUpVisited: st.builds(
            FollowUpVisited, on=_dates(), visitor=identifiers(prefix="p-"), note=note
        ),
    }
    if kind is None:
        return st.one_of(*by_kind.values())
    if kind not in by_kind:
        raise refuse("kind", "is not a kind of case event")
    return by_kind[kind]


@st.composite
def _mediation_case(draw: st.DrawFn, max_steps: int) -> MediationCase:
    found = draw(disputes())
    kin = draw(st.lists(identifiers(prefix="p-kin-"), max_size=2, unique=True))
    case = MediationCase.open(found, relatives={found.parties[0]: kin})
    day = found.reported_on
    for _ in range(draw(st.integers(0, max_steps))):
        day += timedelta(days=draw(st.integers(0, 3)))
        tier = DEFAULT_LADDER.tier(case.tier)
        core = next(iter(sorted(tier.mediators.core.accepts)))
        team = [Mediator("p-mediator", Role(core))]
        step = draw(st.sampled_from(("attempt", "escalate", "resolve", "refer", "follow_up")))
        try:
            if step == "attempt":
                case = case.attempt(day, team)
            elif step == "escalate":
                case = case.escalate(day, draw(_phrases()))
            elif step == "resolve":
                # a written agreement is signed by every party, or there is none
                deal = Agreement(terms=(draw(_phrases()),), signed_by=found.parties, signed_on=day)
                case = case.resolve(day, deal if draw(st.booleans()) else None)
            elif step == "refer":
                case = case.refer(day, "o-court", draw(_phrases()))
            else:
                case = case.follow_up(day, "p-visitor")
        except ValidationError:
            continue  # a command the rules refuse leaves the case as it was
    return case


@draws(MediationCase)
def mediation_cases(*, max_steps: int = 8) -> st.SearchStrategy[MediationCase]:
    """Valid mediation cases on the default ladder: a report, then up to ``max_steps`` commands.

    Commands the case's rules refuse are skipped, so every drawn case replays from its log.
    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given
        >>> from community_policing.mediation import MediationCase
        >>> @given(mediation_cases())
        ... def test_logs_replay(case):
        ...     assert MediationCase(case.events) == case
        >>> test_logs_replay()
    """
    return _mediation_case(max_steps)
