"""Work fanned out over shards through any :class:`concurrent.futures.Executor`.

:func:`fan_out` runs one function over named inputs (a station's part, a district's plan) on
an executor — a process pool by default, a Dask client's executor for a cluster
(``client.get_executor()``), or any other — and gathers the results in the inputs' order. A
shard that fails does not stop the others: its name and error are kept in
:attr:`FanOut.failures`, and :meth:`FanOut.retry` runs only those again. Progress is reported per
finished shard (see :mod:`community_policing.progress`).

Examples:
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from community_policing.shards.fanout import fan_out
    >>> with ThreadPoolExecutor(2) as pool:
    ...     done = fan_out(len, {"ps-1": "abc", "ps-2": "de"}, executor=pool)
    >>> done.results, done.failures
    ({'ps-1': 3, 'ps-2': 2}, {})
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from typing import TYPE_CHECKING, Generic, TypeVar

import attrs

from community_policing.errors import CommunityPolicingError
from community_policing.progress import Progress

if TYPE_CHECKING:
    from community_policing.progress import ProgressCallback

__all__ = ["FanOut", "ShardFailure", "fan_out"]

_I = TypeVar("_I")
_R = TypeVar("_R")


@attrs.frozen
class ShardFailure:
    """Why one shard failed: the error's type, and its message when the library wrote it.

    A foreign error's message may repeat what it was given (a person's number), so only the
    library's own messages, which never do, are kept.

    Examples:
        >>> ShardFailure.of(ValueError("110105194912310021 is bad")).message
        'ValueError'
    """

    error: str
    message: str

    @classmethod
    def of(cls, error: BaseException) -> ShardFailure:
        """The failure an exception stands for."""
        name = type(error).__name__
        return cls(name, str(error) if isinstance(error, CommunityPolicingError) else name)


@attrs.define
class FanOut(Generic[_I, _R]):
    """The outcome of :func:`fan_out`: results by shard, in the inputs' order, and failures.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> def halve(n):
        ...     if n % 2:
        ...         raise ValueError("odd")
        ...     return n // 2
        >>> with ThreadPoolExecutor(2) as pool:
        ...     done = fan_out(halve, {"a": 4, "b": 3, "c": 8}, executor=pool)
        ...     list(done.results), list(done.failures)
        (['a', 'c'], ['b'])
    """

    function: Callable[[_I], _R]
    inputs: Mapping[str, _I]
    results: dict[str, _R]
    failures: dict[str, ShardFailure]

    @property
    def complete(self) -> bool:
        """Whether every shard finished.

        Examples:
            >>> from concurrent.futures import ThreadPoolExecutor
            >>> with ThreadPoolExecutor(1) as pool:
            ...     fan_out(int, {"a": "1", "b": "x"}, executor=pool).complete
            False
        """
        return not self.failures

    def retry(
        self, *, executor: Executor | None = None, progress: ProgressCallback | None = None
    ) -> FanOut[_I, _R]:
        """Run the failed shards again; the outcome of all of them, in the inputs' order.

        Examples:
            >>> from concurrent.futures import ThreadPoolExecutor
            >>> tries = []
            >>> def flaky(name):
            ...     tries.append(name)
            ...     if tries.count(name) == 1 and name == "b":
            ...         raise OSError("disk")
            ...     return name.upper()
            >>> with ThreadPoolExecutor(1) as pool:
            ...     first = fan_out(flaky, {"a": "a", "b": "b"}, executor=pool)
            ...     again = first.retry(executor=pool)
            >>> list(first.failures), again.results, sorted(tries)
            (['b'], {'a': 'A', 'b': 'B'}, ['a', 'b', 'b'])
        """
        redo = {name: self.inputs[name] for name in self.failures}
        again = fan_out(self.function, redo, executor=executor, progress=progress)
        results = {**self.results, **again.results}
        ordered = {name: results[name] for name in self.inputs if name in results}
        return FanOut(self.function, self.inputs, ordered, again.failures)


def fan_out(
    function: Callable[[_I], _R],
    inputs: Mapping[str, _I],
    *,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> FanOut[_I, _R]:
    """Run ``function`` on every input through ``executor``; every result and every failure.

    Args:
        function: What to run on one shard (picklable for a process pool or a cluster).
        inputs: The shards' inputs, by name, in the order results are given back.
        executor: Where to run (default: a process pool of the machine's cores, made and shut
            down here).
        progress: Called with ``Progress("shards", name, done, total)`` as shards finish.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> with ThreadPoolExecutor(2) as pool:
        ...     fan_out(str.upper, {"x": "a"}, executor=pool).results
        {'x': 'A'}
    """
    own = executor is None
    pool: Executor = ProcessPoolExecutor(os.cpu_count() or 1) if executor is None else executor
    try:
        futures: dict[Future[_R], str] = {
            pool.submit(function, value): name for name, value in inputs.items()
        }
        finished: dict[str, _R] = {}
        failures: dict[str, ShardFailure] = {}
        for done, future in enumerate(as_completed(futures), start=1):
            name = futures[future]
            error = future.exception()
            if error is None:
                finished[name] = future.result()
            else:
                failures[name] = ShardFailure.of(error)
            if progress is not None:
                progress(Progress("shards", name, done, len(futures)))
    finally:
        if own:
            pool.shutdown()
    results = {name: finished[name] for name in inputs if name in finished}
    ordered_failures = {name: failures[name] for name in inputs if name in failures}
    return FanOut(function, inputs, results, ordered_failures)
