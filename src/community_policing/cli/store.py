"""The store commands: ``community-policing store init|save|load|apply|log``.

``store init URL`` creates a store (a SQLite file's path, or a database URL such as
``postgresql+psycopg://user@host/db``); ``store save FILE.json URL --author P --reason R``
saves a jurisdiction into it; ``store load URL [--within KIND:ID] [--as-of DATE] -o FILE.json``
writes it back, whole, one area, or as it stood on a day, for the public unless
``--audience`` says otherwise (an officer's or grid worker's copy names who asks, why, and the
audit file, like ``export``); ``store apply CHANGESET.json URL``
applies a change set, printing every problem if it is refused; ``store log URL`` lists the
revisions. A document or change set may come on standard input (``-``); ``--json`` says what
was done (the revision written, the log's entries) as data. The store needs the ``sql`` extra,
imported only when a store command runs.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from community_policing.cli import main
    >>> folder = Path(tempfile.mkdtemp())
    >>> main(["store", "init", str(folder / "station.db")])
    0
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from community_policing.cli.access import access_of, add_access_options
from community_policing.cli.output import (
    add_day_option,
    add_output_options,
    print_json,
    read_document,
    say,
    table,
    write_document,
)
from community_policing.errors import DocumentError, shown
from community_policing.graph import CommunityGraph, disclose
from community_policing.model.changesets import ChangeSet
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    import argparse

    from community_policing.store import Store

__all__ = ["add_store_commands", "run_store"]


def add_store_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``store`` and its subcommands to the command line.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_store_commands(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["store", "log", "station.db"]).action
        'log'
    """
    store = commands.add_parser("store", help="keep a jurisdiction in SQLite or PostgreSQL")
    actions = store.add_subparsers(dest="action", required=True)
    init = actions.add_parser("init", help="create a store")
    init.add_argument("url", metavar="URL")
    save = actions.add_parser("save", help="save a jurisdiction into an empty store")
    save.add_argument("document", metavar="FILE.json", help="'-': standard input")
    save.add_argument("url", metavar="URL")
    save.add_argument("--author", required=True, metavar="PERSON", help="who saves it")
    save.add_argument("--reason", required=True, help="why")
    read = actions.add_parser("load", help="write the store's jurisdiction as JSON")
    read.add_argument("url", metavar="URL")
    read.add_argument("--within", default=None, metavar="KIND:ID", help="only this area")
    add_day_option(read, "the jurisdiction as it stood that day", default=None)
    add_access_options(read)
    read.add_argument("-o", "--output", default="-", metavar="FILE.json", help="'-': stdout")
    apply = actions.add_parser("apply", help="apply a change set")
    apply.add_argument("change_set", metavar="CHANGESET.json", help="'-': standard input")
    apply.add_argument("url", metavar="URL")
    log = actions.add_parser("log", help="list the store's revisions")
    log.add_argument("url", metavar="URL")
    for each in (init, save, read, apply, log):
        add_output_options(each)


def run_store(args: argparse.Namespace) -> int:
    """Run a ``store`` subcommand; the exit status.

    Examples:
        >>> import argparse, tempfile
        >>> from pathlib import Path
        >>> url = str(Path(tempfile.mkdtemp()) / "station.db")
        >>> run_store(argparse.Namespace(action="init", url=url, json=True, lang="en"))
        {"created": true}
        0
        >>> run_store(argparse.Namespace(action="log", url=url, json=True, lang="en"))
        []
        0
    """
    from community_policing.store import Store  # noqa: PLC0415  (the sql extra, on demand)

    if args.action == "init":
        Store.create(args.url).close()
        if args.json:
            print_json({"created": True})
        return 0
    with Store.open(args.url) as store:
        if args.action == "save":
            jurisdiction = read_document(args.document, Jurisdiction)
            revision = store.save(jurisdiction, author=args.author, reason=args.reason)
            if args.json:
                print_json({"revision": revision})
        elif args.action == "load":
            _load(store, args)
            if args.json and args.output != "-":
                print_json(
                    {
                        "output": Path(args.output).name,
                        "revision": store.revision,
                        "audience": args.audience,
                    }
                )
        elif args.action == "apply":
            return _apply(store, args)
        else:
            _log(store, args)
    return 0


def _load(store: Store, args: argparse.Namespace) -> None:
    """Write the stored jurisdiction as its audience may see it."""
    who, sink = access_of(args, "a load")
    graph = CommunityGraph.from_jurisdiction(
        store.load(as_of=args.as_of, within=args.within), audit_sink=sink
    )
    shown = (
        graph.to_jurisdiction()
        if isinstance(who, Audience)
        else disclose(graph, who, query="store_load").to_jurisdiction()
    )
    write_document(shown, args.output)


def _log(store: Store, args: argparse.Namespace) -> None:
    entries = store.log()
    if args.json:
        print_json(
            [
                {
                    "revision": entry.revision,
                    "at": entry.at.isoformat(),
                    "author": entry.author,
                    "edits": entry.edits,
                    "reason": entry.reason,
                }
                for entry in entries
            ]
        )
        return
    zh = args.lang == "zh"
    headers = (
        ("修订", "时间", "作者", "改动", "原因")
        if zh
        else ("revision", "at", "author", "edits", "reason")
    )
    rows = [
        (entry.revision, entry.at.isoformat(), entry.author, entry.edits, entry.reason)
        for entry in entries
    ]
    print(table(headers, rows))  # noqa: T201


def _apply(store: Store, args: argparse.Namespace) -> int:
    change_set = read_document(args.change_set, ChangeSet)
    try:
        revision = store.apply(change_set)
    except DocumentError as error:
        say(f"change set {shown(change_set.id)} refused, nothing written:")
        print(error, file=sys.stderr)  # noqa: T201
        if args.json:
            print_json(
                {
                    "applied": False,
                    "problems": [
                        {"path": p.path, "rule": p.rule, "reason": p.reason} for p in error.problems
                    ],
                }
            )
        return 1
    if args.json:
        print_json({"applied": True, "revision": revision})
    else:
        print(f"revision {revision}")  # noqa: T201
    return 0
