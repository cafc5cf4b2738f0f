"""Strategies for floor plans, sentinels' tips, police-school sessions and online groups.

Examples:
    >>> from hypothesis import given, settings
    >>> from community_policing.testing.strategies import tips
    >>> @settings(max_examples=10, database=None)
    ... @given(tips())
    ... def handled(tip):
    ...     assert tip.handler in (tip.officer, tip.escalated_to)
    >>> handled()
"""

from __future__ import annotations

from datetime import timedelta

from hypothesis import strategies as st

from community_policing.floorplans import FloorPlan, UnitRecord
from community_policing.model.vocab import (
    GroupKind,
    SchoolTopic,
    TipOutcome,
    TipStatus,
)
from community_policing.outreach import GroupMember, OnlineGroup, SchoolSession
from community_policing.testing.strategies._core import (
    _PLACE_NAME,
    _dates,
    _phrases,
    draws,
    identifiers,
)
from community_policing.testing.strategies.people import area_refs
from community_policing.tips import Tip

__all__ = [
    "floor_plans",
    "online_groups",
    "school_sessions",
    "tips",
    "unit_records",
]


@st.composite
def _unit_record(draw: st.DrawFn, floors: int, label: str) -> UnitRecord:
    household = draw(st.one_of(st.none(), identifiers(prefix="h-")))
    residents: list[str] = []
    if household is not None:
        residents = draw(st.lists(identifiers(prefix="p-"), max_size=4, unique=True))
    return UnitRecord(
        unit=label,
        floor=draw(st.integers(1, floors)),
        verified_on=draw(_dates()),
        verified_by=draw(identifiers(prefix="p-")),
        household=household,
        residents=residents,
        address=draw(st.one_of(st.none(), identifiers(prefix="a-"))),
    )


@draws(UnitRecord)
def unit_records() -> st.SearchStrategy[UnitRecord]:
    """Units of a floor plan, vacant or with a household and its residents.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(unit_records(), lambda u: not u.is_vacant).household
        'h-0'
    """
    return st.integers(1, 30).flatmap(lambda floors: _unit_record(floors, "101"))


@st.composite
def _floor_plan(draw: st.DrawFn, max_units: int) -> FloorPlan:
    floors = draw(st.integers(1, 12))
    count = draw(st.integers(0, max_units))
    units = [draw(_unit_record(floors, f"u-{index}")) for index in range(count)]
    history = [draw(_unit_record(floors, f"u-{index}")) for index in range(draw(st.integers(0, 2)))]
    return FloorPlan(
        building=draw(identifiers(prefix="b-")), floors=floors, units=units, history=history
    )


@draws(FloorPlan)
def floor_plans(*, max_units: int = 8) -> st.SearchStrategy[FloorPlan]:
    """Floor plans of one building with up to ``max_units`` units and a short history.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, database=None)
        ... @given(floor_plans(max_units=3))
        ... def small(plan):
        ...     assert len(plan.units) <= 3
        >>> small()
    """
    return _floor_plan(max_units)


@st.composite
def _tip(draw: st.DrawFn) -> Tip:
    received = draw(_dates())
    status = draw(st.sampled_from(TipStatus))
    acted_after = received + timedelta(days=draw(st.integers(0, 10)))
    acted = None if status is TipStatus.RECEIVED else acted_after
    closed = outcome = None
    amount = 0
    if status is TipStatus.CLOSED:
        closed = acted_after + timedelta(days=draw(st.integers(0, 30)))
        outcome = draw(st.sampled_from(TipOutcome))
        amount = draw(st.integers(0, 100_000))
    escalated_on = escalated_to = None
    if draw(st.booleans()):  # sent up to the chief, before it was closed if it was
        latest = (closed - received).days if closed is not None else 40
        escalated_on = received + timedelta(days=draw(st.integers(0, latest)))
        escalated_to = draw(identifiers(prefix="p-c"))
    return Tip(
        id=draw(identifiers(prefix="tip-")),
        sentinel=draw(identifiers(prefix="p-s")),
        place=draw(area_refs()),
        received_on=received,
        officer=draw(identifiers(prefix="p-o")),
        grid_worker=draw(st.one_of(st.none(), identifiers(prefix="p-g"))),
        status=status,
        acted_on=acted,
        closed_on=closed,
        outcome=outcome,
        amount_protected=amount,
        content=draw(st.one_of(st.none(), _phrases())),
        escalated_on=escalated_on,
        escalated_to=escalated_to,
    )


@draws(Tip)
def tips() -> st.SearchStrategy[Tip]:
    """Sentinels' tips at every stage: received, acted on, closed with an outcome.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> from community_policing import TipStatus
        >>> @settings(max_examples=20, database=None)
        ... @given(tips())
        ... def closed_with_an_outcome(tip):
        ...     assert (tip.outcome is not None) == (tip.status is TipStatus.CLOSED)
        >>> closed_with_an_outcome()
    """
    return _tip()


@st.composite
def _school_session(draw: st.DrawFn) -> SchoolSession:
    topic = draw(st.sampled_from(SchoolTopic))
    return SchoolSession(
        id=draw(identifiers(prefix="ps-")),
        area=draw(area_refs()),
        on=draw(_dates()),
        topic=topic,
        custom_topic=draw(_phrases()) if topic is SchoolTopic.OTHER else None,
        speakers=draw(st.lists(identifiers(prefix="p-"), max_size=3, unique=True)),
        attendance=draw(st.integers(0, 300)),
    )


@draws(SchoolSession)
def school_sessions() -> st.SearchStrategy[SchoolSession]:
    """Police-school sessions on the sources' topics or a host's own.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> from community_policing import SchoolTopic
        >>> @settings(max_examples=20, database=None)
        ... @given(school_sessions())
        ... def titled(session):
        ...     if session.topic is SchoolTopic.OTHER:
        ...         assert session.title == session.custom_topic
        >>> titled()
    """
    return _school_session()


@draws(OnlineGroup)
def online_groups(*, max_members: int = 6) -> st.SearchStrategy[OnlineGroup]:
    """Residents' and work groups with up to ``max_members`` distinct members.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> group = find(online_groups(), lambda g: len(g.members) == 2)
        >>> len({member.person for member in group.members})
        2
    """
    return st.builds(
        OnlineGroup,
        id=identifiers(prefix="g-"),
        name=_PLACE_NAME,
        kind=st.sampled_from(GroupKind),
        area=area_refs(),
        members=st.lists(
            st.builds(GroupMember, identifiers(prefix="p-"), st.booleans()),
            max_size=max_members,
            unique_by=lambda m: m.person,
        ),
    )
