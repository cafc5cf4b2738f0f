"""Yuncheng (source 004) at the source's scale: Kaolao planned, five months of leads."""

from __future__ import annotations

import itertools
import random
from datetime import date, timedelta
from typing import TYPE_CHECKING

import networkx as nx

from community_policing.catalog._people import Staff, dispute_case, figures_of
from community_policing.catalog.examples import Records
from community_policing.catalog.systems import system
from community_policing.mediation import MediationCase, Mediator
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.territory import (
    DEFAULT_POPULATION_CAPS,
    AreaRef,
    Community,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    SubBureau,
)
from community_policing.model.vocab import (
    AreaSetting,
    CommunityKind,
    DisputeCategory,
    ReportChannel,
    Role,
)
from community_policing.planning import PlanningUnit, plan_police_grids

if TYPE_CHECKING:
    from collections.abc import Mapping


_KAOLAO_BLOCKS = (5, 4, 4)


def build(seed: int) -> Records:
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = figures_of("yuncheng")
    cap = DEFAULT_POPULATION_CAPS[AreaSetting.RURAL]  # the entry's rural_cap
    bureau = SubBureau(id="sb-yongji", name="永济市公安局")
    station = PoliceStation(id="ps-kaolao", name="栲栳派出所", sub_bureau=bureau.id)
    districts: list[PolicingDistrict] = []
    villages: list[tuple[int, str, int]] = []
    borders: list[tuple[str, str]] = []
    for number, blocks in enumerate(_KAOLAO_BLOCKS, 1):
        districts.append(
            PolicingDistrict(id=f"pd-{number}", name=f"栲栳第{number}警务区", station=station.id)
        )
        # villages along the road, block after block; a block's people fill a grid exactly
        line: list[str] = []
        for block in range(blocks):
            first, second = rng.randrange(600, 1201, 10), rng.randrange(600, 1201, 10)
            for part, people in enumerate((first, second, cap - first - second)):
                ident = f"v-{number}-{block}{part}"
                villages.append((number, ident, people))
                line.append(ident)
        borders.extend(itertools.pairwise(line))
    units = [PlanningUnit(ident, people, AreaSetting.RURAL) for _, ident, people in villages]
    adjacency: nx.Graph[str] = nx.Graph(borders)
    plan = plan_police_grids(units, adjacency, caps={AreaSetting.RURAL: cap})
    grid_of = {unit: f"pg-{n:02d}" for n, grid in enumerate(plan.grids, 1) for unit in grid.units}
    district_of = {ident: number for number, ident, _ in villages}
    grids = tuple(
        PoliceGrid(
            id=f"pg-{n:02d}", name=f"栲栳第{n}警格", district=f"pd-{district_of[grid.units[0]]}"
        )
        for n, grid in enumerate(plan.grids, 1)
    )
    communities = tuple(
        Community(
            id=ident,
            name=f"{ident}村",
            kind=CommunityKind.ADMINISTRATIVE_VILLAGE,
            setting=AreaSetting.RURAL,
            population=people,
            police_grid=grid_of[ident],
        )
        for _, ident, people in villages
    )
    staff = Staff(rng)
    for grid in grids:  # one grid, one officer: a resident auxiliary in every police grid
        staff.hold(f"p-aux-{grid.id}", Role.RESIDENT_AUXILIARY, area=f"police_grid:{grid.id}")
    jurisdiction = Jurisdiction(
        id="yuncheng-kaolao",
        name="栲栳派出所（示例）",
        sub_bureaus=(bureau,),
        police_stations=(station,),
        policing_districts=tuple(districts),
        police_grids=grids,
        communities=communities,
        persons=tuple(staff.persons),
        posts=tuple(staff.posts),
        memberships=tuple(staff.memberships),
    )
    return Records(jurisdiction, _cases(rng, figures, communities))


_GRID_PAIR = (Mediator("p-gw", Role.GRID_WORKER), Mediator("p-aux", Role.RESIDENT_AUXILIARY))
_VILLAGE_TEAM = (
    Mediator("p-aux", Role.RESIDENT_AUXILIARY),
    Mediator("p-fq", Role.FENGQIAO_MEDIATOR),
    Mediator("p-sec", Role.VILLAGE_PARTY_SECRETARY),
)


def _cases(
    rng: random.Random, figures: Mapping[str, int], villages: tuple[Community, ...]
) -> tuple[MediationCase, ...]:
    """Five months of leads: all but 1.34 % resolved, and the brothers' land at tier 2."""
    leads = figures["leads"]
    resolved = round(leads * system("yuncheng").figure("resolution_rate").value / 100)
    start = date(2022, 1, 1)
    cases = []
    for n in range(leads):
        day = start + timedelta(days=rng.randrange(150))
        place = AreaRef.parse(f"community:{villages[rng.randrange(len(villages))].id}")
        ident = "d-brothers" if n == 0 else f"d-{n:04d}"
        category = DisputeCategory.LAND if n == 0 else rng.choice(list(DisputeCategory))
        case = dispute_case(ident, n, category, place, day=day, channel=ReportChannel.SCREENING)
        case = case.attempt(day, _GRID_PAIR)
        if n == 0:  # the brothers: the grid failed, the village settled it the same day
            case = case.escalate(day, "双方各执一词").attempt(day, _VILLAGE_TEAM).resolve(day)
        elif n < resolved:
            case = case.resolve(day + timedelta(days=rng.randrange(3)))
        else:
            case = case.refer(day, "o-court", "当事人要求诉讼")
        cases.append(case)
    return tuple(cases)
