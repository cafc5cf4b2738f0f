"""A synthetic province (合成省份) for tests, benchmarks and load tests: one station at a time.

:func:`province_parts` gives a province as parts, one police station each, every part a valid
jurisdiction of its own (the station, its street, districts, police grids, communities,
management grids, buildings, households and residents, the staff of its posts and their teams,
with the county and sub-bureau above). A station's part is made from the seed and the station's
number alone, so the parts come in any order, one at a time, and a province of ten million
residents never has to be held: stream it into a store with
:meth:`~community_policing.store.store.Store.save_parts`. :func:`province` joins the parts of a
small one in memory.

Like a real province, nearly everything stays inside its station, and a few relations cross:
some residents are volunteers of the next station's grids, and some have a relative living in the
previous station. A few posts are left vacant, so the checks have something to find. Every
name and number is invented; ID-card numbers are valid in form and unique in the province.

Examples:
    >>> from community_policing.sample import province, province_parts
    >>> parts = list(province_parts(stations=3, residents_per_station=300))
    >>> [part.police_stations[-1].id for part in parts]
    ['ps-0', 'ps-1', 'ps-2']
    >>> len(province(stations=3, residents_per_station=300).persons) > 900
    True
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

from community_policing.errors import ValidationError
from community_policing.model import (
    AddressParts,
    AreaAssignment,
    AreaKind,
    AreaRef,
    AreaSetting,
    Building,
    Community,
    CommunityKind,
    County,
    FamilyTie,
    Household,
    Jurisdiction,
    Kinship,
    ManagementGrid,
    Membership,
    Period,
    Person,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    Post,
    Residence,
    Role,
    StandardAddress,
    SubBureau,
    Team,
    TeamPurpose,
    Township,
    TownshipKind,
    id_card_check_character,
)
from community_policing.model.extent import joined

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["province", "province_parts"]

#: The shape of one station: districts, police grids, communities (the first villages),
#: management grids, and residents per building.
DISTRICTS, POLICE_GRIDS, COMMUNITIES, VILLAGES, MANAGEMENT_GRIDS = 5, 20, 30, 6, 100
PER_BUILDING = 60
STATIONS_PER_COUNTY = 10
_START = Period(date(2023, 1, 1))
_BORN = date(1940, 1, 1)
_DAYS = 25_000  # birth dates spread over about 68 years
_VOLUNTEERS_ABROAD = 20  # residents volunteering in the next station's grids
_RELATIVES_ABROAD = 20  # residents with a relative in the previous station


def province_parts(
    *, stations: int = 100, residents_per_station: int = 100_000, seed: int = 0
) -> Iterator[Jurisdiction]:
    """The province's parts, one police station each, made one at a time.

    Args:
        stations: How many police stations (ten to a county, each county its own sub-bureau).
        residents_per_station: Residents of each station (staff come on top, about one per
            fourteen hundred residents' grids).
        seed: The seed; the same arguments give the same province.

    Raises:
        ValidationError: fewer than one station, or fewer than 100 residents a station.

    Examples:
        >>> part = next(province_parts(stations=2, residents_per_station=200, seed=1))
        >>> part.id, len(part.police_grids), len(part.management_grids)
        ('province', 20, 100)
    """
    if stations < 1:
        raise ValidationError(
            entity="province", field="stations", rule="count", reason="at least one station"
        )
    if residents_per_station < 100:
        raise ValidationError(
            entity="province",
            field="residents_per_station",
            rule="count",
            reason="at least 100 residents a station",
        )
    for station in range(stations):
        yield _station(station, residents_per_station, seed)


def province(
    *, stations: int = 4, residents_per_station: int = 1_000, seed: int = 0
) -> Jurisdiction:
    """A small province in memory: :func:`~community_policing.model.extent.joined` of its parts.

    Examples:
        >>> whole = province(stations=2, residents_per_station=200)
        >>> [station.id for station in whole.police_stations]
        ['ps-0', 'ps-1']
    """
    return joined(
        province_parts(stations=stations, residents_per_station=residents_per_station, seed=seed)
    )


def _county_code(county: int) -> str:
    return f"37{county // 99 + 1:02d}{county % 99 + 1:02d}"


def _resident(station: int, index: int, residents: int, seed: int) -> Person:
    """Resident ``index`` of ``station``: made from those numbers alone, the same in any part."""
    county = station // STATIONS_PER_COUNTY
    place = (station % STATIONS_PER_COUNTY) * residents + index  # unique in the county
    day = ((place % _DAYS) * 7919 + seed) % _DAYS  # a permutation of the days (7919 is prime)
    born = _BORN + timedelta(days=day)
    body = f"{_county_code(county)}{born:%Y%m%d}{place // _DAYS:03d}"
    return Person(
        id=f"p-{station}-{index}",
        name=f"居民{station}-{index}",
        id_card_number=body + id_card_check_character(body),
        phone=f"13{station * residents + index:09d}",
        birth_date=born,
    )


def _top(station: int) -> tuple[County, SubBureau, PoliceStation, Township]:
    county = station // STATIONS_PER_COUNTY
    code = _county_code(county)
    return (
        County(id=f"cty-{county}", name=f"示例县{county}", code=code, sub_bureau=f"sb-{county}"),
        SubBureau(id=f"sb-{county}", name=f"分局{county}", code=f"{code}000000"),
        PoliceStation(
            id=f"ps-{station}",
            name=f"第{station}派出所",
            sub_bureau=f"sb-{county}",
            code=f"{code}5{station:05d}",
        ),
        Township(
            id=f"t-{station}",
            name=f"街道{station}",
            county=f"cty-{county}",
            kind=TownshipKind.STREET,
            code=f"{code}{station % STATIONS_PER_COUNTY + 1:03d}",
            station=f"ps-{station}",
        ),
    )


def _station(station: int, residents: int, seed: int) -> Jurisdiction:
    rng = random.Random(f"{seed}:{station}")  # noqa: S311  (reproducible data, not secrets)
    s = station
    county, bureau, police, township = _top(s)
    districts = [
        PolicingDistrict(id=f"pd-{s}-{d}", name=f"警务区{s}-{d}", station=police.id)
        for d in range(DISTRICTS)
    ]
    grids = [
        PoliceGrid(id=f"pg-{s}-{g}", name=f"警格{s}-{g}", district=f"pd-{s}-{g % DISTRICTS}")
        for g in range(POLICE_GRIDS)
    ]
    communities = []
    for k in range(COMMUNITIES):
        village = k < VILLAGES
        communities.append(
            Community(
                id=f"c-{s}-{k}",
                name=f"村{s}-{k}" if village else f"社区{s}-{k}",
                kind=CommunityKind.ADMINISTRATIVE_VILLAGE if village else CommunityKind.COMMUNITY,
                setting=AreaSetting.RURAL if village else AreaSetting.URBAN,
                population=residents // COMMUNITIES,
                police_grid=f"pg-{s}-{k}" if village else None,
                township=township.id,
                code=f"{township.code}{k + 1:03d}",
                urban_rural="220" if village else "111",
            )
        )
    management = []
    for m in range(MANAGEMENT_GRIDS):
        k = m % COMMUNITIES
        management.append(
            ManagementGrid(
                id=f"mg-{s}-{m}",
                name=f"网格{s}-{m}",
                community=f"c-{s}-{k}",
                police_grid=None
                if k < VILLAGES
                else f"pg-{s}-{VILLAGES + m % (POLICE_GRIDS - VILLAGES)}",
                code=f"000000{communities[k].code}{m // COMMUNITIES + 1:02d}",
            )
        )
    households = residents // 3 + 1
    buildings = [
        Building(id=f"b-{s}-{b}", name=f"{b}号楼", management_grid=f"mg-{s}-{b % MANAGEMENT_GRIDS}")
        for b in range(max(1, residents // PER_BUILDING))
    ]
    addresses, homes = [], []
    for h in range(households):
        b = h % len(buildings)
        parts = AddressParts(
            road=f"示例路{s}",
            door_number=str(b // 10 + 1),
            building=str(b % 10 + 1),
            unit=str(h % 4 + 1),
            room=f"{h // len(buildings) % 30 + 1}0{h % 2 + 1}",
        )
        addresses.append(
            StandardAddress(id=f"a-{s}-{h}", text=parts.text(), building=f"b-{s}-{b}", parts=parts)
        )
        homes.append(Household(id=f"h-{s}-{h}", address=f"a-{s}-{h}"))
    persons = [_resident(s, i, residents, seed) for i in range(residents)]
    residences = [
        Residence(id=f"r-{s}-{i}", person=f"p-{s}-{i}", household=f"h-{s}-{i // 3}", period=_START)
        for i in range(residents)
    ]
    posts, memberships, staff = _posts(s, rng)
    for n, person in enumerate(staff):  # staff live in their station too
        residences.append(
            Residence(
                id=f"r-{person.id}",
                person=person.id,
                household=f"h-{s}-{n * 7 % households}",
                period=_START,
            )
        )
    teams = [
        Team(id=f"tm-{s}-{t}", name=f"队伍{s}-{t}", purpose=TeamPurpose.GUARD)
        for t in range(POLICE_GRIDS)
    ]
    assignments = [
        AreaAssignment(
            id=f"as-{s}-{t}",
            team=f"tm-{s}-{t}",
            area=AreaRef(AreaKind.POLICE_GRID, f"pg-{s}-{t}"),
            period=_START,
        )
        for t in range(POLICE_GRIDS)
    ]
    memberships.extend(
        Membership(
            id=f"m-tm-{s}-{i}",
            person=f"p-{s}-{i * 97 % residents}",
            team=f"tm-{s}-{i % POLICE_GRIDS}",
            period=_START,
            role=Role.SAFETY_VOLUNTEER,
        )
        for i in range(5 * POLICE_GRIDS)
    )
    memberships.extend(
        Membership(
            id=f"m-vol-{s}-{i}",
            person=f"p-{s}-{i * 197 % residents}",
            post=f"post-vol-{s}-{i % MANAGEMENT_GRIDS}",
            period=_START,
        )
        for i in range(residents // 20)
    )
    ties, abroad = [], []
    if s > 0:  # volunteers living in the previous station, relatives there
        for i in range(_VOLUNTEERS_ABROAD):
            person = _resident(s - 1, i * 31 % residents, residents, seed)
            abroad.append(person)
            memberships.append(
                Membership(
                    id=f"m-abroad-{s}-{i}",
                    person=person.id,
                    post=f"post-vol-{s}-{i % MANAGEMENT_GRIDS}",
                    period=_START,
                )
            )
        for i in range(_RELATIVES_ABROAD):
            relative = _resident(s - 1, (i * 53 + 7) % residents, residents, seed)
            abroad.append(relative)
            ties.append(
                FamilyTie(
                    id=f"ft-{s}-{i}",
                    person=f"p-{s}-{i * 89 % residents}",
                    relative=relative.id,
                    kinship=Kinship.SIBLING,
                )
            )
    return Jurisdiction(
        id="province",
        name="示例省",
        counties=(county,),
        townships=(township,),
        sub_bureaus=(bureau,),
        police_stations=(police,),
        policing_districts=tuple(districts),
        police_grids=tuple(grids),
        communities=tuple(communities),
        management_grids=tuple(management),
        buildings=tuple(buildings),
        standard_addresses=tuple(addresses),
        households=tuple(homes),
        persons=(*persons, *staff, *dict.fromkeys(abroad)),
        residences=tuple(residences),
        family_ties=tuple(ties),
        teams=tuple(teams),
        posts=tuple(posts),
        memberships=tuple(memberships),
        area_assignments=tuple(assignments),
    )


def _posts(s: int, rng: random.Random) -> tuple[list[Post], list[Membership], list[Person]]:
    """The station's posts, nearly all held by staff of their own (a few left vacant)."""
    area = AreaRef
    posts = [
        Post(
            id=f"post-pg-{s}-{g}",
            role=Role.AUXILIARY_OFFICER,
            area=area(AreaKind.POLICE_GRID, f"pg-{s}-{g}"),
        )
        for g in range(POLICE_GRIDS)
    ]
    posts.extend(
        Post(
            id=f"post-pd-{s}-{d}",
            role=Role.COMMUNITY_OFFICER,
            area=area(AreaKind.POLICING_DISTRICT, f"pd-{s}-{d}"),
        )
        for d in range(DISTRICTS)
    )
    for m in range(MANAGEMENT_GRIDS):
        grid = area(AreaKind.MANAGEMENT_GRID, f"mg-{s}-{m}")
        posts.append(Post(id=f"post-mg-{s}-{m}", role=Role.GRID_WORKER, area=grid))
        posts.append(Post(id=f"post-vol-{s}-{m}", role=Role.SAFETY_VOLUNTEER, area=grid))
    staff: list[Person] = []
    memberships: list[Membership] = []
    for post in posts:
        if post.role is not Role.SAFETY_VOLUNTEER and rng.random() < 0.98:
            staff.append(Person(id=f"s-{post.id}", name=f"工作人员{s}-{len(staff)}"))
            memberships.append(
                Membership(id=f"m-{post.id}", person=staff[-1].id, post=post.id, period=_START)
            )
    return posts, memberships, staff
