"""Strategies for people, organisations, posts and the relation records between them.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import persons
    >>> find(persons(), lambda _: True).name
    '王伟'
"""

from __future__ import annotations

from datetime import UTC, date, timedelta, timezone

from hypothesis import strategies as st

from community_policing.model.audit import PRIVILEGED_AUDIENCES, AuditRecord
from community_policing.model.boundaries import BOUNDED_KINDS, AreaBoundary
from community_policing.model.formulas import BUILT_IN_FORMULAS
from community_policing.model.jurisdiction import COLLECTIONS, RECORD_COLLECTIONS, Lifetime
from community_policing.model.people import (
    FamilyTie,
    Membership,
    Organization,
    Person,
    Post,
    RentalHousing,
    ReportingLine,
    Residence,
    id_card_check_character,
)
from community_policing.model.periods import Period, Provenance
from community_policing.model.teams import AreaAssignment, Team
from community_policing.model.territory import (
    AreaRef,
)
from community_policing.model.vocab import (
    AgencyFunction,
    AreaKind,
    Kinship,
    OrganizationKind,
    PopulationCategory,
    Role,
    TeamPurpose,
)
from community_policing.testing.strategies._core import (
    _PLACE_NAME,
    _REGIONS,
    _SEED,
    EARLIEST,
    LATEST,
    _ids,
    _person_from,
    _place_names,
    _strategy,
    draws,
    identifiers,
    refuse,
)
from community_policing.testing.strategies.territory import boundaries, geo_points

__all__ = [
    "area_assignments",
    "area_boundaries",
    "area_refs",
    "audit_records",
    "family_ties",
    "id_card_numbers",
    "lifetimes",
    "memberships",
    "organizations",
    "periods",
    "persons",
    "phone_numbers",
    "posts",
    "provenances",
    "rental_housings",
    "reporting_lines",
    "residences",
    "teams",
]


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
        return body + id_card_check_character(body)

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


@draws(Period)
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
        reason = f"must be a bool or None, got {type(open_ended).__name__}"
        raise refuse("open_ended", reason, "type")
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


@draws(Person)
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


@draws(AreaRef)
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
        id=draw(identifiers(prefix="o-")),
        name=draw(_place_names()),
        kind=kind,
        function=function,
        location=draw(st.one_of(st.none(), geo_points())),
    )


@draws(Organization)
def organizations() -> st.SearchStrategy[Organization]:
    """Organisations of every kind; only agencies and mass organisations get a function.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(organizations(), lambda _: True)).__name__
        'Organization'
    """
    return _organization()


@draws(Post)
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


@draws(Membership)
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


@draws(Provenance)
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


@draws(Lifetime)
def lifetimes() -> st.SearchStrategy[Lifetime]:
    """When an entity of any kind exists (its id drawn freely).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(lifetimes(), lambda _: True)).__name__
        'Lifetime'
    """
    kinds = sorted(cls.KIND for name, cls in COLLECTIONS.items() if name not in RECORD_COLLECTIONS)
    return st.builds(Lifetime, st.sampled_from(kinds), identifiers(), periods())


@draws(AreaBoundary)
def area_boundaries() -> st.SearchStrategy[AreaBoundary]:
    """Drawings of any area that may have a boundary (its id drawn freely).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(area_boundaries(), lambda _: True).area.kind.value
        'sub_bureau'
    """
    kinds = st.sampled_from(sorted(BOUNDED_KINDS, key=list(AreaKind).index))
    return st.builds(AreaBoundary, area_refs(kind=kinds), boundaries(), periods())


def _maybe_provenance() -> st.SearchStrategy[Provenance | None]:
    return st.one_of(st.none(), provenances())


@draws(FamilyTie)
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


@draws(Team)
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


@draws(AreaAssignment)
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


@draws(ReportingLine)
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


@draws(Residence)
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
        category=st.one_of(st.none(), st.sampled_from(PopulationCategory)),
        permit_expires=st.one_of(st.none(), st.dates(EARLIEST, LATEST)),
    )


@draws(RentalHousing)
def rental_housings() -> st.SearchStrategy[RentalHousing]:
    """Let dwellings (出租房屋): a landlord letting a standard address for a period.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(rental_housings(), lambda _: True).landlord.startswith("p-")
        True
    """
    return st.builds(
        RentalHousing,
        id=_ids(None, "rh-"),
        landlord=_ids(None, "p-"),
        address=_ids(None, "a-"),
        period=periods(),
    )


@draws(AuditRecord)
def audit_records() -> st.SearchStrategy[AuditRecord]:
    """Audit records of locator queries.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(audit_records(), lambda _: True)).__name__
        'AuditRecord'
    """
    # any zone, and fixed offsets down to the second (historic local mean time: +08:05:43)
    offsets = st.timedeltas(-timedelta(hours=23, minutes=59), timedelta(hours=23, minutes=59))
    whole = offsets.map(lambda offset: timedelta(seconds=int(offset.total_seconds())))
    zones = st.one_of(st.just(UTC), st.timezones(), whole.map(timezone))
    return st.builds(
        AuditRecord,
        at=st.datetimes(timezones=zones),
        actor=identifiers(prefix="p-"),
        subject=st.one_of(st.none(), identifiers(prefix="p-")),
        purpose=_PLACE_NAME,
        query=st.sampled_from(("locate", "write_graphml", "floor_plan")),
        as_of=st.dates(date(2000, 1, 1), LATEST),
        audience=st.sampled_from(sorted(PRIVILEGED_AUDIENCES, key=lambda a: a.value)),
    )
