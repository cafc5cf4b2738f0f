"""The ``community-policing`` command (also ``python -m community_policing``).

One tool, a subcommand a task: ``demo``, ``validate``, ``check``, ``responsible``, ``locate``,
``plan``, ``map``, ``template``, ``import``, ``export``, ``store``, ``system``. Every one takes
``--json`` (data for programs, on standard output) and ``--lang zh|en`` (text for people,
default from the locale); a file argument may be ``-`` for standard input. Argument parsing is
the standard library's argparse; tables and progress bars are rich's (the ``cli`` extra).

Exit status: 0 done; 1 the input was refused (one sentence naming the file on standard
error, then each problem); 2 a file could not be used, an extra is missing or the command line
was wrong; 3 ``check`` found something; 141 the reader of standard output went away.

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
from typing import TYPE_CHECKING

import community_policing
from community_policing import sample
from community_policing.cli.access import UsageError
from community_policing.cli.checks import add_check_command, run_check
from community_policing.cli.demo import (
    graph_demo,
    map_demo,
    mediation_demo,
    patrol_demo,
    planning_demo,
    station_demo,
)
from community_policing.cli.maps import add_map_commands, run_map, run_plan
from community_policing.cli.output import (
    FileRefusedError,
    add_day_option,
    add_document_argument,
    add_output_options,
    day_of,
    print_json,
    read_document,
    say,
    where,
)
from community_policing.cli.places import add_place_commands, run_locate, run_responsible
from community_policing.cli.sheets import (
    add_commands,
    export_book,
    import_book,
    write_book_template,
)
from community_policing.cli.store import add_store_commands, run_store
from community_policing.cli.summary import demo_data, summarize
from community_policing.cli.systems import add_system_commands, run_system
from community_policing.errors import CommunityPolicingError, DocumentError, MissingExtraError
from community_policing.graph import CommunityGraph
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.policies import check

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

__all__ = ["graph_demo", "main", "summarize"]

#: The exit status when the reader of standard output went away (128 + SIGPIPE).
_CLOSED_PIPE = 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="community-policing", description="Community policing (社区警务) toolkit."
    )
    parser.add_argument(
        "--version", action="version", version=f"%(prog)s {community_policing.__version__}"
    )
    commands = parser.add_subparsers(dest="command", required=True)
    demo = commands.add_parser("demo", help="summarise the embedded sample jurisdiction")
    add_day_option(demo, "the day shown")
    demo.add_argument("--map", default=None, metavar="PNG", help="draw the sample's map there")
    add_output_options(demo)
    validate = commands.add_parser("validate", help="check a jurisdiction JSON document")
    add_document_argument(validate)
    add_output_options(validate)
    add_check_command(commands)
    add_place_commands(commands)
    add_map_commands(commands)
    add_commands(commands)
    add_store_commands(commands)
    add_system_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Examples:
        >>> main(["validate", "no-such-file.json"])  # says why on standard error
        2
    """
    args = _parser().parse_args(argv)
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


def _run(args: argparse.Namespace) -> int:
    run = _RUN[args.command]
    try:
        return run(args)
    except FileRefusedError as error:
        say(str(error))
        return 1
    except DocumentError as error:
        say(f"the input was refused: {error}")
        return 1
    except (MissingExtraError, UsageError) as error:
        say(str(error))
        return 2
    except CommunityPolicingError as error:
        say(str(error))
        return 1
    except BrokenPipeError:
        raise  # the reader went away: main stops quietly
    except OSError as error:
        # the file's own name, unless it may be personal (named after a person's number)
        named = where(str(error.filename)) if error.filename else "a file"
        reason = (error.strerror or type(error).__name__).lower()
        say(f"cannot use {named}: {reason}")
        return 2


def _demo(args: argparse.Namespace) -> int:
    as_of = day_of(args)
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    report = check(graph, as_of=as_of)
    if args.json:
        data = demo_data(sample.jurisdiction(), as_of)
        print_json({**data, "checks": json.loads(report.to_json())})
        return 0
    sections = [
        summarize(sample.jurisdiction(), as_of, args.lang),
        graph_demo(as_of, graph),
        report.to_text(args.lang),
        planning_demo(),
        map_demo(as_of, args.map),
        mediation_demo(),
        station_demo(),
        patrol_demo(),
    ]
    for section in sections:
        print(section)  # noqa: T201
        if section is not sections[-1]:
            print()  # noqa: T201
    return 0


def _validate(args: argparse.Namespace) -> int:
    try:
        jurisdiction = read_document(args.path, Jurisdiction)
    except FileRefusedError as error:
        if args.json:
            problems = [
                {"path": p.path, "rule": p.rule, "reason": p.reason} for p in error.problems
            ]
            print_json({"valid": False, "problems": problems})
        raise
    count = sum(1 for _ in jurisdiction.entities())
    if args.json:
        print_json({"valid": True, "entities": count})
    elif args.lang == "zh":
        print(f"{where(args.path)}：有效，{count} 个实体")  # noqa: T201
    else:
        print(f"{where(args.path)}: valid, {count} entities")  # noqa: T201
    return 0


_RUN: dict[str, Callable[[argparse.Namespace], int]] = {
    "validate": _validate,
    "demo": _demo,
    "template": write_book_template,
    "import": import_book,
    "export": export_book,
    "store": run_store,
    "system": run_system,
    "check": run_check,
    "responsible": run_responsible,
    "locate": run_locate,
    "plan": run_plan,
    "map": run_map,
}
