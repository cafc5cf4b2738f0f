"""Reading a sheet's cells: merged cells, where the headers stand, and each cell's value.

A filled workbook is rarely the template as written: a title row merged across the top, a
header merged over two rows beside a group heading (``期间`` over ``起始日期`` and ``终止日期``),
the English field paths instead of the Chinese, columns in any order. The header row is the row,
among the first few, that names the most columns; a column's header is its own cell on that row,
or, when that cell is empty, the nearest cell above it that names a column. A merged cell that
spans rows holds its value in each row it spans; one that spans columns only in its first.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from enum import Enum

    from community_policing.io.sheets import Column, Sheet

Rows = list[list[Any]]
# The rows looked at for the header; below them is data.
_HEADER_SEARCH = 6


def letter(index: int) -> str:
    """The spreadsheet letters of the column at 0-based ``index`` (``0`` is ``A``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def fill_merged(rows: Rows, merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Give each row a merged range spans the value of its top cell (first column only)."""
    for (top, column), (bottom, _) in merged:
        if top >= len(rows) or column >= len(rows[top]):
            continue
        value = rows[top][column]
        for row in rows[top + 1 : bottom + 1]:
            if column < len(row):
                row[column] = value


def _name(cell: Any) -> str:
    return str(cell).strip() if cell is not None else ""


def headers(sheet: Sheet, rows: Rows) -> tuple[int, dict[int, Column], list[int]]:
    """The header row's index, its columns by index, and the indexes of unknown headers."""
    known = {column.header: column for column in sheet.columns}
    known.update({column.path: column for column in sheet.columns})
    best: tuple[int, dict[int, Column], list[int]] = (0, {}, [])
    for at in range(min(len(rows), _HEADER_SEARCH)):
        found: dict[int, Column] = {}
        unknown: list[int] = []
        for index, cell in enumerate(rows[at]):
            name = _name(cell)
            if name:
                column = known.get(name)
                if column is None:
                    unknown.append(index)
                else:
                    found[index] = column
                continue
            above = (known.get(_name(row[index])) for row in rows[at - 1 :: -1] if at)
            column = next((column for column in above if column is not None), None)
            if column is not None:
                found[index] = column
        if len(found) > len(best[1]):
            best = (at, found, unknown)
    if not best[1]:  # nothing names a column: the first row with text is the header
        at = next((at for at, row in enumerate(rows) if any(map(_name, row))), 0)
        best = (at, {}, [index for index, cell in enumerate(rows[at]) if _name(cell)])
    return best


def value(raw: Any, column: Column) -> tuple[Any, str | None]:
    """A cell's JSON-ready value, or the rule it breaks before the library sees it."""
    if isinstance(raw, str):
        return _text(raw, column), None
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.isoformat(), None
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        return _number(raw, column)
    return raw, None


def _text(raw: str, column: Column) -> Any:
    """A text cell's value: ``None`` when blank, a vocabulary's value, a number written out."""
    if not raw.strip():
        return None  # an empty cell (text is kept as typed: it may mean its spaces)
    if column.vocabulary is not None:
        return _from_label(raw.strip(), column.vocabulary)
    if column.kind in ("number", "integer"):
        try:
            number = float(raw)
        except ValueError:
            return raw  # the library's reader says it is no number
        return int(number) if column.kind == "integer" and number.is_integer() else number
    return raw


def _number(raw: float, column: Column) -> tuple[Any, str | None]:
    """A number read from a cell, as its column wants it (never as text: Excel may round)."""
    if column.text or column.kind == "text":
        return None, "number_as_text"
    if column.kind == "integer" and float(raw).is_integer():
        return int(raw), None
    return (float(raw) if column.kind == "number" else raw), None


def _from_label(text: str, vocabulary: type[Enum]) -> Any:
    for member in vocabulary:
        if text in (member.value, member.zh):  # type: ignore[attr-defined]
            return member.value
    return text  # the library's reader says it is not one of the values
