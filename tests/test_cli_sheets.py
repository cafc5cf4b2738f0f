"""The spreadsheet commands: template, import and export, and their errors."""

import json

from openpyxl import load_workbook

from community_policing import Jurisdiction, dump, load, sample
from community_policing.cli import main
from community_policing.cli.output import language
from community_policing.io.workbook import FIRST_DATA_ROW


def test_template_then_import_of_a_filled_book(tmp_path, capsys):
    book = tmp_path / "book.xlsx"
    assert main(["template", "-o", str(book)]) == 0
    filled = load_workbook(book)
    filled["分局"].cell(FIRST_DATA_ROW, 1, "sb-1")
    filled["分局"].cell(FIRST_DATA_ROW, 2, "示例分局")
    filled.save(book)
    assert main(["import", str(book), "--id", "j-1", "--name", "示例"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["sub_bureaus"] == [{"id": "sb-1", "name": "示例分局", "code": None}]


def test_import_problems_are_one_line_each_in_the_chosen_language(tmp_path, capsys):
    (tmp_path / "人员.csv").write_text("编号,姓名,公民身份号码\np-1,,110105194912310022\n")
    output = tmp_path / "out.json"
    assert main(["import", str(tmp_path), "-o", str(output), "--lang", "zh"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert "人员 第2行 姓名: 必填项为空" in err
    assert "人员 第2行 公民身份号码: 校验码不符 (GB 11643)" in err
    assert not output.exists()
    assert main(["import", str(tmp_path), "-o", str(output), "--lang", "en"]) == 1
    assert all("110105" not in line for line in capsys.readouterr().err.splitlines())


def test_export_for_the_public_and_back(tmp_path):
    town = tmp_path / "town.json"
    dump(sample.jurisdiction(), town)
    book = tmp_path / "town.xlsx"
    assert main(["export", str(town), "-o", str(book), "--within", "police_grid:pg-01"]) == 0
    back = tmp_path / "back.json"
    assert main(["import", str(book), "-o", str(back), "--id", "j"]) == 0
    document = load(back, Jurisdiction)
    assert [grid.id for grid in document.police_grids] == ["pg-01"]
    assert document.residences == ()


def test_a_privileged_export_names_who_why_and_where_the_audit_goes(tmp_path, capsys):
    town = tmp_path / "town.json"
    dump(sample.jurisdiction(), town)
    book, audit = tmp_path / "town.xlsx", tmp_path / "audit.jsonl"
    args = ["export", str(town), "-o", str(book), "--audience", "officer"]
    assert main(args) == 2
    assert "--audit" in capsys.readouterr().err
    assert not book.exists()
    who = ["--as", "p-wang-jun", "--purpose", "备份", "--audit", str(audit)]
    assert main(args + who) == 0
    assert main(args + who) == 0
    records = [json.loads(line) for line in audit.read_text().splitlines()]
    assert [record["query"] for record in records] == ["write_workbook"] * 2
    assert records[0]["actor"] == "p-wang-jun"
    stranger = ["--as", "p-nobody", "--purpose", "备份", "--audit", str(audit)]
    assert main(args + stranger) == 1
    assert "p-nobody" in capsys.readouterr().err
    assert len(audit.read_text().splitlines()) == 2


def test_errors_name_the_file_without_a_traceback(tmp_path, capsys):
    assert main(["import", str(tmp_path / "none.xlsx")]) == 2
    assert main(["export", str(tmp_path / "none.json"), "-o", str(tmp_path / "x.xlsx")]) == 2
    err = capsys.readouterr().err
    assert "none.xlsx" in err
    assert "none.json" in err
    assert "Traceback" not in err
    town = tmp_path / "town.json"
    dump(sample.jurisdiction(), town)
    assert main(["export", str(town), "-o", str(tmp_path / "x.xlsx"), "--within", "pg-01"]) == 1
    assert "'<kind>:<id>'" in capsys.readouterr().err
    assert not (tmp_path / "x.xlsx").exists()  # a refused export writes nothing


def test_the_default_language_follows_the_locale(monkeypatch):
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(name, raising=False)
    assert language() == "en"
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    assert language() == "zh"
    monkeypatch.setenv("LC_ALL", "C")
    assert language() == "en"
