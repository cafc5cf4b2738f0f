"""The store's tables, generated from the model registry (SQLAlchemy Core).

One table per collection of a jurisdiction, named ``cp_<collection>``, with one typed column
per field — the same flattening as the workbook's sheets (:mod:`community_policing.io.sheets`):
a nested value spreads over columns named by its path, ``period.start`` becoming
``period__start``. Each table has its ``id`` as primary key, a ``position`` that keeps the
document's order, a foreign key for every containment reference (deferred to the end of a
transaction, so a change set may add a child before its parent), and an index on every column
that names another record — what shards and history walk. Lifetimes and boundary drawings have
tables of their own (a drawing's outline as GeoJSON text, portable to every engine); the
change-set log, the records each set touched and the read audit complete the schema, and
``cp_meta`` holds the schema version, the revision, and the jurisdiction's id and name.

Examples:
    >>> from community_policing.store.schema import TABLES, table_of
    >>> table = table_of("residences")
    >>> [column.name for column in table.columns][:5]
    ['position', 'id', 'person', 'household', 'period__start']
    >>> len(TABLES)
    22
"""

from __future__ import annotations

from typing import Any

from community_policing.extras import require

require("sqlalchemy", extra="sql")

import sqlalchemy as sa  # noqa: E402  (after the check that names the extra)

from community_policing.io.sheets import SHEETS, Column  # noqa: E402
from community_policing.model.jurisdiction import (  # noqa: E402
    AREA_REFERENCES,
    COLLECTIONS,
    REFERENCES,
)

__all__ = [
    "AUDIT",
    "BOUNDARIES",
    "CHANGE_SETS",
    "LIFETIMES",
    "META",
    "METADATA",
    "STORE_SCHEMA_VERSION",
    "TABLES",
    "TOUCHES",
    "column_name",
    "table_of",
]

#: The version of the store's schema; a store written by a newer library is refused.
STORE_SCHEMA_VERSION = 1
METADATA = sa.MetaData()
_TYPES: dict[str, Any] = {
    "text": sa.Text,
    "integer": sa.Integer,
    "number": sa.Float,
    "date": sa.Date,
}
# Fields that name another record (indexed), by collection.
_NAMING = {(ref.collection, ref.field) for ref in REFERENCES} | set(AREA_REFERENCES)
_FOREIGN = {(ref.collection, ref.field): ref.target for ref in REFERENCES if ref.relation}


def column_name(path: str) -> str:
    """A field's column: its path with ``__`` for the dots (``period__start``).

    Examples:
        >>> column_name("location.lon")
        'location__lon'
    """
    return path.replace(".", "__")


def _column(collection: str, column: Column) -> sa.Column[Any]:
    kind = sa.String(64) if column.vocabulary is not None else _TYPES[column.kind]()
    target = _FOREIGN.get((collection, column.path))
    constraints: list[Any] = []
    if target is not None:
        constraints.append(sa.ForeignKey(f"cp_{target}.id", deferrable=True, initially="DEFERRED"))
    return sa.Column(
        column_name(column.path),
        kind,
        *constraints,
        primary_key=column.path == "id",
        nullable=not column.required,
        index=(collection, column.path) in _NAMING,
    )


def _table(collection: str) -> sa.Table:
    sheet = next(sheet for sheet in SHEETS if sheet.collection == collection)
    return sa.Table(
        f"cp_{collection}",
        METADATA,
        sa.Column("position", sa.Integer, nullable=False, index=True),
        *(_column(collection, column) for column in sheet.columns),
    )


#: The table of each collection, in document order.
TABLES: dict[str, sa.Table] = {name: _table(name) for name in COLLECTIONS}

#: When entities exist (存续期): one row per entity with a lifetime.
LIFETIMES = sa.Table(
    "cp_lifetimes",
    METADATA,
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("kind", sa.String(64), primary_key=True),
    sa.Column("entity", sa.Text, primary_key=True),
    sa.Column("period__start", sa.Date, nullable=False),
    sa.Column("period__end", sa.Date),
)

#: Boundary drawings: the area, the outline as GeoJSON coordinates, the period.
BOUNDARIES = sa.Table(
    "cp_boundaries",
    METADATA,
    sa.Column("position", sa.Integer, primary_key=True),
    sa.Column("area", sa.Text, nullable=False, index=True),
    sa.Column("boundary", sa.Text, nullable=False),
    sa.Column("period__start", sa.Date, nullable=False),
    sa.Column("period__end", sa.Date),
)

#: Every change set applied, by revision (the whole set kept as its JSON document).
CHANGE_SETS = sa.Table(
    "cp_change_sets",
    METADATA,
    sa.Column("revision", sa.Integer, primary_key=True),
    sa.Column("id", sa.Text, nullable=False, unique=True),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("at", sa.Text, nullable=False),
    sa.Column("reason", sa.Text, nullable=False),
    sa.Column("base_revision", sa.Integer, nullable=False),
    sa.Column("edits", sa.Integer, nullable=False),
    sa.Column("document", sa.Text, nullable=False),
)

#: The records each revision touched: what a stale change set is checked against.
TOUCHES = sa.Table(
    "cp_touches",
    METADATA,
    sa.Column("revision", sa.Integer, nullable=False, index=True),
    sa.Column("collection", sa.String(64), nullable=False),
    sa.Column("record", sa.Text, nullable=False),
    sa.Index("cp_touches_record", "collection", "record"),
)

#: The read audit (查询留痕): one row per audited read, as the graph records it.
AUDIT = sa.Table(
    "cp_audit",
    METADATA,
    sa.Column("position", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("document", sa.Text, nullable=False),
)

#: Where each entity is at home in the last split of each kind (``shards.split_store``), with
#: its place in the document (collection order, position): kept in the store, so that each
#: worker reads its own shard's home and the coordinator holds none of them.
SHARD_HOMES = sa.Table(
    "cp_shard_homes",
    METADATA,
    sa.Column("split", sa.String(32), primary_key=True),
    sa.Column("collection", sa.String(64), primary_key=True),
    sa.Column("id", sa.Text, primary_key=True),
    sa.Column("shard", sa.Integer, nullable=False),
    sa.Column("place", sa.Integer, nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Index("cp_shard_homes_shard", "split", "shard"),
)

#: The schema version, the revision, and the jurisdiction's id and name.
META = sa.Table(
    "cp_meta",
    METADATA,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)


def table_of(collection: str) -> sa.Table:
    """The table of ``collection``.

    Raises:
        KeyError: no such collection.

    Examples:
        >>> table_of("persons").name
        'cp_persons'
    """
    return TABLES[collection]
