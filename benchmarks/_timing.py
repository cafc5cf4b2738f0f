"""Timing shared by the benchmarks (imported from the scripts' folder)."""

from __future__ import annotations

import gc
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
