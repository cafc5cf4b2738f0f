"""Loading and writing a 100,000-person jurisdiction document.

Compares, in one run and on the same JSON text:

* ``ours``: ``community_policing.loads`` (orjson installed), which validates every field and
  checks the whole document (unique ids, references, whole units, one residence at a time);
* ``floor``: ``orjson.loads`` plus direct constructor calls of the same models with attrs
  validators switched off and no document checks;
* ``pydantic``: the same records through equivalent pydantic v2 models (strict, frozen,
  extra keys forbidden, the same field rules and the same document checks).

Each timing is the best of several repeats, with the cyclic garbage collector enabled (as a
user has it) and disabled. The last line prints the ratios with the collector enabled.

Run: ``.venv/bin/python benchmarks/bench_io.py [persons] [--smoke]`` (needs the ``bench``
extra); ``--smoke`` reads and writes a document of 2,000 persons once.
"""

from __future__ import annotations

import gc
import itertools
import random
import re
import sys
import time
from datetime import date, timedelta
from typing import Any, Self

import attrs
import orjson
from _synthetic import WEIGHTS, id_card
from _timing import size_argument, smoke
from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    field_validator,
    model_serializer,
    model_validator,
)

import community_policing as cp
from community_policing.model.jurisdiction import COLLECTIONS, integrity_problems

PERSONS = size_argument(100_000, 2_000)
REPEATS = 1 if smoke() else 5
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


# --------------------------------------------------------------------------------------------
# The synthetic document


def build_document(persons: int = PERSONS, seed: int = 7) -> cp.Jurisdiction:
    rng = random.Random(seed)
    rural, urban = cp.AreaSetting.RURAL, cp.AreaSetting.URBAN
    stations = [
        cp.PoliceStation(id=f"ps-{i}", name=f"第{i}派出所", sub_bureau="sb-0") for i in range(5)
    ]
    districts = [
        cp.PolicingDistrict(id=f"pd-{i}", name=f"第{i}警务区", station=f"ps-{i % 5}")
        for i in range(25)
    ]
    grids = [
        cp.PoliceGrid(id=f"pg-{i}", name=f"第{i}警格", district=f"pd-{i % 25}") for i in range(200)
    ]
    communities = [
        cp.Community(
            id=f"c-{i}",
            name=f"第{i}社区",
            kind=cp.CommunityKind.COMMUNITY if i % 3 else cp.CommunityKind.ADMINISTRATIVE_VILLAGE,
            setting=urban if i % 3 else rural,
            population=rng.randrange(500, 6000),
            police_grid=None if i % 3 else f"pg-{i % 200}",
        )
        for i in range(300)
    ]
    management_grids = [
        cp.ManagementGrid(
            id=f"mg-{i}",
            name=f"第{i}网格",
            community=f"c-{i % 300}",
            police_grid=f"pg-{i % 200}" if (i % 300) % 3 else None,
            population=rng.randrange(500, 3000),
        )
        for i in range(1000)
    ]
    buildings = [
        cp.Building(id=f"b-{i}", name=f"{i}号楼", management_grid=f"mg-{i % 1000}", floors=6)
        for i in range(3000)
    ]
    households_count = persons // 3 + 1
    addresses = [
        cp.StandardAddress(id=f"a-{i}", text=f"示例路{i}号", building=f"b-{i % 3000}")
        for i in range(households_count)
    ]
    households = [cp.Household(id=f"h-{i}", address=f"a-{i}") for i in range(households_count)]
    people, residences, memberships = [], [], []
    cards: set[str] = set()
    for i in range(persons):
        born = date(1940, 1, 1) + timedelta(days=rng.randrange(30_000))
        people.append(
            cp.Person(
                id=f"p-{i}",
                name=rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                id_card_number=id_card(
                    rng, born, rng.choice(("140802", "370811", "420205")), taken=cards
                ),
                phone=f"13{rng.randrange(10**9):09d}",
                birth_date=born if i % 3 == 0 else None,
            )
        )
        residences.append(
            cp.Residence(
                id=f"r-{i}",
                person=f"p-{i}",
                household=f"h-{i // 3}",
                period=cp.Period(date(2010, 1, 1) + timedelta(days=rng.randrange(5000))),
            )
        )
        if i % 10 == 0:
            memberships.append(
                cp.Membership(
                    id=f"m-{i}",
                    person=f"p-{i}",
                    post=f"post-{(i // 10) % 1000}",
                    period=cp.Period(date(2020, 1, 1), date(2030, 1, 1)),
                )
            )
        else:
            memberships.append(
                cp.Membership(
                    id=f"m-{i}",
                    person=f"p-{i}",
                    organization=f"o-{i % 20}",
                    role=cp.Role.SAFETY_VOLUNTEER,
                    period=cp.Period(date(2021, 3, 1)),
                )
            )
    organizations = [
        cp.Organization(
            id=f"o-{i}", name=f"志愿者队伍{i}", kind=cp.OrganizationKind.VOLUNTEER_GROUP
        )
        for i in range(20)
    ]
    posts = [
        cp.Post(
            id=f"post-{i}",
            role=cp.Role.GRID_WORKER,
            area=cp.AreaRef(cp.AreaKind.MANAGEMENT_GRID, f"mg-{i}"),
        )
        for i in range(1000)
    ]
    return cp.Jurisdiction(
        id="city",
        name="示例市",
        sub_bureaus=(cp.SubBureau(id="sb-0", name="示例分局"),),
        police_stations=tuple(stations),
        policing_districts=tuple(districts),
        police_grids=tuple(grids),
        communities=tuple(communities),
        management_grids=tuple(management_grids),
        buildings=tuple(buildings),
        standard_addresses=tuple(addresses),
        households=tuple(households),
        persons=tuple(people),
        residences=tuple(residences),
        organizations=tuple(organizations),
        posts=tuple(posts),
        memberships=tuple(memberships),
    )


