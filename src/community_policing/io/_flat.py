"""The flat shape every graph format shares: primitive attributes per node and edge.

See :mod:`community_policing.io.graphs` for the shape; this module writes a graph into it and
reads one back, locating every problem in the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import networkx as nx

from community_policing.errors import DocumentError, Problem, ValidationError
from community_policing.graph import (
    ENTITY_MODELS,
    RECORD_MODELS,
    CommunityGraph,
    redacted_parts,
)
from community_policing.io._converter import encode, json_type, parse
from community_policing.io.json import from_data, to_data
from community_policing.model.boundaries import AreaBoundary
from community_policing.model.periods import Period
from community_policing.model.vocab import Audience, Relation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.model.audit import Access


def flatten(data: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    """Put ``data``'s values in ``out`` by dotted path after ``prefix`` (``None`` left out)."""
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            flatten(value, f"{prefix}{name}.", out)
        else:
            out[f"{prefix}{name}"] = value


def unflatten(flat: dict[str, Any], prefix: str) -> dict[str, Any]:
    """The values of ``flat`` under ``prefix``, nested again by their dotted paths."""
    nested: dict[str, Any] = {}
    for name, value in flat.items():
        if not name.startswith(prefix):
            continue
        *parents, leaf = name[len(prefix) :].split(".")
        level = nested
        for parent in parents:
            level = level.setdefault(parent, {})
        level[leaf] = value
    return nested


def flat_graph(
    graph: CommunityGraph, audience: Audience | Access, query: str
) -> nx.MultiDiGraph[str]:
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update({"graph.id": graph.id, "graph.name": graph.name, "name": graph.name})
    # relation records in the order added: the same document back
    nodes, edges, boundaries = redacted_parts(graph, audience, query=query)
    drawn: dict[str, list[dict[str, Any]]] = {}
    for drawing in boundaries:
        written = to_data(drawing)
        del written["area"]
        drawn.setdefault(str(drawing.area), []).append(written)
    for key, model, valid in nodes:
        attributes: dict[str, Any] = {"kind": model.KIND}
        flatten(to_data(model), "model.", attributes)
        if valid is not None:
            flatten(to_data(valid), "valid.", attributes)
        if key in drawn:
            attributes["boundaries"] = encode(drawn[key], indent=False)
        flat.add_node(key, **attributes)
    for order, (u, w, relation, record) in enumerate(edges):
        # networkx writes edges grouped by source; ``order`` gives the document's order back
        attributes = {"relation": relation.value, "order": order}
        edge_key = relation.value
        if record is not None:
            attributes["record.kind"] = record.KIND
            flatten(to_data(record), "record.", attributes)
            edge_key = f"{record.KIND}:{record.id}"
        cast("Any", flat).add_edge(u, w, key=edge_key, **attributes)
    return flat


# (key, attributes) per node and (source, target, attributes) per edge, in file order
FlatNodes = list[tuple[str, dict[str, Any]]]
FlatEdges = list[tuple[str, str, dict[str, Any]]]


def from_flat(
    graph_data: dict[str, Any], nodes: FlatNodes, edges: FlatEdges, problems: list[Problem]
) -> CommunityGraph:
    """Rebuild a graph from the flat shape; every problem is reported with its place.

    ``problems`` holds what the format's own reading found already (a repeated node, an edge
    naming a node not listed); the flat records are judged with them and the document's
    rules (:meth:`~community_policing.graph.graph.CommunityGraph.from_parts`) after them.
    """
    name = graph_data.get("graph.name", graph_data.get("name", "graph"))
    ident = graph_data.get("graph.id", name)
    built_nodes: list[tuple[str, Any, Period | None]] = []
    boundaries: list[AreaBoundary] = []
    node_places: list[str] = []
    boundary_places: list[str] = []
    built: set[str] = set()
    for index, (node, data) in enumerate(nodes):
        where = f"$.nodes[{index}]"
        kind = data.get("kind")
        cls = ENTITY_MODELS.get(kind) if type(kind) is str else None
        if cls is None:
            problems.append(Problem(f"{where}.kind", "type_tag", "unknown entity kind"))
            continue
        try:
            model = from_data(unflatten(data, "model."), cls, path=f"{where}.model")
            valid_data = unflatten(data, "valid.")
            valid = from_data(valid_data, Period, path=f"{where}.valid") if valid_data else None
            drawings = _drawings(node, data.get("boundaries"), f"{where}.boundaries")
        except DocumentError as error:
            problems.extend(error.problems)
            continue
        boundaries.extend(drawings)
        boundary_places.extend(f"{where}.boundaries[{i}]" for i in range(len(drawings)))
        built_nodes.append((node, model, valid))
        node_places.append(where)
        built.add(node)
    # Edges at a node that failed are not judged again.
    built_edges: list[tuple[str, str, Relation, Any]] = []
    places: list[str] = []
    for index, (u, w, data) in sorted(enumerate(edges), key=lambda item: _order(item, problems)):
        where = f"$.edges[{index}]"
        found = _flat_edge(where, data)
        if isinstance(found, list):
            problems.extend(found)
        elif u in built and w in built:
            built_edges.append((u, w, *found))
            places.append(where)
    header = _header(ident, name)
    try:
        graph = CommunityGraph.from_parts(
            id=header[0],
            name=header[1],
            nodes=built_nodes,
            edges=built_edges,
            boundaries=boundaries,
        )
    except DocumentError as error:
        refused = error.problems
        if problems:  # the document's rules would also see what was dropped: keep the shape's
            refused = tuple(
                p for p in refused if ".model" not in p.path and ".record" not in p.path
            )
        problems.extend(
            _placed(refused, {"nodes": node_places, "edges": places, "boundaries": boundary_places})
        )
    if problems:
        raise DocumentError(sorted(problems, key=_file_order))
    return graph


