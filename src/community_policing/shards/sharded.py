"""A jurisdiction split into shards by station, policing district or street, and checked so.

:func:`split` makes one :class:`Shard` per area of the chosen kind: the area's part (as
:func:`~community_policing.model.extent.part_around` builds it: what lies inside, the records
reaching in, everything named up to the top) plus every record of the persons it is home to —
so a person living here who holds a post in another station brings that post along, and the
findings about that person are whole. Each entity has one home: the first shard whose area
holds it, for a person the shard of their first residence, for a team the shard of its first
assigned area. What has no home (a management grid drawn into no police grid, staff living
nowhere recorded, a police grid when splitting by street) forms one more shard, ``residual``,
built around those entities alone: the second, small pass.

:func:`check_shards` runs the policy checks on every shard through
:func:`~community_policing.shards.fanout.fan_out`, keeping from each shard only the findings
whose first subject it is home to; :func:`merged_report` puts them together. Reports order their
findings themselves, so the merged report is the one-process report, finding for finding.

Examples:
    >>> from datetime import date
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.policies import check
    >>> from community_policing.shards import check_shards, merged_report, split
    >>> town = sample.jurisdiction()
    >>> shards = split(town, by="township")
    >>> [shard.name for shard in shards]
    ['township:t-ximen', 'township:t-sample', 'residual']
    >>> with ThreadPoolExecutor(2) as pool:
    ...     done = check_shards(shards, as_of=date(2025, 1, 1), executor=pool)
    >>> whole = check(CommunityGraph.from_jurisdiction(town), as_of=date(2025, 1, 1))
    >>> merged_report(done, as_of=date(2025, 1, 1)) == whole
    True
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import ValidationError
from community_policing.graph import CommunityGraph, Coverage, coverage
from community_policing.model.extent import DRAWN_INTO, inside, part_around
from community_policing.model.jurisdiction import (
    COLLECTION_OF_KIND,
    COLLECTIONS,
    RECORD_COLLECTIONS,
    Jurisdiction,
)
from community_policing.policies import DEFAULT_CHECKS, Check, Report, Violation
from community_policing.shards.fanout import FanOut, fan_out

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from concurrent.futures import Executor

    from community_policing.progress import ProgressCallback

__all__ = [
    "SPLIT_KINDS",
    "Shard",
    "StoredPart",
    "check_shards",
    "coverage_of_shards",
    "home_of",
    "merged_report",
    "split",
    "split_store",
]

#: The kinds of area a jurisdiction may be split by.
SPLIT_KINDS = ("police_station", "policing_district", "township")
RESIDUAL = "residual"


@attrs.frozen
class StoredPart:
    """A shard's part kept in a store: loaded by the worker that runs it, nothing else read.

    Attributes:
        url: The store's URL.
        keys: The part's seeds, (collection, id): its area, or what has no home.
        descend: Whether the part holds what lies under its seeds (see
            :func:`~community_policing.model.extent.part_around`).
        home: The split whose homes the store keeps, as (kind, shard's index, revision); the
            worker reads the shard's home from the store, and its homed persons, communities,
            police grids and districts join the seeds. ``None`` for a part of given keys.

    Examples:
        >>> StoredPart("sqlite:///city.db", (("police_stations", "ps-3"),)).keys[0]
        ('police_stations', 'ps-3')
    """

    url: str
    keys: tuple[tuple[str, str], ...] = attrs.field(repr=False)
    descend: bool = True
    home: tuple[str, int, int] | None = None

    def load(self) -> Jurisdiction:
        """The part, from the store (the ``sql`` extra).

        Examples:
            >>> import tempfile
            >>> from pathlib import Path
            >>> from community_policing import sample, within_area
            >>> from community_policing.store import Store
            >>> url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'city.db'}"
            >>> with Store.create(url) as store:
            ...     _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> part = StoredPart(url, (("townships", "t-ximen"),)).load()
            >>> part == within_area(sample.jurisdiction(), "township:t-ximen")
            True
        """
        return self.load_with_home()[0]

    def load_with_home(self) -> tuple[Jurisdiction, dict[str, tuple[int, int]]]:
        """The part and the shard's home (node keys with their places), read by the worker.

        Raises:
            StoreError: the store has changed since it was split.

        Examples:
            >>> import tempfile
            >>> from pathlib import Path
            >>> from community_policing import sample
            >>> from community_policing.store import Store
            >>> url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'city.db'}"
            >>> with Store.create(url) as store:
            ...     _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
            >>> first = split_store(url, by="township")[0]
            >>> part, home = first.part.load_with_home()
            >>> "household:h-jy-1-101" in home, len(part.persons) < 24
            (True, True)
        """
        from community_policing.store import Store  # noqa: PLC0415  (the sql extra, on demand)

        with Store.open(self.url) as store:
            home = {} if self.home is None else store.shard_home(*self.home)
            names = list(COLLECTIONS)  # a place is (collection's order, position)
            homed = [
                (names[place[0]], key.partition(":")[2])
                for key, place in home.items()
                if names[place[0]] in _SEEDED
            ]
            return store.load_around([*self.keys, *homed], descend=self.descend), home


def home_of(shard: Shard) -> Mapping[str, tuple[int, int]]:
    """The node keys ``shard`` is home to, with their places: its own, or read from its store.

    Examples:
        >>> from community_policing import sample
        >>> "police_station:ps-kaolao" in home_of(split(sample.jurisdiction())[0])
        True
    """
    part = shard.part
    if isinstance(part, StoredPart) and part.home is not None:
        from community_policing.store import Store  # noqa: PLC0415  (the sql extra, on demand)

        with Store.open(part.url) as store:
            return store.shard_home(*part.home)
    return shard.home


def _opened(
    part: Jurisdiction | StoredPart, home: Mapping[str, tuple[int, int]]
) -> tuple[Jurisdiction, Mapping[str, tuple[int, int]]]:
    """A shard's part and home, loading both from the store when they are kept there."""
    if isinstance(part, StoredPart):
        loaded, kept = part.load_with_home()
        return loaded, kept if part.home is not None else home
    return part, home


