"""Strategies for the places of the territory, one level at a time.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import police_grids
    >>> type(find(police_grids(), lambda _: True)).__name__
    'PoliceGrid'
"""

from __future__ import annotations

from hypothesis import strategies as st

from community_policing.model.addresses import AddressParts
from community_policing.model.boundaries import Boundary
from community_policing.model.codes import URBAN_RURAL_CODES
from community_policing.model.coordinates import GeoPoint
from community_policing.model.territory import (
    Building,
    Community,
    County,
    Household,
    ManagementGrid,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    ResidentialCompound,
    StandardAddress,
    SubBureau,
    Township,
)
from community_policing.model.vocab import (
    AreaSetting,
    CommunityKind,
    TownshipKind,
)
from community_policing.testing.strategies._core import (
    _count,
    _ids,
    _place_names,
    _strategy,
    draws,
    identifiers,
    refuse,
)
from community_policing.testing.strategies.codes import (
    community_codes,
    division_codes,
    grid_codes,
    police_codes,
    township_codes,
)

__all__ = [
    "address_parts",
    "boundaries",
    "buildings",
    "communities",
    "counties",
    "geo_points",
    "households",
    "management_grids",
    "police_grids",
    "police_stations",
    "policing_districts",
    "residential_compounds",
    "standard_addresses",
    "sub_bureaus",
    "townships",
]


def geo_points() -> st.SearchStrategy[GeoPoint]:
    """Points anywhere on the earth, the poles and the antimeridian included.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(geo_points(), lambda point: point.lat > 89).lat <= 90
        True
    """
    return st.builds(
        GeoPoint,
        st.floats(-180.0, 180.0, allow_nan=False),
        st.floats(-90.0, 90.0, allow_nan=False),
    )


def _maybe_point() -> st.SearchStrategy[GeoPoint | None]:
    return st.one_of(st.none(), geo_points())


def _rectangle(lon: float, lat: float, width: float, height: float) -> list[tuple[float, float]]:
    east, north = min(lon + width, 180.0), min(lat + height, 90.0)
    return [(lon, lat), (east, lat), (east, north), (lon, north), (lon, lat)]


@draws(Boundary)
def boundaries(*, max_polygons: int = 3) -> st.SearchStrategy[Boundary]:
    """Boundaries of one to ``max_polygons`` rectangles somewhere on the earth.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(boundaries(), lambda _: True)).__name__
        'Boundary'
    """
    if type(max_polygons) is not int or max_polygons < 1:
        raise refuse("max_polygons", "must be a whole number from 1")
    rectangle = st.builds(
        _rectangle,
        st.floats(-179.0, 178.0, allow_nan=False),
        st.floats(-89.0, 88.0, allow_nan=False),
        st.floats(1e-6, 1.0, allow_nan=False),
        st.floats(1e-6, 1.0, allow_nan=False),
    )
    polygons = st.lists(rectangle.map(lambda ring: [ring]), min_size=1, max_size=max_polygons)
    return polygons.map(Boundary)


def _maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strategy)


@draws(County)
def counties() -> st.SearchStrategy[County]:
    """County-level divisions (区/县), some with a code and a sub-bureau.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(counties(), lambda county: county.code is not None).code[:2] != "00"
        True
    """
    return st.builds(
        County,
        id=_ids(None, "cty-"),
        name=_place_names(),
        code=_maybe(division_codes()),
        sub_bureau=_maybe(identifiers(prefix="sb-")),
    )


@st.composite
def _township(draw: st.DrawFn, county: str | st.SearchStrategy[str] | None) -> Township:
    kind = draw(st.sampled_from(TownshipKind))
    return Township(
        id=draw(_ids(None, "t-")),
        name=draw(_place_names()),
        county=draw(_ids(county, "cty-")),
        kind=kind,
        code=draw(_maybe(township_codes(kind=kind))),
        station=draw(_maybe(identifiers(prefix="ps-"))),
    )


@draws(Township)
def townships(*, county: str | st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Township]:
    """Streets, towns and townships (街道/乡镇) of the given county id (default: any).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(townships(), lambda _: True)).__name__
        'Township'
    """
    return _township(county)


