"""Applying a change set inside one transaction: its neighbourhood, the rules, the writes.

The document's rules are run on the change set's neighbourhood, not on the whole city: the
records it touches, what they name up to the top (every reference must resolve), the records
directly under a touched entity (a community's grids for the whole-units rule, a grid's
buildings for the compound rule, children whose codes extend a touched code), every residence
of a person involved (one home at a time) and every holder of an ID-card number a changed
person carries (one number, one person). :func:`~community_policing.model.changesets.
apply_edits` judges that small document after the changes; its problems are moved to the
change that caused them (``$.edits[2].record.household``) or to the stored record's place in
the whole document (``$.residences[1041].period``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from community_policing.errors import DocumentError, Problem
from community_policing.io.json import from_data
from community_policing.model.changesets import EditKind, apply_edits
from community_policing.model.extent import named_by
from community_policing.model.jurisdiction import (
    COLLECTIONS,
    RECORD_COLLECTIONS,
    REFERENCES,
    Jurisdiction,
    Lifetime,
)
from community_policing.store import _driver
from community_policing.store._driver import Driver
from community_policing.store._rows import period, record_builder

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    import sqlalchemy as sa

    from community_policing.model.changesets import Edit

_Key = tuple[str, str]
_CHILDREN_OF: dict[str, list[tuple[str, str]]] = {}
for _ref in REFERENCES:
    if _ref.relation is not None:
        _CHILDREN_OF.setdefault(_ref.target, []).append((_ref.collection, _ref.field))


# Records read for earlier change sets, kept while no one else writes (see Neighbourhood).
_CACHE_LIMIT = 50_000


class Cache:
    """Stored records and models read for earlier change sets of one store object.

    Valid while the store's revision is the one its own last change set made: another writer
    empties it. The records a change set touches are dropped once it is applied.
    """

    def __init__(self) -> None:
        self.revision = -1
        self.entries: dict[_Key, tuple[int, Any]] = {}
        self.lives: dict[tuple[str, str], dict[str, Any] | None] = {}

    def valid_at(self, revision: int) -> None:
        """Forget everything unless ``revision`` is the one last seen."""
        if revision != self.revision or len(self.entries) > _CACHE_LIMIT:
            self.entries.clear()
            self.lives.clear()
        self.revision = revision

    def applied(self, revision: int, touched: Iterable[_Key]) -> None:
        """After ``revision`` was written by this store: drop what it touched."""
        for collection, ident in touched:
            self.entries.pop((collection, ident), None)
            self.lives.pop((COLLECTIONS[collection].KIND, ident), None)
        self.revision = revision


class Neighbourhood:
    """The stored models around a change set, with their positions in the whole document."""

    def __init__(self, conn: sa.Connection, cache: Cache | None = None) -> None:
        self.conn = conn
        self.driver = Driver(conn)
        self.cache = Cache() if cache is None else cache
        self.records: dict[_Key, tuple[int, Any]] = {}

    def fetch(self, keys: Iterable[_Key]) -> list[_Key]:
        """Read the stored records of ``keys`` not read yet; the keys found."""
        wanted: dict[str, list[str]] = {}
        found = []
        for key in keys:
            if key in self.records:
                continue
            cached = self.cache.entries.get(key)
            if cached is not None:
                self.records[key] = cached
                found.append(key)
            else:
                wanted.setdefault(key[0], []).append(key[1])
        for collection, ids in wanted.items():
            build = record_builder(collection)
            query = f"{_driver.by_id(collection)}{_driver.marks(len(ids))})"
            for position, *row in self.driver.rows(query, ids):
                # built once, with the library's reader, and kept while the cache holds
                where = f"$.{collection}[{position}]"
                model = from_data(build(tuple(row)), COLLECTIONS[collection], path=where)
                key = (collection, model.id)
                self.records[key] = self.cache.entries[key] = (position, model)
                found.append(key)
        return found

    def close_upwards(self, keys: Iterable[_Key]) -> None:
        """Read ``keys`` and everything they name, up to the top."""
        pending = list(keys)
        seen: set[_Key] = set()
        while pending:
            self.fetch(pending)
            named: list[_Key] = []
            for key in pending:
                if key in seen or key not in self.records:
                    continue
                seen.add(key)
                named.extend(named_by(self.records[key][1], key[0]))
            pending = [key for key in named if key not in seen]

    def ids_where(self, collection: str, field: str, values: Sequence[Any]) -> list[_Key]:
        """The keys of ``collection``'s records whose ``field`` is one of ``values``."""
        if not values:
            return []
        query = f"{_driver.ids_where(collection, field)}{_driver.marks(len(values))})"
        return [(collection, ident) for (ident,) in self.driver.rows(query, values)]

    def document(self, id: str, name: str) -> Jurisdiction:  # noqa: A002
        """The neighbourhood as a jurisdiction, each collection in the whole document's order.

        The document's rules run on the whole neighbourhood.
        """
        collections: dict[str, list[tuple[int, Any]]] = {}
        for (collection, _), entry in self.records.items():
            collections.setdefault(collection, []).append(entry)
        return Jurisdiction(
            id=id,
            name=name,
            **{
                name: tuple(model for _, model in sorted(entries, key=lambda e: e[0]))
                for name, entries in collections.items()
            },
            lifetimes=tuple(
                from_data(life, Lifetime, path="$.lifetimes") for life in self._lifetimes()
            ),
        )

    def _lifetimes(self) -> list[dict[str, Any]]:
        keys = [
            (COLLECTIONS[collection].KIND, ident)
            for collection, ident in self.records
            if collection not in RECORD_COLLECTIONS
        ]
        unknown = sorted(
            {ident for key in keys if key not in self.cache.lives for ident in [key[1]]}
        )
        if unknown:
            marks = _driver.marks(len(unknown))
            query = f"SELECT kind, entity, period__start, period__end FROM cp_lifetimes WHERE entity IN ({marks})"  # noqa: E501, S608  (marks only)
            found = {
                (kind, entity): {
                    "kind": kind,
                    "entity": entity,
                    "period": period(start, end),
                }
                for kind, entity, start, end in self.driver.rows(query, unknown)
            }
            for key in keys:
                if key not in self.cache.lives:
                    self.cache.lives[key] = found.get(key)
        return [life for key in keys if (life := self.cache.lives.get(key)) is not None]

    def position(self, key: _Key) -> int | None:
        entry = self.records.get(key)
        return None if entry is None else entry[0]


