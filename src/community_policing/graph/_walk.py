"""Walking the graph's adjacency: edges in force, containment, posts and their holders.

The building blocks of the queries, over the graph's store (see ``_adjacency``); every
function takes the store and a day, and reads networkx's dicts directly.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NoReturn

from community_policing.errors import NotFoundError, ValidationError, shown
from community_policing.graph.relations import ENTITY_MODELS
from community_policing.model.vocab import Relation

if TYPE_CHECKING:
    from collections.abc import Iterator

    from community_policing.graph._adjacency import Adjacency, Store
    from community_policing.model.vocab import Role

CONTAINMENT = frozenset(
    {
        Relation.IN_SUB_BUREAU,
        Relation.IN_STATION,
        Relation.IN_DISTRICT,
        Relation.IN_POLICE_GRID,
        Relation.IN_COUNTY,
        Relation.IN_TOWNSHIP,
        Relation.IN_COMMUNITY,
        Relation.IN_MANAGEMENT_GRID,
        Relation.IN_COMPOUND,
        Relation.IN_BUILDING,
        Relation.AT_ADDRESS,
    }
)
_CONTAINMENT_KEYS = frozenset(relation.value for relation in CONTAINMENT)
# The kinds too numerous to keep answers for; their parents' answers are kept instead.
_UNMEMOISED_KINDS = frozenset({"standard_address", "household", "person"})
_COVERS_KEY = Relation.COVERS.value


def today() -> date:
    """The default day of a query."""
    return date.today()  # noqa: DTZ011  (a calendar date in the jurisdiction's own day)


def missing(key: object, what: str, store: Store | None = None) -> NoReturn:
    """Raise the library's error for ``key``, which names no node (or record) of the graph.

    Every node is named by its key, ``"<kind>:<id>"``. A bare id gets the key it may have
    meant (the nodes of any kind with that id), so the error says how to ask.
    """
    if not isinstance(key, str):
        raise ValidationError(
            entity="graph", field="key", rule="type", reason=f"a {what} key is a string"
        )
    kind, colon, ident = key.partition(":")
    if colon and kind and ident:
        known = what != "node" or kind in ENTITY_MODELS
        raise NotFoundError(kind, ident, hint=None if known else "that is not a kind of node")
    hint = f"a {what} key is '<kind>:<id>'"
    if store is not None and not colon:
        meant = _meant(store, key)
        if meant:
            hint += "; did you mean " + " or ".join(shown(name) for name in meant) + "?"
    raise NotFoundError(what, key, hint=hint)


def _meant(store: Store, ident: str) -> list[str]:
    """The node keys of every kind whose id is ``ident`` (at most three)."""
    return [key for kind in ENTITY_MODELS if (key := f"{kind}:{ident}") in store.node][:3]


def node_data(store: Store, key: object, kind: str | None = None) -> dict[str, Any]:
    """The attributes of node ``key`` (of ``kind`` when given), or the library's error.

    A key of another kind is refused with the form the caller should use.
    """
    data: dict[str, Any] | None = store.node.get(key) if isinstance(key, str) else None
    if data is None:
        missing(key, kind or "node", store)
    if kind is not None and data["kind"] != kind:
        raise ValidationError(
            entity="graph",
            field="key",
            rule="kind",
            reason=f"expected a {kind} key, '{kind}:<id>'",
        )
    return data


def exists(store: Store, key: str, day: date) -> bool:
    """Whether the entity at ``key`` exists on ``day`` (see ``add_entity``'s validity)."""
    valid = store.node[key].get("valid")
    return valid is None or bool(valid.contains(day))


def edges(
    adjacency: Adjacency,
    node: str,
    relation: Relation,
    day: date,
) -> Iterator[tuple[str, Any]]:
    """(neighbour, record) for each edge of ``relation`` at ``node`` in force on ``day``."""
    for neighbour, keyed in adjacency[node].items():
        for data in keyed.values():
            if data["relation"] is relation:
                record = data["record"]
                if record is None or record.is_active(day):
                    yield neighbour, record


def parents(store: Store, node: str, day: date) -> list[str]:
    """The areas directly containing ``node`` that exist on ``day``."""
    # Containment edges come from entity fields and are keyed by their relation's value, so a
    # set test on the keys finds them without reading any edge data.
    return [
        parent
        for parent, keyed in store.succ[node].items()
        if not _CONTAINMENT_KEYS.isdisjoint(keyed) and exists(store, parent, day)
    ]


def ancestors(
    store: Store, place: str, day: date, *, through_grids: bool = True
) -> tuple[str, ...]:
    """The place and every area containing it, nearest parents first.

    A community cut into police grids grid by grid belongs to no police grid as a whole; it
    is still inside whatever contains all of its management grids (their district, station,
    ...).

    Containment does not change with the date unless some entity has a validity period, so
    the answer for an area (not for the many addresses, households and persons) is kept until
    the next change of an entity.
    """
    memo = store.ancestors if through_grids and not store.dated else None
    if memo is not None:
        known = memo.get(place)
        if known is not None:
            return known
    seen = [place]
    above_place = parents(store, place, day)
    for parent in above_place:
        seen.extend(
            above
            for above in ancestors(store, parent, day, through_grids=through_grids)
            if above not in seen
        )
    kind = store.node[place]["kind"]
    whole = any(parent.startswith("police_grid:") for parent in above_place)
    if through_grids and kind == "community" and not whole:
        seen.extend(
            above for above in _common_ancestors_of_grids(store, place, day) if above not in seen
        )
    result = tuple(seen)
    if memo is not None and kind not in _UNMEMOISED_KINDS:
        memo[place] = result
    return result


def _common_ancestors_of_grids(store: Store, community: str, day: date) -> list[str]:
    nodes = store.node
    grids = [
        grid
        for grid, _ in edges(store.pred, community, Relation.IN_COMMUNITY, day)
        if nodes[grid]["kind"] == "management_grid" and exists(store, grid, day)
    ]
    common: list[str] | None = None
    for grid in grids:
        above = [a for a in ancestors(store, grid, day, through_grids=False)[1:] if a != community]
        common = above if common is None else [a for a in common if a in above]
    return common or []


def covering_posts(store: Store, area: str, roles: frozenset[Role] | None, day: date) -> list[Any]:
    """The posts in existence on ``day`` that cover ``area``, with one of ``roles`` if given."""
    nodes = store.node
    # A post's area is one of its fields: the edge is keyed "covers" (see parents).
    return [
        nodes[post]["model"]
        for post, keyed in store.pred[area].items()
        if _COVERS_KEY in keyed
        and exists(store, post, day)
        and (roles is None or nodes[post]["model"].role in roles)
    ]


def post_holders(store: Store, post: str, day: date) -> list[str]:
    """Node keys of the persons holding the post with id ``post`` on ``day``."""
    return [person for person, _ in edges(store.pred, f"post:{post}", Relation.HOLDS_POST, day)]
