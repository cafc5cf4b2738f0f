"""The mechanisms' reports over shards: planning, mediation, services, hot places, staleness.

Each function runs one report per shard through
:func:`~community_policing.shards.fanout.fan_out` and merges the answers into the one a single
process gives over everything: counts add up, rankings are ranked again from the summed counts,
lists keep the shards' order. The inputs are given per shard — a station's mediation cases, its
service ledger, its incidents, its floor plans — and :func:`by_home` sorts a city's records into
its shards by where each one happened. Police-grid planning is already one problem per policing
district: :func:`plan_districts` runs them side by side.

Examples:
    >>> from datetime import date
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from community_policing import Period, sample
    >>> from community_policing.shards import services_of_shards
    >>> ledger = sample.service_ledger()
    >>> halves = {"a": ledger.records[::2], "b": ledger.records[1::2]}
    >>> with ThreadPoolExecutor(2) as pool:
    ...     merged = services_of_shards(halves, by=("kind",), executor=pool)
    >>> merged == ledger.counts(by=("kind",))
    True
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any, TypeVar

from community_policing.errors import NotFoundError
from community_policing.floorplans import (
    DEFAULT_MAX_AGE_DAYS,
    FloorPlan,
    StalenessReport,
    staleness_report,
)
from community_policing.graph import CommunityGraph
from community_policing.mediation import MediationCase, MediationMetrics, mediation_metrics
from community_policing.model.weekly import DEFAULT_TIMEZONE
from community_policing.planning import Plan, PlanningUnit, plan_police_grids
from community_policing.prevention import Incident, hot_places
from community_policing.services import ServiceLedger, ServiceRecord
from community_policing.shards.fanout import FanOut, fan_out
from community_policing.shards.sharded import RESIDUAL, Shard, _complete, _part, home_of

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence
    from concurrent.futures import Executor
    from datetime import date

    import networkx as nx

    from community_policing.model.periods import Period
    from community_policing.model.vocab import AreaKind
    from community_policing.progress import ProgressCallback

__all__ = [
    "by_home",
    "hot_places_of_shards",
    "mediation_of_shards",
    "plan_districts",
    "services_of_shards",
    "staleness_of_shards",
]

_T = TypeVar("_T")


def by_home(
    shards: Iterable[Shard], items: Iterable[_T], place: Callable[[_T], str]
) -> dict[str, list[_T]]:
    """``items`` sorted into the shards at home to each one's place (a node key), in order.

    An item whose place no shard is home to goes with the residual shard's (``"residual"``).

    Examples:
        >>> from community_policing import sample
        >>> from community_policing.shards import split
        >>> shards = split(sample.jurisdiction(), by="township")
        >>> by_home(shards, ["building:b-jy-1", "community:v-shedong"], place=str)
        {'township:t-ximen': ['building:b-jy-1'], 'township:t-sample': ['community:v-shedong']}
    """
    given = [(item, place(item)) for item in items]
    wanted = {where for _, where in given}
    home: dict[str, str] = {}
    names = []
    for shard in shards:  # one shard's home at a time (a stored shard's is read from its store)
        names.append(shard.name)
        for key in wanted.intersection(home_of(shard)):
            home.setdefault(key, shard.name)
    found: dict[str, list[_T]] = {}
    for item, where in given:
        found.setdefault(home.get(where, RESIDUAL), []).append(item)
    return {name: found[name] for name in [*names, RESIDUAL] if name in found}


def _mediation_one(task: tuple[Sequence[MediationCase], Period]) -> MediationMetrics:
    cases, period = task
    return mediation_metrics(cases, period)


def mediation_of_shards(
    cases: Mapping[str, Sequence[MediationCase]],
    period: Period,
    *,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> MediationMetrics:
    """The mediation report of every shard's cases, combined (矛盾纠纷化解统计).

    Raises:
        ValidationError: a shard failed (its name and error are in the message).

    Examples:
        >>> from datetime import date
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import Period
        >>> year = Period(date(2025, 1, 1), date(2026, 1, 1))
        >>> with ThreadPoolExecutor(2) as pool:
        ...     mediation_of_shards({"ps-1": [], "ps-2": []}, year, executor=pool).reported
        0
    """
    inputs = {name: (tuple(shard), period) for name, shard in cases.items()}
    done = fan_out(_mediation_one, inputs, executor=executor, progress=progress)
    _complete(done)
    return MediationMetrics.combine(done.results.values())


def _services_one(
    task: tuple[Sequence[ServiceRecord], tuple[str, ...], Period | None],
) -> dict[tuple[str, ...], int]:
    records, by, period = task
    return ServiceLedger(records).counts(by=by, period=period)


def services_of_shards(
    records: Mapping[str, Sequence[ServiceRecord]],
    *,
    by: tuple[str, ...] = ("kind",),
    period: Period | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> dict[tuple[str, ...], int]:
    """The service ledger's counts (服务台账) over every shard's records, summed.

    What :meth:`~community_policing.services.ledger.ServiceLedger.counts` gives over all the
    records at once.

    Raises:
        ValidationError: an unknown grouping, or a shard failed.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import sample
        >>> records = sample.service_ledger().records
        >>> with ThreadPoolExecutor(2) as pool:
        ...     total = services_of_shards({"all": records}, by=(), executor=pool)
        >>> total == {(): len(records)}
        True
    """
    # the empty ledger's counts: an unknown grouping is refused before any work, and the sum
    # starts from what no records give ({(): 0} when not grouped)
    total = Counter(ServiceLedger(()).counts(by=by, period=period))
    inputs = {name: (tuple(shard), by, period) for name, shard in records.items()}
    done = fan_out(_services_one, inputs, executor=executor, progress=progress)
    _complete(done)
    for counts in done.results.values():
        total.update(counts)
    return dict(sorted(total.items()))


def _hot_one(task: tuple[Any, Sequence[Incident], AreaKind, Period | None, str]) -> list[Any]:
    part, incidents, level, period, timezone = task
    graph = CommunityGraph.from_jurisdiction(_part(part))
    return list(hot_places(graph, incidents, level=level, period=period, timezone=timezone))


def hot_places_of_shards(
    shards: Iterable[Shard],
    incidents: Mapping[str, Sequence[Incident]],
    *,
    level: AreaKind,
    period: Period | None = None,
    top: int | None = None,
    timezone: str = DEFAULT_TIMEZONE,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[tuple[str, int], ...]:
    """The hot places (热点地区) over every shard's incidents, ranked again over the sums.

    Each shard counts its incidents against its own part (an incident is filed under a place
    the shard is home to, see :func:`by_home`); the counts are summed per area and ranked as
    :func:`~community_policing.prevention.hot_places` ranks them.

    Raises:
        ValidationError: a shard failed.
        NotFoundError: ``incidents`` name a shard not among ``shards``.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import AreaKind, sample
        >>> from community_policing.shards import split
        >>> shards = split(sample.jurisdiction(), by="township")
        >>> with ThreadPoolExecutor(2) as pool:
        ...     hot_places_of_shards(shards, {}, level=AreaKind.COMMUNITY, executor=pool)
        ()
    """
    parts = {shard.name: shard.part for shard in shards}
    unknown = [name for name in incidents if name not in parts]
    if unknown:
        raise NotFoundError("shard", unknown[0])
    inputs = {
        name: (parts[name], tuple(found), level, period, timezone)
        for name, found in incidents.items()
    }
    done = fan_out(_hot_one, inputs, executor=executor, progress=progress)
    _complete(done)
    total: Counter[str] = Counter()
    for ranked in done.results.values():
        total.update(dict(ranked))
    ordered = sorted(total.items(), key=lambda item: (-item[1], item[0]))
    return tuple(ordered if top is None else ordered[:top])


def _staleness_one(
    task: tuple[Sequence[FloorPlan], date, int, Mapping[str, str] | None],
) -> StalenessReport:
    plans, as_of, max_age_days, officer_of = task
    return staleness_report(plans, as_of=as_of, max_age_days=max_age_days, officer_of=officer_of)


def staleness_of_shards(
    plans: Mapping[str, Sequence[FloorPlan]],
    *,
    as_of: date,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    officer_of: Mapping[str, str] | None = None,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
) -> StalenessReport:
    """Which units need a visit (待核实), shard by shard, as one report in the shards' order.

    Raises:
        ValidationError: a bad age limit, or a shard failed.

    Examples:
        >>> from datetime import date
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing.floorplans import UnitRecord
        >>> old = FloorPlan("b-1", 1, [UnitRecord("101", 1, date(2024, 1, 1), "p-gw")])
        >>> with ThreadPoolExecutor(2) as pool:
        ...     merged = staleness_of_shards({"ps-1": [old], "ps-2": []},
        ...                                  as_of=date(2025, 1, 1), executor=pool)
        >>> dict(merged.by_officer)
        {'p-gw': 1}
    """
    # the report of no plans: a bad limit is refused before any work, and the merge has a start
    nothing = staleness_report((), as_of=as_of, max_age_days=max_age_days)
    inputs = {
        name: (tuple(shard), as_of, max_age_days, officer_of) for name, shard in plans.items()
    }
    done = fan_out(_staleness_one, inputs, executor=executor, progress=progress)
    _complete(done)
    return StalenessReport.combine([nothing, *done.results.values()])


def _plan_one(task: tuple[Sequence[PlanningUnit], nx.Graph[Any], dict[str, Any]]) -> Plan:
    units, adjacency, options = task
    return plan_police_grids(units, adjacency, **options)


def plan_districts(
    problems: Mapping[str, tuple[Sequence[PlanningUnit], nx.Graph[Any]]],
    *,
    executor: Executor | None = None,
    progress: ProgressCallback | None = None,
    **options: Any,
) -> FanOut[Any, Plan]:
    """Plan the police grids of every policing district side by side (警格划分).

    ``problems`` gives each district's units and their adjacency; ``options`` go to
    :func:`~community_policing.planning.plan_police_grids` for every district (the seed too, so
    a district's plan is the one planning it alone gives). A district that cannot be planned
    is in the outcome's failures, with its reason, and the others are planned.

    Examples:
        >>> from concurrent.futures import ThreadPoolExecutor
        >>> from community_policing import sample
        >>> from community_policing.planning import planning_units
        >>> problems = {"pd-east": (planning_units(sample.jurisdiction()), sample.borders())}
        >>> with ThreadPoolExecutor(2) as pool:
        ...     done = plan_districts(problems, executor=pool, seed=1)
        >>> len(done.results["pd-east"].grids)
        4
    """
    inputs = {
        name: (tuple(units), adjacency, dict(options))
        for name, (units, adjacency) in problems.items()
    }
    return fan_out(_plan_one, inputs, executor=executor, progress=progress)
