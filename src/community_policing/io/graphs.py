"""Standard exports of the relationship graph, whole or redacted for an audience.

Three formats, one flat shape. Every node carries ``kind`` and its model's fields as primitive
attributes named ``model.<field>`` (a nested value such as a period becomes
``record.period.start``); every edge carries ``relation`` and, for a relation record,
``record.kind`` and ``record.<field>``; an entity's validity becomes ``valid.start`` and
``valid.end``; an area's boundary drawings become ``boundaries``, the JSON text of a list of
``{"boundary": ..., "period": ...}`` (geometry as text is what every graph tool keeps).
Absent values are left out, since GraphML and GEXF have no null. Gephi, Cytoscape
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

from community_policing.errors import DocumentError, Problem, member_path, shown
from community_policing.io._converter import encode, json_type, parse
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    from community_policing.graph import (
        CommunityGraph,
    )
    from community_policing.model.audit import Access

from community_policing.io._flat import FlatEdges, FlatNodes, flat_graph, from_flat

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
    flat = flat_graph(graph, audience, "to_node_link")
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
    return from_flat(graph_data, nodes, edges, problems)


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
    flat = flat_graph(graph, audience, "write_graphml")
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
    return from_flat(dict(flat.graph), _scanned_nodes(nodes, flat, problems), flat_edges, problems)


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
    flat = flat_graph(graph, audience, "write_gexf")
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
    return from_flat(dict(flat.graph), _scanned_nodes(nodes, flat, problems), flat_edges, problems)


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
