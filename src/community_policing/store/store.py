"""A jurisdiction kept in a database: SQLite by default, PostgreSQL for a platform (``sql`` extra).

:class:`Store` keeps one jurisdiction in the tables of :mod:`~community_policing.store.schema`.
It is saved once, whole; from then on it changes only by change sets
(:class:`~community_policing.model.changesets.ChangeSet`), each applied in one transaction
after the document's own rules have judged it, and logged with who, when, why and what. It
loads whole, as it stood on a day, or one area's part (a station, a district, a street), ready
for :class:`~community_policing.graph.graph.CommunityGraph`; a graph made by :meth:`Store.graph`
writes its read audit to the store.

Examples:
    >>> from community_policing import sample
    >>> from community_policing.store import Store
    >>> store = Store.create("sqlite://")  # in memory; a file: "sqlite:///station.db"
    >>> store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
    1
    >>> store.load() == sample.jurisdiction()
    True
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from community_policing.errors import NotFoundError, ValidationError, shown
from community_policing.graph import CommunityGraph
from community_policing.io.json import dumps, from_data, loads
from community_policing.model.audit import AuditRecord
from community_policing.model.changesets import ChangeSet
from community_policing.model.extent import on_day
from community_policing.model.jurisdiction import COLLECTIONS, Jurisdiction
from community_policing.store import _apply, _homes, _parts, _select, _write
from community_policing.store._driver import READING, Driver, engine_at
from community_policing.store.errors import StaleChangeSetError, StoreError
from community_policing.store.history import LogEntry
from community_policing.store.schema import (
    AUDIT,
    CHANGE_SETS,
    META,
    METADATA,
    STORE_SCHEMA_VERSION,
)

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterable

    from community_policing.progress import ProgressCallback

__all__ = ["Store"]


class Store:
    """One jurisdiction in a database. Make one with :meth:`create` or :meth:`open`.

    Examples:
        >>> from community_policing.store import Store
        >>> store = Store.create("sqlite://")
        >>> store.revision
        0
    """

    def __init__(self, engine: sa.Engine) -> None:
        self._engine = engine
        self._header: tuple[str, str] | None = None
        self._cache = _apply.Cache()
        self._writer: sa.Connection | None = None

    @classmethod
    def create(cls, url: str | os.PathLike[str]) -> Store:
        """Create the store's tables at ``url`` (a database URL or a SQLite file's path).

        Raises:
            StoreError: a store is there already.

        Examples:
            >>> import tempfile
            >>> from pathlib import Path
            >>> path = Path(tempfile.mkdtemp()) / "station.db"
            >>> Store.create(path).revision
            0
        """
        engine = engine_at(url)
        if sa.inspect(engine).has_table(META.name):
            msg = "a community_policing store is there already: open it"
            raise StoreError(msg)
        with engine.begin() as conn:
            METADATA.create_all(conn)
            conn.execute(
                META.insert(),
                [
                    {"key": "schema_version", "value": str(STORE_SCHEMA_VERSION)},
                    {"key": "revision", "value": "0"},
                ],
            )
        return cls(engine)

    @classmethod
    def open(cls, url: str | os.PathLike[str]) -> Store:
        """Open the store at ``url``.

        Raises:
            StoreError: no store is there, or one written by a newer version of the library.

        Examples:
            >>> import tempfile
            >>> from pathlib import Path
            >>> path = Path(tempfile.mkdtemp()) / "station.db"
            >>> Store.create(path).close()
            >>> with Store.open(path) as store:
            ...     store.revision
            0
        """
        store = cls(engine_at(url))
        with store._reading() as conn:
            there = sa.inspect(conn).has_table(META.name)
        if not there:
            store.close()
            msg = "no community_policing store there: create one first"
            raise StoreError(msg)
        version = int(store._meta("schema_version"))
        if version > STORE_SCHEMA_VERSION:
            msg = (
                f"the store's schema is version {version}, newer than this library's "
                f"{STORE_SCHEMA_VERSION}: upgrade community_policing to open it"
            )
            raise StoreError(msg)
        return store

    def close(self) -> None:
        """Release the store's connections (also on leaving a ``with`` block).

        Examples:
            >>> from community_policing.store import Store
            >>> with Store.create("sqlite://") as store:
            ...     store.revision
            0
        """
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    @property
    def revision(self) -> int:
        """The store's revision: 0 when empty, 1 once saved, one more per change set.

        Examples:
            >>> Store.create("sqlite://").revision
            0
        """
        return int(self._meta("revision"))

    def _reading(self) -> sa.Connection:
        """A connection that only reads: on SQLite it takes no write lock."""
        return self._engine.connect().execution_options(**{READING: True})

    def _meta(self, key: str, conn: sa.Connection | None = None) -> str:
        if conn is not None:
            return _write.meta_value(conn, key)
        with self._reading() as own:
            return _write.meta_value(own, key)

    # ------------------------------------------------------------------------------ saving

    def save(
        self, jurisdiction: Jurisdiction, *, author: str, reason: str, at: datetime | None = None
    ) -> int:
        """Save ``jurisdiction`` whole into the empty store; returns the new revision (1).

        Raises:
            StoreError: the store already holds a jurisdiction (change it by change sets).
            ValidationError: ``author`` or ``reason`` is not an id or words.

        Examples:
            >>> from community_policing import sample
            >>> store = Store.create("sqlite://")
            >>> store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            1
            >>> store.save(sample.jurisdiction(), author="p-wang-jun", reason="again")
            Traceback (most recent call last):
            ...
            community_policing.store.errors.StoreError: the store holds a jurisdiction already: ...
        """
        if not isinstance(jurisdiction, Jurisdiction):
            raise ValidationError(
                entity="store", field="jurisdiction", rule="type", reason="expected a Jurisdiction"
            )

        def write(driver: Driver) -> _write.Saved:
            count = 0
            for name in COLLECTIONS:
                models = getattr(jurisdiction, name)
                if models:
                    _write.bulk(driver, name, models)
                count += len(models)
            return _write.Saved(
                count,
                jurisdiction.lifetimes,
                jurisdiction.boundaries,
                (jurisdiction.id, jurisdiction.name),
            )

        return self._first_save(write, author=author, reason=reason, at=at)

    def save_parts(
        self,
        parts: Iterable[Jurisdiction],
        *,
        author: str,
        reason: str,
        at: datetime | None = None,
        progress: ProgressCallback | None = None,
    ) -> int:
        """Save a jurisdiction given part by part (a province, a station at a time); revision 1.

        What is stored is :func:`~community_policing.model.extent.joined` of the parts, but no
        more than one part is held at a time: each part was judged whole when it was built, an
        entity met again (the county above two stations, a person living in one and serving in
        another) must be the same as its stored row, and once every part is in, the rules that
        span parts are judged — one ID-card number per person, one residence at a time for a
        person met in several parts, one boundary drawing at a time. One transaction: a refused
        save leaves the store empty. Progress is reported per part (stage ``save``).

        Raises:
            StoreError: the store already holds a jurisdiction.
            ValidationError: no parts, parts of different documents, an id standing for two
                different things, or the parts together breaking a rule.

        Examples:
            >>> from community_policing import joined, sample, within_area
            >>> town = sample.jurisdiction()
            >>> parts = [within_area(town, "township:t-ximen"),
            ...          within_area(town, "township:t-sample")]
            >>> store = Store.create("sqlite://")
            >>> store.save_parts(parts, author="p-wang-jun", reason="建库")
            1
            >>> store.load() == joined(parts)
            True
        """
        return self._first_save(
            lambda driver: _parts.save_parts(driver, parts, progress),
            author=author,
            reason=reason,
            at=at,
        )

    def _first_save(
        self,
        write: Callable[[Driver], _write.Saved],
        *,
        author: str,
        reason: str,
        at: datetime | None,
    ) -> int:
        header = ChangeSet(
            id="save",
            author=author,
            at=datetime.now(UTC) if at is None else at,
            reason=reason,
            base_revision=0,
            edits=(),
        )
        with self._engine.begin() as conn:
            _write.first_save(conn, header, write)
        return 1

    # ----------------------------------------------------------------------------- loading

    def load(self, *, as_of: date | None = None, within: str | None = None) -> Jurisdiction:
        """The jurisdiction, whole or one area's part, as it stands or stood on a day.

        ``within`` (``"police_station:ps-01"``) loads only the part inside that area;
        ``as_of`` gives the jurisdiction as it stood on that day.

        The part inside an area is what
        :func:`~community_policing.model.extent.within_area` keeps, found in SQL without
        reading the rest; the day is :func:`~community_policing.model.extent.on_day`'s.

        Raises:
            StoreError: the store holds no jurisdiction yet.
            NotFoundError: ``within`` names no area of the store.

        Examples:
            >>> from datetime import date
            >>> from community_policing import on_day, sample, within_area
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> part = store.load(within="township:t-ximen", as_of=date(2024, 1, 1))
            >>> part == on_day(within_area(sample.jurisdiction(), "township:t-ximen"),
            ...                date(2024, 1, 1))
            True
        """
        if within is None:
            return self._load(None, as_of)
        return self._load([_write.area_key(within)], as_of, area=within)

    def load_around(
        self, keys: Iterable[tuple[str, str]], *, as_of: date | None = None, descend: bool = True
    ) -> Jurisdiction:
        """The part around ``keys``, (collection, id), found in SQL without reading the rest.

        What :func:`~community_policing.model.extent.part_around` builds (``descend`` as there);
        a shard is loaded so (its area and the persons it is home to).

        Examples:
            >>> from community_policing import sample
            >>> from community_policing.model.extent import part_around
            >>> from community_policing.store import Store
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> keys = [("police_grids", "pg-01"), ("persons", "p-sun-hao")]
            >>> store.load_around(keys) == part_around(sample.jurisdiction(), keys)
            True
        """
        return self._load(list(keys), as_of, descend=descend)

    def keep_homes(self, by: str) -> tuple[list[str], list[Any], int]:
        """Find where each entity is at home when the store is split by areas of kind ``by``.

        The homes are found in SQL and kept in the store (replacing the last split of that
        kind), so each shard's worker reads its own (:meth:`shard_home`) and no process holds
        them all. Returns the areas' keys in document order, the entities with no home with
        their places in the document, and the revision the homes hold for.

        Examples:
            >>> from community_policing import sample
            >>> from community_policing.store import Store
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> areas, homeless, revision = store.keep_homes("township")
            >>> areas, revision
            (['township:t-ximen', 'township:t-sample'], 1)
            >>> store.shard_home("township", 0, revision)["household:h-jy-1-101"]
            (11, 0)
        """
        with self._engine.begin() as conn:
            revision = int(self._meta("revision", conn))
            if revision == 0:
                msg = "the store holds no jurisdiction yet: save one first"
                raise StoreError(msg)
            areas = _homes.area_keys(conn, by)
            _homes.keep(conn, by, areas)
            rest = _homes.homeless(conn)
        return [f"{by}:{ident}" for _, ident in areas], rest, revision

    def shard_home(self, by: str, shard: int, revision: int) -> dict[str, tuple[int, int]]:
        """The node keys shard ``shard`` of the split ``by`` is home to, with their places.

        Raises:
            StoreError: the store has changed since the split was made at ``revision``.

        Examples:
            >>> from community_policing import sample
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> _, _, revision = store.keep_homes("police_station")
            >>> "police_grid:pg-01" in store.shard_home("police_station", 0, revision)
            True
        """
        with self._reading() as conn:
            now = int(self._meta("revision", conn))
            if now != revision:
                msg = (
                    f"the store is at revision {now}, not {revision} where it was split: "
                    "split it again"
                )
                raise StoreError(msg)
            found = _homes.home_of(conn, by, shard)
            conn.rollback()
        return found

    def _load(
        self,
        seeds: list[tuple[str, str]] | None,
        as_of: date | None,
        area: str | None = None,
        *,
        descend: bool = True,
    ) -> Jurisdiction:
        with self._reading() as conn:
            if int(self._meta("revision", conn)) == 0:
                msg = "the store holds no jurisdiction yet: save one first"
                raise StoreError(msg)
            if area is not None:
                _write.check_area(conn, area)
            if seeds is not None:
                _select.keep_part(conn, seeds, descend=descend)
            document = _write.document(conn, part=seeds is not None)
            document["id"] = self._meta("id", conn)
            document["name"] = self._meta("name", conn)
            conn.rollback()
        jurisdiction = from_data(document, Jurisdiction)
        return jurisdiction if as_of is None else on_day(jurisdiction, as_of)

    # ---------------------------------------------------------------------------- changing

    def apply(self, change_set: ChangeSet) -> int:
        """Apply ``change_set`` in one transaction; returns the new revision.

        The document's rules judge the records around the changes (see
        :mod:`community_policing.store._apply`); a refused set writes nothing.

        Raises:
            DocumentError: every problem the changes cause.
            StaleChangeSetError: it was made against an older revision, and a later change set
                touched some of the same records (no update is lost).
            StoreError: the store holds no jurisdiction, the set's id was applied already, or
                it names a revision the store has not reached.

        Examples:
            >>> from datetime import date, datetime, timezone
            >>> from community_policing import ChangeSet, Edit, sample
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> left = ChangeSet(id="cs-1", author="p-wang-jun", reason="离任",
            ...                  at=datetime(2025, 6, 1, tzinfo=timezone.utc), base_revision=1,
            ...                  edits=(Edit.end("memberships", "m-03", date(2025, 6, 1)),))
            >>> store.apply(left)
            2
        """
        if not isinstance(change_set, ChangeSet):
            raise ValidationError(
                entity="store", field="change_set", rule="type", reason="expected a ChangeSet"
            )
        if self._writer is None or self._writer.invalidated:
            self._writer = self._engine.connect()  # kept: a day's change sets come in a row
        conn = self._writer
        with conn.begin():
            driver = Driver(conn)
            revision = self._writable_revision(driver, change_set)
            self._cache.valid_at(revision)
            around = _apply.gather(conn, change_set.edits, self._cache)
            ident, name = self._names(driver)
            after = _apply.judged(around, change_set.edits, ident, name)
            _write.changed(driver, around, after, change_set.edits)
            _write.logged(driver, revision + 1, change_set)
        self._cache.applied(revision + 1, change_set.touched)
        return revision + 1

    def _names(self, driver: Driver) -> tuple[str, str]:
        """The jurisdiction's id and name (they never change once saved)."""
        if self._header is None:
            found = dict(driver.rows("SELECT key, value FROM cp_meta WHERE key IN ('id', 'name')"))
            self._header = (found["id"], found["name"])
        return self._header

    def _writable_revision(self, driver: Driver, change_set: ChangeSet) -> int:
        # on PostgreSQL the row is locked until commit: change sets apply one at a time
        query = "SELECT value FROM cp_meta WHERE key = 'revision'"
        ((value,),) = driver.rows(query if driver.sqlite else f"{query} FOR UPDATE")
        revision = int(value)
        if revision == 0:
            msg = "the store holds no jurisdiction yet: save one first"
            raise StoreError(msg)
        if driver.rows("SELECT revision FROM cp_change_sets WHERE id = ?", [change_set.id]):
            msg = f"change set {shown(change_set.id)} was applied already"
            raise StoreError(msg)
        if change_set.base_revision > revision:
            msg = (
                f"change set {shown(change_set.id)} names revision {change_set.base_revision}; "
                f"the store is at {revision}"
            )
            raise StoreError(msg)
        if change_set.base_revision < revision:
            clashes = [
                tuple(row)
                for collection, ident in sorted(change_set.touched)
                for row in driver.rows(
                    "SELECT revision, collection, record FROM cp_touches "
                    "WHERE collection = ? AND record = ? AND revision > ?",
                    [collection, ident, change_set.base_revision],
                )
            ]
            if clashes:
                raise StaleChangeSetError(change_set, sorted(clashes))
        return revision

    # ----------------------------------------------------------------------------- history

    def log(self) -> tuple[LogEntry, ...]:
        """Every revision, oldest first: who made it, when, why, and how many changes.

        Examples:
            >>> from community_policing import sample
            >>> from community_policing.store import Store
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> [(entry.revision, entry.author) for entry in store.log()]
            [(1, 'p-wang-jun')]
        """
        query = sa.select(
            CHANGE_SETS.c.revision,
            CHANGE_SETS.c.id,
            CHANGE_SETS.c.author,
            CHANGE_SETS.c.at,
            CHANGE_SETS.c.reason,
            CHANGE_SETS.c.base_revision,
            CHANGE_SETS.c.edits,
        ).order_by(CHANGE_SETS.c.revision)
        with self._reading() as conn:
            return tuple(
                LogEntry(revision, ident, author, datetime.fromisoformat(at), reason, base, count)
                for revision, ident, author, at, reason, base, count in conn.execute(query)
            )

    def change_set(self, revision: int) -> ChangeSet:
        """The change set that made ``revision`` (for revision 1, the save, with no changes).

        Raises:
            NotFoundError: no such revision.

        Examples:
            >>> from community_policing import sample
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> (store.change_set(1).author, store.change_set(1).edits)
            ('p-wang-jun', ())
        """
        query = sa.select(CHANGE_SETS.c.document).where(CHANGE_SETS.c.revision == revision)
        with self._reading() as conn:
            document = conn.execute(query).scalar_one_or_none()
        if document is None:
            raise NotFoundError("revision", str(revision))
        found: ChangeSet = loads(document, ChangeSet)
        return found

    # ------------------------------------------------------------------------------ graphs

    def graph(self, *, as_of: date | None = None, within: str | None = None) -> CommunityGraph:
        """A graph of :meth:`load`'s jurisdiction whose read audit is written to the store.

        Examples:
            >>> from community_policing import Access, disclose, sample
            >>> from community_policing.store import Store
            >>> store = Store.create("sqlite://")
            >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> graph = store.graph()
            >>> _ = disclose(graph, Access("p-wang-jun", "核查"), query="check")
            >>> [record.query for record in store.audit()]
            ['check']
        """
        jurisdiction = self.load(as_of=as_of, within=within)
        return CommunityGraph.from_jurisdiction(jurisdiction, audit_sink=self.write_audit)

    def write_audit(self, record: AuditRecord) -> None:
        """Keep one audit record in the store (a graph's ``audit_sink``), in its own commit.

        :meth:`graph` passes it for you; a graph built otherwise may take it too.

        Examples:
            >>> from community_policing import Access, CommunityGraph, disclose, sample
            >>> store = Store.create("sqlite://")
            >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction(),
            ...                                          audit_sink=store.write_audit)
            >>> _ = disclose(graph, Access("p-wang-jun", "核查"), query="check")
            >>> [record.actor for record in store.audit()]
            ['p-wang-jun']
        """
        with self._engine.begin() as conn:
            conn.execute(AUDIT.insert(), {"document": dumps(record)})

    def audit(self) -> tuple[AuditRecord, ...]:
        """Every audit record the store keeps, oldest first (see :meth:`write_audit`).

        Examples:
            >>> Store.create("sqlite://").audit()
            ()
        """
        with self._reading() as conn:
            rows = conn.execute(sa.select(AUDIT.c.document).order_by(AUDIT.c.position))
            return tuple(loads(document, AuditRecord) for (document,) in rows)
