"""People, organisations, and the posts and memberships that give people their roles.

A role is held, not inherited (the Popolo model): a :class:`Post` such as "auxiliary of police
grid X" exists with or without a holder, and a :class:`Membership` binds a :class:`Person` to a
post or an :class:`Organization` for a :class:`~community_policing.model.periods.Period`. One
person can be
a resident, a safety volunteer and a sentinel at once; an ended membership keeps its history.

Personal data — the resident ID-card number (居民身份证号码), phone numbers and the exact birth
date — is marked sensitive: it never appears in ``repr``, ``str`` or error messages.

Examples:
    >>> from community_policing import Person
    >>> person = Person(
    ...     id="p-1", name="李娜", id_card_number="11010519491231002X", phone="13800138000"
    ... )
    >>> person
    Person(id='p-1', name='李娜')
    >>> person.birth_date_from_id_card()
    datetime.date(1949, 12, 31)
"""

from __future__ import annotations

import re
from datetime import date
from operator import mul
from typing import Any, ClassVar

import attrs

from community_policing.errors import ValidationError
from community_policing.model import validators as v
from community_policing.model.codes import credit_code_problem, optional_code
from community_policing.model.coordinates import GeoPoint
from community_policing.model.periods import InForce, Period, Provenance
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import (
    AgencyFunction,
    Kinship,
    OrganizationKind,
    PopulationCategory,
    Role,
)

__all__ = [
    "FamilyTie",
    "Membership",
    "Organization",
    "Person",
    "Post",
    "RentalHousing",
    "ReportingLine",
    "Residence",
    "SENSITIVE",
    "id_card_check_character",
    "is_valid_id_card_number",
    "is_valid_phone_number",
    "sensitive_fields",
]

#: The attrs metadata key that marks a field as personal data.
SENSITIVE = "community_policing.sensitive"

_ID_CARD = re.compile(r"[1-9][0-9]{16}[0-9X]")
_ID_CARD_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CARD_CHECK_CODES = "10X98765432"
_EARLIEST_BIRTH = date(1900, 1, 1)
# A mainland mobile number, or a landline with its area code (an optional dash between).
_PHONE = re.compile(r"1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}")


def id_card_check_character(body: str) -> str:
    """The check character (ISO 7064 MOD 11-2) that completes the first 17 digits of a number.

    Examples:
        >>> id_card_check_character("11010519491231002")
        'X'
    """
    if type(body) is not str or len(body) != 17 or not body.isdecimal() or not body.isascii():
        raise ValidationError(
            entity="id_card_number", field=None, rule="shape", reason="needs exactly 17 digits"
        )
    return _ID_CARD_CHECK_CODES[sum(map(mul, map(int, body), _ID_CARD_WEIGHTS)) % 11]


def _id_card_problem(number: str) -> str | None:
    """Why ``number`` is not a valid GB 11643 citizen identity number, or ``None``."""
    if not _ID_CARD.fullmatch(number):
        return "must be 17 digits and a check character (digit or X)"
    if id_card_check_character(number[:17]) != number[17]:
        return "check character does not match (GB 11643)"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "birth date inside the number is not a calendar date"
    if not _EARLIEST_BIRTH <= born <= date.today():  # noqa: DTZ011  (a calendar date, no zone)
        return "birth date inside the number is not plausible"
    return None


def is_valid_id_card_number(number: str) -> bool:
    """Whether ``number`` is a valid 18-character resident ID-card number (GB 11643).

    Checks the shape, the ISO 7064 MOD 11-2 check character and that the embedded birth date
    is a real date between 1900 and today.

    Examples:
        >>> is_valid_id_card_number("11010519491231002X")
        True
        >>> is_valid_id_card_number("110105194912310021")
        False
    """
    return isinstance(number, str) and _id_card_problem(number) is None


def is_valid_phone_number(number: str) -> bool:
    """Whether ``number`` is a mainland mobile number or a landline with area code.

    Examples:
        >>> is_valid_phone_number("13800138000"), is_valid_phone_number("0537-2345678")
        (True, True)
        >>> is_valid_phone_number("12345")
        False
    """
    return isinstance(number, str) and _PHONE.fullmatch(number) is not None


