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
    >>> from community_policing import CommunityGraph
    >>> town = sample.jurisdiction()
    >>> graph = CommunityGraph.from_jurisdiction(town)
    >>> book = io.BytesIO()
    >>> write_workbook(graph, book, audience=Access("p-wang-jun", "备份"))
    >>> read_workbook(book, id=town.id, name=town.name) == attrs.evolve(town, boundaries=())
    True
    >>> [record.query for record in graph.audit_log]
    ['write_workbook']
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import attrs

from community_policing.errors import DocumentError, Problem
from community_policing.extras import require
from community_policing.graph import CommunityGraph, disclose
from community_policing.io._cells import (
    NUMBER_AS_TEXT,
    fill_merged,
    headers,
    in_chinese,
    letter,
    reader,
)
from community_policing.io._flat import flatten
from community_policing.io.json import from_data, to_data
from community_policing.io.sheets import SHEETS, Column, Sheet
from community_policing.io.workbook import write_book
from community_policing.model.audit import Access
from community_policing.model.bulk import collector_paused
from community_policing.model.extent import within_area
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.vocab import Audience
from community_policing.progress import Progress, ProgressCallback

if TYPE_CHECKING:
    import os
    from collections.abc import Iterator

__all__ = ["CellProblem", "WorkbookError", "read_tables", "read_workbook", "write_workbook"]


