"""Standard exports of the relationship graph, whole or redacted for an audience.

Three formats, one flat shape. Every node carries ``kind`` and its model's fields as primitive
attributes named ``model.<field>`` (a nested value such as a period becomes
``record.period.start``); every edge carries ``relation`` and, for a relation record,
``record.kind`` and ``record.<field>``; an entity's validity becomes ``valid.start`` and
``valid.end``. Absent values are left out, since GraphML and GEXF have no null. Gephi, Cytoscape
and other tools open the GraphML and GEXF files as they are.

- Node-link JSON (:func:`to_node_link` / :func:`from_node_link`, or :func:`write_node_link` /
  :func:`read_node_link` for files) round-trips to an equal graph.
- GraphML (:func:`write_graphml` / :func:`read_graphml`) round-trips to an equal graph.
- GEXF (:func:`write_gexf` / :func:`read_gexf`) keeps everything but the graph's id, which the
  format has no place for; it is read back as the graph's name.

Every writer takes an ``audience``: the public by default, a volunteer by name, or for an
officer or a grid worker an :class:`~community_policing.model.audit.Access` saying who asks
and why, which leaves one audit record for the export (see
:mod:`community_policing.graph.redaction` for what each audience sees). Relation records are
written in the order they were added (an ``order`` attribute on each edge keeps it where the
format groups edges by node), so a graph read back gives the same document.

Examples:
    >>> import json
    >>> from community_policing import Access, Audience, CommunityGraph, sample
    >>> from community_policing.io.graphs import from_node_link, to_node_link
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> data = to_node_link(graph, audience=Access("p-wang-jun", "备份"))
    >>> from_node_link(json.loads(json.dumps(data))) == graph
    True
    >>> text = json.dumps(to_node_link(graph, audience=Audience.VOLUNTEER), ensure_ascii=False)
    >>> any(p.phone in text for p in sample.jurisdiction().persons)
    False
"""

from __future__ import annotations

import io
import math
import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast
from xml.parsers import expat

import networkx as nx

from community_policing.errors import DocumentError, Problem, ValidationError, member_path, shown
from community_policing.graph import (
    ENTITY_MODELS,
    RECORD_MODELS,
    CommunityGraph,
    redacted_parts,
)
from community_policing.io._converter import encode, json_type, parse
from community_policing.io.json import from_data, to_data
from community_policing.model.periods import Period
from community_policing.model.vocab import Audience, Relation

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.model.audit import Access

__all__ = [
    "from_node_link",
    "read_gexf",
    "read_graphml",
    "read_node_link",
    "to_node_link",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]

# ------------------------------------------------------------------------------ flat shape


def _flatten(data: dict[str, Any], prefix: str, out: dict[str, Any]) -> None:
    for name, value in data.items():
        if value is None:
            continue
        if isinstance(value, dict):
            _flatten(value, f"{prefix}{name}.", out)
        else:
            out[f"{prefix}{name}"] = value


def _unflatten(flat: dict[str, Any], prefix: str) -> dict[str, Any]:
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


def _flat_graph(
    graph: CommunityGraph, audience: Audience | Access, query: str
) -> nx.MultiDiGraph[str]:
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update({"graph.id": graph.id, "graph.name": graph.name, "name": graph.name})
    # relation records in the order added: the same document back
    nodes, edges = redacted_parts(graph, audience, query=query)
    for key, model, valid in nodes:
        attributes: dict[str, Any] = {"kind": model.KIND}
        _flatten(to_data(model), "model.", attributes)
        if valid is not None:
            _flatten(to_data(valid), "valid.", attributes)
        flat.add_node(key, **attributes)
    for order, (u, w, relation, record) in enumerate(edges):
        # networkx writes edges grouped by source; ``order`` gives the document's order back
        attributes = {"relation": relation.value, "order": order}
        edge_key = relation.value
        if record is not None:
            attributes["record.kind"] = record.KIND
            _flatten(to_data(record), "record.", attributes)
            edge_key = f"{record.KIND}:{record.id}"
        cast("Any", flat).add_edge(u, w, key=edge_key, **attributes)
    return flat


# (key, attributes) per node and (source, target, attributes) per edge, in file order
FlatNodes = list[tuple[str, dict[str, Any]]]
FlatEdges = list[tuple[str, str, dict[str, Any]]]


