"""Models to table rows and rows back to the JSON-ready records the library's reader judges."""

from __future__ import annotations

import functools
import operator
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from community_policing.io.sheets import SHEETS
from community_policing.model.territory import AreaRef
from community_policing.store.schema import column_name

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

_COLUMNS = {sheet.collection: sheet.columns for sheet in SHEETS}


def _getter(path: str) -> Callable[[Any], Any]:
    names = path.split(".")
    if len(names) == 1:
        (name,) = names

        def get_field(model: Any) -> Any:
            return _plain(getattr(model, name))

        return get_field

    def get_nested(model: Any) -> Any:
        value = model
        for name in names:
            value = getattr(value, name)
            if value is None:
                return None
        return _plain(value)

    return get_nested


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, AreaRef):
        return value.key
    return value


_GETTERS = {
    collection: [(column_name(c.path), _getter(c.path)) for c in columns]
    for collection, columns in _COLUMNS.items()
}


def _tuple_getter(
    path: str, kind: str, *, vocabulary: bool, text_dates: bool, always: frozenset[str]
) -> Any:
    """The fastest getter of a column's value: attrgetter where no conversion is needed.

    ``always``: the nested values every model of the collection has (a record's period).
    """
    parent = path.partition(".")[0] if "." in path else None
    plain = parent is None or parent in always
    if plain and not vocabulary and kind != "date" and path != "area":
        return operator.attrgetter(path)
    get = operator.attrgetter(path) if plain and kind == "date" else _getter(path)
    if kind == "date" and text_dates:
        return lambda model: None if (day := get(model)) is None else day.isoformat()
    return get


@functools.cache
def _tuple_getters(collection: str, *, text_dates: bool) -> tuple[Any, ...]:
    columns = _COLUMNS[collection]
    # a nested value is always there when one of its fields is required
    always = frozenset(c.path.partition(".")[0] for c in columns if "." in c.path and c.required)
    return tuple(
        _tuple_getter(
            c.path,
            c.kind,
            vocabulary=c.vocabulary is not None,
            text_dates=text_dates,
            always=always,
        )
        for c in columns
    )


def rows_of(collection: str, models: Sequence[Any], *, text_dates: bool) -> list[tuple[Any, ...]]:
    """Rows of ``models`` as tuples, ``position`` then :func:`names_of`'s columns.

    For the driver; dates as ISO text where the database keeps them so (SQLite).
    """
    getters = _tuple_getters(collection, text_dates=text_dates)
    return [(position, *[get(model) for get in getters]) for position, model in enumerate(models)]


def row_of(collection: str, model: Any, position: int) -> dict[str, Any]:
    """The row of ``model`` (of ``collection``) at document ``position``."""
    row = {name: get(model) for name, get in _GETTERS[collection]}
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
                record[leaf] = value.isoformat() if is_date and type(value) is date else value
        for index, leaf, parent, is_date in nested:
            value = row[index]
            if value is not None:
                inner = record.get(parent)
                if inner is None:
                    inner = record[parent] = {}
                inner[leaf] = value.isoformat() if is_date and type(value) is date else value
        return record

    return build
