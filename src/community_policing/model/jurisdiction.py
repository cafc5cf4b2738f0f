"""A jurisdiction document: every entity of one place, checked as a whole.

A :class:`Jurisdiction` holds tuples of every model — territory, people, organisations, posts,
memberships and residences — and refuses to exist unless the whole is consistent: ids are
unique within each kind, every reference resolves, no unit is split between police grids, a
building's compound lies in the building's community, and nobody lives in two places at once.
All problems are reported together in one :class:`~community_policing.errors.DocumentError`, each
with its JSON path.

Examples:
    >>> from community_policing import Jurisdiction, PoliceStation, SubBureau
    >>> Jurisdiction(
    ...     id="j-1", name="示例",
    ...     sub_bureaus=(SubBureau(id="sb-1", name="市中分局"),),
    ...     police_stations=(PoliceStation(id="ps-1", name="西门派出所", sub_bureau="sb-9"),),
    ... )
    Traceback (most recent call last):
    ...
    community_policing.errors.DocumentError: 1 problem in document:
      $.police_stations[0].sub_bureau: no sub_bureau with id 'sb-9'
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import DocumentError, Problem, ValidationError, shown
from community_policing.model import validators as v
from community_policing.model.boundaries import AreaBoundary
from community_policing.model.codes import extension_problems
from community_policing.model.people import (
    FamilyTie,
    Membership,
    Organization,
    Person,
    Post,
    RentalHousing,
    ReportingLine,
    Residence,
)
from community_policing.model.periods import Period
from community_policing.model.registry import document
from community_policing.model.teams import AreaAssignment, Team
from community_policing.model.territory import (
    AreaRef,
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
from community_policing.model.vocab import Relation

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator, Mapping, Sequence

__all__ = [
    "AREA_REFERENCES",
    "COLLECTIONS",
    "COLLECTION_OF_KIND",
    "Jurisdiction",
    "Lifetime",
    "RECORD_COLLECTIONS",
    "REFERENCES",
    "Reference",
]

#: Each collection of a jurisdiction document and the model it holds, in document order.
COLLECTIONS: dict[str, type[Any]] = {
    "counties": County,
    "townships": Township,
    "sub_bureaus": SubBureau,
    "police_stations": PoliceStation,
    "policing_districts": PolicingDistrict,
    "police_grids": PoliceGrid,
    "communities": Community,
    "management_grids": ManagementGrid,
    "residential_compounds": ResidentialCompound,
    "buildings": Building,
    "standard_addresses": StandardAddress,
    "households": Household,
    "persons": Person,
    "residences": Residence,
    "rental_housings": RentalHousing,
    "family_ties": FamilyTie,
    "organizations": Organization,
    "teams": Team,
    "posts": Post,
    "memberships": Membership,
    "area_assignments": AreaAssignment,
    "reporting_lines": ReportingLine,
}

#: The collections of relation records (a period between two entities); the rest hold entities.
RECORD_COLLECTIONS: tuple[str, ...] = (
    "residences",
    "rental_housings",
    "family_ties",
    "memberships",
    "area_assignments",
    "reporting_lines",
)

#: The collection that holds each kind of model (``"person"``: ``"persons"``).
COLLECTION_OF_KIND: dict[str, str] = {cls.KIND: name for name, cls in COLLECTIONS.items()}
_ENTITY_COLLECTIONS = {
    cls.KIND: name for name, cls in COLLECTIONS.items() if name not in RECORD_COLLECTIONS
}


@document
@attrs.frozen
class Lifetime:
    """When an entity exists (存续期): a police grid drawn from a date, a post abolished.

    An entity a jurisdiction lists without a lifetime exists always; a graph hides it
    outside its lifetime (see :meth:`~community_policing.graph.graph.CommunityGraph.as_of`).

    Args:
        kind: The entity's kind, such as ``"police_grid"``.
        entity: The entity's id.
        period: When it exists.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Lifetime, Period
        >>> Lifetime("post", "post-aux-pg-04", Period(date(2020, 1, 1), date(2025, 1, 1))).kind
        'post'
    """

    KIND: ClassVar[str] = "lifetime"

    kind: str = attrs.field(validator=v.identifier)
    entity: str = attrs.field(validator=v.identifier)
    period: Period = attrs.field(validator=v.instance_of(Period))


@attrs.frozen
class Reference:
    """One field of a model that names another entity by id.

    Attributes:
        collection: The collection holding the referring models.
        field: The referring field.
        target: The collection that must hold the named entity.
        relation: For a field that places an entity in the graph (a building in its management
            grid), the relation of that edge; ``None`` for the endpoints of a relation record.

    Examples:
        >>> from community_policing import REFERENCES
        >>> reference = REFERENCES[0]
        >>> reference.collection, reference.field, reference.target, reference.relation.value
        ('police_stations', 'sub_bureau', 'sub_bureaus', 'in_sub_bureau')
    """

    collection: str
    field: str
    target: str
    relation: Relation | None = None


#: Every id reference between collections; each is checked for dangling ids.
REFERENCES: tuple[Reference, ...] = (
    Reference("police_stations", "sub_bureau", "sub_bureaus", Relation.IN_SUB_BUREAU),
    Reference("policing_districts", "station", "police_stations", Relation.IN_STATION),
    Reference("police_grids", "district", "policing_districts", Relation.IN_DISTRICT),
    Reference("communities", "police_grid", "police_grids", Relation.IN_POLICE_GRID),
    Reference("management_grids", "community", "communities", Relation.IN_COMMUNITY),
    Reference("management_grids", "police_grid", "police_grids", Relation.IN_POLICE_GRID),
    Reference("residential_compounds", "community", "communities", Relation.IN_COMMUNITY),
    Reference("buildings", "management_grid", "management_grids", Relation.IN_MANAGEMENT_GRID),
    Reference("buildings", "compound", "residential_compounds", Relation.IN_COMPOUND),
    Reference("standard_addresses", "building", "buildings", Relation.IN_BUILDING),
    Reference(
        "standard_addresses", "management_grid", "management_grids", Relation.IN_MANAGEMENT_GRID
    ),
    Reference("households", "address", "standard_addresses", Relation.AT_ADDRESS),
    Reference("organizations", "address", "standard_addresses", Relation.AT_ADDRESS),
    Reference("posts", "organization", "organizations", Relation.POST_OF),
    Reference("residences", "person", "persons"),
    Reference("residences", "household", "households"),
    Reference("rental_housings", "landlord", "persons"),
    Reference("rental_housings", "address", "standard_addresses"),
    Reference("family_ties", "person", "persons"),
    Reference("family_ties", "relative", "persons"),
    Reference("memberships", "person", "persons"),
    Reference("memberships", "post", "posts"),
    Reference("memberships", "organization", "organizations"),
    Reference("memberships", "team", "teams"),
    Reference("area_assignments", "team", "teams"),
    Reference("area_assignments", "organization", "organizations"),
    Reference("reporting_lines", "reporter", "persons"),
    Reference("reporting_lines", "officer", "persons"),
    Reference("counties", "sub_bureau", "sub_bureaus", Relation.POLICED_BY),
    Reference("townships", "county", "counties", Relation.IN_COUNTY),
    Reference("townships", "station", "police_stations", Relation.POLICED_BY),
    Reference("communities", "township", "townships", Relation.IN_TOWNSHIP),
)

#: Fields that name a place of any kind with an
#: :class:`~community_policing.model.territory.AreaRef`.
AREA_REFERENCES: tuple[tuple[str, str], ...] = (("posts", "area"), ("area_assignments", "area"))


# Rules that the Jurisdiction itself reports once every record has been built.
_INTEGRITY_RULES = frozenset({"duplicate_id", "reference", "whole_units", "compound_in_community"})
_AREA_FIELDS = frozenset(field for _, field in AREA_REFERENCES)


def _raw_field(record: object, field: str) -> Any:
    """A readable id or reference of a raw JSON record, or ``None``."""
    if type(record) is not dict:
        return None
    value = record.get(field)
    if type(value) is not str:
        return None
    if field in _AREA_FIELDS:
        try:
            return AreaRef.parse(value)
        except ValidationError:
            return None
    return value


def _raw_problems(body: dict[str, Any], found: Sequence[Problem]) -> list[Problem]:
    """``found``, and the references and ids checked on the raw records, in document order.

    The raw check is skipped when the records built and the document itself reported such
    problems.
    """
    problems = list(found)
    if not any(problem.rule in _INTEGRITY_RULES for problem in found):
        # An unreadable collection stands as one unreadable record, so nothing refers into it.
        collections = {
            name: items if type(items := body.get(name, [])) is list else [None]
            for name in COLLECTIONS
        }
        problems.extend(integrity_problems(collections, _raw_field))
    return in_document_order(problems)


# What a jurisdiction says about its entities' time beside the collections.
_DATED = ("lifetimes", "boundaries")


def _collection() -> Any:
    return attrs.field(default=(), repr=False)


@document(raw_problems=_raw_problems)
@attrs.frozen
class Jurisdiction:
    """Every entity of one jurisdiction, consistent as a whole.

    Args:
        id: Stable id of the document.
        name: Display name, such as the station or sub-bureau it describes.
        **collections: One tuple of models per collection named in :data:`COLLECTIONS`, from
            ``sub_bureaus`` to ``memberships``; each defaults to empty.

    Raises:
        DocumentError: listing every duplicate id, dangling reference and containment
            conflict, each with its JSON path.

    Examples:
        >>> from community_policing import Jurisdiction, SubBureau
        >>> Jurisdiction(id="j-1", name="示例", sub_bureaus=(SubBureau(id="sb-1", name="分局"),))
        Jurisdiction(id='j-1', name='示例', sub_bureaus=1)
    """

    KIND: ClassVar[str] = "jurisdiction"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    counties: tuple[County, ...] = _collection()
    townships: tuple[Township, ...] = _collection()
    sub_bureaus: tuple[SubBureau, ...] = _collection()
    police_stations: tuple[PoliceStation, ...] = _collection()
    policing_districts: tuple[PolicingDistrict, ...] = _collection()
    police_grids: tuple[PoliceGrid, ...] = _collection()
    communities: tuple[Community, ...] = _collection()
    management_grids: tuple[ManagementGrid, ...] = _collection()
    residential_compounds: tuple[ResidentialCompound, ...] = _collection()
    buildings: tuple[Building, ...] = _collection()
    standard_addresses: tuple[StandardAddress, ...] = _collection()
    households: tuple[Household, ...] = _collection()
    persons: tuple[Person, ...] = _collection()
    residences: tuple[Residence, ...] = _collection()
    rental_housings: tuple[RentalHousing, ...] = _collection()
    family_ties: tuple[FamilyTie, ...] = _collection()
    organizations: tuple[Organization, ...] = _collection()
    teams: tuple[Team, ...] = _collection()
    posts: tuple[Post, ...] = _collection()
    memberships: tuple[Membership, ...] = _collection()
    area_assignments: tuple[AreaAssignment, ...] = _collection()
    reporting_lines: tuple[ReportingLine, ...] = _collection()
    lifetimes: tuple[Lifetime, ...] = _collection()
    boundaries: tuple[AreaBoundary, ...] = _collection()

    def __attrs_post_init__(self) -> None:
        fields = attrs.fields_dict(type(self))
        for name, cls in COLLECTIONS.items():
            v.tuple_of(cls)(self, fields[name], getattr(self, name))
        v.tuple_of(Lifetime)(self, fields["lifetimes"], self.lifetimes)
        v.tuple_of(AreaBoundary)(self, fields["boundaries"], self.boundaries)
        problems = _find_problems(self)
        if problems:
            raise DocumentError(in_document_order(problems))
        if self.lifetimes:  # in their entities' order, however given: one document, one form
            object.__setattr__(self, "lifetimes", _in_entity_order(self))

    def __repr__(self) -> str:
        counts = ", ".join(
            f"{name}={len(getattr(self, name))}"
            for name in (*COLLECTIONS, *_DATED)
            if getattr(self, name)
        )
        return f"Jurisdiction(id={self.id!r}, name={self.name!r}{', ' if counts else ''}{counts})"

    def entities(self) -> Iterator[Any]:
        """Every entity in document order, collection by collection.

        Examples:
            >>> from community_policing import sample
            >>> kinds = {type(entity).KIND for entity in sample.jurisdiction().entities()}
            >>> sorted(kinds)[:3]
            ['area_assignment', 'building', 'community']
        """
        for name in COLLECTIONS:
            yield from getattr(self, name)


def _in_entity_order(doc: Jurisdiction) -> tuple[Lifetime, ...]:
    kinds = {life.kind for life in doc.lifetimes}
    order = {
        (kind, model.id): at
        for at, (kind, model) in enumerate(
            (cls.KIND, model)
            for name, cls in COLLECTIONS.items()
            if cls.KIND in kinds
            for model in getattr(doc, name)
        )
    }
    return tuple(sorted(doc.lifetimes, key=lambda life: order[life.kind, life.entity]))


# Reads a field of one record: ``getattr`` for models, a checked lookup for raw JSON.
_FieldGetter = Callable[[Any, str], Any]
_PATH_HEAD = re.compile(r"\$\.(\w+)(?:\[(\d+)\])?")
_COLLECTION_ORDER = {name: position for position, name in enumerate((*COLLECTIONS, *_DATED))}


def in_document_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted by where they stand in a jurisdiction document (stable)."""

    def position(problem: Problem) -> tuple[int, int]:
        match = _PATH_HEAD.match(problem.path)
        if match is None or match[1] not in _COLLECTION_ORDER:
            return (-1, 0)
        return (_COLLECTION_ORDER[match[1]], -1 if match[2] is None else int(match[2]))

    return sorted(problems, key=position)