@attrs.frozen
class CellProblem:
    """One problem of a workbook, at its sheet, row and column.

    Examples:
        >>> problem = CellProblem("人员", 12, "C", "公民身份号码", "id_card_number",
        ...                       "check character does not match (GB 11643)")
        >>> print(problem.message_zh)
        人员 第12行 公民身份号码: 校验码不符 (GB 11643)
        >>> print(problem.message)
        人员 row 12 公民身份号码 (C): check character does not match (GB 11643)
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
        return f"{where}: {in_chinese(self.rule, self.reason)}"


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
    graph: CommunityGraph,
    target: str | os.PathLike[str] | IO[bytes],
    *,
    audience: Audience | Access = Audience.PUBLIC,
    within: str | None = None,
    progress: ProgressCallback | None = None,
) -> None:
    """Write ``graph``'s jurisdiction as a workbook in the template's shape, for ``audience``.

    The public and volunteers get the document without personal data (as
    :meth:`~community_policing.graph.graph.CommunityGraph.to_jurisdiction` gives it); an
    :class:`~community_policing.model.audit.Access` gets what its audience may see, leaving one
    audit record in the graph's log, like every export. ``within`` (``"police_station:ps-01"``)
    writes only the part inside that area (see
    :func:`~community_policing.model.extent.within_area`). Boundaries are not written: maps
    travel as GeoJSON.

    Raises:
        ValidationError: ``within`` names no area kind.
        NotFoundError: ``within`` names no area of the jurisdiction.
        MissingExtraError: openpyxl is not installed (the ``tabular`` extra).

    Examples:
        >>> import io
        >>> from openpyxl import load_workbook
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> book = io.BytesIO()
        >>> write_workbook(graph, book, within="police_grid:pg-01")
        >>> load_workbook(book)["警格"]["A4"].value
        'pg-01'
    """
    require("openpyxl", extra="tabular")  # before anything is read or audited
    if isinstance(audience, Access):
        shown = disclose(graph, audience, query="write_workbook").to_jurisdiction()
    else:
        shown = graph.to_jurisdiction()
    if within is not None:
        shown = within_area(shown, within)
    total = sum(len(getattr(shown, sheet.collection)) for sheet in SHEETS)
    done = 0

    def rows_of(sheet: Sheet) -> tuple[int, Iterator[list[Any]]]:
        records = getattr(shown, sheet.collection)
        return len(records), rows(sheet, records)

    def rows(sheet: Sheet, records: tuple[Any, ...]) -> Iterator[list[Any]]:
        nonlocal done
        for record in records:
            values: dict[str, Any] = {}
            flatten(to_data(record), "", values)
            yield [_cell(values.get(column.path), column) for column in sheet.columns]
            done += 1
            if progress is not None and done % _REPORT_EVERY == 0:
                progress(Progress("write", sheet.title, done, total))
        if progress is not None:
            progress(Progress("write", sheet.title, done, total))

    write_book(target, rows_of)
    if progress is not None:
        progress(Progress("save", "", 1, 1))


# ------------------------------------------------------------------------------ reading

_PATH_ROW = re.compile(r"[a-z_.]+")
_Merged = list[tuple[tuple[int, int], tuple[int, int]]]
_Places = dict[str, list[tuple[int, dict[str, tuple[str, str]]]]]
# Rows parsed between two reports of progress.
_REPORT_EVERY = 1000


def read_workbook(
    source: str | os.PathLike[str] | IO[bytes],
    *,
    id: str,  # noqa: A002  (the document's own field name)
    name: str,
    progress: ProgressCallback | None = None,
) -> Jurisdiction:
    """Read a filled workbook (.xlsx) into a jurisdiction called ``id`` and ``name``.

    Sheets are found by their Chinese title or collection name (``人员`` or ``persons``);
    sheets of other names are left alone. On each sheet the header row may stand below a title
    and be merged over two rows (see the module's description).

    Raises:
        WorkbookError: every problem of the workbook, each at its sheet, row and column.
        ValidationError: ``id`` or ``name`` is not a jurisdiction's id or name.
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
    titles = [title for title in book.sheet_names if title in _SHEET_NAMED]
    pages: dict[str, tuple[list[list[Any]], _Merged]] = {}
    with collector_paused():  # millions of cells, no cycles (see model.bulk)
        for done, title in enumerate(titles, start=1):
            page = book.get_sheet_by_name(title)
            pages[title] = (page.to_python(skip_empty_area=False), page.merged_cell_ranges or [])
            if progress is not None:
                progress(Progress("read", title, done, len(titles)))
        return _from_pages(pages, id, name, progress)


def read_tables(
    folder: str | os.PathLike[str],
    *,
    id: str,  # noqa: A002  (the document's own field name)
    name: str,
    progress: ProgressCallback | None = None,
) -> Jurisdiction:
    r"""Read a folder of CSV files, one a sheet (``人员.csv`` or ``persons.csv``), as a workbook.

    Each file may be UTF-8 (with or without a byte-order mark) or GB18030, as Excel in China
    saves CSV; the encoding is found from the bytes.

    Raises:
        WorkbookError: every problem, each at its file (as the sheet), row and column.
        ValidationError: ``id`` or ``name`` is not a jurisdiction's id or name.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "分局.csv").write_bytes("编号,名称\nsb-1,示例分局\n".encode("gb18030"))
        >>> read_tables(folder, id="j-1", name="示例").sub_bureaus[0].name
        '示例分局'
    """
    files = [file for file in sorted(Path(folder).glob("*.csv")) if file.stem in _SHEET_NAMED]
    pages: dict[str, tuple[list[list[Any]], _Merged]] = {}
    with collector_paused():  # many rows, no cycles (see model.bulk)
        for done, file in enumerate(files, start=1):
            text = _decoded(file.read_bytes())
            pages[file.stem] = ([list(row) for row in csv.reader(io.StringIO(text))], [])
            if progress is not None:
                progress(Progress("read", file.stem, done, len(files)))
        return _from_pages(pages, id, name, progress)


def _decoded(data: bytes) -> str:
    """CSV bytes as text: UTF-8 when they are (a byte-order mark dropped), else GB18030."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030", errors="replace")


_SHEET_NAMED = {sheet.title: sheet for sheet in SHEETS} | {
    sheet.collection: sheet for sheet in SHEETS
}


def _from_pages(
    pages: dict[str, tuple[list[list[Any]], _Merged]],
    id: str,  # noqa: A002
    name: str,
    progress: ProgressCallback | None,
) -> Jurisdiction:
    """The jurisdiction of a workbook's pages of rows, or every problem at its cell."""
    Jurisdiction(id=id, name=name)  # the arguments first: they are in no cell
    document: dict[str, Any] = {"id": id, "name": name}
    places: _Places = {}
    problems: list[CellProblem] = []
    counter = _Counter(progress, sum(len(rows) for rows, _ in pages.values()))
    for title, (rows, merged) in pages.items():
        sheet = _SHEET_NAMED[title]
        fill_merged(rows, merged)
        records, where = _read_sheet(sheet, title, rows, problems, counter)
        document[sheet.collection] = records
        places[sheet.collection] = where
    if progress is not None:
        progress(Progress("check", "", 0, 1))
    try:
        jurisdiction = from_data(document, Jurisdiction)
    except DocumentError as error:
        problems.extend(_placed(error.problems, places))
        raise WorkbookError(problems) from None
    if problems:
        raise WorkbookError(problems)
    if progress is not None:
        progress(Progress("check", "", 1, 1))
    return jurisdiction


@attrs.define
class _Counter:
    """Rows parsed so far, reported every thousand rows and at the end of each sheet."""

    progress: ProgressCallback | None
    total: int
    done: int = 0

    def add(self, title: str, rows: int, *, last: bool = False) -> None:
        self.done += rows
        if self.progress is not None and (last or rows):
            self.progress(Progress("parse", title, self.done, self.total))


def _read_sheet(
    sheet: Sheet,
    title: str,
    rows: list[list[Any]],
    problems: list[CellProblem],
    counter: _Counter,
) -> tuple[list[dict[str, Any]], list[tuple[int, dict[str, tuple[str, str]]]]]:
    """The records of one sheet and, per record, its row and the cell of each field."""
    if not rows:
        return [], []
    at, columns, unknown = headers(sheet, rows)
    problems.extend(
        CellProblem(title, at + 1, letter(index), None, "unknown_column", "unknown column")
        for index in unknown
    )
    start = at + 1
    while start < min(len(rows), at + 3) and _is_guide(rows[start]):
        start += 1
    counter.add(title, start)
    plan: _Plan = [
        (index, column.path, reader(column), *_parents_and_leaf(column.path), _plain_text(column))
        for index, column in columns.items()
    ]
    cells = {column.path: (letter(index), column.header) for index, column in columns.items()}
    width = max(map(len, rows))
    needed = max(columns, default=-1) + 1
    unmapped = [index for index in range(width) if index not in columns and index not in unknown]
    records, where = [], []
    for offset, row in enumerate(rows[start:]):
        number = start + 1 + offset
        if len(row) < needed:
            row = [*row, *([None] * (needed - len(row)))]  # noqa: PLW2901  (a short CSV row)
        flat = _record_of(row, plan, problems, (title, number, cells))
        for index in unmapped[:] if unmapped else ():
            if index < len(row) and row[index] not in (None, ""):
                unmapped.remove(index)  # one report a column
                reason = "a value in a column without a header"
                problems.append(
                    CellProblem(title, number, letter(index), None, "unknown_column", reason)
                )
        if flat:
            records.append(flat)
            where.append((number, cells))
        if offset % _REPORT_EVERY == _REPORT_EVERY - 1:
            counter.add(title, _REPORT_EVERY)
    counter.add(title, (len(rows) - start) % _REPORT_EVERY, last=True)
    return records, where


_Plan = list[tuple[int, str, Any, tuple[str, ...], str, bool]]


def _record_of(
    row: list[Any],
    plan: _Plan,
    problems: list[CellProblem],
    where: tuple[str, int, dict[str, tuple[str, str]]],
) -> dict[str, Any]:
    """The record of one row, by the sheet's plan; a number where text belongs is a problem."""
    flat: dict[str, Any] = {}
    for index, path, read, parents, leaf, plain in plan:
        raw = row[index]
        if raw == "" or raw is None:
            continue
        if plain and type(raw) is str:  # the commonest cell: text where text belongs
            if raw.strip():
                flat[leaf] = raw
            continue
        found = read(raw)
        if found is NUMBER_AS_TEXT:
            title, number, cells = where
            letters, header = cells[path]
            reason = "a number where text belongs (Excel may have changed it)"
            problems.append(CellProblem(title, number, letters, header, "number_as_text", reason))
        elif found is not None:
            record = flat
            for name in parents:  # a field of a nested field (a period's start)
                record = record.setdefault(name, {})
            record[leaf] = found
    return flat


def _plain_text(column: Column) -> bool:
    """Whether a column takes text as typed, straight into its record (no nesting, no list)."""
    return (
        column.vocabulary is None
        and column.kind not in ("number", "integer", "date")
        and ("." not in column.path)
    )


def _parents_and_leaf(path: str) -> tuple[tuple[str, ...], str]:
    *parents, leaf = path.split(".")
    return tuple(parents), leaf


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
        if match is None or match[1] not in places:  # pragma: no cover - no such problem
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
