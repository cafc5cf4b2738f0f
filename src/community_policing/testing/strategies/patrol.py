"""Strategies for patrol, prevention, response and asset recovery records.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import patrol_shifts
    >>> type(find(patrol_shifts(), lambda _: True)).__name__
    'PatrolShift'
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from hypothesis import strategies as st

from community_policing.model.vocab import (
    IncidentCategory,
    NetKind,
    ReportChannel,
    Role,
)
from community_policing.patrol import PatrolShift, PatrolZone, ShiftException
from community_policing.prevention import Camera, Incident, PatrolNet
from community_policing.recovery import Loss, RecoveryCase
from community_policing.response import (
    DEFAULT_SCHOOL_WINDOWS,
    Call,
    SchoolSafetyPost,
    SentryDuty,
)
from community_policing.testing.strategies._core import (
    _PLACE_NAME,
    _dates,
    draws,
    identifiers,
    refuse,
)
from community_policing.testing.strategies.people import area_refs
from community_policing.testing.strategies.services import _SHANGHAI, _clock_at, weekly_intervals
from community_policing.testing.strategies.territory import geo_points

if TYPE_CHECKING:
    from collections.abc import Iterable


__all__ = [
    "calls",
    "cameras",
    "incidents",
    "patrol_nets",
    "patrol_shifts",
    "patrol_zones",
    "recovery_cases",
    "school_safety_posts",
    "shift_exceptions",
]


@st.composite
def _patrol_shift(
    draw: st.DrawFn, zones: tuple[str, ...], companies: tuple[str, ...]
) -> PatrolShift:
    return PatrolShift(
        id=draw(identifiers(prefix="s-")),
        zone=draw(st.sampled_from(zones)),
        company=draw(st.sampled_from(companies)),
        weekdays=draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True)),
        start=_clock_at(30 * draw(st.integers(0, 47))),
        end=_clock_at(30 * draw(st.integers(0, 47))),
        guards=draw(st.integers(1, 4)),
    )


@draws(PatrolShift)
def patrol_shifts(
    *, zones: Iterable[str] = ("z-1",), companies: Iterable[str] = ("o-a", "o-b")
) -> st.SearchStrategy[PatrolShift]:
    """Weekly patrol shifts in half hours, some running past midnight, in the given zones.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> shift = find(patrol_shifts(), lambda s: s.end < s.start)
        >>> shift.minutes < 24 * 60
        True
    """
    zone_ids, company_ids = tuple(zones), tuple(companies)
    if not zone_ids or not company_ids:
        raise refuse("zones", "needs at least one zone and one company")
    return _patrol_shift(zone_ids, company_ids)


@draws(PatrolZone)
def patrol_zones() -> st.SearchStrategy[PatrolZone]:
    """Patrol zones with up to three neighbours.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> len(find(patrol_zones(), lambda z: len(z.neighbours) == 2).neighbours)
        2
    """
    return st.builds(
        PatrolZone,
        id=st.just("z-0"),
        name=_PLACE_NAME,
        area=st.one_of(st.none(), area_refs()),
        neighbours=st.lists(identifiers(prefix="z-n"), max_size=3, unique=True),
    )


@draws(ShiftException)
def shift_exceptions() -> st.SearchStrategy[ShiftException]:
    """One-off changes of a shift's headcount on a date (0 cancels it).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(shift_exceptions(), lambda x: x.guards == 0).guards
        0
    """
    return st.builds(
        ShiftException,
        id=identifiers(prefix="x-"),
        shift=identifiers(prefix="s-"),
        on=_dates(),
        guards=st.integers(0, 4),
    )


_MAYBE_POINT = st.one_of(st.none(), geo_points())


@st.composite
def _incident(draw: st.DrawFn) -> Incident:
    moment = datetime.combine(draw(_dates()), _clock_at(draw(st.integers(0, 1439))), _SHANGHAI)
    return Incident(
        id=draw(identifiers(prefix="i-")),
        at=moment,
        place=draw(area_refs()),
        category=draw(st.sampled_from(IncidentCategory)),
        source=draw(st.sampled_from(ReportChannel)),
        location=draw(_MAYBE_POINT),
    )


@draws(Incident)
def incidents() -> st.SearchStrategy[Incident]:
    """Incidents at any minute of 2020-2025 in Shanghai time, at any kind of place.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, database=None)
        ... @given(incidents())
        ... def aware(incident):
        ...     assert incident.at.tzinfo is not None
        >>> aware()
    """
    return _incident()


@draws(Camera)
def cameras() -> st.SearchStrategy[Camera]:
    """Cameras of the video net, with or without a monitor.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, database=None)
        ... @given(cameras())
        ... def watched_by_a_person(camera):
        ...     assert camera.monitor is None or camera.monitor.startswith("p-")
        >>> watched_by_a_person()
    """
    return st.builds(
        Camera,
        id=identifiers(prefix="cam-"),
        watches=area_refs(),
        monitor=st.one_of(st.none(), identifiers(prefix="p-")),
        description=st.one_of(st.none(), _PLACE_NAME),
        location=_MAYBE_POINT,
        radius_m=st.one_of(st.none(), st.floats(0.5, 500.0), st.integers(1, 500)),
    )


@draws(PatrolNet)
def patrol_nets() -> st.SearchStrategy[PatrolNet]:
    """Professional and volunteer patrol nets with one to three areas and a few weekly hours.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import NetKind
        >>> find(patrol_nets(), lambda n: n.kind is NetKind.VOLUNTEER_PATROL).kind.zh
        '义务巡逻网'
    """
    return st.builds(
        PatrolNet,
        id=identifiers(prefix="net-"),
        kind=st.sampled_from((NetKind.PROFESSIONAL_PATROL, NetKind.VOLUNTEER_PATROL)),
        areas=st.lists(area_refs(), min_size=1, max_size=3),
        hours=st.lists(weekly_intervals(), max_size=3),
        team=st.one_of(st.none(), identifiers(prefix="t-")),
    )


@st.composite
def _call(draw: st.DrawFn) -> Call:
    received = datetime.combine(draw(_dates()), _clock_at(draw(st.integers(0, 1439))), _SHANGHAI)
    dispatched = arrived = None
    if draw(st.booleans()):
        dispatched = received + timedelta(seconds=draw(st.integers(0, 600)))
        if draw(st.booleans()):
            arrived = dispatched + timedelta(seconds=draw(st.integers(0, 3600)))
    return Call(
        id=draw(identifiers(prefix="c-")),
        category=draw(st.sampled_from(IncidentCategory)),
        area=draw(area_refs()),
        received=received,
        dispatched=dispatched,
        arrived=arrived,
        location=draw(_MAYBE_POINT),
    )


@draws(Call)
def calls() -> st.SearchStrategy[Call]:
    """110 calls, some not yet dispatched or attended.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=10, database=None)
        ... @given(calls())
        ... def in_order(call):
        ...     if call.arrived is not None:
        ...         assert call.arrived >= call.dispatched >= call.received
        >>> in_order()
    """
    return _call()


@draws(SchoolSafetyPost)
def school_safety_posts() -> st.SearchStrategy[SchoolSafetyPost]:
    """School-safety posts with the default windows or a few of their own, and distinct staff.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> len(find(school_safety_posts(), lambda p: len(p.staff) == 2).staff)
        2
    """
    duties = st.builds(
        SentryDuty,
        person=identifiers(prefix="p-"),
        role=st.sampled_from((Role.COMMUNITY_OFFICER, Role.VILLAGE_POLICE, Role.AUXILIARY_OFFICER)),
        weekdays=st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True),
    )
    return st.builds(
        SchoolSafetyPost,
        id=identifiers(prefix="sp-"),
        place=area_refs(),
        windows=st.one_of(
            st.just(DEFAULT_SCHOOL_WINDOWS), st.lists(weekly_intervals(), min_size=1, max_size=3)
        ),
        staff=st.lists(duties, max_size=5, unique_by=lambda d: d.person),
        required=st.integers(0, 4),
    )


@st.composite
def _recovery_case(draw: st.DrawFn, max_steps: int) -> RecoveryCase:
    victims = draw(st.lists(identifiers(prefix="p-v"), max_size=3, unique=True))
    losses = [Loss(victim, draw(st.integers(1, 50_000))) for victim in victims]
    lead = draw(identifiers(prefix="p-lead"))
    case = RecoveryCase.open(
        draw(identifiers(prefix="rc-")),
        criminal_case=draw(identifiers(prefix="cc-")),
        lead=lead,
        on=draw(_dates()),
        losses=losses,
    )
    for step in range(draw(st.integers(0, max_steps))):
        day = case.trail[-1].on + timedelta(days=draw(st.integers(0, 5)))
        choice = draw(st.integers(0, 4))
        if choice == 0:
            case = case.add_suspect(f"p-s{step}", on=day, by=case.lead)
        elif choice == 1:
            case = case.seize(f"item-{step}", draw(st.integers(1, 20_000)), on=day, by=case.lead)
        elif choice == 2 and case.recovered > case.verified:
            case = case.verify(on=day, unit="o-investigation", by="p-checker")
        elif choice == 3 and losses and case.verified > case.returned:
            loss = draw(st.sampled_from(losses))
            room = min(case.verified - case.returned, loss.amount - case.returned_to(loss.victim))
            if room > 0:
                case = case.return_to(loss.victim, draw(st.integers(1, room)), on=day, by=case.lead)
        elif choice == 4 and losses:
            case = case.visit(draw(st.sampled_from(losses)).victim, on=day, by=case.lead)
    return case


@draws(RecoveryCase)
def recovery_cases(*, max_steps: int = 8) -> st.SearchStrategy[RecoveryCase]:
    """Recovery cases built by a drawn sequence of valid commands.

    Suspects, seizures, verification by another officer, partial returns within what was
    verified and lost, and visits.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> case = find(recovery_cases(), lambda c: c.returned > 0)
        >>> case.returned <= case.verified <= case.recovered
        True
    """
    return _recovery_case(max_steps)
