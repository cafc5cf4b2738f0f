"""How far a long piece of work has gone (进度): a callback for apps, a bar for terminals.

Long imports and exports take ``progress=``, a callable given a :class:`Progress` now and then
(at least once per stage, at most every thousand rows or so). An app shows it its own way; a
command line uses :func:`progress_bar`, which draws a bar (with rich, the ``progress`` extra)
when standard error is a terminal and is silent otherwise.

Examples:
    >>> from community_policing.progress import Progress
    >>> seen = []
    >>> seen.append(Progress("read", "人员", 500, 2000))
    >>> seen[0].label, seen[0].fraction
    ('读取 read 人员', 0.25)
"""

from __future__ import annotations

import sys
from contextlib import contextmanager
from typing import IO, TYPE_CHECKING, TypeAlias

import attrs

from community_policing.extras import require

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Progress", "ProgressCallback", "STAGES_ZH", "progress_bar"]

#: The Chinese of each stage a long piece of work reports.
STAGES_ZH: dict[str, str] = {
    "read": "读取",
    "parse": "解析",
    "check": "校验",
    "write": "写入",
    "save": "保存",
    "shards": "分片",
}


@attrs.frozen
class Progress:
    """One report of progress: ``done`` of ``total`` units of ``stage``, now at ``step``.

    Attributes:
        stage: What is being done (``"read"``, ``"parse"``, ``"check"``, ``"write"``,
            ``"save"``).
        step: Where (a sheet's title), or ``""``.
        done: Units done so far in this stage.
        total: Units in this stage (at least ``done``).

    Examples:
        >>> Progress("write", "户", 3, 3).fraction
        1.0
    """

    stage: str
    step: str
    done: int
    total: int

    @property
    def fraction(self) -> float:
        """The share of the stage done, from 0 to 1 (1 for a stage with nothing to do)."""
        return self.done / self.total if self.total else 1.0

    @property
    def label(self) -> str:
        """The stage in Chinese and English, and the step."""
        zh = STAGES_ZH.get(self.stage)
        words = f"{zh} {self.stage}" if zh else self.stage
        return f"{words} {self.step}" if self.step else words


#: What a long piece of work calls with each :class:`Progress`.
ProgressCallback: TypeAlias = "Callable[[Progress], None]"


@contextmanager
def progress_bar(stream: IO[str] | None = None) -> Iterator[ProgressCallback | None]:
    """A callback drawing a progress bar on ``stream`` (standard error) if it is a terminal.

    Yields ``None`` (report nothing) when the stream is not a terminal, so output piped or
    logged stays clean. The bar disappears when the work is done.

    Raises:
        MissingExtraError: on a terminal, rich is not installed (the ``progress`` extra).

    Examples:
        >>> import io
        >>> with progress_bar(io.StringIO()) as report:
        ...     report is None
        True
    """
    stream = sys.stderr if stream is None else stream
    if not stream.isatty():
        yield None
        return
    bars = require("rich.progress", extra="progress")
    console = require("rich.console", extra="progress").Console(file=stream)
    with bars.Progress(console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def report(progress: Progress) -> None:
            bar.update(
                task, description=progress.label, completed=progress.done, total=progress.total
            )

        yield report
