"""Every command end to end, as a user runs it: a process of its own, data for programs.

Each command is run at least once with ``--json`` through ``python -m community_policing``
(``_cli``); its standard output is one JSON value, its standard error empty unless it refuses,
and its exit status the documented one. Its variants run through the same ``main`` in this
process (``_here``), with the same streams, to keep the suite quick. Files come from the
project's own sample.
"""

import io
import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from community_policing import Jurisdiction, dumps, loads, sample
from community_policing.catalog import Records
from community_policing.cli import main
from community_policing.io.workbook import FIRST_DATA_ROW
from helpers import retirement_change_set


def _cli(*arguments, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "community_policing", *map(str, arguments)],
        input=stdin,
        capture_output=True,
        check=False,
        timeout=120,
    )


def _here(*arguments, stdin=None):
    """``_cli`` in this process: ``main`` with its own standard streams."""
    out, err = io.BytesIO(), io.BytesIO()
    streams = (
        io.TextIOWrapper(out, encoding="utf-8"),
        io.TextIOWrapper(err, encoding="utf-8"),
        io.TextIOWrapper(io.BytesIO(stdin or b""), encoding="utf-8"),
    )
    saved = sys.stdout, sys.stderr, sys.stdin
    sys.stdout, sys.stderr, sys.stdin = streams
    try:
        status = main([str(argument) for argument in arguments])
    finally:
        streams[0].flush()
        streams[1].flush()
        sys.stdout, sys.stderr, sys.stdin = saved
    return subprocess.CompletedProcess(arguments, status, out.getvalue(), err.getvalue())


def _data(ran, status=0):
    assert ran.returncode == status, ran.stderr.decode()
    return json.loads(ran.stdout)


@pytest.fixture(scope="module")
def town(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "town.json"
    path.write_text(dumps(sample.jurisdiction()), encoding="utf-8")
    return path


def test_demo_and_validate(town, tmp_path):
    demo = _data(_cli("demo", "--as-of", "2025-01-01", "--json"))
    assert demo["counts"]["police_grids"] == 4
    assert {v["rule"] for v in demo["checks"]["violations"]} == {
        "one_grid_one_officer",
        "grid_worker",
    }
    piped = _data(_cli("validate", "-", "--json", stdin=town.read_bytes()))
    assert piped == {"valid": True, "entities": sum(1 for _ in sample.jurisdiction().entities())}
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "jurisdiction", "schema_version": 1, "id": "x"}')
    refused = _here("validate", broken, "--json")
    assert _data(refused, 1) == {
        "valid": False,
        "problems": [{"path": "$.name", "rule": "required", "reason": "required field is missing"}],
    }
    said = refused.stderr.decode().splitlines()
    assert said[0] == "community-policing: 'broken.json' was refused: 1 problem in document:"
    missing = _here("validate", tmp_path / "none.json", "--json")
    assert (missing.returncode, missing.stdout) == (2, b"")
    assert missing.stderr.decode() == (
        "community-policing: cannot use 'none.json': no such file or directory\n"
    )


def test_places(town, tmp_path):
    answer = _data(_cli("responsible", town, "building:b-xm-7", "--as-of", "2025-01-01", "--json"))
    assert answer["police_grid"] == "police_grid:pg-04"
    assert [h["name"] for h in answer["community_officers"]] == ["王军"]
    point = _data(
        _here("responsible", town, "--at", "116.565,35.415", "--as-of", "2025-03-01", "--json")
    )
    assert point["management_grid"] == "management_grid:mg-ximen-1"
    areas = _data(_here("locate", "-", "--at", "116.51,35.41", "--json", stdin=town.read_bytes()))
    assert areas["police"][:2] == ["police_grid:pg-01", "policing_district:pd-east"]
    assert _data(_here("locate", town, "--at", "100,10", "--json"))["found"] is False
    audit = tmp_path / "audit.jsonl"
    asked = ["--as", "p-wang-jun", "--purpose", "入户走访", "--audit", audit]
    home = _data(
        _cli("locate", town, "person:p-zhu-wei", *asked, "--as-of", "2025-01-01", "--json")
    )
    assert home["address"]["text"] == "西门路88号嘉园小区1号楼1单元101室"
    assert [p["name"] for p in home["co_residents"]] == ["秦娜", "朱晓"]
    (record,) = [json.loads(line) for line in audit.read_text(encoding="utf-8").splitlines()]
    assert (record["actor"], record["purpose"], record["subject"]) == (
        "p-wang-jun",
        "入户走访",
        "p-zhu-wei",
    )
    unaudited = _here("locate", town, "person:p-zhu-wei", "--as", "p-wang-jun", "--json")
    assert (unaudited.returncode, unaudited.stdout) == (2, b"")
    assert "--audit" in unaudited.stderr.decode()


