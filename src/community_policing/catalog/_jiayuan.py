"""Jiayuan (source 002) at the source's scale: a fused community, six teams, the school."""

from __future__ import annotations

import random
from datetime import timedelta

from community_policing.catalog._people import Staff, dispute_case, figures_of, name_of
from community_policing.catalog.examples import _START, Records
from community_policing.mediation import Mediator
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.people import Person, Residence
from community_policing.model.periods import Period
from community_policing.model.teams import Team
from community_policing.model.territory import (
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
from community_policing.model.vocab import (
    AreaSetting,
    CommunityKind,
    DisputeCategory,
    ReportChannel,
    Role,
    SchoolTopic,
    TeamPurpose,
    TipOutcome,
)
from community_policing.outreach import SchoolSession
from community_policing.tips import Tip

_JIA_TEAMS = (
    (TeamPurpose.MANAGEMENT, "管理队"),
    (TeamPurpose.INTELLIGENCE, "情报队"),
    (TeamPurpose.GUARD, "守护队"),
    (TeamPurpose.MEDIATION, "调解队"),
    (TeamPurpose.PUBLICITY, "宣传队"),
    (TeamPurpose.SERVICE, "服务队"),
)


def build(seed: int) -> Records:
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = figures_of("jiayuan")
    village = Community(
        id="c-jiayuan",
        name="佳苑社区",
        kind=CommunityKind.COMMUNITY,
        setting=AreaSetting.URBAN,
        population=figures["people"],
    )
    bureau = SubBureau(id="sb-juye", name="巨野县公安局")
    station = PoliceStation(id="ps-beicheng", name="北城派出所", sub_bureau=bureau.id)
    district = PolicingDistrict(id="pd-jiayuan", name="佳苑警务区", station=station.id)
    police_grid = PoliceGrid(id="pg-jiayuan", name="佳苑警格", district=district.id)
    # police and grid data fused (警网融合): the management grid lies in the police grid
    grid = ManagementGrid(
        id="mg-jiayuan", name="佳苑网格", community=village.id, police_grid=police_grid.id
    )
    compounds = tuple(
        ResidentialCompound(id=f"rc-{n}", name=f"佳苑第{n}小区", community=village.id)
        for n in range(1, figures["compounds"] + 1)
    )
    buildings: list[Building] = []
    addresses: list[StandardAddress] = []
    households: list[Household] = []
    persons: list[Person] = []
    residences: list[Residence] = []
    always = Period(_START - timedelta(days=3650))
    people = 0
    while people < figures["people"]:
        compound = compounds[len(households) % len(compounds)]
        if len(households) % 40 == 0:  # forty homes to a building
            buildings.append(
                Building(
                    id=f"b-{len(buildings) + 1}",
                    name=f"{compound.name}{len(buildings) + 1}号楼",
                    management_grid=grid.id,
                    compound=compound.id,
                )
            )
        home = len(households) + 1
        addresses.append(
            StandardAddress(
                id=f"a-{home}", text=f"{buildings[-1].name}{home}室", building=buildings[-1].id
            )
        )
        households.append(Household(id=f"h-{home}", address=f"a-{home}"))
        for _ in range(min(rng.randint(2, 5), figures["people"] - people)):
            people += 1
            persons.append(Person(id=f"p-r{people}", name=name_of(rng)))
            residences.append(
                Residence(
                    id=f"r-{people}", person=f"p-r{people}", household=f"h-{home}", period=always
                )
            )
    teams = tuple(
        Team(id=f"t-{purpose.value}", name=name, purpose=purpose) for purpose, name in _JIA_TEAMS
    )
    staff = Staff(rng)
    staff.hold("p-gw-jiayuan", Role.GRID_WORKER, area=f"management_grid:{grid.id}")
    jurisdiction = Jurisdiction(
        id="jiayuan",
        name="佳苑社区（示例）",
        sub_bureaus=(bureau,),
        police_stations=(station,),
        policing_districts=(district,),
        police_grids=(police_grid,),
        communities=(village,),
        management_grids=(grid,),
        residential_compounds=compounds,
        buildings=tuple(buildings),
        standard_addresses=tuple(addresses),
        households=tuple(households),
        persons=(*staff.persons, *persons),
        residences=tuple(residences),
        teams=teams,
        posts=tuple(staff.posts),
        memberships=tuple(staff.memberships),
    )
    area = AreaRef.parse(f"community:{village.id}")
    topics = [topic for topic in SchoolTopic if topic is not SchoolTopic.OTHER]
    sessions = tuple(
        SchoolSession(
            id=f"ps-{n}",
            area=area,
            on=_START + timedelta(days=30 * n),
            topic=topic,
            attendance=rng.randrange(30, 120),
        )
        for n, topic in enumerate(topics[: figures["school_sessions"]], 1)
    )
    courier = Tip(
        "tip-courier",
        "p-courier",
        AreaRef.parse(f"building:{buildings[0].id}"),
        _START,
        "p-officer",
        content="快递包裹内夹带现金",
    )
    courier = courier.act(_START).close(
        _START + timedelta(days=1),
        TipOutcome.FRAUD_PREVENTED,
        amount_protected=figures["fraud_stopped"],
    )
    cases = []
    village_panel = [
        Mediator("p-aux", Role.AUXILIARY_OFFICER),
        Mediator("p-mediator", Role.COMMUNITY_MEDIATOR),
    ]
    for n in range(100):  # the rate of a hundred closed cases, one of them referred out
        day = _START + timedelta(days=rng.randrange(180))
        category = rng.choice(list(DisputeCategory))
        case = dispute_case(f"d-{n:03d}", n, category, area, day=day, channel=ReportChannel.VISIT)
        case = case.attempt(day, [Mediator("p-gw", Role.GRID_WORKER)])
        if n < figures["mediation_rate"]:
            cases.append(case.resolve(day))
        else:
            cases.append(
                case.escalate(day, "未果")
                .attempt(day, village_panel)
                .refer(day, "o-court", "当事人要求诉讼")
            )
    return Records(jurisdiction, tuple(cases), tips=(courier,), sessions=sessions)