def _find_problems(doc: Jurisdiction) -> list[Problem]:
    collections = {name: getattr(doc, name) for name in COLLECTIONS}
    problems = integrity_problems(collections, getattr)
    problems.extend(_residence_problems(doc))
    problems.extend(_id_card_problems(doc))
    problems.extend(_lifetime_problems(doc))
    problems.extend(_boundary_problems(doc))
    if not any(problem.rule == "reference" for problem in problems):
        problems.extend(extension_problems(collections))
    return problems


def _boundary_problems(doc: Jurisdiction) -> Iterator[Problem]:
    """A boundary names an area of the document; one area's drawings never overlap in time."""
    ids: dict[str, set[str]] = {}
    drawn: defaultdict[AreaRef, list[Period]] = defaultdict(list)
    for index, drawing in enumerate(doc.boundaries):
        area = drawing.area
        collection = COLLECTION_OF_KIND[area.kind.value]
        if collection not in ids:
            ids[collection] = {entity.id for entity in getattr(doc, collection)}
        if area.id not in ids[collection]:
            reason = f"no {area.kind.value} with id {shown(area.id)}"
            yield Problem(f"$.boundaries[{index}].area", "reference", reason)
        elif any(drawing.period.overlaps(other) for other in drawn[area]):
            yield Problem(
                f"$.boundaries[{index}].period",
                "one_boundary",
                f"overlaps another boundary of {shown(str(area))}",
            )
        drawn[area].append(drawing.period)