# --------------------------------------------------------------------------------------------
# The floor: parse, then call the constructors with validators off and no document checks


def floor_load(text: bytes) -> cp.Jurisdiction:
    raw = orjson.loads(text)
    fromiso = date.fromisoformat
    period = cp.Period

    def mk_period(p: dict[str, Any]) -> cp.Period:
        end = p["end"]
        return period(fromiso(p["start"]), None if end is None else fromiso(end))

    build: dict[str, Any] = {
        "sub_bureaus": lambda d: cp.SubBureau(**d),
        "police_stations": lambda d: cp.PoliceStation(**d),
        "policing_districts": lambda d: cp.PolicingDistrict(**d),
        "police_grids": lambda d: cp.PoliceGrid(**d),
        "communities": lambda d: cp.Community(
            d["id"],
            d["name"],
            cp.CommunityKind(d["kind"]),
            cp.AreaSetting(d["setting"]),
            d["population"],
            d["police_grid"],
        ),
        "management_grids": lambda d: cp.ManagementGrid(**d),
        "residential_compounds": lambda d: cp.ResidentialCompound(**d),
        "buildings": lambda d: cp.Building(**d),
        "standard_addresses": lambda d: cp.StandardAddress(**d),
        "households": lambda d: cp.Household(**d),
        "persons": lambda d: cp.Person(
            d["id"],
            d["name"],
            d["id_card_number"],
            d["phone"],
            None if d["birth_date"] is None else fromiso(d["birth_date"]),
        ),
        "residences": lambda d: cp.Residence(
            d["id"], d["person"], d["household"], mk_period(d["period"])
        ),
        "family_ties": lambda d: cp.FamilyTie(**d),
        "teams": lambda d: cp.Team(**d),
        "area_assignments": lambda d: cp.AreaAssignment(**d),
        "reporting_lines": lambda d: cp.ReportingLine(**d),
        "organizations": lambda d: cp.Organization(
            d["id"],
            d["name"],
            cp.OrganizationKind(d["kind"]),
            None if d["function"] is None else cp.AgencyFunction(d["function"]),
            d["address"],
        ),
        "posts": lambda d: cp.Post(
            d["id"],
            cp.Role(d["role"]),
            None if d["area"] is None else cp.AreaRef.parse(d["area"]),
            d["organization"],
            d["title"],
        ),
        "memberships": lambda d: cp.Membership(
            d["id"],
            d["person"],
            mk_period(d["period"]),
            d["post"],
            d["organization"],
            None if d["role"] is None else cp.Role(d["role"]),
            d["team"],
        ),
    }
    attrs.validators.set_disabled(True)
    try:
        collections = {name: tuple([build[name](d) for d in raw[name]]) for name in COLLECTIONS}
    finally:
        attrs.validators.set_disabled(False)
    doc = object.__new__(cp.Jurisdiction)  # no __attrs_post_init__: no document checks
    object.__setattr__(doc, "id", raw["id"])
    object.__setattr__(doc, "name", raw["name"])
    for name, items in collections.items():
        object.__setattr__(doc, name, items)
    object.__setattr__(doc, "lifetimes", ())  # the synthetic city retires nothing
    object.__setattr__(doc, "boundaries", ())  # and draws nothing
    return doc


