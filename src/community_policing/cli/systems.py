"""The source systems on the command line: ``community-policing system list|show|report``.

``system list`` names the five source systems; ``system show NAME`` prints one — its formulas,
ladder, checks, parameters, figures and what it names without defining — each value with its
source; ``system report NAME --example [--seed N]`` generates the system's example and shows
the source's figures as the example measures them, and the system's checks over it.
``--json`` writes data for programs; ``--lang zh|en`` chooses the language for people (default
from the locale).

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
from typing import TYPE_CHECKING

from community_policing.catalog import SYSTEMS, dashboard, example, system
from community_policing.cli.sheets import add_output_options

if TYPE_CHECKING:
    import argparse

__all__ = ["add_system_commands", "run_system"]


def add_system_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``system list``, ``system show`` and ``system report`` to the command line.

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
    report = actions.add_parser("report", help="the system's figures and checks over an example")
    report.add_argument("name", help="an id (yuncheng), a number (004) or jining/1334")
    report.add_argument(
        "--example",
        action="store_true",
        required=True,
        help="generate the system's example at the source's scale",
    )
    report.add_argument("--seed", type=int, default=0, help="the example's seed (default 0)")
    report.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=date(2024, 1, 1),
        metavar="YYYY-MM-DD",
        help="the day the checks see",
    )
    for each in (listing, show, report):
        add_output_options(each)


def run_system(args: argparse.Namespace) -> int:
    """Run ``system list``, ``system show`` or ``system report``; returns the exit status.

    Raises:
        NotFoundError: no system has the name given (the command line says so).

    Examples:
        >>> import argparse
        >>> run_system(argparse.Namespace(action="list", json=False, lang="zh"))
        ... # doctest: +ELLIPSIS
        000  jining-shizhong  “1334”社区警务  山东济宁市公安局市中分局
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
        for entry in SYSTEMS:
            name, place = (entry.name_zh, entry.place_zh) if zh else (entry.name, entry.place)
            print(f"{entry.number}  {entry.id:<15}  {name}  {place}")  # noqa: T201
        return 0
    entry = system(args.name)
    if args.action == "report":
        board = dashboard(entry, example(entry.id, seed=args.seed), as_of=args.as_of)
        print(board.to_json() if args.json else board.to_text("zh" if zh else "en"))  # noqa: T201
        return 0
    if args.json:
        print(json.dumps(entry.to_data(), ensure_ascii=False, indent=2))  # noqa: T201
    else:
        print(entry.to_text("zh" if zh else "en"))  # noqa: T201
    return 0
