"""The one place that touches networkx's internals: a MultiDiGraph's own adjacency dicts.

Queries read these dicts directly (a locate or responsible query stays in microseconds at a
million residents), and building a graph from a jurisdiction writes into them exactly as
:meth:`networkx.MultiDiGraph.add_edge` lays them out (one key dict shared by the successor and
predecessor maps); a test holds such a graph equal to one built through networkx's public
methods. Nothing outside :mod:`community_policing.graph` sees this module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from community_policing.errors import ReadOnlyError

if TYPE_CHECKING:
    import networkx as nx


class Sealed(dict[str, Any]):
    """The attributes of the graph, a node or an edge: read-only except to the store.

    networkx hands these dicts out as they are (``view.nodes[key]``, ``view.edges[e]``), so
    they refuse every change themselves; the store writes with ``dict``'s own methods.
    """

    __slots__ = ()

    def _refuse(self, *_: object, **__: object) -> Any:
        raise ReadOnlyError

    __setitem__ = __delitem__ = __ior__ = _refuse
    update = pop = popitem = clear = setdefault = _refuse

    def __reduce__(self) -> tuple[Any, ...]:
        # a copy or a pickle is rebuilt whole, never item by item
        return (Sealed, (dict(self),))


def edge_data(relation: Any, record: Any) -> Sealed:
    """The attributes of one edge: its relation and its record (``None`` for a field's).

    Every edge a field makes with one relation shares one read-only dict: nothing ever
    changes it, and a city has millions of them.
    """
    if record is None:
        shared = _FIELD_EDGES.get(relation)
        if shared is None:
            shared = _FIELD_EDGES[relation] = Sealed(relation=relation, record=None)
        return shared
    return Sealed(relation=relation, record=record)


_FIELD_EDGES: dict[Any, Sealed] = {}


def set_attribute(data: dict[str, Any], name: str, value: Any) -> None:
    """Edit one attribute of a node or an edge (the store's own write)."""
    dict.__setitem__(data, name, value)


#: ``{node: {neighbour: {edge key: edge data}}}``, as networkx keeps it.
Adjacency = dict[str, dict[str, dict[str, dict[str, Any]]]]


class Store:
    """A MultiDiGraph with its adjacency dicts at hand, and what queries keep between changes.

    Attributes:
        graph: The networkx graph itself.
        succ: Its successor dicts.
        pred: Its predecessor dicts.
        node: Its node attribute dicts.
        records: Relation record key to source node, in the order records were added.
        ancestors: Containment answers kept until the next change of an entity.
        dated: How many nodes have a validity period (while any do, nothing is kept).
    """

    __slots__ = (
        "ancestors",
        "cards",
        "dated",
        "edits",
        "graph",
        "node",
        "places",
        "pred",
        "records",
        "succ",
    )

    def __init__(self, graph: nx.MultiDiGraph[str]) -> None:
        internals: Any = graph
        self.graph = graph
        self.succ: Adjacency = internals._succ
        self.pred: Adjacency = internals._pred
        self.node: dict[str, dict[str, Any]] = internals._node
        self.records: dict[str, str] = {}
        self.ancestors: dict[str, tuple[str, ...]] = {}
        self.dated = 0
        # the edits accepted since the graph was built, as changes (see Disclosure.change_set)
        self.edits: list[Any] = []
        self.cards: dict[str, str] | None = None
        # normalised address text -> the standard addresses with it (built on first use)
        self.places: dict[str, list[str]] | None = None

    def card_holder(self, number: str) -> str | None:
        """The node of the person holding ID-card number ``number``, if any.

        The index is built on first use and kept up to date by :meth:`note_card`.
        """
        if self.cards is None:
            self.cards = {
                data["model"].id_card_number: key
                for key, data in self.node.items()
                if data["kind"] == "person" and data["model"].id_card_number is not None
            }
        return self.cards.get(number)

    def note_card(self, key: str, old: Any, new: Any) -> None:
        """After a person node changed from ``old`` to ``new`` (``None``: absent)."""
        if self.cards is None:
            return
        for model, holder in ((old, None), (new, key)):
            number = getattr(model, "id_card_number", None)
            if number is not None and holder is None:
                self.cards.pop(number, None)
            elif number is not None:
                self.cards[number] = key

    def record_data(self, key: object) -> dict[str, Any] | None:
        """The attributes of the edge of relation record ``key``, or ``None`` for no record."""
        if not isinstance(key, str) or key not in self.records:
            return None
        for keyed in self.succ[self.records[key]].values():
            data: dict[str, Any] | None = keyed.get(key)
            if data is not None:
                return data
        return None  # pragma: no cover - the registry and the edges agree

    def put_node(self, key: str, data: Sealed) -> None:
        """Add a node with no edges yet, as ``add_node`` would (the key must be new)."""
        self.node[key] = data
        self.succ[key] = {}
        self.pred[key] = {}

    def link(self, source: str, target: str, key: str, data: Sealed) -> None:
        """Add an edge between existing nodes, as ``add_edge`` would (the key must be new)."""
        row = self.succ[source]
        keyed = row.get(target)
        if keyed is None:
            row[target] = self.pred[target][source] = {key: data}
        else:
            keyed[key] = data

    def recount_dated(self) -> None:
        """After nodes were put in place in bulk: count the dated ones, forget kept answers."""
        self.dated = sum(1 for data in self.node.values() if "valid" in data)
        self.ancestors.clear()


# What networkx's freeze blocks, each refused with the library's error instead.
_STRUCTURE_CHANGES = (
    "add_node",
    "add_nodes_from",
    "remove_node",
    "remove_nodes_from",
    "add_edge",
    "add_edges_from",
    "add_weighted_edges_from",
    "remove_edge",
    "remove_edges_from",
    "clear",
    "clear_edges",
    "update",
)


def _refuse_structure(*_: object, **__: object) -> None:
    raise ReadOnlyError("nodes and edges")


def read_only(view: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """``view`` (sharing the store's sealed attributes) with every structural change refused."""
    for name in _STRUCTURE_CHANGES:
        setattr(view, name, _refuse_structure)
    cast("Any", view).frozen = True
    return view
