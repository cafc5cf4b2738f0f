"""The spreadsheet commands: ``template``, ``import`` and ``export``.

``community-policing template -o BOOK.xlsx`` writes the empty 一标三实 workbook;
``import BOOK.xlsx -o FILE.json`` (or a folder of CSV files) reads a filled one, printing every
problem at its sheet, row and column; ``export FILE.json -o BOOK.xlsx`` writes a jurisdiction
back, for the public unless ``--audience`` says otherwise. An export for an officer or a grid
worker names who asks (``--as``) and why (``--purpose``), and appends its audit record to the
``--audit`` file as one JSON line. Long work shows a progress bar on a terminal.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from community_policing.cli import main
    >>> folder = Path(tempfile.mkdtemp())
    >>> main(["template", "-o", str(folder / "book.xlsx")])
    0
    >>> main(["import", str(folder / "book.xlsx"), "-o", str(folder / "town.json")])
    0
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from community_policing.errors import shown
from community_policing.graph import CommunityGraph
from community_policing.io.json import dump, dumps, load
from community_policing.io.tables import WorkbookError, read_tables, read_workbook, write_workbook
from community_policing.io.workbook import write_template
from community_policing.model.audit import Access, AuditRecord
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.vocab import Audience
from community_policing.progress import progress_bar

if TYPE_CHECKING:
    import argparse

__all__ = [
    "add_commands",
    "add_output_options",
    "export_book",
    "import_book",
    "language",
    "say",
    "write_book_template",
]

_PRIVILEGED = (Audience.OFFICER, Audience.GRID_WORKER)


def say(message: str) -> None:
    """Print ``message`` as the command's one line on standard error.

    Examples:
        >>> say("nothing to do")  # on stderr: "community-policing: nothing to do"
    """
    print(f"community-policing: {message}", file=sys.stderr)  # noqa: T201


def language() -> str:
    """``"zh"`` when the locale is Chinese, else ``"en"``: the default of ``--lang``.

    Examples:
        >>> language() in ("zh", "en")
        True
    """
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def add_output_options(parser: argparse.ArgumentParser, *, data: bool = True) -> None:
    """Give a command ``--lang zh|en`` (default from the locale) and, with ``data``, ``--json``.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_output_options(parser)
        >>> parser.parse_args(["--json", "--lang", "zh"]).lang
        'zh'
    """
    if data:
        parser.add_argument("--json", action="store_true", help="data for programs")
    parser.add_argument("--lang", choices=("zh", "en"), default=language(), help="for people")


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``template``, ``import`` and ``export`` to the command line's subcommands.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_commands(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["export", "town.json", "-o", "town.xlsx"]).audience
        'public'
    """
    template = commands.add_parser("template", help="write the empty 一标三实 workbook")
    template.add_argument("-o", "--output", default="一标三实.xlsx", metavar="BOOK.xlsx")
    read = commands.add_parser("import", help="read a filled workbook (or CSV folder) to JSON")
    read.add_argument("book", metavar="BOOK", help="an .xlsx workbook or a folder of CSV files")
    read.add_argument("-o", "--output", default="-", metavar="FILE.json", help="'-': stdout")
    read.add_argument("--id", default="jurisdiction", help="the jurisdiction's id")
    read.add_argument("--name", default=None, help="its name (default: the book's name)")
    add_output_options(read, data=False)
    write = commands.add_parser("export", help="write a jurisdiction JSON to a workbook")
    write.add_argument("document", metavar="FILE.json")
    write.add_argument("-o", "--output", required=True, metavar="BOOK.xlsx")
    write.add_argument(
        "--audience", choices=[audience.value for audience in Audience], default="public"
    )
    write.add_argument("--within", default=None, metavar="KIND:ID", help="only this area")
    write.add_argument("--as", dest="actor", default=None, metavar="PERSON", help="who asks")
    write.add_argument("--purpose", default=None, help="why (an officer's or grid worker's)")
    write.add_argument("--audit", default=None, metavar="FILE.jsonl", help="audit log to append")


def write_book_template(args: argparse.Namespace) -> int:
    """``template``: write the empty workbook.

    Examples:
        >>> import argparse, tempfile
        >>> from pathlib import Path
        >>> path = Path(tempfile.mkdtemp()) / "book.xlsx"
        >>> write_book_template(argparse.Namespace(output=str(path)))
        0
    """
    write_template(args.output)
    return 0


def import_book(args: argparse.Namespace) -> int:
    """``import``: read a filled workbook or CSV folder and write its JSON; 1 on problems.

    Examples:
        >>> import argparse
        >>> import_book(argparse.Namespace(book="no-such.xlsx", output="-", id="j",
        ...                                name=None, lang="en"))  # says why on stderr
        2
    """
    source = Path(args.book)
    name = args.name or source.stem or "jurisdiction"
    reader = read_tables if source.is_dir() else read_workbook
    if not (source.is_dir() or source.is_file()):
        say(f"cannot read {shown(source.name)}: not a workbook or a folder")
        return 2
    try:
        with progress_bar() as progress:
            jurisdiction = reader(source, id=args.id, name=name, progress=progress)
    except WorkbookError as error:
        for cell in error.cells:
            line = cell.message_zh if args.lang == "zh" else cell.message
            print(line, file=sys.stderr)  # noqa: T201
        return 1
    if args.output == "-":
        print(dumps(jurisdiction, indent=True))  # noqa: T201
    else:
        dump(jurisdiction, args.output, indent=True)
    return 0


def export_book(args: argparse.Namespace) -> int:
    """``export``: write a jurisdiction JSON as a workbook for an audience.

    Examples:
        >>> import argparse
        >>> export_book(argparse.Namespace(document="town.json", output="town.xlsx",
        ...     audience="officer", within=None, actor=None, purpose=None, audit=None))
        2
    """
    audience = Audience(args.audience)
    if audience in _PRIVILEGED and None in (args.actor, args.purpose, args.audit):
        say(
            f"an export for {audience.value} says who asks (--as), why (--purpose) "
            "and where its audit record goes (--audit)"
        )
        return 2
    jurisdiction = load(args.document, Jurisdiction)
    sink = None
    if audience in _PRIVILEGED:
        audit = Path(args.audit)

        def sink(record: AuditRecord) -> None:
            with audit.open("a", encoding="utf-8") as log:
                log.write(dumps(record) + "\n")

    graph = CommunityGraph.from_jurisdiction(jurisdiction, audit_sink=sink)
    who = Access(args.actor, args.purpose, audience) if audience in _PRIVILEGED else audience
    with progress_bar() as progress:
        write_workbook(graph, args.output, audience=who, within=args.within, progress=progress)
    return 0
