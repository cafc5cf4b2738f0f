"""Timing shared by the benchmarks (imported from the scripts' folder)."""

from __future__ import annotations

import gc
import sys
import time
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from collections.abc import Callable

T = TypeVar("T")


def timed(action: Callable[[], T], repeat: int = 1) -> tuple[T, float]:
    """The result of ``action`` and its best time in seconds over ``repeat`` runs.

    Each run starts after a full garbage collection, so one run's garbage does not land on the
    next; the best run is the least disturbed by the rest of the machine.
    """
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - started)
    return result, best


def smoke() -> bool:
    """Whether the script runs in smoke mode (``--smoke``): small sizes, the same code paths.

    ``make test`` runs every benchmark this way, so none can rot; the figures it prints are not
    judged.
    """
    return "--smoke" in sys.argv[1:]


def size_argument(default: int, smoke_size: int) -> int:
    """The size given as the first number on the command line, else the default (or smoke size)."""
    numbers = [argument for argument in sys.argv[1:] if argument.isdigit()]
    if numbers:
        return int(numbers[0])
    return smoke_size if smoke() else default
