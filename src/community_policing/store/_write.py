"""Reading and writing the store's rows inside one transaction (see :mod:`.store`)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, NamedTuple

import sqlalchemy as sa

from community_policing.errors import NotFoundError, ValidationError
from community_policing.io.json import dumps, to_data
from community_policing.model.jurisdiction import COLLECTION_OF_KIND, COLLECTIONS
from community_policing.model.territory import AreaRef
from community_policing.store import _select
from community_policing.store._driver import Driver
from community_policing.store._driver import marks as _marks
from community_policing.store._rows import bulk_plan, names_of, period, record_builder, row_of
from community_policing.store.errors import StoreError
from community_policing.store.schema import (
    BOUNDARIES,
    CHANGE_SETS,
    LIFETIMES,
    META,
    TABLES,
    TOUCHES,
)

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Sequence

    from community_policing.model.boundaries import AreaBoundary
    from community_policing.model.changesets import ChangeSet, Edit
    from community_policing.model.jurisdiction import Jurisdiction, Lifetime
    from community_policing.store._apply import Neighbourhood


class Saved(NamedTuple):
    """What a first save wrote: how many models, and what goes in after them."""

    records: int
    lifetimes: Sequence[Lifetime]
    boundaries: Sequence[AreaBoundary]
    header: tuple[str, str]  # the document's id and name
    # what a save in parts judges once everything is in, before the log and the header
    judge: Callable[[sa.Connection], None] | None = None


def first_save(
    conn: sa.Connection,
    header: ChangeSet,
    write: Callable[[Driver], Saved],
) -> None:
    """Write the first save into the empty store: the rows, then indexes, lifetimes, drawings.

    What was saved may carry a judgement (a save in parts), run once everything is in.
    """
    if int(meta_value(conn, "revision")) != 0:
        msg = "the store holds a jurisdiction already: apply change sets to it"
        raise StoreError(msg)
    driver = Driver(conn)
    # indexes are built once the rows are in: faster than kept up row by row
    indexes = [index for table in TABLES.values() for index in table.indexes]
    for index in indexes:
        index.drop(conn)
    saved = write(driver)
    if not driver.sqlite:  # PostgreSQL checks the deferred keys before indexing
        conn.exec_driver_sql("SET CONSTRAINTS ALL IMMEDIATE")
    for index in indexes:
        index.create(conn)
    lifetimes(conn, saved.lifetimes)
    boundaries(conn, saved.boundaries)
    if saved.judge is not None:
        saved.judge(conn)
    logged(driver, 1, header, saved.records)
    meta(conn, id=saved.header[0], name=saved.header[1])


def bulk(driver: Driver, collection: str, models: Sequence[Any], start: int = 0) -> None:
    """Insert models at document positions from ``start``, through the driver in one statement."""
    columns, values = bulk_plan(collection, text_dates=driver.sqlite)
    names = ["position", *columns]
    sql = (
        f"INSERT INTO {TABLES[collection].name} ({', '.join(names)}) "  # noqa: S608  (the schema's)
        f"VALUES ({_marks(len(names))})"
    )
    driver.many(sql, [(at, *values(model)) for at, model in enumerate(models, start)])


def lifetimes(conn: sa.Connection, lives: Iterable[Lifetime]) -> None:
    rows = [
        {
            "position": at,
            "kind": life.kind,
            "entity": life.entity,
            "period__start": life.period.start,
            "period__end": life.period.end,
        }
        for at, life in enumerate(lives)
    ]
    if rows:
        conn.execute(LIFETIMES.insert(), rows)


def boundaries(conn: sa.Connection, drawings: Iterable[AreaBoundary]) -> None:
    rows = [
        {
            "position": at,
            "area": drawing.area.key,
            "boundary": json.dumps(to_data(drawing.boundary)["coordinates"]),
            "period__start": drawing.period.start,
            "period__end": drawing.period.end,
        }
        for at, drawing in enumerate(drawings)
    ]
    if rows:
        conn.execute(BOUNDARIES.insert(), rows)


def meta_value(conn: sa.Connection, key: str) -> str:
    """One value of the store's header (``cp_meta``): the revision, the schema version, the id."""
    return str(conn.execute(sa.select(META.c.value).where(META.c.key == key)).scalar_one())


def meta(conn: sa.Connection, **values: Any) -> None:
    for key, value in values.items():
        updated = conn.execute(
            META.update().where(META.c.key == key).values(value=str(value))
        ).rowcount
        if not updated:
            conn.execute(META.insert(), {"key": key, "value": str(value)})


