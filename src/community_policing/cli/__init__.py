"""The ``community-policing`` command (also ``python -m community_policing``).

Exit status: 0 done; 1 the input was refused (its problems on standard error); 2 a file could
not be used or the command line was wrong; 3 ``check`` found something; 141 the reader of
standard output went away.

Examples:
    >>> from community_policing.cli import main
    >>> main(["validate", "no-such-file.json"])  # says why on standard error
    2
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import community_policing
from community_policing import sample
from community_policing.cli.checks import add_check_command, read_jurisdiction, run_check
from community_policing.cli.demo import (
    graph_demo,
    map_demo,
    mediation_demo,
    patrol_demo,
    planning_demo,
    station_demo,
    summarize,
)
from community_policing.cli.places import add_place_commands, run_responsible
from community_policing.cli.sheets import (
    add_commands,
    export_book,
    import_book,
    say,
    write_book_template,
)
from community_policing.cli.store import add_store_commands, run_store
from community_policing.cli.systems import add_system_commands, run_system
from community_policing.errors import CommunityPolicingError, DocumentError, shown
from community_policing.graph import CommunityGraph
from community_policing.policies import check

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = ["main"]


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples:
        >>> main(["validate", "no-such-file.json"])  # says why on standard error
        2
    """
    parser = argparse.ArgumentParser(
        prog="community-policing", description="Community policing (社区警务) toolkit."
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {community_policing.__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="summarise the embedded sample jurisdiction")
    demo.add_argument("--as-of", type=date.fromisoformat, default=None, metavar="YYYY-MM-DD")
    demo.add_argument("--map", default=None, metavar="PNG", help="draw the sample's map there")
    validate = commands.add_parser("validate", help="check a jurisdiction JSON document")
    validate.add_argument("path", metavar="FILE.json", help="'-': standard input")
    validate.add_argument("--json", action="store_true", help="data for programs")
    add_check_command(commands)
    add_place_commands(commands)
    add_commands(commands)
    add_store_commands(commands)
    add_system_commands(commands)
    args = parser.parse_args(argv)
    try:
        status = _run(args)
        sys.stdout.flush()  # a reader gone is found here, not at the interpreter's exit
    except BrokenPipeError:
        # the reader went away (``community-policing demo | head``): stop quietly, as a shell
        # tool does, with the status a pipe's signal gives
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return _CLOSED_PIPE
    return status


#: The exit status when the reader of standard output went away (128 + SIGPIPE).
_CLOSED_PIPE = 141


def _run(args: argparse.Namespace) -> int:
    if args.command == "demo":
        as_of = args.as_of or date.today()  # noqa: DTZ011  (a calendar date for display)
        print(summarize(sample.jurisdiction(), as_of))  # noqa: T201
        print()  # noqa: T201
        graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        print(graph_demo(as_of, graph))  # noqa: T201
        print()  # noqa: T201
        print(check(graph, as_of=as_of).to_text("zh"))  # noqa: T201
        print()  # noqa: T201
        print(planning_demo())  # noqa: T201
        print()  # noqa: T201
        print(map_demo(as_of, args.map))  # noqa: T201
        print()  # noqa: T201
        print(mediation_demo())  # noqa: T201
        print()  # noqa: T201
        print(station_demo())  # noqa: T201
        print()  # noqa: T201
        print(patrol_demo())  # noqa: T201
        return 0

    run = {
        "validate": _validate,
        "template": write_book_template,
        "import": import_book,
        "export": export_book,
        "store": run_store,
        "system": run_system,
        "check": run_check,
        "responsible": run_responsible,
    }[args.command]
    try:
        return run(args)
    except DocumentError as error:
        print(error, file=sys.stderr)  # noqa: T201
        return 1
    except CommunityPolicingError as error:
        say(str(error))
        return 1
    except OSError as error:
        # the file's own name, unless it may be personal (named after a person's number)
        where = shown(Path(error.filename).name) if error.filename else "a file"
        say(f"cannot use {where}: {type(error).__name__}")
        return 2


def _validate(args: argparse.Namespace) -> int:
    jurisdiction = read_jurisdiction(args.path)
    count = sum(1 for _ in jurisdiction.entities())
    if args.json:
        print(json.dumps({"valid": True, "entities": count}))  # noqa: T201
    else:
        print(f"{shown(args.path)}: valid, {count} entities")  # noqa: T201
    return 0
