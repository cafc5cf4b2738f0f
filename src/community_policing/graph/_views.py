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
from community_policing.graph._privacy import hidden_record_kinds, redact, relation_visible
from community_policing.graph.relations import relation_of
from community_policing.model.jurisdiction import COLLECTIONS, Jurisdiction, Lifetime

if TYPE_CHECKING:
    from datetime import date

    from community_policing.graph._adjacency import Store
    from community_policing.model.periods import Period
    from community_policing.model.vocab import Audience, Relation

_COLLECTION_OF_KIND = {cls.KIND: name for name, cls in COLLECTIONS.items()}


Parts = tuple[list[tuple[str, Any, "Period | None"]], list[tuple[str, str, "Relation", Any]]]


class _ShownNodes(Mapping[str, Any]):
    """A view's node attributes, each model as the audience may see it."""

    __slots__ = ("_audience", "_nodes")

    def __init__(self, nodes: Mapping[str, Any], audience: Audience) -> None:
        self._nodes = nodes
        self._audience = audience

    def __getitem__(self, key: str) -> Any:
        data = self._nodes[key]
        model = redact(data["model"], self._audience)
        return data if model is data["model"] else Sealed({**data, "model": model})

    def __iter__(self) -> Iterator[str]:
        return iter(self._nodes)

    def __len__(self) -> int:
        return len(self._nodes)

    def __contains__(self, key: object) -> bool:
        return key in self._nodes


class _ShownAdjacency(Mapping[str, Any]):
    """A view's adjacency (successors or predecessors) without the records it may not show.

    Records that are personal data only ever touch persons and households, so every other
    node's row is handed out as it is (networkx reads it at C speed, read-only through its
    own views); a person's or a household's row is filtered when it is read.
    """

    __slots__ = ("_hidden", "_rows")

    def __init__(self, rows: dict[str, dict[str, dict[str, Any]]], hidden: frozenset[str]):
        self._rows = rows
        self._hidden = hidden

    def __getitem__(self, node: str) -> Any:
        row = self._rows[node]
        if not node.startswith(_PRIVATE_ENDS):
            return row
        hidden = self._hidden
        shown = {}
        for neighbour, keyed in row.items():
            kept = {key: data for key, data in keyed.items() if key.partition(":")[0] not in hidden}
            if kept:
                shown[neighbour] = kept
        return shown

    def __iter__(self) -> Iterator[str]:
        return iter(self._rows)

    def __len__(self) -> int:
        return len(self._rows)

    def __contains__(self, node: object) -> bool:
        return node in self._rows


# The kinds of node a record that is personal data can touch (a residence, a family tie and a
# reporting line join persons, or a person and a household).
_PRIVATE_ENDS = ("person:", "household:")


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
    nodes, succ = store.node, store.succ

    def node_exists(node: str) -> bool:
        valid = nodes[node].get("valid")
        return valid is None or bool(valid.contains(day))

    def edge_in_force(u: str, w: str, key: str) -> bool:
        record = succ[u][w][key]["record"]
        return record is None or bool(record.is_active(day))

    dated: nx.MultiDiGraph[str] = nx.subgraph_view(
        shown, filter_node=node_exists, filter_edge=cast("Any", edge_in_force)
    )
    return read_only(dated)


def parts(store: Store, audience: Audience) -> Parts:
    """Nodes and edges as ``audience`` may see them.

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
    return nodes, edges


def records(store: Store, audience: Audience, kind: str | None = None) -> Iterator[Any]:
    """The relation records ``audience`` may see (of ``kind`` when given), in the order added."""
    succ = store.succ
    for key, source in store.records.items():
        if kind is not None and not key.startswith(f"{kind}:"):
            continue
        for keyed in succ[source].values():
            data = keyed.get(key)
            if data is not None:
                if relation_visible(data["relation"], audience):
                    yield data["record"]
                break


def jurisdiction(store: Store, audience: Audience) -> Jurisdiction:
    """The graph as a jurisdiction document for ``audience`` (checked again as a whole)."""
    collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
    lifetimes = []
    for data in store.node.values():
        collections[_COLLECTION_OF_KIND[data["kind"]]].append(redact(data["model"], audience))
        if "valid" in data:
            lifetimes.append(Lifetime(data["kind"], data["model"].id, data["valid"]))
    for record in records(store, audience):
        collections[_COLLECTION_OF_KIND[record.KIND]].append(record)
    return Jurisdiction(
        id=store.graph.graph["id"],
        name=store.graph.graph["name"],
        **{name: tuple(items) for name, items in collections.items()},
        lifetimes=tuple(lifetimes),
    )