# --------------------------------------------------------------------------------------------
# Equivalent pydantic v2 models: the same fields, rules and document checks

ID = r"^\S{1,128}$"
PHONE = re.compile(r"1[3-9]\d{9}|0\d{2,3}-?\d{7,8}")
CARD = re.compile(r"[1-9]\d{16}[\dX]")


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", strict=True)


def _text(value: str) -> str:
    if not value.strip() or len(value) > 2000:
        raise ValueError("must not be blank")
    return value


class PPeriod(Frozen):
    start: date
    end: date | None = None

    @model_validator(mode="after")
    def _end_after_start(self) -> Self:
        if self.end is not None and self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    def overlaps(self, other: PPeriod) -> bool:
        return (other.end is None or self.start < other.end) and (
            self.end is None or other.start < self.end
        )


class PProvenance(Frozen):
    recorded_by: str = Field(pattern=ID)
    recorded_on: date


class Named(Frozen):
    id: str = Field(pattern=ID)
    name: str
    _check_name = field_validator("name")(_text)


POLICE_CODE = r"^[1-8][0-9]{11}$"
STATISTICAL_CODE = r"^[1-8][0-9]{11}$"
GRID_CODE = r"^[0-9]{20}$"


class PCounty(Named):
    code: str | None = Field(default=None, pattern=r"^[1-8][0-9]{3}([0-9][1-9]|[1-9]0)$")
    sub_bureau: str | None = Field(default=None, pattern=ID)


class PTownship(Named):
    county: str = Field(pattern=ID)
    kind: cp.TownshipKind
    code: str | None = Field(default=None, pattern=r"^[1-8][0-9]{5}[0-5][0-9]{2}$")
    station: str | None = Field(default=None, pattern=ID)


class PSubBureau(Named):
    code: str | None = Field(default=None, pattern=POLICE_CODE)


class PPoliceStation(Named):
    sub_bureau: str = Field(pattern=ID)
    code: str | None = Field(default=None, pattern=POLICE_CODE)


class PPolicingDistrict(Named):
    station: str = Field(pattern=ID)


class PPoliceGrid(Named):
    district: str = Field(pattern=ID)


class PCommunity(Named):
    kind: cp.CommunityKind
    setting: cp.AreaSetting
    population: int = Field(ge=0)
    police_grid: str | None = Field(default=None, pattern=ID)
    township: str | None = Field(default=None, pattern=ID)
    code: str | None = Field(default=None, pattern=STATISTICAL_CODE)
    urban_rural: str | None = Field(default=None, pattern=r"^(111|112|121|122|123|210|220)$")