def test_plan_and_map(town, tmp_path):
    plan = _data(_here("plan", town, "--as-of", "2025-01-01", "--json"))
    assert len(plan["grids"]) == plan["lower_bound"] == 4
    assert plan["proven_optimal"] is True
    planned = tmp_path / "planned.json"
    written = _cli(
        "plan", town, "--communities", "v-shedong,v-shexi,v-beiguan", "--district", "pd-east",
        "--as-of", "2025-01-01", "-o", planned, "--json",
    )  # fmt: skip
    assert len(_data(written)["grids"]) == 2
    grids = loads(planned.read_text(encoding="utf-8"), Jurisdiction).police_grids
    assert {g.id for g in grids if g.district == "pd-east"} >= {"pg-01", "pg-02"}
    drawn = _data(_cli("map", town, "--as-of", "2025-01-01", "-o", tmp_path / "map.png", "--json"))
    assert drawn["type"] == "FeatureCollection"
    outlines = [f for f in drawn["features"] if f["geometry"]["type"] != "Point"]
    assert len(outlines) == 19  # and the located places beside them
    assert (tmp_path / "map.png").read_bytes().startswith(b"\x89PNG")


def test_spreadsheets(town, tmp_path):
    book = tmp_path / "book.xlsx"
    assert _data(_cli("template", "-o", book, "--json"))["output"] == "book.xlsx"
    filled = load_workbook(book)
    filled["分局"].cell(FIRST_DATA_ROW, 1, "sb-1")
    filled["分局"].cell(FIRST_DATA_ROW, 2, "示例分局")
    filled.save(book)
    read = _cli("import", "-", "--id", "j-1", "--name", "示例", "--json", stdin=book.read_bytes())
    assert _data(read)["sub_bureaus"] == [{"id": "sb-1", "name": "示例分局", "code": None}]
    out = tmp_path / "out.json"
    assert _data(_here("import", book, "-o", out, "--json"))["entities"] == 1
    exported = _cli("export", "-", "-o", "-", stdin=town.read_bytes())
    assert exported.returncode == 0, exported.stderr.decode()
    assert exported.stdout[:2] == b"PK"  # the workbook itself, on standard output
    said = _data(_here("export", town, "-o", tmp_path / "town.xlsx", "--json"))
    assert said == {"output": "town.xlsx", "audience": "public"}
    (tmp_path / "csv").mkdir()
    (tmp_path / "csv" / "人员.csv").write_text("编号,姓名\np-1,\n", encoding="utf-8")
    problems = _data(_here("import", tmp_path / "csv", "-o", out, "--json"), 1)["problems"]
    assert [(p["sheet"], p["row"], p["rule"]) for p in problems] == [("人员", 2, "required")]


def test_store(town, tmp_path):
    url = tmp_path / "station.db"
    assert _data(_cli("store", "init", url, "--json")) == {"created": True}
    saved = _cli(
        "store", "save", "-", url, "--author", "p-wang-jun", "--reason", "建库", "--json",
        stdin=town.read_bytes(),
    )  # fmt: skip
    assert _data(saved) == {"revision": 1}
    applied = _cli(
        "store", "apply", "-", url, "--json", stdin=dumps(retirement_change_set()).encode()
    )
    assert _data(applied) == {"applied": True, "revision": 2}
    again = _here(
        "store", "apply", "-", url, "--json", stdin=dumps(retirement_change_set()).encode()
    )
    assert again.returncode == 1
    loaded = _cli("store", "load", url, "--json")  # the document is the data
    assert loaded.returncode == 0, loaded.stderr.decode()
    assert loads(loaded.stdout, Jurisdiction).id == sample.jurisdiction().id
    log = _data(_cli("store", "log", url, "--json"))
    assert [entry["revision"] for entry in log] == [1, 2]


def test_systems(tmp_path):
    listed = _data(_cli("system", "list", "--json"))
    assert [row["number"] for row in listed] == ["000", "001", "002", "003", "004"]
    assert _data(_cli("system", "show", "hubin", "--json"))["id"] == "hubin"
    records = tmp_path / "hubin.json"
    said = _data(_cli("system", "example", "hubin", "--seed", "2", "-o", records, "--json"))
    assert said == {"output": "hubin.json", "system": "hubin", "seed": 2}
    mine = loads(records.read_text(encoding="utf-8"), Records)
    assert len(mine.zones) == 8
    board = _data(_cli("system", "report", "hubin", records, "--json"))
    assert board["seed"] is None
    assert board["reproduced"] == len(board["figures"]) == 5
    plot = tmp_path / "board.png"
    example = _data(_here("system", "report", "004", "--example", "--plot", plot, "--json"))
    assert example["seed"] == 0
    assert plot.read_bytes().startswith(b"\x89PNG")
    town = _data(
        _here(
            "system",
            "report",
            "yuncheng",
            "-",
            "--json",
            stdin=dumps(sample.jurisdiction()).encode(),
        )
    )
    measured = {row["key"]: row["measured"] for row in town["figures"]}
    assert measured["kaolao_grids"] == 4
    assert measured["brothers_tier"] is None
    wrong = _here("system", "report", "yuncheng", "-", stdin=dumps(mine.ledger).encode())
    assert wrong.returncode == 1
    assert "expected 'records' or 'jurisdiction'" in wrong.stderr.decode()