def _lifetime_problems(doc: Jurisdiction) -> Iterator[Problem]:
    """A lifetime names an entity of the document, and an entity has at most one."""
    seen: set[tuple[str, str]] = set()
    ids: dict[str, set[str]] = {}
    for index, lifetime in enumerate(doc.lifetimes):
        where = f"$.lifetimes[{index}]"
        collection = _ENTITY_COLLECTIONS.get(lifetime.kind)
        if collection is not None and collection not in ids:
            ids[collection] = {entity.id for entity in getattr(doc, collection)}
        if collection is None:
            yield Problem(f"{where}.kind", "type_tag", "not a kind of entity")
        elif lifetime.entity not in ids[collection]:
            reason = f"no {lifetime.kind} with id {shown(lifetime.entity)}"
            yield Problem(f"{where}.entity", "reference", reason)
        elif (lifetime.kind, lifetime.entity) in seen:
            yield Problem(f"{where}.entity", "duplicate_id", "the entity has a lifetime already")
        seen.add((lifetime.kind, lifetime.entity))


def _id_card_problems(doc: Jurisdiction) -> Iterator[Problem]:
    """One ID-card number belongs to one person (the number itself is never repeated).

    A person listed twice under one id is reported once, as a duplicate id.
    """
    holder: dict[str, str] = {}
    for index, person in enumerate(doc.persons):
        number = person.id_card_number
        if number is not None and holder.setdefault(number, person.id) != person.id:
            yield Problem(
                f"$.persons[{index}].id_card_number",
                "unique_id_card",
                "another person has the same ID-card number",
            )


