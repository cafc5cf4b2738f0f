"""A fuzz of filled templates: whatever the cells hold, only the library's errors, each at its cell.

The sample is written for an officer, read back into plain rows, changed the way people change
spreadsheets (a wrong value in a cell, a number where text belongs, an ID-card number Excel
turned into 1.1010519491231E+17, a misspelt header, columns shuffled, headers in English, blank
rows), written again and imported.
"""

import io
import re
from datetime import date, datetime

import attrs
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from python_calamine import CalamineWorkbook

from community_policing import Access, CommunityGraph, sample
from community_policing.io.sheets import SHEETS
from community_policing.io.tables import WorkbookError, read_workbook, write_workbook
from community_policing.io.workbook import FIRST_DATA_ROW, VOCABULARY_SHEET

TOWN = sample.jurisdiction()
# Rules a changed cell may break in another row: a record naming the changed one.
ACROSS_ROWS = {
    "reference",
    "duplicate_id",
    "unique_id_card",
    "one_residence",
    "whole_units",
    "compound_in_community",
    "code_extends",
    "one_boundary",
}
LONG_DIGITS = re.compile(r"\d{7,}")


def base_pages():
    buffer = io.BytesIO()
    graph = CommunityGraph.from_jurisdiction(TOWN)
    write_workbook(graph, buffer, audience=Access("p-wang-jun", "测试"))
    buffer.seek(0)
    book = CalamineWorkbook.from_filelike(buffer)
    return {
        title: book.get_sheet_by_name(title).to_python(skip_empty_area=False)
        for title in book.sheet_names
        if title != VOCABULARY_SHEET
    }


PAGES = base_pages()
FILLED = [title for title, rows in PAGES.items() if len(rows) > FIRST_DATA_ROW - 1]
EXPECTED = attrs.evolve(TOWN, boundaries=())


def book_of(pages):
    book = Workbook(write_only=True)
    for title, rows in pages.items():
        page = book.create_sheet(title)
        for row in rows:
            page.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer


def copied(pages):
    return {title: [list(row) for row in rows] for title, rows in pages.items()}


cell_values = st.one_of(
    st.none(),
    st.text(st.characters(exclude_categories=("Cc", "Cs")), max_size=20),  # as a cell holds
    st.integers(-(10**20), 10**20),
    st.floats(allow_nan=False, allow_infinity=False),
    st.booleans(),
    st.dates(date(1800, 1, 1), date(2200, 1, 1)),
    st.datetimes(datetime(1900, 1, 1), datetime(2100, 1, 1)),  # noqa: DTZ001  (a cell's own)
    st.just(1.1010519491231e17),
    st.sampled_from(["男", "流动人口", "社区民警", "2024-02-30", "pg-01", "  ", "1e3"]),
)


@st.composite
def changed_cells(draw):
    title = draw(st.sampled_from(FILLED))
    rows = PAGES[title]
    row = draw(st.integers(FIRST_DATA_ROW - 1, len(rows) - 1))
    column = draw(st.integers(0, len(rows[0]) - 1))
    return title, row, column, draw(cell_values)


def assert_located(error, changed_rows):
    for cell in error.cells:
        assert cell.sheet in {sheet.title for sheet in SHEETS}, cell
        assert cell.row >= 1
        if cell.rule not in ACROSS_ROWS:
            assert (cell.sheet, cell.row) in changed_rows, cell
        text = cell.message + cell.message_zh
        assert not LONG_DIGITS.search(text), text  # no number a person could be known by
        assert re.search(r"[\u4e00-\u9fff]", cell.message_zh.split(": ", 1)[1]), cell


def test_the_rows_read_back_and_written_again_are_the_same_town():
    assert read_workbook(book_of(PAGES), id=TOWN.id, name=TOWN.name) == EXPECTED


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(changed_cells(), min_size=1, max_size=4))
def test_changed_cells_give_only_located_library_errors(changes):
    pages = copied(PAGES)
    changed_rows = set()
    for title, row, column, value in changes:
        pages[title][row][column] = value
        changed_rows.add((title, row + 1))
    try:
        read_workbook(book_of(pages), id=TOWN.id, name=TOWN.name)
    except WorkbookError as error:
        refused = error
    else:
        return
    assert refused.cells
    assert_located(refused, changed_rows)


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(FILLED), st.randoms(use_true_random=False))
def test_shuffled_columns_and_english_headers_read_the_same(title, random):
    pages = copied(PAGES)
    rows = pages[title]
    order = list(range(len(rows[0])))
    random.shuffle(order)
    english = random.random() < 0.5
    if english:
        rows[0] = list(rows[1])  # the field paths stand as the headers
    pages[title] = [[row[index] for index in order] for row in rows]
    assert read_workbook(book_of(pages), id=TOWN.id, name=TOWN.name) == EXPECTED


@settings(max_examples=12, deadline=None)
@given(st.sampled_from(FILLED), st.data())
def test_a_misspelt_header_is_reported_at_its_cell(title, data):
    pages = copied(PAGES)
    column = data.draw(st.integers(0, len(pages[title][0]) - 1))
    pages[title][0][column] = pages[title][0][column] + "x"
    pages[title][1][column] = "not_a_field"
    with pytest.raises(WorkbookError) as caught:
        read_workbook(book_of(pages), id=TOWN.id, name=TOWN.name)
    unknown = [cell for cell in caught.value.cells if cell.rule == "unknown_column"]
    assert [(cell.sheet, cell.row, cell.column) for cell in unknown] == [
        (title, 1, get_column_letter(column + 1))
    ]


def test_an_id_card_number_excel_made_a_number_is_reported_not_repeated():
    pages = copied(PAGES)
    rows = pages["人员"]
    column = rows[1].index("id_card_number")
    row = next(at for at in range(FIRST_DATA_ROW - 1, len(rows)) if rows[at][column])
    rows[row][column] = 1.1010519491231e17
    with pytest.raises(WorkbookError) as caught:
        read_workbook(book_of(pages), id=TOWN.id, name=TOWN.name)
    (cell,) = caught.value.cells
    assert (cell.sheet, cell.row, cell.rule) == ("人员", row + 1, "number_as_text")
    assert "110105" not in cell.message + cell.message_zh


def test_blank_rows_between_records_are_skipped():
    pages = copied(PAGES)
    for title in FILLED:
        rows = pages[title]
        width = len(rows[0])
        pages[title] = rows[: FIRST_DATA_ROW - 1] + [
            cell for row in rows[FIRST_DATA_ROW - 1 :] for cell in ([None] * width, row)
        ]
    assert read_workbook(book_of(pages), id=TOWN.id, name=TOWN.name) == EXPECTED
