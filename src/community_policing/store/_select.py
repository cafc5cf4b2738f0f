"""Which rows a part of the store holds, found in SQL: the shard of an area, a change's neighbours.

The same three steps as :func:`~community_policing.model.extent.within_area` (inside, reaching
in, what they name), each an ``INSERT … SELECT`` into a temporary table of kept keys, so a
station's part is found without reading the rest of the city. Every reference of a collection
points to an earlier collection, so one pass down (in document order) and one pass up (in
reverse) reach their fixed points.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from community_policing.model.jurisdiction import (
    AREA_REFERENCES,
    COLLECTION_OF_KIND,
    COLLECTIONS,
    RECORD_COLLECTIONS,
    REFERENCES,
)
from community_policing.model.vocab import AreaKind, Relation
from community_policing.store.schema import TABLES

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

_TEMPORARY = sa.MetaData()
KEEP = sa.Table(
    "cp_keep",
    _TEMPORARY,
    sa.Column("collection", sa.String(64), primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("area_key", sa.Text, index=True),
    prefixes=["TEMPORARY"],
)
SEEDS = sa.Table(
    "cp_seed_persons",
    _TEMPORARY,
    sa.Column("id", sa.Text, primary_key=True),
    prefixes=["TEMPORARY"],
)
_AREA_COLLECTIONS = {COLLECTION_OF_KIND[kind.value]: kind.value for kind in AreaKind}
_DOWN = [
    ref
    for ref in REFERENCES
    if ref.relation is not None and ref.relation is not Relation.POLICED_BY
]
_PERSONS = "persons"


def start(conn: sa.Connection) -> None:
    """An empty table of kept keys for this connection."""
    KEEP.create(conn, checkfirst=True)
    conn.execute(KEEP.delete())


def insert_new(conn: sa.Connection, table: sa.Table, select: sa.Select[Any]) -> None:
    """Insert the rows ``select`` gives into ``table`` (its columns in order), once each.

    On SQLite the ``SELECT`` needs a ``WHERE`` for the upsert to be read as one.
    """
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    statement = dialect.insert(table).from_select([c.name for c in table.columns], select)
    conn.execute(statement.on_conflict_do_nothing())


def _insert(conn: sa.Connection, select: sa.Select[Any]) -> None:
    """Keep the (collection, id, area key) rows ``select`` gives, once each."""
    insert_new(conn, KEEP, select)


def _kept(collection: str) -> sa.Select[Any]:
    return sa.select(KEEP.c.id).where(KEEP.c.collection == collection)


def _row(collection: str, ident: Any) -> list[Any]:
    kind = _AREA_COLLECTIONS.get(collection)
    key = sa.literal(f"{kind}:") + ident if kind else sa.null()
    return [sa.literal(collection), ident, key]


def seed(conn: sa.Connection, keys: Iterable[tuple[str, str]]) -> None:
    """Keep the given (collection, id) keys (whether or not the store holds them)."""
    rows = [
        {"collection": c, "id": i, "area_key": f"{_AREA_COLLECTIONS[c]}:{i}"}
        if c in _AREA_COLLECTIONS
        else {"collection": c, "id": i, "area_key": None}
        for c, i in set(keys)
    ]
    if rows:
        dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
        conn.execute(dialect.insert(KEEP).on_conflict_do_nothing(), rows)


def inside(conn: sa.Connection) -> None:
    """Keep everything under what is kept, by containment, and the posts of its areas."""
    for name in COLLECTIONS:
        table = TABLES[name]
        conditions = [
            table.c[ref.field].in_(_kept(ref.target)) for ref in _DOWN if ref.collection == name
        ]
        if name == "posts":
            areas = sa.select(KEEP.c.area_key).where(KEEP.c.area_key.is_not(None))
            conditions.append(table.c.area.in_(areas))
        if conditions:
            _insert(conn, sa.select(*_row(name, table.c.id)).where(sa.or_(*conditions)))


def reaching_in(conn: sa.Connection) -> None:
    """Keep the records tied to what is kept, then the ties of the persons they name."""
    assignments = TABLES["area_assignments"]
    areas = sa.select(KEEP.c.area_key).where(KEEP.c.area_key.is_not(None))
    _insert(
        conn,
        sa.select(*_row("teams", assignments.c.team)).where(
            assignments.c.area.in_(areas), assignments.c.team.is_not(None)
        ),
    )
    for name in RECORD_COLLECTIONS:
        table = TABLES[name]
        conditions = [
            table.c[ref.field].in_(_kept(ref.target))
            for ref in REFERENCES
            if ref.collection == name and ref.target != _PERSONS
        ]
        conditions.extend(table.c[field].in_(areas) for c, field in AREA_REFERENCES if c == name)
        if conditions:
            _insert(conn, sa.select(*_row(name, table.c.id)).where(sa.or_(*conditions)))
    for name in RECORD_COLLECTIONS:  # the persons those records name
        table = TABLES[name]
        for ref in REFERENCES:
            if ref.collection == name and ref.target == _PERSONS:
                _insert(
                    conn,
                    sa.select(*_row(_PERSONS, table.c[ref.field])).where(
                        table.c.id.in_(_kept(name))
                    ),
                )
    for name in RECORD_COLLECTIONS:  # ties between persons only
        fields = [ref.field for ref in REFERENCES if ref.collection == name]
        if all(ref.target == _PERSONS for ref in REFERENCES if ref.collection == name):
            table = TABLES[name]
            condition = sa.or_(*(table.c[field].in_(_kept(_PERSONS)) for field in fields))
            _insert(conn, sa.select(*_row(name, table.c.id)).where(condition))


def records_of_persons(conn: sa.Connection, persons: list[str]) -> None:
    """Keep every record naming one of ``persons`` (a shard brings its residents' records)."""
    if not persons:
        return
    SEEDS.create(conn, checkfirst=True)
    conn.execute(SEEDS.delete())
    conn.execute(SEEDS.insert(), [{"id": ident} for ident in sorted(set(persons))])
    seeded = sa.select(SEEDS.c.id)
    for name in RECORD_COLLECTIONS:
        table = TABLES[name]
        fields = [
            ref.field for ref in REFERENCES if ref.collection == name and ref.target == _PERSONS
        ]
        if fields:
            condition = sa.or_(*(table.c[field].in_(seeded) for field in fields))
            _insert(conn, sa.select(*_row(name, table.c.id)).where(condition))


def named(conn: sa.Connection) -> None:
    """Keep everything the kept rows name, up to the top."""
    for name in reversed(COLLECTIONS):
        table = TABLES[name]
        mine = table.c.id.in_(_kept(name))
        for ref in REFERENCES:
            if ref.collection == name:
                column = table.c[ref.field]
                _insert(
                    conn,
                    sa.select(*_row(ref.target, column)).where(mine, column.is_not(None)),
                )
        for collection, field in AREA_REFERENCES:
            if collection == name:
                _named_areas(conn, table.c[field], mine)


def _named_areas(conn: sa.Connection, column: Any, mine: Any) -> None:
    for target, kind in _AREA_COLLECTIONS.items():
        ident = sa.func.substr(column, len(kind) + 2)
        _insert(
            conn,
            sa.select(*_row(target, ident)).where(mine, column.like(f"{kind}:%")),
        )


def keep_part(conn: sa.Connection, seeds: Sequence[tuple[str, str]], *, descend: bool) -> None:
    """Keep the part around ``seeds``: :func:`~community_policing.model.extent.part_around`.

    The seeds and (with ``descend``) what lies under them, the records reaching in, every record
    naming a seeded person, and everything named up to the top.
    """
    start(conn)
    seed(conn, seeds)
    if descend:
        inside(conn)
    reaching_in(conn)
    records_of_persons(conn, [ident for collection, ident in seeds if collection == _PERSONS])
    named(conn)


def kept_ids(collection: str) -> sa.Select[Any]:
    """The kept ids of ``collection``, for a ``WHERE id IN (…)``."""
    return _kept(collection)
