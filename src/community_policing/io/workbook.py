"""Workbooks (the ``tabular`` extra): the 一标三实 template a station fills in.

:func:`write_template` writes one sheet per collection (see :mod:`~community_policing.io.sheets`):
row 1 the Chinese headers, row 2 the English field paths, row 3 what each column holds
(required or not, the allowed Chinese labels or the format); data from row 4. Every closed
vocabulary gets a drop-down of its Chinese labels (kept on a hidden sheet ``词表``, since a list
written inline may not exceed 255 characters); ID-card numbers, phones, codes and ids are
text-formatted, so Excel keeps their digits and leading zeros, and dates are date-formatted.

The workbook is written with openpyxl, the well-kept pure-Python writer of .xlsx (formats and
data validation included); without it the ``tabular`` extra is named.

Examples:
    >>> import io
    >>> from community_policing.io.workbook import write_template
    >>> buffer = io.BytesIO()
    >>> write_template(buffer)
    >>> buffer.getvalue()[:2]
    b'PK'
"""

from __future__ import annotations

from typing import IO, TYPE_CHECKING, Any, TypeAlias

from community_policing.extras import require
from community_policing.io.sheets import SHEETS

if TYPE_CHECKING:
    import os
    from collections.abc import Callable, Iterator, Sequence

    from community_policing.io.sheets import Column, Sheet

__all__ = ["FIRST_DATA_ROW", "SheetRows", "VOCABULARY_SHEET", "write_book", "write_template"]

#: The hidden sheet holding every closed vocabulary's Chinese labels, a column each.
VOCABULARY_SHEET = "词表"
#: The first row of data; rows 1-3 are the headers, the field paths and the explanations.
FIRST_DATA_ROW = 4
_ROWS_VALIDATED = 10_000  # rows the drop-down lists cover


def _explanation(column: Column) -> str:
    needed = "必填 required" if column.required else "选填 optional"
    if column.vocabulary is not None:
        return f"{needed}; 从下拉列表选择 choose from the list"
    kinds = {
        "date": "日期 date (YYYY-MM-DD)",
        "integer": "整数 whole number",
        "number": "数字 number",
    }
    if column.kind in kinds:
        return f"{needed}; {kinds[column.kind]}"
    if column.text:
        return f"{needed}; 文本 text, digits kept as typed"
    return needed


def write_template(target: str | os.PathLike[str] | IO[bytes]) -> None:
    """Write the empty 一标三实 workbook to ``target`` (a path or a binary file).

    Raises:
        MissingExtraError: openpyxl is not installed (the ``tabular`` extra).

    Examples:
        >>> import io
        >>> from openpyxl import load_workbook
        >>> buffer = io.BytesIO()
        >>> write_template(buffer)
        >>> book = load_workbook(buffer)
        >>> book.sheetnames[:3], book["人员"]["C1"].value, book["人员"]["C2"].value
        (['区县', '街道乡镇', '分局'], '公民身份号码', 'id_card_number')
    """
    write_book(target, lambda _: (0, iter(())))


#: For each sheet, how many data rows it gets and the rows (cell values, left to right).
SheetRows: TypeAlias = "Callable[[Sheet], tuple[int, Iterator[Sequence[Any]]]]"


def write_book(target: str | os.PathLike[str] | IO[bytes], rows_of: SheetRows) -> None:
    """Write the template with ``rows_of(sheet)`` below each sheet's header rows.

    The workbook is streamed (openpyxl's write-only mode): each row is written as it comes and
    not kept, so a city's workbook needs little memory. The drop-down lists cover every row
    written and at least the first ten thousand.

    Raises:
        MissingExtraError: openpyxl is not installed (the ``tabular`` extra).

    Examples:
        >>> import io
        >>> from openpyxl import load_workbook
        >>> def rows_of(sheet):
        ...     rows = [["sb-1", "示例分局"]] if sheet.collection == "sub_bureaus" else []
        ...     return len(rows), iter(rows)
        >>> buffer = io.BytesIO()
        >>> write_book(buffer, rows_of)
        >>> load_workbook(buffer)["分局"]["B4"].value
        '示例分局'
    """
    openpyxl = require("openpyxl", extra="tabular")
    validation = require("openpyxl.worksheet.datavalidation", extra="tabular")
    styles = require("openpyxl.styles", extra="tabular")
    utils = require("openpyxl.utils", extra="tabular")
    cells = require("openpyxl.cell", extra="tabular")
    book = openpyxl.Workbook(write_only=True)
    lists = _vocabulary_ranges(utils)
    bold = styles.Font(bold=True)
    grey = styles.Font(italic=True, color="808080")
    for sheet in SHEETS:
        page = book.create_sheet(sheet.title)
        count, rows = rows_of(sheet)
        last = FIRST_DATA_ROW + max(count, _ROWS_VALIDATED)
        for index, column in enumerate(sheet.columns, start=1):
            letter = utils.get_column_letter(index)
            page.column_dimensions[letter].width = max(12, 2 * len(column.header) + 4)
            if column.vocabulary is not None:
                rule = validation.DataValidation(
                    type="list", formula1=lists[column.vocabulary][1], allow_blank=True
                )
                rule.add(f"{letter}{FIRST_DATA_ROW}:{letter}{last}")
                page.data_validations.append(rule)
            elif column.text or column.kind in ("text", "date"):
                # the column's own format: Excel gives it to every cell typed into the column
                number_format = "yyyy-mm-dd" if column.kind == "date" else "@"
                page.column_dimensions[letter].number_format = number_format
        page.freeze_panes = f"A{FIRST_DATA_ROW}"
        for texts, font in (
            ([column.header for column in sheet.columns], bold),
            ([column.path for column in sheet.columns], grey),
            ([_explanation(column) for column in sheet.columns], grey),
        ):
            page.append([_styled(cells.WriteOnlyCell(page, value=text), font) for text in texts])
        for row in rows:
            page.append(row)
    words = book.create_sheet(VOCABULARY_SHEET)
    words.sheet_state = "hidden"
    columns = list(lists)
    height = max(len(list(enum)) for enum in columns) + 1
    labels = [[enum.__name__ for enum in columns]]
    labels.extend([_label(enum, row) for enum in columns] for row in range(height - 1))
    for row in labels:
        words.append(row)
    book.save(target)


def _styled(cell: Any, font: Any) -> Any:
    cell.font = font
    return cell


def _label(enum: Any, row: int) -> str | None:
    members = list(enum)
    return members[row].zh if row < len(members) else None


def _vocabulary_ranges(utils: Any) -> dict[Any, tuple[int, str]]:
    """Each vocabulary's column on the hidden sheet and the range formula of its labels."""
    found: dict[Any, tuple[int, str]] = {}
    for sheet in SHEETS:
        for column in sheet.columns:
            enum = column.vocabulary
            if enum is None or enum in found:
                continue
            index = len(found) + 1
            letter = utils.get_column_letter(index)
            last = len(list(enum)) + 1
            found[enum] = (index, f"'{VOCABULARY_SHEET}'!${letter}$2:${letter}${last}")
    return found