def gather(conn: sa.Connection, changes: Sequence[Edit], cache: Cache) -> Neighbourhood:
    """The neighbourhood of ``changes`` (see the module's description)."""
    around = Neighbourhood(conn, cache)
    touched = [change.key for change in changes]
    seeds: list[_Key] = list(touched)
    persons: list[str] = []
    cards: list[str] = []
    for change in changes:
        record = change.record
        if record is None:
            continue
        seeds.extend(named_by(record, change.collection))
        if change.collection == "persons":
            persons.append(record.id)
            if record.id_card_number is not None:
                cards.append(record.id_card_number)
        if change.collection == "residences":
            persons.append(record.person)
    around.fetch(touched)
    for collection, ident in touched:
        stored = around.records.get((collection, ident))
        if collection == "residences" and stored is not None:
            persons.append(stored[1].person)
        for child, field in _CHILDREN_OF.get(collection, ()):
            seeds.extend(around.ids_where(child, field, [ident]))
    seeds.extend(around.ids_where("residences", "person", sorted(set(persons))))
    seeds.extend(around.ids_where("persons", "id_card_number", sorted(set(cards))))
    around.close_upwards(seeds)
    return around


def judged(around: Neighbourhood, changes: Sequence[Edit], id: str, name: str) -> Jurisdiction:  # noqa: A002
    """The neighbourhood after ``changes``, or every problem, placed where the user can find it.

    Raises:
        DocumentError: at ``$.edits[i]…`` for what a change brought, at the stored record's
            place in the whole document otherwise.
    """
    before = around.document(id, name)
    try:
        return apply_edits(before, changes)
    except DocumentError as error:
        raise DocumentError(_placed(error.problems, before, around, changes)) from None


def _placed(
    problems: Iterable[Problem],
    before: Jurisdiction,
    around: Neighbourhood,
    changes: Sequence[Edit],
) -> list[Problem]:
    carried = {change.key: at for at, change in enumerate(changes) if change.record is not None}
    placed = []
    for problem in problems:
        head, _, rest = problem.path.partition("]")
        collection, _, index = head.removeprefix("$.").partition("[")
        if collection not in COLLECTIONS or not index.isdigit():
            placed.append(problem)
            continue
        ident = _id_at(before, changes, collection, int(index))
        at = carried.get((collection, ident))
        if at is not None:
            path = f"$.edits[{at}].record{rest}"
        else:
            path = f"$.{collection}[{around.position((collection, ident))}]{rest}"
        placed.append(Problem(path, problem.rule, problem.reason))
    return placed


def _id_at(before: Jurisdiction, changes: Sequence[Edit], collection: str, index: int) -> str:
    """The id at ``index`` of ``collection`` after the changes (adds come after the rest)."""
    models = getattr(before, collection)
    if index < len(models):
        return str(models[index].id)
    added = [
        change.key[1]
        for change in changes
        if change.kind is EditKind.ADD and change.collection == collection
    ]
    return added[index - len(models)]
