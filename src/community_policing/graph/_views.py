"""The graph as an audience sees it: networkx views, parts and documents, one rule for all.

The graph's own reads show what needs no access (no personal data); a
:class:`~community_policing.graph.disclosure.Disclosure` shows what its access's audience may
see. Both are built here, from the same table (``_privacy``).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any, cast

import networkx as nx

from community_policing.graph._adjacency import Sealed, read_only
from community_policing.graph._drawings import DRAWINGS
from community_policing.graph._privacy import (
    PRIVATE_RELATIONS,
    hidden_record_kinds,
    redact,
    relation_visible,
)
from community_policing.graph._walk import exists
from community_policing.graph.answers import GraphParts
from community_policing.graph.relations import RELATION_SCHEMA, relation_of
from community_policing.model.jurisdiction import (
    COLLECTION_OF_KIND,
    COLLECTIONS,
    Jurisdiction,
    Lifetime,
)

if TYPE_CHECKING:
    from datetime import date

    from community_policing.graph._adjacency import Store
    from community_policing.model.boundaries import AreaBoundary
    from community_policing.model.vocab import Audience, Relation


class _Shown(Mapping[str, Any]):
    """A read-through mapping over one of the store's dicts, showing each value as allowed."""

    __slots__ = ("_inner",)

    def __init__(self, inner: Mapping[str, Any]) -> None:
        self._inner = inner

    def __iter__(self) -> Iterator[str]:
        return iter(self._inner)

    def __len__(self) -> int:
        return len(self._inner)

    def __contains__(self, key: object) -> bool:
        return key in self._inner


class _ShownNodes(_Shown):
    """A view's node attributes, each model as the audience may see it."""

    __slots__ = ("_audience",)

    def __init__(self, nodes: Mapping[str, Any], audience: Audience) -> None:
        super().__init__(nodes)
        self._audience = audience

    def __getitem__(self, key: str) -> Any:
        data = self._inner[key]
        model = redact(data["model"], self._audience)
        return data if model is data["model"] else Sealed({**data, "model": model})


class _ShownAdjacency(_Shown):
    """A view's adjacency (successors or predecessors) without the records it may not show.

    Records that are personal data only ever touch the kinds of node their relations join
    (persons and households), so every other node's row is handed out as it is (networkx reads
    it at C speed, read-only through its own views); those rows are filtered as they are read.
    """

    __slots__ = ("_hidden",)

    def __init__(self, rows: Mapping[str, Any], hidden: frozenset[str]) -> None:
        super().__init__(rows)
        self._hidden = hidden

    def __getitem__(self, node: str) -> Any:
        row = self._inner[node]
        if not node.startswith(_PRIVATE_ENDS):
            return row
        hidden = self._hidden
        shown = {}
        for neighbour, keyed in row.items():
            kept = {key: data for key, data in keyed.items() if key.partition(":")[0] not in hidden}
            if kept:
                shown[neighbour] = kept
        return shown


# The kinds of node a relation that is personal data can join, as "<kind>:" key prefixes.
_PRIVATE_ENDS = tuple(
    sorted(
        {
            f"{kind}:"
            for relation in PRIVATE_RELATIONS
            for kind in RELATION_SCHEMA[relation].sources | RELATION_SCHEMA[relation].targets
        }
    )
)


def view(store: Store, audience: Audience, day: date | None = None) -> nx.MultiDiGraph[str]:
    """A live, read-only view for ``audience``, of every day or of ``day`` only.

    Relations the audience may not see are absent; on ``day``, so are relations not in force
    and entities that do not exist that day, with every edge that touches them.
    """
    graph = store.graph
    hidden = hidden_record_kinds(audience)
    shown: Any = nx.freeze(nx.MultiDiGraph())  # as networkx's generic_graph_view builds one
    shown._graph = graph
    shown.graph = graph.graph
    shown._node = _ShownNodes(store.node, audience)
    if hidden:
        shown._succ = shown._adj = _ShownAdjacency(store.succ, hidden)
        shown._pred = _ShownAdjacency(store.pred, hidden)
    else:
        shown._succ = shown._adj = store.succ
        shown._pred = store.pred
    if day is None:
        return read_only(shown)
    succ = store.succ

    def node_exists(node: str) -> bool:
        return exists(store, node, day)

    def edge_in_force(u: str, w: str, key: str) -> bool:
        record = succ[u][w][key]["record"]
        return record is None or bool(record.is_active(day))

    dated: nx.MultiDiGraph[str] = nx.subgraph_view(
        shown, filter_node=node_exists, filter_edge=cast("Any", edge_in_force)
    )
    return read_only(dated)


def parts(store: Store, audience: Audience) -> GraphParts:
    """Nodes, edges and boundaries as ``audience`` may see them.

    The edges entities' fields make come first, then the records in the order they were
    added, so parts rebuilt give the same document.
    """
    nodes = [
        (key, redact(data["model"], audience), data.get("valid"))
        for key, data in store.node.items()
    ]
    edges: list[tuple[str, str, Relation, Any]] = [
        (source, target, data["relation"], None)
        for source, row in store.succ.items()
        for target, keyed in row.items()
        for data in keyed.values()
        if data["record"] is None
    ]
    for record in records(store, audience):
        source, target, relation = relation_of(record)
        edges.append((source, target, relation, record))
    boundaries = [drawing for data in store.node.values() for drawing in data.get(DRAWINGS, ())]
    return GraphParts(nodes, edges, boundaries)


def records(store: Store, audience: Audience, kind: str | None = None) -> Iterator[Any]:
    """The relation records ``audience`` may see (of ``kind`` when given), in the order added."""
    for key in store.records:
        if kind is not None and not key.startswith(f"{kind}:"):
            continue
        data = store.record_data(key)
        if data is not None and relation_visible(data["relation"], audience):
            yield data["record"]


def jurisdiction(store: Store, audience: Audience) -> Jurisdiction:
    """The graph as a jurisdiction document for ``audience`` (checked again as a whole)."""
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    lifetimes = []
    boundaries: list[AreaBoundary] = []
    for data in store.node.values():
        boundaries.extend(data.get(DRAWINGS, ()))
        collections[COLLECTION_OF_KIND[data["kind"]]].append(redact(data["model"], audience))
        if "valid" in data:
            lifetimes.append(Lifetime(data["kind"], data["model"].id, data["valid"]))
    for record in records(store, audience):
        collections[COLLECTION_OF_KIND[record.KIND]].append(record)
    return Jurisdiction(
        id=store.graph.graph["id"],
        name=store.graph.graph["name"],
        **{name: tuple(items) for name, items in collections.items()},
        lifetimes=tuple(lifetimes),
        boundaries=tuple(boundaries),
    )
