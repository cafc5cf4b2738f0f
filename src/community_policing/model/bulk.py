"""Pausing the cyclic garbage collector during bulk construction.

Loading a document or building a graph allocates millions of small containers without reference
cycles. Each allocation threshold crossed starts a collection that walks ever more objects and
frees nothing, so bulk work pauses the collector and restores it afterwards (also on error). It
only re-enables a collector it found enabled.

Examples:
    >>> import gc
    >>> from community_policing.model.bulk import collector_paused
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    >>> gc.isenabled()
    True
"""

from __future__ import annotations

import gc
from contextlib import contextmanager
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = ["collector_paused"]


@contextmanager
def collector_paused() -> Iterator[None]:
    """Disable the cyclic collector for the duration of the block.

    Examples:
        >>> import gc
        >>> with collector_paused():
        ...     paused = not gc.isenabled()
        >>> paused, gc.isenabled()
        (True, True)
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
