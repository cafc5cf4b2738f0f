"""The checks a change to the graph passes before it touches anything.

The same rules as a jurisdiction document's (references, whole units, compound in community,
one residence at a time), for one changed entity or relation, so a refused change leaves the
graph exactly as it was.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from community_policing.errors import DocumentError, Problem, ValidationError, shown
from community_policing.graph._adjacency import Sealed, edge_data, set_attribute
from community_policing.graph._drawings import restore as restore_boundaries
from community_policing.graph.relations import (
    ENTITY_MODELS,
    FIELD_RELATIONS,
    RECORD_MODELS,
    RELATION_SCHEMA,
    field_edges,
    relation_of,
)
from community_policing.model import validators as v
from community_policing.model.codes import extension_problems
from community_policing.model.jurisdiction import COLLECTION_OF_KIND, COLLECTIONS, Jurisdiction
from community_policing.model.periods import Period

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from community_policing.graph._adjacency import Store
    from community_policing.model.vocab import Relation


def entity_kind(model: Any) -> str:
    """The kind of an entity model; anything else is refused."""
    kind = getattr(type(model), "KIND", None)
    if not isinstance(kind, str) or ENTITY_MODELS.get(kind) is not type(model):
        what = type(model).__name__
        raise ValidationError(
            entity="graph",
            field=None,
            rule="not_an_entity",
            reason=f"a {what} is not an entity; relation records go through add_relation",
        )
    return str(kind)


def require_kind(kind: object, models: Mapping[str, Any], reason: str) -> None:
    """Refuse a ``kind`` argument that is neither ``None`` nor one of ``models``' kinds."""
    if kind is not None and (type(kind) is not str or kind not in models):
        raise ValidationError(entity="graph", field="kind", rule="allowed_values", reason=reason)


def checked_field_edges(store: Store, model: Any, key: str) -> list[tuple[str, Relation]]:
    """The edges an entity's fields make, once every target exists and no rule breaks."""
    edges = list(field_edges(model))
    fields = [field for field, _, _ in FIELD_RELATIONS.get(model.KIND, ())]
    named = [field for field in fields if getattr(model, field) is not None]
    for field, (target, _) in zip(named, edges, strict=True):
        if target not in store.node or target == key:
            kind, _, ident = target.partition(":")
            raise v.fail(model, field, "reference", f"no {kind} with id {shown(ident)}")
    _check_containment(store, model)
    _check_codes(store, model, key, [target for target, _ in edges])
    number = getattr(model, "id_card_number", None)
    if number is not None and store.card_holder(number) not in (None, key):
        raise v.fail(
            model, "id_card_number", "unique_id_card", "another person has the same ID-card number"
        )
    return edges


def add_field_edges(store: Store, key: str, edges: list[tuple[str, Relation]]) -> None:
    """Add the edges an entity's fields make."""
    for target, relation in edges:
        store.link(key, target, relation.value, edge_data(relation, None))


def _check_codes(store: Store, model: Any, key: str, parents: list[str]) -> None:
    """A changed entity's code still extends its parents' and is extended by its children's.

    The document's own rule (``extension_problems``) judges the entity among its neighbours,
    which were consistent before the change.
    """
    if getattr(model, "code", None) is None:
        return
    neighbours = [store.node[parent]["model"] for parent in parents]
    if key in store.node:
        neighbours.extend(store.node[child]["model"] for child in store.pred[key])
    collections: dict[str, list[Any]] = {COLLECTION_OF_KIND[model.KIND]: [model]}
    for neighbour in neighbours:
        if hasattr(neighbour, "code"):
            collections.setdefault(COLLECTION_OF_KIND[neighbour.KIND], []).append(neighbour)
    problems = extension_problems(collections)
    if problems:
        raise v.fail(model, "code", "code_extends", problems[0].reason)


