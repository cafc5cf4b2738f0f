"""The relationship graph (关系图谱): every entity and relation of a jurisdiction in networkx.

:class:`CommunityGraph` wraps a plain :class:`networkx.MultiDiGraph`. Each node is keyed
``"<kind>:<id>"`` (``"person:p-1"``, ``"police_grid:pg-01"``) and carries its model under
``"model"`` and its kind under ``"kind"``. Each edge carries its
:class:`~community_policing.model.vocab.Relation` under ``"relation"`` and, for relations that are
records of
their own (a residence, a membership, a family tie, an area assignment, a reporting line), the
record under ``"record"``;
the record holds the period and, being a model, everything else about the relation.

Edges come from two places. Containment and scope are fields of the entities themselves (a
building names its management grid, a post the area it covers), so they follow the entity and
have no period of their own. Everything that changes over time is a record with a period, and
ending it keeps it: history is never deleted.

Every change is checked against :data:`RELATION_SCHEMA` and the containment rules of
:class:`~community_policing.model.jurisdiction.Jurisdiction`; a rejected change raises and leaves
the graph exactly
as it was.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> graph.entity("police_grid:pg-01").name
    '第一警格'
    >>> sorted(graph.networkx.successors("building:b-jy-1"))
    ['management_grid:mg-ximen-1', 'residential_compound:rc-jiayuan']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import networkx as nx

from community_policing.errors import DocumentError, ValidationError
from community_policing.graph._adjacency import (
    Sealed,
    Store,
)
from community_policing.graph._changes import (
    require_kind,
    restore_parts,
)
from community_policing.graph._drawings import drawn, every, redraw
from community_policing.graph._edits import (
    add_entity,
    add_relation,
    end_relation,
    replace_entity,
    retire_entity,
)
from community_policing.graph._fill import fill
from community_policing.graph._privacy import PRIVATE_RECORDS, PRIVATE_RELATIONS, redact
from community_policing.graph._views import jurisdiction, parts, records, view
from community_policing.graph._walk import missing, node_data
from community_policing.graph.relations import (
    ENTITY_MODELS,
    RECORD_MODELS,
)
from community_policing.model import validators as v
from community_policing.model.audit import AuditLog
from community_policing.model.bulk import collector_paused
from community_policing.model.changesets import Edit
from community_policing.model.jurisdiction import COLLECTION_OF_KIND
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator
    from datetime import date

    from community_policing.graph.answers import GraphParts
    from community_policing.model.boundaries import AreaBoundary, Boundary
    from community_policing.model.jurisdiction import Jurisdiction
    from community_policing.model.periods import Period
    from community_policing.model.vocab import Relation

__all__ = ["CommunityGraph"]

#: What the graph's own reads show: no personal data (an access shows more, see disclosure).
SHOWN = Audience.PUBLIC


@attrs.frozen
class _Header:
    """A graph's id and name, checked as a document's are."""

    KIND: ClassVar[str] = "graph"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)


def _needs_access() -> ValidationError:
    return ValidationError(
        entity="graph",
        field="kind",
        rule="needs_access",
        reason="residences, family ties and reporting lines are personal data: disclose them",
    )


class CommunityGraph:
    """Residents, households, places, posts, teams and agencies in one networkx graph.

    Build one with :meth:`from_jurisdiction` (or empty, then add to it). The underlying graph is
    available read-only as :attr:`networkx`, so every networkx algorithm (and any networkx
    backend the user configures) runs on it.

    Args:
        id: The graph's id (a jurisdiction's id when built from one).
        name: Display name.
        audit_sink: Called with every :class:`~community_policing.model.audit.AuditRecord` as it is
            appended, so the host application can persist the audit trail.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> len(graph), graph.networkx.number_of_edges() > len(graph)
        (97, True)
    """

    def __init__(
        self,
        *,
        id: str = "graph",  # noqa: A002  (the document's own field name)
        name: str = "graph",
        audit_sink: Callable[[Any], None] | None = None,
    ) -> None:
        _Header(id, name)
        self._graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        self._graph.graph = Sealed(id=id, name=name)
        # networkx's own adjacency dicts and what queries keep between changes (_adjacency)
        self._store = Store(self._graph)
        self._succ = self._store.succ
        self._records = self._store.records
        self._view: nx.MultiDiGraph[str] | None = None
        # the log reads; only the graph holds its writer (see disclosure)
        self._audit_log, self._audit = AuditLog.open(sink=audit_sink)

    # ---------------------------------------------------------------------------- building

    @classmethod
    def from_jurisdiction(
        cls, jurisdiction: Jurisdiction, *, audit_sink: Callable[[Any], None] | None = None
    ) -> CommunityGraph:
        """Build the graph of a whole (already validated) jurisdiction in one call.

        A :class:`~community_policing.model.jurisdiction.Jurisdiction` cannot exist unless it is
        consistent, so its
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
        fill(graph._store, jurisdiction)
        return graph

    def to_jurisdiction(self) -> Jurisdiction:
        """The graph as a jurisdiction document with no personal data (checked as a whole).

        Sensitive fields are blanked and residences, family ties and reporting lines left
        out; the whole document, for an officer, comes from a
        :class:`~community_policing.graph.disclosure.Disclosure`.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> town = sample.jurisdiction()
            >>> public = CommunityGraph.from_jurisdiction(town).to_jurisdiction()
            >>> len(public.persons) == len(town.persons), public.residences
            (True, ())
            >>> any(person.phone for person in public.persons)
            False
        """
        return jurisdiction(self._store, SHOWN)

    @classmethod
    def from_parts(
        cls,
        *,
        id: str,  # noqa: A002  (the model's own field name)
        name: str,
        nodes: Iterable[tuple[str, Any, Period | None]],
        edges: Iterable[tuple[str, str, Relation, Any]],
        boundaries: Iterable[AreaBoundary] = (),
        audit_sink: Callable[[Any], None] | None = None,
    ) -> CommunityGraph:
        """Rebuild a graph from its nodes and edges as an export wrote them.

        Args:
            id: The graph's id.
            name: Its display name.
            nodes: ``(key, model, validity)`` per entity; validity is ``None`` for always.
            edges: ``(source, target, relation, record)`` per edge; ``record`` is the relation
                record, or ``None`` for an edge an entity's field makes.
            boundaries: The areas' drawings, as :meth:`boundaries` gives them.
            audit_sink: As for the constructor.

        Raises:
            DocumentError: a node key that does not match its model, a model that is no
                entity, an edge that does not match its record or names a node not given, a
                boundary of no area given; each located as ``$.nodes[i]``, ``$.edges[i]`` or
                ``$.boundaries[i]`` by its position.

        Examples:
            >>> from community_policing import CommunityGraph, Person, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> nodes, edges, boundaries = graph.parts()
            >>> nodes.append(("person:p-9", Person(id="p-8", name="错位"), None))
            >>> CommunityGraph.from_parts(id=graph.id, name=graph.name, nodes=nodes, edges=edges)
            Traceback (most recent call last):
            ...
            community_policing.errors.DocumentError: 1 problem in document:
              $.nodes[97]: node key does not match kind and id
        """
        graph = cls(id=id, name=name, audit_sink=audit_sink)
        store = graph._store
        problems = restore_parts(store, list(nodes), list(edges), list(boundaries))
        if problems:
            raise DocumentError(problems)
        store.recount_dated()
        return graph

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
    def audit_log(self) -> AuditLog:
        """Every read of personal data so far (append-only).

        See :mod:`~community_policing.model.audit`.
        """
        return self._audit_log

    @property
    def networkx(self) -> nx.MultiDiGraph[str]:
        """The underlying graph as a read-only view: run any networkx algorithm on it.

        The view holds no personal data: sensitive fields are blanked and where people live,
        their family ties and informants are absent. An officer's view, with all of it, is a
        :class:`~community_policing.graph.disclosure.Disclosure`'s.

        Examples:
            >>> import networkx as nx
            >>> from community_policing import CommunityGraph, sample
            >>> g = CommunityGraph.from_jurisdiction(sample.jurisdiction()).networkx
            >>> nx.has_path(g, "person:p-wang-jun", "sub_bureau:sb-yanhu")
            True
            >>> g.nodes["person:p-zhu-wei"]["model"].phone is None
            True
            >>> g.add_node("x")
            Traceback (most recent call last):
            ...
            community_policing.errors.ReadOnlyError: the graph's nodes and edges are read-only; ...
            >>> g.nodes["person:p-zhu-wei"]["model"] = None
            Traceback (most recent call last):
            ...
            community_policing.errors.ReadOnlyError: the graph's attributes are read-only; ...
        """
        if self._view is None:
            self._view = view(self._store, SHOWN)
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

    def _edge_table(self) -> dict[tuple[str, str, str], dict[str, Any]]:
        return {(u, w, k): d for u, w, k, d in self._graph.edges(keys=True, data=True)}

    def entity(self, key: str) -> Any:
        """The model at node ``key`` (``"<kind>:<id>"``).

        Raises:
            NotFoundError: no such node.
        """
        return redact(node_data(self._store, key)["model"], SHOWN)

    def record(self, key: str) -> Any:
        """The relation record with key ``"<kind>:<id>"`` (such as ``"membership:m-1"``).

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.record("membership:m-03").post
            'post-aux-pg-01'
            >>> graph.record("residence:r-01")
            Traceback (most recent call last):
            ...
            community_policing.errors.ValidationError: graph: kind: residences, family ties ...
        """
        data = self._store.record_data(key)
        if data is None:
            missing(key, "record")
        if data["relation"] in PRIVATE_RELATIONS:
            raise _needs_access()
        return data["record"]

    def records(self, kind: str | None = None) -> Iterator[Any]:
        """Every relation record that is no personal data (of ``kind`` when given).

        Records come in the order they were added.

        Residences, family ties and reporting lines are read through a
        :class:`~community_policing.graph.disclosure.Disclosure`.

        Raises:
            ValidationError: ``kind`` is not a kind of relation record, or one that is
                personal data.
        """
        require_kind(kind, RECORD_MODELS, "not a relation record kind")
        if kind in PRIVATE_RECORDS:
            raise _needs_access()
        return records(self._store, SHOWN, kind)

    def parts(self) -> GraphParts:
        """The graph's nodes, edges and boundaries without personal data, for :meth:`from_parts`.

        A graph rebuilt from its parts gives the same document. Sensitive fields are
        blanked and residences, family ties and reporting lines left out; all of it comes from
        :meth:`~community_policing.graph.disclosure.Disclosure.parts`.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> nodes, edges, boundaries = graph.parts()
            >>> rebuilt = CommunityGraph.from_parts(id=graph.id, name=graph.name,
            ...                                     nodes=nodes, edges=edges, boundaries=boundaries)
            >>> rebuilt == graph, rebuilt.to_jurisdiction() == graph.to_jurisdiction()
            (False, True)
        """
        return parts(self._store, SHOWN)

    def boundary(self, area: str, *, as_of: date | None = None) -> Boundary | None:
        """The boundary of ``area`` on ``as_of`` (default: the one drawn last), if drawn.

        Raises:
            NotFoundError: no such node.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.boundary("police_grid:pg-01").geojson()["type"]
            'Polygon'
            >>> graph.boundary("police_grid:pg-01", as_of=date(1999, 1, 1)) is None
            True
        """
        if as_of is not None:
            v.require_date(as_of, entity="graph", field="as_of")
        drawing = drawn(self._store, area, as_of)
        return None if drawing is None else drawing.boundary

    def boundaries(
        self, kind: str | None = None, *, as_of: date | None = None
    ) -> Iterator[AreaBoundary]:
        """Every drawing (of areas of ``kind``), area by area; only those in force ``as_of``.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> [str(drawing.area) for drawing in graph.boundaries("policing_district")]
            ['policing_district:pd-east', 'policing_district:pd-town']
        """
        if as_of is not None:
            v.require_date(as_of, entity="graph", field="as_of")
        if kind is not None:
            require_kind(kind, ENTITY_MODELS, "not an entity kind")
        return every(self._store, kind, as_of)

    def draw_boundary(self, area: str, boundary: Boundary, *, on: date) -> AreaBoundary:
        """Draw ``area`` anew from ``on`` (a grid redrawn); the drawing in force ends that day.

        Returns the new drawing; the earlier ones stay, for the map of any past day.

        Raises:
            NotFoundError: no such node.
            ValidationError: the area is a building or address, or it has a drawing that
                starts on or after ``on``; the graph is unchanged.

        Examples:
            >>> from datetime import date
            >>> from community_policing import Boundary, CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> old = graph.boundary("police_grid:pg-01")
            >>> new = Boundary([[[(116.5, 35.4), (116.6, 35.4), (116.6, 35.5), (116.5, 35.4)]]])
            >>> graph.draw_boundary("police_grid:pg-01", new, on=date(2026, 1, 1)).period.start
            datetime.date(2026, 1, 1)
            >>> graph.boundary("police_grid:pg-01", as_of=date(2025, 12, 31)) == old
            True
        """
        return redraw(self._store, area, boundary, on)

    def entities(self, kind: str | None = None, *, as_of: date | None = None) -> Iterator[Any]:
        """Every entity (of ``kind`` when given) that exists on ``as_of`` (default: always).

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> [grid.id for grid in graph.entities("police_grid")]
            ['pg-01', 'pg-02', 'pg-03', 'pg-04']
        """
        if as_of is not None:
            v.require_date(as_of, entity="graph", field="as_of")
        require_kind(kind, ENTITY_MODELS, "not an entity kind")
        for data in self._store.node.values():
            if kind is None or data["kind"] == kind:
                valid = data.get("valid")
                if as_of is None or valid is None or valid.contains(as_of):
                    yield redact(data["model"], SHOWN)

    def as_of(self, day: date) -> nx.MultiDiGraph[str]:
        """A read-only view of the graph on ``day``.

        Relations not in force that day are absent, and so are entities that do not exist that
        day (see :meth:`add_entity`) together with every edge that touches them, so the view has
        no dangling edges. The view is live: it reflects later changes.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> post = "post:post-aux-pg-04"
            >>> "person:p-sun-hao" in graph.as_of(date(2024, 1, 1)).predecessors(post)
            True
            >>> list(graph.as_of(date(2025, 1, 1)).predecessors(post))
            []
        """
        v.require_date(day, entity="graph", field="day")
        return view(self._store, SHOWN, day)

    # ---------------------------------------------------------------------------- changes

    def add_entity(self, model: Any, *, valid: Period | None = None) -> str:
        """Add a place, person, organisation, team or post; returns its node key.

        Args:
            model: The entity.
            valid: When the entity exists (a police grid drawn from a date, a post created);
                ``None`` for always. :meth:`as_of` hides it outside that period;
                :meth:`to_jurisdiction` writes it as a
                :class:`~community_policing.model.jurisdiction.Lifetime`.

        Raises:
            ValidationError: the key is taken, a parent it names is missing, or a containment
                rule would break; the graph is left unchanged.

        Examples:
            >>> from community_policing import CommunityGraph, Person, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.add_entity(Person(id="p-new", name="新居民"))
            'person:p-new'
        """
        key = add_entity(self._store, model, valid)
        self._store.edits.append(Edit.add(model, valid=valid))
        return key

    def retire_entity(self, key: str, on: date) -> None:
        """Mark the entity ``key`` as no longer existing from ``on`` (a grid redrawn away).

        The node, its relations and their history stay; :meth:`as_of` hides it from ``on``.

        Raises:
            NotFoundError: no such entity.
            ValidationError: ``on`` is not a date after the start of its validity, or not
                before a retirement it already has (an end only moves earlier).

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.retire_entity("post:post-aux-pg-04", date(2025, 1, 1))
            >>> "post:post-aux-pg-04" in graph.as_of(date(2025, 1, 1))
            False
        """
        retire_entity(self._store, key, on)
        kind, _, ident = key.partition(":")
        self._store.edits.append(Edit.retire(COLLECTION_OF_KIND[kind], ident, on))

    def replace_entity(self, model: Any) -> None:
        """Put an evolved copy of an entity in place of the one with the same key.

        Its containment follows its new fields (a re-zoned building moves to its new grid).

        Raises:
            NotFoundError: no entity has that key.
            ValidationError: a parent it names is missing or a containment rule would break;
                the graph is left unchanged.

        Examples:
            >>> import attrs
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> moved = attrs.evolve(graph.entity("building:b-xm-7"), management_grid="mg-ximen-4")
            >>> graph.replace_entity(moved)
            >>> list(graph.networkx.successors("building:b-xm-7"))
            ['management_grid:mg-ximen-4']
        """
        replace_entity(self._store, model)
        self._store.edits.append(Edit.replace(model))

    def add_relation(self, record: Any) -> str:
        """Add a relation record (residence, membership, family tie, assignment, reporting line).

        Returns its key, ``"<kind>:<id>"``.

        Raises:
            ValidationError: the key is taken, an endpoint is missing or of a kind the
                :data:`RELATION_SCHEMA` does not allow, or a person would live in two places at
                once; the graph is left unchanged.

        Examples:
            >>> from datetime import date
            >>> from community_policing import CommunityGraph, Membership, Period, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.add_relation(Membership(id="m-new", person="p-yang-fan",
            ...                    post="post-aux-pg-04", period=Period(date(2025, 1, 1))))
            'membership:m-new'
        """
        key = add_relation(self._store, record)
        self._store.edits.append(Edit.add(record))
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
            >>> from community_policing import CommunityGraph, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.end_relation("membership:m-03", date(2025, 6, 1)).period.end
            datetime.date(2025, 6, 1)
        """
        ended = end_relation(self._store, key, on)
        self._store.edits.append(Edit.end(COLLECTION_OF_KIND[ended.KIND], ended.id, on))
        return ended
