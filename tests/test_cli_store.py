"""The store commands: init, save, load (whole, an area, a day), apply, log."""

import json
from datetime import UTC, date, datetime

from community_policing import (
    ChangeSet,
    Edit,
    Jurisdiction,
    dump,
    dumps,
    load,
    on_day,
    sample,
    within_area,
)
from community_policing.cli import main
from helpers import retirement_change_set


def test_a_station_through_the_command_line(tmp_path, capsys):
    url = str(tmp_path / "station.db")
    town = tmp_path / "town.json"
    dump(sample.jurisdiction(), town)
    assert main(["store", "init", url]) == 0
    assert (
        main(["store", "save", str(town), url, "--author", "p-wang-jun", "--reason", "建库"]) == 0
    )
    out, audit = tmp_path / "back.json", tmp_path / "audit.jsonl"
    officer = ["--audience", "officer", "--as", "p-wang-jun", "--purpose", "备份"]
    assert main(["store", "load", url, "-o", str(out), *officer, "--audit", str(audit)]) == 0
    assert load(out, Jurisdiction) == sample.jurisdiction()
    assert json.loads(audit.read_text(encoding="utf-8"))["query"] == "store_load"
    assert main(["store", "load", url, *officer]) == 2  # no audit file named
    assert "--audit" in capsys.readouterr().err
    assert main(["store", "load", url, "-o", str(out)]) == 0  # for the public
    public = load(out, Jurisdiction)
    assert public.residences == ()
    assert all(person.id_card_number is None for person in public.persons)
    assert (
        main(["store", "load", url, "--within", "township:t-ximen", "--as-of", "2024-01-01"]) == 0
    )
    part = json.loads(capsys.readouterr().out)
    expected = on_day(within_area(sample.jurisdiction(), "township:t-ximen"), date(2024, 1, 1))
    assert [p["id"] for p in part["persons"]] == [p.id for p in expected.persons]

    made = retirement_change_set()
    change = tmp_path / "cs.json"
    change.write_text(dumps(made), encoding="utf-8")
    assert main(["store", "apply", str(change), url]) == 0
    assert capsys.readouterr().out.strip() == "revision 2"
    assert main(["store", "apply", str(change), url]) == 1
    assert "applied already" in capsys.readouterr().err

    broken = ChangeSet(
        id="cs-2",
        author="p-wang-jun",
        reason="测试",
        base_revision=2,
        at=datetime(2025, 1, 2, tzinfo=UTC),
        edits=(Edit.end("memberships", "m-none", date(2025, 1, 1)),),
    )
    change.write_text(dumps(broken), encoding="utf-8")
    assert main(["store", "apply", str(change), url]) == 1
    err = capsys.readouterr().err
    assert "refused, nothing written" in err
    assert "$.edits[0].id" in err

    assert main(["store", "log", url, "--lang", "en"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == ["revision", "1", "2"]
    assert lines[2].endswith("离任")
    assert main(["store", "log", url, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)
    assert [(e["revision"], e["author"], e["reason"]) for e in entries] == [
        (1, "p-wang-jun", "建库"),
        (2, "p-wang-jun", "离任"),
    ]
    assert entries[1]["edits"] == 1


def test_store_errors_are_one_line(tmp_path, capsys):
    url = str(tmp_path / "none.db")
    assert main(["store", "log", url]) == 1
    assert "create one first" in capsys.readouterr().err
    assert main(["store", "init", url]) == 0
    assert main(["store", "init", url]) == 1
    assert main(["store", "load", url]) == 1
    err = capsys.readouterr().err
    assert "there already" in err
    assert "no jurisdiction yet" in err


def test_store_commands_speak_json(tmp_path, capsys):
    url = str(tmp_path / "station.db")
    town = tmp_path / "town.json"
    dump(sample.jurisdiction(), town)
    assert main(["store", "init", url]) == 0
    assert main(["store", "save", str(town), url, "--author", "p-1", "--reason", "建库"]) == 0
    out = tmp_path / "back.json"
    assert main(["store", "load", url, "-o", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "output": "back.json",
        "revision": 1,
        "audience": "public",
    }
    change = tmp_path / "cs.json"
    change.write_text(dumps(retirement_change_set()).replace("m-03", "m-none"), encoding="utf-8")
    assert main(["store", "apply", str(change), url, "--json"]) == 1
    said = capsys.readouterr()
    refused = json.loads(said.out)
    assert refused["applied"] is False
    assert [p["path"] for p in refused["problems"]] == ["$.edits[0].id"]
    assert "refused, nothing written" in said.err
