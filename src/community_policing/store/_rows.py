"""Models to table rows and rows back to the JSON-ready records the library's reader judges."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import TYPE_CHECKING, Any

from community_policing.io.sheets import SHEETS
from community_policing.model.territory import AreaRef
from community_policing.store.schema import column_name

if TYPE_CHECKING:
    from collections.abc import Callable

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


def row_of(collection: str, model: Any, position: int) -> dict[str, Any]:
    """The row of ``model`` (of ``collection``) at document ``position``."""
    row = {name: get(model) for name, get in _GETTERS[collection]}
    row["position"] = position
    return row


def names_of(collection: str) -> list[str]:
    """The columns of a collection's table that hold fields, in the sheet's order."""
    return [column_name(column.path) for column in _COLUMNS[collection]]


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