def _part(part: Jurisdiction | StoredPart) -> Jurisdiction:
    return part.load() if isinstance(part, StoredPart) else part


@attrs.frozen
class Shard:
    """One shard: its name (the area's key, or ``"residual"``), its part, and its home.

    Attributes:
        name: ``"police_station:ps-3"``, or ``"residual"`` for what has no area's home.
        part: The jurisdiction the shard runs on, or where to load it from (a store).
        home: The node keys whose findings this shard reports, each with its place in the whole
            document's order (so merged lists keep that order). Empty for a shard of a store,
            whose worker reads its home from the store (:meth:`StoredPart.load_with_home`).

    Examples:
        >>> from community_policing import sample
        >>> shard = split(sample.jurisdiction())[0]
        >>> shard.name, "police_station:ps-kaolao" in shard.home
        ('police_station:ps-kaolao', True)
    """

    name: str
    part: Jurisdiction | StoredPart = attrs.field(repr=False)
    home: Mapping[str, tuple[int, int]] = attrs.field(repr=False)


def _key(collection: str, ident: str) -> str:
    return f"{COLLECTIONS[collection].KIND}:{ident}"


def split(jurisdiction: Jurisdiction, *, by: str = "police_station") -> tuple[Shard, ...]:
    """One shard per area of kind ``by``, then the residual shard if anything has no home.

    Raises:
        ValidationError: ``by`` is not one of :data:`SPLIT_KINDS`.

    Examples:
        >>> from community_policing import sample
        >>> [shard.name for shard in split(sample.jurisdiction(), by="policing_district")]
        ['policing_district:pd-east', 'policing_district:pd-town', 'residual']
    """
    _check_kind(by)
    collection = COLLECTION_OF_KIND[by]
    areas = [(collection, model.id) for model in getattr(jurisdiction, collection)]
    home: dict[tuple[str, str], int] = {}
    for at, (name, ident) in enumerate(areas):
        for key in inside(jurisdiction, f"{COLLECTIONS[name].KIND}:{ident}"):
            home.setdefault(key, at)
    for residence in jurisdiction.residences:  # a person's home: their first residence's
        where = home.get(("households", residence.household))
        if where is not None:
            home.setdefault(("persons", residence.person), where)
    for assignment in jurisdiction.area_assignments:  # a team's: its first assigned area's
        area = (COLLECTION_OF_KIND[assignment.area.kind.value], assignment.area.id)
        if assignment.team is not None and area in home:
            home.setdefault(("teams", assignment.team), home[area])
    for unit, field, target in DRAWN_INTO:  # an area outside every area: what is drawn in
        for model in getattr(jurisdiction, unit):
            where = home.get((unit, model.id))
            if where is not None and getattr(model, field) is not None:
                home.setdefault((target, getattr(model, field)), where)
    rank = {
        (name, model.id): (order, position)
        for order, name in enumerate(COLLECTIONS)
        if name not in RECORD_COLLECTIONS
        for position, model in enumerate(getattr(jurisdiction, name))
    }
    homed: list[list[tuple[str, str]]] = [[] for _ in areas]
    for key, where in home.items():  # one pass, not one per area
        homed[where].append(key)
    shards = []
    for at, area in enumerate(areas):
        mine = homed[at]
        seeds = [area, *(key for key in mine if key[0] in _SEEDED)]
        shards.append(
            Shard(
                f"{by}:{area[1]}",
                part_around(jurisdiction, seeds),
                {_key(*key): rank[key] for key in mine},
            )
        )
    homeless = [key for key in rank if key not in home]
    if homeless:
        shards.append(
            Shard(
                RESIDUAL,
                part_around(jurisdiction, homeless, descend=False),
                {_key(*key): rank[key] for key in homeless},
            )
        )
    return tuple(shards)


