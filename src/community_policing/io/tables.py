"""A jurisdiction to a workbook and back (the ``tabular`` extra), every problem at its cell.

:func:`write_workbook` writes a jurisdiction in the template's shape (see
:mod:`~community_policing.io.workbook`), redacted for an audience like every export;
:func:`read_workbook` reads a filled .xlsx back: headers in Chinese or English in any order,
Chinese labels for closed vocabularies, blank rows skipped. The records are judged by the
library's own reader, and each of its problems is moved from its JSON path to the sheet, row and
column it came from (:class:`CellProblem`), with the reason in English and Chinese; no cell's
value is repeated.

Examples:
    >>> import io
    >>> import attrs
    >>> from community_policing import Access, sample
    >>> from community_policing.io.tables import read_workbook, write_workbook
    >>> town = sample.jurisdiction()
    >>> book = io.BytesIO()
    >>> write_workbook(town, book, audience=Access("p-wang-jun", "备份"))
    >>> read_workbook(book, id=town.id, name=town.name) == attrs.evolve(town, boundaries=())
    True
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from community_policing.errors import DocumentError, Problem
from community_policing.extras import require
from community_policing.graph import CommunityGraph, disclose
from community_policing.io._flat import flatten, unflatten
from community_policing.io.json import from_data, to_data
from community_policing.io.sheets import SHEETS, Column, Sheet
from community_policing.io.workbook import FIRST_DATA_ROW, write_template
from community_policing.model.audit import Access
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    import os
    from enum import Enum

__all__ = ["CellProblem", "WorkbookError", "read_tables", "read_workbook", "write_workbook"]

#: The Chinese of the library's rules, for problems reported in both languages.
RULES_ZH: dict[str, str] = {
    "required": "必填项为空",
    "type": "类型不符",
    "allowed_values": "不在可选值中",
    "reference": "引用的编号不存在",
    "duplicate_id": "编号重复",
    "identifier": "编号格式不符",
    "text": "文本不符合要求",
    "code": "代码不符合规则",
    "code_extends": "代码与上级不一致",
    "id_card": "公民身份号码不符合规则 (GB 11643)",
    "id_card_checksum": "校验码不符 (GB 11643)",
    "unique_id_card": "公民身份号码重复",
    "one_residence": "同一时间居住于两处",
    "end_after_start": "终止日期早于起始日期",
    "whole_units": "单元被拆分到多个警格",
    "number_as_text": "文本列中填了数字 (Excel 可能已改写)",
    "unknown_column": "无法识别的列",
    "canonical_text": "地址全称与地址各部分不一致",
}


@attrs.frozen
class CellProblem:
    """One problem of a workbook, at its sheet, row and column.

    Examples:
        >>> problem = CellProblem("人员", 12, "C", "公民身份号码", "id_card_checksum",
        ...                       "the check character does not match")
        >>> print(problem.message_zh)
        人员 第12行 公民身份号码: 校验码不符 (GB 11643)
    """

    sheet: str
    row: int
    column: str | None
    header: str | None
    rule: str
    reason: str

    @property
    def message(self) -> str:
        """Where and why, in English."""
        where = f"{self.sheet} row {self.row}"
        if self.header is not None:
            where += f" {self.header} ({self.column})"
        return f"{where}: {self.reason}"

    @property
    def message_zh(self) -> str:
        """Where and why, in Chinese."""
        where = f"{self.sheet} 第{self.row}行"
        if self.header is not None:
            where += f" {self.header}"
        return f"{where}: {RULES_ZH.get(self.rule, self.reason)}"


class WorkbookError(DocumentError):
    """Every problem of a workbook, each at its cell (and as a document problem too).

    Examples:
        >>> error = WorkbookError([CellProblem("人员", 4, "A", "编号", "required", "missing")])
        >>> error.cells[0].message
        '人员 row 4 编号 (A): missing'
    """

    def __init__(self, cells: list[CellProblem]) -> None:
        self.cells = tuple(cells)
        super().__init__(
            [Problem(f"{c.sheet}!{c.column or ''}{c.row}", c.rule, c.reason) for c in cells]
        )


# ------------------------------------------------------------------------------ writing


def _cell(value: Any, column: Column) -> Any:
    if value is None:
        return None
    if column.vocabulary is not None:
        return column.vocabulary(value).zh  # type: ignore[attr-defined]
    if column.kind == "date":
        return date.fromisoformat(value)
    if isinstance(value, float) and float(f"{value:.15g}") != value:
        # Excel keeps 15 significant digits: a longer number is written as its exact text
        return repr(value)
    return value


def write_workbook(
    jurisdiction: Jurisdiction,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    audience: Audience | Access = Audience.PUBLIC,
) -> None:
    """Write ``jurisdiction`` as a workbook in the template's shape, for ``audience``.

    The public and volunteers get the document without personal data (as
    :meth:`~community_policing.graph.graph.CommunityGraph.to_jurisdiction` gives it); an
    :class:`~community_policing.model.audit.Access` gets what its audience may see, leaving one
    audit record in a graph of its own. Boundaries are not written: maps travel as GeoJSON.

    Raises:
        MissingExtraError: openpyxl is not installed (the ``tabular`` extra).

    Examples:
        >>> import io
        >>> from openpyxl import load_workbook
        >>> from community_policing import sample
        >>> book = io.BytesIO()
        >>> write_workbook(sample.jurisdiction(), book)
        >>> load_workbook(book)["人员"]["B4"].value
        '王军'
    """
    openpyxl = require("openpyxl", extra="tabular")
    graph = CommunityGraph.from_jurisdiction(jurisdiction)
    if isinstance(audience, Access):
        shown = disclose(graph, audience, query="write_workbook").to_jurisdiction()
    else:
        shown = graph.to_jurisdiction()
    template = io.BytesIO()
    write_template(template)
    template.seek(0)
    book = openpyxl.load_workbook(template)
    for sheet in SHEETS:
        page = book[sheet.title]
        for offset, record in enumerate(getattr(shown, sheet.collection)):
            values: dict[str, Any] = {}
            flatten(to_data(record), "", values)
            for index, column in enumerate(sheet.columns, start=1):
                value = _cell(values.get(column.path), column)
                if value is not None:
                    page.cell(FIRST_DATA_ROW + offset, index, value)
    book.save(target)


# ------------------------------------------------------------------------------ reading


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


_PATH_ROW = re.compile(r"[a-z_.]+")


def _value(raw: Any, column: Column) -> tuple[Any, str | None]:
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


def _columns_of(
    sheet: Sheet, header: list[Any], title: str
) -> tuple[dict[int, Column], list[CellProblem]]:
    known = {column.header: column for column in sheet.columns}
    known.update({column.path: column for column in sheet.columns})
    found: dict[int, Column] = {}
    problems = []
    for index, cell in enumerate(header):
        name = str(cell).strip() if cell is not None else ""
        if not name:
            continue
        column = known.get(name)
        if column is None:
            problems.append(
                CellProblem(title, 1, _letter(index), None, "unknown_column", "unknown column")
            )
        else:
            found[index] = column
    return found, problems


_Places = dict[str, list[tuple[int, dict[str, tuple[str, str]]]]]


def read_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    id: str,  # noqa: A002  (the document's own field name)
    name: str,
) -> Jurisdiction:
    """Read a filled workbook (.xlsx) into a jurisdiction called ``id`` and ``name``.

    Raises:
        WorkbookError: every problem of the workbook, each at its sheet, row and column.
        MissingExtraError: python-calamine is not installed (the ``tabular`` extra).

    Examples:
        >>> import io
        >>> from openpyxl import load_workbook
        >>> from community_policing.io.workbook import write_template
        >>> template = io.BytesIO()
        >>> write_template(template)
        >>> book = load_workbook(template)
        >>> book["分局"]["A4"], book["分局"]["B4"] = "sb-1", "示例分局"
        >>> filled = io.BytesIO()
        >>> book.save(filled)
        >>> read_workbook(filled, id="j-1", name="示例").sub_bureaus
        (SubBureau(id='sb-1', name='示例分局', code=None),)
    """
    calamine = require("python_calamine", extra="tabular")
    if isinstance(source, str | Path):
        book = calamine.CalamineWorkbook.from_path(str(source))
    else:
        source.seek(0)  # type: ignore[union-attr]
        book = calamine.CalamineWorkbook.from_filelike(source)
    pages = {
        title: book.get_sheet_by_name(title).to_python(skip_empty_area=False)
        for title in book.sheet_names
    }
    return _from_pages(pages, id, name)


def read_tables(
    folder: str | os.PathLike[str],
    *,
    id: str,  # noqa: A002  (the document's own field name)
    name: str,
) -> Jurisdiction:
    r"""Read a folder of CSV files, one a sheet (``人员.csv`` or ``persons.csv``), as a workbook.

    Each file may be UTF-8 (with or without a byte-order mark) or GB18030, as Excel in China
    saves CSV; the encoding is found from the bytes.

    Raises:
        WorkbookError: every problem, each at its file (as the sheet), row and column.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "分局.csv").write_bytes("编号,名称\nsb-1,示例分局\n".encode("gb18030"))
        >>> read_tables(folder, id="j-1", name="示例").sub_bureaus[0].name
        '示例分局'
    """
    pages = {}
    for file in sorted(Path(folder).glob("*.csv")):
        text = _decoded(file.read_bytes())
        pages[file.stem] = [list(row) for row in csv.reader(io.StringIO(text))]
    return _from_pages(pages, id, name)


def _decoded(data: bytes) -> str:
    """CSV bytes as text: UTF-8 when they are (a byte-order mark dropped), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


