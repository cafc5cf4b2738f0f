"""Tieshan (source 001) at the source's scale: offices, officers, the ledger, cameras, cases."""

from __future__ import annotations

import random
from datetime import timedelta

from community_policing.catalog._people import ALWAYS, Staff, dispute_case, figures_of
from community_policing.catalog.examples import _START, Records
from community_policing.mediation import Mediator
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.people import Organization
from community_policing.model.teams import AreaAssignment
from community_policing.model.territory import (
    AreaRef,
    Community,
    PoliceStation,
    PolicingDistrict,
    SubBureau,
)
from community_policing.model.vocab import (
    AreaSetting,
    CommunityKind,
    DisputeCategory,
    OrganizationKind,
    ReportChannel,
    Role,
    ServiceKind,
)
from community_policing.prevention import Camera
from community_policing.services import ServiceLedger, ServiceRecord


def build(seed: int) -> Records:
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = figures_of("tieshan")
    bureau = SubBureau(id="sb-tieshan", name="铁山分局")
    station = PoliceStation(id="ps-tieshan", name="铁山派出所", sub_bureau=bureau.id)
    count = figures["communities"]
    communities = tuple(
        Community(
            id=f"c-{n:02d}",
            name=f"铁山第{n}社区",
            kind=CommunityKind.COMMUNITY,
            setting=AreaSetting.URBAN,
            population=rng.randrange(2000, 6000, 10),
        )
        for n in range(1, count + 1)
    )
    districts = tuple(
        PolicingDistrict(id=f"pd-{n:02d}", name=f"第{n}警务区", station=station.id)
        for n in range(1, count + 1)
    )
    offices = tuple(
        Organization(
            id=f"o-office-{n:02d}",
            name=f"铁山第{n}社区警务室",
            kind=OrganizationKind.COMMUNITY_POLICE_OFFICE,
        )
        for n in range(1, figures["offices"] + 1)
    )
    assignments = tuple(
        AreaAssignment(
            id=f"aa-{n:02d}",
            area=AreaRef.parse(f"community:{c.id}"),
            period=ALWAYS,
            organization=office.id,
        )
        for n, (c, office) in enumerate(zip(communities, offices, strict=True), 1)
    )
    people = Staff(rng)

    def staff(role: Role, prefix: str, how_many: int, areas: list[str]) -> list[str]:
        return [
            people.hold(f"p-{prefix}-{n:02d}", role, area=areas[(n - 1) % len(areas)])
            for n in range(1, how_many + 1)
        ]

    district_keys = [f"policing_district:{d.id}" for d in districts]
    staff(Role.COMMUNITY_OFFICER, "officer", figures["officers"], district_keys)
    auxiliaries = staff(Role.AUXILIARY_OFFICER, "aux", figures["auxiliaries"], district_keys)
    watched = communities[: figures["camera_communities"]]
    monitors = staff(
        Role.VIDEO_MONITOR,
        "monitor",
        figures["video_monitors"],
        [f"community:{c.id}" for c in watched],
    )
    cameras = tuple(
        Camera(
            id=f"cam-{n:02d}",
            watches=AreaRef.parse(f"community:{watched[n % 2].id}"),
            monitor=monitors[n % len(monitors)],
            description="小区主出入口",
        )
        for n in range(figures["cameras"])
    )
    jurisdiction = Jurisdiction(
        id="tieshan",
        name="铁山分局（示例）",
        sub_bureaus=(bureau,),
        police_stations=(station,),
        policing_districts=districts,
        communities=communities,
        persons=tuple(people.persons),
        organizations=offices,
        posts=tuple(people.posts),
        memberships=tuple(people.memberships),
        area_assignments=assignments,
    )
    ledger = ServiceLedger(
        [
            ServiceRecord(
                f"s-{kind.value}-{n}",
                kind,
                offices[rng.randrange(len(offices))].id,
                _START + timedelta(days=rng.randrange(365)),
                served_by=f"p-officer-{rng.randrange(1, figures['officers'] + 1):02d}",
            )
            for kind, key in (
                (ServiceKind.PROXY_SERVICE, "proxy_services"),
                (ServiceKind.APPOINTMENT, "appointments"),
                (ServiceKind.DELIVERY, "deliveries"),
            )
            for n in range(figures[key])
        ]
    )
    categories = list(DisputeCategory)
    cases = []
    for n in range(figures["disputes_resolved"]):
        day = _START + timedelta(days=rng.randrange(365))
        community = communities[rng.randrange(len(communities))]
        place = AreaRef.parse(f"community:{community.id}")
        case = dispute_case(
            f"d-{n:04d}", n, rng.choice(categories), place, day=day, channel=ReportChannel.VISIT
        )
        mediator = Mediator(rng.choice(auxiliaries), Role.AUXILIARY_OFFICER)
        cases.append(case.attempt(day, [mediator]).resolve(day + timedelta(days=rng.randrange(3))))
    return Records(jurisdiction, tuple(cases), ledger, cameras)
