from pathlib import Path

import pytest

from community_policing import AreaKind, AreaSetting, BilingualEnum, Role, ValidationError
from community_policing.model import vocab

ENUMS = [
    value
    for value in vars(vocab).values()
    if isinstance(value, type) and issubclass(value, BilingualEnum) and value is not BilingualEnum
]


@pytest.mark.parametrize("enum", ENUMS)
def test_every_member_has_a_chinese_label_and_a_stable_value(enum):
    for member in enum:
        assert member.zh
        assert all("\u4e00" <= char <= "\u9fff" or char in "/（）0123456789" for char in member.zh)
        assert member.value == member.value.lower()
        assert " " not in member.value
        assert enum(member.value) is member


@pytest.mark.parametrize("enum", ENUMS)
def test_values_and_labels_are_unique(enum):
    members = list(enum)
    assert len({m.value for m in members}) == len(members)
    assert len({m.zh for m in members}) == len(members)


def test_unknown_value_names_every_allowed_value():
    with pytest.raises(ValidationError) as caught:
        AreaSetting("suburban")
    error = caught.value
    assert error.rule == "allowed_values"
    assert error.entity == "area_setting"
    assert "'suburban' is not one of rural, urban" in str(error)
    assert isinstance(error, ValueError)


def test_long_unknown_values_are_shortened():
    with pytest.raises(ValidationError) as caught:
        Role("x" * 200)
    assert len(str(caught.value)) < 600
    assert "x" * 60 not in str(caught.value)


def test_labels():
    assert Role.GRID_WORKER.zh == "网格员"
    assert Role.GRID_WORKER.en == "grid worker"
    assert Role.GRID_WORKER.label == "grid worker (网格员)"
    assert AreaKind.POLICE_GRID.zh == "警格"


def test_users_can_declare_their_own_bilingual_enum():
    class Shift(BilingualEnum):
        DAY = "day", "白班"
        NIGHT = "night", "夜班"

    assert Shift("night") is Shift.NIGHT
    assert Shift.allowed_values() == ("day", "night")
    with pytest.raises(ValidationError, match="'dusk' is not one of day, night"):
        Shift("dusk")


def test_concepts_page_lists_every_term():
    page = (Path(__file__).parent.parent / "docs" / "concepts.md").read_text(encoding="utf-8")
    for enum in ENUMS:
        for member in enum:
            assert f"| {member.zh} | {member.en} | `{enum.__name__}.{member.name}`" in page, member
