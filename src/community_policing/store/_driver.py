"""The database driver's own cursor, for the statements a change set runs many times.

SQLAlchemy builds and compiles every statement of the store; the few that applying a change set
runs again and again (reading records by id, the revision, the log's ids) go to the driver's
connection directly, inside the same transaction, as SQL written once here. A statement costs
a few microseconds there against tens through the expression layer (measured in D53).
"""

from __future__ import annotations

import functools
import os
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from community_policing.store._rows import names_of
from community_policing.store.schema import TABLES

if TYPE_CHECKING:
    from collections.abc import Sequence


#: The execution option marking a connection that only reads (see :func:`engine_at`).
READING = "community_policing_reading"


def engine_at(url: str | os.PathLike[str]) -> sa.Engine:
    """An engine for a database URL or a SQLite file's path, set up as the store uses it."""
    if isinstance(url, os.PathLike) or "://" not in str(url):
        url = f"sqlite:///{Path(url)}"
    engine = sa.create_engine(str(url))
    if engine.dialect.name == "sqlite":
        # transactions begin when asked (so a change set is one), and foreign keys are checked
        @sa.event.listens_for(engine, "connect")
        def _connect(dbapi: Any, _: Any) -> None:
            dbapi.isolation_level = None
            dbapi.execute("PRAGMA foreign_keys=ON")
            # a write-ahead log: a commit appends, readers do not block the writer, and a
            # process killed mid-transaction leaves the last commit (see the crash test)
            dbapi.execute("PRAGMA journal_mode=WAL")
            dbapi.execute("PRAGMA synchronous=NORMAL")
            # 64 MiB of pages: a province's id indexes outgrow the default 2 MiB at once
            dbapi.execute("PRAGMA cache_size=-65536")

        @sa.event.listens_for(engine, "begin")
        def _begin(conn: sa.Connection) -> None:
            # a writer takes the write lock at once (no upgrade to fail half-way); a reader
            # takes none, so shards load side by side while a change set is written
            reading = conn.get_execution_options().get(READING, False)
            conn.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")

    return engine


class Driver:
    """The driver connection under a SQLAlchemy connection, with its placeholder."""

    def __init__(self, conn: sa.Connection) -> None:
        self.raw: Any = conn.connection.driver_connection
        self.mark = "?" if conn.dialect.name == "sqlite" else "%s"

        self.sqlite = conn.dialect.name == "sqlite"

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """The rows of ``sql`` (written with ``?`` placeholders)."""
        return list(self.run(sql, params).fetchall())

    def run(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run ``sql`` (written with ``?`` placeholders); the driver's cursor."""
        if self.mark != "?":
            sql = sql.replace("?", self.mark)
        return self.raw.execute(sql, tuple(params))

    def many(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run ``sql`` once per row (the driver's ``executemany``)."""
        if self.mark != "?":
            sql = sql.replace("?", self.mark)
        self.raw.cursor().executemany(sql, rows)

    def insert(self, table: str, row: dict[str, Any]) -> None:
        """Insert one row (dates as SQLAlchemy stores them on SQLite: ISO text)."""
        names = ", ".join(row)
        self.run(f"INSERT INTO {table} ({names}) VALUES ({marks(len(row))})", self._values(row))  # noqa: S608  (names from the schema)

    def update(self, table: str, row: dict[str, Any], ident: str) -> None:
        """Set the fields of the row with id ``ident``."""
        names = ", ".join(f"{name} = ?" for name in row)
        self.run(f"UPDATE {table} SET {names} WHERE id = ?", [*self._values(row), ident])  # noqa: S608  (names from the schema)

    def _values(self, row: dict[str, Any]) -> list[Any]:
        if not self.sqlite:
            return list(row.values())
        return [value.isoformat() if isinstance(value, date) else value for value in row.values()]


def marks(count: int) -> str:
    """``?, ?, ?`` for ``count`` values."""
    return ", ".join("?" * count)


@functools.cache
def by_id(collection: str) -> str:
    """The SQL reading records of ``collection`` by id (append the placeholders and ``)``)."""
    columns = ", ".join(["position", *names_of(collection)])
    return f"SELECT {columns} FROM {TABLES[collection].name} WHERE id IN ("  # noqa: S608  (names from the schema)


@functools.cache
def ids_where(collection: str, field: str) -> str:
    """The SQL reading the ids of ``collection`` whose ``field`` is one of some values."""
    return f"SELECT id FROM {TABLES[collection].name} WHERE {field} IN ("  # noqa: S608  (names from the schema)