def area_key(area: str) -> tuple[str, str]:
    """The (collection, id) of an area named ``"<kind>:<id>"``."""
    try:
        ref = AreaRef.parse(area)
    except (ValidationError, ValueError):
        raise ValidationError(
            entity="store",
            field="within",
            rule="area_ref",
            reason="an area is named '<kind>:<id>'",
        ) from None
    return COLLECTION_OF_KIND[ref.kind.value], ref.id


def check_area(conn: sa.Connection, area: str) -> None:
    """Refuse an area the store does not hold."""
    collection, ident = area_key(area)
    table = TABLES[collection]
    if conn.execute(sa.select(table.c.id).where(table.c.id == ident)).first() is None:
        raise NotFoundError(COLLECTIONS[collection].KIND, ident)


def document(conn: sa.Connection, *, part: bool) -> dict[str, Any]:
    """The JSON-ready document of the store (only the kept rows when ``part``)."""
    found: dict[str, Any] = {}
    kinds: set[str] = set()
    for name in COLLECTIONS:
        table = TABLES[name]
        query = sa.select(*(table.c[column] for column in names_of(name))).order_by(
            table.c.position
        )
        if part:
            query = query.where(table.c.id.in_(_select.kept_ids(name)))
        build = record_builder(name)
        found[name] = [build(tuple(row)) for row in conn.execute(query)]
        if part:
            kinds.update(f"{COLLECTIONS[name].KIND}:{record['id']}" for record in found[name])
    lives = conn.execute(
        sa.select(
            LIFETIMES.c.kind, LIFETIMES.c.entity, LIFETIMES.c.period__start, LIFETIMES.c.period__end
        ).order_by(LIFETIMES.c.position)
    )
    found["lifetimes"] = [
        {"kind": kind, "entity": entity, "period": period(start, end)}
        for kind, entity, start, end in lives
        if not part or f"{kind}:{entity}" in kinds
    ]
    drawings = conn.execute(
        sa.select(
            BOUNDARIES.c.area,
            BOUNDARIES.c.boundary,
            BOUNDARIES.c.period__start,
            BOUNDARIES.c.period__end,
        ).order_by(BOUNDARIES.c.position)
    )
    found["boundaries"] = [
        {
            "area": area,
            "boundary": {"coordinates": json.loads(outline)},
            "period": period(start, end),
        }
        for area, outline, start, end in drawings
        if not part or area in kinds
    ]
    return found


def changed(
    driver: Driver, around: Neighbourhood, after: Jurisdiction, changes: Sequence[Edit]
) -> None:
    """Write what ``changes`` made of the records they touch, as ``after`` holds them."""
    models = {
        (name, model.id): model
        for name in {change.collection for change in changes}
        for model in getattr(after, name)
    }
    lives = {(life.kind, life.entity): life for life in after.lifetimes}
    positions: dict[str, int] = {}
    done: set[tuple[str, str]] = set()
    for change in changes:
        key = change.key
        if key in done:
            continue
        done.add(key)
        collection, ident = key
        table = TABLES[collection].name
        if around.position(key) is None:
            if collection not in positions:
                positions[collection] = _last(driver, table)
            positions[collection] += 1
            driver.insert(table, row_of(collection, models[key], positions[collection]))
        else:
            row = row_of(collection, models[key], 0)
            del row["position"]
            driver.update(table, row, ident)
        kind = COLLECTIONS[collection].KIND
        life = lives.get((kind, ident))
        if life is not None:
            driver.run(
                f"DELETE FROM {LIFETIMES.name} WHERE kind = ? AND entity = ?",  # noqa: S608
                [kind, ident],
            )
            driver.insert(
                LIFETIMES.name,
                {
                    "position": _last(driver, LIFETIMES.name) + 1,
                    "kind": kind,
                    "entity": ident,
                    "period__start": life.period.start,
                    "period__end": life.period.end,
                },
            )


def _last(driver: Driver, table: str) -> int:
    (last,) = driver.rows(f"SELECT max(position) FROM {table}")[0]  # noqa: S608  (the schema's)
    return -1 if last is None else int(last)


def logged(driver: Driver, revision: int, change_set: ChangeSet, count: int | None = None) -> None:
    """Log a change set (or the first save, ``count`` records), what it touched, the revision."""
    driver.insert(
        CHANGE_SETS.name,
        {
            "revision": revision,
            "id": change_set.id,
            "author": change_set.author,
            "at": change_set.at.isoformat(),
            "reason": change_set.reason,
            "base_revision": change_set.base_revision,
            "edits": len(change_set.edits) if count is None else count,
            "document": dumps(change_set),
        },
    )
    for collection, ident in sorted(change_set.touched):
        driver.insert(
            TOUCHES.name, {"revision": revision, "collection": collection, "record": ident}
        )
    driver.run(f"UPDATE {META.name} SET value = ? WHERE key = 'revision'", [str(revision)])  # noqa: S608
