"""Models to table rows and rows back to the JSON-ready records the library's reader judges."""

from __future__ import annotations

import functools
import operator
from datetime import date
from typing import TYPE_CHECKING, Any

from community_policing.io.sheets import SHEETS
from community_policing.store.schema import column_name

if TYPE_CHECKING:
    from collections.abc import Callable

_COLUMNS = {sheet.collection: sheet.columns for sheet in SHEETS}


def iso(value: Any) -> Any:
    """A date as ISO text, as the library's reader takes it; any other value as it is.

    SQLite's driver hands dates back as the text SQLAlchemy stored; PostgreSQL's as dates.
    """
    return value.isoformat() if isinstance(value, date) else value


def period(start: Any, end: Any) -> dict[str, Any]:
    """A period's JSON-ready record from its two columns."""
    return {"start": iso(start), "end": iso(end)}


def _converter(kind: str, *, vocabulary: bool, text_dates: bool) -> Callable[[Any], Any] | None:
    """What a raw attribute needs to become a column's value, or ``None`` for nothing."""
    if vocabulary:
        return lambda value: None if value is None else value.value
    if kind == "date" and text_dates:
        return lambda day: None if day is None else day.isoformat()
    return None


def _reader(
    paths: list[str], converters: list[Callable[[Any], Any] | None]
) -> Callable[[Any], list[Any]]:
    """Read ``paths`` of an object into a list (one attrgetter call), converting where needed."""
    get = operator.attrgetter(*paths)
    fixes = [(at, convert) for at, convert in enumerate(converters) if convert is not None]
    single = len(paths) == 1

    def read(value: Any) -> list[Any]:
        found = [get(value)] if single else list(get(value))
        for at, convert in fixes:
            found[at] = convert(found[at])
        return found

    return read


@functools.cache
def bulk_plan(collection: str, *, text_dates: bool) -> tuple[list[str], Callable[[Any], list[Any]]]:
    """The columns a bulk insert names and the function giving a model's values for them.

    Top-level fields are read with one attrgetter; each nested value (a period, a point, an
    address's parts) is read once and its fields with another, or given as ``None`` when the
    model has none. Dates are ISO text where the database keeps them so (SQLite).
    """
    columns = _COLUMNS[collection]
    top = [c for c in columns if "." not in c.path]
    groups: dict[str, list[Any]] = {}
    for column in columns:
        if "." in column.path:
            groups.setdefault(column.path.partition(".")[0], []).append(column)

    def convert(column: Any) -> Callable[[Any], Any] | None:
        if column.path == "area":
            return lambda area: None if area is None else area.key
        vocabulary = column.vocabulary is not None
        return _converter(column.kind, vocabulary=vocabulary, text_dates=text_dates)

    read_top = _reader([c.path for c in top], [convert(c) for c in top])
    nested = [
        (
            parent,
            _reader([c.path.partition(".")[2] for c in fields], [convert(c) for c in fields]),
            [None] * len(fields),
        )
        for parent, fields in groups.items()
    ]
    names = [column_name(c.path) for c in top]
    names.extend(column_name(c.path) for fields in groups.values() for c in fields)

    def values(model: Any) -> list[Any]:
        found = read_top(model)
        for parent, read, absent in nested:
            inner = getattr(model, parent)
            found.extend(absent if inner is None else read(inner))
        return found

    return names, values


def row_of(collection: str, model: Any, position: int) -> dict[str, Any]:
    """The row of ``model`` (of ``collection``) at document ``position``, by column name."""
    names, values = bulk_plan(collection, text_dates=False)
    row = dict(zip(names, values(model), strict=True))
    row["position"] = position
    return row


def names_of(collection: str) -> list[str]:
    """The columns of a collection's table that hold fields, in the sheet's order."""
    return [column_name(column.path) for column in _COLUMNS[collection]]


@functools.cache
def record_builder(collection: str) -> Callable[[tuple[Any, ...]], dict[str, Any]]:
    """A function turning a row of :func:`names_of`'s columns into a JSON-ready record."""
    plan: list[tuple[int, str, str | None, bool]] = []
    for index, column in enumerate(_COLUMNS[collection]):
        parent, _, leaf = column.path.rpartition(".")
        plan.append((index, leaf, parent or None, column.kind == "date"))
    flat = [(index, leaf, is_date) for index, leaf, parent, is_date in plan if parent is None]
    nested = [(index, leaf, parent, is_date) for index, leaf, parent, is_date in plan if parent]

    def build(row: tuple[Any, ...]) -> dict[str, Any]:
        record: dict[str, Any] = {}
        for index, leaf, is_date in flat:
            value = row[index]
            if value is not None:
                record[leaf] = iso(value) if is_date else value
        for index, leaf, parent, is_date in nested:
            value = row[index]
            if value is not None:
                inner = record.get(parent)
                if inner is None:
                    inner = record[parent] = {}
                inner[leaf] = iso(value) if is_date else value
        return record

    return build
