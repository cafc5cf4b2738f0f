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


def view(store: Store, audience: Audience, day: date | None = None) -> nx.MultiDiGraph[str]:
    """A live, read-only view for ``audience``, of every day or of ``day`` only.

    Relations the audience may not see are absent; on ``day``, so are relations not in force
    and entities that do not exist that day, with every edge that touches them.
    """
    nodes, succ = store.node, store.succ
    # An edge's key says what it is: a field's relation, or "<record kind>:<id>".
    hidden = hidden_record_kinds(audience)

    def node_exists(node: str) -> bool:
        valid = nodes[node].get("valid")
        return valid is None or bool(valid.contains(day))

    def edge_shown(u: str, w: str, key: str) -> bool:
        if hidden and key.partition(":")[0] in hidden:
            return False
        if day is None:
            return True
        record = succ[u][w][key]["record"]
        return record is None or bool(record.is_active(day))

    shown: nx.MultiDiGraph[str] = nx.subgraph_view(
        store.graph,
        filter_node=nx.filters.no_filter if day is None else node_exists,
        filter_edge=cast("Any", edge_shown),
    )
    internals: Any = shown
    internals._node = _ShownNodes(internals._node, audience)
    return read_only(shown)


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
