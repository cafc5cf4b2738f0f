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

Every writer takes an ``audience`` (:class:`~community_policing.Audience`) and first makes a
:func:`redacted` copy for it:

============  ====================================================================
audience      what is left out
============  ====================================================================
officer       nothing
grid_worker   ID-card numbers and exact birth dates (phones stay: they call residents)
volunteer     every sensitive field (ID-card numbers, phones, birth dates)
public        every sensitive field, and every resident: persons who hold no post or
              membership, and all residences, family ties and reporting lines
============  ====================================================================

Examples:
    >>> import json
    >>> from community_policing import Audience, CommunityGraph, sample_jurisdiction
    >>> from community_policing.exports import from_node_link, to_node_link
    >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
    >>> from_node_link(json.loads(json.dumps(to_node_link(graph)))) == graph
    True
    >>> text = json.dumps(to_node_link(graph, audience=Audience.VOLUNTEER), ensure_ascii=False)
    >>> any(p.phone in text for p in sample_jurisdiction().persons)
    False
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO, Any, cast

import attrs
import networkx as nx

from community_policing.errors import DocumentError, Problem
from community_policing.graph import _ENTITY_CLASSES, CommunityGraph, _record_edge
from community_policing.people import sensitive_fields
from community_policing.periods import Period
from community_policing.serialization import MODELS, _encode, _parse, from_data, to_data
from community_policing.vocab import Audience, Relation

__all__ = [
    "from_node_link",
    "read_gexf",
    "read_graphml",
    "read_node_link",
    "redacted",
    "to_node_link",
    "write_gexf",
    "write_graphml",
    "write_node_link",
]

# Which sensitive fields each audience may see; a field not listed is blanked.
_VISIBLE: dict[Audience, frozenset[str]] = {
    Audience.OFFICER: frozenset({"id_card_number", "phone", "birth_date"}),
    Audience.GRID_WORKER: frozenset({"phone"}),
    Audience.VOLUNTEER: frozenset(),
    Audience.PUBLIC: frozenset(),
}
_PRIVATE_RELATIONS = frozenset({Relation.LIVES_IN, Relation.FAMILY, Relation.REPORTS_TO})
_ROLE_RELATIONS = frozenset({Relation.HOLDS_POST, Relation.MEMBER_OF})


def _redact(model: Any, audience: Audience) -> Any:
    hidden = {
        name: None
        for name in sensitive_fields(type(model)) - _VISIBLE[audience]
        if getattr(model, name) is not None
    }
    return attrs.evolve(model, **hidden) if hidden else model


def redacted(graph: CommunityGraph, audience: Audience) -> CommunityGraph:
    """A copy of ``graph`` holding only what ``audience`` may see (see the module's table).

    Examples:
        >>> from community_policing import Audience, CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> public = redacted(graph, Audience.PUBLIC)
        >>> "person:p-wang-jun" in public, "person:p-zhu-xiao" in public
        (True, False)
        >>> public.entity("person:p-wang-jun").phone is None
        True
    """
    if not isinstance(audience, Audience):
        msg = f"audience must be an Audience, got {type(audience).__name__}"
        raise TypeError(msg)
    source = graph._graph  # noqa: SLF001
    copy = CommunityGraph(id=graph.id, name=graph.name)
    target = copy._graph  # noqa: SLF001
    keep: set[str] = set(source)
    if audience is Audience.PUBLIC:
        keep = {
            node
            for node, data in source.nodes.items()
            if data["kind"] != "person"
            or any(
                d["relation"] in _ROLE_RELATIONS
                for keyed in source.succ[node].values()
                for d in keyed.values()
            )
        }
    for node, data in source.nodes.items():
        if node in keep:
            target.add_node(node, **{**data, "model": _redact(data["model"], audience)})
    for u, w, key, data in source.edges(keys=True, data=True):
        if u in keep and w in keep:
            if audience is Audience.PUBLIC and data["relation"] in _PRIVATE_RELATIONS:
                continue
            cast("Any", target).add_edge(u, w, key=key, **data)
    copy._recount_dated_nodes()  # noqa: SLF001
    copy._records = {  # noqa: SLF001
        key: source_node
        for key, source_node in graph._records.items()  # noqa: SLF001
        if target.has_node(source_node) and _has_edge_key(target, source_node, key)
    }
    return copy


def _has_edge_key(g: nx.MultiDiGraph[str], node: str, key: str) -> bool:
    return any(key in keyed for keyed in g.succ[node].values())


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
    source = graph._graph  # noqa: SLF001
    flat: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    flat.graph.update({"graph.id": graph.id, "graph.name": graph.name, "name": graph.name})
    for node, data in source.nodes.items():
        attributes: dict[str, Any] = {"kind": data["kind"]}
        _flatten(to_data(data["model"]), "model.", attributes)
        if "valid" in data:
            _flatten(to_data(data["valid"]), "valid.", attributes)
        flat.add_node(node, **attributes)
    for u, w, key, data in source.edges(keys=True, data=True):
        attributes = {"relation": data["relation"].value}
        record = data["record"]
        if record is not None:
            attributes["record.kind"] = record.KIND
            _flatten(to_data(record), "record.", attributes)
        cast("Any", flat).add_edge(u, w, key=key, **attributes)
    return flat


