"""Pictures of plans (the ``plot`` extra, matplotlib): police-grid plans and floor plans.

Drawing uses matplotlib's object API (a :class:`~matplotlib.figure.Figure` of its own, no global
pyplot state); without matplotlib installed every function raises
:class:`~community_policing.errors.MissingExtraError` naming the ``plot`` extra.

Examples:
    >>> import io
    >>> from community_policing import plotting, sample
    >>> from community_policing.planning import plan_police_grids, planning_units
    >>> plan = plan_police_grids(planning_units(sample.jurisdiction()), sample.borders())
    >>> plotting.plot_plan(plan, sample.borders()).get_title()
    '4 police grids (lower bound 4, gap 0.0 %)'
"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

import networkx as nx

from community_policing.extras import require
from community_policing.floorplans import DEFAULT_MAX_AGE_DAYS, FloorPlan

if TYPE_CHECKING:
    from collections.abc import Mapping
    from datetime import date

    from community_policing.planning import Plan

__all__ = ["plot_floor_plan", "plot_plan"]


def _figure(width: float, height: float) -> Any:
    """A new figure's axes (the figure is matplotlib's own object, not pyplot's)."""
    figure = require("matplotlib.figure", extra="plot")
    return figure.Figure(figsize=(width, height)).add_subplot()


def plot_plan(
    planned: Plan,
    adjacency: nx.Graph[Any],
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    ax: Any = None,
) -> Any:
    """Draw a plan: units coloured by grid, borders in grey, over-cap units marked with a cross.

    Needs the ``plot`` extra (matplotlib).

    Args:
        planned: The plan to draw.
        adjacency: The units' adjacency the plan was made from.
        positions: Where to draw each unit (default: a seeded spring layout).
        ax: The matplotlib axes to draw on (default: a new figure's).

    Returns:
        The matplotlib axes drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import io
        >>> import networkx as nx
        >>> from community_policing import AreaSetting
        >>> from community_policing.planning import PlanningUnit, plan_police_grids
        >>> units = [PlanningUnit(u, 1000, AreaSetting.RURAL) for u in "abcd"]
        >>> result = plan_police_grids(units, nx.path_graph("abcd"))
        >>> ax = plot_plan(result, nx.path_graph("abcd"))
        >>> ax.get_title()
        '2 police grids (lower bound 2, gap 0.0 %)'
        >>> ax.figure.savefig(io.BytesIO(), format="png")
    """
    mpl = require("matplotlib", extra="plot")
    if ax is None:
        ax = _figure(8, 6)
    where = dict(positions) if positions is not None else nx.spring_layout(adjacency, seed=0)
    colours = mpl.colormaps["tab20"]
    for first, second in adjacency.edges():
        (x1, y1), (x2, y2) = where[first], where[second]
        ax.plot([x1, x2], [y1, y2], color="0.8", linewidth=1, zorder=1)
    for index, grid in enumerate(planned.grids):
        xs = [where[unit][0] for unit in grid.units]
        ys = [where[unit][1] for unit in grid.units]
        marker = "X" if grid.over_cap else "o"
        size = 160 if grid.over_cap else 90
        ax.scatter(xs, ys, s=size, marker=marker, color=colours(index % 20), zorder=2)
    ax.set_title(
        f"{len(planned.grids)} police grids (lower bound {planned.lower_bound}, "
        f"gap {planned.gap:.1%})".replace("%", " %")
    )
    ax.set_axis_off()
    return ax


def plot_floor_plan(
    plan: FloorPlan,
    *,
    as_of: date | None = None,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    ax: Any = None,
) -> Any:
    """Draw ``plan`` as a picture: one box per unit, floors stacked, stale units marked.

    Needs the ``plot`` extra (matplotlib). Vacant units are white, verified ones green and
    units stale as of ``as_of`` orange; each box shows the unit and its number of residents.

    Args:
        plan: The floor plan.
        as_of: Mark units stale on this day (none marked when ``None``).
        max_age_days: How old a verification may be.
        ax: The matplotlib axes to draw on (default: a new figure's).

    Returns:
        The axes drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import io
        >>> from datetime import date
        >>> from community_policing.floorplans import FloorPlan, UnitRecord
        >>> plan = FloorPlan("b-1", 2, [UnitRecord("101", 1, date(2025, 1, 5), "p-1")])
        >>> ax = plot_floor_plan(plan, as_of=date(2025, 3, 1))
        >>> ax.get_title()
        'b-1: 1 unit(s), 0 stale'
        >>> ax.figure.savefig(io.BytesIO(), format="png")
    """
    patches = require("matplotlib.patches", extra="plot")
    stale_units = set() if as_of is None else {r.unit for r in plan.stale(as_of, max_age_days)}
    if ax is None:
        ax = _figure(8, 1 + 0.6 * plan.floors)
    column: Counter[int] = Counter()
    stale = 0
    for record in plan.units:
        x, y = column[record.floor], record.floor - 1
        column[record.floor] += 1
        is_stale = record.unit in stale_units
        stale += is_stale
        colour = "white" if record.is_vacant else "orange" if is_stale else "palegreen"
        ax.add_patch(patches.Rectangle((x, y), 0.95, 0.9, facecolor=colour, edgecolor="0.3"))
        ax.text(
            x + 0.47,
            y + 0.45,
            f"{record.unit}\n{len(record.residents)}",
            ha="center",
            va="center",
            fontsize=7,
        )
    ax.set_xlim(0, max(column.values(), default=1))
    ax.set_ylim(0, plan.floors)
    ax.set_yticks([floor - 0.55 for floor in range(1, plan.floors + 1)])
    ax.set_yticklabels([f"{floor}F" for floor in range(1, plan.floors + 1)])
    ax.set_xticks([])
    ax.set_title(f"{plan.building}: {len(plan.units)} unit(s), {stale} stale")
    return ax
