"""Jining Shizhong (source 000) at the source's scale: districts, officers, Ximen, the group."""

from __future__ import annotations

import random
from datetime import timedelta

from community_policing.catalog._people import ALWAYS, Staff, figures_of, name_of
from community_policing.catalog.examples import _START, Records
from community_policing.floorplans import FloorPlan, UnitRecord
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.people import Person, Residence
from community_policing.model.territory import (
    AreaRef,
    Building,
    Community,
    Household,
    ManagementGrid,
    PoliceStation,
    PolicingDistrict,
    StandardAddress,
    SubBureau,
)
from community_policing.model.vocab import AreaSetting, CommunityKind, GroupKind, Role
from community_policing.outreach import GroupMember, OnlineGroup

#: The sub-bureau's stations, as the source names some of them, and their districts each.
_STATIONS = ("渔山", "东门", "喻屯", "古槐", "金城")


def build(seed: int) -> Records:
    """Jining Shizhong: 65 districts and 71 officers; Ximen's 95 buildings; Wanda's group."""
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = figures_of("jining")
    bureau = SubBureau(id="sb-shizhong", name="济宁市公安局市中分局")
    stations = tuple(
        PoliceStation(id=f"ps-{n}", name=f"{name}派出所", sub_bureau=bureau.id)
        for n, name in enumerate(_STATIONS, 1)
    )
    count = figures["police_districts"]
    districts = tuple(
        PolicingDistrict(
            id=f"pd-{n:02d}", name=f"第{n}警务区", station=stations[(n - 1) % len(stations)].id
        )
        for n in range(1, count + 1)
    )
    people = Staff(rng)

    # an officer in every district, and a second in the busiest few: 71 in 65 districts
    for n in range(figures["community_officers"]):
        people.hold(
            f"p-officer-{n + 1:02d}",
            Role.COMMUNITY_OFFICER,
            area=f"policing_district:{districts[n % count].id}",
        )
    ximen = Community(
        id="c-ximen",
        name="西门社区",
        kind=CommunityKind.COMMUNITY,
        setting=AreaSetting.URBAN,
        population=figures["ximen_residents"],
    )
    wanda = Community(
        id="c-wanda",
        name="万达社区",
        kind=CommunityKind.COMMUNITY,
        setting=AreaSetting.URBAN,
        population=10_000,
    )
    grids = (
        ManagementGrid(id="mg-ximen", name="西门社区网格", community=ximen.id),
        ManagementGrid(id="mg-wanda", name="万达社区网格", community=wanda.id),
    )
    for grid in grids:
        people.hold(f"p-gw-{grid.id}", Role.GRID_WORKER, area=f"management_grid:{grid.id}")
    ximen_part = _ximen(rng, figures, grids[0])
    volunteers = [f"p-volunteer-{n:02d}" for n in range(1, figures["volunteers"] + 1)]
    people.persons.extend(Person(id=person, name=name_of(rng)) for person in volunteers)
    group = OnlineGroup(
        "g-tongxinyuan",
        "“同心圆”群",
        GroupKind.RESIDENTS,
        AreaRef.parse(f"community:{wanda.id}"),
        members=[GroupMember(person, real_name=True) for person in volunteers],
    )
    jurisdiction = Jurisdiction(
        id="jining-shizhong",
        name="市中分局（示例）",
        sub_bureaus=(bureau,),
        police_stations=stations,
        policing_districts=districts,
        communities=(ximen, wanda),
        management_grids=grids,
        buildings=ximen_part.buildings,
        standard_addresses=ximen_part.addresses,
        households=ximen_part.households,
        persons=(*people.persons, *ximen_part.residents),
        residences=ximen_part.residences,
        posts=tuple(people.posts),
        memberships=tuple(people.memberships),
    )
    return Records(jurisdiction, floor_plans=ximen_part.plans, groups=(group,))


class _Ximen:
    """Ximen community's buildings, homes and residents, and a floor plan of every building."""

    def __init__(self) -> None:
        self.buildings: tuple[Building, ...] = ()
        self.addresses: tuple[StandardAddress, ...] = ()
        self.households: tuple[Household, ...] = ()
        self.residents: tuple[Person, ...] = ()
        self.residences: tuple[Residence, ...] = ()
        self.plans: tuple[FloorPlan, ...] = ()


def _ximen(rng: random.Random, figures: dict[str, int], grid: ManagementGrid) -> _Ximen:
    part = _Ximen()
    buildings: list[Building] = []
    addresses: list[StandardAddress] = []
    households: list[Household] = []
    residents: list[Person] = []
    residences: list[Residence] = []
    plans: list[FloorPlan] = []
    count, people = figures["ximen_buildings"], figures["ximen_residents"]
    placed = 0
    for number in range(1, count + 1):
        building = Building(
            id=f"b-xm-{number}",
            name=f"西门社区{number}号楼",
            management_grid=grid.id,
            floors=rng.randint(4, 6),
        )
        buildings.append(building)
        floors = building.floors or 1
        # the residents left, shared among the buildings left, two homes a floor
        share = (people - placed) // (count - number + 1)
        homes = [(floor, door) for floor in range(1, floors + 1) for door in (1, 2)]
        units = []
        for index, (floor, door) in enumerate(homes):
            home = f"h-xm-{number}-{floor}{door:02d}"
            addresses.append(
                StandardAddress(
                    id=f"a-{home}", text=f"{building.name}{floor}{door:02d}室", building=building.id
                )
            )
            households.append(Household(id=home, address=f"a-{home}"))
            size = share // len(homes) + (index < share % len(homes))
            members = []
            for _ in range(size):
                placed += 1
                person = f"p-xm-{placed}"
                residents.append(Person(id=person, name=name_of(rng)))
                residences.append(
                    Residence(id=f"r-xm-{placed}", person=person, household=home, period=ALWAYS)
                )
                members.append(person)
            units.append(
                UnitRecord(
                    f"{floor}{door:02d}",
                    floor,
                    _START + timedelta(days=rng.randrange(60)),
                    "p-officer-01",
                    household=home,
                    residents=members,
                )
            )
        plans.append(FloorPlan(building=building.id, floors=floors, units=units))
    part.buildings, part.addresses = tuple(buildings), tuple(addresses)
    part.households, part.residents = tuple(households), tuple(residents)
    part.residences, part.plans = tuple(residences), tuple(plans)
    return part
