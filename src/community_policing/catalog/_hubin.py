"""Hubin (source 003) at the source's scale: zones, companies and guards, shifts, returns."""

from __future__ import annotations

import random
from datetime import time, timedelta

from community_policing.catalog._people import Staff, figures_of
from community_policing.catalog.examples import _START, Records
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.people import Organization
from community_policing.model.territory import (
    SubBureau,
)
from community_policing.model.vocab import (
    OrganizationKind,
    Role,
)
from community_policing.patrol import PatrolShift, PatrolZone
from community_policing.recovery import Loss, RecoveryCase


def build(seed: int) -> Records:
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = figures_of("hubin")
    zones_count, companies_count = figures["zones"], figures["companies"]
    zones = tuple(
        PatrolZone(
            id=f"z-{n}",
            name=f"第{n}联勤联防区",
            neighbours=(f"z-{(n % zones_count) + 1}", f"z-{(n - 2) % zones_count + 1}"),
        )
        for n in range(1, zones_count + 1)
    )
    companies = tuple(
        Organization(
            id=f"o-guard-{n:02d}",
            name=f"湖滨第{n}保安服务公司",
            kind=OrganizationKind.SECURITY_COMPANY,
        )
        for n in range(1, companies_count + 1)
    )
    people = Staff(rng)
    # every company has at least one guard; the rest are spread at random
    for n in range(figures["guards"]):
        company = companies[n % companies_count].id
        people.hold(f"p-guard-{n + 1:03d}", Role.SECURITY_GUARD, organization=company)
    # time complement: in each zone one company's day shift hands over to another's night
    shifts = []
    for index, zone in enumerate(zones):
        by_day = companies[(2 * index) % companies_count].id
        by_night = companies[(2 * index + 1) % companies_count].id
        shifts.append(
            PatrolShift(f"s-{zone.id}-day", zone.id, by_day, range(7), time(8), time(20), guards=2)
        )
        shifts.append(
            PatrolShift(
                f"s-{zone.id}-night", zone.id, by_night, range(7), time(20), time(8), guards=2
            )
        )
    bureau = SubBureau(id="sb-hubin", name="湖滨新区分局")
    jurisdiction = Jurisdiction(
        id="hubin",
        name="湖滨新区（示例）",
        sub_bureaus=(bureau,),
        persons=tuple(people.persons),
        organizations=companies,
        posts=tuple(people.posts),
        memberships=tuple(people.memberships),
    )
    recoveries = []
    for n in range(figures["return_events"] + 1):  # "20 and more": one more than the floor
        day = _START + timedelta(days=14 * n)
        victims = [Loss(f"p-victim-{n}-{k}", rng.randrange(1000, 20000, 100)) for k in range(3)]
        case = RecoveryCase.open(
            f"rc-{n:02d}", criminal_case=f"cc-{n:02d}", lead="p-lead", on=day, losses=victims
        )
        case = case.seize("cash", sum(loss.amount for loss in victims), on=day, by="p-lead")
        case = case.verify(on=day + timedelta(days=2), unit="o-investigation", by="p-verifier")
        for loss in victims:  # returned together at one event
            case = case.return_to(loss.victim, loss.amount, on=day + timedelta(days=7), by="p-lead")
        recoveries.append(case)
    return Records(jurisdiction, zones=zones, shifts=tuple(shifts), recoveries=tuple(recoveries))
