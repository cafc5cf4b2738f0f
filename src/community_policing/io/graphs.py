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

Every writer takes an ``audience`` (:class:`~community_policing.model.vocab.Audience`), the public
by
default, and first makes a :func:`~community_policing.graph.redaction.redacted` copy for it (see
:mod:`community_policing.graph.redaction` for what each audience sees). Relation records are
written in the order they were added, so a graph read back gives the same document.

Examples:
    >>> import json
    >>> from community_policing import Audience, CommunityGraph, sample
    >>> from community_policing.io.graphs import from_node_link, to_node_link
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> data = to_node_link(graph, audience=Audience.OFFICER)
    >>> from_node_link(json.loads(json.dumps(data))) == graph
    True
    >>> text = json.dumps(to_node_link(graph, audience=Audience.VOLUNTEER), ensure_ascii=False)
    >>> any(p.phone in text for p in sample.jurisdiction().persons)
    False
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import networkx as nx

from community_policing.errors import DocumentError, Problem, shown
from community_policing.graph import (
    ENTITY_MODELS,
    RECORD_MODELS,
    CommunityGraph,
    redacted,
)
from community_policing.io._converter import encode, parse
from community_policing.io.json import from_data, to_data
from community_policing.model.periods import Period
from community_policing.model.vocab import Audience, Relation

if TYPE_CHECKING:
    from collections.abc import Iterable

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


def _flat_graph(graph: CommunityGraph) -> nx.MultiDiGraph[str]:
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update({"graph.id": graph.id, "graph.name": graph.name, "name": graph.name})
    nodes, edges = graph.parts()  # relation records in the order added: the same document back
    for key, model, valid in nodes:
        attributes: dict[str, Any] = {"kind": model.KIND}
        _flatten(to_data(model), "model.", attributes)
        if valid is not None:
            _flatten(to_data(valid), "valid.", attributes)
        flat.add_node(key, **attributes)
    for u, w, relation, record in edges:
        attributes = {"relation": relation.value}
        edge_key = relation.value
        if record is not None:
            attributes["record.kind"] = record.KIND
            _flatten(to_data(record), "record.", attributes)
            edge_key = f"{record.KIND}:{record.id}"
        cast("Any", flat).add_edge(u, w, key=edge_key, **attributes)
    return flat


def _from_flat(flat: Any, *, default_id: str | None = None) -> CommunityGraph:
    """Rebuild a graph from the flat shape; every problem is reported with its place."""
    name = str(flat.graph.get("graph.name", flat.graph.get("name", "graph")))
    ident = str(flat.graph.get("graph.id", default_id or name))
    problems: list[Problem] = []
    nodes: list[tuple[str, Any, Period | None]] = []
    node_places: list[str] = []
    built: set[str] = set()
    for index, (node, data) in enumerate(flat.nodes(data=True)):
        where = f"$.nodes[{index}]"
        if "kind" not in data:
            # node-link and GraphML readers invent a bare node for an edge end not listed
            problems.append(
                Problem(where, "reference", f"an edge names {shown(node)}, which is not listed")
            )
            continue
        cls = ENTITY_MODELS.get(str(data["kind"]))
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
        nodes.append((node, model, valid))
        node_places.append(where)
        built.add(node)
    # Edge keys follow from the edge's data; GEXF may not keep them (a graph read without
    # parallel edges comes back simple). Edges at a node that failed are not judged again.
    edges: list[tuple[str, str, Relation, Any]] = []
    places: list[str] = []
    for index, (u, w, data) in enumerate(flat.edges(data=True)):
        where = f"$.edges[{index}]"
        found = _flat_edge(where, data)
        if isinstance(found, list):
            problems.extend(found)
        elif u in built and w in built:
            edges.append((u, w, *found))
            places.append(where)
    try:
        graph = CommunityGraph.from_parts(id=ident, name=name, nodes=nodes, edges=edges)
    except DocumentError as error:
        problems.extend(_placed(error.problems, node_places, places))
    if problems:
        raise DocumentError(sorted(problems, key=_file_order))
    return graph


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
        position = int(head.rpartition("[")[2])
        places = edge_places if head.startswith("$.edges") else node_places
        found.append(Problem(places[position] + rest, problem.rule, problem.reason))
    return found


