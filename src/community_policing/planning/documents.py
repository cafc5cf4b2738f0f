"""Planning from and into a jurisdiction: the units to plan, and a plan written back.

Examples:
    >>> from community_policing import sample
    >>> from community_policing.planning import plan_police_grids
    >>> plan = plan_police_grids(planning_units(sample.jurisdiction()), sample.borders())
    >>> len(apply_plan(sample.jurisdiction(), plan, district="pd-east").police_grids) >= 4
    True
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import shown
from community_policing.model.territory import DEFAULT_POPULATION_CAPS, PoliceGrid
from community_policing.planning.bounds import refuse
from community_policing.planning.plan import Plan, PlanningUnit

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence

    from community_policing.model.jurisdiction import Jurisdiction
    from community_policing.model.vocab import AreaSetting

__all__ = ["apply_plan", "planning_units"]


def planning_units(
    jurisdiction: Jurisdiction,
    *,
    communities: Iterable[str] | None = None,
    caps: Mapping[AreaSetting, int] | None = None,
) -> list[PlanningUnit]:
    """The units a station plans with, read from a jurisdiction.

    A community or village within its setting's cap is one unit, as police-grid fusion wants
    (警网融合: a unit is never split). A community over the cap whose management grids all
    carry a population is planned by its management grids instead; one without those
    populations stays whole (and is flagged by the planner as over the cap).

    Args:
        jurisdiction: The document to read.
        communities: Ids of the communities to plan (default: all of them).
        caps: People per grid by setting (default 5,000 urban, 3,000 rural).

    Raises:
        ValidationError: a community id is not in the jurisdiction.

    Examples:
        >>> from community_policing import sample
        >>> [(unit.id, unit.population) for unit in planning_units(sample.jurisdiction())]
        ... # doctest: +NORMALIZE_WHITESPACE
        [('v-shedong', 1650), ('v-shexi', 1180), ('v-beiguan', 2870), ('mg-ximen-1', 2400),
         ('mg-ximen-2', 2300), ('mg-ximen-3', 2500), ('mg-ximen-4', 2400)]
    """
    caps = {**DEFAULT_POPULATION_CAPS, **(caps or {})}
    known = {community.id: community for community in jurisdiction.communities}
    chosen = list(known) if communities is None else list(communities)
    grids_of: dict[str, list[Any]] = {}
    for grid in jurisdiction.management_grids:
        grids_of.setdefault(grid.community, []).append(grid)
    found: list[PlanningUnit] = []
    for ident in chosen:
        community = known.get(ident)
        if community is None:
            raise refuse("communities", "reference", f"{shown(ident)} is not a community")
        parts = grids_of.get(ident, [])
        if (
            community.population > caps[community.setting]
            and parts
            and all(grid.population is not None for grid in parts)
        ):
            found.extend(
                PlanningUnit(grid.id, grid.population, community.setting) for grid in parts
            )
        else:
            found.append(PlanningUnit(community.id, community.population, community.setting))
    return found


def apply_plan(
    jurisdiction: Jurisdiction,
    planned: Plan,
    *,
    district: str,
    ids: Sequence[str] | None = None,
    names: Sequence[str] | None = None,
) -> Jurisdiction:
    """A copy of ``jurisdiction`` with the plan written in as police grids of ``district``.

    Each planned grid becomes a police grid (an existing one when its id is given in ``ids``,
    moved to ``district`` and renamed when ``names`` says so); every unit of the plan — a
    community, or a management grid of a split community — names its new grid, and a
    community planned by its management grids names none itself. Without ``ids`` the
    district's own police grids are redrawn first, keeping their ids, names and staff, and new
    grids are added only when the plan has more. Police grids that lose every unit are kept
    (posts may still refer to them); the ``fusion`` check reports each as a grid without
    territory. The result is checked as a whole like any jurisdiction.

    Args:
        jurisdiction: The document the units came from (see :func:`planning_units`).
        planned: The plan to apply.
        district: The policing district the grids belong to.
        ids: Police-grid ids, one per planned grid (default: the district's own grids, then
            ``<district>-g01``, ... for any more).
        names: Police-grid names, one per planned grid (default: the grid's own name, or
            ``警格01``, ... for a new one).

    Raises:
        ValidationError: ``ids`` or ``names`` has the wrong length, or a unit of the plan is
            neither a community nor a management grid of the jurisdiction.
        DocumentError: the result is not a valid jurisdiction (an unknown district, say).

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.planning import plan_police_grids
        >>> from community_policing.policies import check, fusion_check, population_cap_check
        >>> before = sample.jurisdiction()
        >>> result = plan_police_grids(planning_units(before), sample.borders())
        >>> after = apply_plan(before, result, district="pd-east")
        >>> [grid.units for grid in result.grids]  # doctest: +NORMALIZE_WHITESPACE
        [('mg-ximen-1', 'mg-ximen-4'), ('mg-ximen-2', 'mg-ximen-3'), ('v-beiguan',),
         ('v-shedong', 'v-shexi')]
        >>> [c.police_grid for c in after.communities]
        ['pd-east-g02', 'pd-east-g02', 'pd-east-g01', None]
        >>> report = check(CommunityGraph.from_jurisdiction(after),
        ...                checks=[population_cap_check(), fusion_check()])
        >>> [violation.message for violation in report.violations]  # pd-town's grids, emptied
        ['police grid pg-03 has no territory', 'police grid pg-04 has no territory']
    """
    count = len(planned.grids)
    # By default the district's own grids are redrawn first (their posts and staff stay on a
    # grid with territory), and new grids are added only for the rest.
    own = [grid for grid in jurisdiction.police_grids if grid.district == district]
    if ids is None:
        ids = [grid.id for grid in own[:count]]
        taken = {grid.id for grid in jurisdiction.police_grids}
        fresh = (f"{district}-g{i:02d}" for i in range(1, 10_000))
        ids.extend(itertools.islice((i for i in fresh if i not in taken), count - len(ids)))
    ids = list(ids)
    if names is None:
        known_names = {grid.id: grid.name for grid in jurisdiction.police_grids}
        names = [known_names.get(ident, f"警格{i:02d}") for i, ident in enumerate(ids, 1)]
    names = list(names)
    if len(ids) != count or len(names) != count:
        raise refuse("ids", "length", f"the plan has {count} grids; give as many ids and names")
    grid_of = {unit: ids[index] for index, grid in enumerate(planned.grids) for unit in grid.units}
    new_grids = [
        PoliceGrid(id=ident, name=name, district=district)
        for ident, name in zip(ids, names, strict=True)
    ]
    police_grids = [grid for grid in jurisdiction.police_grids if grid.id not in set(ids)]
    police_grids.extend(new_grids)
    split = {grid.community for grid in jurisdiction.management_grids if grid.id in grid_of}
    known = {community.id for community in jurisdiction.communities}
    known |= {grid.id for grid in jurisdiction.management_grids}
    stray = sorted(unit for unit in grid_of if unit not in known)
    if stray:
        raise refuse(
            "plan", "reference", f"{shown(stray[0])} is not a community or management grid"
        )
    communities = tuple(
        attrs.evolve(community, police_grid=grid_of[community.id])
        if community.id in grid_of
        else attrs.evolve(community, police_grid=None)
        if community.id in split
        else community
        for community in jurisdiction.communities
    )
    management_grids = tuple(
        attrs.evolve(grid, police_grid=grid_of[grid.id])
        if grid.id in grid_of
        else attrs.evolve(grid, police_grid=None)
        if grid.community in grid_of
        else grid
        for grid in jurisdiction.management_grids
    )
    return attrs.evolve(
        jurisdiction,
        police_grids=tuple(sorted(police_grids, key=lambda grid: grid.id)),
        communities=communities,
        management_grids=management_grids,
    )
