"""Redaction of the relationship graph for an audience (what an export may show whom).

===========  =======  ==========  =====  ==========  ===========  ==========  =========
audience     ID-card  birth date  phone  residences  family ties  informants  residents
===========  =======  ==========  =====  ==========  ===========  ==========  =========
officer      yes      yes         yes    yes         yes          yes         yes
grid_worker  no       no          yes    yes         yes          no          yes
volunteer    no       no          no     no          no           no          names
public       no       no          no     no          no           no          no
===========  =======  ==========  =====  ==========  ===========  ==========  =========

Residences are where a person lives and who lives with them; informants are reporting lines;
residents are the persons who hold no post or membership.

Officers and grid workers are the privileged audiences: reaching either takes an
:class:`~community_policing.model.audit.Access` (who asks and why), goes through
:func:`~community_policing.graph.disclosure.disclose`, and leaves one audit record. The
public is every export's default.

Examples:
    >>> from community_policing import Audience, CommunityGraph, redacted, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> public = redacted(graph, Audience.PUBLIC)
    >>> "person:p-wang-jun" in public, "person:p-zhu-xiao" in public
    (True, False)
"""

from __future__ import annotations

from community_policing.errors import ValidationError
from community_policing.graph._privacy import VISIBLE_FIELDS, VISIBLE_RELATIONS
from community_policing.graph.answers import GraphParts
from community_policing.graph.disclosure import disclose
from community_policing.graph.graph import CommunityGraph
from community_policing.model.audit import PRIVILEGED_AUDIENCES, Access
from community_policing.model.vocab import Audience, Relation

__all__ = ["VISIBLE_FIELDS", "VISIBLE_RELATIONS", "redacted", "redacted_parts"]

_ROLE_RELATIONS = frozenset({Relation.HOLDS_POST, Relation.MEMBER_OF})


def redacted(
    graph: CommunityGraph, audience: Audience | Access, *, query: str = "redacted"
) -> CommunityGraph:
    """A copy of ``graph`` holding only what ``audience`` may see (see the module's table).

    Args:
        graph: The graph.
        audience: :attr:`Audience.PUBLIC` or :attr:`Audience.VOLUNTEER`, or for a privileged
            audience an :class:`~community_policing.model.audit.Access` naming who asks and
            why (audited once, as ``query``).
        query: What the copy is for, for the audit record.

    Raises:
        ValidationError: ``audience`` is neither, or is a privileged audience given bare.

    Examples:
        >>> from community_policing import Access, Audience, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> redacted(graph, Audience.VOLUNTEER) == graph
        False
        >>> redacted(graph, Audience.OFFICER)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: redaction: audience: the officer audience ...
        >>> officer = redacted(graph, Access("p-wang-jun", "季度核查"), query="backup")
        >>> officer == graph, graph.audit_log.records[-1].query
        (True, 'backup')
    """
    nodes, edges, boundaries = redacted_parts(graph, audience, query=query)
    return CommunityGraph.from_parts(
        id=graph.id, name=graph.name, nodes=nodes, edges=edges, boundaries=boundaries
    )


def redacted_parts(
    graph: CommunityGraph, audience: Audience | Access, *, query: str = "redacted"
) -> GraphParts:
    """The parts of ``graph`` that ``audience`` may see, as :func:`redacted` takes them.

    What the exports write: every node and edge ``audience`` may see, in the graph's own order.

    Raises:
        ValidationError: as for :func:`redacted`.

    Examples:
        >>> from community_policing import Audience, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> nodes, edges, _ = redacted_parts(graph, Audience.PUBLIC)
        >>> len(nodes) < len(graph)
        True
    """
    if isinstance(audience, Access):
        return disclose(graph, audience, query=query).parts()
    if isinstance(audience, Audience) and audience in PRIVILEGED_AUDIENCES:
        raise ValidationError(
            entity="redaction",
            field="audience",
            rule="needs_access",
            reason=f"the {audience.value} audience sees personal data: pass an Access instead",
        )
    if not isinstance(audience, Audience):
        raise ValidationError(
            entity="redaction",
            field="audience",
            rule="type",
            reason=f"expected Audience or Access, got {type(audience).__name__}",
        )
    nodes, edges, boundaries = graph.parts()  # no personal data: what a volunteer sees
    if audience is Audience.PUBLIC:
        # the public sees the persons who hold a post or a membership, and no one else
        keep = {key for key, model, _ in nodes if model.KIND != "person"}
        keep.update(source for source, _, relation, _ in edges if relation in _ROLE_RELATIONS)
        nodes = [node for node in nodes if node[0] in keep]
        edges = [edge for edge in edges if edge[0] in keep and edge[1] in keep]
    return GraphParts(nodes, edges, boundaries)