def _flat_edge(where: str, data: dict[str, Any]) -> tuple[Relation, Any] | list[Problem]:
    """The relation and record of one flat edge, or its problems."""
    try:
        relation = Relation(str(data.get("relation")))
    except ValueError:
        return [Problem(f"{where}.relation", "allowed_values", "unknown relation")]
    if "record.kind" not in data:
        return relation, None
    cls = RECORD_MODELS.get(str(data["record.kind"]))
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


def to_node_link(graph: CommunityGraph, *, audience: Audience = Audience.PUBLIC) -> dict[str, Any]:
    """The graph (redacted for ``audience``) as node-link data, ready for ``json.dumps``.

    Examples:
        >>> from community_policing import Audience, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> data = to_node_link(graph, audience=Audience.PUBLIC)
        >>> sorted(data)[:3]
        ['directed', 'edges', 'graph']
    """
    flat = _flat_graph(redacted(graph, audience))
    data: dict[str, Any] = nx.node_link_data(flat, name="node", edges="edges")
    return data


def from_node_link(data: dict[str, Any]) -> CommunityGraph:
    """Rebuild a graph from :func:`to_node_link` data.

    Raises:
        DocumentError: the data is not node-link data of a community graph; every problem
            is listed.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> from_node_link(to_node_link(graph, audience=Audience.OFFICER)) == graph
        True
    """
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise DocumentError([Problem("$", "node_link", "expected node-link data with nodes")])
    try:
        flat = nx.node_link_graph(data, directed=True, multigraph=True, name="node", edges="edges")
    except (KeyError, TypeError, nx.NetworkXError) as error:
        reason = f"not node-link data ({type(error).__name__})"
        raise DocumentError([Problem("$", "node_link", reason)]) from None
    return _from_flat(flat)


def write_node_link(
    graph: CommunityGraph, target: Target, *, audience: Audience = Audience.PUBLIC
) -> None:
    """Write node-link JSON to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_node_link(graph, buffer, audience=Audience.OFFICER)
        >>> _ = buffer.seek(0)
        >>> read_node_link(buffer) == graph
        True
    """
    _write(target, encode(to_node_link(graph, audience=audience), indent=False).encode())


def read_node_link(source: Target) -> CommunityGraph:
    """Read node-link JSON written by :func:`write_node_link`.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_node_link(graph, buffer, audience=Audience.OFFICER)
        >>> _ = buffer.seek(0)
        >>> read_node_link(buffer) == graph
        True
    """
    data = parse(_read(source))
    if not isinstance(data, dict):
        raise DocumentError([Problem("$", "node_link", "expected node-link data with nodes")])
    return from_node_link(data)


def write_graphml(
    graph: CommunityGraph, target: Target, *, audience: Audience = Audience.PUBLIC
) -> None:
    """Write GraphML (flat primitive attributes) to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_graphml(graph, buffer, audience=Audience.OFFICER)
        >>> _ = buffer.seek(0)
        >>> read_graphml(buffer) == graph
        True
    """
    flat = _flat_graph(redacted(graph, audience))
    _write_with(nx.write_graphml, flat, target)


def read_graphml(source: Target) -> CommunityGraph:
    """Read GraphML written by :func:`write_graphml`.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_graphml(graph, buffer, audience=Audience.OFFICER)
        >>> _ = buffer.seek(0)
        >>> read_graphml(buffer).name
        '示例县示例镇'
    """
    flat = nx.read_graphml(_as_file(source), force_multigraph=True)
    return _from_flat(flat)


def write_gexf(
    graph: CommunityGraph, target: Target, *, audience: Audience = Audience.PUBLIC
) -> None:
    """Write GEXF (flat primitive attributes, for Gephi) to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_gexf(graph, buffer, audience=Audience.OFFICER)
        >>> _ = buffer.seek(0)
        >>> len(read_gexf(buffer)) == len(graph)
        True
    """
    flat = _flat_graph(redacted(graph, audience))
    _write_with(nx.write_gexf, flat, target)


def read_gexf(source: Target) -> CommunityGraph:
    """Read GEXF written by :func:`write_gexf` (the graph's id comes back as its name).

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_gexf(graph, buffer, audience=Audience.OFFICER)
        >>> _ = buffer.seek(0)
        >>> len(read_gexf(buffer)) == len(graph)
        True
    """
    flat = nx.read_gexf(_as_file(source), node_type=str)
    return _from_flat(flat)


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