def _from_flat(
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
    node_places: list[str] = []
    built: set[str] = set()
    for index, (node, data) in enumerate(nodes):
        where = f"$.nodes[{index}]"
        kind = data.get("kind")
        cls = ENTITY_MODELS.get(kind) if type(kind) is str else None
        if cls is None:
            problems.append(Problem(f"{where}.kind", "type_tag", "unknown entity kind"))
            continue
        try:
            model = from_data(_unflatten(data, "model."), cls, path=f"{where}.model")
            valid_data = _unflatten(data, "valid.")
            valid = from_data(valid_data, Period, path=f"{where}.valid") if valid_data else None
        except DocumentError as error:
            problems.extend(error.problems)
            continue
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
            id=header[0], name=header[1], nodes=built_nodes, edges=built_edges
        )
    except DocumentError as error:
        refused = error.problems
        if problems:  # the document's rules would also see what was dropped: keep the shape's
            refused = tuple(
                p for p in refused if ".model" not in p.path and ".record" not in p.path
            )
        problems.extend(_placed(refused, node_places, places))
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


def _file_order(problem: Problem) -> tuple[int, int]:
    """Nodes before edges, each in the order the file lists them."""
    head = problem.path.partition("]")[0]
    section, _, index = head.partition("[")
    return (0 if section == "$.nodes" else 1, int(index) if index.isdigit() else -1)


def _placed(
    problems: Iterable[Problem], node_places: list[str], edge_places: list[str]
) -> list[Problem]:
    """Problems of ``from_parts`` (located by position in its lists) located in the file."""
    found = []
    for problem in problems:
        head, _, rest = problem.path.partition("]")
        position = head.rpartition("[")[2]
        places = edge_places if head.startswith("$.edges") else node_places
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
    body = _unflatten(data, "record.")
    body.pop("kind")
    try:
        return relation, from_data(body, cls, path=f"{where}.record")
    except DocumentError as error:
        return list(error.problems)


# ------------------------------------------------------------------------------ formats

Target = str | os.PathLike[str] | IO[bytes]


def to_node_link(
    graph: CommunityGraph, *, audience: Audience | Access = Audience.PUBLIC
) -> dict[str, Any]:
    """The graph (redacted for ``audience``) as node-link data, ready for ``json.dumps``.

    Examples:
        >>> from community_policing import Access, Audience, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> data = to_node_link(graph, audience=Audience.PUBLIC)
        >>> sorted(data)[:3]
        ['directed', 'edges', 'graph']
    """
    flat = _flat_graph(graph, audience, "to_node_link")
    data: dict[str, Any] = nx.node_link_data(flat, name="node", edges="edges")
    return data


def from_node_link(data: dict[str, Any]) -> CommunityGraph:
    """Rebuild a graph from :func:`to_node_link` data.

    The data is held to the shape :func:`to_node_link` writes (an object with ``nodes`` and
    ``edges`` arrays of objects whose values are strings, numbers or booleans), then to the
    rules of a jurisdiction document: every problem is listed with its path, and records come
    back in the order the data lists them.

    Raises:
        DocumentError: the data is not node-link data of a community graph; every problem
            is listed.

    Examples:
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> from_node_link(to_node_link(graph, audience=Access("p-wang-jun", "备份"))) == graph
        True
        >>> from_node_link({"nodes": [{"node": "x"}, {"node": "x"}], "edges": []})
        Traceback (most recent call last):
        ...
        community_policing.errors.DocumentError: 2 problems in document:
          $.nodes[0].kind: unknown entity kind
          $.nodes[1].node: the node is listed twice
    """
    if type(data) is not dict:
        raise DocumentError([Problem("$", "node_link", f"expected object, got {json_type(data)}")])
    problems: list[Problem] = []
    graph_data = _primitives(data.get("graph", {}), "$.graph", problems, key=None)
    nodes: FlatNodes = []
    listed: set[str] = set()
    for index, item in enumerate(_array(data, "nodes", problems)):
        attributes = _primitives(item, f"$.nodes[{index}]", problems, key="node")
        node = attributes.pop("node", None)
        if type(node) is not str:
            continue
        if node in listed:
            problems.append(
                Problem(f"$.nodes[{index}].node", "duplicate_node", "the node is listed twice")
            )
            continue
        listed.add(node)
        nodes.append((node, attributes))
    edges: FlatEdges = []
    for index, item in enumerate(_array(data, "edges", problems)):
        where = f"$.edges[{index}]"
        attributes = _primitives(item, where, problems, key="source")
        ends = attributes.pop("source", None), attributes.pop("target", None)
        attributes.pop("key", None)  # follows from the relation and the record
        for end, field in zip(ends, ("source", "target"), strict=True):
            if type(end) is not str:
                problems.append(Problem(f"{where}.{field}", "required", "expected a node key"))
            elif end not in listed:
                reason = f"names {shown(end)}, which is not listed"
                problems.append(Problem(f"{where}.{field}", "reference", reason))
        if all(end in listed for end in ends):
            edges.append((cast("str", ends[0]), cast("str", ends[1]), attributes))
    return _from_flat(graph_data, nodes, edges, problems)


