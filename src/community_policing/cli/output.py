"""What every command shares: its options, its input and output, its tables and its errors.

Every command takes ``--lang zh|en`` (default from the locale) and ``--json``; a file argument
may be ``-`` for standard input, an output ``-`` for standard output. A file that cannot be
used or is refused ends the command with one sentence on standard error naming the file
(followed, for a refused document, by each problem at its JSON path).

Tables for people are laid out by rich (the ``cli`` extra), which measures East-Asian text in
terminal columns (a Chinese character takes two); without it a table is written as
tab-separated lines, which any program or spreadsheet reads.

Examples:
    >>> print(table(("级别", "count"), [("警格", "4"), ("management grids", "12")]))
    级别              count
    警格              4
    management grids  12
"""

from __future__ import annotations

import importlib
import io
import json
import os
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from community_policing.errors import CommunityPolicingError, DocumentError, shown
from community_policing.io.json import dumps, loads

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable, Sequence

__all__ = [
    "FileRefusedError",
    "add_day_option",
    "add_document_argument",
    "add_output_options",
    "day_of",
    "language",
    "print_json",
    "read_document",
    "read_text",
    "say",
    "table",
    "where",
    "write_document",
]

_M = TypeVar("_M")


class FileRefusedError(CommunityPolicingError):
    """A file given to a command was read but refused: its name and every problem.

    The message's first line is one sentence naming the file; each problem follows on a line
    of its own.

    Attributes:
        name: The file as a message may show it (``standard input`` for ``-``).
        problems: The document's problems, each at its JSON path.

    Examples:
        >>> from community_policing.errors import DocumentError, Problem
        >>> problem = Problem("$.id", "required", "missing")
        >>> error = FileRefusedError("town.json", DocumentError([problem]))
        >>> print(error)
        'town.json' was refused: 1 problem in document:
          $.id: missing
    """

    def __init__(self, path: str, error: DocumentError) -> None:
        self.name = where(path)
        self.problems = error.problems
        super().__init__(f"{self.name} was refused: {error}")


def where(path: str) -> str:
    """A file argument as a message names it: its own name, or ``standard input`` for ``-``.

    A name shaped like personal data (a file named after an ID-card number) is withheld.

    Examples:
        >>> where("data/town.json"), where("-")
        ("'town.json'", 'standard input')
    """
    return "standard input" if path == "-" else shown(Path(path).name)


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


def add_output_options(parser: argparse.ArgumentParser) -> None:
    """Give a command ``--json`` (data for programs) and ``--lang zh|en`` (for people).

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_output_options(parser)
        >>> parser.parse_args(["--json", "--lang", "zh"]).lang
        'zh'
    """
    parser.add_argument("--json", action="store_true", help="data for programs")
    parser.add_argument("--lang", choices=("zh", "en"), default=language(), help="for people")


def add_day_option(
    parser: argparse.ArgumentParser, what: str = "the day asked about", default: date | None = None
) -> None:
    """Give a command ``--as-of YYYY-MM-DD``: ``what`` the day is, by default today.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_day_option(parser, "the day checked")
        >>> parser.parse_args(["--as-of", "2025-01-01"]).as_of
        datetime.date(2025, 1, 1)
    """
    parser.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=default,
        metavar="YYYY-MM-DD",
        help=f"{what} (default: {default or 'today'})",
    )


def day_of(args: argparse.Namespace) -> date:
    """The day a command was given with ``--as-of``, or today.

    Examples:
        >>> import argparse
        >>> day_of(argparse.Namespace(as_of=date(2025, 1, 1)))
        datetime.date(2025, 1, 1)
        >>> day_of(argparse.Namespace(as_of=None)) == date.today()
        True
    """
    return args.as_of or date.today()  # noqa: DTZ011  (a calendar date, the user's today)


def add_document_argument(parser: argparse.ArgumentParser) -> None:
    """Give a command its jurisdiction document, ``FILE.json`` or ``-`` for standard input.

    :func:`read_document` reads it (``args.path``).

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_document_argument(parser)
        >>> parser.parse_args(["-"]).path
        '-'
    """
    parser.add_argument("path", metavar="FILE.json", help="'-': standard input")


def read_text(path: str) -> str:
    """The text of the file at ``path``, or of standard input for ``-``.

    Raises:
        OSError: the file cannot be read (the command line names it).

    Examples:
        >>> read_text("no-such-file.json")
        Traceback (most recent call last):
        ...
        FileNotFoundError: [Errno 2] No such file or directory: 'no-such-file.json'
    """
    if path == "-":
        return sys.stdin.read()
    return Path(path).read_text(encoding="utf-8")


def read_document(path: str, cls: type[_M]) -> _M:
    """The ``cls`` document at ``path`` (``-``: standard input), checked whole.

    Raises:
        FileRefusedError: the document breaks a rule (every problem with its JSON path).
        OSError: the file cannot be read.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from community_policing import Jurisdiction
        >>> path = Path(tempfile.mkdtemp()) / "town.json"
        >>> _ = path.write_text('{"type": "jurisdiction", "schema_version": 1}')
        >>> try:
        ...     read_document(str(path), Jurisdiction)
        ... except FileRefusedError as error:
        ...     print(error)
        'town.json' was refused: 2 problems in document:
          $.id: required field is missing
          $.name: required field is missing
    """
    text = read_text(path)
    try:
        return loads(text, cls)
    except DocumentError as error:
        raise FileRefusedError(path, error) from None


def write_document(model: object, output: str) -> None:
    """Write ``model`` as an indented JSON document to ``output`` (``-``: standard output).

    Examples:
        >>> from community_policing import Period
        >>> from datetime import date
        >>> write_document(Period(date(2024, 1, 1)), "-")
        {
          "type": "period",
          "schema_version": 1,
          "start": "2024-01-01",
          "end": null
        }
    """
    text = dumps(model, indent=True)
    if output == "-":
        print(text)  # noqa: T201
    else:
        Path(output).write_text(text + "\n", encoding="utf-8")


def print_json(data: Any) -> None:
    """Print ``data`` as one line of JSON, Chinese kept as it is.

    Examples:
        >>> print_json({"name": "西门", "count": 2})
        {"name": "西门", "count": 2}
    """
    print(json.dumps(data, ensure_ascii=False))  # noqa: T201


def table(headers: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """``rows`` under ``headers`` in aligned columns (rich), or tab-separated without rich.

    Columns are measured in terminal cells, so Chinese text lines up with Latin text.

    Examples:
        >>> print(table(("id", "名称"), [("pg-01", "第一警格"), ("pg-10", "镇区二警格")]))
        id     名称
        pg-01  第一警格
        pg-10  镇区二警格
    """
    cells = [[str(value) for value in row] for row in rows]
    try:
        rich_table = importlib.import_module("rich.table")
        rich_console = importlib.import_module("rich.console")
    except ImportError:
        return "\n".join("\t".join(row) for row in [list(headers), *cells])
    laid = rich_table.Table(box=None, pad_edge=False, show_edge=False, header_style=None)
    for header in headers:
        laid.add_column(header, no_wrap=True)
    for row in cells:
        laid.add_row(*row)
    sink = io.StringIO()
    console = rich_console.Console(
        file=sink, width=1000, color_system=None, highlight=False, emoji=False, markup=False
    )
    console.print(laid)
    return "\n".join(line.rstrip() for line in sink.getvalue().splitlines())
