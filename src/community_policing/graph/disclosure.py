"""The one door to personal data in the graph: a purpose-bound, audited disclosure.

A graph's own reads (:meth:`~community_policing.graph.graph.CommunityGraph.entity`, its views,
:meth:`~community_policing.graph.graph.CommunityGraph.to_jurisdiction` ...) show no personal
data. Everything else — where a person lives, who lives with them, ID-card numbers, phones,
family ties, informants — is read through :func:`disclose`, which takes an
:class:`~community_policing.model.audit.Access` (who, why, as which audience), checks that the
actor holds a post or a membership and is not the subject, writes one
:class:`~community_policing.model.audit.AuditRecord`, and returns a :class:`Disclosure` that
reads what that audience may see. Every library path that reveals personal data (the
locator, officer exports, floor plans, family checks) goes through it.

Examples:
    >>> from datetime import UTC, date, datetime
    >>> from community_policing import Access, CommunityGraph, disclose, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> graph.entity("person:p-zhu-wei").phone is None
    True
    >>> opened = disclose(graph, Access("p-wang-jun", "季度人口核查"), query="census",
    ...                   as_of=date(2025, 1, 1))
    >>> opened.entity("person:p-zhu-wei").phone
    '13900150555'
    >>> record = graph.audit_log.records[-1]
    >>> record.actor, record.purpose, record.query, record.subject
    ('p-wang-jun', '季度人口核查', 'census', None)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from community_policing.errors import ValidationError
from community_policing.graph._changes import require_kind
from community_policing.graph._privacy import hidden_record_kinds, redact, relation_visible
from community_policing.graph._views import jurisdiction, parts, records, view
from community_policing.graph._walk import edges, missing, node_data
from community_policing.graph.relations import RECORD_MODELS
from community_policing.model import validators as v
from community_policing.model.audit import Access
from community_policing.model.changesets import ChangeSet
from community_policing.model.vocab import Relation

if TYPE_CHECKING:
    from collections.abc import Iterator

    import networkx as nx

    from community_policing.graph.answers import GraphParts
    from community_policing.graph.graph import CommunityGraph
    from community_policing.model.jurisdiction import Jurisdiction

__all__ = ["Disclosure", "disclose"]

_ROLES = (Relation.HOLDS_POST, Relation.MEMBER_OF)


class Disclosure:
    """The graph as an access's audience sees it, opened by :func:`disclose` (audited once).

    Keep it no longer than the purpose needs: every read through it is covered by the one
    record written when it was opened.

    Attributes:
        access: Who asked, why, and as which audience.
        as_of: The day the access was granted for.

    Examples:
        >>> from community_policing import Access, Audience, CommunityGraph, disclose, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> visit = Access("p-zheng-li", "入户走访", Audience.GRID_WORKER)
        >>> opened = disclose(graph, visit, query="home_visit")
        >>> opened.record("residence:r-01").household
        'h-jy-1-101'
        >>> opened.entity("person:p-zhu-wei").id_card_number is None  # not for grid workers
        True
    """

    __slots__ = ("_graph", "access", "as_of")

    def __init__(self, graph: CommunityGraph, access: Access, as_of: date) -> None:
        self._graph = graph
        self.access = access
        self.as_of = as_of

    def entity(self, key: str) -> Any:
        """The model at node ``key``, with what the audience may see of it.

        Examples:
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> disclose(graph, Access("p-wang-jun", "核查"), query="q").entity(
            ...     "person:p-zhu-wei").phone
            '13900150555'
        """
        return redact(node_data(self._graph._store, key)["model"], self.access.audience)

    def record(self, key: str) -> Any:
        """The relation record ``key`` (``"residence:r-01"``), if the audience may see it.

        Raises:
            NotFoundError: no such record, or none the audience may see.
        """
        data = self._graph._store.record_data(key)
        if data is None or not relation_visible(data["relation"], self.access.audience):
            missing(key, "record")
        return data["record"]

    def records(self, kind: str | None = None) -> Iterator[Any]:
        """The relation records the audience may see (of ``kind``), in the order added.

        Examples:
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> opened = disclose(graph, Access("p-wang-jun", "核查"), query="q")
            >>> [tie.id for tie in opened.records("family_tie")]
            ['f-lv', 'f-zhu-spouse', 'f-zhu-child']
        """
        require_kind(kind, RECORD_MODELS, "not a relation record kind")
        return records(self._graph._store, self.access.audience, kind)

    def parts(self) -> GraphParts:
        """Nodes, edges and boundaries as the audience may see them.

        In the shape :meth:`~community_policing.graph.graph.CommunityGraph.from_parts` takes.

        Examples:
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> disclosure = disclose(graph, Access("p-wang-jun", "备份"), query="q")
            >>> nodes, edges, drawn = disclosure.parts()
            >>> CommunityGraph.from_parts(id=graph.id, name=graph.name, nodes=nodes,
            ...                           edges=edges, boundaries=drawn) == graph
            True
        """
        return parts(self._graph._store, self.access.audience)

    def change_set(
        self,
        *,
        id: str,  # noqa: A002  (the change set's own field name)
        reason: str,
        base_revision: int,
        at: datetime | None = None,
    ) -> ChangeSet:
        """The graph's accepted edits since it was built, as a change set by the access's actor.

        Edits are recorded as they are accepted (:meth:`~community_policing.graph.graph.
        CommunityGraph.add_entity` and the other edit methods); a refused edit leaves none.

        Raises:
            ValidationError: an edit carries what the audience may not see (a grid worker's
                disclosure cannot take an added ID-card number; an officer's can).

        Examples:
            >>> from datetime import UTC, date, datetime
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> graph.end_relation("membership:m-03", date(2025, 6, 1)).id
            'm-03'
            >>> opened = disclose(graph, Access("p-wang-jun", "同步"), query="sync")
            >>> made = opened.change_set(id="cs-7", reason="同步", base_revision=4)
            >>> made.author, [change.key for change in made.edits]
            ('p-wang-jun', [('memberships', 'm-03')])
        """
        changes = tuple(self._graph._store.edits)
        for change in changes:
            record = change.record
            if record is not None and (
                record.KIND in hidden_record_kinds(self.access.audience)
                or redact(record, self.access.audience) != record
            ):
                raise ValidationError(
                    entity="change_set",
                    field="changes",
                    rule="privileged_audience",
                    reason=f"an edit carries what a {self.access.audience.value} may not see",
                )
        moment = datetime.now(UTC) if at is None else at
        return ChangeSet(
            id=id,
            author=self.access.actor,
            at=moment,
            reason=reason,
            base_revision=base_revision,
            edits=changes,
        )

    def to_jurisdiction(self) -> Jurisdiction:
        """The whole document as the audience may see it (an officer: all of it).

        Examples:
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> town = sample.jurisdiction()
            >>> graph = CommunityGraph.from_jurisdiction(town)
            >>> opened = disclose(graph, Access("p-wang-jun", "备份"), query="backup")
            >>> opened.to_jurisdiction() == town
            True
        """
        return jurisdiction(self._graph._store, self.access.audience)

    @property
    def networkx(self) -> nx.MultiDiGraph[str]:
        """A live, read-only view with the relations and fields the audience may see.

        Examples:
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> view = disclose(graph, Access("p-wang-jun", "核查"), query="q").networkx
            >>> list(view.successors("person:p-zhu-wei"))[:1]
            ['household:h-jy-1-101']
        """
        return view(self._graph._store, self.access.audience)

    def as_of_view(self, day: date) -> nx.MultiDiGraph[str]:
        """Like :meth:`~community_policing.graph.graph.CommunityGraph.as_of`, for the audience.

        Examples:
            >>> from datetime import UTC, date, datetime
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
            >>> opened = disclose(graph, Access("p-wang-jun", "核查"), query="q")
            >>> "household:h-jy-2-301" in opened.as_of_view(date(2018, 1, 1)).successors(
            ...     "person:p-he-yun")
            True
        """
        v.require_date(day, entity="disclosure", field="day")
        return view(self._graph._store, self.access.audience, day)

    def __repr__(self) -> str:
        return (
            f"Disclosure(graph={self._graph.id!r}, actor={self.access.actor!r}, "
            f"audience={self.access.audience.value!r})"
        )


def disclose(
    graph: CommunityGraph,
    access: Access,
    *,
    query: str,
    subject: str | None = None,
    as_of: date | None = None,
) -> Disclosure:
    """Open the graph's personal data to ``access``, leaving one audit record.

    Args:
        graph: The graph.
        access: Who asks, why, and as which audience.
        query: What the read is, for the record (``"locate"``, ``"write_graphml"``).
        subject: The node key of the person asked about (``"person:<id>"``), or ``None`` for
            a read of many.
        as_of: The day asked about (default: today). The actor must hold a post or a
            membership today, when asking, whatever day the question is about.

    Raises:
        ValidationError: ``access`` is not an Access, the actor holds no post or membership
            today, or the actor is the subject; nothing is recorded.
        NotFoundError: the actor or the subject is not a person of the graph.

    Examples:
        >>> from community_policing import Access, CommunityGraph, disclose, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> disclose(graph, Access("p-zhu-wei", "看看"), query="census")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: access: actor: holds no post or ...
    """
    if not isinstance(access, Access):
        raise ValidationError(
            entity="access",
            field=None,
            rule="type",
            reason=f"expected Access, got {type(access).__name__}",
        )
    v.require_identifier(query, entity="access", field="query")
    day = date.today() if as_of is None else as_of  # noqa: DTZ011  (a calendar date)
    v.require_date(day, entity="access", field="as_of")
    store = graph._store
    actor = f"person:{access.actor}"
    node_data(store, actor)
    if subject is not None:
        node_data(store, subject, "person")
        subject = subject.partition(":")[2]  # the record names the person by id
        if subject == access.actor:
            raise v.fail(access, "actor", "own_record", "may not read their own personal data")
    asked_on = date.today()  # noqa: DTZ011  (a calendar date)
    if not any(next(edges(store.succ, actor, role, asked_on), None) for role in _ROLES):
        raise v.fail(access, "actor", "actor_holds_post", "holds no post or membership today")
    graph._audit(
        actor=access.actor,
        subject=subject,
        purpose=access.purpose,
        query=query,
        as_of=day,
        audience=access.audience,
    )
    return Disclosure(graph, access, day)
