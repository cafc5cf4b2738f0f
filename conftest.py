"""Runs every code example in the READMEs and docs/ as a test.

Python blocks run as doctests. ``console`` blocks run as a user types them: each ``$
community-policing ...`` line is the command in a process of its own, in a folder kept for the
document that starts with the sample jurisdiction as ``town.json``; the lines after it are its
output (standard output, then standard error), compared as doctests compare (``...`` matches
anything). A last line ``[exit N]`` gives a status other than 0.
"""

import os
import shlex
import subprocess
import sys
import tempfile
from doctest import ELLIPSIS, NORMALIZE_WHITESPACE, OutputChecker
from pathlib import Path

from sybil import Sybil
from sybil.parsers.myst import CodeBlockParser, PythonCodeBlockParser, SkipParser

_PROMPT = "$ "
_TOOL = "community-policing"


def _folder(namespace):
    """The document's working folder, made on its first command."""
    if "_console_folder" not in namespace:
        from community_policing import dump, sample  # noqa: PLC0415  (the tests' own import)

        folder = Path(tempfile.mkdtemp(prefix="console-"))
        dump(sample.jurisdiction(), folder / "town.json")
        namespace["_console_folder"] = folder
    return namespace["_console_folder"]


def _commands(source):
    """Each command of a console block with the output written under it."""
    runs = []
    for line in source.splitlines():
        if line.startswith(_PROMPT):
            runs.append((line[len(_PROMPT) :], []))
        elif runs:
            runs[-1][1].append(line)
        elif line.strip():
            msg = f"a console block starts with a command: {line!r}"
            raise ValueError(msg)
    return runs


def _run_console(example):
    folder = _folder(example.namespace)
    environment = {
        key: value for key, value in os.environ.items() if key not in ("LC_ALL", "LC_MESSAGES")
    }
    environment.update(LANG="en_US.UTF-8", PYTHONIOENCODING="utf-8", COLUMNS="100")
    checker = OutputChecker()
    for command, written in _commands(example.parsed):
        words = shlex.split(command)
        if not words or words[0] != _TOOL:
            return f"only {_TOOL} commands run in the docs: {command!r}"
        status = 0
        if written and written[-1].startswith("[exit "):
            status = int(written.pop()[len("[exit ") : -1])
        ran = subprocess.run(  # noqa: S603  (our own interpreter; the docs' command, checked above)
            [sys.executable, "-m", "community_policing", *words[1:]],
            cwd=folder,
            env=environment,
            capture_output=True,
            text=True,
            check=False,
            timeout=120,
        )
        got = ran.stdout + ran.stderr
        want = "\n".join(written).strip() + "\n" if any(line.strip() for line in written) else ""
        if ran.returncode != status:
            return f"{command}: exit {ran.returncode}, not {status}\n{got}"
        if not checker.check_output(want, got, ELLIPSIS | NORMALIZE_WHITESPACE):
            return f"{command}: expected\n{want}got\n{got}"
    return None


pytest_collect_file = Sybil(
    parsers=[
        PythonCodeBlockParser(doctest_optionflags=ELLIPSIS | NORMALIZE_WHITESPACE),
        CodeBlockParser(language="console", evaluator=_run_console),
        SkipParser(),
    ],
    patterns=["README.md", "README.zh-CN.md", "docs/*.md", "docs/systems/*.md"],
).pytest()