def _from_flat(flat: Any, *, default_id: str | None = None) -> CommunityGraph:
    """Rebuild a graph from the flat shape; every problem is reported with its place."""
    name = str(flat.graph.get("graph.name", flat.graph.get("name", "graph")))
    ident = str(flat.graph.get("graph.id", default_id or name))
    graph = CommunityGraph(id=ident, name=name)
    target = graph._graph  # noqa: SLF001
    problems: list[Problem] = []
    for index, (node, data) in enumerate(flat.nodes(data=True)):
        where = f"$.nodes[{index}]"
        if "kind" not in data:
            # node-link and GraphML readers invent a bare node for an edge end not listed
            problems.append(
                Problem(where, "reference", f"an edge names {node!r}, which is not listed")
            )
            continue
        cls = _ENTITY_CLASSES.get(str(data["kind"]))
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
        if node != f"{cls.KIND}:{model.id}":
            problems.append(Problem(where, "node_key", "node key does not match kind and id"))
            continue
        attributes: dict[str, Any] = {"model": model, "kind": cls.KIND}
        if valid is not None:
            attributes["valid"] = valid
        target.add_node(node, **attributes)
    # Edge keys follow from the edge's data; GEXF may not keep them (a graph read without
    # parallel edges comes back simple).
    for index, (u, w, data) in enumerate(flat.edges(data=True)):
        problems.extend(_add_flat_edge(graph, f"$.edges[{index}]", (u, w), data))
    if problems:
        raise DocumentError(problems)
    graph._recount_dated_nodes()  # noqa: SLF001
    return graph


def _add_flat_edge(
    graph: CommunityGraph, where: str, edge: tuple[str, str], data: dict[str, Any]
) -> list[Problem]:
    u, w = edge
    try:
        relation = Relation(str(data.get("relation")))
    except ValueError:
        return [Problem(f"{where}.relation", "allowed_values", "unknown relation")]
    record = None
    key = relation.value
    if "record.kind" in data:
        cls = MODELS.get(str(data["record.kind"]))
        if cls is None or cls.KIND in _ENTITY_CLASSES:
            return [Problem(f"{where}.record.kind", "type_tag", "unknown relation record kind")]
        body = _unflatten(data, "record.")
        body.pop("kind")
        try:
            record = from_data(body, cls, path=f"{where}.record")
        except DocumentError as error:
            return list(error.problems)
        if _record_edge(record) != (u, w, relation):
            return [Problem(where, "edge_key", "edge does not match its record")]
        key = f"{cls.KIND}:{record.id}"
        graph._records[key] = u  # noqa: SLF001
    target = graph._graph  # noqa: SLF001
    if u not in target or w not in target:
        return []  # the missing node has been reported already
    cast("Any", target).add_edge(u, w, key=key, relation=relation, record=record)
    return []


# ------------------------------------------------------------------------------ formats

Target = str | os.PathLike[str] | IO[bytes]


def to_node_link(graph: CommunityGraph, *, audience: Audience = Audience.OFFICER) -> dict[str, Any]:
    """The graph (redacted for ``audience``) as node-link data, ready for ``json.dumps``.

    Examples:
        >>> from community_policing import Audience, CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
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
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> from_node_link(to_node_link(graph)) == graph
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
    graph: CommunityGraph, target: Target, *, audience: Audience = Audience.OFFICER
) -> None:
    """Write node-link JSON to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_node_link(graph, buffer)
        >>> _ = buffer.seek(0)
        >>> read_node_link(buffer) == graph
        True
    """
    _write(target, _encode(to_node_link(graph, audience=audience), indent=False).encode())


def read_node_link(source: Target) -> CommunityGraph:
    """Read node-link JSON written by :func:`write_node_link`.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_node_link(graph, buffer)
        >>> _ = buffer.seek(0)
        >>> read_node_link(buffer) == graph
        True
    """
    data = _parse(_read(source))
    if not isinstance(data, dict):
        raise DocumentError([Problem("$", "node_link", "expected node-link data with nodes")])
    return from_node_link(data)


def write_graphml(
    graph: CommunityGraph, target: Target, *, audience: Audience = Audience.OFFICER
) -> None:
    """Write GraphML (flat primitive attributes) to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_graphml(graph, buffer)
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
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_graphml(graph, buffer)
        >>> _ = buffer.seek(0)
        >>> read_graphml(buffer).name
        '示例县示例镇'
    """
    flat = nx.read_graphml(_as_file(source), force_multigraph=True)
    return _from_flat(flat)


def write_gexf(
    graph: CommunityGraph, target: Target, *, audience: Audience = Audience.OFFICER
) -> None:
    """Write GEXF (flat primitive attributes, for Gephi) to a path or a binary file.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_gexf(graph, buffer)
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
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> buffer = io.BytesIO()
        >>> write_gexf(graph, buffer)
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
