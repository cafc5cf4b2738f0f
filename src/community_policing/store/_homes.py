"""Which area each entity of the store calls home, found in SQL (see :meth:`Store.homes`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from community_policing.model.extent import DRAWN_INTO
from community_policing.model.jurisdiction import (
    COLLECTION_OF_KIND,
    COLLECTIONS,
    RECORD_COLLECTIONS,
)
from community_policing.store import _select
from community_policing.store.schema import SHARD_HOMES, TABLES

if TYPE_CHECKING:
    from collections.abc import Sequence

_TEMPORARY = sa.MetaData()
HOMES = sa.Table(
    "cp_homes_found",
    _TEMPORARY,
    sa.Column("collection", sa.String(64), primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("shard", sa.Integer, nullable=False),
    sa.Column("area_key", sa.Text, index=True),
    prefixes=["TEMPORARY"],
)
_ENTITIES = [name for name in COLLECTIONS if name not in RECORD_COLLECTIONS]
_ORDER = {name: at for at, name in enumerate(COLLECTIONS)}


def _insert(conn: sa.Connection, select: sa.Select[Any]) -> None:
    _select.insert_new(conn, HOMES, select)


def keep(conn: sa.Connection, by: str, areas: Sequence[tuple[str, str]]) -> None:
    """Find each entity's home among ``areas`` and keep it in the store for the split ``by``.

    An entity's home is the first area holding it; a person's, their first residence's; a
    team's, its first assigned area's; a community outside every area, its first management
    grid's; a police grid so (a split by street), the first unit's drawn into it; a policing
    district so, its first grid's. Entities without one are left out (see :func:`homeless`).
    """
    HOMES.create(conn, checkfirst=True)
    conn.execute(HOMES.delete())
    keep = _select.KEEP
    for at, area in enumerate(areas):
        _select.start(conn)
        _select.seed(conn, [area])
        _select.inside(conn)
        # (SQLite reads an upsert after INSERT … SELECT only when the SELECT has a WHERE)
        select = sa.select(keep.c.collection, keep.c.id, sa.literal(at), keep.c.area_key)
        _insert(conn, select.where(sa.true()))
    residences = TABLES["residences"]
    _insert(
        conn,
        sa.select(sa.literal("persons"), residences.c.person, HOMES.c.shard, sa.null())
        .join(
            HOMES, sa.and_(HOMES.c.collection == "households", HOMES.c.id == residences.c.household)
        )
        .order_by(residences.c.position),
    )
    assignments = TABLES["area_assignments"]
    _insert(
        conn,
        sa.select(sa.literal("teams"), assignments.c.team, HOMES.c.shard, sa.null())
        .join(HOMES, HOMES.c.area_key == assignments.c.area)
        .where(assignments.c.team.is_not(None))
        .order_by(assignments.c.position),
    )
    _drawn_into(conn)
    SHARD_HOMES.create(conn, checkfirst=True)  # a store made before splits were kept
    conn.execute(SHARD_HOMES.delete().where(SHARD_HOMES.c.split == by))
    for name in _ENTITIES:
        table = TABLES[name]
        found = sa.select(
            sa.literal(by),
            sa.literal(name),
            table.c.id,
            HOMES.c.shard,
            sa.literal(_ORDER[name]),
            table.c.position,
        ).join(HOMES, sa.and_(HOMES.c.collection == name, HOMES.c.id == table.c.id))
        conn.execute(SHARD_HOMES.insert().from_select([c.name for c in SHARD_HOMES.columns], found))


def home_of(conn: sa.Connection, by: str, shard: int) -> dict[str, tuple[int, int]]:
    """The node keys one shard of the split ``by`` is home to, with their places."""
    rows = conn.execute(
        sa.select(
            SHARD_HOMES.c.collection, SHARD_HOMES.c.id, SHARD_HOMES.c.place, SHARD_HOMES.c.position
        ).where(SHARD_HOMES.c.split == by, SHARD_HOMES.c.shard == shard)
    )
    return {
        f"{COLLECTIONS[name].KIND}:{ident}": (place, position)
        for name, ident, place, position in rows
    }


def _drawn_into(conn: sa.Connection) -> None:
    """Communities, police grids, districts outside every area: at home with what is drawn in."""
    for unit, field, target in DRAWN_INTO:
        table = TABLES[unit]
        _insert(
            conn,
            sa.select(sa.literal(target), table.c[field], HOMES.c.shard, sa.null())
            .join(HOMES, sa.and_(HOMES.c.collection == unit, HOMES.c.id == table.c.id))
            .where(table.c[field].is_not(None))
            .order_by(table.c.position),
        )


def homeless(conn: sa.Connection) -> list[tuple[tuple[str, str], tuple[int, int]]]:
    """The entities :func:`homes` gave no home, with their places (after :func:`homes`)."""
    found: list[tuple[tuple[str, str], tuple[int, int]]] = []
    for name in _ENTITIES:
        table = TABLES[name]
        taken = sa.select(HOMES.c.id).where(HOMES.c.collection == name)
        rows = conn.execute(
            sa.select(table.c.id, table.c.position)
            .where(table.c.id.not_in(taken))
            .order_by(table.c.position)
        )
        found.extend(((name, ident), (_ORDER[name], position)) for ident, position in rows)
    return found


def area_keys(conn: sa.Connection, kind: str) -> list[tuple[str, str]]:
    """Every area of ``kind`` as (collection, id), in document order."""
    collection = COLLECTION_OF_KIND[kind]
    table = TABLES[collection]
    rows = conn.execute(sa.select(table.c.id).order_by(table.c.position))
    return [(collection, ident) for (ident,) in rows]
