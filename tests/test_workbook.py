"""The workbook's shape and the template a station fills in."""

import io

import pytest
from openpyxl import load_workbook

from community_policing import MissingExtraError, PopulationCategory, Role
from community_policing.io.sheets import SHEETS, sheet_of
from community_policing.io.workbook import FIRST_DATA_ROW, VOCABULARY_SHEET, write_template
from community_policing.model.jurisdiction import COLLECTIONS


def template():
    buffer = io.BytesIO()
    write_template(buffer)
    buffer.seek(0)
    return load_workbook(buffer)


def test_every_collection_has_a_sheet_with_unique_headers():
    assert [sheet.collection for sheet in SHEETS] == [*COLLECTIONS, "lifetimes"]
    for sheet in SHEETS:
        headers = [column.header for column in sheet.columns]
        assert len(set(headers)) == len(headers), sheet.title
        assert all(column.path for column in sheet.columns)
    with pytest.raises(KeyError):
        sheet_of("castles")
    with pytest.raises(KeyError):
        sheet_of("persons").column("castle")


def test_nested_fields_spread_over_columns_and_know_what_is_required():
    residences = sheet_of("residences")
    assert residences.column("period.start").required
    assert not residences.column("period.end").required
    assert not residences.column("provenance.recorded_by").required  # the provenance is optional
    assert residences.column("period.start").kind == "date"
    assert sheet_of("communities").column("population").kind == "integer"
    assert sheet_of("buildings").column("location.lat").kind == "number"
    assert sheet_of("standard_addresses").column("parts.room").header == "户室"


def test_the_template_has_headers_paths_explanations_lists_and_text_columns():
    book = template()
    assert book.sheetnames == [sheet.title for sheet in SHEETS] + [VOCABULARY_SHEET]
    assert book[VOCABULARY_SHEET].sheet_state == "hidden"
    persons = book["人员"]
    assert [persons.cell(1, i).value for i in range(1, 4)] == ["编号", "姓名", "公民身份号码"]
    assert persons.cell(2, 3).value == "id_card_number"
    assert "文本 text" in persons.cell(3, 3).value
    assert persons.column_dimensions["C"].number_format == "@"
    assert persons.column_dimensions["E"].number_format == "yyyy-mm-dd"
    assert persons.freeze_panes == f"A{FIRST_DATA_ROW}"
    residences = book["居住"]
    column = [c.path for c in sheet_of("residences").columns].index("category") + 1
    (rule,) = residences.data_validations.dataValidation
    assert rule.type == "list"
    assert rule.formula1.startswith(f"'{VOCABULARY_SHEET}'!$")
    letter = rule.formula1.split("!$")[1][0]
    words = book[VOCABULARY_SHEET]
    index = next(i for i in range(1, 40) if words.cell(1, i).value == "PopulationCategory")
    assert letter == chr(ord("A") + index - 1)
    labels = [words.cell(row, index).value for row in range(2, 2 + len(PopulationCategory))]
    assert labels == [member.zh for member in PopulationCategory]
    assert str(rule.sqref).startswith(f"{chr(ord('A') + column - 1)}{FIRST_DATA_ROW}:")
    assert any(words.cell(1, i).value == "Role" for i in range(1, 40))
    assert len(Role) > 10  # a list too long to write inline, kept on the hidden sheet


def test_the_template_names_its_extra(missing, tmp_path):
    missing("openpyxl")
    with pytest.raises(MissingExtraError) as caught:
        write_template(tmp_path / "book.xlsx")
    assert caught.value.extra == "tabular"