def _check_containment(store: Store, model: Any) -> None:
    """The whole-unit and compound rules of a jurisdiction, for one changed entity."""
    g = store.graph
    kind = model.KIND
    if kind == "management_grid" and model.police_grid is not None:
        whole = g.nodes[f"community:{model.community}"]["model"].police_grid
        if whole is not None and whole != model.police_grid:
            raise v.fail(
                model,
                "police_grid",
                "whole_units",
                f"community {shown(model.community)} belongs whole to police grid {shown(whole)}",
            )
    elif kind == "community" and model.police_grid is not None:
        for grid_key in g.predecessors(f"community:{model.id}"):
            grid = g.nodes[grid_key]["model"]
            if grid.KIND == "management_grid" and grid.police_grid not in (
                None,
                model.police_grid,
            ):
                raise v.fail(
                    model,
                    "police_grid",
                    "whole_units",
                    f"its management grid {shown(grid.id)} belongs to police grid "
                    f"{shown(grid.police_grid)}; a unit cannot be split",
                )
    if kind in _COMPOUND_RULE_KINDS:
        _check_compounds(store, model)


# A building's compound lies in the community of the building's management grid: a change
# to any of the three can break it.
_COMPOUND_RULE_KINDS = frozenset({"building", "residential_compound", "management_grid"})


def _check_compounds(store: Store, model: Any) -> None:
    nodes = store.node
    kind = model.KIND
    if kind == "building":
        buildings = [model]
    else:  # the buildings in the changed compound or grid, as they stand
        relation = "in_compound" if kind == "residential_compound" else "in_management_grid"
        buildings = [
            nodes[child]["model"]
            for child, keyed in store.pred.get(f"{kind}:{model.id}", {}).items()
            if relation in keyed and nodes[child]["kind"] == "building"
        ]
    for building in buildings:
        if building.compound is None:
            continue
        compound = model if kind == "residential_compound" else None
        grid = model if kind == "management_grid" else None
        compound = compound or nodes[f"residential_compound:{building.compound}"]["model"]
        grid = grid or nodes[f"management_grid:{building.management_grid}"]["model"]
        if compound.community != grid.community:
            raise v.fail(
                model,
                "community" if kind != "building" else "compound",
                "compound_in_community",
                f"compound {shown(compound.id)} is in community "
                f"{shown(compound.community)}, but "
                f"management grid {shown(grid.id)} is in community {shown(grid.community)}",
            )


def check_endpoints(
    store: Store, record: Any, source: str, target: str, relation: Relation
) -> None:
    """Both ends of a relation record exist and are of kinds its relation may join."""
    rule = RELATION_SCHEMA[relation]
    for end, key, allowed in (
        ("source", source, rule.sources),
        ("target", target, rule.targets),
    ):
        if key not in store.node:
            kind, _, ident = key.partition(":")
            raise v.fail(record, None, "reference", f"no {kind} with id {shown(ident)}")
        kind = store.node[key]["kind"]
        if kind not in allowed:  # pragma: no cover - the record types allow no other kinds
            raise v.fail(record, None, "schema", f"{relation.value} cannot have a {kind} as {end}")


def check_single_current(store: Store, record: Any, source: str, relation: Relation) -> None:
    """No other edge of the relation at ``source`` overlaps the record's period."""
    for keyed in store.succ[source].values():
        for other_key, data in keyed.items():
            other = data["record"]
            if (
                data["relation"] is relation
                and other is not None
                and other.period.overlaps(record.period)
            ):
                raise v.fail(
                    record,
                    "period",
                    "one_residence",
                    f"overlaps {shown(other_key)} of the same person",
                )


def restore_edge(
    store: Store, source: str, target: str, relation: Relation, record: Any
) -> tuple[str, str] | None:
    """Put one exported edge back; the (rule, reason) of its problem, if any."""
    for end in (source, target):
        if end not in store.node:
            return "reference", f"an edge names {shown(end)}, which is not a node"
    if record is None:
        key = relation.value
        if (target, relation) not in set(field_edges(store.node[source]["model"])):
            return "edge_key", "no field of the source names this edge"
    else:
        if type(record) not in RECORD_MODELS.values() or relation_of(record) != (
            source,
            target,
            relation,
        ):
            return "edge_key", "edge does not match its record"
        key = f"{record.KIND}:{record.id}"
        if key in store.records:
            return "duplicate_id", f"the graph already holds {shown(key)}"
        store.records[key] = source
    if key in store.succ[source].get(target, {}):
        return "duplicate_id", f"the graph already holds {shown(key)}"
    store.link(source, target, key, edge_data(relation, record))
    return None


