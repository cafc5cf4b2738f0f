"""Redaction of the relationship graph for an audience (what an export may show whom).

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
    >>> from community_policing import Audience, CommunityGraph, redacted, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> public = redacted(graph, Audience.PUBLIC)
    >>> "person:p-wang-jun" in public, "person:p-zhu-xiao" in public
    (True, False)
"""

from __future__ import annotations

from typing import Any

import attrs

from community_policing.errors import ValidationError
from community_policing.graph.graph import CommunityGraph
from community_policing.model.people import sensitive_fields
from community_policing.model.vocab import Audience, Relation

__all__ = ["VISIBLE_FIELDS", "redacted"]

#: The sensitive fields each audience may see; every other sensitive field is blanked.
VISIBLE_FIELDS: dict[Audience, frozenset[str]] = {
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
        for name in sensitive_fields(type(model)) - VISIBLE_FIELDS[audience]
        if getattr(model, name) is not None
    }
    return attrs.evolve(model, **hidden) if hidden else model


def redacted(graph: CommunityGraph, audience: Audience) -> CommunityGraph:
    """A copy of ``graph`` holding only what ``audience`` may see (see the module's table).

    Raises:
        ValidationError: ``audience`` is not an :class:`~community_policing.model.vocab.Audience`.

    Examples:
        >>> from community_policing import Audience, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> redacted(graph, Audience.VOLUNTEER).entity("person:p-wang-jun").phone is None
        True
    """
    if not isinstance(audience, Audience):
        raise ValidationError(
            entity="redaction",
            field="audience",
            rule="type",
            reason=f"expected Audience, got {type(audience).__name__}",
        )
    source = graph.networkx
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
    nodes = [
        (node, _redact(data["model"], audience), data.get("valid"))
        for node, data in source.nodes.items()
        if node in keep
    ]
    edges = [
        (u, w, data["relation"], data["record"])
        for u, w, data in source.edges(data=True)
        if u in keep
        and w in keep
        and not (audience is Audience.PUBLIC and data["relation"] in _PRIVATE_RELATIONS)
    ]
    # relation records keep the order they were added in (a document's order)
    order = {key: index for index, key in enumerate(graph._store.records)}
    edges.sort(key=lambda edge: -1 if edge[3] is None else order[f"{edge[3].KIND}:{edge[3].id}"])
    return CommunityGraph.from_parts(id=graph.id, name=graph.name, nodes=nodes, edges=edges)