def _from_pages(pages: dict[str, list[list[Any]]], id: str, name: str) -> Jurisdiction:  # noqa: A002
    """The jurisdiction of a workbook's pages of rows, or every problem at its cell."""
    titles = {sheet.title: sheet for sheet in SHEETS}
    titles.update({sheet.collection: sheet for sheet in SHEETS})
    document: dict[str, Any] = {"id": id, "name": name}
    places: _Places = {}
    problems: list[CellProblem] = []
    for title, rows in pages.items():
        sheet = titles.get(title)
        if sheet is not None:
            records, where = _read_sheet(sheet, title, rows, problems)
            document[sheet.collection] = records
            places[sheet.collection] = where
    try:
        jurisdiction = from_data(document, Jurisdiction)
    except DocumentError as error:
        problems.extend(_placed(error.problems, places))
        raise WorkbookError(problems) from None
    if problems:
        raise WorkbookError(problems)
    return jurisdiction


def _read_sheet(
    sheet: Sheet, title: str, rows: list[list[Any]], problems: list[CellProblem]
) -> tuple[list[dict[str, Any]], list[tuple[int, dict[str, tuple[str, str]]]]]:
    """The records of one sheet and, per record, its row and the cell of each field."""
    if not rows:
        return [], []
    columns, unknown = _columns_of(sheet, rows[0], title)
    problems.extend(unknown)
    start = 1
    while start < min(len(rows), FIRST_DATA_ROW - 1) and _is_guide(rows[start]):
        start += 1
    records, where = [], []
    for offset, row in enumerate(rows[start:], start=start + 1):
        flat: dict[str, Any] = {}
        cells: dict[str, tuple[str, str]] = {}
        for index, column in columns.items():
            raw = row[index] if index < len(row) else None
            value, rule = _value(raw, column)
            cells[column.path] = (_letter(index), column.header)
            if rule is not None:
                reason = "a number where text belongs (Excel may have changed it)"
                problems.append(
                    CellProblem(title, offset, _letter(index), column.header, rule, reason)
                )
            elif value is not None:
                flat[column.path] = value
        if flat:
            records.append(unflatten(flat, ""))
            where.append((offset, cells))
    return records, where