def _array(data: dict[str, Any], name: str, problems: list[Problem]) -> list[Any]:
    value = data.get(name)
    if type(value) is list:
        return value
    reason = (
        "required field is missing" if value is None else f"expected array, got {json_type(value)}"
    )
    problems.append(Problem(f"$.{name}", "node_link", reason))
    return []


def _primitives(
    item: object, where: str, problems: list[Problem], *, key: str | None
) -> dict[str, Any]:
    """The string, number and boolean members of an object; anything else is a problem."""
    if type(item) is not dict:
        problems.append(Problem(where, "type", f"expected object, got {json_type(item)}"))
        return {}
    found: dict[str, Any] = {}
    for name, value in item.items():
        if type(name) is not str:
            problems.append(Problem(member_path(where, name), "type", "a key is a string"))
        elif type(value) in _PRIMITIVES and not (type(value) is float and not math.isfinite(value)):
            found[name] = value
        elif not (name == key and value is None):
            reason = f"expected a string, number or boolean, got {json_type(value)}"
            problems.append(Problem(member_path(where, name), "type", reason))
    if key is not None and key not in found:
        problems.append(Problem(f"{where}.{key}", "required", "required field is missing"))
    return found


_PRIMITIVES = frozenset({str, int, float, bool})


def write_node_link(
    graph: CommunityGraph, target: Target, *, audience: Audience | Access = Audience.PUBLIC
) -> None:
    """Write node-link JSON to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_node_link(graph, buffer, audience=Access("p-wang-jun", "备份"))
        >>> _ = buffer.seek(0)
        >>> read_node_link(buffer) == graph
        True
    """
    _write(target, encode(to_node_link(graph, audience=audience), indent=False).encode())


def read_node_link(source: Target) -> CommunityGraph:
    """Read node-link JSON written by :func:`write_node_link`.

    Examples:
        >>> import io
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_node_link(graph, buffer, audience=Access("p-wang-jun", "备份"))
        >>> _ = buffer.seek(0)
        >>> read_node_link(buffer) == graph
        True
    """
    data = parse(_read(source))
    if not isinstance(data, dict):
        raise DocumentError([Problem("$", "node_link", "expected node-link data with nodes")])
    return from_node_link(data)


def write_graphml(
    graph: CommunityGraph, target: Target, *, audience: Audience | Access = Audience.PUBLIC
) -> None:
    """Write GraphML (flat primitive attributes) to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_graphml(graph, buffer, audience=Access("p-wang-jun", "备份"))
        >>> _ = buffer.seek(0)
        >>> read_graphml(buffer) == graph
        True
    """
    flat = _flat_graph(graph, audience, "write_graphml")
    _write_with(nx.write_graphml, flat, target)


def read_graphml(source: Target) -> CommunityGraph:
    """Read GraphML written by :func:`write_graphml`.

    Examples:
        >>> import io
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_graphml(graph, buffer, audience=Access("p-wang-jun", "备份"))
        >>> _ = buffer.seek(0)
        >>> read_graphml(buffer).name
        '示例县示例镇'
    """
    raw = _read(source)
    nodes, edges, problems = _xml_order(raw, "GraphML")
    flat = _parsed(nx.read_graphml, raw, "GraphML", force_multigraph=True)
    flat_edges: FlatEdges = []
    for index, (u, w, key) in enumerate(edges):
        data = flat.get_edge_data(u, w, key)
        if data is None:
            problems.append(Problem(f"$.edges[{index}]", "edge_id", "edge has no id"))
        else:
            flat_edges.append((u, w, dict(data)))
    return _from_flat(dict(flat.graph), _scanned_nodes(nodes, flat, problems), flat_edges, problems)


def write_gexf(
    graph: CommunityGraph, target: Target, *, audience: Audience | Access = Audience.PUBLIC
) -> None:
    """Write GEXF (flat primitive attributes, for Gephi) to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_gexf(graph, buffer, audience=Access("p-wang-jun", "备份"))
        >>> _ = buffer.seek(0)
        >>> len(read_gexf(buffer)) == len(graph)
        True
    """
    flat = _flat_graph(graph, audience, "write_gexf")
    _write_with(nx.write_gexf, flat, target)