# What a shard's part is seeded with besides its area: its persons (with every record naming
# them) and the areas outside every split area it is home to (held whole, see DRAWN_INTO).
_SEEDED = frozenset({"persons", *(area for _, _, area in DRAWN_INTO)})


# A shard's check: its part, its home, the checks, the day, and whether it is the residual
# shard (which also keeps the findings that name no subject).
_Task = tuple["Jurisdiction | StoredPart", "Mapping[str, Any]", tuple[Any, ...], date, bool]
_Where = tuple["Jurisdiction | StoredPart", "Mapping[str, tuple[int, int]]", date]


def split_store(url: str, *, by: str = "police_station") -> tuple[Shard, ...]:
    """The shards of the jurisdiction in the store at ``url``, each loaded only by its worker.

    The homes are found in SQL and kept in the store
    (:meth:`~community_policing.store.store.Store.keep_homes`); each shard's part is a
    :class:`StoredPart` whose worker reads its home and loads its part
    (:meth:`~community_policing.store.store.Store.load_around`), so no process — the
    coordinator included — holds more than a shard.

    Raises:
        ValidationError: ``by`` is not one of :data:`SPLIT_KINDS`.

    Examples:
        >>> import tempfile
        >>> from pathlib import Path
        >>> from community_policing import sample
        >>> from community_policing.store import Store
        >>> url = f"sqlite:///{Path(tempfile.mkdtemp()) / 'city.db'}"
        >>> with Store.create(url) as store:
        ...     _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
        >>> [shard.name for shard in split_store(url, by="township")]
        ['township:t-ximen', 'township:t-sample', 'residual']
    """
    _check_kind(by)
    from community_policing.store import Store  # noqa: PLC0415  (the sql extra, on demand)

    with Store.open(url) as store:
        areas, homeless, revision = store.keep_homes(by)
    shards = [
        Shard(
            area,
            StoredPart(
                url, ((COLLECTION_OF_KIND[by], area.partition(":")[2]),), home=(by, at, revision)
            ),
            {},
        )
        for at, area in enumerate(areas)
    ]
    if homeless:
        keys = tuple(key for key, _ in homeless)
        shards.append(
            Shard(
                RESIDUAL,
                StoredPart(url, keys, descend=False),
                {_key(*k): place for k, place in homeless},
            )
        )
    return tuple(shards)


def _check_kind(by: str) -> None:
    if by not in SPLIT_KINDS:
        raise ValidationError(
            entity="split",
            field="by",
            rule="allowed_values",
            reason=f"a jurisdiction is split by one of {', '.join(SPLIT_KINDS)}",
        )


def _check_one(task: _Task) -> tuple[Violation, ...]:
    """The findings of one shard whose first subject it is home to (run in a worker)."""
    given, known, chosen, day, residual = task
    checks = [_BUILT_IN[item] if isinstance(item, str) else item for item in chosen]
    part, home = _opened(given, known)
    graph = CommunityGraph.from_jurisdiction(part)
    found = []
    for each in checks:
        for violation in each.run(graph, day):
            subject = violation.entities[0] if violation.entities else None
            if subject in home or (subject is None and residual):
                found.append(violation)
    return tuple(found)