def restore_parts(
    store: Store,
    nodes: list[tuple[str, Any, Any]],
    edges: list[tuple[str, str, Relation, Any]],
    boundaries: list[Any],
) -> list[Problem]:
    """Put exported parts in an empty store; the problems found, located by position.

    Nodes first; edges and boundaries only once every node is in place; the document's rules
    only once the parts are whole, so no problem is a shadow of another.
    """
    problems: list[Problem] = []
    for index, (key, model, valid) in enumerate(nodes):
        kind = getattr(type(model), "KIND", None)
        if ENTITY_MODELS.get(kind) is not type(model):  # type: ignore[arg-type]
            problems.append(Problem(f"$.nodes[{index}]", "type_tag", "not an entity"))
        elif key != f"{kind}:{model.id}" or key in store.node:
            problems.append(
                Problem(f"$.nodes[{index}]", "node_key", "node key does not match kind and id")
            )
        elif valid is not None and not isinstance(valid, Period):
            problems.append(Problem(f"$.nodes[{index}].valid", "type", "expected a Period"))
        else:
            data = Sealed(model=model, kind=kind)
            if valid is not None:
                set_attribute(data, "valid", valid)
            store.put_node(key, data)
    if not problems:
        for index, (source, target, relation, record) in enumerate(edges):
            problem = restore_edge(store, source, target, relation, record)
            if problem is not None:
                problems.append(Problem(f"$.edges[{index}]", *problem))
        problems.extend(restore_boundaries(store, boundaries))
    if not problems:
        problems = document_problems(nodes, edges, boundaries)
        position = {key: index for index, (key, _, _) in enumerate(nodes)}
        problems.extend(
            Problem(
                f"$.nodes[{position[key]}]", "edge_missing", "an edge its fields make is missing"
            )
            for key, _ in missing_field_edges(store)
        )
    return problems


def document_problems(
    nodes: Sequence[tuple[str, Any, Any]],
    edges: Sequence[tuple[str, str, Relation, Any]],
    boundaries: Sequence[Any] = (),
) -> list[Problem]:
    """The problems a jurisdiction document of these parts would have, located in the parts.

    Imports apply the document's own rule set (ids, references, whole units, one residence
    at a time, one ID-card number per person), not a copy of it: the parts are gathered into a
    :class:`~community_policing.model.jurisdiction.Jurisdiction` and its problems are moved
    from ``$.persons[i]`` to ``$.nodes[k].model`` (or ``$.edges[k].record``).
    """
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    places: dict[str, list[str]] = {name: [] for name in COLLECTIONS}
    for position, (_, model, _) in enumerate(nodes):
        name = COLLECTION_OF_KIND[model.KIND]
        collections[name].append(model)
        places[name].append(f"$.nodes[{position}].model")
    for position, (_, _, _, record) in enumerate(edges):
        if record is not None:
            name = COLLECTION_OF_KIND[record.KIND]
            collections[name].append(record)
            places[name].append(f"$.edges[{position}].record")
    try:
        Jurisdiction(
            id="parts",
            name="parts",
            **{k: tuple(v) for k, v in collections.items()},
            boundaries=tuple(boundaries),
        )
    except DocumentError as error:
        found = []
        for problem in error.problems:
            match = _DOCUMENT_PATH.match(problem.path)
            path = problem.path
            if match is not None and match[1] in places:
                path = places[match[1]][int(match[2])] + problem.path[match.end() :]
            found.append(Problem(path, problem.rule, problem.reason))
        return found
    return []


def missing_field_edges(store: Store) -> list[tuple[str, str]]:
    """``(node, target)`` of every edge an entity's fields make that the graph lacks."""
    found = []
    for key, data in store.node.items():
        for target, relation in field_edges(data["model"]):
            if target in store.node and relation.value not in store.succ[key].get(target, {}):
                found.append((key, target))
    return found


_DOCUMENT_PATH = re.compile(r"\$\.(\w+)\[(\d+)\]")
