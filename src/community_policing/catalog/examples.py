"""A source system at the source's scale: a generated example and the figures it reproduces.

:func:`example` builds, deterministically from a seed, a jurisdiction and the mechanism records
a system keeps, shaped so that measuring them gives the source's figures. :func:`reproduce`
measures an example figure by figure against its entry, so the library's machinery — counting
posts, the ledger, the cameras, the resolved cases — is what says the figure, not a copy of it.

Examples so far: Tieshan (source 001) and Hubin (source 003).

Examples:
    >>> from community_policing.catalog import example, reproduce, system
    >>> tieshan = example("tieshan")
    >>> [(row.figure.key, row.measured) for row in reproduce(system("tieshan"), tieshan)][:4]
    [('offices', 14), ('communities', 14), ('officers', 16), ('auxiliaries', 28)]
"""

from __future__ import annotations

import random
from datetime import date, time, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, ClassVar

import attrs

from community_policing.catalog.entries import Figure
from community_policing.catalog.systems import system
from community_policing.errors import NotFoundError
from community_policing.graph import CommunityGraph
from community_policing.mediation import Dispute, MediationCase, Mediator
from community_policing.model import validators as v
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.people import Membership, Organization, Person, Post
from community_policing.model.periods import Period
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
    CaseStatus,
    CommunityKind,
    DisputeCategory,
    OrganizationKind,
    ReportChannel,
    Role,
    ServiceKind,
)
from community_policing.patrol import PatrolShift, PatrolZone, company_guards, weekly_coverages
from community_policing.prevention import Camera
from community_policing.recovery import Loss, RecoveryCase
from community_policing.services import ServiceLedger, ServiceRecord

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    from community_policing.catalog.entries import SourceSystem

__all__ = ["Example", "FigureCheck", "example", "reproduce"]


@attrs.frozen
class Example:
    """A source system at the source's scale (示例): a jurisdiction and the records it keeps.

    Attributes:
        system: The entry's id.
        seed: The seed it was generated from: the same seed gives the same example.
        jurisdiction: The territory, organisations, people and posts.
        cases: Mediation cases.
        ledger: The service ledger.
        cameras: The video net's cameras.
        zones: Joint patrol zones.
        shifts: Security companies' weekly patrol shifts.
        recoveries: Asset-recovery cases.

    Examples:
        >>> from community_policing.catalog import example
        >>> tieshan = example("tieshan", seed=7)
        >>> len(tieshan.ledger.records), len(tieshan.cases)
        (1596, 1127)
    """

    KIND: ClassVar[str] = "example"

    system: str = attrs.field(validator=v.identifier)
    seed: int = attrs.field(validator=v.count)
    jurisdiction: Jurisdiction = attrs.field(validator=v.instance_of(Jurisdiction))
    cases: tuple[MediationCase, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(MediationCase)
    )
    ledger: ServiceLedger = attrs.field(
        factory=ServiceLedger, validator=v.instance_of(ServiceLedger)
    )
    cameras: tuple[Camera, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(Camera)
    )
    zones: tuple[PatrolZone, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(PatrolZone)
    )
    shifts: tuple[PatrolShift, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(PatrolShift)
    )
    recoveries: tuple[RecoveryCase, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.tuple_of(RecoveryCase)
    )


@attrs.frozen
class FigureCheck:
    """A source's figure against what an example measures.

    Examples:
        >>> from community_policing.catalog import system
        >>> figure = system("tieshan").figure("offices")
        >>> FigureCheck(figure, 14).reproduced, FigureCheck(figure, 13).reproduced
        (True, False)
    """

    figure: Figure
    measured: float | None

    @property
    def reproduced(self) -> bool:
        """Whether the measure gives the figure (at least it, where the source says "more")."""
        if self.measured is None:
            return False
        if self.figure.at_least:
            return self.measured >= self.figure.value
        return self.measured == self.figure.value


