"""The schema of the relationship graph: node keys, entity kinds and the relations between them.

An entity is a node keyed ``"<kind>:<id>"``. A relation is an edge: either a field of an entity
(a building names its management grid) or a record of its own with a period (a residence, a
membership). :data:`RELATION_SCHEMA` says, for every
:class:`~community_policing.model.vocab.Relation`,
which node kinds it may join; :func:`relation_of` says where a relation record's edge runs.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period, Residence, relation_of
    >>> relation_of(Residence(id="r-1", person="p-1", household="h-1",
    ...                       period=Period(date(2024, 1, 1))))
    ('person:p-1', 'household:h-1', <Relation.LIVES_IN: 'lives_in'>)
"""

from __future__ import annotations

from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import ValidationError
from community_policing.model.jurisdiction import COLLECTIONS, RECORD_COLLECTIONS, REFERENCES
from community_policing.model.people import (
    FamilyTie,
    Membership,
    RentalHousing,
    ReportingLine,
    Residence,
)
from community_policing.model.teams import AreaAssignment
from community_policing.model.vocab import AreaKind, Relation

if TYPE_CHECKING:
    from collections.abc import Iterator, Mapping

__all__ = [
    "ENTITY_MODELS",
    "FIELD_RELATIONS",
    "RECORD_MODELS",
    "RELATION_SCHEMA",
    "RelationRule",
    "field_edges",
    "node_key",
    "relation_of",
]

#: The models of the relation records (edges with a period), by kind.
RECORD_MODELS: Mapping[str, type[Any]] = MappingProxyType(
    {COLLECTIONS[name].KIND: COLLECTIONS[name] for name in RECORD_COLLECTIONS}
)
#: The models of the entities (nodes), by kind: every collection of a jurisdiction but records.
ENTITY_MODELS: Mapping[str, type[Any]] = MappingProxyType(
    {cls.KIND: cls for cls in COLLECTIONS.values() if cls.KIND not in RECORD_MODELS}
)
_AREA_KINDS = frozenset(kind.value for kind in AreaKind)


def node_key(kind: str, ident: str) -> str:
    """The graph key of an entity: ``"<kind>:<id>"``.

    Examples:
        >>> node_key("person", "p-1")
        'person:p-1'
    """
    return f"{kind}:{ident}"


@attrs.frozen
class RelationRule:
    """What a relation may join, and how many of it a node may have.

    Attributes:
        relation: The relation this rule is for.
        sources: Node kinds an edge may start from.
        targets: Node kinds an edge may end at.
        directed: ``False`` for a relation read the same both ways (family ties).
        at_most_one_current: A source may have at most one such edge in force on any day.

    Examples:
        >>> from community_policing import RELATION_SCHEMA, Relation
        >>> rule = RELATION_SCHEMA[Relation.LIVES_IN]
        >>> sorted(rule.sources), sorted(rule.targets), rule.at_most_one_current
        (['person'], ['household'], True)
    """

    relation: Relation
    sources: frozenset[str]
    targets: frozenset[str]
    directed: bool = True
    at_most_one_current: bool = False


def _field_rules() -> dict[Relation, RelationRule]:
    sources: dict[Relation, set[str]] = {}
    targets: dict[Relation, set[str]] = {}
    for reference in REFERENCES:
        if reference.relation is not None:
            sources.setdefault(reference.relation, set()).add(
                COLLECTIONS[reference.collection].KIND
            )
            targets.setdefault(reference.relation, set()).add(COLLECTIONS[reference.target].KIND)
    return {
        relation: RelationRule(
            relation,
            frozenset(sources[relation]),
            frozenset(targets[relation]),
            # an entity names one parent per field: never two edges of one relation
            at_most_one_current=True,
        )
        for relation in sources
    }


