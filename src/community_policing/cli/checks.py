"""The ``check`` command: the policy checks, or a source system's, over your own jurisdiction.

``community-policing check FILE.json`` runs the default checks (一格一警, the population
standard, police–grid fusion, grid workers, team formulas) on the day given by ``--as-of``
(default: today); ``--system yuncheng`` runs that source system's checks instead. ``-`` reads
the document from standard input. The report is text in English or Chinese (``--lang``) or, with
``--json``, data for programs. Exit status 0 when nothing is found, 3 when the checks found
something, 1 when the document is refused.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from community_policing import dump, sample
    >>> from community_policing.cli import main
    >>> path = Path(tempfile.mkdtemp()) / "town.json"
    >>> dump(sample.jurisdiction(), path)
    >>> main(["check", str(path), "--as-of", "2025-01-01", "--lang", "en"])
    ... # doctest: +ELLIPSIS
    Checks on 2025-01-01: 2 violation(s)
    ...
    3
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from community_policing.catalog import system
from community_policing.cli.output import (
    add_day_option,
    add_document_argument,
    add_output_options,
    day_of,
    read_document,
)
from community_policing.graph import CommunityGraph
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.policies import DEFAULT_CHECKS, check

if TYPE_CHECKING:
    import argparse

__all__ = ["FOUND", "add_check_command", "run_check"]

#: The exit status when the checks found something.
FOUND = 3


def add_check_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``check`` to the command line.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_check_command(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["check", "-", "--system", "yuncheng"]).system
        'yuncheng'
    """
    checking = commands.add_parser("check", help="run the policy checks on a jurisdiction")
    add_document_argument(checking)
    checking.add_argument(
        "--system",
        default=None,
        metavar="NAME",
        help="run a source system's checks (yuncheng, 004 ...)",
    )
    add_day_option(checking, "the day checked")
    add_output_options(checking)


def run_check(args: argparse.Namespace) -> int:
    """Run ``check``; returns 0 when nothing is found, :data:`FOUND` when something is.

    Examples:
        >>> import argparse
        >>> run_check(argparse.Namespace(path="no-such-file.json", system=None, as_of=None,
        ...                              json=False, lang="en"))
        Traceback (most recent call last):
        ...
        FileNotFoundError: [Errno 2] No such file or directory: 'no-such-file.json'
    """
    checks = DEFAULT_CHECKS if args.system is None else system(args.system).checks
    graph = CommunityGraph.from_jurisdiction(read_document(args.path, Jurisdiction))
    as_of = day_of(args)
    report = check(graph, checks=checks, as_of=as_of)
    if args.json:
        print(report.to_json())  # noqa: T201
    else:
        print(report.to_text(args.lang))  # noqa: T201
    return FOUND if report.violations else 0