class PManagementGrid(Named):
    community: str = Field(pattern=ID)
    police_grid: str | None = Field(default=None, pattern=ID)
    population: int | None = Field(default=None, ge=0)
    code: str | None = Field(default=None, pattern=GRID_CODE)


class PResidentialCompound(Named):
    community: str = Field(pattern=ID)


class PPoint(Frozen):
    lon: float = Field(ge=-180, le=180, allow_inf_nan=False)
    lat: float = Field(ge=-90, le=90, allow_inf_nan=False)


class PBuilding(Named):
    management_grid: str = Field(pattern=ID)
    compound: str | None = Field(default=None, pattern=ID)
    floors: int | None = Field(default=None, ge=0)
    location: PPoint | None = None


NUMBER = r"^[0-9A-Za-z-]{1,16}$"


class PAddressParts(Frozen):
    province: str | None = None
    city: str | None = None
    county: str | None = None
    township: str | None = None
    road: str | None = None
    door_number: str | None = Field(default=None, pattern=NUMBER)
    compound: str | None = None
    place: str | None = None
    building: str | None = Field(default=None, pattern=NUMBER)
    unit: str | None = Field(default=None, pattern=NUMBER)
    floor: str | None = Field(default=None, pattern=NUMBER)
    room: str | None = Field(default=None, pattern=NUMBER)
    code: str | None = Field(default=None, pattern=r"^[0-9A-Za-z]{1,32}$")

    def text(self) -> str:
        pieces = [self.province, self.city, self.county, self.township, self.road]
        for value, suffix in (
            (self.door_number, "号"),
            (self.compound, ""),
            (self.place, ""),
            (self.building, "号楼"),
            (self.unit, "单元"),
            (self.floor, "层"),
            (self.room, "室"),
        ):
            if value is not None:
                pieces.append(value + suffix)
        return "".join(piece for piece in pieces if piece)


class PStandardAddress(Frozen):
    id: str = Field(pattern=ID)
    text: str
    building: str | None = Field(default=None, pattern=ID)
    management_grid: str | None = Field(default=None, pattern=ID)
    location: PPoint | None = None
    parts: PAddressParts | None = None
    _check_text = field_validator("text")(_text)

    @model_validator(mode="after")
    def _one_parent(self) -> Self:
        if (self.building is None) == (self.management_grid is None):
            raise ValueError("needs exactly one of building and management_grid")
        if self.parts is not None and self.parts.text() != self.text:
            raise ValueError("is not the text its parts make")
        return self


class PHousehold(Frozen):
    id: str = Field(pattern=ID)
    address: str = Field(pattern=ID)


def _card_problem(number: str) -> str | None:
    if not CARD.fullmatch(number):
        return "shape"
    total = sum(int(d) * w for d, w in zip(number, WEIGHTS, strict=False))
    if "10X98765432"[total % 11] != number[17]:
        return "check"
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        return "date"
    if not date(1900, 1, 1) <= born <= date.today():  # noqa: DTZ011
        return "plausible"
    return None


class PPerson(Frozen):
    id: str = Field(pattern=ID)
    name: str
    id_card_number: str | None = Field(default=None, repr=False)
    phone: str | None = Field(default=None, repr=False)
    birth_date: date | None = Field(default=None, repr=False)
    _check_name = field_validator("name")(_text)

    @field_validator("id_card_number")
    @classmethod
    def _card(cls, value: str | None) -> str | None:
        if value is not None and _card_problem(value) is not None:
            raise ValueError("invalid ID-card number")
        return value

    @field_validator("phone")
    @classmethod
    def _phone(cls, value: str | None) -> str | None:
        if value is not None and PHONE.fullmatch(value) is None:
            raise ValueError("invalid phone number")
        return value

    @model_validator(mode="after")
    def _birth(self) -> Self:
        card, born = self.id_card_number, self.birth_date
        if (
            card is not None
            and born is not None
            and born != date(int(card[6:10]), int(card[10:12]), int(card[12:14]))
        ):
            raise ValueError("birth date does not match the card")
        return self