#: The schema of the graph: for every relation, the node kinds it may join.
RELATION_SCHEMA: dict[Relation, RelationRule] = {
    **_field_rules(),
    Relation.COVERS: RelationRule(
        Relation.COVERS, frozenset({"post"}), _AREA_KINDS, at_most_one_current=True
    ),
    Relation.LIVES_IN: RelationRule(
        Relation.LIVES_IN, frozenset({"person"}), frozenset({"household"}), at_most_one_current=True
    ),
    Relation.LETS: RelationRule(
        Relation.LETS, frozenset({"person"}), frozenset({"standard_address"})
    ),
    Relation.HOLDS_POST: RelationRule(
        Relation.HOLDS_POST, frozenset({"person"}), frozenset({"post"})
    ),
    Relation.MEMBER_OF: RelationRule(
        Relation.MEMBER_OF, frozenset({"person"}), frozenset({"organization", "team"})
    ),
    Relation.FAMILY: RelationRule(
        Relation.FAMILY, frozenset({"person"}), frozenset({"person"}), directed=False
    ),
    Relation.SERVES: RelationRule(
        Relation.SERVES, frozenset({"team", "organization"}), _AREA_KINDS
    ),
    Relation.REPORTS_TO: RelationRule(
        Relation.REPORTS_TO, frozenset({"person"}), frozenset({"person"})
    ),
}


def _field_relations() -> Mapping[str, tuple[tuple[str, str | None, Relation], ...]]:
    found: dict[str, list[tuple[str, str | None, Relation]]] = {}
    for reference in REFERENCES:
        if reference.relation is not None:
            found.setdefault(COLLECTIONS[reference.collection].KIND, []).append(
                (reference.field, COLLECTIONS[reference.target].KIND, reference.relation)
            )
    found["post"].append(("area", None, Relation.COVERS))  # an AreaRef names its own kind
    return MappingProxyType({kind: tuple(fields) for kind, fields in found.items()})


#: For every entity kind, the fields that place it in the graph: (field, the kind it names, or
#: ``None`` for an :class:`~community_policing.model.territory.AreaRef`, which names its own;
#: relation).
FIELD_RELATIONS = _field_relations()


def field_edges(model: Any) -> Iterator[tuple[str, Relation]]:
    """(target key, relation) for every parent or scope an entity names in its fields.

    Examples:
        >>> from community_policing import Building
        >>> list(field_edges(Building(id="b-1", name="1号楼", management_grid="mg-1")))
        [('management_grid:mg-1', <Relation.IN_MANAGEMENT_GRID: 'in_management_grid'>)]
    """
    for field, target_kind, relation in FIELD_RELATIONS.get(model.KIND, ()):
        value = getattr(model, field)
        if value is None:
            continue
        yield (str(value) if target_kind is None else f"{target_kind}:{value}"), relation


def relation_of(record: Any) -> tuple[str, str, Relation]:  # noqa: PLR0911  (one per kind)
    """(source key, target key, relation) of the edge a relation record makes.

    Raises:
        ValidationError: ``record`` is not a relation record.

    Examples:
        >>> from community_policing import AreaAssignment, AreaRef, Period
        >>> from datetime import date
        >>> relation_of(AreaAssignment(id="as-1", team="t-1", area=AreaRef.parse("community:c-1"),
        ...                            period=Period(date(2024, 1, 1))))
        ('team:t-1', 'community:c-1', <Relation.SERVES: 'serves'>)
    """
    if isinstance(record, Residence):
        return f"person:{record.person}", f"household:{record.household}", Relation.LIVES_IN
    if isinstance(record, Membership):
        if record.post is not None:
            return f"person:{record.person}", f"post:{record.post}", Relation.HOLDS_POST
        if record.team is not None:
            return f"person:{record.person}", f"team:{record.team}", Relation.MEMBER_OF
        return f"person:{record.person}", f"organization:{record.organization}", Relation.MEMBER_OF
    if isinstance(record, FamilyTie):
        return f"person:{record.person}", f"person:{record.relative}", Relation.FAMILY
    if isinstance(record, AreaAssignment):
        return record.provider, str(record.area), Relation.SERVES
    if isinstance(record, RentalHousing):
        return f"person:{record.landlord}", f"standard_address:{record.address}", Relation.LETS
    if isinstance(record, ReportingLine):
        return f"person:{record.reporter}", f"person:{record.officer}", Relation.REPORTS_TO
    msg = f"a {type(record).__name__} is not a relation record"
    raise ValidationError(entity="graph", field=None, rule="not_a_relation", reason=msg)
