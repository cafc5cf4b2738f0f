"""Workbooks in and out: round trips, and every problem at its sheet, row and column."""

import io
import itertools

import attrs
import pytest
from hypothesis import given, settings
from openpyxl import Workbook, load_workbook

from community_policing import (
    Access,
    Audience,
    CommunityGraph,
    ValidationError,
    sample,
    within_area,
)
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
    write_workbook(graph, buffer, audience=access)
    assert read_workbook(buffer, id=document.id, name=document.name) == whole(document)


def test_the_public_workbook_holds_no_personal_data():
    buffer = io.BytesIO()
    write_workbook(CommunityGraph.from_jurisdiction(sample.jurisdiction()), buffer)
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


def test_a_title_row_and_headers_merged_over_two_rows_are_read():
    book = Workbook()
    page = book.active
    page.title = "居住"
    page["A1"] = "实有人口居住登记表"
    page.merge_cells("A1:E1")
    for column, header in zip("ABC", ["编号", "人员", "户"], strict=True):
        page[f"{column}2"] = header
        page.merge_cells(f"{column}2:{column}3")
    page["D2"] = "期间"  # a group heading over its two dates
    page.merge_cells("D2:E2")
    page["D3"], page["E3"] = "起始日期", "终止日期"
    page.append(["r-1", "p-1", "h-1", "2024-01-01", "2024-06-30"])
    page.append(["r-2", "p-2", "h-1", "2024-02-01"])
    with pytest.raises(WorkbookError) as caught:
        read_workbook(roundtrip(book), id="j", name="示例")
    # both residences were read in full; only their people and household are missing
    rows = {(c.row, c.column) for c in caught.value.cells}
    assert rows == {(4, "B"), (4, "C"), (5, "B"), (5, "C")}


def test_a_household_merged_down_several_rows_belongs_to_each():
    town = sample.jurisdiction()
    buffer = io.BytesIO()
    write_workbook(CommunityGraph.from_jurisdiction(town), buffer, audience=OFFICER)
    book = load_workbook(buffer)
    page = book["居住"]
    first = FIRST_DATA_ROW
    same = [
        row
        for row in range(first, page.max_row + 1)
        if page.cell(row, 3).value == page.cell(first, 3).value
    ]
    assert len(same) > 1
    assert same == list(range(first, first + len(same)))
    for row in same[1:]:
        page.cell(row, 3).value = None
    page.merge_cells(f"C{first}:C{same[-1]}")
    back = read_workbook(roundtrip(book), id=town.id, name=town.name)
    assert back.residences == whole(town).residences


def test_a_csv_with_a_two_row_header_and_a_stray_value(tmp_path):
    header = "编号,名称,网格,位置,\n,,,经度,纬度\n"
    (tmp_path / "buildings.csv").write_text(
        header + "b-1,一号楼,mg-1,117.1,36.6,stray\n", encoding="utf-8"
    )
    with pytest.raises(WorkbookError) as caught:
        read_tables(tmp_path, id="j", name="示例")
    stray = [c for c in caught.value.cells if c.rule == "unknown_column"]
    assert [(c.row, c.column) for c in stray] == [(3, "F")]
    assert "stray" not in stray[0].message
    assert {c.column for c in caught.value.cells} == {"C", "F"}  # and the grid is unknown
    (tmp_path / "buildings.csv").write_text(
        header + "b-1,一号楼,mg-1,117.1,36.6\n", encoding="utf-8"
    )
    (tmp_path / "网格.csv").write_text("编号,名称,社区村\nmg-1,一网格,\n", encoding="utf-8")
    with pytest.raises(WorkbookError) as caught:
        read_tables(tmp_path, id="j", name="示例")
    assert all(c.sheet == "网格" for c in caught.value.cells)


def test_one_area_is_written_and_reads_back_as_that_part():
    town = sample.jurisdiction()
    buffer = io.BytesIO()
    write_workbook(
        CommunityGraph.from_jurisdiction(town), buffer, audience=OFFICER, within="township:t-ximen"
    )
    back = read_workbook(buffer, id=town.id, name=town.name)
    assert back == whole(within_area(whole(town), "township:t-ximen"))


def test_progress_is_reported_stage_by_stage():
    town = sample.jurisdiction()
    seen = []
    buffer = io.BytesIO()
    write_workbook(CommunityGraph.from_jurisdiction(town), buffer, progress=seen.append)
    assert [p.stage for p in seen][-1] == "save"
    written = [p for p in seen if p.stage == "write"]
    assert written[-1].done == written[-1].total > 0
    seen.clear()
    read_workbook(buffer, id="j", name="示例", progress=seen.append)
    stages = [p.stage for p in seen]
    assert stages.index("read") < stages.index("parse") < stages.index("check")
    assert seen[-1].stage == "check"
    assert seen[-1].fraction == 1.0
    parsed = [p for p in seen if p.stage == "parse"]
    assert parsed[-1].done == parsed[-1].total
    assert all(a.done <= b.done for a, b in itertools.pairwise(parsed))


def test_csv_edges_and_progress(tmp_path):
    (tmp_path / "社区村.csv").write_text(
        "编号,名称,类别,城乡属性,人口数,警格\nc-1,西门社区,社区,城市,  ,   \n", encoding="utf-8"
    )
    (tmp_path / "分局.csv").write_text("", encoding="utf-8")  # an empty sheet
    (tmp_path / "户.csv").write_text("门牌,楼层\n1,2\n", encoding="utf-8")  # no header known
    seen = []
    with pytest.raises(WorkbookError) as caught:
        read_tables(tmp_path, id="j", name="示例", progress=seen.append)
    found = {(c.sheet, c.row, c.column, c.rule) for c in caught.value.cells}
    assert ("户", 1, "A", "unknown_column") in found
    assert ("户", 1, "B", "unknown_column") in found
    assert ("社区村", 2, "E", "required") in found  # blank text is no population
    assert [p.step for p in seen if p.stage == "read"] == ["分局", "户", "社区村"]


def test_the_documents_id_and_name_are_judged_before_any_cell(tmp_path):
    (tmp_path / "分局.csv").write_text("编号,名称\nsb-1,分局\n", encoding="utf-8")
    with pytest.raises(ValidationError, match="id"):
        read_tables(tmp_path, id="a b", name="示例")
    with pytest.raises(ValidationError, match="name"):
        read_tables(tmp_path, id="j", name=" ")
