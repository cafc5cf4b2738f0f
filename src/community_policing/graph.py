"""The relationship graph (关系图谱): every entity and relation of a jurisdiction in networkx.

:class:`CommunityGraph` wraps a plain :class:`networkx.MultiDiGraph`. Each node is keyed
``"<kind>:<id>"`` (``"person:p-1"``, ``"police_grid:pg-01"``) and carries its model under
``"model"`` and its kind under ``"kind"``. Each edge carries its
:class:`~community_policing.Relation` under ``"relation"`` and, for relations that are records of
their own (a residence, a membership, a family tie, an area assignment, a reporting line), the
record under ``"record"``;
the record holds the period and, being a model, everything else about the relation.

Edges come from two places. Containment and scope are fields of the entities themselves (a
building names its management grid, a post the area it covers), so they follow the entity and
have no period of their own. Everything that changes over time is a record with a period, and
ending it keeps it: history is never deleted.

Every change is checked against :data:`RELATION_SCHEMA` and the containment rules of
:class:`~community_policing.Jurisdiction`; a rejected change raises and leaves the graph exactly
as it was.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, sample_jurisdiction
    >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
    >>> graph.entity("police_grid:pg-01").name
    '第一警格'
    >>> sorted(graph.networkx.successors("building:b-jy-1"))
    ['management_grid:mg-ximen-1', 'residential_compound:rc-jiayuan']
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

import attrs
import networkx as nx

from community_policing import _validators as v
from community_policing import queries
from community_policing._collector import collector_paused
from community_policing.audit import AuditLog
from community_policing.errors import NotFoundError, ValidationError
from community_policing.jurisdiction import COLLECTIONS, REFERENCES, Jurisdiction
from community_policing.people import FamilyTie, Membership, ReportingLine, Residence
from community_policing.periods import Period
from community_policing.teams import AreaAssignment
from community_policing.vocab import AreaKind, Relation

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["RELATION_SCHEMA", "CommunityGraph", "RelationRule", "node_key"]

_RECORD_KINDS = frozenset(
    cls.KIND for cls in (Residence, Membership, FamilyTie, AreaAssignment, ReportingLine)
)
_ENTITY_CLASSES = {cls.KIND: cls for cls in COLLECTIONS.values() if cls.KIND not in _RECORD_KINDS}
_COLLECTION_OF_KIND = {cls.KIND: name for name, cls in COLLECTIONS.items()}
_AREA_KINDS = frozenset(kind.value for kind in AreaKind)


def node_key(kind: str, ident: str) -> str:
    """The graph key of an entity: ``"<kind>:<id>"``.

    Examples:
        >>> node_key("person", "p-1")
        'person:p-1'
    """
    return f"{kind}:{ident}"


@attrs.frozen
class RelationRule:
    """What a relation may join, and how many of it a node may have.

    Attributes:
        relation: The relation this rule is for.
        sources: Node kinds an edge may start from.
        targets: Node kinds an edge may end at.
        directed: ``False`` for a relation read the same both ways (family ties).
        at_most_one_current: A source may have at most one such edge in force on any day.

    Examples:
        >>> from community_policing import RELATION_SCHEMA, Relation
        >>> rule = RELATION_SCHEMA[Relation.LIVES_IN]
        >>> sorted(rule.sources), sorted(rule.targets), rule.at_most_one_current
        (['person'], ['household'], True)
    """

    relation: Relation
    sources: frozenset[str]
    targets: frozenset[str]
    directed: bool = True
    at_most_one_current: bool = False


def _field_rules() -> dict[Relation, RelationRule]:
    sources: dict[Relation, set[str]] = {}
    targets: dict[Relation, set[str]] = {}
    for reference in REFERENCES:
        if reference.relation is not None:
            sources.setdefault(reference.relation, set()).add(
                COLLECTIONS[reference.collection].KIND
            )
            targets.setdefault(reference.relation, set()).add(COLLECTIONS[reference.target].KIND)
    return {
        relation: RelationRule(
            relation,
            frozenset(sources[relation]),
            frozenset(targets[relation]),
            # an entity names one parent per field: never two edges of one relation
            at_most_one_current=True,
        )
        for relation in sources
    }


#: The schema of the graph: for every relation, the node kinds it may join.
RELATION_SCHEMA: dict[Relation, RelationRule] = {
    **_field_rules(),
    Relation.COVERS: RelationRule(
        Relation.COVERS, frozenset({"post"}), _AREA_KINDS, at_most_one_current=True
    ),
    Relation.LIVES_IN: RelationRule(
        Relation.LIVES_IN, frozenset({"person"}), frozenset({"household"}), at_most_one_current=True
    ),
    Relation.HOLDS_POST: RelationRule(
        Relation.HOLDS_POST, frozenset({"person"}), frozenset({"post"})
    ),
    Relation.MEMBER_OF: RelationRule(
        Relation.MEMBER_OF, frozenset({"person"}), frozenset({"organization", "team"})
    ),
    Relation.FAMILY: RelationRule(
        Relation.FAMILY, frozenset({"person"}), frozenset({"person"}), directed=False
    ),
    Relation.SERVES: RelationRule(
        Relation.SERVES, frozenset({"team", "organization"}), _AREA_KINDS
    ),
    Relation.REPORTS_TO: RelationRule(
        Relation.REPORTS_TO, frozenset({"person"}), frozenset({"person"})
    ),
}

# Entity fields that place an entity in the graph: kind -> [(field, target kind, relation)].
_FIELD_EDGES: dict[str, list[tuple[str, str | None, Relation]]] = {}
for _reference in REFERENCES:
    if _reference.relation is not None:
        _FIELD_EDGES.setdefault(COLLECTIONS[_reference.collection].KIND, []).append(
            (_reference.field, COLLECTIONS[_reference.target].KIND, _reference.relation)
        )
_FIELD_EDGES["post"].append(("area", None, Relation.COVERS))  # an AreaRef names its own kind


def _field_edges(model: Any) -> Iterator[tuple[str, Relation]]:
    """(target key, relation) for every parent or scope an entity names."""
    for field, target_kind, relation in _FIELD_EDGES.get(model.KIND, ()):
        value = getattr(model, field)
        if value is None:
            continue
        yield (str(value) if target_kind is None else f"{target_kind}:{value}"), relation


def _record_edge(record: Any) -> tuple[str, str, Relation]:  # noqa: PLR0911  (one per kind)
    """(source key, target key, relation) of a relation record."""
    if isinstance(record, Residence):
        return f"person:{record.person}", f"household:{record.household}", Relation.LIVES_IN
    if isinstance(record, Membership):
        if record.post is not None:
            return f"person:{record.person}", f"post:{record.post}", Relation.HOLDS_POST
        if record.team is not None:
            return f"person:{record.person}", f"team:{record.team}", Relation.MEMBER_OF
        return f"person:{record.person}", f"organization:{record.organization}", Relation.MEMBER_OF
    if isinstance(record, FamilyTie):
        return f"person:{record.person}", f"person:{record.relative}", Relation.FAMILY
    if isinstance(record, AreaAssignment):
        return record.provider, str(record.area), Relation.SERVES
    if isinstance(record, ReportingLine):
        return f"person:{record.reporter}", f"person:{record.officer}", Relation.REPORTS_TO
    msg = f"a {type(record).__name__} is not a relation record"
    raise ValidationError(entity="graph", field=None, rule="not_a_relation", reason=msg)


def _in_force(record: Any, day: date) -> bool:
    return record is None or bool(record.is_active(day))


class CommunityGraph:
    """Residents, households, places, posts, teams and agencies in one networkx graph.

    Build one with :meth:`from_jurisdiction` (or empty, then add to it). The underlying graph is
    available read-only as :attr:`networkx`, so every networkx algorithm (and any networkx
    backend the user configures) runs on it.

    Args:
        id: The graph's id (a jurisdiction's id when built from one).
        name: Display name.
        audit_sink: Called with every :class:`~community_policing.AuditRecord` as it is
            appended, so the host application can persist the audit trail.

    Examples:
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> len(graph), graph.networkx.number_of_edges() > len(graph)
        (94, True)
    """

    def __init__(
        self,
        *,
        id: str = "graph",  # noqa: A002  (the document's own field name)
        name: str = "graph",
        audit_sink: Callable[[Any], None] | None = None,
    ) -> None:
        self._graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(id=id, name=name)
        # networkx's own adjacency dicts, read directly on the hot paths of the queries
        adjacency: Any = self._graph
        self._succ: dict[str, dict[str, dict[str, dict[str, Any]]]] = adjacency._succ  # noqa: SLF001
        self._pred: dict[str, dict[str, dict[str, dict[str, Any]]]] = adjacency._pred  # noqa: SLF001
        self._node: dict[str, dict[str, Any]] = adjacency._node  # noqa: SLF001
        # record key -> source node, in the order records were added (the document's order)
        self._records: dict[str, str] = {}
        self._view: nx.MultiDiGraph[str] | None = None
        # Containment answers kept between changes of entities (see queries._ancestors), and
        # how many nodes have a validity period (while any do, nothing is kept).
        self._ancestor_memo: dict[str, tuple[str, ...]] = {}
        self._dated_nodes = 0
        self.audit_log: AuditLog = AuditLog(sink=audit_sink)

    # ---------------------------------------------------------------------------- building

    @classmethod
    def from_jurisdiction(
        cls, jurisdiction: Jurisdiction, *, audit_sink: Callable[[Any], None] | None = None
    ) -> CommunityGraph:
        """Build the graph of a whole (already validated) jurisdiction in one call.

        A :class:`~community_policing.Jurisdiction` cannot exist unless it is consistent, so its
        entities and records go in without being checked again. The cyclic garbage collector
        is paused while the graph is built, as during a load.
        """
        with collector_paused():
            return cls._build(jurisdiction, audit_sink)

    @classmethod
    def _build(
        cls, jurisdiction: Jurisdiction, audit_sink: Callable[[Any], None] | None
    ) -> CommunityGraph:
        graph = cls(id=jurisdiction.id, name=jurisdiction.name, audit_sink=audit_sink)
        # The document is consistent, so its entities and records are written straight into
        # networkx's adjacency dicts, as MultiDiGraph.add_edge would write them (a test holds
        # the result equal to one built through the public methods); this is about twice as
        # fast as add_nodes_from / add_edges_from at a million residents.
        node_data, succ, pred = graph._node, graph._succ, graph._pred
        records = graph._records
        deferred: list[tuple[str, tuple[tuple[str, str | None, Relation], ...], Any]] = []
        for name, model_class in COLLECTIONS.items():
            kind = model_class.KIND
            if kind in _RECORD_KINDS:
                continue
            field_edges = tuple(_FIELD_EDGES.get(kind, ()))
            for model in getattr(jurisdiction, name):
                node = f"{kind}:{model.id}"
                node_data[node] = {"model": model, "kind": kind}
                succ[node] = {}
                pred[node] = {}
                if field_edges:
                    deferred.append((node, field_edges, model))

        def link(source: str, target: str, key: str, data: dict[str, Any]) -> None:
            row = succ[source]
            keyed = row.get(target)
            if keyed is None:
                row[target] = pred[target][source] = {key: data}
            else:
                keyed[key] = data

        for node, field_edges, model in deferred:
            for field, target_kind, relation in field_edges:
                value = getattr(model, field)
                if value is not None:
                    target = str(value) if target_kind is None else f"{target_kind}:{value}"
                    link(node, target, relation.value, {"relation": relation, "record": None})
        for name, model_class in COLLECTIONS.items():
            kind = model_class.KIND
            if kind not in _RECORD_KINDS:
                continue
            for record in getattr(jurisdiction, name):
                source, target, relation = _record_edge(record)
                key = f"{kind}:{record.id}"
                records[key] = source
                link(source, target, key, {"relation": relation, "record": record})
        return graph

    def to_jurisdiction(self) -> Jurisdiction:
        """The graph as a jurisdiction document (checked again as a whole).

        Examples:
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> sample = sample_jurisdiction()
            >>> CommunityGraph.from_jurisdiction(sample).to_jurisdiction() == sample
            True
        """
        collections: dict[str, list[Any]] = {name: [] for name in COLLECTIONS}
        for data in self._graph.nodes.values():
            collections[_COLLECTION_OF_KIND[data["kind"]]].append(data["model"])
        for key, source in self._records.items():
            record = self._edge_data(key, source)["record"]
            collections[_COLLECTION_OF_KIND[record.KIND]].append(record)
        return Jurisdiction(
            id=self._graph.graph["id"],
            name=self._graph.graph["name"],
            **{name: tuple(items) for name, items in collections.items()},
        )

    # ---------------------------------------------------------------------------- reading

    @property
    def id(self) -> str:
        """The graph's id."""
        return str(self._graph.graph["id"])

    @property
    def name(self) -> str:
        """The graph's display name."""
        return str(self._graph.graph["name"])

    @property
    def networkx(self) -> nx.MultiDiGraph[str]:
        """The underlying graph as a read-only view: run any networkx algorithm on it.

        Examples:
            >>> import networkx as nx
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> g = CommunityGraph.from_jurisdiction(sample_jurisdiction()).networkx
            >>> nx.has_path(g, "person:p-zhu-wei", "sub_bureau:sb-yanhu")
            True
            >>> g.add_node("x")
            Traceback (most recent call last):
            ...
            networkx.exception.NetworkXError: Frozen graph can't be modified
        """
        if self._view is None:
            self._view = self._graph.copy(as_view=True)
        return self._view

    def __len__(self) -> int:
        return len(self._graph)

    def __contains__(self, key: object) -> bool:
        return key in self._graph

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CommunityGraph):
            return NotImplemented
        mine, theirs = self._graph, other._graph
        return (
            mine.graph == theirs.graph
            and dict(mine.nodes.items()) == dict(theirs.nodes.items())
            and self._edge_table() == other._edge_table()
        )

    __hash__ = None  # type: ignore[assignment]  # mutable

    def __repr__(self) -> str:
        return (
            f"CommunityGraph(id={self.id!r}, nodes={self._graph.number_of_nodes()}, "
            f"edges={self._graph.number_of_edges()})"
        )

    def _recount_dated_nodes(self) -> None:
        """After nodes were put in place directly (exports, redaction): count dated ones."""
        self._dated_nodes = sum(1 for data in self._node.values() if "valid" in data)
        self._ancestor_memo.clear()

    def _edge_table(self) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {(u, w, k): d for u, w, k, d in self._graph.edges(keys=True, data=True)}

    def entity(self, key: str) -> Any:
        """The model at node ``key`` (``"<kind>:<id>"``).

        Raises:
            NotFoundError: no such node.
        """
        data = self._graph.nodes.get(key)
        if data is None:
            kind, _, ident = key.partition(":")
            raise NotFoundError(kind or "node", ident or key)
        return data["model"]

    def record(self, key: str) -> Any:
        """The relation record with key ``"<kind>:<id>"`` (such as ``"membership:m-1"``).

        Examples:
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> graph.record("residence:r-01").household
            'h-jy-1-101'
        """
        source = self._records.get(key)
        if source is None:
            kind, _, ident = key.partition(":")
            raise NotFoundError(kind or "record", ident or key)
        return self._edge_data(key, source)["record"]

    def _edge_data(self, key: str, source: str) -> dict[str, Any]:
        for keyed in self._succ[source].values():
            data = keyed.get(key)
            if data is not None:
                return data
        raise NotFoundError("record", key)  # pragma: no cover - the registry and edges agree

    def records(self, kind: str | None = None) -> Iterator[Any]:
        """Every relation record, in the order added; only those of ``kind`` when given."""
        for key, source in self._records.items():
            if kind is None or key.startswith(f"{kind}:"):
                yield self._edge_data(key, source)["record"]

    def as_of(self, day: date) -> nx.MultiDiGraph[str]:
        """A read-only view of the graph on ``day``.

        Relations not in force that day are absent, and so are entities that do not exist that
        day (see :meth:`add_entity`) together with every edge that touches them, so the view has
        no dangling edges. The view is live: it reflects later changes.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> post = "post:post-aux-pg-04"
            >>> "person:p-sun-hao" in graph.as_of(date(2024, 1, 1)).predecessors(post)
            True
            >>> list(graph.as_of(date(2025, 1, 1)).predecessors(post))
            []
        """
        g = self._graph
        nodes = g.nodes

        def node_exists(node: str) -> bool:
            valid = nodes[node].get("valid")
            return valid is None or bool(valid.contains(day))

        def edge_in_force(u: str, w: str, key: str) -> bool:
            return _in_force(self._succ[u][w][key]["record"], day)

        view: nx.MultiDiGraph[str] = nx.subgraph_view(
            g, filter_node=node_exists, filter_edge=cast("Any", edge_in_force)
        )
        return view

    # ---------------------------------------------------------------------------- queries

    def locate(
        self, person: str, *, purpose: str, actor: str, as_of: date | None = None
    ) -> queries.Location | None:
        """Where a person lives and who lives with them; see :func:`~community_policing.locate`."""
        return queries.locate(self, person, purpose=purpose, actor=actor, as_of=as_of)

    def responsible(self, place: str, *, as_of: date | None = None) -> queries.Responsibility:
        """Who is responsible for a place; see :func:`~community_policing.responsible`."""
        return queries.responsible(self, place, as_of=as_of)

    def serving(self, area: str, *, as_of: date | None = None) -> queries.Serving:
        """Who serves an area; see :func:`~community_policing.serving`."""
        return queries.serving(self, area, as_of=as_of)

    def containing(self, place: str, *, as_of: date | None = None) -> tuple[str, ...]:
        """A place and the areas containing it; see :func:`~community_policing.containing`."""
        return queries.containing(self, place, as_of=as_of)

    def holders(self, post: str, *, as_of: date | None = None) -> tuple[queries.Holding, ...]:
        """Who holds a post; see :func:`~community_policing.holders`."""
        return queries.holders(self, post, as_of=as_of)

    def members(self, group: str, *, as_of: date | None = None) -> tuple[Membership, ...]:
        """Members of a team or organisation; see :func:`~community_policing.members`."""
        return queries.members(self, group, as_of=as_of)

    def mediation_candidates(
        self, area: str, *, as_of: date | None = None
    ) -> queries.MediationCandidates:
        """Who can sit on a mediation panel; see :func:`~community_policing.mediation_candidates`.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> panel = graph.mediation_candidates("community:c-ximen", as_of=date(2025, 1, 1))
            >>> panel.agencies[:2]
            ('organization:o-env', 'organization:o-women')
        """
        return queries.mediation_candidates(self, area, as_of=as_of)

    def coverage(self, *, as_of: date | None = None) -> queries.Coverage:
        """What is unstaffed; see :func:`~community_policing.coverage`."""
        return queries.coverage(self, as_of=as_of)

    # ---------------------------------------------------------------------------- changes

    def add_entity(self, model: Any, *, valid: Period | None = None) -> str:
        """Add a place, person, organisation, team or post; returns its node key.

        Args:
            model: The entity.
            valid: When the entity exists (a police grid drawn from a date, a post created);
                ``None`` for always. :meth:`as_of` hides it outside that period. A jurisdiction
                document has no place for it: :meth:`to_jurisdiction` keeps the entity, not
                the period.

        Raises:
            ValidationError: the key is taken, a parent it names is missing, or a containment
                rule would break; the graph is left unchanged.

        Examples:
            >>> from community_policing import CommunityGraph, Person, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> graph.add_entity(Person(id="p-new", name="新居民"))
            'person:p-new'
        """
        kind = self._entity_kind(model)
        key = f"{kind}:{model.id}"
        if key in self._graph:
            raise v.fail(model, "id", "duplicate_id", f"the graph already holds {key!r}")
        if valid is not None:
            v.instance_of(Period)(model, attrs.fields(Period).start, valid)
        edges = self._checked_field_edges(model, key)
        if valid is None:
            self._graph.add_node(key, model=model, kind=kind)
        else:
            self._graph.add_node(key, model=model, kind=kind, valid=valid)
            self._dated_nodes += 1
        self._add_field_edges(key, edges)
        self._ancestor_memo.clear()
        return key

    def retire_entity(self, key: str, on: date) -> None:
        """Mark the entity ``key`` as no longer existing from ``on`` (a grid redrawn away).

        The node, its relations and their history stay; :meth:`as_of` hides it from ``on``.

        Raises:
            NotFoundError: no such entity.
            ValidationError: ``on`` is not after the start of its validity.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> graph.retire_entity("post:post-aux-pg-04", date(2025, 1, 1))
            >>> "post:post-aux-pg-04" in graph.as_of(date(2025, 1, 1))
            False
        """
        model = self.entity(key)
        valid = self._graph.nodes[key].get("valid")
        start = date.min if valid is None else valid.start
        if type(on) is not date or on <= start:
            raise v.fail(model, None, "end_after_start", "must be retired after it began")
        if valid is None:
            self._dated_nodes += 1
        self._graph.nodes[key]["valid"] = Period(start, on)
        self._ancestor_memo.clear()

    def replace_entity(self, model: Any) -> None:
        """Put an evolved copy of an entity in place of the one with the same key.

        Its containment follows its new fields (a re-zoned building moves to its new grid).

        Raises:
            NotFoundError: no entity has that key.
            ValidationError: a parent it names is missing or a containment rule would break;
                the graph is left unchanged.

        Examples:
            >>> import attrs
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> moved = attrs.evolve(graph.entity("building:b-xm-7"), management_grid="mg-ximen-4")
            >>> graph.replace_entity(moved)
            >>> list(graph.networkx.successors("building:b-xm-7"))
            ['management_grid:mg-ximen-4']
        """
        kind = self._entity_kind(model)
        key = f"{kind}:{model.id}"
        if key not in self._graph:
            raise NotFoundError(kind, model.id)
        edges = self._checked_field_edges(model, key)
        g = self._graph
        old = [
            (key, w, k)
            for w, keyed in self._succ[key].items()
            for k, data in keyed.items()
            if data["record"] is None
        ]
        cast("Any", g).remove_edges_from(old)
        g.nodes[key]["model"] = model
        self._add_field_edges(key, edges)
        self._ancestor_memo.clear()

    def add_relation(self, record: Any) -> str:
        """Add a relation record (residence, membership, family tie, assignment, reporting line).

        Returns its key, ``"<kind>:<id>"``.

        Raises:
            ValidationError: the key is taken, an endpoint is missing or of a kind the
                :data:`RELATION_SCHEMA` does not allow, or a person would live in two places at
                once; the graph is left unchanged.

        Examples:
            >>> from datetime import date
            >>> from community_policing import (
            ...     CommunityGraph, Membership, Period, sample_jurisdiction)
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> graph.add_relation(Membership(id="m-new", person="p-yang-fan",
            ...                    post="post-aux-pg-04", period=Period(date(2025, 1, 1))))
            'membership:m-new'
        """
        source, target, relation = _record_edge(record)
        key = f"{record.KIND}:{record.id}"
        if key in self._records:
            raise v.fail(record, "id", "duplicate_id", f"the graph already holds {key!r}")
        self._check_endpoints(record, source, target, relation)
        rule = RELATION_SCHEMA[relation]
        if rule.at_most_one_current:
            self._check_single_current(record, source, relation)
        self._graph.add_edge(source, target, key=key, relation=relation, record=record)
        self._records[key] = source
        return key

    def end_relation(self, key: str, on: date) -> Any:
        """End the relation record ``key`` on ``on``; the record stays, with its end date.

        Returns the ended record.

        Raises:
            NotFoundError: no record has that key.
            ValidationError: ``on`` is not after the record's start, or not before an end it
                already has; the graph is unchanged.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample_jurisdiction
            >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
            >>> graph.end_relation("membership:m-03", date(2025, 6, 1)).period.end
            datetime.date(2025, 6, 1)
        """
        source = self._records.get(key)
        if source is None:
            kind, _, ident = key.partition(":")
            raise NotFoundError(kind, ident)
        data = self._edge_data(key, source)
        record = data["record"]
        period = record.period
        if period is not None and period.end is not None and type(on) is date and on >= period.end:
            # Moving an end later would reopen history (and could overlap what came after).
            raise v.fail(
                record, "period", "end_only_earlier", "has already ended; an end only moves earlier"
            )
        ended = record.ended(on)
        data["record"] = ended
        return ended

    # ---------------------------------------------------------------------------- checks

    def _entity_kind(self, model: Any) -> str:
        kind = getattr(type(model), "KIND", None)
        if kind not in _ENTITY_CLASSES or type(model) is not _ENTITY_CLASSES[kind]:
            what = type(model).__name__
            raise ValidationError(
                entity="graph",
                field=None,
                rule="not_an_entity",
                reason=f"a {what} is not an entity; relation records go through add_relation",
            )
        return str(kind)

    def _checked_field_edges(self, model: Any, key: str) -> list[tuple[str, Relation]]:
        edges = list(_field_edges(model))
        fields = [field for field, _, _ in _FIELD_EDGES.get(model.KIND, ())]
        named = [field for field in fields if getattr(model, field) is not None]
        for field, (target, _) in zip(named, edges, strict=True):
            if target not in self._graph or target == key:
                kind, _, ident = target.partition(":")
                raise v.fail(model, field, "reference", f"no {kind} with id {ident!r}")
        self._check_containment(model)
        return edges

    def _add_field_edges(self, key: str, edges: list[tuple[str, Relation]]) -> None:
        cast("Any", self._graph).add_edges_from(
            (key, target, relation.value, {"relation": relation, "record": None})
            for target, relation in edges
        )

    def _check_containment(self, model: Any) -> None:
        """The whole-unit and compound rules of a jurisdiction, for one changed entity."""
        g = self._graph
        kind = model.KIND
        if kind == "management_grid" and model.police_grid is not None:
            whole = g.nodes[f"community:{model.community}"]["model"].police_grid
            if whole is not None and whole != model.police_grid:
                raise v.fail(
                    model,
                    "police_grid",
                    "whole_units",
                    f"community {model.community!r} belongs whole to police grid {whole!r}",
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
                        f"its management grid {grid.id!r} belongs to police grid "
                        f"{grid.police_grid!r}; a unit cannot be split",
                    )
        elif kind == "building" and model.compound is not None:
            compound = g.nodes[f"residential_compound:{model.compound}"]["model"]
            grid = g.nodes[f"management_grid:{model.management_grid}"]["model"]
            if compound.community != grid.community:
                raise v.fail(
                    model,
                    "compound",
                    "compound_in_community",
                    f"compound {model.compound!r} is in community {compound.community!r}, but "
                    f"management grid {grid.id!r} is in community {grid.community!r}",
                )

    def _check_endpoints(self, record: Any, source: str, target: str, relation: Relation) -> None:
        rule = RELATION_SCHEMA[relation]
        for end, key, allowed in (
            ("source", source, rule.sources),
            ("target", target, rule.targets),
        ):
            if key not in self._graph:
                kind, _, ident = key.partition(":")
                raise v.fail(record, None, "reference", f"no {kind} with id {ident!r}")
            kind = self._graph.nodes[key]["kind"]
            if kind not in allowed:  # pragma: no cover - the record types allow no other kinds
                raise v.fail(
                    record, None, "schema", f"{relation.value} cannot have a {kind} as {end}"
                )

    def _check_single_current(self, record: Any, source: str, relation: Relation) -> None:
        for keyed in self._succ[source].values():
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
                        f"overlaps {other_key!r} of the same person",
                    )
