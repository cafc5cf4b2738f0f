"""The source systems on the command line: ``community-policing system list|show``.

``system list`` names the five source systems; ``system show NAME`` prints one — its formulas,
ladder, checks, parameters, figures and what it names without defining — each value with its
source. ``--json`` writes data for programs; ``--lang zh|en`` chooses the language for people
(default from the locale).

Examples:
    >>> from community_policing.cli import main
    >>> main(["system", "show", "hubin", "--lang", "en"])  # doctest: +ELLIPSIS
    003 "three axes": joint security patrol, full-coverage mediation, asset recovery — ...
    ...
    0
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from community_policing.catalog import SYSTEMS, system
from community_policing.cli.sheets import language

if TYPE_CHECKING:
    import argparse

__all__ = ["add_system_commands", "run_system"]


def add_system_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``system list`` and ``system show`` to the command line.

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
    for each in (listing, show):
        each.add_argument("--json", action="store_true", help="data for programs")
        each.add_argument("--lang", choices=("zh", "en"), default=None, help="for people")


def run_system(args: argparse.Namespace) -> int:
    """Run ``system list`` or ``system show``; returns the exit status.

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
    zh = (args.lang or language()) == "zh"
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
    if args.json:
        print(json.dumps(entry.to_data(), ensure_ascii=False, indent=2))  # noqa: T201
    else:
        print(entry.to_text("zh" if zh else "en"))  # noqa: T201
    return 0