def integrity_problems(
    collections: Mapping[str, Sequence[Any]], get: _FieldGetter
) -> list[Problem]:
    """Duplicate ids, dangling references and containment conflicts across collections.

    Works on models and, through ``get``, on raw JSON records that have not been (or could
    not be) turned into models, so a document with type errors still has its references
    checked. Records whose id or reference cannot be read are skipped, not reported twice.
    """
    problems: list[Problem] = []
    ids: dict[str, dict[str, int]] = {}
    # A collection with a record whose id cannot be read may hold any id: references into
    # it are not checked, so one broken record does not cascade into false reports.
    incomplete: set[str] = set()
    for name in COLLECTIONS:
        seen: dict[str, int] = {}
        for index, entity in enumerate(collections[name]):
            ident = get(entity, "id")
            if ident is None:
                incomplete.add(name)
                continue
            first = seen.setdefault(ident, index)
            if first != index:
                problems.append(
                    Problem(
                        f"$.{name}[{index}].id",
                        "duplicate_id",
                        f"id {shown(ident)} is already used by $.{name}[{first}]",
                    )
                )
        ids[name] = seen

    for reference in REFERENCES:
        name, field, target = reference.collection, reference.field, reference.target
        if target in incomplete:
            continue
        known = ids[target]
        kind = COLLECTIONS[target].KIND
        for index, entity in enumerate(collections[name]):
            ref = get(entity, field)
            if ref is not None and ref not in known:
                problems.append(
                    Problem(
                        f"$.{name}[{index}].{field}", "reference", f"no {kind} with id {shown(ref)}"
                    )
                )

    for name, field in AREA_REFERENCES:
        for index, entity in enumerate(collections[name]):
            area = get(entity, field)
            if area is None:
                continue
            target = COLLECTION_OF_KIND[area.kind.value]
            if target not in incomplete and area.id not in ids[target]:
                problems.append(
                    Problem(
                        f"$.{name}[{index}].{field}",
                        "reference",
                        f"no {area.kind.value} with id {shown(area.id)}",
                    )
                )

    problems.extend(_containment_problems(collections, get, ids))
    return problems


