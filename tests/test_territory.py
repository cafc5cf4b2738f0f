import pytest

from community_policing import (
    AreaKind,
    AreaRef,
    AreaSetting,
    Building,
    Community,
    CommunityKind,
    Household,
    ManagementGrid,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    ResidentialCompound,
    StandardAddress,
    SubBureau,
    ValidationError,
)


def community(**changes):
    fields = {
        "id": "c-1",
        "name": "西门社区",
        "kind": CommunityKind.COMMUNITY,
        "setting": AreaSetting.URBAN,
        "population": 9600,
    }
    fields.update(changes)
    return Community(**fields)


def test_valid_entities_build():
    SubBureau(id="sb", name="分局")
    PoliceStation(id="ps", name="派出所", sub_bureau="sb")
    PolicingDistrict(id="pd", name="警务区", station="ps")
    PoliceGrid(id="pg", name="警格", district="pd")
    assert community().population == 9600
    ManagementGrid(id="mg", name="网格", community="c-1", police_grid="pg", population=0)
    ResidentialCompound(id="rc", name="小区", community="c-1")
    Building(id="b", name="楼", management_grid="mg", compound="rc", floors=6)
    StandardAddress(id="a", text="路1号", building="b")
    StandardAddress(id="a2", text="校门", management_grid="mg")
    Household(id="h", address="a")


@pytest.mark.parametrize(
    ("changes", "field", "rule"),
    [
        ({"id": ""}, "id", "identifier"),
        ({"id": "has space"}, "id", "identifier"),
        ({"id": "x" * 129}, "id", "identifier"),
        ({"id": 7}, "id", "type"),
        ({"name": "   "}, "name", "not_blank"),
        ({"name": "名" * 2001}, "name", "max_length"),
        ({"name": None}, "name", "type"),
        ({"population": -1}, "population", "non_negative"),
        ({"population": True}, "population", "type"),
        ({"population": 3.5}, "population", "type"),
        ({"setting": "urban"}, "setting", "type"),
        ({"kind": None}, "kind", "type"),
        ({"police_grid": ""}, "police_grid", "identifier"),
    ],
)
def test_impossible_values_are_refused(changes, field, rule):
    with pytest.raises(ValidationError) as caught:
        community(**changes)
    assert caught.value.entity == "community"
    assert caught.value.field == field
    assert caught.value.rule == rule


def test_error_names_the_entity_when_its_id_is_valid():
    with pytest.raises(ValidationError, match=r"^community 'c-1': population: must not be"):
        community(population=-5)
    with pytest.raises(ValidationError, match=r"^community: id: "):
        community(id="")


@pytest.mark.parametrize(
    "parents",
    [{}, {"building": "b", "management_grid": "mg"}],
)
def test_address_needs_exactly_one_parent(parents):
    with pytest.raises(ValidationError) as caught:
        StandardAddress(id="a", text="路1号", **parents)
    assert caught.value.rule == "exactly_one_parent"
    assert caught.value.field is None


def test_area_ref_round_trips_through_text():
    ref = AreaRef(AreaKind.MANAGEMENT_GRID, "mg:1")
    assert str(ref) == "management_grid:mg:1"
    assert AreaRef.parse(str(ref)) == ref


@pytest.mark.parametrize("text", ["pg-1", "", 5, "castle:x"])
def test_area_ref_rejects_malformed_text(text):
    with pytest.raises(ValidationError):
        AreaRef.parse(text)


def test_models_are_frozen():
    grid = PoliceGrid(id="pg", name="警格", district="pd")
    with pytest.raises(AttributeError):
        grid.name = "x"  # type: ignore[misc]