class PResidence(Frozen):
    id: str = Field(pattern=ID)
    person: str = Field(pattern=ID)
    household: str = Field(pattern=ID)
    period: PPeriod
    provenance: PProvenance | None = None
    category: cp.PopulationCategory | None = None
    permit_expires: date | None = None


class POrganization(Named):
    kind: cp.OrganizationKind
    function: cp.AgencyFunction | None = None
    address: str | None = Field(default=None, pattern=ID)
    location: PPoint | None = None
    credit_code: str | None = Field(default=None, pattern=r"^[0-9A-HJ-NPQRTUWXY]{18}$")

    @model_validator(mode="after")
    def _function(self) -> Self:
        if self.function is not None and self.kind not in (
            cp.OrganizationKind.GOVERNMENT_AGENCY,
            cp.OrganizationKind.MASS_ORGANIZATION,
        ):
            raise ValueError("only agencies have a function")
        return self


class PAreaRef(Frozen):
    kind: cp.AreaKind
    id: str = Field(pattern=ID)

    @model_validator(mode="wrap")
    @classmethod
    def _from_text(cls, value: Any, handler: Any) -> Any:
        if isinstance(value, str):
            kind, sep, ident = value.partition(":")
            if not sep:
                raise ValueError("must look like '<kind>:<id>'")
            return cls.model_construct(kind=cp.AreaKind(kind), id=ident)
        return handler(value)

    @model_serializer
    def _to_text(self) -> str:
        return f"{self.kind.value}:{self.id}"


class PPost(Frozen):
    id: str = Field(pattern=ID)
    role: cp.Role
    area: PAreaRef | None = None
    organization: str | None = Field(default=None, pattern=ID)
    title: str | None = None

    @model_validator(mode="after")
    def _scope(self) -> Self:
        if self.area is None and self.organization is None:
            raise ValueError("needs an area, an organization, or both")
        return self


class PMembership(Frozen):
    id: str = Field(pattern=ID)
    person: str = Field(pattern=ID)
    period: PPeriod
    post: str | None = Field(default=None, pattern=ID)
    organization: str | None = Field(default=None, pattern=ID)
    role: cp.Role | None = None
    team: str | None = Field(default=None, pattern=ID)
    provenance: PProvenance | None = None

    @model_validator(mode="after")
    def _target(self) -> Self:
        if sum(t is not None for t in (self.post, self.organization, self.team)) != 1:
            raise ValueError("needs exactly one of post, organization and team")
        if self.post is not None and self.role is not None:
            raise ValueError("a post membership takes its role from the post")
        return self


class PJurisdiction(Frozen):
    type: str
    schema_version: int
    id: str = Field(pattern=ID)
    name: str
    counties: tuple[PCounty, ...] = ()
    townships: tuple[PTownship, ...] = ()
    sub_bureaus: tuple[PSubBureau, ...] = ()
    police_stations: tuple[PPoliceStation, ...] = ()
    policing_districts: tuple[PPolicingDistrict, ...] = ()
    police_grids: tuple[PPoliceGrid, ...] = ()
    communities: tuple[PCommunity, ...] = ()
    management_grids: tuple[PManagementGrid, ...] = ()
    residential_compounds: tuple[PResidentialCompound, ...] = ()
    buildings: tuple[PBuilding, ...] = ()
    standard_addresses: tuple[PStandardAddress, ...] = ()
    households: tuple[PHousehold, ...] = ()
    persons: tuple[PPerson, ...] = ()
    residences: tuple[PResidence, ...] = ()
    rental_housings: tuple[Any, ...] = ()
    family_ties: tuple[Any, ...] = ()
    organizations: tuple[POrganization, ...] = ()
    teams: tuple[Any, ...] = ()
    posts: tuple[PPost, ...] = ()
    memberships: tuple[PMembership, ...] = ()
    area_assignments: tuple[Any, ...] = ()
    reporting_lines: tuple[Any, ...] = ()
    lifetimes: tuple[Any, ...] = ()
    boundaries: tuple[Any, ...] = ()

    @model_validator(mode="after")
    def _whole(self) -> Self:
        # The very same document checks as the library's, on these models.
        collections = {name: getattr(self, name) for name in COLLECTIONS}
        problems = integrity_problems(collections, getattr)
        problems.extend(_overlapping_residences(self.residences))
        if problems:
            raise ValueError(f"{len(problems)} problems")
        return self


