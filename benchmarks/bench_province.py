"""A province in station shards on a local Dask cluster, against the same shards run serially.

A synthetic province (:func:`community_policing.sample.province_parts`) of 10,000,000 residents
in 100 stations is streamed into SQLite on disk (``Store.save_parts``; not timed). Then:

- ``split``: :func:`~community_policing.shards.split_store` by police station — the homes found
  in SQL, nothing else read;
- ``serial``: the default checks on three station shards (the first, the middle and the last),
  one after another in this process; the mean times the number of shards is the serial time;
- ``dask``: the default checks on every shard through a local Dask cluster of 2 worker processes
  (one thread each), each worker loading its shard from the store;
- ``peak_worker_mib``: the largest resident memory any worker reached;
- ``merge_equal``: 1 when the cluster's findings for the shards run serially are those serial
  findings, finding for finding, and (with ``--smoke``, where the whole fits) the merged report is
  the one-process report of the whole province.

Run: ``.venv/bin/python benchmarks/bench_province.py [residents] [--smoke] [--db FILE]``.
``--smoke`` makes a province of 4 stations and 2,000 residents and uses a 2-process pool instead
of Dask. ``--db FILE`` keeps the generated province in ``FILE`` and, when it is there already,
measures it again without generating it (it must be of the size asked for).
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

from _timing import size_argument, smoke, timed

import community_policing as cp
from community_policing.policies import check
from community_policing.sample import province_parts
from community_policing.shards import Shard, check_shards, merged_report, split_store
from community_policing.store import Store

RESIDENTS = size_argument(10_000_000, 2_000)
STATIONS = 4 if smoke() else 100
DAY = date(2025, 1, 1)


def peak_mib() -> float:
    """This process's peak resident memory since it started its program, in MiB.

    Linux's ``ru_maxrss`` survives ``exec``: a worker started from a large coordinator would
    report the coordinator's peak. ``VmHWM`` is the process's own (both in KiB).
    """
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def generate(url: str) -> float:
    """Stream the province into the store; seconds taken."""
    started = time.perf_counter()
    per_station = RESIDENTS // STATIONS
    parts = province_parts(stations=STATIONS, residents_per_station=per_station, seed=20)
    with Store.create(url) as store:
        store.save_parts(parts, author="s-post-mg-0-0", reason="合成省份")
    return time.perf_counter() - started


def serially(shards: tuple[Shard, ...]) -> tuple[dict[str, Any], float]:
    """Three station shards checked one after another here; their findings and the mean time."""
    stations = [shard for shard in shards if shard.name.startswith("police_station:")]
    chosen = [stations[0], stations[len(stations) // 2], stations[-1]]
    found: dict[str, Any] = {}
    spent = 0.0
    with ThreadPoolExecutor(1) as here:  # one thread of this process: serial
        for shard in chosen:
            done, seconds = timed(
                lambda shard=shard: check_shards([shard], as_of=DAY, executor=here)
            )
            found[shard.name] = done.results[shard.name]
            spent += seconds
    return found, spent / len(chosen)


def on_cluster(shards: tuple[Shard, ...]) -> tuple[Any, float, float]:
    """Every shard through the executor (Dask, or a process pool in smoke mode)."""
    if smoke():
        with ProcessPoolExecutor(2) as pool:
            done, seconds = timed(lambda: check_shards(shards, as_of=DAY, executor=pool))
            peaks = list(pool.map(_peak, range(2)))
        return done, seconds, max(peaks)
    from dask.distributed import Client, LocalCluster  # noqa: PLC0415  (the distributed extra)

    with (
        LocalCluster(
            n_workers=2,
            threads_per_worker=1,
            processes=True,
            memory_limit=0,
            dashboard_address=":0",
        ) as cluster,
        Client(cluster) as client,
    ):
        executor = client.get_executor()
        done, seconds = timed(lambda: check_shards(shards, as_of=DAY, executor=executor))
        peaks = client.run(peak_mib)
    return done, seconds, max(peaks.values())


def _peak(_: int) -> float:
    time.sleep(0.2)  # let both workers take one
    return peak_mib()


def kept() -> Path | None:
    """The file given with ``--db``, if any."""
    arguments = sys.argv[1:]
    return Path(arguments[arguments.index("--db") + 1]) if "--db" in arguments else None


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = kept() or Path(folder) / "province.db"
        url = f"sqlite:///{path}"
        generate_s = 0.0 if path.exists() else generate(url)
        size_gib = path.stat().st_size / 2**30
        shards, split_s = timed(lambda: split_store(url, by="police_station"))
        serial, mean_s = serially(shards)
        done, checks_s, worker_mib = on_cluster(shards)
        merged = merged_report(done, as_of=DAY)
        equal = all(done.results[name] == found for name, found in serial.items())
        if smoke():
            with Store.open(url) as store:
                whole = check(cp.CommunityGraph.from_jurisdiction(store.load()), as_of=DAY)
            equal = equal and merged == whole
    serial_s = mean_s * len(shards)
    print(
        f"province: {RESIDENTS} residents in {STATIONS} stations, generated and saved in ", end=""
    )
    print(f"{generate_s:.0f}s ({size_gib:.1f} GiB)")
    print(f"split: {len(shards)} shards in {split_s:.1f}s (coordinator peak {peak_mib():.0f} MiB)")
    print(f"serial: {mean_s:.2f}s a shard, x{len(shards)} = {serial_s:.0f}s")
    print(f"cluster: {checks_s:.1f}s, {len(merged.violations)} findings, failed {merged.failed}")
    print(
        f"checks_s={checks_s:.1f} speedup_vs_serial={serial_s / checks_s:.2f} "
        f"peak_worker_mib={worker_mib:.0f} merge_equal={int(equal)}"
    )
    sys.stdout.flush()


if __name__ == "__main__":
    main()