def sensitive_fields(cls: type[Any]) -> frozenset[str]:
    """The names of the fields of an attrs class that hold personal data.

    Examples:
        >>> sorted(sensitive_fields(Person))
        ['birth_date', 'id_card_number', 'phone']
    """
    return frozenset(a.name for a in attrs.fields(cls) if a.metadata.get(SENSITIVE, False))


_PERSONAL_DATA = {SENSITIVE: True}


@document
@attrs.frozen
class Person:
    """A person (identity only; roles come from memberships, homes from residences).

    Args:
        id: Stable id.
        name: Display name.
        id_card_number: Resident ID-card number (18 characters, GB 11643). Sensitive.
        phone: Mainland mobile or landline number. Sensitive.
        birth_date: Exact birth date; must agree with the ID-card number when both are
            given. Sensitive.

    Examples:
        >>> Person(id="p-2", name="张伟", id_card_number="110105194912310021")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: person 'p-2': id_card_number:
            check character does not match (GB 11643)
    """

    KIND: ClassVar[str] = "person"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    id_card_number: str | None = attrs.field(default=None, repr=False, metadata=_PERSONAL_DATA)
    phone: str | None = attrs.field(default=None, repr=False, metadata=_PERSONAL_DATA)
    birth_date: date | None = attrs.field(default=None, repr=False, metadata=_PERSONAL_DATA)

    @id_card_number.validator
    def _check_id_card(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None:
            return
        v.string(self, attribute, value)
        problem = _id_card_problem(value)
        if problem is not None:
            raise v.fail(self, attribute.name, "id_card_number", problem)

    @phone.validator
    def _check_phone(self, attribute: attrs.Attribute[str | None], value: str | None) -> None:
        if value is None:
            return
        v.string(self, attribute, value)
        if _PHONE.fullmatch(value) is None:
            raise v.fail(
                self, attribute.name, "phone_number", "not a Chinese mobile or landline number"
            )

    @birth_date.validator
    def _check_birth_date(
        self, attribute: attrs.Attribute[date | None], value: date | None
    ) -> None:
        if value is None:
            return
        v.calendar_date(self, attribute, value)
        if not _EARLIEST_BIRTH <= value <= date.today():  # noqa: DTZ011  (a calendar date)
            raise v.fail(self, attribute.name, "birth_date", "is not between 1900 and today")
        if self.id_card_number is not None and value != self.birth_date_from_id_card():
            raise v.fail(
                self,
                attribute.name,
                "birth_date_matches_id_card",
                "does not match the birth date inside the ID-card number",
            )

    def birth_date_from_id_card(self) -> date | None:
        """The birth date encoded in the ID-card number, if there is one."""
        number = self.id_card_number
        if number is None:
            return None
        return date(int(number[6:10]), int(number[10:12]), int(number[12:14]))


@document
@attrs.frozen
class Organization:
    """An organisation: police unit, agency, court, company, school, volunteer group.

    Args:
        id: Stable id.
        name: Display name.
        kind: What sort of organisation it is.
        function: For a government agency or mass organisation, what it does (mediation
            referral keys on it); ``None`` for every other kind.
        address: The standard address it sits at, if recorded (a community police office
            (社区警务室) answers "where do I go" with it).
        location: Its point (WGS-84), when known: where a police office stands, for the
            distance to a call.
        credit_code: Its unified social credit code (统一社会信用代码, GB 32100), whose
            check character is checked.

    Examples:
        >>> from community_policing import AgencyFunction, OrganizationKind
        >>> Organization(
        ...     id="o-env", name="黄石市生态环境局铁山分局",
        ...     kind=OrganizationKind.GOVERNMENT_AGENCY,
        ...     function=AgencyFunction.ECOLOGY_AND_ENVIRONMENT,
        ... ).function.zh
        '环保局'
    """

    KIND: ClassVar[str] = "organization"
    _KINDS_WITH_FUNCTION: ClassVar[frozenset[OrganizationKind]] = frozenset(
        {OrganizationKind.GOVERNMENT_AGENCY, OrganizationKind.MASS_ORGANIZATION}
    )

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    kind: OrganizationKind = attrs.field(validator=v.member_of(OrganizationKind))
    function: AgencyFunction | None = attrs.field(
        default=None, validator=v.member_of(AgencyFunction, optional=True)
    )
    address: str | None = attrs.field(default=None, validator=v.optional_identifier)
    location: GeoPoint | None = attrs.field(
        default=None, validator=v.instance_of(GeoPoint, optional=True)
    )
    credit_code: str | None = attrs.field(
        default=None, validator=optional_code(credit_code_problem)
    )

    def __attrs_post_init__(self) -> None:
        if self.function is not None and self.kind not in self._KINDS_WITH_FUNCTION:
            raise v.fail(
                self,
                "function",
                "function_needs_agency",
                "only a government agency or mass organisation has a function",
            )


@document
@attrs.frozen
class Post:
    """A position that a person can hold, with or without a current holder.

    A post covers a place (``area``), belongs to an organisation, or both: "auxiliary of
    police grid X", "security guard of company Y", "mediator of the justice bureau".

    Examples:
        >>> from community_policing import AreaRef, Role
        >>> post = Post(
        ...     id="post-pg-01", role=Role.RESIDENT_AUXILIARY,
        ...     area=AreaRef.parse("police_grid:pg-01"),
        ... )
        >>> post.role.label, str(post.area)
        ('resident auxiliary (驻村辅警)', 'police_grid:pg-01')
    """

    KIND: ClassVar[str] = "post"

    id: str = attrs.field(validator=v.identifier)
    role: Role = attrs.field(validator=v.member_of(Role))
    area: AreaRef | None = attrs.field(
        default=None, validator=v.instance_of(AreaRef, optional=True)
    )
    organization: str | None = attrs.field(default=None, validator=v.optional_identifier)
    title: str | None = attrs.field(default=None, validator=v.optional_text)

    def __attrs_post_init__(self) -> None:
        if self.area is None and self.organization is None:
            raise v.fail(self, None, "post_has_scope", "needs an area, an organization, or both")


@document
@attrs.frozen
class Membership(InForce):
    """A person holding a post, or belonging to an organisation or a team, for a period.

    Exactly one of ``post``, ``organization`` and ``team`` is given. A membership of an
    organisation or team may state the role held in it (a guard of a security company, the
    grid worker of a 1+1+N team); a post already has its role.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> held = Membership(id="m-1", person="p-1", post="post-pg-01",
        ...                   period=Period(date(2023, 6, 1)))
        >>> held.is_active(date(2024, 1, 1))
        True
        >>> held.ended(date(2024, 3, 1)).is_active(date(2024, 3, 1))
        False
    """

    KIND: ClassVar[str] = "membership"

    id: str = attrs.field(validator=v.identifier)
    person: str = attrs.field(validator=v.identifier)
    period: Period = attrs.field(validator=v.instance_of(Period))
    post: str | None = attrs.field(default=None, validator=v.optional_identifier)
    organization: str | None = attrs.field(default=None, validator=v.optional_identifier)
    role: Role | None = attrs.field(default=None, validator=v.member_of(Role, optional=True))
    team: str | None = attrs.field(default=None, validator=v.optional_identifier)
    provenance: Provenance | None = attrs.field(
        default=None, validator=v.instance_of(Provenance, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        targets = (self.post, self.organization, self.team)
        if sum(target is not None for target in targets) != 1:
            raise v.fail(
                self,
                None,
                "exactly_one_target",
                "needs exactly one of post, organization and team",
            )
        if self.post is not None and self.role is not None:
            raise v.fail(
                self, "role", "role_from_post", "a post membership takes its role from the post"
            )


@document
@attrs.frozen
class Residence(InForce):
    """A person living in a household for a period (actual population, 实有人口).

    A person has at most one residence in force on any day; the
    :class:`~community_policing.model.jurisdiction.Jurisdiction` checks that.

    ``category`` says how the person is counted there (户籍, 人户分离, 流动 ...);
    ``permit_expires`` is the first day their residence permit (居住证) no longer holds, when
    they have one — a floating resident needs one in force.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> Residence(id="r-1", person="p-1", household="h-1", period=Period(date(2020, 5, 1)))
        Residence(id='r-1', person='p-1', household='h-1',
                  period=Period(start=datetime.date(2020, 5, 1), end=None), provenance=None,
                  category=None, permit_expires=None)
    """

    KIND: ClassVar[str] = "residence"

    id: str = attrs.field(validator=v.identifier)
    person: str = attrs.field(validator=v.identifier)
    household: str = attrs.field(validator=v.identifier)
    period: Period = attrs.field(validator=v.instance_of(Period))
    provenance: Provenance | None = attrs.field(
        default=None, validator=v.instance_of(Provenance, optional=True)
    )
    category: PopulationCategory | None = attrs.field(
        default=None, validator=v.member_of(PopulationCategory, optional=True)
    )
    permit_expires: date | None = attrs.field(default=None, validator=v.optional_calendar_date)


@document
@attrs.frozen
class RentalHousing(InForce):
    """A let dwelling (出租房屋, of the actual houses 实有房屋): who lets which address, when.

    Its tenants are the residents of the households at the address while it is let. Who lets a
    dwelling is personal data, read like a residence (see
    :mod:`~community_policing.graph.redaction`).

    Args:
        id: Stable id.
        landlord: The person letting it (房东).
        address: The standard address let.
        period: When it is let.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> RentalHousing(id="rh-1", landlord="p-1", address="a-1",
        ...               period=Period(date(2024, 3, 1))).address
        'a-1'
    """

    KIND: ClassVar[str] = "rental_housing"

    id: str = attrs.field(validator=v.identifier)
    landlord: str = attrs.field(validator=v.identifier)
    address: str = attrs.field(validator=v.identifier)
    period: Period = attrs.field(validator=v.instance_of(Period))


@document
@attrs.frozen
class FamilyTie:
    """A family tie between two persons (亲属关系), read "person is <kinship> of relative".

    Mediators may not sit on a dispute of their own family, so the graph needs these.

    Args:
        id: Stable id.
        person: One person.
        relative: The other person; not the same as ``person``.
        kinship: How they are related.
        period: When the tie holds (a marriage may end); ``None`` for always.

    Examples:
        >>> from community_policing import Kinship
        >>> FamilyTie(id="f-1", person="p-lv-da", relative="p-lv-er", kinship=Kinship.SIBLING)
        FamilyTie(id='f-1', person='p-lv-da', relative='p-lv-er',
                  kinship=<Kinship.SIBLING: 'sibling'>, period=None, provenance=None)
    """

    KIND: ClassVar[str] = "family_tie"

    id: str = attrs.field(validator=v.identifier)
    person: str = attrs.field(validator=v.identifier)
    relative: str = attrs.field(validator=v.identifier)
    kinship: Kinship = attrs.field(validator=v.member_of(Kinship))
    period: Period | None = attrs.field(
        default=None, validator=v.instance_of(Period, optional=True)
    )
    provenance: Provenance | None = attrs.field(
        default=None, validator=v.instance_of(Provenance, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.person == self.relative:
            raise v.fail(self, "relative", "distinct_persons", "a person is not their own relative")

    def is_active(self, day: date) -> bool:
        """Whether the tie holds on ``day``."""
        return self.period is None or self.period.contains(day)

    def ended(self, on: date) -> FamilyTie:
        """A copy that ends on ``on``."""
        start = self.period.start if self.period is not None else date.min
        return attrs.evolve(self, period=Period(start, on))


@document
@attrs.frozen
class ReportingLine(InForce):
    """A person who passes tips to an officer (平安前哨 → 民警), for a period.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> ReportingLine(id="rl-1", reporter="p-courier", officer="p-officer",
        ...               period=Period(date(2024, 1, 1))).is_active(date(2024, 5, 1))
        True
    """

    KIND: ClassVar[str] = "reporting_line"

    id: str = attrs.field(validator=v.identifier)
    reporter: str = attrs.field(validator=v.identifier)
    officer: str = attrs.field(validator=v.identifier)
    period: Period = attrs.field(validator=v.instance_of(Period))
    provenance: Provenance | None = attrs.field(
        default=None, validator=v.instance_of(Provenance, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if self.reporter == self.officer:
            raise v.fail(
                self, "officer", "distinct_persons", "a person does not report to themselves"
            )
