"""Fanning work out over shards: results in order, failures kept apart, retries, progress."""

from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor

import pytest

from community_policing import ValidationError
from community_policing.shards import fan_out


def square(n):
    return n * n


def refuse_odd(n):
    if n % 2:
        raise ValidationError(entity="shard", field="n", rule="even", reason="must be even")
    if n == 4:
        raise RuntimeError("secret 13800138000")
    return n


def test_a_process_pool_by_default_gives_results_in_the_inputs_order():
    done = fan_out(square, {f"s-{n}": n for n in (5, 1, 4, 2)})
    assert list(done.results.items()) == [("s-5", 25), ("s-1", 1), ("s-4", 16), ("s-2", 4)]
    assert done.complete


@pytest.mark.parametrize("make", [lambda: ThreadPoolExecutor(2), lambda: ProcessPoolExecutor(2)])
def test_a_failing_shard_is_named_and_the_others_finish(make):
    seen = []
    with make() as pool:
        done = fan_out(
            refuse_odd, {"a": 2, "b": 3, "c": 4, "d": 6}, executor=pool, progress=seen.append
        )
    assert list(done.results) == ["a", "d"]
    assert list(done.failures) == ["b", "c"]
    assert done.failures["b"].error == "ValidationError"
    assert "must be even" in done.failures["b"].message
    assert done.failures["c"].message == "RuntimeError"  # a foreign message is not repeated
    assert sorted(p.done for p in seen) == [1, 2, 3, 4]
    assert {p.step for p in seen} == {"a", "b", "c", "d"}
    assert all(p.stage == "shards" and p.total == 4 for p in seen)
    assert not done.complete


def test_retrying_runs_only_the_failed_shards():
    calls = []

    def once_broken(name):
        calls.append(name)
        if name == "b" and calls.count("b") == 1:
            raise OSError("disk full")
        return name * 2

    with ThreadPoolExecutor(1) as pool:
        first = fan_out(once_broken, {"a": "a", "b": "b", "c": "c"}, executor=pool)
        again = first.retry(executor=pool)
    assert list(first.failures) == ["b"]
    assert again.results == {"a": "aa", "b": "bb", "c": "cc"}
    assert again.complete
    assert sorted(calls) == ["a", "b", "b", "c"]