def _containment_problems(
    collections: Mapping[str, Sequence[Any]], get: _FieldGetter, ids: dict[str, dict[str, int]]
) -> Iterator[Problem]:
    whole_unit_grid = {get(c, "id"): get(c, "police_grid") for c in collections["communities"]}
    for index, grid in enumerate(collections["management_grids"]):
        community, police_grid = get(grid, "community"), get(grid, "police_grid")
        whole = whole_unit_grid.get(community)
        if whole is not None and police_grid is not None and police_grid != whole:
            yield Problem(
                f"$.management_grids[{index}].police_grid",
                "whole_units",
                f"community {shown(community)} belongs whole to police grid {shown(whole)}; "
                "a unit cannot be split between police grids",
            )

    compound_community = {
        get(c, "id"): get(c, "community") for c in collections["residential_compounds"]
    }
    grid_community = {get(g, "id"): get(g, "community") for g in collections["management_grids"]}
    for index, building in enumerate(collections["buildings"]):
        # A dangling compound, grid or community is reported once, as a reference.
        actual = compound_community.get(get(building, "compound"))
        expected = grid_community.get(get(building, "management_grid"))
        if actual in ids["communities"] and expected in ids["communities"] and actual != expected:
            yield Problem(
                f"$.buildings[{index}].compound",
                "compound_in_community",
                f"compound {shown(get(building, 'compound'))} is in community {shown(actual)}, "
                "but the "
                f"building's management grid is in community {shown(expected)}",
            )


def _residence_problems(doc: Jurisdiction) -> Iterator[Problem]:
    by_person: defaultdict[str, list[int]] = defaultdict(list)
    residences = doc.residences
    for index, residence in enumerate(residences):
        by_person[residence.person].append(index)
    for indices in by_person.values():
        if len(indices) < 2:
            continue
        ordered = sorted(indices, key=lambda i: residences[i].period.start)
        latest_end_index = ordered[0]
        for index in ordered[1:]:
            earlier = residences[latest_end_index]
            current = residences[index]
            if earlier.period.overlaps(current.period):
                yield Problem(
                    f"$.residences[{index}].period",
                    "one_residence",
                    f"overlaps residence {shown(earlier.id)} of the same person",
                )
            end = current.period.end
            earlier_end = earlier.period.end
            if earlier_end is not None and (end is None or end > earlier_end):
                latest_end_index = index