def read_gexf(source: Target) -> CommunityGraph:
    """Read GEXF written by :func:`write_gexf` (the graph's id comes back as its name).

    Examples:
        >>> import io
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_gexf(graph, buffer, audience=Access("p-wang-jun", "备份"))
        >>> _ = buffer.seek(0)
        >>> len(read_gexf(buffer)) == len(graph)
        True
    """
    raw = _read(source)
    nodes, edges, problems = _xml_order(raw, "GEXF")
    flat = _parsed(nx.read_gexf, raw, "GEXF", node_type=str)
    by_id = {data.get("id"): (u, w, data) for u, w, data in cast("Any", flat).edges(data=True)}
    flat_edges: FlatEdges = []
    for index, (_, _, key) in enumerate(edges):
        found = by_id.get(key)
        if found is None:
            problems.append(Problem(f"$.edges[{index}]", "edge_id", "edge has no id"))
        else:
            u, w, data = found
            flat_edges.append((u, w, {k: v for k, v in data.items() if k != "id"}))
    return _from_flat(dict(flat.graph), _scanned_nodes(nodes, flat, problems), flat_edges, problems)


def _parsed(reader: Any, raw: bytes, format_name: str, **options: Any) -> Any:
    """The graph networkx reads from a file, or a DocumentError: the file is untrusted."""
    try:
        return reader(io.BytesIO(raw), **options)
    except Exception as error:  # noqa: BLE001  (any failure of a foreign parser, never echoed)
        reason = f"not a {format_name} file networkx can read ({type(error).__name__})"
        raise DocumentError([Problem("$", format_name.lower(), reason)]) from None


def _xml_order(
    raw: bytes, format_name: str
) -> tuple[list[str], list[tuple[str, str, str | None]], list[Problem]]:
    """The node ids and edges of a GraphML or GEXF file in file order, and repeats refused.

    networkx keeps neither the order of edges nor a node or edge listed twice (it merges
    them), so the file is first read here for both, with expat. A document type declaration
    is refused before networkx sees the file: neither format needs one, and refusing it
    refuses every entity expansion.
    """
    nodes: list[str] = []
    edges: list[tuple[str, str, str | None]] = []
    problems: list[Problem] = []
    seen: set[object] = set()

    open_tags: list[str] = []

    def start(tag: str, attributes: dict[str, str]) -> None:
        local = tag.rpartition("}")[2]
        parent = open_tags[-1] if open_tags else ""
        open_tags.append(local)
        if parent not in _CONTAINERS:
            return
        if local == "node":
            ident = attributes.get("id")
            if ident in seen:
                where = f"$.nodes[{len(nodes)}]"
                problems.append(Problem(where, "duplicate_node", "the node is listed twice"))
            seen.add(ident)
            nodes.append(cast("str", ident))
        elif local == "edge":
            edge = (attributes.get("source"), attributes.get("target"), attributes.get("id"))
            if ("edge", edge) in seen:
                where = f"$.edges[{len(edges)}]"
                problems.append(Problem(where, "duplicate_edge", "the edge is listed twice"))
            seen.add(("edge", edge))
            edges.append(cast("tuple[str, str, str | None]", edge))

    def refuse_doctype(*_: object) -> None:
        raise _DoctypeError

    parser = expat.ParserCreate(namespace_separator="}")
    parser.StartElementHandler = start
    parser.EndElementHandler = lambda _: open_tags.pop()
    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_doctype
    try:
        parser.Parse(raw, True)  # noqa: FBT003  (expat's own signature: the final chunk)
    except _DoctypeError:
        reason = f"a {format_name} file has no document type or entity declarations"
        raise DocumentError([Problem("$", format_name.lower(), reason)]) from None
    except expat.ExpatError as error:
        reason = f"not well-formed XML at line {error.lineno}, column {error.offset}"
        raise DocumentError([Problem("$", format_name.lower(), reason)]) from None
    return nodes, edges, problems


class _DoctypeError(Exception):
    pass


# Where GraphML (``graph``) and GEXF (``nodes``, ``edges``) list the graph's nodes and edges.
_CONTAINERS = frozenset({"graph", "nodes", "edges"})


def _scanned_nodes(nodes: list[str], flat: Any, problems: list[Problem]) -> FlatNodes:
    """The nodes as listed, each with networkx's reading of its attributes."""
    if set(nodes) != set(flat.nodes):
        problems.append(
            Problem("$.nodes", "node_link", "nodes are not where the format lists them")
        )
        return []
    return [(node, dict(flat.nodes[node])) for node in nodes]


def _as_file(source: Target) -> Any:
    return Path(source) if isinstance(source, str | os.PathLike) else source


def _write_with(writer: Any, flat: nx.MultiDiGraph[str], target: Target) -> None:
    writer(flat, _as_file(target))


def _write(target: Target, payload: bytes) -> None:
    if isinstance(target, str | os.PathLike):
        Path(target).write_bytes(payload)
    else:
        target.write(payload)


def _read(source: Target) -> bytes:
    if isinstance(source, str | os.PathLike):
        return Path(source).read_bytes()
    return source.read()
