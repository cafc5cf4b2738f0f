import logging
from datetime import date

import pytest
from hypothesis import given

from community_policing import (
    SENSITIVE,
    AgencyFunction,
    AreaRef,
    Membership,
    Organization,
    OrganizationKind,
    Period,
    Person,
    Post,
    Residence,
    Role,
    ValidationError,
    is_valid_id_card_number,
    is_valid_phone_number,
    sensitive_fields,
)
from community_policing.testing import strategies as cps

CARD = "11010519491231002X"  # the GB 11643 standard's own worked example
PHONE = "13800138000"


def test_id_card_numbers():
    assert is_valid_id_card_number(CARD)
    assert not is_valid_id_card_number("110105194912310021")  # wrong check character
    assert not is_valid_id_card_number("11010519491231002x")  # lower-case x
    assert not is_valid_id_card_number("11010519491331002X")  # month 13
    assert not is_valid_id_card_number("110105189912310028")  # born 1899
    assert not is_valid_id_card_number("1101051949123100")
    assert not is_valid_id_card_number(110105194912310020)  # type: ignore[arg-type]


def test_check_character_is_verified_for_every_wrong_digit():
    for wrong in "0123456789":
        number = CARD[:-1] + wrong
        assert not is_valid_id_card_number(number)


def test_future_birth_date_is_not_plausible():
    body = "11010520991231001"
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    check = "10X98765432"[sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11]
    with pytest.raises(ValidationError, match="not plausible"):
        Person(id="p", name="x", id_card_number=body + check)


@given(cps.id_card_numbers())
def test_generated_numbers_are_valid(number):
    assert is_valid_id_card_number(number)


@pytest.mark.parametrize("number", ["13800138000", "19912345678", "0537-2345678", "01012345678"])
def test_valid_phones(number):
    assert is_valid_phone_number(number)


@pytest.mark.parametrize("number", ["12800138000", "1380013800", "+8613800138000", "2345678", ""])
def test_invalid_phones(number):
    assert not is_valid_phone_number(number)


def test_birth_date_must_match_the_card():
    assert Person(id="p", name="李娜", id_card_number=CARD, birth_date=date(1949, 12, 31))
    with pytest.raises(ValidationError) as caught:
        Person(id="p", name="李娜", id_card_number=CARD, birth_date=date(1950, 1, 1))
    assert caught.value.rule == "birth_date_matches_id_card"
    no_card = Person(id="p", name="李娜", birth_date=date(1950, 1, 1))
    assert no_card.birth_date_from_id_card() is None


def test_sensitive_fields_are_marked():
    assert sensitive_fields(Person) == {"id_card_number", "phone", "birth_date"}
    assert sensitive_fields(Post) == frozenset()
    assert SENSITIVE == "community_policing.sensitive"


@given(cps.persons(with_personal_data=True))
def test_personal_data_never_appears_in_repr_or_str(person):
    shown = repr(person) + str(person)
    for value in (person.id_card_number, person.phone, person.birth_date):
        if value is not None:
            assert str(value) not in shown
            assert repr(value) not in shown


@pytest.mark.parametrize(
    "fields",
    [
        {"id_card_number": "11010519491231002Y"},
        {"id_card_number": "110105194912310021"},
        {"phone": "999-BAD-PHONE"},
        {"phone": 13800138000},
        {"id_card_number": CARD, "birth_date": date(1960, 5, 4)},
    ],
)
def test_personal_data_never_appears_in_errors_or_logs(fields, caplog):
    caplog.set_level(logging.DEBUG)
    with pytest.raises(ValidationError) as caught:
        Person(id="p-1", name="王芳", **fields)
    message = str(caught.value) + repr(caught.value) + caplog.text
    for value in fields.values():
        assert str(value) not in message
    assert "1960-05-04" not in message


def test_organization_function_only_for_agencies():
    agency = Organization(
        id="o",
        name="环保局",
        kind=OrganizationKind.GOVERNMENT_AGENCY,
        function=AgencyFunction.ECOLOGY_AND_ENVIRONMENT,
    )
    assert agency.function is AgencyFunction.ECOLOGY_AND_ENVIRONMENT
    with pytest.raises(ValidationError) as caught:
        Organization(
            id="o", name="法院", kind=OrganizationKind.COURT, function=AgencyFunction.JUSTICE
        )
    assert caught.value.rule == "function_needs_agency"


def test_post_exists_without_holder_but_needs_a_scope():
    post = Post(id="post-1", role=Role.GRID_WORKER, area=AreaRef.parse("management_grid:mg-1"))
    assert post.organization is None
    with pytest.raises(ValidationError) as caught:
        Post(id="post-2", role=Role.GRID_WORKER)
    assert caught.value.rule == "post_has_scope"
    with pytest.raises(ValidationError) as caught:
        Post(id="post-3", role=Role.GRID_WORKER, area="management_grid:mg-1")  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.rule) == ("area", "type")


def test_membership_targets_and_history():
    period = Period(date(2023, 1, 1))
    held = Membership(id="m", person="p", post="post-1", period=period)
    ended = held.ended(date(2024, 1, 1))
    assert held.is_active(date(2025, 1, 1))
    assert not ended.is_active(date(2025, 1, 1))
    assert ended.is_active(date(2023, 6, 1))
    assert ended.id == held.id
    with pytest.raises(ValidationError, match="exactly one of post, organization and team"):
        Membership(id="m", person="p", period=period)
    with pytest.raises(ValidationError, match="exactly one of post, organization and team"):
        Membership(id="m", person="p", period=period, post="x", organization="o")
    with pytest.raises(ValidationError) as caught:
        Membership(id="m", person="p", period=period, post="x", role=Role.LAWYER)
    assert caught.value.rule == "role_from_post"
    guard = Membership(
        id="m", person="p", period=period, organization="o-co", role=Role.SECURITY_GUARD
    )
    assert guard.role is Role.SECURITY_GUARD


def test_one_person_holds_several_roles_at_once():
    period = Period(date(2023, 1, 1))
    roles = [
        Membership(id=f"m-{i}", person="p-1", post=post, period=period)
        for i, post in enumerate(["post-volunteer", "post-sentinel", "post-building-head"])
    ]
    assert all(m.is_active(date(2024, 1, 1)) for m in roles)


def test_residence():
    residence = Residence(
        id="r", person="p", household="h", period=Period(date(2020, 1, 1), date(2021, 1, 1))
    )
    assert residence.is_active(date(2020, 6, 1))
    assert not residence.is_active(date(2021, 1, 1))
    with pytest.raises(ValidationError) as caught:
        Residence(id="r", person="p", household="h", period="2020-01-01")  # type: ignore[arg-type]
    assert caught.value.field == "period"


def test_card_with_a_valid_check_character_but_no_such_day():
    number = "110105194913310021"  # month 13, check character correct
    assert not is_valid_id_card_number(number)
    with pytest.raises(ValidationError, match="not a calendar date"):
        Person(id="p", name="x", id_card_number=number)


def test_card_must_be_text():
    with pytest.raises(ValidationError) as caught:
        Person(id="p", name="x", id_card_number=11010519491231002)  # type: ignore[arg-type]
    assert (caught.value.field, caught.value.rule) == ("id_card_number", "type")
    assert "11010519491231002" not in str(caught.value)