_STEMS = ("西门", "中山", "人民", "解放", "建设", "和平", "文化", "光明", "幸福", "嘉禾")
_ADMIN = (("山东省", "济宁市", "示例县", "西门街道"), ("江苏省", "宿迁市", "湖滨区", "示例镇"))


@st.composite
def _address_parts(draw: st.DrawFn) -> AddressParts:
    number = st.integers(1, 999).map(str)
    admin = draw(st.sampled_from(_ADMIN))
    start = draw(st.integers(0, 4))  # how many of the four division names lead
    named = dict(zip(("province", "city", "county", "township")[4 - start :], admin[4 - start :],
                     strict=True))  # fmt: skip
    road = draw(st.sampled_from(_STEMS)) + draw(st.sampled_from(("路", "街", "巷", "大道")))
    compound = draw(st.sampled_from(_STEMS)) + draw(st.sampled_from(("小区", "花园", "公寓")))
    floor = draw(st.integers(1, 30))
    optional = {
        "compound": draw(st.one_of(st.none(), st.just(compound))),
        "building": draw(st.one_of(st.none(), number)),
        "unit": draw(st.one_of(st.none(), st.integers(1, 9).map(str))),
        "floor": draw(st.one_of(st.none(), st.just(str(floor)))),
        "room": draw(st.one_of(st.none(), st.integers(1, 8).map(lambda n: f"{floor}{n:02d}"))),
    }
    return AddressParts(road=road, door_number=draw(number), **named, **optional)


@draws(AddressParts)
def address_parts() -> st.SearchStrategy[AddressParts]:
    """Structured addresses whose canonical text reads back to the same parts.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing.model.addresses import parse_address
        >>> parts = find(address_parts(), lambda p: p.unit is not None)
        >>> parse_address(parts.text()) == parts
        True
    """
    return _address_parts()


@draws(SubBureau)
def sub_bureaus(*, id: str | st.SearchStrategy[str] | None = None) -> st.SearchStrategy[SubBureau]:  # noqa: A002
    """Sub-bureaus (分局).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(sub_bureaus(), lambda _: True)).__name__
        'SubBureau'
    """
    return st.builds(
        SubBureau, id=_ids(id, "sb-"), name=_place_names(), code=_maybe(police_codes())
    )


@draws(PoliceStation)
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
        PoliceStation,
        id=_ids(None, "ps-"),
        name=_place_names(),
        sub_bureau=_ids(sub_bureau, "sb-"),
        code=_maybe(police_codes()),
    )


@draws(PolicingDistrict)
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


@draws(PoliceGrid)
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


@draws(Community)
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
        township=_maybe(identifiers(prefix="t-")),
        code=_maybe(community_codes()),
        urban_rural=_maybe(st.sampled_from(sorted(URBAN_RURAL_CODES))),
    )


@draws(ManagementGrid)
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
        code=_maybe(grid_codes()),
    )


@draws(ResidentialCompound)
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


@draws(Building)
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
        location=_maybe_point(),
    )


@draws(StandardAddress)
def standard_addresses() -> st.SearchStrategy[StandardAddress]:
    """Standard addresses (标准地址), in a building or directly in a management grid.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(standard_addresses(), lambda _: True)).__name__
        'StandardAddress'
    """
    in_building = st.builds(
        StandardAddress,
        id=_ids(None, "a-"),
        text=_place_names(),
        building=_ids(None, "b-"),
        location=_maybe_point(),
    )
    structured = st.builds(
        lambda ident, parts, building: StandardAddress(
            id=ident, text=parts.text(), building=building, parts=parts
        ),
        _ids(None, "a-"),
        address_parts(),
        _ids(None, "b-"),
    )
    in_grid = st.builds(
        StandardAddress,
        id=_ids(None, "a-"),
        text=_place_names(),
        management_grid=_ids(None, "mg-"),
        location=_maybe_point(),
    )
    return st.one_of(in_building, in_grid, structured)


@draws(Household)
def households() -> st.SearchStrategy[Household]:
    """Households (户).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> type(find(households(), lambda _: True)).__name__
        'Household'
    """
    return st.builds(Household, id=_ids(None, "h-"), address=_ids(None, "a-"))
