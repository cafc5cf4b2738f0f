"""Topology of the boundaries (边界拓扑): areas tile their parents, without overlap or gap.

Grid standards (CJ/T 349-2010 for city-management grids; the police-grid rules of the sources)
want grids that cover their parent without overlap. :func:`topology_problems` reports every
breach on one day's map, each with its areas in square metres (on an equal-area projection) and
a message in English and Chinese:

- ``invalid_boundary``: an outline that is not a valid polygon (a ring crossing itself, a hole
  outside its shell); the repaired outline (shapely's ``make_valid``) is offered, and used for
  the other rules;
- ``overlap``: two areas of one level (two management grids, two police grids) overlap;
- ``outside_parent``: a child reaches outside its parent (a management grid outside its
  community, a police grid outside its district, a district outside its station ...);
- ``gap``: a parent's children leave part of it uncovered (checked only when every child of
  the parent is drawn);
- ``union_mismatch``: a police grid's outline differs from the union of its units' (the
  communities and management grids that make it; checked only when every unit is drawn).

Overlaps, gaps and differences are computed in the data's own degrees, where neighbours share
vertices exactly, and measured in metres afterwards; anything under ``tolerance_m2`` is
digitising noise and not reported.

Requires the ``geo`` extra (shapely 2).

Examples:
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.geo import AreaMap, topology_problems
    >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
    >>> topology_problems(town)
    []
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import ValidationError
from community_policing.geo import _engine
from community_policing.model.boundaries import Boundary
from community_policing.model.vocab import AreaKind

if TYPE_CHECKING:
    from collections.abc import Iterator

    from community_policing.geo.areamap import AreaMap

__all__ = ["TopologyProblem", "topology_problems"]

#: The field of each kind that names its parent on the map, and the parent's kind.
PARENT_FIELDS: dict[str, tuple[str, str]] = {
    "residential_compound": ("community", "community"),
    "management_grid": ("community", "community"),
    "community": ("township", "township"),
    "township": ("county", "county"),
    "police_grid": ("district", "policing_district"),
    "policing_district": ("station", "police_station"),
    "police_station": ("sub_bureau", "sub_bureau"),
}
# Children that tile their parent (a compound is a part of its community, not a tile of it).
_TILES = frozenset(
    {
        "management_grid",
        "community",
        "township",
        "police_grid",
        "policing_district",
        "police_station",
    }
)


@attrs.frozen
class TopologyProblem:
    """One breach of the tiling rules.

    Attributes:
        rule: ``invalid_boundary``, ``overlap``, ``outside_parent``, ``gap`` or
            ``union_mismatch``.
        areas: Node keys of the areas involved.
        area_m2: The area at fault in square metres (0 for an invalid outline).
        message: What is wrong, in English.
        message_zh: The same in Chinese.
        repaired: For an invalid outline, the outline repaired.

    Examples:
        >>> problem = TopologyProblem("gap", ("community:c-1",), 1250.0, "a gap", "缝隙")
        >>> problem.repaired is None
        True
    """

    rule: str
    areas: tuple[str, ...]
    area_m2: float
    message: str
    message_zh: str
    repaired: Boundary | None = None


def _label(key: str) -> tuple[str, str]:
    kind, _, ident = key.partition(":")
    return f"{kind.replace('_', ' ')} {ident}", f"{AreaKind(kind).zh} {ident}"


class _Measure:
    """Shapes of the map in degrees (repaired where invalid) and areas in square metres."""

    def __init__(self, area_map: AreaMap) -> None:
        self.engine = _engine.shapely()
        self.keys = list(area_map.areas)
        self.shapes = dict(zip(self.keys, area_map.shapes(self.keys), strict=True))
        self.meridian = _engine.middle_meridian(list(self.shapes.values()))

    def m2(self, shapes: Any) -> Any:
        return self.engine.area(_engine.in_metres(shapes, self.meridian))

    def unlike(self, area: str, parts: list[str], compare: Any) -> float:
        """Square metres of ``compare(area, union of parts)``: what they leave, or differ by."""
        united = self.engine.union_all([self.shapes[key] for key in parts])
        return float(self.m2(compare(self.shapes[area], united)))


def topology_problems(area_map: AreaMap, *, tolerance_m2: float = 10.0) -> list[TopologyProblem]:
    """Every breach of the tiling rules on the map, in the order the rules are listed above.

    Args:
        area_map: The boundaries of one day.
        tolerance_m2: Overlaps, gaps and differences smaller than this are not reported.

    Raises:
        ValidationError: ``tolerance_m2`` is not a non-negative number.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Boundary, CommunityGraph, sample
        >>> from community_policing.geo import AreaMap
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> taller = Boundary([[[(116.56, 35.41), (116.57, 35.41), (116.57, 35.425),
        ...                      (116.56, 35.425), (116.56, 35.41)]]])
        >>> _ = graph.draw_boundary("management_grid:mg-ximen-1", taller, on=date(2026, 1, 1))
        >>> found = topology_problems(AreaMap(graph, as_of=date(2026, 1, 1)))
        >>> [(p.rule, p.areas) for p in found]  # doctest: +NORMALIZE_WHITESPACE
        [('overlap', ('management_grid:mg-ximen-1', 'management_grid:mg-ximen-4')),
         ('union_mismatch', ('police_grid:pg-03',))]
        >>> print(found[0].message_zh)
        网格 mg-ximen-1 与 网格 mg-ximen-4 重叠 503,785 平方米
    """
    if type(tolerance_m2) not in (int, float) or not 0 <= tolerance_m2 < math.inf:
        raise ValidationError(
            entity="topology",
            field="tolerance_m2",
            rule="range",
            reason="expected a non-negative number of square metres",
        )
    if not len(area_map):
        return []
    measure = _Measure(area_map)
    found = list(_invalid(measure))
    found.extend(_overlaps(measure, tolerance_m2))
    found.extend(_families(measure, area_map, tolerance_m2))
    return found


def _invalid(measure: _Measure) -> Iterator[TopologyProblem]:
    engine = measure.engine
    for key in measure.keys:
        shape = measure.shapes[key]
        if engine.is_valid(shape):
            continue
        reason = engine.is_valid_reason(shape).partition("[")[0].strip()
        repaired = engine.make_valid(shape)
        measure.shapes[key] = repaired
        label, label_zh = _label(key)
        yield TopologyProblem(
            "invalid_boundary",
            (key,),
            0.0,
            f"the outline of {label} is not a valid polygon ({reason}); a repair is offered",
            f"{label_zh} 的边界不是有效多边形（{reason}），已给出修复后的边界",
            _engine.boundary_of(repaired),
        )


def _overlaps(measure: _Measure, tolerance_m2: float) -> Iterator[TopologyProblem]:
    engine, np = measure.engine, _engine.numpy()
    by_kind: dict[str, list[str]] = {}
    for key in measure.keys:
        by_kind.setdefault(key.partition(":")[0], []).append(key)
    for keys in by_kind.values():
        shapes = np.asarray([measure.shapes[key] for key in keys], dtype=object)
        first, second = engine.STRtree(shapes).query(shapes, predicate="intersects")
        forward = first < second
        first, second = first[forward], second[forward]
        areas = measure.m2(engine.intersection(shapes[first], shapes[second]))
        for i, j, area in zip(first.tolist(), second.tolist(), areas.tolist(), strict=True):
            if area >= tolerance_m2:
                (one, one_zh), (two, two_zh) = _label(keys[i]), _label(keys[j])
                yield TopologyProblem(
                    "overlap",
                    (keys[i], keys[j]),
                    area,
                    f"{one} and {two} overlap by {area:,.0f} m²",
                    f"{one_zh} 与 {two_zh} 重叠 {area:,.0f} 平方米",
                )


def _families(
    measure: _Measure, area_map: AreaMap, tolerance_m2: float
) -> Iterator[TopologyProblem]:
    """Children outside their parent, parents with gaps, police grids unlike their units."""
    graph = area_map.graph
    day = area_map.as_of
    engine = measure.engine
    children: dict[str, list[str]] = {}
    complete: dict[str, bool] = {}
    for kind, (field, parent_kind) in PARENT_FIELDS.items():
        for entity in graph.entities(kind, as_of=day):
            if getattr(entity, field) is None:
                continue
            parent = f"{parent_kind}:{getattr(entity, field)}"
            key = f"{kind}:{entity.id}"
            if key in measure.shapes and kind in _TILES:
                children.setdefault(parent, []).append(key)
            if kind in _TILES:
                complete[parent] = complete.get(parent, True) and key in measure.shapes
            if key in measure.shapes and parent in measure.shapes:
                outside = measure.m2(engine.difference(measure.shapes[key], measure.shapes[parent]))
                if outside >= tolerance_m2:
                    (child, child_zh), (mother, mother_zh) = _label(key), _label(parent)
                    yield TopologyProblem(
                        "outside_parent",
                        (key, parent),
                        float(outside),
                        f"{child} reaches {outside:,.0f} m² outside {mother}",
                        f"{child_zh} 有 {outside:,.0f} 平方米超出所属 {mother_zh}",
                    )
    for parent, keys in children.items():
        if parent not in measure.shapes or not complete[parent]:
            continue
        gap = measure.unlike(parent, keys, engine.difference)
        if gap >= tolerance_m2:
            label, label_zh = _label(parent)
            yield TopologyProblem(
                "gap",
                (parent,),
                gap,
                f"{label} has {gap:,.0f} m² that none of its parts covers",
                f"{label_zh} 有 {gap:,.0f} 平方米未被下级区域覆盖",
            )
    yield from _unions(measure, graph, day, tolerance_m2)


def _unions(
    measure: _Measure, graph: Any, day: Any, tolerance_m2: float
) -> Iterator[TopologyProblem]:
    units: dict[str, list[str]] = {}
    for community in graph.entities("community", as_of=day):
        if community.police_grid is not None:
            units.setdefault(f"police_grid:{community.police_grid}", []).append(
                f"community:{community.id}"
            )
    for grid in graph.entities("management_grid", as_of=day):
        if grid.police_grid is not None:
            units.setdefault(f"police_grid:{grid.police_grid}", []).append(
                f"management_grid:{grid.id}"
            )
    engine = measure.engine
    for police_grid in sorted(units):
        keys = units[police_grid]
        if police_grid not in measure.shapes or any(key not in measure.shapes for key in keys):
            continue
        differs = measure.unlike(police_grid, keys, engine.symmetric_difference)
        if differs >= tolerance_m2:
            label, label_zh = _label(police_grid)
            yield TopologyProblem(
                "union_mismatch",
                (police_grid,),
                differs,
                f"{label} differs from the union of its units by {differs:,.0f} m²",
                f"{label_zh} 的边界与其所辖单元合并范围相差 {differs:,.0f} 平方米",
            )
