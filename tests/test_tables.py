"""Workbooks in and out: round trips, and every problem at its sheet, row and column."""

import io

import attrs
import pytest
from hypothesis import given, settings
from openpyxl import load_workbook

from community_policing import Access, Audience, sample
from community_policing.io.sheets import sheet_of
from community_policing.io.tables import WorkbookError, read_tables, read_workbook, write_workbook
from community_policing.io.workbook import FIRST_DATA_ROW, write_template
from community_policing.testing import strategies as cps
from helpers import officer_of
from helpers import whole as whole_document

OFFICER = Access("p-wang-jun", "备份", Audience.OFFICER)


def roundtrip(book):
    out = io.BytesIO()
    book.save(out)
    return out


def whole(document):
    return attrs.evolve(document, boundaries=())


@settings(max_examples=5)
@given(cps.community_graphs())
def test_generated_jurisdictions_come_back_equal(graph):
    # a test officer holding a post today writes the document whole
    access = officer_of(graph)
    document = whole_document(graph)
    buffer = io.BytesIO()
    write_workbook(document, buffer, audience=access)
    assert read_workbook(buffer, id=document.id, name=document.name) == whole(document)


def test_the_public_workbook_holds_no_personal_data():
    buffer = io.BytesIO()
    write_workbook(sample.jurisdiction(), buffer)
    back = read_workbook(buffer, id="j", name="示例")
    assert back.residences == ()
    assert back.rental_housings == ()
    assert all(p.id_card_number is None and p.phone is None for p in back.persons)


def filled(rows_by_sheet):
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    for title, rows in rows_by_sheet.items():
        for offset, row in enumerate(rows):
            for column, value in row.items():
                book[title].cell(FIRST_DATA_ROW + offset, column, value)
    return roundtrip(book)


def test_every_problem_is_reported_at_its_cell_in_both_languages():
    person = sheet_of("persons")
    card = [c.path for c in person.columns].index("id_card_number") + 1
    book = filled(
        {
            "人员": [
                {1: "p-1", 2: "甲", card: "110105194912310022"},  # wrong check character
                {1: "p-2", 2: "乙", card: 1.1010519491231e17},  # Excel made it a number
                {},
                {1: "p-3"},  # no name
            ],
            "居住": [{1: "r-1", 2: "p-1", 3: "h-9", 4: "2024-01-01", 8: "流动人口"}],
        }
    )
    with pytest.raises(WorkbookError) as caught:
        read_workbook(book, id="j", name="示例")
    cells = {(c.sheet, c.row, c.column, c.rule) for c in caught.value.cells}
    assert ("人员", 5, "C", "number_as_text") in cells
    assert ("人员", 7, "B", "required") in cells
    assert ("居住", 4, "C", "reference") in cells
    checksum = next(c for c in caught.value.cells if c.row == 4 and c.sheet == "人员")
    assert checksum.column == "C"
    assert "身份" in checksum.message_zh or "校验" in checksum.message_zh
    text = "\n".join(c.message + c.message_zh for c in caught.value.cells)
    assert "110105194912310022" not in text
    assert "1101051949" not in text


def test_headers_in_either_language_in_any_order_and_chinese_labels():
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    book = load_workbook(buffer)
    page = book["社区村"]
    page.delete_rows(2, 2)  # no guide rows
    page.cell(1, 1, "name")
    page.cell(1, 2, "编号")
    page.cell(2, 1, "西门社区")
    page.cell(2, 2, "c-1")
    page.cell(2, 3, "社区")
    page.cell(2, 4, "城市")
    page.cell(2, 5, 9600)
    page.cell(1, 12, "castle")
    with pytest.raises(WorkbookError) as caught:
        read_workbook(roundtrip(book), id="j", name="示例")
    (unknown,) = caught.value.cells
    assert (unknown.sheet, unknown.row, unknown.column, unknown.rule) == (
        "社区村",
        1,
        "L",
        "unknown_column",
    )
    page.cell(1, 12).value = None
    back = read_workbook(roundtrip(book), id="j", name="示例")
    assert back.communities[0].name == "西门社区"
    assert back.communities[0].population == 9600


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_a_folder_of_csv_files_in_either_encoding(tmp_path, encoding):
    (tmp_path / "社区村.csv").write_bytes(
        "编号,名称,类别,城乡属性,人口数\nc-1,西门社区,社区,城市,9600\n\nc-2,北关村,行政村,农村,x\n".encode(
            encoding
        )
    )
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_tables(tmp_path, id="j", name="示例")
    (problem,) = caught.value.cells
    assert (problem.sheet, problem.row, problem.column, problem.rule) == ("社区村", 4, "E", "type")
    (tmp_path / "社区村.csv").write_bytes(
        "编号,名称,类别,城乡属性,人口数\nc-1,西门社区,社区,城市,9600\n".encode(encoding)
    )
    assert read_tables(tmp_path, id="j", name="示例").communities[0].population == 9600
