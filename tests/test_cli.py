import contextlib
import io
import json
import runpy
import subprocess
import sys
from datetime import date

import pytest
from rich.cells import cell_len

import community_policing
from community_policing import (
    Jurisdiction,
    Membership,
    Organization,
    OrganizationKind,
    Period,
    Person,
    Post,
    Role,
    dumps,
    sample,
)
from community_policing.cli import graph_demo, main, summarize
from community_policing.cli.demo import map_demo
from community_policing.cli.output import table


def test_demo_prints_counts_and_posts(capsys):
    assert main(["demo", "--as-of", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("示例县示例镇 (sample-county), as of 2025-01-01")
    assert "police grids (警格)" in out
    assert "police grid pg-01 第一警格: resident auxiliary (驻村辅警): 李强" in out
    assert "police grid pg-04 镇区二警格: auxiliary officer (辅警): — vacant" in out


def test_demo_defaults_to_today(capsys):
    assert main(["demo"]) == 0
    assert f"as of {date.today().isoformat()}" in capsys.readouterr().out  # noqa: DTZ011


def test_summary_follows_the_date():
    before = summarize(sample.jurisdiction(), date(2024, 1, 1))
    after = summarize(sample.jurisdiction(), date(2025, 1, 1))
    # the auxiliary of pg-04 left on 2024-09-01; before that the post was held
    assert "镇区二警格: auxiliary officer (辅警): 孙浩" in before
    assert "镇区二警格: auxiliary officer (辅警): — vacant" in after


def test_summary_personal_data_stays_out():
    text = summarize(sample.jurisdiction(), date(2025, 1, 1))
    for person in sample.jurisdiction().persons:
        assert person.phone not in text
        assert person.id_card_number not in text


def test_validate_accepts_a_good_document(tmp_path, capsys):
    path = tmp_path / "doc.json"
    path.write_text(dumps(sample.jurisdiction()), encoding="utf-8")
    assert main(["validate", str(path)]) == 0
    assert "valid" in capsys.readouterr().out


def test_validate_lists_problems(tmp_path, capsys):
    document = json.loads(dumps(sample.jurisdiction()))
    document["persons"][0]["phone"] = "555"
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    assert "$.persons[0].phone" in capsys.readouterr().err


def test_validate_missing_file(capsys):
    assert main(["validate", "/nonexistent/doc.json"]) == 2
    assert capsys.readouterr().err == (
        "community-policing: cannot use 'doc.json': no such file or directory\n"
    )


def test_bad_arguments_exit_with_usage():
    with pytest.raises(SystemExit) as caught:
        main(["demo", "--as-of", "yesterday"])
    assert caught.value.code == 2


def test_module_entry_point_runs(monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["community_policing", "demo", "--as-of", "2025-01-01"])
    with pytest.raises(SystemExit) as caught:
        runpy.run_module("community_policing", run_name="__main__")
    assert caught.value.code == 0
    assert "Who is posted where" in capsys.readouterr().out


def test_summary_names_posts_of_an_organisation():
    doc = Jurisdiction(
        id="j",
        name="保安",
        organizations=(
            Organization(id="o-1", name="示例保安公司", kind=OrganizationKind.SECURITY_COMPANY),
        ),
        persons=(Person(id="p-1", name="张伟"),),
        posts=(Post(id="post-1", role=Role.SECURITY_GUARD, organization="o-1"),),
        memberships=(
            Membership(id="m-1", person="p-1", post="post-1", period=Period(date(2024, 1, 1))),
        ),
    )
    text = summarize(doc, date(2025, 1, 1))
    assert "organisation o-1 示例保安公司: security guard (保安员): 张伟" in text


def test_demo_shows_a_locate_and_a_responsible_query(capsys):
    assert main(["demo", "--as-of", "2025-01-01"]) == 0
    out = capsys.readouterr().out
    assert "Locate p-zhu-wei (purpose: 入户走访, asked by p-wang-jun):" in out
    assert "Responsible for 西门路7号楼201室 (typed as text: standard address a-xm-7-201):" in out
    assert "gap: police_grid:pg-04 于 2025-01-01 无警格民警或辅警" in out


def test_graph_demo_when_the_person_has_no_home_yet():
    text = graph_demo(date(2000, 1, 1))
    assert "no residence in force on that day" in text


def test_demo_prints_a_check_report(capsys):
    assert main(["demo", "--as-of", "2025-01-01", "--lang", "zh"]) == 0
    out = capsys.readouterr().out
    assert "检查日期 2025-01-01：2 项问题" in out
    assert "✓ population_cap" in out


def test_demo_draws_the_map_where_asked(tmp_path, capsys):
    picture = tmp_path / "maps" / "town.png"
    assert main(["demo", "--as-of", "2025-01-01", "--map", str(picture)]) == 0
    out = capsys.readouterr().out
    assert "Borders measured from the outlines: 7, the same as typed in by hand" in out
    assert picture.read_bytes().startswith(b"\x89PNG")
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert "cannot write the map" in map_demo(date(2025, 1, 1), str(blocked / "town.png"))


def test_the_map_section_names_the_extra_it_misses(missing):
    missing("matplotlib")
    assert map_demo(date(2025, 1, 1), "never.png").endswith(
        "(install the plot extra to draw the map)"
    )
    missing("shapely")
    assert map_demo(date(2025, 1, 1)) == "Map of the sample (地图): install the geo extra to see it"


def test_version_is_the_packages(capsys):
    with pytest.raises(SystemExit) as exited:
        main(["--version"])
    assert exited.value.code == 0
    assert capsys.readouterr().out.strip() == f"community-policing {community_policing.__version__}"


def test_a_closed_pipe_stops_the_command_quietly():
    command = [sys.executable, "-m", "community_policing", "demo"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as running:
        assert running.stdout is not None
        running.stdout.close()  # the reader is gone before a line is written, as `| head -0`
        errors = running.stderr.read() if running.stderr else b""
        status = running.wait(timeout=120)
    assert status == 141
    assert errors == b""


def test_the_source_systems_are_listed_shown_and_reported_for_programs(capsys):
    assert main(["system", "list", "--json"]) == 0
    assert [row["id"] for row in json.loads(capsys.readouterr().out)] == [
        "jining-shizhong",
        "tieshan",
        "jiayuan",
        "hubin",
        "yuncheng",
    ]
    assert main(["system", "show", "004", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["ladder"][0] == {"level": 3, "name": "grid", "name_zh": "网格"}
    assert {f["key"]: f["shown"] for f in data["figures"]}["resolution_rate"] == "98.66 %"
    assert all(f["source"] == data["source"] for f in data["figures"])
    assert main(["system", "report", "tieshan", "--example", "--json"]) == 0
    board = json.loads(capsys.readouterr().out)
    assert board["reproduced"] == len(board["figures"]) - 1


def test_the_source_systems_speak_to_people_in_either_language(capsys):
    assert main(["system", "show", "yuncheng", "--lang", "zh"]) == 0
    assert "化解率：98.66 %" in capsys.readouterr().out
    assert main(["system", "list", "--lang", "en"]) == 0
    assert "Yuncheng city bureau" in capsys.readouterr().out
    assert main(["system", "report", "001", "--example", "--seed", "3", "--lang", "zh"]) == 0
    assert "送证上门：来源 538，示例 538 ✓" in capsys.readouterr().out
    assert main(["system", "report", "yuncheng", "--example", "--lang", "en"]) == 0
    assert "resolution rate: source 98.66 %, example 98.66 % ✓" in capsys.readouterr().out


def test_an_unknown_system_is_one_line_on_stderr(capsys):
    assert main(["system", "show", "fengqiao"]) == 1
    said = capsys.readouterr().err
    assert said.count("\n") == 1
    assert "yuncheng" in said
    assert main(["system", "report", "fengqiao", "--example"]) == 1
    assert "yuncheng" in capsys.readouterr().err


def test_check_runs_the_default_or_a_systems_checks_on_a_file_or_standard_input(tmp_path):
    town = tmp_path / "town.json"
    town.write_text(dumps(sample.jurisdiction()), encoding="utf-8")
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["check", str(town), "--as-of", "2025-01-01", "--json"]) == 3
    report = json.loads(out.getvalue())
    assert {v["rule"] for v in report["violations"]} == {"one_grid_one_officer", "grid_worker"}
    piped = subprocess.run(
        [
            sys.executable,
            "-m",
            "community_policing",
            "check",
            "-",
            "--system",
            "hubin",
            "--as-of",
            "2025-01-01",
            "--json",
        ],
        input=town.read_text(encoding="utf-8"),
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["checks"] == []


def test_check_and_validate_speak_to_people_and_refuse_bad_input(tmp_path, capsys):
    town = tmp_path / "town.json"
    town.write_text(dumps(sample.jurisdiction()), encoding="utf-8")
    assert main(["check", str(town), "--as-of", "2025-01-01", "--lang", "zh"]) == 3
    assert "检查日期 2025-01-01：2 项问题" in capsys.readouterr().out
    assert main(["check", str(town), "--system", "jiayuan", "--as-of", "2025-01-01"]) == 3
    capsys.readouterr()
    assert main(["validate", str(town), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["valid"] is True
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "jurisdiction", "schema_version": 1, "id": "x"}', encoding="utf-8")
    assert main(["check", str(broken)]) == 1
    assert "name" in capsys.readouterr().err


def test_responsible_answers_for_a_place_in_a_users_file(tmp_path, capsys):
    town = tmp_path / "town.json"
    town.write_text(dumps(sample.jurisdiction()), encoding="utf-8")
    assert (
        main(["responsible", str(town), "household:h-sd-12", "--as-of", "2025-01-01", "--json"])
        == 0
    )
    answer = json.loads(capsys.readouterr().out)
    assert answer["police_grid"] == "police_grid:pg-01"
    assert [h["role"] for h in answer["grid_workers"]] == ["grid_worker"]
    assert (
        main(["responsible", str(town), "building:b-xm-7", "--as-of", "2025-01-01", "--lang", "en"])
        == 0
    )
    said = capsys.readouterr().out
    assert "police grid: police_grid:pg-04 — nobody" in said
    assert "✗ police_grid:pg-04 has no police grid officer or auxiliary" in said
    assert main(["responsible", str(town), "西门路999号", "--as-of", "2025-01-01"]) == 1
    refused = capsys.readouterr().err
    assert refused.count("\n") == 1
    assert "西门路999号" not in refused  # a typed address is never repeated


def test_tables_line_up_chinese_and_latin_text_in_terminal_cells():
    laid = table(("区域", "count"), [("社区/行政村", "4"), ("police grid", "12")]).splitlines()
    starts = [cell_len(line[: line.rindex(" ") + 1]) for line in laid]
    assert len(set(starts)) == 1  # the second column starts in the same terminal column
    assert laid[1].startswith("社区/行政村")
    assert laid[1].endswith("4")


def test_tables_are_tab_separated_without_rich(missing):
    missing("rich")
    assert table(("id", "名称"), [("pg-01", "第一警格")]) == "id\t名称\npg-01\t第一警格"


def test_a_file_named_like_personal_data_is_not_named(tmp_path, capsys):
    card = tmp_path / "110105194912310021.json"
    card.write_text("{}", encoding="utf-8")
    assert main(["validate", str(card)]) == 1
    said = capsys.readouterr().err
    assert "110105194912310021" not in said
    assert said.startswith("community-policing: <withheld: 23 characters> was refused:")
