"""Hypothesis strategies for every model, valid by construction (requires ``hypothesis``).

Install the extra with ``pip install community_policing[hypothesis]``. Importing
``community_policing`` never imports this module or hypothesis.

Every argument is keyword-only and takes either a fixed value or a strategy for it. Bad
arguments raise :class:`TypeError` or :class:`ValueError` when the strategy is created, not in
the middle of a test. No strategy filters: every draw is valid by construction and shrinks
towards small, plain examples (one station, one grid, one resident).

Examples:
    >>> from hypothesis import given
    >>> from community_policing import is_valid_id_card_number
    >>> from community_policing.testing import strategies as cps
    >>> @given(cps.persons())
    ... def test_every_person_has_a_valid_card(person):
    ...     assert person.id_card_number is None or is_valid_id_card_number(person.id_card_number)
    >>> test_every_person_has_a_valid_card()
"""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any, TypeVar
from zoneinfo import ZoneInfo

import attrs
import networkx as nx
from hypothesis import strategies as st

from community_policing.audit import AuditRecord
from community_policing.errors import ValidationError
from community_policing.floorplans import FloorPlan, UnitRecord
from community_policing.formulas import BUILT_IN_FORMULAS
from community_policing.graph import CommunityGraph
from community_policing.jurisdiction import Jurisdiction
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
from community_policing.outreach import GroupMember, OnlineGroup, SchoolSession
from community_policing.patrol import PatrolShift, PatrolZone, ShiftException
from community_policing.people import (
    FamilyTie,
    Membership,
    Organization,
    Person,
    Post,
    ReportingLine,
    Residence,
)
from community_policing.periods import Period, Provenance
from community_policing.planning import PlanningUnit
from community_policing.prevention import Camera, Incident, PatrolNet
from community_policing.recovery import Loss, RecoveryCase
from community_policing.response import (
    DEFAULT_SCHOOL_WINDOWS,
    Call,
    SchoolSafetyPost,
    SentryDuty,
)
from community_policing.services import (
    DEFAULT_TIMEZONE,
    Appointment,
    AppointmentBook,
    FlexibleHoursRule,
    InteractionRecord,
    Roster,
    ServiceLedger,
    ServiceRecord,
    WeeklyInterval,
    WorkingHours,
)
from community_policing.teams import AreaAssignment, Team
from community_policing.territory import (
    DEFAULT_POPULATION_CAPS,
    AreaRef,
    Building,
    Community,
    Household,
    ManagementGrid,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    ResidentialCompound,
    StandardAddress,
    SubBureau,
)
from community_policing.testing._hypothesis_plugin import _hypothesis_setup_hook
from community_policing.tips import Tip
from community_policing.vocab import (
    POLICE_GRID_ROLES,
    AgencyFunction,
    AreaKind,
    AreaSetting,
    CommunityKind,
    DisputeCategory,
    GroupKind,
    IncidentCategory,
    InteractionKind,
    Kinship,
    NetKind,
    OrganizationKind,
    ReportChannel,
    Role,
    SchoolTopic,
    ServiceKind,
    TeamPurpose,
    TipOutcome,
    TipStatus,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = [
    "DEFAULT_AS_OF",
    "VIOLATIONS",
    "agreements",
    "appointment_books",
    "appointments",
    "area_assignments",
    "area_refs",
    "audit_records",
    "buildings",
    "calls",
    "cameras",
    "case_events",
    "communities",
    "community_graphs",
    "disputes",
    "family_ties",
    "floor_plans",
    "households",
    "id_card_numbers",
    "identifiers",
    "incidents",
    "interaction_records",
    "jurisdictions",
    "management_grids",
    "mediation_cases",
    "mediators",
    "memberships",
    "online_groups",
    "organizations",
    "patrol_nets",
    "patrol_shifts",
    "patrol_zones",
    "periods",
    "persons",
    "phone_numbers",
    "planning_instances",
    "police_grids",
    "police_stations",
    "policing_districts",
    "posts",
    "provenances",
    "recovery_cases",
    "register_type_strategies",
    "reporting_lines",
    "residences",
    "residential_compounds",
    "rosters",
    "school_safety_posts",
    "school_sessions",
    "service_ledgers",
    "service_records",
    "shift_exceptions",
    "standard_addresses",
    "sub_bureaus",
    "teams",
    "tips",
    "unit_records",
    "weekly_intervals",
    "working_hours",
]

_T = TypeVar("_T")

#: Dates drawn by default lie in this window; fixed so that runs are reproducible.
EARLIEST = date(1930, 1, 1)
LATEST = date(2025, 12, 31)

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"
_PLACE = "东西南北中新和平安康乐民兴华阳光明山河村社区网格一二三四五六七八九十"
_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_"
_REGIONS = ("110105", "140802", "370811", "420205", "321302", "370883")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _strategy(
    value: _T | st.SearchStrategy[_T], name: str, kind: type[Any]
) -> st.SearchStrategy[_T]:
    """Accept a fixed value or a strategy; check a fixed value's type now, not in a draw."""
    if isinstance(value, st.SearchStrategy):
        return value
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        msg = f"{name} must be a {kind.__name__} or a strategy, got {type(value).__name__}"
        raise TypeError(msg)
    return st.just(value)


def _count(value: int | st.SearchStrategy[int], name: str) -> st.SearchStrategy[int]:
    strategy = _strategy(value, name, int)
    if isinstance(value, int) and value < 0:
        msg = f"{name} must not be negative, got {value}"
        raise ValueError(msg)
    return strategy


def identifiers(*, prefix: str = "") -> st.SearchStrategy[str]:
    """Ids: ``prefix`` then 1 to 12 lower-case letters, digits, ``-`` or ``_``.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(identifiers(prefix="pg-"), lambda ident: True)
        'pg-0'
    """
    if not isinstance(prefix, str) or len(prefix) > 100 or any(c.isspace() for c in prefix):
        msg = "prefix must be a str of at most 100 characters without spaces"
        raise ValueError(msg)
    return st.text(_ID_ALPHABET, min_size=1, max_size=12).map(prefix.__add__)


def _place_names() -> st.SearchStrategy[str]:
    return st.text(_PLACE, min_size=1, max_size=8)


def _check_character(body: str) -> str:
    return "10X98765432"[sum(int(d) * w for d, w in zip(body, _WEIGHTS, strict=True)) % 11]


def id_card_numbers(
    *, birth_dates: date | st.SearchStrategy[date] | None = None
) -> st.SearchStrategy[str]:
    """Valid 18-character resident ID-card numbers (GB 11643 check character).

    Requires the ``hypothesis`` extra.

    Args:
        birth_dates: The birth date to embed, or a strategy for it (default: 1930–2025).

    Examples:
        >>> from datetime import date
        >>> from hypothesis import find
        >>> number = find(id_card_numbers(birth_dates=date(1990, 7, 2)), lambda n: True)
        >>> number
        '110105199007020009'
        >>> number[6:14]
        '19900702'
    """
    born = (
        st.dates(EARLIEST, LATEST)
        if birth_dates is None
        else _strategy(birth_dates, "birth_dates", date)
    )

    def build(region: str, day: date, sequence: int) -> str:
        body = f"{region}{day:%Y%m%d}{sequence:03d}"
        return body + _check_character(body)

    return st.builds(build, st.sampled_from(_REGIONS), born, st.integers(0, 999))


def phone_numbers() -> st.SearchStrategy[str]:
    """Valid mainland mobile numbers and landlines with area code.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(phone_numbers(), lambda number: number.startswith("0"))
        '0537-2000000'
    """
    mobile = st.builds(
        lambda second, rest: f"1{second}{rest:09d}", st.integers(3, 9), st.integers(0, 10**9 - 1)
    )
    landline = st.builds(
        lambda area, dash, number: f"0{area}{dash}{number}",
        st.sampled_from(("537", "714", "527", "359", "10")),
        st.sampled_from(("-", "")),
        st.integers(2_000_000, 99_999_999),
    )
    return st.one_of(mobile, landline)


def periods(
    *,
    start: date | st.SearchStrategy[date] | None = None,
    open_ended: bool | None = None,
) -> st.SearchStrategy[Period]:
    """Periods whose end, when there is one, is after their start.

    Requires the ``hypothesis`` extra.

    Args:
        start: The start date, or a strategy (default: 2000–2025).
        open_ended: ``True`` for no end, ``False`` for an end, ``None`` for either.

    Examples:
        >>> from hypothesis import find
        >>> type(find(periods(), lambda _: True)).__name__
        'Period'
    """
    starts = (
        st.dates(date(2000, 1, 1), LATEST) if start is None else _strategy(start, "start", date)
    )
    if open_ended is not None and not isinstance(open_ended, bool):
        msg = f"open_ended must be a bool or None, got {type(open_ended).__name__}"
        raise TypeError(msg)
    lengths: st.SearchStrategy[int | None]
    if open_ended is None:
        lengths = st.one_of(st.none(), st.integers(1, 3650))
    elif open_ended:
        lengths = st.none()
    else:
        lengths = st.integers(1, 3650)
    return st.builds(
        lambda begin, days: Period(begin, None if days is None else begin + timedelta(days=days)),
        starts,
        lengths,
    )


def persons(
    *,
    id: str | st.SearchStrategy[str] | None = None,  # noqa: A002  (the field's own name)
    with_personal_data: bool | st.SearchStrategy[bool] | None = None,
) -> st.SearchStrategy[Person]:
    """Persons with valid ID-card numbers (when present) and phone numbers.

    Requires the ``hypothesis`` extra.

    Args:
        id: A fixed id or a strategy (default: ``p-…``).
        with_personal_data: Whether ID-card number, phone and birth date may be filled in
            (default: either).

    Examples:
        >>> from hypothesis import find
        >>> type(find(persons(), lambda _: True)).__name__
        'Person'
    """
    ids = identifiers(prefix="p-") if id is None else _strategy(id, "id", str)
    sensitive = (
        st.booleans()
        if with_personal_data is None
        else _strategy(with_personal_data, "with_personal_data", bool)
    )
    return st.builds(
        lambda ident, seed, personal: _person_from(ident, seed if personal else seed - seed % 8),
        ids,
        _SEED,
        sensitive,
    )


def _ids(value: str | st.SearchStrategy[str] | None, prefix: str) -> st.SearchStrategy[str]:
    return identifiers(prefix=prefix) if value is None else _strategy(value, "id", str)


def sub_bureaus(*, id: str | st.SearchStrategy[str] | None = None) -> st.SearchStrategy[SubBureau]:  # noqa: A002
    """Sub-bureaus (分局).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(sub_bureaus(), lambda _: True)).__name__
        'SubBureau'
    """
    return st.builds(SubBureau, id=_ids(id, "sb-"), name=_place_names())


def police_stations(
    *, sub_bureau: str | st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[PoliceStation]:
    """Police stations (派出所) of the given sub-bureau id (default: any).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(police_stations(), lambda _: True)).__name__
        'PoliceStation'
    """
    return st.builds(
        PoliceStation, id=_ids(None, "ps-"), name=_place_names(), sub_bureau=_ids(sub_bureau, "sb-")
    )


def policing_districts(
    *, station: str | st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[PolicingDistrict]:
    """Policing districts (警务区) of the given station id (default: any).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(policing_districts(), lambda _: True)).__name__
        'PolicingDistrict'
    """
    return st.builds(
        PolicingDistrict, id=_ids(None, "pd-"), name=_place_names(), station=_ids(station, "ps-")
    )


def police_grids(
    *, district: str | st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[PoliceGrid]:
    """Police grids (警格) of the given district id (default: any).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(police_grids(), lambda _: True)).__name__
        'PoliceGrid'
    """
    return st.builds(
        PoliceGrid, id=_ids(None, "pg-"), name=_place_names(), district=_ids(district, "pd-")
    )


def communities(
    *,
    setting: AreaSetting | st.SearchStrategy[AreaSetting] | None = None,
    population: int | st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[Community]:
    """Communities (社区) and administrative villages (行政村).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(communities(), lambda _: True)).__name__
        'Community'
    """
    return st.builds(
        Community,
        id=_ids(None, "c-"),
        name=_place_names(),
        kind=st.sampled_from(CommunityKind),
        setting=st.sampled_from(AreaSetting)
        if setting is None
        else _strategy(setting, "setting", AreaSetting),
        population=st.integers(0, 20_000)
        if population is None
        else _count(population, "population"),
        police_grid=st.one_of(st.none(), identifiers(prefix="pg-")),
    )


def management_grids(
    *, community: str | st.SearchStrategy[str] | None = None
) -> st.SearchStrategy[ManagementGrid]:
    """Management grids (网格) of the given community id (default: any).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(management_grids(), lambda _: True)).__name__
        'ManagementGrid'
    """
    return st.builds(
        ManagementGrid,
        id=_ids(None, "mg-"),
        name=_place_names(),
        community=_ids(community, "c-"),
        police_grid=st.one_of(st.none(), identifiers(prefix="pg-")),
        population=st.one_of(st.none(), st.integers(0, 6000)),
    )


def residential_compounds() -> st.SearchStrategy[ResidentialCompound]:
    """Residential compounds (小区).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(residential_compounds(), lambda _: True)).__name__
        'ResidentialCompound'
    """
    return st.builds(
        ResidentialCompound, id=_ids(None, "rc-"), name=_place_names(), community=_ids(None, "c-")
    )


def buildings() -> st.SearchStrategy[Building]:
    """Buildings (楼栋).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(buildings(), lambda _: True)).__name__
        'Building'
    """
    return st.builds(
        Building,
        id=_ids(None, "b-"),
        name=_place_names(),
        management_grid=_ids(None, "mg-"),
        compound=st.one_of(st.none(), identifiers(prefix="rc-")),
        floors=st.one_of(st.none(), st.integers(1, 40)),
    )


def standard_addresses() -> st.SearchStrategy[StandardAddress]:
    """Standard addresses (标准地址), in a building or directly in a management grid.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(standard_addresses(), lambda _: True)).__name__
        'StandardAddress'
    """
    in_building = st.builds(
        StandardAddress, id=_ids(None, "a-"), text=_place_names(), building=_ids(None, "b-")
    )
    in_grid = st.builds(
        StandardAddress, id=_ids(None, "a-"), text=_place_names(), management_grid=_ids(None, "mg-")
    )
    return st.one_of(in_building, in_grid)


def households() -> st.SearchStrategy[Household]:
    """Households (户).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(households(), lambda _: True)).__name__
        'Household'
    """
    return st.builds(Household, id=_ids(None, "h-"), address=_ids(None, "a-"))


def area_refs(
    *, kind: AreaKind | st.SearchStrategy[AreaKind] | None = None
) -> st.SearchStrategy[AreaRef]:
    """References to places of the given kind (default: any kind).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(area_refs(), lambda _: True)).__name__
        'AreaRef'
    """
    kinds = st.sampled_from(AreaKind) if kind is None else _strategy(kind, "kind", AreaKind)
    return st.builds(AreaRef, kinds, identifiers())


@st.composite
def _organization(draw: st.DrawFn) -> Organization:
    kind = draw(st.sampled_from(OrganizationKind))
    function = None
    if kind in (OrganizationKind.GOVERNMENT_AGENCY, OrganizationKind.MASS_ORGANIZATION):
        function = draw(st.one_of(st.none(), st.sampled_from(AgencyFunction)))
    return Organization(
        id=draw(identifiers(prefix="o-")), name=draw(_place_names()), kind=kind, function=function
    )


def organizations() -> st.SearchStrategy[Organization]:
    """Organisations of every kind; only agencies and mass organisations get a function.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(organizations(), lambda _: True)).__name__
        'Organization'
    """
    return _organization()


def posts(*, role: Role | st.SearchStrategy[Role] | None = None) -> st.SearchStrategy[Post]:
    """Posts with an area, an organisation, or both.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(posts(), lambda _: True)).__name__
        'Post'
    """
    roles = st.sampled_from(Role) if role is None else _strategy(role, "role", Role)
    area_only = st.builds(Post, id=_ids(None, "post-"), role=roles, area=area_refs())
    organization_only = st.builds(
        Post, id=_ids(None, "post-"), role=roles, organization=_ids(None, "o-")
    )
    both = st.builds(
        Post,
        id=_ids(None, "post-"),
        role=roles,
        area=area_refs(),
        organization=_ids(None, "o-"),
        title=st.one_of(st.none(), _place_names()),
    )
    return st.one_of(area_only, organization_only, both)


def memberships() -> st.SearchStrategy[Membership]:
    """Memberships of a post, or of an organisation with an optional role.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(memberships(), lambda _: True)).__name__
        'Membership'
    """
    of_post = st.builds(
        Membership,
        id=_ids(None, "m-"),
        person=_ids(None, "p-"),
        period=periods(),
        provenance=_maybe_provenance(),
        post=_ids(None, "post-"),
    )
    of_organization = st.builds(
        Membership,
        id=_ids(None, "m-"),
        person=_ids(None, "p-"),
        period=periods(),
        provenance=_maybe_provenance(),
        organization=_ids(None, "o-"),
        role=st.one_of(st.none(), st.sampled_from(Role)),
    )
    of_team = st.builds(
        Membership,
        id=_ids(None, "m-"),
        person=_ids(None, "p-"),
        period=periods(),
        provenance=_maybe_provenance(),
        team=_ids(None, "t-"),
        role=st.one_of(st.none(), st.sampled_from(Role)),
    )
    return st.one_of(of_post, of_organization, of_team)


def provenances() -> st.SearchStrategy[Provenance]:
    """Who recorded a relation, and when.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(provenances(), lambda _: True)).__name__
        'Provenance'
    """
    return st.builds(
        Provenance,
        recorded_by=identifiers(prefix="p-"),
        recorded_on=st.dates(date(2000, 1, 1), LATEST),
    )


def _maybe_provenance() -> st.SearchStrategy[Provenance | None]:
    return st.one_of(st.none(), provenances())


def family_ties() -> st.SearchStrategy[FamilyTie]:
    """Family ties between two different persons, with or without a period.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(family_ties(), lambda _: True)).__name__
        'FamilyTie'
    """
    return st.builds(
        FamilyTie,
        id=_ids(None, "f-"),
        person=st.just("p-0"),
        relative=_ids(None, "p-r"),
        kinship=st.sampled_from(Kinship),
        period=st.one_of(st.none(), periods()),
        provenance=_maybe_provenance(),
    )


def teams(
    *, purpose: TeamPurpose | st.SearchStrategy[TeamPurpose] | None = None
) -> st.SearchStrategy[Team]:
    """Teams (队伍) with a purpose.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(teams(), lambda _: True)).__name__
        'Team'
    """
    purposes = (
        st.sampled_from(TeamPurpose)
        if purpose is None
        else _strategy(purpose, "purpose", TeamPurpose)
    )
    return st.builds(
        Team,
        id=_ids(None, "t-"),
        name=_place_names(),
        purpose=purposes,
        formula=st.one_of(st.none(), st.sampled_from(sorted(BUILT_IN_FORMULAS))),
    )


def area_assignments() -> st.SearchStrategy[AreaAssignment]:
    """Assignments of a team or an organisation to an area.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(area_assignments(), lambda _: True)).__name__
        'AreaAssignment'
    """
    of_team = st.builds(
        AreaAssignment,
        id=_ids(None, "as-"),
        area=area_refs(),
        period=periods(),
        provenance=_maybe_provenance(),
        team=_ids(None, "t-"),
    )
    of_organization = st.builds(
        AreaAssignment,
        id=_ids(None, "as-"),
        area=area_refs(),
        period=periods(),
        provenance=_maybe_provenance(),
        organization=_ids(None, "o-"),
    )
    return st.one_of(of_team, of_organization)


def reporting_lines() -> st.SearchStrategy[ReportingLine]:
    """Reporting lines from a reporter to a different officer.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(reporting_lines(), lambda _: True)).__name__
        'ReportingLine'
    """
    return st.builds(
        ReportingLine,
        id=_ids(None, "rl-"),
        reporter=st.just("p-0"),
        officer=_ids(None, "p-o"),
        period=periods(),
        provenance=_maybe_provenance(),
    )


def residences() -> st.SearchStrategy[Residence]:
    """Residences of a person in a household.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(residences(), lambda _: True)).__name__
        'Residence'
    """
    return st.builds(
        Residence,
        id=_ids(None, "r-"),
        person=_ids(None, "p-"),
        household=_ids(None, "h-"),
        period=periods(),
        provenance=_maybe_provenance(),
    )


def community_graphs(**jurisdiction_arguments: Any) -> st.SearchStrategy[CommunityGraph]:
    """Relationship graphs of generated jurisdictions.

    Requires the ``hypothesis`` extra.

    Takes the same keyword arguments as :func:`jurisdictions`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(community_graphs(police_grids=2))
        ... def test_graph(graph):
        ...     assert len(list(graph.records("membership"))) >= 0
        ...     assert graph.to_jurisdiction()
        >>> test_graph()
    """
    return jurisdictions(**jurisdiction_arguments).map(CommunityGraph.from_jurisdiction)


@st.composite
def _planning_instance(
    draw: st.DrawFn, max_side: int, settings: tuple[AreaSetting, ...]
) -> tuple[list[PlanningUnit], nx.Graph[str]]:
    rows, columns = draw(st.integers(1, max_side)), draw(st.integers(1, max_side))
    graph: nx.Graph[str] = nx.Graph()
    names = {(r, c): f"u{r}-{c}" for r in range(rows) for c in range(columns)}
    graph.add_nodes_from(sorted(names.values()))
    for (r, c), name in names.items():
        for other in ((r + 1, c), (r, c + 1), (r + 1, c + 1)):
            # lattice roads are usually there; diagonals sometimes
            wanted = 0.8 if other[0] == r or other[1] == c else 0.3
            if other in names and draw(st.integers(0, 9)) < wanted * 10:
                graph.add_edge(name, names[other])
    units = []
    for name in sorted(names.values()):
        setting = draw(st.sampled_from(settings))
        cap = DEFAULT_POPULATION_CAPS[setting]
        # mostly 3-6 units per grid, sometimes a unit over the cap on its own
        population = draw(st.one_of(st.integers(0, cap // 2), st.integers(cap // 2, cap * 2)))
        units.append(PlanningUnit(name, population, setting))
    return units, graph


def planning_instances(
    *, max_side: int = 4, settings: Iterable[AreaSetting] = tuple(AreaSetting)
) -> st.SearchStrategy[tuple[list[PlanningUnit], nx.Graph[str]]]:
    """Police-grid planning inputs: units on a lattice with roads, diagonals and gaps.

    Units are named ``u<row>-<column>``; populations mostly leave room for 3-6 units per grid
    under the default caps, with some units over the cap on their own. Shrinks towards one
    unit.

    Examples:
        >>> from hypothesis import given, settings
        >>> from community_policing import plan_police_grids
        >>> @settings(deadline=None, max_examples=20)  # a plan takes up to a second
        ... @given(planning_instances(max_side=3))
        ... def test_plans_cover_every_unit(instance):
        ...     units, adjacency = instance
        ...     result = plan_police_grids(units, adjacency)
        ...     assert sum(len(grid.units) for grid in result.grids) == len(units)
        >>> test_plans_cover_every_unit()
    """
    return _planning_instance(max_side, tuple(settings))


def _phrases() -> st.SearchStrategy[str]:
    return st.text("调解双方同意赔偿退还土地小麦邻里噪音", min_size=1, max_size=12)


def _dates() -> st.SearchStrategy[date]:
    return st.dates(date(2020, 1, 1), date(2025, 12, 31))


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
        >>> from community_policing import CaseWithdrawn
        >>> type(find(case_events(CaseWithdrawn), lambda event: True)).__name__
        'CaseWithdrawn'
    """
    team = st.lists(mediators(), min_size=1, max_size=3, unique_by=lambda m: m.person).map(tuple)
    note = st.one_of(st.none(), _phrases())
    by_kind: dict[type[Any], st.SearchStrategy[Any]] = {
        DisputeReported: st.builds(DisputeReported, disputes()),
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
        msg = f"{kind!r} is not a kind of case event"
        raise ValueError(msg)
    return by_kind[kind]


@st.composite
def _mediation_case(draw: st.DrawFn, max_steps: int) -> MediationCase:
    found = draw(disputes())
    case = MediationCase.open(found)
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
                signers = found.parties[: draw(st.integers(0, len(found.parties)))]
                deal = Agreement(terms=(draw(_phrases()),), signed_by=signers, signed_on=day)
                case = case.resolve(day, deal if signers else None)
            elif step == "refer":
                case = case.refer(day, "o-court", draw(_phrases()))
            else:
                case = case.follow_up(day, "p-visitor")
        except ValidationError:
            continue  # a command the rules refuse leaves the case as it was
    return case


def mediation_cases(*, max_steps: int = 8) -> st.SearchStrategy[MediationCase]:
    """Valid mediation cases on the default ladder: a report, then up to ``max_steps`` commands.

    Commands the case's rules refuse are skipped, so every drawn case replays from its log.
    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given
        >>> from community_policing import MediationCase
        >>> @given(mediation_cases())
        ... def test_logs_replay(case):
        ...     assert MediationCase.replay(case.events) == case
        >>> test_logs_replay()
    """
    return _mediation_case(max_steps)


def audit_records() -> st.SearchStrategy[AuditRecord]:
    """Audit records of locator queries.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(audit_records(), lambda _: True)).__name__
        'AuditRecord'
    """
    return st.builds(
        AuditRecord,
        at=st.datetimes(timezones=st.just(UTC)),
        actor=identifiers(prefix="p-"),
        subject=identifiers(prefix="p-"),
        purpose=_PLACE_NAME,
        query=st.just("locate"),
        as_of=st.dates(date(2000, 1, 1), LATEST),
    )


def register_type_strategies() -> None:
    """Make ``st.from_type(Model)`` draw valid models for every model of the library.

    Requires the ``hypothesis`` extra. hypothesis calls this itself through the
    ``hypothesis`` entry point when the package is installed with the extra, so a test suite
    only needs ``st.from_type(Person)``; call it by hand where entry points are not loaded.

    Examples:
        >>> from hypothesis import find
        >>> from hypothesis import strategies as st
        >>> from community_policing import Person
        >>> register_type_strategies()
        >>> type(find(st.from_type(Person), lambda _: True)).__name__
        'Person'
    """
    _hypothesis_setup_hook()


_SIZES = {
    "stations": (1, 2),
    "districts": (1, 3),
    "police_grids": (1, 4),
    "communities": (1, 4),
    "management_grids": (1, 6),
    "buildings": (0, 6),
    "households": (0, 8),
    "residents": (0, 12),
    "organizations": (0, 3),
}
_PARENT = {
    "districts": "stations",
    "police_grids": "districts",
    "communities": "police_grids",
    "management_grids": "communities",
    "buildings": "management_grids",
    "households": "buildings",
    "residents": "households",
}

#: The rules a generated jurisdiction can be made to break, each in one known way.
VIOLATIONS = frozenset({"one_grid_one_officer", "population_cap", "grid_worker", "fusion"})


#: The day on which a conforming jurisdiction is guaranteed to conform.
DEFAULT_AS_OF = date(2025, 1, 1)

# Strategies built once: creating strategies inside a draw is what makes composites slow.
_PLACE_WORDS = ("东片", "西门", "社东", "北关", "嘉园", "新华", "和平", "康乐", "兴民", "阳光")
_PLACE_NAME = st.sampled_from(_PLACE_WORDS)
_GIVEN_NAMES = tuple(_GIVEN) + tuple(a + b for a in _GIVEN[:8] for b in _GIVEN[8:16])
_BIRTH_SPAN = (LATEST - EARLIEST).days + 1
_PERSON_CHOICES = 8 * len(_SURNAMES) * len(_GIVEN_NAMES) * _BIRTH_SPAN
_PERIOD_CHOICES = 9001 * 3651
#: One integer carries a whole person and a period: a composite that draws one value per
#: resident instead of nine runs several times faster, and 0 is still the simplest example
#: (no personal data, the first name, a period open from 2000-01-01).
_SEED_RANGE = _PERSON_CHOICES * _PERIOD_CHOICES
_SEED = st.integers(0, _SEED_RANGE - 1)
#: Values drawn one by one before the rest follow from one drawn base; past this many, a
#: jurisdiction of thousands of residents would exceed hypothesis' natural example size.
_DRAWN_ONE_BY_ONE = 64


def _drawn_values(draw: st.DrawFn, count: int, upper: int) -> list[int]:
    """``count`` integers in ``[0, upper)``: the first few drawn, the rest derived.

    Shrinking works on the drawn ones (towards 0); the derived ones follow a drawn base
    through a fixed linear congruential sequence, so large jurisdictions stay cheap and within
    hypothesis' limits on example size.
    """
    drawn = draw(
        st.lists(
            st.integers(0, upper - 1),
            min_size=min(count, _DRAWN_ONE_BY_ONE),
            max_size=min(count, _DRAWN_ONE_BY_ONE),
        )
    )
    if count <= _DRAWN_ONE_BY_ONE:
        return drawn
    state = draw(st.integers(0, 2**63 - 1))
    derived = []
    for _ in range(count - _DRAWN_ONE_BY_ONE):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        derived.append(state % upper)
    return drawn + derived


_PERIOD_SEED = st.integers(0, _PERIOD_CHOICES - 1)
_PERIOD_BASE = date(2000, 1, 1)


def _person_from(ident: str, seed: int) -> Person:
    seed %= _PERSON_CHOICES
    which, seed = seed % 8, seed // 8
    surname, seed = _SURNAMES[seed % len(_SURNAMES)], seed // len(_SURNAMES)
    given, seed = _GIVEN_NAMES[seed % len(_GIVEN_NAMES)], seed // len(_GIVEN_NAMES)
    born = EARLIEST + timedelta(days=seed % _BIRTH_SPAN)
    mixed = (seed * 2654435761 + which) % 10**9  # spreads the remaining digits
    card = None
    if which & 1:
        body = f"{_REGIONS[mixed % len(_REGIONS)]}{born:%Y%m%d}{mixed % 1000:03d}"
        card = body + _check_character(body)
    return Person(
        id=ident,
        name=surname + given,
        id_card_number=card,
        phone=f"13{mixed:09d}" if which & 2 else None,
        birth_date=born if which & 4 else None,
    )


def _period_from(seed: int) -> Period:
    offset, length = divmod(seed % _PERIOD_CHOICES, 3651)
    start = _PERIOD_BASE + timedelta(days=offset)
    return Period(start, start + timedelta(days=length) if length else None)


def jurisdictions(
    *,
    stations: int | st.SearchStrategy[int] | None = None,
    districts: int | st.SearchStrategy[int] | None = None,
    police_grids: int | st.SearchStrategy[int] | None = None,
    communities: int | st.SearchStrategy[int] | None = None,
    management_grids: int | st.SearchStrategy[int] | None = None,
    buildings: int | st.SearchStrategy[int] | None = None,
    households: int | st.SearchStrategy[int] | None = None,
    residents: int | st.SearchStrategy[int] | None = None,
    organizations: int | st.SearchStrategy[int] | None = None,
    conforming: bool = False,
    violating: str | None = None,
    as_of: date = DEFAULT_AS_OF,
) -> st.SearchStrategy[Jurisdiction]:
    """Whole, consistent jurisdictions of a requested size.

    Requires the ``hypothesis`` extra.

    Each size argument is the number of entities of that level (or a strategy for it); a level
    left out is drawn small. Every police grid and management grid gets a post, most posts a
    holder, and residents live in households. A level with children needs at least one entity:
    fixed counts that break that raise :class:`ValueError` here.

    Args:
        stations: How many police stations (a number or a strategy; likewise below).
        districts: How many policing districts.
        police_grids: How many police grids.
        communities: How many communities and villages.
        management_grids: How many management grids.
        buildings: How many buildings.
        households: How many households (each at its own address).
        residents: How many residents (they fill the households in turn).
        organizations: How many organisations.
        conforming: Make the jurisdiction follow the sources' norms on ``as_of``: one grid,
            one officer (exactly one officer or auxiliary in force per police grid), the
            population caps (:data:`~community_policing.DEFAULT_POPULATION_CAPS`, one setting
            per police grid), a grid worker in every management grid, every unit in a police
            grid.
        violating: Conform in everything but the named rule (one of :data:`VIOLATIONS`),
            broken in one known place: ``"one_grid_one_officer"`` leaves police grid
            ``pg-0`` without a holder, ``"population_cap"`` puts ``pg-0`` one person over its
            cap, ``"grid_worker"`` leaves management grid ``mg-0`` without one, ``"fusion"``
            takes community ``c-0`` and its grids out of every police grid.
        as_of: The day the norms hold (or break) on.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(jurisdictions(police_grids=3, residents=5))
        ... def test_sizes(doc):
        ...     assert len(doc.police_grids) == 3
        ...     assert len(doc.residences) == 5
        >>> test_sizes()
    """
    given = {
        "stations": stations,
        "districts": districts,
        "police_grids": police_grids,
        "communities": communities,
        "management_grids": management_grids,
        "buildings": buildings,
        "households": households,
        "residents": residents,
        "organizations": organizations,
    }
    counts = {
        name: st.integers(*_SIZES[name]) if value is None else _count(value, name)
        for name, value in given.items()
    }
    for child, parent in _PARENT.items():
        child_value, parent_value = given[child], given[parent]
        if isinstance(child_value, int) and child_value > 0 and parent_value == 0:
            msg = f"{child}={child_value} needs at least one of {parent}, got {parent}=0"
            raise ValueError(msg)
    if not isinstance(conforming, bool):
        msg = f"conforming must be a bool, got {type(conforming).__name__}"
        raise TypeError(msg)
    if violating is not None and violating not in VIOLATIONS:
        msg = f"violating must be one of {', '.join(sorted(VIOLATIONS))}, got {violating!r}"
        raise ValueError(msg)
    if type(as_of) is not date:
        msg = f"as_of must be a date, got {type(as_of).__name__}"
        raise TypeError(msg)
    if violating is not None or conforming:
        # the rule-shaped cases need the unit each rule names
        for level in ("police_grids", "communities", "management_grids"):
            if given[level] == 0:
                msg = f"{level}=0 leaves nothing for the norms to hold on"
                raise ValueError(msg)
            counts[level] = counts[level].map(lambda k: max(k, 1))
    return _jurisdiction(counts, conforming or violating is not None, violating, as_of)


@st.composite
def _jurisdiction(  # noqa: PLR0915  (one document, built level by level)
    draw: st.DrawFn,
    counts: dict[str, st.SearchStrategy[int]],
    normed: bool,  # noqa: FBT001
    violating: str | None,
    as_of: date,
) -> Jurisdiction:
    n = {name: draw(strategy) for name, strategy in counts.items()}
    # A level with children needs a parent; widen a drawn count rather than filter.
    for child_level, parent_level in reversed(tuple(_PARENT.items())):
        if n[child_level] and not n[parent_level]:
            n[parent_level] = 1
    if not n["stations"] and any(n[level] for level in _PARENT):
        n["stations"] = 1

    def parents(level: str) -> list[int]:
        """The parent index of every entity of ``level``.

        The first ones in order, the rest drawn (index 0 first, so examples shrink towards
        one parent).
        """
        count, above = n[level], n[_PARENT[level]]
        fixed = list(range(min(count, above)))
        if count <= above:
            return fixed
        return fixed + _drawn_values(draw, count - above, above)

    def names(count: int) -> list[str]:
        words = draw(st.lists(_PLACE_NAME, min_size=count, max_size=count))
        return [f"{word}{i}" for i, word in enumerate(words)]

    sub_bureau = SubBureau(id="sb-0", name=draw(_PLACE_NAME))
    stations = tuple(
        PoliceStation(id=f"ps-{i}", name=name, sub_bureau=sub_bureau.id)
        for i, name in enumerate(names(n["stations"]))
    )
    districts = tuple(
        PolicingDistrict(id=f"pd-{i}", name=name, station=f"ps-{parent}")
        for i, (name, parent) in enumerate(
            zip(names(n["districts"]), parents("districts"), strict=True)
        )
    )
    grids = tuple(
        PoliceGrid(id=f"pg-{i}", name=name, district=f"pd-{parent}")
        for i, (name, parent) in enumerate(
            zip(names(n["police_grids"]), parents("police_grids"), strict=True)
        )
    )
    grid_settings = draw(
        st.lists(st.sampled_from(AreaSetting), min_size=len(grids), max_size=len(grids))
    )
    community_parents = parents("communities")
    raw_settings = draw(
        st.lists(st.sampled_from(AreaSetting), min_size=n["communities"], max_size=n["communities"])
    )
    populations = draw(
        st.lists(st.integers(0, 6000), min_size=n["communities"], max_size=n["communities"])
    )
    community_list = []
    for i, parent in enumerate(community_parents):
        setting = grid_settings[parent] if normed else raw_settings[i]
        population = populations[i]
        if normed:
            # the communities of one police grid share its cap evenly
            share = DEFAULT_POPULATION_CAPS[setting] // community_parents.count(parent)
            population = population % (share + 1)
            if violating == "population_cap" and i == 0:
                population = (
                    DEFAULT_POPULATION_CAPS[setting]
                    + 1
                    - sum(
                        populations[j] % (share + 1)
                        for j, other in enumerate(community_parents)
                        if other == parent and j != 0
                    )
                )
        kind = (
            CommunityKind.COMMUNITY
            if setting is AreaSetting.URBAN
            else CommunityKind.ADMINISTRATIVE_VILLAGE
        )
        outside = violating == "fusion" and i == 0
        community_list.append(
            Community(
                id=f"c-{i}",
                name=f"{_PLACE_WORDS[i % len(_PLACE_WORDS)]}{i}",
                kind=kind,
                setting=setting,
                population=max(population, 0),
                police_grid=None if outside else f"pg-{parent}",
            )
        )
    mgrids = tuple(
        ManagementGrid(id=f"mg-{i}", name=f"网格{i}", community=f"c-{parent}")
        for i, parent in enumerate(parents("management_grids"))
    )
    building_floors = draw(
        st.lists(
            st.one_of(st.none(), st.integers(1, 33)),
            min_size=n["buildings"],
            max_size=n["buildings"],
        )
    )
    building_list = tuple(
        Building(id=f"b-{i}", name=f"{i}号楼", management_grid=f"mg-{parent}", floors=floors)
        for i, (parent, floors) in enumerate(
            zip(parents("buildings"), building_floors, strict=True)
        )
    )
    addresses = tuple(
        StandardAddress(id=f"a-{i}", text=f"示例路{i}号", building=f"b-{parent}")
        for i, parent in enumerate(parents("households"))
    )
    household_list = tuple(Household(id=f"h-{i}", address=f"a-{i}") for i in range(n["households"]))

    # residents fill the households in turn: one drawn value per resident
    seeds = _drawn_values(draw, n["residents"], _SEED_RANGE)
    people = [_person_from(f"p-{i}", seed) for i, seed in enumerate(seeds)]
    residence_list = [
        Residence(
            id=f"r-{i}",
            person=f"p-{i}",
            household=f"h-{i % n['households']}",
            period=_period_from(seed // _PERSON_CHOICES),
        )
        for i, seed in enumerate(seeds)
    ]
    kinds = draw(
        st.lists(
            st.sampled_from(OrganizationKind),
            min_size=n["organizations"],
            max_size=n["organizations"],
        )
    )
    organization_list = tuple(
        Organization(
            id=f"o-{i}",
            name=f"组织{i}",
            kind=kind,
            function=AgencyFunction.JUSTICE
            if kind in (OrganizationKind.GOVERNMENT_AGENCY, OrganizationKind.MASS_ORGANIZATION)
            else None,
            # offices sit at an address when the document has one
            address=addresses[i % len(addresses)].id
            if kind is OrganizationKind.COMMUNITY_POLICE_OFFICE and addresses
            else None,
        )
        for i, kind in enumerate(kinds)
    )

    grid_roles = draw(
        st.lists(
            st.sampled_from(sorted(POLICE_GRID_ROLES, key=lambda role: role.value)),
            min_size=len(grids),
            max_size=len(grids),
        )
    )
    post_list = [
        Post(id=f"post-{grid.id}", role=role, area=AreaRef(AreaKind.POLICE_GRID, grid.id))
        for grid, role in zip(grids, grid_roles, strict=True)
    ]
    post_list.extend(
        Post(
            id=f"post-{grid.id}",
            role=Role.GRID_WORKER,
            area=AreaRef(AreaKind.MANAGEMENT_GRID, grid.id),
        )
        for grid in mgrids
    )
    # Who holds each post: a new staff person, for a drawn period (or, under the norms, one in
    # force on as_of); a drawn vacancy unless the norms want every post held.
    staff = draw(
        st.lists(st.tuples(st.booleans(), _SEED), min_size=len(post_list), max_size=len(post_list))
    )
    vacant_post = {"one_grid_one_officer": "post-pg-0", "grid_worker": "post-mg-0"}.get(
        violating or ""
    )
    membership_list: list[Membership] = []
    for post, (vacant, seed) in zip(post_list, staff, strict=True):
        if post.id == vacant_post or (vacant and not normed):
            continue
        holder = f"p-{len(people)}"
        people.append(_person_from(holder, seed))
        period_seed = seed // _PERSON_CHOICES
        period = (
            Period(as_of - timedelta(days=period_seed % 3650 + 1))
            if normed
            else _period_from(period_seed)
        )
        membership_list.append(
            Membership(id=f"m-{len(membership_list)}", person=holder, post=post.id, period=period)
        )

    team_list, ties, assignments, lines = _social_ties(draw, people, residence_list, grids)
    membership_list.extend(
        Membership(
            id=f"m-{len(membership_list) + i}",
            person=person,
            team=team,
            period=_period_from(draw(_PERIOD_SEED)),
        )
        for i, (person, team) in enumerate(
            (person.id, team.id) for team in team_list for person in people[:2]
        )
    )

    return Jurisdiction(
        id="j-0",
        name=draw(_PLACE_NAME),
        sub_bureaus=(sub_bureau,) if n["stations"] else (),
        police_stations=stations,
        policing_districts=districts,
        police_grids=grids,
        communities=tuple(community_list),
        management_grids=mgrids,
        buildings=building_list,
        standard_addresses=addresses,
        households=household_list,
        persons=tuple(people),
        residences=tuple(residence_list),
        organizations=organization_list,
        posts=tuple(post_list),
        memberships=tuple(membership_list),
        teams=team_list,
        family_ties=ties,
        area_assignments=assignments,
        reporting_lines=lines,
    )


def _social_ties(
    draw: st.DrawFn,
    people: list[Person],
    residence_list: list[Residence],
    grids: tuple[PoliceGrid, ...],
) -> tuple[
    tuple[Team, ...], tuple[FamilyTie, ...], tuple[AreaAssignment, ...], tuple[ReportingLine, ...]
]:
    """Teams serving police grids, family ties within households, and tips to the first person."""
    team_count = draw(st.integers(0, min(2, len(grids))))
    purposes = draw(
        st.lists(st.sampled_from(TeamPurpose), min_size=team_count, max_size=team_count)
    )
    team_list = tuple(
        Team(id=f"t-{grid.id}", name=f"队伍{i}", purpose=purpose)
        for i, (grid, purpose) in enumerate(zip(grids, purposes, strict=False))
    )
    assignments = tuple(
        AreaAssignment(
            id=f"as-{team.id}",
            team=team.id,
            area=AreaRef(AreaKind.POLICE_GRID, team.id.removeprefix("t-")),
            period=_period_from(draw(_PERIOD_SEED)),
        )
        for team in team_list
    )
    pairs = [
        (earlier, later)
        for earlier, later in itertools.pairwise(residence_list)
        if earlier.household == later.household
    ]
    tie_kinds = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(Kinship)), min_size=len(pairs), max_size=len(pairs)
        )
    )
    ties = tuple(
        FamilyTie(id=f"f-{earlier.id}", person=earlier.person, relative=later.person, kinship=kind)
        for (earlier, later), kind in zip(pairs, tie_kinds, strict=True)
        if kind is not None
    )
    reporters = people[1:3]
    reporting = draw(
        st.lists(
            st.one_of(st.none(), _PERIOD_SEED), min_size=len(reporters), max_size=len(reporters)
        )
    )
    lines = tuple(
        ReportingLine(
            id=f"rl-{person.id}",
            reporter=person.id,
            officer=people[0].id,
            period=_period_from(period_seed),
        )
        for person, period_seed in zip(reporters, reporting, strict=True)
        if period_seed is not None
    )
    return team_list, ties, assignments, lines


# ------------------------------------------------------------------------ services and outreach

_SHANGHAI = ZoneInfo(DEFAULT_TIMEZONE)
_MONDAY = date(2025, 1, 6)


def _minutes_of(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _clock_at(minutes: int) -> time:
    return time(minutes // 60, minutes % 60)


@st.composite
def _interval_within(draw: st.DrawFn, weekday: int, earliest: int, latest: int) -> WeeklyInterval:
    """An interval on ``weekday`` between two minutes of the day, in half hours."""
    slots = (latest - earliest) // 30
    start = draw(st.integers(0, slots - 1))
    end = draw(st.integers(start + 1, slots))
    return WeeklyInterval(weekday, _clock_at(earliest + 30 * start), _clock_at(earliest + 30 * end))


def weekly_intervals() -> st.SearchStrategy[WeeklyInterval]:
    """Stretches of a week in half hours, between 06:00 and 23:00.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(weekly_intervals(), lambda i: i.weekday == 6).hours
        0.5
    """
    return st.integers(0, 6).flatmap(lambda day: _interval_within(day, 6 * 60, 23 * 60))


@st.composite
def _working_hours(
    draw: st.DrawFn, rule: FlexibleHoursRule, *, flexible: bool | None
) -> WorkingHours:
    complies = draw(st.booleans()) if flexible is None else flexible
    breakable = [
        name
        for name, needed in (
            ("evenings", rule.evenings),
            ("weekend_daytimes", rule.weekend_daytimes),
            ("notice_days", rule.notice_days),
        )
        if needed
    ]
    broken = None if complies else draw(st.sampled_from(breakable))
    evenings = rule.evenings - (broken == "evenings")
    weekends = rule.weekend_daytimes - (broken == "weekend_daytimes")
    evening_days = draw(st.permutations(range(5)))[:evenings]
    weekend_days = draw(st.permutations((5, 6)))[:weekends]
    evening_start = _minutes_of(rule.evening[0])
    intervals = [WeeklyInterval(day, *rule.evening) for day in evening_days]
    intervals += [WeeklyInterval(day, *rule.weekend_daytime) for day in weekend_days]
    # office hours on the other weekdays, kept clear of the evening window so they never
    # count as an evening (and so never mend a schedule drawn to break the rule)
    free_days = [day for day in range(5) if day not in evening_days]
    if evening_start >= 6 * 60 + 30:
        for day in draw(st.lists(st.sampled_from(free_days), unique=True)) if free_days else []:
            intervals.append(draw(_interval_within(day, 6 * 60, min(evening_start, 17 * 60))))
    notice = rule.notice_days - (broken == "notice_days")
    effective = draw(st.dates(date(2024, 1, 1), date(2026, 12, 31)))
    return WorkingHours(
        officer=draw(identifiers(prefix="p-")),
        office=draw(identifiers(prefix="o-")),
        posted_on=effective - timedelta(days=notice + draw(st.integers(0, 14)) * complies),
        effective_from=effective,
        intervals=intervals,
    )


def working_hours(
    *, flexible: bool | None = None, rule: FlexibleHoursRule | None = None
) -> st.SearchStrategy[WorkingHours]:
    """Posted weekly hours that meet a flexible-hours rule, or break it in one way.

    ``flexible=True`` meets ``rule`` (default :class:`~community_policing.FlexibleHoursRule`),
    ``False`` breaks exactly one of its requirements, ``None`` draws either.

    Evenings go on weekdays and weekend daytimes on Saturday and Sunday, each exactly the
    rule's window; other office hours stay clear of the evening.

    Requires the ``hypothesis`` extra.

    Raises:
        ValueError: the rule asks for more than five evenings or two weekend days, or cannot
            be broken because it asks for nothing.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import FlexibleHoursRule
        >>> hours = find(working_hours(flexible=False), lambda _: True)
        >>> len(FlexibleHoursRule().findings(hours))
        1
    """
    chosen = FlexibleHoursRule() if rule is None else rule
    if chosen.evenings > 5 or chosen.weekend_daytimes > 2:
        raise ValueError("working_hours: at most five evenings and two weekend days can be drawn")
    if flexible is False and not (chosen.evenings or chosen.weekend_daytimes or chosen.notice_days):
        raise ValueError("working_hours: a rule that asks for nothing cannot be broken")
    return _working_hours(chosen, flexible=flexible)


def rosters(*, max_size: int = 4) -> st.SearchStrategy[Roster]:
    """Rosters of up to ``max_size`` officers' hours, at most one set per officer and office.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> roster = find(rosters(), lambda roster: len(roster.hours) == 2)
        >>> len({(hours.officer, hours.office) for hours in roster.hours})
        2
    """
    return st.lists(
        working_hours(), max_size=max_size, unique_by=lambda h: (h.officer, h.office)
    ).map(Roster)


@st.composite
def _appointment(draw: st.DrawFn) -> Appointment:
    start = datetime.combine(draw(_dates()), _clock_at(30 * draw(st.integers(12, 40))), _SHANGHAI)
    return Appointment(
        id=draw(identifiers(prefix="ap-")),
        office=draw(identifiers(prefix="o-")),
        officer=draw(identifiers(prefix="p-")),
        service=draw(st.sampled_from(ServiceKind)),
        start=start,
        end=start + timedelta(minutes=draw(st.sampled_from((15, 30, 60)))),
        resident=draw(st.one_of(st.none(), identifiers(prefix="p-r"))),
        cancelled=draw(st.booleans()),
    )


def appointments() -> st.SearchStrategy[Appointment]:
    """Single appointments in Shanghai time; :func:`appointment_books` draws consistent books.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> appointment = find(appointments(), lambda a: a.cancelled)
        >>> appointment.end > appointment.start
        True
    """
    return _appointment()


@st.composite
def _appointment_book(draw: st.DrawFn, max_steps: int) -> AppointmentBook:
    officers = draw(
        st.lists(
            working_hours(flexible=True), min_size=1, max_size=3, unique_by=lambda h: h.officer
        )
    )
    roster = Roster([attrs.evolve(h, office="o-1") for h in officers])
    book = AppointmentBook(roster)
    start = datetime.combine(max(h.effective_from for h in officers), time(0), _SHANGHAI)
    for step in range(draw(st.integers(0, max_steps))):
        open_ones = [a.id for a in book.appointments if not a.cancelled]
        if open_ones and draw(st.integers(0, 3)) == 0:
            book = book.cancel(draw(st.sampled_from(open_ones)))
            continue
        after = start + timedelta(hours=draw(st.integers(0, 24 * 14)))
        length = timedelta(minutes=draw(st.sampled_from((15, 30, 60))))
        found = book.next_free_slot("o-1", after=after, duration=length)
        if found is not None:
            officer, at = found
            book = book.book(
                Appointment(
                    id=f"ap-{step}",
                    office="o-1",
                    officer=officer,
                    service=draw(st.sampled_from(ServiceKind)),
                    start=at,
                    end=at + length,
                    resident=draw(st.one_of(st.none(), identifiers(prefix="p-r"))),
                )
            )
    return book


def appointment_books(*, max_steps: int = 6) -> st.SearchStrategy[AppointmentBook]:
    """Appointment books built by a drawn sequence of bookings and cancellations.

    Each booking takes a free slot found by
    :meth:`~community_policing.AppointmentBook.next_free_slot`, at one office ``o-1`` with
    one to three officers keeping flexible hours.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> book = find(appointment_books(), lambda b: len(b.appointments) >= 2)
        >>> len({a.officer for a in book.appointments}) <= len(book.roster.hours)
        True
    """
    return _appointment_book(max_steps)


def service_records() -> st.SearchStrategy[ServiceRecord]:
    """Service-ledger entries of every kind.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import ServiceKind
        >>> find(service_records(), lambda r: r.kind is ServiceKind.DELIVERY).kind.zh
        '送证上门'
    """
    return st.builds(
        ServiceRecord,
        id=identifiers(prefix="s-"),
        kind=st.sampled_from(ServiceKind),
        office=identifiers(prefix="o-"),
        on=_dates(),
        served_by=identifiers(prefix="p-"),
        requested_by=st.one_of(st.none(), identifiers(prefix="p-r")),
        outcome=st.one_of(st.none(), _phrases()),
    )


def service_ledgers(*, max_size: int = 20) -> st.SearchStrategy[ServiceLedger]:
    """Ledgers of up to ``max_size`` records with distinct ids.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> len(find(service_ledgers(), lambda ledger: len(ledger.records) > 2).records)
        3
    """
    return st.lists(service_records(), max_size=max_size, unique_by=lambda r: r.id).map(
        ServiceLedger
    )


def interaction_records() -> st.SearchStrategy[InteractionRecord]:
    """Records of the 1+5 programme: monthly reports, visits and exchanges.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import InteractionKind
        >>> find(interaction_records(), lambda r: r.kind is InteractionKind.HOME_VISIT).kind.zh
        '入户走访'
    """
    return st.builds(
        InteractionRecord,
        id=identifiers(prefix="i-"),
        kind=st.sampled_from(InteractionKind),
        office=identifiers(prefix="o-"),
        on=_dates(),
        officer=identifiers(prefix="p-"),
        note=st.one_of(st.none(), _phrases()),
    )


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


def floor_plans(*, max_units: int = 8) -> st.SearchStrategy[FloorPlan]:
    """Floor plans of one building with up to ``max_units`` units and a short history.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> len(find(floor_plans(), lambda plan: len(plan.units) == 3).units)
        3
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
    )


def tips() -> st.SearchStrategy[Tip]:
    """Sentinels' tips at every stage: received, acted on, closed with an outcome.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import TipStatus
        >>> find(tips(), lambda t: t.status is TipStatus.CLOSED).outcome.en
        'fraud prevented'
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


def school_sessions() -> st.SearchStrategy[SchoolSession]:
    """Police-school sessions on the sources' topics or a host's own.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import SchoolTopic
        >>> session = find(school_sessions(), lambda s: s.topic is SchoolTopic.OTHER)
        >>> session.title == session.custom_topic
        True
    """
    return _school_session()


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


# ------------------------------------------------------------------------------------ patrol


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
        raise ValueError("patrol_shifts: needs at least one zone and one company")
    return _patrol_shift(zone_ids, company_ids)


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


@st.composite
def _incident(draw: st.DrawFn) -> Incident:
    moment = datetime.combine(draw(_dates()), _clock_at(draw(st.integers(0, 1439))), _SHANGHAI)
    return Incident(
        id=draw(identifiers(prefix="i-")),
        at=moment,
        place=draw(area_refs()),
        category=draw(st.sampled_from(IncidentCategory)),
        source=draw(st.sampled_from(ReportChannel)),
    )


def incidents() -> st.SearchStrategy[Incident]:
    """Incidents at any minute of 2020-2025 in Shanghai time, at any kind of place.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(incidents(), lambda i: i.at.hour == 23).at.tzinfo is not None
        True
    """
    return _incident()


def cameras() -> st.SearchStrategy[Camera]:
    """Cameras of the video net, with or without a monitor.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(cameras(), lambda c: c.monitor is not None).monitor.startswith("p-")
        True
    """
    return st.builds(
        Camera,
        id=identifiers(prefix="cam-"),
        watches=area_refs(),
        monitor=st.one_of(st.none(), identifiers(prefix="p-")),
        location=st.one_of(st.none(), _PLACE_NAME),
    )


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
    )


def calls() -> st.SearchStrategy[Call]:
    """110 calls, some not yet dispatched or attended.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> call = find(calls(), lambda c: c.arrived is not None)
        >>> call.arrived >= call.dispatched >= call.received
        True
    """
    return _call()


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