_BUILT_IN = {each.id: each for each in DEFAULT_CHECKS}


def _portable(checks: Sequence[Check]) -> tuple[Any, ...]:
    """Built-in checks by id (their functions are closures a process pool cannot send)."""
    return tuple(each.id if _BUILT_IN.get(each.id) is each else each for each in checks)


def check_shards(
    shards: Iterable[Shard],
    *,
    checks: Iterable[Check] = DEFAULT_CHECKS,
    as_of: date,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> FanOut[_Task, tuple[Violation, ...]]:
    """Run ``checks`` on every shard through ``executor``; each shard's own findings.

    Built-in checks travel to the workers by id; a check of your own must be picklable for a
    process pool (a Dask executor sends closures too).

    Examples:
        >>> from datetime import date
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import sample
        >>> with ThreadPoolExecutor(2) as pool:
        ...     done = check_shards(split(sample.jurisdiction()), as_of=date(2025, 1, 1),
        ...                         executor=pool)
        >>> list(done.results)
        ['police_station:ps-kaolao', 'residual']
    """
    chosen = _portable(tuple(checks))
    inputs = {
        shard.name: (shard.part, dict.fromkeys(shard.home), chosen, as_of, shard.name == RESIDUAL)
        for shard in shards
    }
    return fan_out(_check_one, inputs, executor=executor, progress=progress)


def merged_report(
    done: FanOut[_Task, tuple[Violation, ...]],
    *,
    checks: Iterable[Check] = DEFAULT_CHECKS,
    as_of: date,
) -> Report:
    """One report of every shard's findings.

    Raises:
        ValidationError: a shard failed (see ``done.failures``; ``done.retry()`` runs them).

    Examples:
        >>> from datetime import date
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import sample
        >>> day = date(2024, 1, 1)
        >>> with ThreadPoolExecutor(2) as pool:
        ...     done = check_shards(split(sample.jurisdiction()), as_of=day, executor=pool)
        >>> merged_report(done, as_of=day).failed
        ('one_grid_one_officer', 'grid_worker')
    """
    _complete(done)
    chosen = tuple(checks)
    found = [violation for result in done.results.values() for violation in result]
    return Report(as_of=as_of, checks=tuple(each.id for each in chosen), violations=tuple(found))


def _coverage_one(task: _Where) -> dict[str, list[tuple[tuple[int, int], str]]]:
    """A shard's unstaffed grids and vacant posts it is home to, with their places."""
    given, known, day = task
    part, home = _opened(given, known)
    found = coverage(CommunityGraph.from_jurisdiction(part), as_of=day)
    return {
        field: [(home[key], key) for key in getattr(found, field) if key in home]
        for field in _COVERAGE_FIELDS
    }


_COVERAGE_FIELDS = (
    "police_grids_without_officer",
    "management_grids_without_grid_worker",
    "vacant_posts",
)


def coverage_of_shards(
    shards: Iterable[Shard],
    *,
    as_of: date,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> Coverage:
    """What is unstaffed (:func:`~community_policing.graph.queries.coverage`), shard by shard.

    The lists keep the whole document's order, as the one-process answer does.

    Raises:
        ValidationError: a shard failed (its name and error are in the message).

    Examples:
        >>> from datetime import date
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import CommunityGraph, coverage, sample
        >>> town, day = sample.jurisdiction(), date(2025, 1, 1)
        >>> with ThreadPoolExecutor(2) as pool:
        ...     merged = coverage_of_shards(split(town, by="township"), as_of=day,
        ...                                 executor=pool)
        >>> merged == coverage(CommunityGraph.from_jurisdiction(town), as_of=day)
        True
    """
    inputs = {shard.name: (shard.part, dict(shard.home), as_of) for shard in shards}
    done = fan_out(_coverage_one, inputs, executor=executor, progress=progress)
    _complete(done)
    merged = {
        field: tuple(key for _, key in sorted(p for r in done.results.values() for p in r[field]))
        for field in _COVERAGE_FIELDS
    }
    return Coverage(as_of=as_of, **merged)


def _complete(done: FanOut[Any, Any]) -> None:
    if done.failures:
        names = ", ".join(f"{name} ({failure.error})" for name, failure in done.failures.items())
        raise ValidationError(
            entity="shards",
            field="done",
            rule="complete",
            reason=f"shards failed: {names}; retry them first",
        )