def _order(item: tuple[int, tuple[str, str, dict[str, Any]]], problems: list[Problem]) -> int:
    """Where an edge stood in the graph's own order (its place in the file when not said)."""
    index, (_, _, data) = item
    order = data.get("order", index)
    if type(order) is int:
        return order
    reason = f"expected integer, got {json_type(order)}"
    problems.append(Problem(f"$.edges[{index}].order", "type", reason))
    return index


def _header(ident: object, name: object) -> tuple[str, str]:
    problems = [
        Problem(f"$.graph.{field}", "type", f"expected string, got {json_type(value)}")
        for field, value in (("id", ident), ("name", name))
        if type(value) is not str
    ]
    if problems:
        raise DocumentError(problems)
    try:
        CommunityGraph(id=cast("str", ident), name=cast("str", name))
    except ValidationError as error:
        raise DocumentError([Problem(f"$.graph.{error.field}", error.rule, error.reason)]) from None
    return cast("str", ident), cast("str", name)


def _drawings(node: str, text: object, where: str) -> list[AreaBoundary]:
    """The boundary drawings a node's ``boundaries`` attribute holds (none when absent)."""
    if text is None:
        return []
    if type(text) is not str:
        raise DocumentError([Problem(where, "type", f"expected string, got {json_type(text)}")])
    items = parse(text)
    if type(items) is not list:
        raise DocumentError([Problem(where, "type", f"expected array, got {json_type(items)}")])
    drawings, problems = [], []
    for index, item in enumerate(items):
        place = f"{where}[{index}]"
        if type(item) is not dict:
            problems.append(Problem(place, "type", f"expected object, got {json_type(item)}"))
        elif "area" in item:
            problems.append(Problem(f"{place}.area", "unknown_field", "the node is the area"))
        else:
            try:
                drawings.append(from_data({**item, "area": node}, AreaBoundary, path=place))
            except DocumentError as error:
                problems.extend(error.problems)
    if problems:
        raise DocumentError(problems)
    return drawings


def _file_order(problem: Problem) -> tuple[int, int]:
    """Nodes before edges, each in the order the file lists them."""
    head = problem.path.partition("]")[0]
    section, _, index = head.partition("[")
    return (0 if section == "$.nodes" else 1, int(index) if index.isdigit() else -1)


def _placed(problems: Iterable[Problem], where: dict[str, list[str]]) -> list[Problem]:
    """Problems of ``from_parts`` (located by position in its lists) located in the file.

    ``where`` holds, for each of the parts' lists, the file's place of each of its items.
    """
    found = []
    for problem in problems:
        head, _, rest = problem.path.partition("]")
        section, _, position = head.partition("[")
        places = where[section.removeprefix("$.")]
        if not position.isdigit():  # pragma: no cover - from_parts locates every problem
            found.append(problem)
            continue
        found.append(Problem(places[int(position)] + rest, problem.rule, problem.reason))
    return found


def _flat_edge(where: str, data: dict[str, Any]) -> tuple[Relation, Any] | list[Problem]:
    """The relation and record of one flat edge, or its problems."""
    try:
        relation = Relation(data.get("relation"))  # type: ignore[arg-type]  # judged here
    except ValueError:
        return [Problem(f"{where}.relation", "allowed_values", "unknown relation")]
    if "record.kind" not in data:
        return relation, None
    kind = data["record.kind"]
    cls = RECORD_MODELS.get(kind) if type(kind) is str else None
    if cls is None:
        return [Problem(f"{where}.record.kind", "type_tag", "unknown relation record kind")]
    body = unflatten(data, "record.")
    body.pop("kind")
    try:
        return relation, from_data(body, cls, path=f"{where}.record")
    except DocumentError as error:
        return list(error.problems)