def _is_guide(row: list[Any]) -> bool:
    """Whether a row is the template's field paths or explanations, not data."""
    texts = [str(cell) for cell in row if cell not in (None, "")]
    return bool(texts) and (
        all(_PATH_ROW.fullmatch(text) for text in texts)
        or all(text.startswith(("必填", "选填")) for text in texts)
    )


_DOCUMENT_PATH = re.compile(r"\$\.(\w+)\[(\d+)\](?:\.([\w.]+))?")


def _placed(problems: tuple[Problem, ...], places: _Places) -> list[CellProblem]:
    found = []
    titles = {sheet.collection: sheet.title for sheet in SHEETS}
    for problem in problems:
        match = _DOCUMENT_PATH.match(problem.path)
        if match is None or match[1] not in places:
            found.append(CellProblem("-", 0, None, None, problem.rule, problem.reason))
            continue
        row, cells = places[match[1]][int(match[2])]
        field = match[3] or ""
        letter, header = (
            next(
                (cells[path] for path in cells if field == path or field.startswith(f"{path}.")),
                cells.get(field.rpartition(".")[0], (None, None)),
            )
            if field
            else (None, None)
        )
        found.append(
            CellProblem(titles[match[1]], row, letter, header, problem.rule, problem.reason)
        )
    return found
