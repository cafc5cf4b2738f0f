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
    nodes, edges = graph.parts()
    public = audience is Audience.PUBLIC
    # the public sees the persons who hold a post or a membership, and no private relation
    keep = {key for key, model, _ in nodes if not public or model.KIND != "person"}
    if public:
        keep.update(source for source, _, relation, _ in edges if relation in _ROLE_RELATIONS)
        edges = [edge for edge in edges if edge[2] not in _PRIVATE_RELATIONS]
    return CommunityGraph.from_parts(
        id=graph.id,
        name=graph.name,
        nodes=[
            (key, _redact(model, audience), valid) for key, model, valid in nodes if key in keep
        ],
        edges=[edge for edge in edges if edge[0] in keep and edge[1] in keep],
    )