def _overlapping_residences(residences: tuple[PResidence, ...]) -> list[str]:
    by_person: dict[str, list[PResidence]] = {}
    for residence in residences:
        by_person.setdefault(residence.person, []).append(residence)
    found = []
    for items in by_person.values():
        ordered = sorted(items, key=lambda r: r.period.start)
        for earlier, later in itertools.pairwise(ordered):
            if earlier.period.overlaps(later.period):
                found.append(later.id)
    return found


# --------------------------------------------------------------------------------------------
# Timing


def best(fn: Any, *, collector: bool) -> float:
    was = gc.isenabled()
    times = []
    try:
        for _ in range(REPEATS):
            gc.collect()
            (gc.enable if collector else gc.disable)()
            start = time.perf_counter()
            result = fn()
            times.append(time.perf_counter() - start)
            del result
    finally:
        (gc.enable if was else gc.disable)()
    return min(times)


def main() -> None:
    document = build_document()
    text = cp.dumps(document).encode()
    pyd = PJurisdiction.model_validate_json(text)

    # Every contender reads the same text into equal content.
    if not (
        cp.loads(text, cp.Jurisdiction) == document
        and floor_load(text) == document
        and orjson.loads(pyd.model_dump_json()) == orjson.loads(text)
        and cp.dumps(document).encode() == text
    ):
        raise SystemExit("the contenders disagree on the document")

    records = sum(len(getattr(document, name)) for name in COLLECTIONS)
    print(f"document: {PERSONS} persons, {records} records, {len(text) / 1e6:.1f} MB of JSON")
    print("format: JSON through orjson (the library's fastest; the orjson extra)")
    print("the library pauses the cyclic collector during loads; 'gc on' is the user's default")
    results: dict[str, dict[str, float]] = {}
    for collector in (True, False):
        label = "gc on" if collector else "gc off"
        timings = {
            "ours_load": best(lambda: cp.loads(text, cp.Jurisdiction), collector=collector),
            "floor_load": best(lambda: floor_load(text), collector=collector),
            "pydantic_load": best(
                lambda: PJurisdiction.model_validate_json(text), collector=collector
            ),
            "ours_dump": best(lambda: cp.dumps(document), collector=collector),
            "pydantic_dump": best(pyd.model_dump_json, collector=collector),
        }
        results[label] = timings
        print(
            f"{label}: "
            + " ".join(f"{key}={value:.3f}s" for key, value in timings.items())
            + f" load_vs_floor={timings['ours_load'] / timings['floor_load']:.2f}"
            + f" load_vs_pydantic={timings['ours_load'] / timings['pydantic_load']:.2f}"
            + f" dump_vs_pydantic={timings['ours_dump'] / timings['pydantic_dump']:.2f}"
        )
    on = results["gc on"]
    print(
        f"load_vs_floor={on['ours_load'] / on['floor_load']:.2f} "
        f"load_vs_pydantic={on['ours_load'] / on['pydantic_load']:.2f} "
        f"dump_vs_pydantic={on['ours_dump'] / on['pydantic_dump']:.2f}"
    )


if __name__ == "__main__":
    sys.exit(main())
