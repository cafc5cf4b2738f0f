"""Territory: the police hierarchy and the governance hierarchy, and the links that fuse them.

Police side: :class:`SubBureau` (分局) → :class:`PoliceStation` (派出所) →
:class:`PolicingDistrict` (警务区) → :class:`PoliceGrid` (警格).
Governance side: :class:`County` (区/县/县级市) → :class:`Township` (街道/乡镇) →
:class:`Community` (社区, or an administrative village 行政村) →
:class:`ManagementGrid` (网格) → :class:`ResidentialCompound` (小区) and :class:`Building`
(楼栋) → :class:`StandardAddress` (标准地址) → :class:`Household` (户).

Containment is explicit and points upwards: every child names its one parent by id, so an
entity can never sit in two parents. A police grid is made of whole units (警格与网格融合): a
community or village names the police grid it belongs to as a whole, or each of its
management grids names one. :class:`~community_policing.model.jurisdiction.Jurisdiction` checks
that every
reference resolves and that no unit is split.

Examples:
    >>> from community_policing import AreaSetting, Community, CommunityKind, ManagementGrid
    >>> village = Community(
    ...     id="v-shedong", name="社东村", kind=CommunityKind.ADMINISTRATIVE_VILLAGE,
    ...     setting=AreaSetting.RURAL, population=2100, police_grid="pg-01",
    ... )
    >>> ManagementGrid(id="mg-1", name="社东村一网格", community=village.id)
    ManagementGrid(id='mg-1', name='社东村一网格', community='v-shedong',
                   police_grid=None, population=None, code=None)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import ValidationError
from community_policing.model import validators as v
from community_policing.model.addresses import AddressParts
from community_policing.model.codes import (
    TOWNSHIP_CLASSES,
    URBAN_RURAL_CODES,
    division_code_problem,
    grid_code_problem,
    optional_code,
    police_code_problem,
    statistical_code_problem,
)
from community_policing.model.coordinates import GeoPoint
from community_policing.model.registry import document
from community_policing.model.vocab import AreaKind, AreaSetting, CommunityKind, TownshipKind

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "AreaRef",
    "Building",
    "Community",
    "County",
    "DEFAULT_POPULATION_CAPS",
    "Household",
    "ManagementGrid",
    "PoliceGrid",
    "PoliceStation",
    "PolicingDistrict",
    "ResidentialCompound",
    "StandardAddress",
    "SubBureau",
    "Township",
]


#: The sources' population standard per police grid (source 004): about 5,000 people in
#: cities and 3,000 in the countryside. Checks, planner and strategies all default to it.
DEFAULT_POPULATION_CAPS: Mapping[AreaSetting, int] = MappingProxyType(
    {AreaSetting.URBAN: 5000, AreaSetting.RURAL: 3000}
)


@attrs.frozen
class AreaRef:
    """A typed reference to a place: its kind and its id.

    Ids are unique within a kind, so a reference to "any place" needs both. In JSON and as a
    graph node key it is written ``"<kind>:<id>"``.

    Examples:
        >>> ref = AreaRef.parse("police_grid:pg-01")
        >>> ref.kind, ref.id, str(ref)
        (<AreaKind.POLICE_GRID: 'police_grid'>, 'pg-01', 'police_grid:pg-01')
        >>> AreaRef.parse("pg-01")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: area_ref: must look like '<kind>:<id>'
    """

    KIND: ClassVar[str] = "area_ref"

    kind: AreaKind = attrs.field(validator=v.member_of(AreaKind))
    id: str = attrs.field(validator=v.identifier)
    #: ``"<kind>:<id>"``, made once: counting and graph lookups key on it, and a string's
    #: hash is kept where a generated ``__hash__`` would run for every lookup.
    key: str = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", f"{self.kind.value}:{self.id}")

    def __str__(self) -> str:
        return self.key

    @classmethod
    def parse(cls, text: str) -> AreaRef:
        """Read a reference written as ``"<kind>:<id>"``."""
        if not isinstance(text, str) or ":" not in text:
            raise ValidationError(
                entity=cls.KIND, field=None, rule="area_ref", reason="must look like '<kind>:<id>'"
            )
        kind, _, ident = text.partition(":")
        return cls(AreaKind(kind), ident)


def _statistical(length: int) -> Any:
    return optional_code(lambda code: statistical_code_problem(code, length=length))


def _urban_rural(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and value not in URBAN_RURAL_CODES:
        raise v.fail(instance, attribute.name, "code", "not an urban-rural classification code")


@document
@attrs.frozen
class County:
    """A county-level division (区/县/县级市), with its GB/T 2260 code.

    Args:
        id: Stable id.
        name: Display name.
        code: Its six-digit administrative division code.
        sub_bureau: The public-security sub-bureau (or county bureau) policing it.

    Examples:
        >>> from community_policing import County
        >>> County(id="cty-1", name="示例县", code="370811").code
        '370811'
        >>> County(id="cty-1", name="示例县", code="370800")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: county 'cty-1': code: a county-level code ...
    """

    KIND: ClassVar[str] = AreaKind.COUNTY.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    code: str | None = attrs.field(default=None, validator=optional_code(division_code_problem))
    sub_bureau: str | None = attrs.field(default=None, validator=v.optional_identifier)


@document
@attrs.frozen
class Township:
    """A street, town or township (街道/镇/乡) of a county, with its statistical code.

    Args:
        id: Stable id.
        name: Display name.
        county: The county it belongs to.
        kind: Street, town, township or a unit run by an enterprise.
        code: Its nine-digit statistical division code: the county's six, then its own three
            (``0xx`` a street, ``1xx`` a town, ``2xx``/``3xx`` a township).
        station: The police station policing it.

    Examples:
        >>> from community_policing import Township, TownshipKind
        >>> Township(id="t-1", name="西门街道", county="cty-1", kind=TownshipKind.STREET,
        ...          code="370811001").code
        '370811001'
    """

    KIND: ClassVar[str] = AreaKind.TOWNSHIP.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    county: str = attrs.field(validator=v.identifier)
    kind: TownshipKind = attrs.field(validator=v.member_of(TownshipKind))
    code: str | None = attrs.field(default=None, validator=_statistical(9))
    station: str | None = attrs.field(default=None, validator=v.optional_identifier)

    def __attrs_post_init__(self) -> None:
        if self.code is not None and self.code[6] not in TOWNSHIP_CLASSES[self.kind.value]:
            raise v.fail(
                self, "code", "code", f"the township part {self.code[6:]} is not a {self.kind.en}"
            )


@document
@attrs.frozen
class SubBureau:
    """A public-security sub-bureau (分局), the top of the police hierarchy here.

    ``code`` is its public-security organ code (公安机关机构代码, GA 380), when known.

    Examples:
        >>> from community_policing import SubBureau
        >>> SubBureau(id="sb-1", name="铁山分局")
        SubBureau(id='sb-1', name='铁山分局', code=None)
    """

    KIND: ClassVar[str] = AreaKind.SUB_BUREAU.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    code: str | None = attrs.field(default=None, validator=optional_code(police_code_problem))


@document
@attrs.frozen
class PoliceStation:
    """A police station (派出所) within a sub-bureau.

    Examples:
        >>> from community_policing import PoliceStation
        >>> PoliceStation(id="ps-1", name="栲栳派出所", sub_bureau="sb-1").name
        '栲栳派出所'
    """

    KIND: ClassVar[str] = AreaKind.POLICE_STATION.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    sub_bureau: str = attrs.field(validator=v.identifier)
    code: str | None = attrs.field(default=None, validator=optional_code(police_code_problem))


@document
@attrs.frozen
class PolicingDistrict:
    """A policing district (警务区) of a station, served by a community police office.

    Examples:
        >>> from community_policing import PolicingDistrict
        >>> PolicingDistrict(id="pd-1", name="东片警务区", station="ps-1").station
        'ps-1'
    """

    KIND: ClassVar[str] = AreaKind.POLICING_DISTRICT.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    station: str = attrs.field(validator=v.identifier)


@document
@attrs.frozen
class PoliceGrid:
    """A police grid (警格): one officer or auxiliary's patch, made of whole units.

    Its units are the communities, villages or management grids that name it; its population
    and setting follow from them.

    Examples:
        >>> from community_policing import PoliceGrid
        >>> PoliceGrid(id="pg-1", name="第一警格", district="pd-1").district
        'pd-1'
    """

    KIND: ClassVar[str] = AreaKind.POLICE_GRID.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    district: str = attrs.field(validator=v.identifier)


@document
@attrs.frozen
class Community:
    """An urban community (社区) or an administrative village (行政村).

    Args:
        id: Stable id.
        name: Display name.
        kind: Community or administrative village.
        setting: Urban or rural; the police-grid population cap depends on it.
        population: Actual population (实有人口).
        police_grid: The police grid this unit belongs to *as a whole*, if it does; leave
            ``None`` when its management grids are assigned one by one.
        township: The street, town or township it belongs to.
        code: Its twelve-digit statistical division code (统计用区划代码).
        urban_rural: Its urban-rural classification code (城乡分类代码, ``"111"`` ...).

    Examples:
        >>> from community_policing import AreaSetting, Community, CommunityKind
        >>> Community(id="c-1", name="西门社区", kind=CommunityKind.COMMUNITY,
        ...           setting=AreaSetting.URBAN, population=9600).police_grid is None
        True
    """

    KIND: ClassVar[str] = AreaKind.COMMUNITY.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    kind: CommunityKind = attrs.field(validator=v.member_of(CommunityKind))
    setting: AreaSetting = attrs.field(validator=v.member_of(AreaSetting))
    population: int = attrs.field(validator=v.count)
    police_grid: str | None = attrs.field(default=None, validator=v.optional_identifier)
    township: str | None = attrs.field(default=None, validator=v.optional_identifier)
    code: str | None = attrs.field(default=None, validator=_statistical(12))
    urban_rural: str | None = attrs.field(default=None, validator=_urban_rural)


@document
@attrs.frozen
class ManagementGrid:
    """A management grid (网格) of one community, tended by grid workers.

    Args:
        id: Stable id.
        name: Display name.
        community: The community or village it belongs to.
        police_grid: The police grid it belongs to, when its community is not assigned whole.
        population: Its actual population when recorded separately from the community's.
        code: Its grid code, in one of the registered layouts (CJ/T 349-2010 built in); it
            holds its community's statistical code.

    Examples:
        >>> from community_policing import ManagementGrid
        >>> grid = ManagementGrid(id="mg-1", name="西门一网格", community="c-1", population=2400)
        >>> grid.population
        2400
    """

    KIND: ClassVar[str] = AreaKind.MANAGEMENT_GRID.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    community: str = attrs.field(validator=v.identifier)
    police_grid: str | None = attrs.field(default=None, validator=v.optional_identifier)
    population: int | None = attrs.field(default=None, validator=v.optional_count)
    code: str | None = attrs.field(default=None, validator=optional_code(grid_code_problem))


@document
@attrs.frozen
class ResidentialCompound:
    """A residential compound (小区) within a community.

    Examples:
        >>> from community_policing import ResidentialCompound
        >>> ResidentialCompound(id="rc-1", name="嘉园小区", community="c-1").community
        'c-1'
    """

    KIND: ClassVar[str] = AreaKind.RESIDENTIAL_COMPOUND.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    community: str = attrs.field(validator=v.identifier)


@document
@attrs.frozen
class Building:
    """A building (楼栋) in one management grid, optionally inside a compound.

    ``location`` is where it stands (WGS-84), when known.

    Examples:
        >>> from community_policing import Building
        >>> Building(id="b-1", name="嘉园1号楼", management_grid="mg-1", floors=6).floors
        6
    """

    KIND: ClassVar[str] = AreaKind.BUILDING.value

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    management_grid: str = attrs.field(validator=v.identifier)
    compound: str | None = attrs.field(default=None, validator=v.optional_identifier)
    floors: int | None = attrs.field(default=None, validator=v.optional_count)
    location: GeoPoint | None = attrs.field(
        default=None, validator=v.instance_of(GeoPoint, optional=True)
    )


@document
@attrs.frozen
class StandardAddress:
    """A standard address (标准地址, the first of 一标三实).

    An address is either in a building or, for a place outside any building (a shop front, a
    school gate), directly in a management grid: exactly one of the two is given. ``location``
    is its point (WGS-84), when known. ``parts`` is its structure
    (:class:`~community_policing.model.addresses.AddressParts`: road, door number, compound,
    building, unit, floor, room), whose canonical text ``text`` must then be.

    Examples:
        >>> StandardAddress(id="a-1", text="西门路1号")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: standard_address 'a-1':
            needs exactly one of building and management_grid
    """

    KIND: ClassVar[str] = AreaKind.STANDARD_ADDRESS.value

    id: str = attrs.field(validator=v.identifier)
    text: str = attrs.field(validator=v.text)
    building: str | None = attrs.field(default=None, validator=v.optional_identifier)
    management_grid: str | None = attrs.field(default=None, validator=v.optional_identifier)
    location: GeoPoint | None = attrs.field(
        default=None, validator=v.instance_of(GeoPoint, optional=True)
    )
    parts: AddressParts | None = attrs.field(
        default=None, validator=v.instance_of(AddressParts, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if (self.building is None) == (self.management_grid is None):
            raise v.fail(
                self,
                None,
                "exactly_one_parent",
                "needs exactly one of building and management_grid",
            )
        if self.parts is not None and self.parts.text() != self.text:
            # neither text is repeated: an address can say where a person lives
            raise v.fail(self, "text", "canonical_text", "is not the text its parts make")


@document
@attrs.frozen
class Household:
    """A household (户) living at one standard address.

    Examples:
        >>> from community_policing import Household
        >>> Household(id="h-1", address="a-1").address
        'a-1'
    """

    KIND: ClassVar[str] = "household"

    id: str = attrs.field(validator=v.identifier)
    address: str = attrs.field(validator=v.identifier)
