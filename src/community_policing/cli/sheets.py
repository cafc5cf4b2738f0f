"""The spreadsheet commands: ``template``, ``import`` and ``export``.

``community-policing template -o BOOK.xlsx`` writes the empty 一标三实 workbook;
``import BOOK.xlsx -o FILE.json`` (or a folder of CSV files) reads a filled one, printing every
problem at its sheet, row and column; ``export FILE.json -o BOOK.xlsx`` writes a jurisdiction
back, for the public unless ``--audience`` says otherwise. An export for an officer or a grid
worker names who asks (``--as``) and why (``--purpose``), and appends its audit record to the
``--audit`` file as one JSON line. A workbook or document may come on standard input and a
workbook go to standard output (``-``). With ``--json`` each command says what it wrote, and
``import`` its problems, as data. Long work shows a progress bar on a terminal.

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

import io
import sys
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from community_policing.cli.access import access_of, add_access_options
from community_policing.cli.output import (
    add_output_options,
    print_json,
    read_document,
    say,
    where,
    write_document,
)
from community_policing.graph import CommunityGraph
from community_policing.io.sheets import SHEETS
from community_policing.io.tables import WorkbookError, read_tables, read_workbook, write_workbook
from community_policing.io.workbook import write_template
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.progress import progress_bar

if TYPE_CHECKING:
    import argparse

__all__ = ["add_commands", "export_book", "import_book", "write_book_template"]


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
    template.add_argument(
        "-o", "--output", default="一标三实.xlsx", metavar="BOOK.xlsx", help="'-': stdout"
    )
    read = commands.add_parser("import", help="read a filled workbook (or CSV folder) to JSON")
    read.add_argument("book", metavar="BOOK", help="a workbook, a folder of CSV files, '-': stdin")
    read.add_argument("-o", "--output", default="-", metavar="FILE.json", help="'-': stdout")
    read.add_argument("--id", default="jurisdiction", help="the jurisdiction's id")
    read.add_argument("--name", default=None, help="its name (default: the book's name)")
    write = commands.add_parser("export", help="write a jurisdiction JSON to a workbook")
    write.add_argument("document", metavar="FILE.json", help="'-': standard input")
    write.add_argument("-o", "--output", required=True, metavar="BOOK.xlsx", help="'-': stdout")
    write.add_argument("--within", default=None, metavar="KIND:ID", help="only this area")
    add_access_options(write)
    for each in (template, read, write):
        add_output_options(each)


def _workbook_target(output: str) -> str | IO[bytes]:
    """Where a workbook goes: the file at ``output``, or standard output for ``-``.

    The file is made only once the book is whole, so a refused export leaves none.
    """
    return sys.stdout.buffer if output == "-" else output


def write_book_template(args: argparse.Namespace) -> int:
    """``template``: write the empty workbook.

    Examples:
        >>> import argparse, tempfile
        >>> from pathlib import Path
        >>> path = Path(tempfile.mkdtemp()) / "book.xlsx"
        >>> write_book_template(argparse.Namespace(output=str(path), json=True, lang="en"))
        {"output": "book.xlsx", "sheets": 23}
        0
    """
    write_template(_workbook_target(args.output))
    if args.json and args.output != "-":
        print_json({"output": Path(args.output).name, "sheets": len(SHEETS)})
    return 0


def _problems(error: WorkbookError) -> list[dict[str, Any]]:
    return [
        {
            "sheet": cell.sheet,
            "row": cell.row,
            "column": cell.column,
            "header": cell.header,
            "rule": cell.rule,
            "message": cell.message,
            "message_zh": cell.message_zh,
        }
        for cell in error.cells
    ]


def import_book(args: argparse.Namespace) -> int:
    """``import``: read a filled workbook or CSV folder and write its JSON; 1 on problems.

    Examples:
        >>> import argparse
        >>> import_book(argparse.Namespace(book="no-such.xlsx", output="-", id="j",
        ...                                name=None, lang="en", json=False))  # says why
        2
    """
    source = Path(args.book)
    name = args.name or ("jurisdiction" if args.book == "-" else source.stem) or "jurisdiction"
    if args.book != "-" and not (source.is_dir() or source.is_file()):
        say(f"cannot read {where(args.book)}: not a workbook or a folder")
        return 2
    book: Any = io.BytesIO(sys.stdin.buffer.read()) if args.book == "-" else source
    reader = read_tables if args.book != "-" and source.is_dir() else read_workbook
    try:
        with progress_bar() as progress:
            jurisdiction = reader(book, id=args.id, name=name, progress=progress)
    except WorkbookError as error:
        if args.json:
            print_json({"valid": False, "problems": _problems(error)})
        for cell in error.cells:
            print(cell.message_zh if args.lang == "zh" else cell.message, file=sys.stderr)  # noqa: T201
        return 1
    write_document(jurisdiction, args.output)
    if args.json and args.output != "-":
        entities = sum(1 for _ in jurisdiction.entities())
        print_json({"valid": True, "output": Path(args.output).name, "entities": entities})
    return 0


def export_book(args: argparse.Namespace) -> int:
    """``export``: write a jurisdiction JSON as a workbook for an audience.

    Raises:
        UsageError: an export for an officer or grid worker without who, why and the audit.

    Examples:
        >>> import argparse
        >>> export_book(argparse.Namespace(document="town.json", output="town.xlsx",
        ...     audience="officer", within=None, actor=None, purpose=None, audit=None))
        Traceback (most recent call last):
        ...
        community_policing.cli.access.UsageError: an export for officer says who asks (--as), why (--purpose) and where its audit record goes (--audit)
    """  # noqa: E501
    who, sink = access_of(args, "an export")
    jurisdiction = read_document(args.document, Jurisdiction)
    graph = CommunityGraph.from_jurisdiction(jurisdiction, audit_sink=sink)
    with progress_bar() as progress:
        target = _workbook_target(args.output)
        write_workbook(graph, target, audience=who, within=args.within, progress=progress)
    if args.json and args.output != "-":
        print_json({"output": Path(args.output).name, "audience": args.audience})
    return 0
