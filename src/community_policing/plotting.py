"""Pictures (the ``plot`` extra, matplotlib): police-grid plans, floor plans and maps.

:func:`plot_map` draws areas from an :class:`~community_policing.geo.areamap.AreaMap` (filled
by a value per area for hot places), points (offices, incidents) and circles (what cameras
see); :func:`plot_plan_on_map` draws a plan over the units' own outlines. Maps take their
outlines from the ``geo`` extra's map but draw them with matplotlib alone.

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

import math
from collections import Counter
from typing import TYPE_CHECKING, Any

import networkx as nx

from community_policing.extras import require
from community_policing.floorplans import DEFAULT_MAX_AGE_DAYS, FloorPlan

if TYPE_CHECKING:
    from collections.abc import Iterable, Mapping, Sequence
    from datetime import date

    from community_policing.geo import AreaMap
    from community_policing.model.boundaries import Boundary
    from community_policing.model.coordinates import GeoPoint
    from community_policing.planning import Plan

__all__ = ["plot_floor_plan", "plot_map", "plot_plan", "plot_plan_on_map"]


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
    ax.set_title(_plan_title(planned))
    ax.set_axis_off()
    return ax


def _plan_title(planned: Plan) -> str:
    return (
        f"{len(planned.grids)} police grids (lower bound {planned.lower_bound}, "
        f"gap {planned.gap:.1%})".replace("%", " %")
    )


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


# metres in a degree of latitude (and of longitude at the equator), on the authalic sphere
_METRES_PER_DEGREE = 6_371_007.181 * math.pi / 180


def _outline_patch(boundary: Boundary, **style: Any) -> Any:
    """One patch of every ring of ``boundary`` (holes drawn as holes)."""
    path = require("matplotlib.path", extra="plot")
    patches = require("matplotlib.patches", extra="plot")
    rings = [path.Path(ring, closed=True) for polygon in boundary.polygons for ring in polygon]
    return patches.PathPatch(path.Path.make_compound_path(*rings), **style)


def _framed(ax: Any, boundaries: Iterable[Boundary], title: str) -> None:
    """Fit the axes to the outlines, with a true aspect at their latitude."""
    positions = [p for b in boundaries for polygon in b.polygons for ring in polygon for p in ring]
    if positions:
        lons, lats = [p[0] for p in positions], [p[1] for p in positions]
        ax.set_xlim(min(lons), max(lons))
        ax.set_ylim(min(lats), max(lats))
        ax.set_aspect(1 / math.cos(math.radians((min(lats) + max(lats)) / 2)))
    ax.set_title(title)
    # English only: matplotlib's default font has no CJK glyphs
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")


def plot_map(
    area_map: AreaMap,
    *,
    areas: Iterable[str] | None = None,
    values: Mapping[str, float] | None = None,
    points: Mapping[str, Sequence[GeoPoint]] | None = None,
    circles: Sequence[tuple[GeoPoint, float]] = (),
    title: str | None = None,
    ax: Any = None,
) -> Any:
    """Draw areas of a map, filled by value, with points and circles over them.

    Needs the ``plot`` extra (matplotlib).

    Args:
        area_map: Where the outlines come from.
        areas: Node keys of the areas to draw (default: every area on the map).
        values: A number per area (incidents per grid, say): areas are filled on a scale,
            with a colour bar; areas without a value stay white.
        points: Named sets of points, each drawn in its own colour with a legend entry.
        circles: ``(centre, radius in metres)`` pairs, such as cameras and what they see.
        title: The title (default: the map's day and how many areas).
        ax: The matplotlib axes to draw on (default: a new figure's).

    Returns:
        The axes drawn on.

    Raises:
        MissingExtraError: matplotlib is not installed.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> grids = [key for key in town.areas if key.startswith("management_grid:")]
        >>> offices = [o.location for o in sample.jurisdiction().organizations if o.location]
        >>> ax = plot_map(town, areas=grids, values={"management_grid:mg-ximen-3": 2},
        ...               points={"police offices": offices})
        >>> ax.get_title().endswith("7 areas")
        True
        >>> ax.figure.savefig(io.BytesIO(), format="png")
    """
    mpl = require("matplotlib", extra="plot")
    patches = require("matplotlib.patches", extra="plot")
    if ax is None:
        ax = _figure(8, 7)
    keys = list(area_map.areas if areas is None else areas)
    outlines = [b for b in map(area_map.boundary, keys) if b is not None]
    scale = mpl.colors.Normalize(0, max((values or {}).values(), default=1) or 1)
    colours = mpl.colormaps["YlOrRd"]
    for key, outline in zip(keys, map(area_map.boundary, keys), strict=True):
        if outline is None:
            continue
        value = None if values is None else values.get(key)
        fill = "white" if value is None else colours(scale(value))
        ax.add_patch(_outline_patch(outline, facecolor=fill, edgecolor="0.35", linewidth=0.8))
    if values:
        ax.figure.colorbar(mpl.cm.ScalarMappable(norm=scale, cmap=colours), ax=ax, shrink=0.7)
    for index, (label, located) in enumerate((points or {}).items()):
        xs, ys = [p.lon for p in located], [p.lat for p in located]
        ax.scatter(xs, ys, s=24, color=mpl.colormaps["tab10"](index), label=label, zorder=3)
    for centre, radius in circles:
        wide = radius / (_METRES_PER_DEGREE * math.cos(math.radians(centre.lat)))
        ax.add_patch(
            patches.Ellipse(
                (centre.lon, centre.lat),
                2 * wide,
                2 * radius / _METRES_PER_DEGREE,
                facecolor="none",
                edgecolor="tab:blue",
                linewidth=0.8,
            )
        )
    if points:
        ax.legend(loc="best", fontsize=8)
    _framed(ax, outlines, title or f"{area_map.as_of.isoformat()}: {len(outlines)} areas")
    return ax


def plot_plan_on_map(area_map: AreaMap, planned: Plan, *, ax: Any = None) -> Any:
    """Draw a plan on the map: units filled by their planned grid, grids outlined.

    Needs the ``plot`` and ``geo`` extras.

    Raises:
        MissingExtraError: matplotlib or shapely is not installed.
        ValidationError: a unit has no boundary on the map's day.

    Examples:
        >>> import io
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> from community_policing.planning import plan_police_grids, planning_units, unit_borders
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> units = planning_units(sample.jurisdiction())
        >>> plan = plan_police_grids(units, unit_borders(town, units))
        >>> plot_plan_on_map(town, plan).get_title()
        '4 police grids (lower bound 4, gap 0.0 %)'
    """
    from community_policing.planning.maps import grid_outlines  # noqa: PLC0415  (geo extra)

    mpl = require("matplotlib", extra="plot")
    if ax is None:
        ax = _figure(8, 7)
    colours = mpl.colormaps["tab20"]
    outlines = grid_outlines(area_map, planned)
    for index, (grid, outline) in enumerate(zip(planned.grids, outlines, strict=True)):
        for unit in grid.units:
            drawn = area_map.boundary(f"community:{unit}") or area_map.boundary(
                f"management_grid:{unit}"
            )
            if drawn is not None:
                ax.add_patch(
                    _outline_patch(
                        drawn,
                        facecolor=colours(index % 20),
                        edgecolor="0.6",
                        linewidth=0.5,
                        alpha=0.7,
                    )
                )
        ax.add_patch(_outline_patch(outline, facecolor="none", edgecolor="black", linewidth=2))
    _framed(ax, outlines, _plan_title(planned))
    return ax
