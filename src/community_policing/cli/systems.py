"""The source systems on the command line: ``community-policing system list|show|example|report``.

``system list`` names the five source systems; ``system show NAME`` prints one — its formulas,
ladder, checks, parameters, figures and what it names without defining — each value with its
source; ``system example NAME [--seed N] [-o FILE.json]`` writes the system's generated example
(a ``records`` document: the jurisdiction and the records the system keeps);
``system report NAME --example [--seed N]`` generates the example and shows the source's
figures as the example measures them, and the system's checks over it, while
``system report NAME FILE.json`` does the same over your own records (a ``records`` document)
or your own jurisdiction (a ``jurisdiction`` document: the figures that need records show
``—``). ``--plot PNG`` draws the dashboard (the ``plot`` extra). ``--json`` writes data for
programs; ``--lang zh|en`` chooses the language for people (default from the locale).

Examples:
    >>> from community_policing.cli import main
    >>> main(["system", "show", "hubin", "--lang", "en"])  # doctest: +ELLIPSIS
    003 "three axes": joint security patrol, full-coverage mediation, asset recovery — ...
    ...
    0
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from community_policing.catalog import SYSTEMS, Records, dashboard, example, system
from community_policing.cli.output import (
    FileRefusedError,
    add_day_option,
    add_output_options,
    print_json,
    read_text,
    table,
    write_document,
)
from community_policing.errors import DocumentError, Problem
from community_policing.io.json import loads
from community_policing.model.jurisdiction import Jurisdiction

if TYPE_CHECKING:
    import argparse

    from community_policing.catalog import SourceSystem

__all__ = ["add_system_commands", "run_system"]


def add_system_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``system list``, ``show``, ``example`` and ``report`` to the command line.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_system_commands(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["system", "show", "yuncheng", "--json"]).json
        True
    """
    systems = commands.add_parser("system", help="the five source systems (来源体系)")
    actions = systems.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="name the source systems")
    show = actions.add_parser("show", help="one system's configuration, with its sources")
    show.add_argument("name", help="an id (yuncheng), a number (004) or jining/1334")
    generate = actions.add_parser("example", help="write the system's example as JSON")
    generate.add_argument("name", help="an id (yuncheng), a number (004) or jining/1334")
    generate.add_argument("--seed", type=int, default=0, help="the example's seed (default 0)")
    generate.add_argument("-o", "--output", default="-", metavar="FILE.json", help="'-': stdout")
    report = actions.add_parser("report", help="the system's figures and checks over records")
    report.add_argument("name", help="an id (yuncheng), a number (004) or jining/1334")
    measured = report.add_mutually_exclusive_group(required=True)
    measured.add_argument(
        "--example",
        action="store_true",
        help="generate the system's example at the source's scale",
    )
    measured.add_argument(
        "path",
        nargs="?",
        metavar="FILE.json",
        help="your records or jurisdiction document; '-': standard input",
    )
    report.add_argument("--seed", type=int, default=0, help="the example's seed (default 0)")
    report.add_argument("--plot", default=None, metavar="PNG", help="draw the dashboard")
    add_day_option(report, "the day the checks see", default=date(2024, 1, 1))
    for each in (listing, show, generate, report):
        add_output_options(each)


def _records(path: str) -> Records:
    """A ``records`` document, or a ``jurisdiction`` document taken as records without any."""
    text = read_text(path)
    try:
        found = loads(text)
    except DocumentError as error:
        raise FileRefusedError(path, error) from None
    if isinstance(found, Jurisdiction):
        return Records(found)
    if not isinstance(found, Records):
        wrong = Problem("$.type", "type_tag", "expected 'records' or 'jurisdiction'")
        raise FileRefusedError(path, DocumentError([wrong]))
    return found


def run_system(args: argparse.Namespace) -> int:
    """Run ``system list``, ``show``, ``example`` or ``report``; returns the exit status.

    Raises:
        NotFoundError: no system has the name given (the command line says so).

    Examples:
        >>> import argparse
        >>> run_system(argparse.Namespace(action="list", json=False, lang="zh"))
        ... # doctest: +ELLIPSIS
        编号  标识             名称            地方
        000   jining-shizhong  “1334”社区警务  山东济宁市公安局市中分局
        ...
        0
    """
    zh = args.lang == "zh"
    if args.action == "list":
        if args.json:
            rows = [
                {
                    key: entry.to_data()[key]
                    for key in ("id", "number", "name", "name_zh", "place", "place_zh")
                }
                for entry in SYSTEMS
            ]
            print(json.dumps(rows, ensure_ascii=False, indent=2))  # noqa: T201
            return 0
        headers = ("编号", "标识", "名称", "地方") if zh else ("number", "id", "name", "place")
        lines = [
            (
                entry.number,
                entry.id,
                *((entry.name_zh, entry.place_zh) if zh else (entry.name, entry.place)),
            )
            for entry in SYSTEMS
        ]
        print(table(headers, lines))  # noqa: T201
        return 0
    entry = system(args.name)
    if args.action == "example":
        write_document(example(entry.id, seed=args.seed), args.output)
        if args.json and args.output != "-":
            print_json({"output": Path(args.output).name, "system": entry.id, "seed": args.seed})
        return 0
    if args.action == "report":
        return _report(entry, args)
    if args.json:
        print(json.dumps(entry.to_data(), ensure_ascii=False, indent=2))  # noqa: T201
    else:
        print(entry.to_text("zh" if zh else "en"))  # noqa: T201
    return 0


def _report(entry: SourceSystem, args: argparse.Namespace) -> int:
    if args.example:
        records, seed = example(entry.id, seed=args.seed), args.seed
    else:
        records, seed = _records(args.path), None
    board = dashboard(entry, records, as_of=args.as_of, seed=seed)
    if args.plot is not None:
        from community_policing.catalog.plots import plot_dashboard  # noqa: PLC0415  (plot extra)

        plot_dashboard(board, language=args.lang).savefig(args.plot, dpi=120)
    print(board.to_json() if args.json else board.to_text(args.lang))  # noqa: T201
    return 0
