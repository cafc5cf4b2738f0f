"""The sources' norms as executable checks that report every violation at once.

A :class:`Check` has an id, an English and a Chinese title, and a function from a
:class:`~community_policing.graph.graph.CommunityGraph` and a date to :class:`Violation` records.
:func:`check`
runs a chosen set and returns a :class:`Report`, which groups the violations, says which checks
passed, and renders as text in either language or as JSON. Checks report; they never raise on
what they find.

Built-in checks (see :data:`DEFAULT_CHECKS`; :func:`district_officer_check`,
:func:`conflicting_posts_check` and :func:`topology_check` are opt-in):

- ``one_grid_one_officer`` (一格一警): each police grid has exactly one officer or auxiliary in
  force; an officer holding several grids is reported with the grids.
- ``population_cap`` (警格人口标准): a police grid's population stays within the cap for its
  setting (5,000 urban, 3,000 rural; a grid mixing settings takes the stricter cap).
- ``fusion`` (警网融合): every management grid and village belongs to exactly one police grid,
  and every police grid holds some territory.
- ``grid_worker`` (网格员): every management grid has at least one grid worker.
- ``team_formula`` (队伍构成): every team with a formula meets it.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.policies import check
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> report = check(graph, as_of=date(2025, 1, 1))
    >>> sorted(report.failed)
    ['grid_worker', 'one_grid_one_officer']
    >>> print(report.violations[0].message)
    police grid pg-04 has no officer or auxiliary on 2025-01-01
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from community_policing import geo
from community_policing.errors import NotFoundError
from community_policing.graph import CommunityGraph, holdings, members, related
from community_policing.model import validators as v
from community_policing.model.formulas import BUILT_IN_FORMULAS, Formula, SlotGap
from community_policing.model.territory import DEFAULT_POPULATION_CAPS
from community_policing.model.vocab import (
    AUXILIARY_ROLES,
    GRID_WORKER_ROLES,
    POLICE_GRID_ROLES,
    AreaSetting,
    Relation,
    Role,
)

__all__ = [
    "Check",
    "DEFAULT_CHECKS",
    "Report",
    "Violation",
    "check",
    "conflicting_posts_check",
    "district_officer_check",
    "fusion_check",
    "grid_worker_check",
    "one_grid_one_officer_check",
    "population_cap_check",
    "team_formula_check",
    "team_gaps",
    "topology_check",
]


@attrs.frozen
class Violation:
    """One breach of one rule.

    Attributes:
        rule: The id of the check that found it.
        severity: ``"error"`` or ``"warning"``.
        entities: Node keys of the entities involved.
        message: What is wrong, in English.
        message_zh: The same in Chinese.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> violation = check(graph, as_of=date(2025, 1, 1)).violations[-1]
        >>> violation.rule, violation.entities, violation.message_zh
        ('grid_worker', ('management_grid:mg-ximen-4',), '网格 mg-ximen-4 于 2025-01-01 无网格员')
    """

    rule: str
    severity: str
    entities: tuple[str, ...]
    message: str
    message_zh: str


CheckFunction = Callable[["CommunityGraph", date], Iterable[Violation]]


@attrs.frozen
class Check:
    """A named rule: a function from a graph and a date to the violations it finds.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import Violation, check
        >>> def every_building_has_floors(graph, day):
        ...     for key, data in graph.networkx.nodes(data=True):
        ...         if data["kind"] == "building" and data["model"].floors is None:
        ...             yield Violation("floors_recorded", "warning", (key,),
        ...                             f"{key} has no floor count", f"{key} 未登记层数")
        >>> floors = Check("floors_recorded", "floors are recorded", "楼层已登记",
        ...                every_building_has_floors)
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> check(graph, checks=[floors], as_of=date(2025, 1, 1)).passed
        ('floors_recorded',)
    """

    id: str = attrs.field(validator=v.identifier)
    title: str = attrs.field(validator=v.text)
    title_zh: str = attrs.field(validator=v.text)
    function: CheckFunction = attrs.field(eq=False, repr=False)

    KIND = "check"

    def run(self, graph: CommunityGraph, as_of: date) -> tuple[Violation, ...]:
        """The violations this check finds on ``as_of``."""
        return tuple(self.function(graph, as_of))


@attrs.frozen
class Report:
    """The outcome of running checks: every violation, grouped, and the checks that passed.

    Attributes:
        as_of: The day checked.
        checks: The ids of the checks run, in order.
        violations: Every violation, check by check, then by the entities each names (the
            report puts them so, however they are given).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> report = check(graph, as_of=date(2025, 1, 1))
        >>> list(report.by_rule())
        ['one_grid_one_officer', 'grid_worker']
    """

    as_of: date
    checks: tuple[str, ...]
    violations: tuple[Violation, ...]

    def __attrs_post_init__(self) -> None:
        # One order, whatever order the checks found them in: check by check, then by the
        # entities each names. A report merged from shards is the one-process report.
        rank = {rule: at for at, rule in enumerate(self.checks)}
        ordered = tuple(
            sorted(
                self.violations,
                key=lambda v: (
                    rank.get(v.rule, rank.get(v.rule.partition(".")[0], len(rank))),
                    v.entities,
                    v.message,
                ),
            )
        )
        object.__setattr__(self, "violations", ordered)

    @property
    def failed(self) -> tuple[str, ...]:
        """Ids of the checks that found something."""
        found = {violation.rule for violation in self.violations}
        return tuple(rule for rule in self.checks if rule in found)

    @property
    def passed(self) -> tuple[str, ...]:
        """Ids of the checks that found nothing."""
        found = {violation.rule for violation in self.violations}
        return tuple(rule for rule in self.checks if rule not in found)

    def by_rule(self) -> dict[str, tuple[Violation, ...]]:
        """The violations of each check that failed."""
        grouped: defaultdict[str, list[Violation]] = defaultdict(list)
        for violation in self.violations:
            grouped[violation.rule].append(violation)
        return {rule: tuple(grouped[rule]) for rule in self.failed}

    def to_text(self, language: str = "en") -> str:
        """A readable report in English (``"en"``) or Chinese (``"zh"``)."""
        zh = language == "zh"
        lines = [
            f"检查日期 {self.as_of.isoformat()}：{len(self.violations)} 项问题"
            if zh
            else f"Checks on {self.as_of.isoformat()}: {len(self.violations)} violation(s)"
        ]
        for rule, violations in self.by_rule().items():
            lines.append(f"✗ {rule} ({len(violations)})")
            lines.extend(f"  - {v.message_zh if zh else v.message}" for v in violations)
        lines.extend(f"✓ {rule}" for rule in self.passed)
        return "\n".join(lines)

    def to_json(self) -> str:
        """The report as JSON: date, checks, passed, and every violation."""
        return json.dumps(
            {
                "as_of": self.as_of.isoformat(),
                "checks": list(self.checks),
                "passed": list(self.passed),
                "violations": [attrs.asdict(v) for v in self.violations],
            },
            ensure_ascii=False,
        )


# ------------------------------------------------------------------------------ helpers


def _nodes_of(graph: CommunityGraph, kind: str, day: date) -> list[tuple[str, Any]]:
    return [(f"{kind}:{model.id}", model) for model in graph.entities(kind, as_of=day)]


def _holders(graph: CommunityGraph, area: str, roles: frozenset[Role], day: date) -> list[str]:
    """Person keys holding, on ``day``, a post with one of ``roles`` that covers ``area``."""
    return [
        f"person:{holding.person}"
        for holding in holdings(graph, area, roles=roles, as_of=day)
        if holding.person is not None
    ]


def _short(key: str) -> str:
    return key.partition(":")[2]


# ------------------------------------------------------------------------------ checks


def one_grid_one_officer_check(roles: frozenset[Role] = POLICE_GRID_ROLES) -> Check:
    """一格一警: each police grid has exactly one officer or auxiliary (any of ``roles``).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, Role, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> only_officers = one_grid_one_officer_check(frozenset({Role.COMMUNITY_OFFICER}))
        >>> len(only_officers.run(graph, date(2025, 1, 1)))
        4
    """

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        grids_of: defaultdict[str, list[str]] = defaultdict(list)
        for grid, _ in _nodes_of(graph, "police_grid", day):
            staff = _holders(graph, grid, roles, day)
            for person in set(staff):
                grids_of[person].append(grid)
            if len(staff) != 1:
                what = "no officer or auxiliary" if not staff else f"{len(staff)} officers"
                yield Violation(
                    "one_grid_one_officer",
                    "error",
                    (grid, *staff),
                    f"police grid {_short(grid)} has {what} on {day.isoformat()}",
                    f"警格 {_short(grid)} 于 {day.isoformat()} "
                    f"有 {len(staff)} 名民警或辅警（应为 1 名）",
                )
        for person, grids in grids_of.items():
            if len(grids) > 1:
                listed = ", ".join(_short(g) for g in grids)
                yield Violation(
                    "one_grid_one_officer",
                    "error",
                    (person, *grids),
                    f"{_short(person)} staffs {len(grids)} police grids: {listed}",
                    f"{_short(person)} 同时负责 {len(grids)} 个警格：{listed}",
                )

    return Check("one_grid_one_officer", "one grid, one officer", "一格一警", run)


def population_cap_check(caps: Mapping[AreaSetting, int] = DEFAULT_POPULATION_CAPS) -> Check:
    """警格人口标准: a police grid's population stays within the cap for its setting.

    A police grid's population is the sum of the communities it takes whole and of the
    management grids it takes one by one; a grid mixing settings takes the stricter cap.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaSetting, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> population_cap_check().run(graph, date(2025, 1, 1))
        ()
    """

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        population: defaultdict[str, int] = defaultdict(int)
        settings: defaultdict[str, set[AreaSetting]] = defaultdict(set)
        for _, community in _nodes_of(graph, "community", day):
            if community.police_grid is not None:
                key = f"police_grid:{community.police_grid}"
                population[key] += community.population
                settings[key].add(community.setting)
        for _, grid in _nodes_of(graph, "management_grid", day):
            if grid.police_grid is not None:
                key = f"police_grid:{grid.police_grid}"
                population[key] += grid.population or 0
                settings[key].add(graph.entity(f"community:{grid.community}").setting)
        for key, people in population.items():
            cap = min(caps[setting] for setting in settings[key])
            if people > cap:
                yield Violation(
                    "population_cap",
                    "error",
                    (key,),
                    f"police grid {_short(key)} has {people} people, over its cap of {cap}",
                    f"警格 {_short(key)} 人口 {people}，超过标准 {cap}",
                )

    return Check("population_cap", "police-grid population cap", "警格人口标准", run)


def fusion_check() -> Check:
    """警网融合: every unit belongs to exactly one police grid; every police grid holds some.

    A unit is a management grid, or a village or community without management grids.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> check(graph, checks=[fusion_check()], as_of=date(2025, 1, 1)).passed
        ('fusion',)
    """

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        gridded: set[str] = set()
        for key, grid in _nodes_of(graph, "management_grid", day):
            gridded.add(grid.community)
            whole = graph.entity(f"community:{grid.community}").police_grid
            if grid.police_grid is None and whole is None:
                yield Violation(
                    "fusion",
                    "error",
                    (key, f"community:{grid.community}"),
                    f"management grid {grid.id} belongs to no police grid",
                    f"网格 {grid.id} 未纳入任何警格",
                )
        # a village or community without management grids is a unit of its own
        for key, community in _nodes_of(graph, "community", day):
            if community.police_grid is None and community.id not in gridded:
                yield Violation(
                    "fusion",
                    "error",
                    (key,),
                    f"community {community.id} belongs to no police grid",
                    f"社区/行政村 {community.id} 未纳入任何警格",
                )
        # and the other way round: a police grid holds some territory
        view = graph.as_of(day)
        for key, grid in _nodes_of(graph, "police_grid", day):
            if not any(
                data["relation"] is Relation.IN_POLICE_GRID
                for _, _, data in view.in_edges(key, data=True)
            ):
                yield Violation(
                    "fusion",
                    "error",
                    (key,),
                    f"police grid {grid.id} has no territory",
                    f"警格 {grid.id} 无辖区",
                )

    return Check("fusion", "police-grid and management-grid fusion", "警网融合", run)


def grid_worker_check(roles: frozenset[Role] = GRID_WORKER_ROLES) -> Check:
    """网格员: every management grid has at least one grid worker in force.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> [v.entities for v in grid_worker_check().run(graph, date(2025, 1, 1))]
        [('management_grid:mg-ximen-4',)]
    """

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        for key, grid in _nodes_of(graph, "management_grid", day):
            if not _holders(graph, key, roles, day):
                yield Violation(
                    "grid_worker",
                    "error",
                    (key,),
                    f"management grid {grid.id} has no grid worker on {day.isoformat()}",
                    f"网格 {grid.id} 于 {day.isoformat()} 无网格员",
                )

    return Check("grid_worker", "a grid worker in every management grid", "网格员全覆盖", run)


def team_gaps(
    graph: CommunityGraph,
    team: str,
    *,
    formulas: Mapping[str, Formula] = BUILT_IN_FORMULAS,
    as_of: date | None = None,
) -> tuple[SlotGap, ...]:
    """Every slot of its formula that the team with id ``team`` leaves unmet on ``as_of``.

    Members count by the role of their team membership; a team without a formula has no gaps.

    Raises:
        NotFoundError: no such team, or its formula is not in ``formulas``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> team_gaps(graph, "t-shedong-1n", as_of=date(2025, 1, 1))
        ()
        >>> [gap.message for gap in team_gaps(graph, "t-shedong-1n", as_of=date(2023, 1, 1))]
        ['officer or auxiliary: needs 1, has 0', 'grid worker: needs 1, has 0']
    """
    day = date.today() if as_of is None else as_of  # noqa: DTZ011
    model = graph.entity(f"team:{team}")
    if model.formula is None:
        return ()
    formula = formulas.get(model.formula)
    if formula is None:
        raise NotFoundError("formula", model.formula)
    roles = [m.role for m in members(graph, f"team:{team}", as_of=day) if m.role is not None]
    return formula.check(roles)


def team_formula_check(formulas: Mapping[str, Formula] = BUILT_IN_FORMULAS) -> Check:
    """队伍构成: every team that names a formula meets it (members by their team role).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> team_formula_check().run(graph, date(2025, 1, 1))
        ()
    """

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        for key, team in _nodes_of(graph, "team", day):
            gaps = team_gaps(graph, team.id, formulas=formulas, as_of=day)
            if not gaps:
                continue
            formula = formulas[str(team.formula)]
            for gap in gaps:
                yield Violation(
                    "team_formula",
                    "error",
                    (key,),
                    f"team {team.id} ({formula}): {gap.message}",
                    f"队伍 {team.id}（{formula.name_zh}）：{gap.message_zh}",
                )

    return Check("team_formula", "teams meet their formulas", "队伍构成符合", run)


def district_officer_check(auxiliaries: int = 2) -> Check:
    """一区一警两辅 (opt-in): each policing district has one officer and ``auxiliaries``.

    Counts the community officers covering the district and the auxiliaries covering it or
    any of its police grids.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> check(graph, checks=[district_officer_check()], as_of=date(2025, 1, 1)).failed
        ('one_district_one_officer_two_auxiliaries',)
    """
    officer_roles = POLICE_GRID_ROLES - AUXILIARY_ROLES

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        for key, district in _nodes_of(graph, "policing_district", day):
            officers = set(_holders(graph, key, officer_roles, day))
            helpers = set(_holders(graph, key, AUXILIARY_ROLES, day))
            for grid, _ in related(graph, key, Relation.IN_DISTRICT, incoming=True, as_of=day):
                helpers.update(_holders(graph, grid, AUXILIARY_ROLES, day))
            if len(officers) != 1 or len(helpers) != auxiliaries:
                yield Violation(
                    "one_district_one_officer_two_auxiliaries",
                    "warning",
                    (key,),
                    f"policing district {district.id} has {len(officers)} officer(s) and "
                    f"{len(helpers)} auxiliaries, not 1 and {auxiliaries}",
                    f"警务区 {district.id} 有民警 {len(officers)} 名、辅警 {len(helpers)} 名"
                    f"（应为 1 名和 {auxiliaries} 名）",
                )

    return Check(
        "one_district_one_officer_two_auxiliaries",
        "one district, one officer, two auxiliaries",
        "一区一警两辅",
        run,
    )


def conflicting_posts_check(conflicts: Iterable[tuple[Role, Role]]) -> Check:
    """岗位冲突 (opt-in): nobody holds two posts whose roles the user declares in conflict.

    Examples:
        >>> from community_policing import Role
        >>> conflicting_posts_check([(Role.COMMUNITY_MEDIATOR, Role.LAWYER)]).id
        'conflicting_posts'
    """
    pairs = {frozenset(pair) for pair in conflicts}

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        for key, _ in _nodes_of(graph, "person", day):
            roles: defaultdict[Role, list[str]] = defaultdict(list)
            for post, _ in related(graph, key, Relation.HOLDS_POST, as_of=day):
                roles[graph.entity(post).role].append(post)
            if len(roles) < 2:
                continue
            for pair in pairs:
                first, second = sorted(pair, key=lambda role: role.value)
                if first in roles and second in roles:
                    yield Violation(
                        "conflicting_posts",
                        "error",
                        (key, *roles[first], *roles[second]),
                        f"{_short(key)} holds both {first.en} and {second.en}",
                        f"{_short(key)} 同时担任{first.zh}和{second.zh}",
                    )

    return Check("conflicting_posts", "no conflicting posts", "岗位不冲突", run)


#: The checks :func:`check` runs by default.
def topology_check(tolerance_m2: float = 10.0) -> Check:
    """边界拓扑 (opt-in, ``geo`` extra): boundaries tile their parents without overlap or gap.

    One violation per :class:`~community_policing.geo.topology.TopologyProblem` of the day's
    :class:`~community_policing.geo.areamap.AreaMap`, rule ``topology.<rule>``; an invalid
    outline is an error, the rest warnings. The repaired outline of an invalid one comes with
    :func:`~community_policing.geo.topology.topology_problems`.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> check(graph, checks=[topology_check()], as_of=date(2025, 1, 1)).failed
        ()
    """
    # a bad tolerance is refused here, not at the first run (an empty map needs no engine)
    geo.topology_problems(geo.AreaMap(CommunityGraph(), as_of=date.min), tolerance_m2=tolerance_m2)

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        found = geo.topology_problems(geo.AreaMap(graph, as_of=day), tolerance_m2=tolerance_m2)
        for problem in found:
            severity = "error" if problem.rule == "invalid_boundary" else "warning"
            yield Violation(
                f"topology.{problem.rule}",
                severity,
                problem.areas,
                problem.message,
                problem.message_zh,
            )

    return Check("topology", "boundaries tile their parents", "边界无重叠无缝隙", run)


DEFAULT_CHECKS: tuple[Check, ...] = (
    one_grid_one_officer_check(),
    population_cap_check(),
    fusion_check(),
    grid_worker_check(),
    team_formula_check(),
)


def check(
    graph: CommunityGraph,
    *,
    checks: Iterable[Check] = DEFAULT_CHECKS,
    as_of: date | None = None,
) -> Report:
    """Run ``checks`` on ``graph`` for ``as_of`` (default: today) and report every violation.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> print(check(graph, as_of=date(2024, 1, 1)).to_text())
        Checks on 2024-01-01: 2 violation(s)
        ✗ one_grid_one_officer (1)
          - p-sun-hao staffs 2 police grids: pg-03, pg-04
        ✗ grid_worker (1)
          - management grid mg-ximen-4 has no grid worker on 2024-01-01
        ✓ population_cap
        ✓ fusion
        ✓ team_formula
    """
    day = date.today() if as_of is None else as_of  # noqa: DTZ011
    chosen = tuple(checks)
    violations = [violation for each in chosen for violation in each.run(graph, day)]
    return Report(as_of=day, checks=tuple(each.id for each in chosen), violations=tuple(violations))
