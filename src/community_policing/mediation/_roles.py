"""Whether the people named as mediators hold the roles they mediate in, by the graph."""

from __future__ import annotations

from typing import TYPE_CHECKING

from community_policing.graph import related
from community_policing.model.vocab import Relation, Role

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from community_policing.graph import CommunityGraph
    from community_policing.mediation.events import Mediator


def held_roles(graph: CommunityGraph, person: str, day: date) -> frozenset[Role]:
    """The roles ``person`` holds on ``day``: their posts' roles and their memberships'."""
    node = f"person:{person}"
    if node not in graph:
        return frozenset()
    roles = {
        graph.entity(post).role for post, _ in related(graph, node, Relation.HOLDS_POST, as_of=day)
    }
    roles.update(
        record.role
        for _, record in related(graph, node, Relation.MEMBER_OF, as_of=day)
        if record is not None and record.role is not None
    )
    return frozenset(roles)


def role_not_held(graph: CommunityGraph, mediators: Iterable[Mediator], day: date) -> int | None:
    """The position of the first mediator who does not hold the role they mediate in."""
    for index, mediator in enumerate(mediators):
        if mediator.role not in held_roles(graph, mediator.person, day):
            return index
    return None