def _holders(example: Example, role: Role) -> int:
    posts = {post.id for post in example.jurisdiction.posts if post.role is role}
    return len({m.person for m in example.jurisdiction.memberships if m.post in posts})


def _services(kind: ServiceKind) -> Callable[[Example], float]:
    return lambda example: example.ledger.counts(by=("kind",)).get((kind.value,), 0)


_TIESHAN_MEASURES: Mapping[str, Callable[[Example], float]] = MappingProxyType(
    {
        "offices": lambda e: sum(
            o.kind is OrganizationKind.COMMUNITY_POLICE_OFFICE for o in e.jurisdiction.organizations
        ),
        "communities": lambda e: len(e.jurisdiction.communities),
        "officers": lambda e: _holders(e, Role.COMMUNITY_OFFICER),
        "auxiliaries": lambda e: _holders(e, Role.AUXILIARY_OFFICER),
        "proxy_services": _services(ServiceKind.PROXY_SERVICE),
        "appointments": _services(ServiceKind.APPOINTMENT),
        "deliveries": _services(ServiceKind.DELIVERY),
        "cameras": lambda e: len(e.cameras),
        "camera_communities": lambda e: len({str(camera.watches) for camera in e.cameras}),
        "video_monitors": lambda e: len({camera.monitor for camera in e.cameras} - {None}),
        "disputes_resolved": lambda e: sum(c.status is CaseStatus.RESOLVED for c in e.cases),
    }
)


def _guards(example: Example) -> int:
    graph = CommunityGraph.from_jurisdiction(example.jurisdiction)
    return sum(company_guards(graph, as_of=_START).values())


def _collective_returns(example: Example) -> int:
    """Days on which money went back to two or more victims at once (集中返赃)."""
    victims: dict[date, set[str]] = {}
    for case in example.recoveries:
        for step in case.trail:
            if step.action == "returned" and step.party is not None:
                victims.setdefault(step.on, set()).add(step.party)
    return sum(len(people) >= _COLLECTIVE for people in victims.values())


_COLLECTIVE = 2

_HUBIN_MEASURES: Mapping[str, Callable[[Example], float]] = MappingProxyType(
    {
        "zones": lambda e: len(e.zones),
        "companies": lambda e: sum(
            o.kind is OrganizationKind.SECURITY_COMPANY for o in e.jurisdiction.organizations
        ),
        "guards": _guards,
        "zones_covered_all_day": lambda e: sum(
            coverage.covered_share == 1 for coverage in weekly_coverages(e.shifts, e.zones).values()
        ),
        "return_events": _collective_returns,
    }
)

#: How each system's figures are measured from its example, figure by figure.
_MEASURES: Mapping[str, Mapping[str, Callable[[Example], float]]] = MappingProxyType(
    {"tieshan": _TIESHAN_MEASURES, "hubin": _HUBIN_MEASURES}
)


def reproduce(entry: SourceSystem, example: Example) -> tuple[FigureCheck, ...]:
    """Every figure of ``entry`` against what ``example`` measures, in the entry's order.

    A figure the example has no measure for is measured as ``None`` (not reproduced).

    Examples:
        >>> from community_policing.catalog import example, system
        >>> rows = reproduce(system("tieshan"), example("tieshan"))
        >>> [row.figure.key for row in rows if not row.reproduced]
        ['robbery_change']
    """
    measures = _MEASURES.get(example.system, {})
    return tuple(
        FigureCheck(figure, measures[figure.key](example) if figure.key in measures else None)
        for figure in entry.figures
    )


# ------------------------------------------------------------------------------ Tieshan

_START = date(2023, 1, 1)
_SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕"


