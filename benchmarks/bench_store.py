"""The store on disk with the 1,000,000-resident city of ``bench_graph.py`` (SQLite).

In one run:

- ``save``: :meth:`Store.save` of the whole city into a new SQLite file, against the floor of
  :func:`community_policing.dumps` and writing the same city as one JSON file;
- ``load``: :meth:`Store.load` of the whole city, against :func:`community_policing.loads` of
  that JSON file (both check every record and the whole document);
- ``shard``: loading one station's part (a tenth of the city) against the whole load;
- ``change sets``: 10,000 small change sets applied one after another, each in its own
  transaction and each judged by the document's rules: half move a resident to another
  household (end one residence, add another), half hand a post to another holder (end one
  membership, add another).

One run of each at full size (the city takes minutes to build); ``--smoke`` uses 2,000
residents and 100 change sets. Run: ``.venv/bin/python benchmarks/bench_store.py [residents]
[--smoke]``.
"""

from __future__ import annotations

import random
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from _timing import size_argument, smoke, timed
from bench_graph import build_city

import community_policing as cp
from community_policing.store import Store

RESIDENTS = size_argument(1_000_000, 2_000)
CHANGE_SETS = 100 if smoke() else 10_000


def day_changes(city: cp.Jurisdiction, count: int, seed: int = 5) -> list[tuple[cp.Edit, ...]]:
    """``count`` small change sets of the day, valid one after another."""
    rng = random.Random(seed)
    current = {r.person: r for r in city.residences if r.period.end is None}
    movers = rng.sample(sorted(current), count // 2)
    households = [h.id for h in city.households]
    holders = [m for m in city.memberships if m.post is not None and m.period.end is None]
    handed = rng.sample(holders, count - count // 2)
    persons = [p.id for p in city.persons]
    sets: list[tuple[cp.Edit, ...]] = []
    day = date(2025, 1, 1)
    for n, person in enumerate(movers):
        old = current[person]
        sets.append(
            (
                cp.Edit.end("residences", old.id, day + timedelta(days=n % 300)),
                cp.Edit.add(
                    cp.Residence(
                        id=f"r-move-{n}",
                        person=person,
                        household=rng.choice(households),
                        period=cp.Period(day + timedelta(days=n % 300)),
                    )
                ),
            )
        )
    for n, held in enumerate(handed):
        on = day + timedelta(days=n % 300)
        sets.append(
            (
                cp.Edit.end("memberships", held.id, on),
                cp.Edit.add(
                    cp.Membership(
                        id=f"m-hand-{n}",
                        person=rng.choice(persons),
                        post=held.post,
                        period=cp.Period(on),
                    )
                ),
            )
        )
    rng.shuffle(sets)
    return sets


def apply_all(store: Store, sets: list[tuple[cp.Edit, ...]]) -> int:
    """Apply the sets one after another, each made against the revision the last one made."""
    at = datetime(2025, 1, 1, tzinfo=UTC)
    revision = store.revision
    for n, changes in enumerate(sets):
        made = cp.ChangeSet(
            id=f"cs-{n}",
            author="s-post-mg-0",
            reason="日常采集",
            at=at,
            base_revision=revision,
            edits=changes,
        )
        revision = store.apply(made)
    return revision


def main() -> None:
    city, build_s = timed(lambda: build_city(RESIDENTS))
    with tempfile.TemporaryDirectory() as folder:
        text_path = Path(folder) / "city.json"
        _, json_save_s = timed(lambda: text_path.write_text(cp.dumps(city), encoding="utf-8"))
        db = Path(folder) / "city.db"
        store = Store.create(db)
        _, save_s = timed(lambda: store.save(city, author="s-post-mg-0", reason="建库"))
        loaded, json_load_s = timed(lambda: cp.loads(text_path.read_bytes(), cp.Jurisdiction))
        whole, load_s = timed(store.load)
        assert whole == city == loaded  # noqa: S101
        part, shard_s = timed(lambda: store.load(within="police_station:ps-3"))
        assert part == cp.within_area(city, "police_station:ps-3")  # noqa: S101
        sets = day_changes(city, CHANGE_SETS)
        revision, apply_s = timed(lambda: apply_all(store, sets))
        assert revision == 1 + CHANGE_SETS  # noqa: S101
        size_mib = db.stat().st_size / 2**20
        json_mib = text_path.stat().st_size / 2**20
        store.close()
    share = len(part.persons) / len(city.persons)
    print(f"city: {RESIDENTS} residents, built in {build_s:.1f}s")
    print(f"save: {save_s:.2f}s ({size_mib:.0f} MiB) against JSON {json_save_s:.2f}s", end="")
    print(f" ({json_mib:.0f} MiB)")
    print(f"load: {load_s:.2f}s against JSON {json_load_s:.2f}s")
    print(f"station ps-3: {shard_s:.2f}s, {share:.1%} of the persons")
    print(f"change sets: {CHANGE_SETS} in {apply_s:.2f}s")
    print(
        f"save_vs_json={save_s / json_save_s:.2f} load_vs_json={load_s / json_load_s:.2f} "
        f"shard_share={shard_s / load_s:.3f} changesets_per_s={CHANGE_SETS / apply_s:.0f}"
    )


if __name__ == "__main__":
    main()