def _name(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + "".join(rng.choice(_GIVEN) for _ in range(rng.randint(1, 2)))


def _tieshan(seed: int) -> Example:
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = {figure.key: int(figure.value) for figure in system("tieshan").figures}
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
    always = Period(_START - timedelta(days=365))
    assignments = tuple(
        AreaAssignment(
            id=f"aa-{n:02d}",
            area=AreaRef.parse(f"community:{c.id}"),
            period=always,
            organization=office.id,
        )
        for n, (c, office) in enumerate(zip(communities, offices, strict=True), 1)
    )
    persons: list[Person] = []
    posts: list[Post] = []
    memberships: list[Membership] = []

    def staff(role: Role, prefix: str, how_many: int, areas: list[str]) -> list[str]:
        ids = []
        for n in range(1, how_many + 1):
            person = f"p-{prefix}-{n:02d}"
            persons.append(Person(id=person, name=_name(rng)))
            posts.append(
                Post(
                    id=f"post-{prefix}-{n:02d}",
                    role=role,
                    area=AreaRef.parse(areas[(n - 1) % len(areas)]),
                )
            )
            memberships.append(
                Membership(
                    id=f"m-{prefix}-{n:02d}",
                    person=person,
                    post=f"post-{prefix}-{n:02d}",
                    period=always,
                )
            )
            ids.append(person)
        return ids

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
        persons=tuple(persons),
        organizations=offices,
        posts=tuple(posts),
        memberships=tuple(memberships),
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
        case = MediationCase.open(
            Dispute(
                id=f"d-{n:04d}",
                category=rng.choice(categories),
                parties=(f"p-a{n}", f"p-b{n}"),
                place=AreaRef.parse(f"community:{community.id}"),
                reported_on=day,
                channel=ReportChannel.VISIT,
            )
        )
        mediator = Mediator(rng.choice(auxiliaries), Role.AUXILIARY_OFFICER)
        cases.append(case.attempt(day, [mediator]).resolve(day + timedelta(days=rng.randrange(3))))
    return Example("tieshan", seed, jurisdiction, tuple(cases), ledger, cameras)


# ------------------------------------------------------------------------------ Hubin


def _hubin(seed: int) -> Example:
    rng = random.Random(seed)  # noqa: S311  (a seeded example, not secrets)
    figures = {figure.key: int(figure.value) for figure in system("hubin").figures}
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
    always = Period(_START - timedelta(days=365))
    persons, posts, memberships = [], [], []
    # every company has at least one guard; the rest are spread at random
    homes = [n % companies_count for n in range(figures["guards"])]
    for n, company in enumerate(homes, 1):
        persons.append(Person(id=f"p-guard-{n:03d}", name=_name(rng)))
        posts.append(
            Post(
                id=f"post-guard-{n:03d}",
                role=Role.SECURITY_GUARD,
                organization=companies[company].id,
            )
        )
        memberships.append(
            Membership(
                id=f"m-guard-{n:03d}",
                person=f"p-guard-{n:03d}",
                post=f"post-guard-{n:03d}",
                period=always,
            )
        )
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
        persons=tuple(persons),
        organizations=companies,
        posts=tuple(posts),
        memberships=tuple(memberships),
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
    return Example(
        "hubin", seed, jurisdiction, zones=zones, shifts=tuple(shifts), recoveries=tuple(recoveries)
    )


_GENERATORS: Mapping[str, Callable[[int], Example]] = MappingProxyType(
    {"tieshan": _tieshan, "hubin": _hubin}
)


def example(name: str, *, seed: int = 0) -> Example:
    """The example of the system called ``name``, generated from ``seed``.

    Raises:
        NotFoundError: no system has that name, or it has no example yet.

    Examples:
        >>> example("tieshan").jurisdiction.police_stations[0].name
        '铁山派出所'
        >>> example("yuncheng")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        community_policing.errors.NotFoundError: no example with id 'yuncheng'; examples ...
    """
    entry = system(name)
    generator = _GENERATORS.get(entry.id)
    if generator is None:
        built = ", ".join(_GENERATORS)
        raise NotFoundError("example", entry.id, hint=f"examples exist for {built}")
    return generator(seed)
