"""Which area is this point in (点位落格), and who is responsible for it.

An :class:`AreaMap` is the boundaries of a graph's areas on one day, indexed for lookup: a
point gives the innermost areas containing it on each side — governance (management grid,
community) and police (police grid, policing district, station, sub-bureau) — and the
same :class:`~community_policing.graph.answers.Responsibility` that
:func:`~community_policing.graph.queries.responsible` gives for a building there.

A residential compound's outline is for the map and the topology checks, not for the lookup:
what a compound contains is answered through its buildings, which name their management grid.

Each level is indexed in an STRtree, shapely's packed R-tree. A point is looked up at the
innermost level first and only points not found there go up a level. A point on an edge shared
by two areas belongs to both; the area with the smaller node key is the answer, so the answer
never depends on the order areas were added. Arrays of points are looked up in one vectorised
query per level, and points with the same innermost areas share one answer object.

Requires the ``geo`` extra (shapely 2) for lookups; building the map of a graph with no
boundaries needs nothing.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, sample
    >>> from community_policing.geo import AreaMap
    >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()),
    ...                as_of=date(2025, 3, 1))
    >>> found = town.locate(116.575, 35.425)
    >>> found.management_grid, found.police_grid, found.station
    ('management_grid:mg-ximen-3', 'police_grid:pg-04', 'police_station:ps-kaolao')
    >>> [gap.message for gap in found.responsibility.gaps]
    ['police_grid:pg-04 has no police grid officer or auxiliary on 2025-03-01']
    >>> town.locate(100.0, 20.0).found
    False
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import ValidationError
from community_policing.geo import _engine
from community_policing.graph import containing, responsible
from community_policing.graph.answers import Responsibility
from community_policing.model import validators as v
from community_policing.model.coordinates import GeoPoint

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from community_policing.graph import CommunityGraph
    from community_policing.model.boundaries import Boundary

__all__ = ["AreaMap", "PointLocation", "locate_point", "locate_points"]

#: Each side's levels, innermost first.
GOVERNANCE_LEVELS = ("management_grid", "community", "township", "county")
POLICE_LEVELS = ("police_grid", "policing_district", "police_station", "sub_bureau")
# The kinds a map holds, in its order: compounds (drawn, not looked up), then both sides.
_MAPPED = {
    kind: index
    for index, kind in enumerate(("residential_compound", *GOVERNANCE_LEVELS, *POLICE_LEVELS))
}


@attrs.frozen
class PointLocation:
    """The areas containing a point, innermost first on each side, and who is responsible.

    Attributes:
        governance: Node keys of the management grid, community, street or township and
            county containing it.
        police: Node keys of the police grid, policing district, station and sub-bureau.
        responsibility: What :func:`~community_policing.graph.queries.responsible` says of the
            innermost area found (governance side first, as for a building); ``None`` for a
            point in no area.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> from community_policing.geo import locate_point
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> where = locate_point(graph, 116.51, 35.41)
        >>> where.governance[:2], where.policing_district
        (('management_grid:mg-shedong', 'community:v-shedong'), 'policing_district:pd-east')
    """

    governance: tuple[str, ...]
    police: tuple[str, ...]
    responsibility: Responsibility | None

    @property
    def found(self) -> bool:
        """Whether any area contains the point."""
        return bool(self.governance or self.police)

    def _first(self, kind: str) -> str | None:
        side = self.governance if kind in GOVERNANCE_LEVELS else self.police
        return next((key for key in side if key.startswith(f"{kind}:")), None)

    @property
    def management_grid(self) -> str | None:
        """The management grid (网格) containing the point."""
        return self._first("management_grid")

    @property
    def community(self) -> str | None:
        """The community or village (社区/行政村) containing the point."""
        return self._first("community")

    @property
    def police_grid(self) -> str | None:
        """The police grid (警格) containing the point."""
        return self._first("police_grid")

    @property
    def policing_district(self) -> str | None:
        """The policing district (警务区) containing the point."""
        return self._first("policing_district")

    @property
    def station(self) -> str | None:
        """The police station (派出所) containing the point."""
        return self._first("police_station")


_NOWHERE = PointLocation((), (), None)


class _Level:
    """One kind of area: its keys in order and their shapes in an STRtree."""

    __slots__ = ("keys", "offset", "tree")

    def __init__(self, keys: list[str], shapes: list[Any], offset: int) -> None:
        self.keys = keys
        self.offset = offset  # the map's number of the level's first area
        self.tree = _engine.shapely().STRtree(shapes)


class AreaMap:
    """The boundaries of a graph's areas on one day, indexed for point lookup (区域地图).

    Args:
        graph: The graph whose areas and drawings to index.
        as_of: The day (default: today): drawings in force and areas existing that day.

    The map is a snapshot: a drawing made in the graph later is not in it.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
        >>> len(town), town.boundary("police_grid:pg-02").geojson()["type"]
        (19, 'Polygon')
    """

    def __init__(self, graph: CommunityGraph, *, as_of: date | None = None) -> None:
        if as_of is None:
            as_of = date.today()  # noqa: DTZ011  (a calendar date, as the queries take it)
        v.require_date(as_of, entity="area_map", field="as_of")
        self._graph = graph
        self._day = as_of
        # one pass over the drawings in force, kept level by level (node order within one)
        alive = graph.as_of(as_of)
        drawn = sorted(
            (
                (str(drawing.area), drawing.boundary)
                for drawing in graph.boundaries(as_of=as_of)
                if drawing.area.kind.value in _MAPPED
            ),
            key=lambda item: _MAPPED[item[0].partition(":")[0]],
        )
        self._drawn: dict[str, Boundary] = {key: shape for key, shape in drawn if key in alive}
        self._levels: dict[str, _Level] | None = None
        self._names: Any = None  # None, then every indexed key: the map's own numbering
        self._shapes: dict[str, Any] = {}
        self._answers: dict[tuple[str | None, str | None], PointLocation] = {}

    def __len__(self) -> int:
        return len(self._drawn)

    def __repr__(self) -> str:
        return f"AreaMap(as_of={self._day.isoformat()}, areas={len(self._drawn)})"

    @property
    def graph(self) -> CommunityGraph:
        """The graph the map was drawn from."""
        return self._graph

    @property
    def as_of(self) -> date:
        """The day the map shows."""
        return self._day

    @property
    def areas(self) -> tuple[str, ...]:
        """The node keys of the areas drawn on the map, level by level."""
        return tuple(self._drawn)

    def boundary(self, area: str) -> Boundary | None:
        """The boundary of ``area`` on the map's day, if drawn."""
        return self._drawn.get(area)

    def shape(self, area: str) -> Any:
        """The shapely geometry of ``area`` (built once); ``KeyError`` if it is not drawn."""
        found = self._shapes.get(area)
        if found is None:
            found = self._shapes[area] = _engine.geometry(self._drawn[area])
        return found

    def shapes(self, areas: Iterable[str]) -> list[Any]:
        """The shapely geometries of ``areas``, in order."""
        return [self.shape(area) for area in areas]

    def _indexed(self) -> dict[str, _Level]:
        if self._levels is None:
            by_kind: dict[str, list[str]] = {}
            for key in sorted(self._drawn):
                by_kind.setdefault(key.partition(":")[0], []).append(key)
            self._levels = {}
            offset = 0
            for kind in (*GOVERNANCE_LEVELS, *POLICE_LEVELS):
                keys = by_kind.get(kind)
                if keys:
                    self._levels[kind] = _Level(keys, self.shapes(keys), offset)
                    offset += len(keys)
            numbered = [None, *(key for level in self._levels.values() for key in level.keys)]
            self._names = _engine.numpy().array(numbered, dtype=object)
        return self._levels

    def locate(self, lon: float, lat: float) -> PointLocation:
        """The areas containing the point (WGS-84 degrees) and who is responsible for it.

        Raises:
            ValidationError: the point is not on the earth.
            MissingExtraError: shapely is not installed.
        """
        GeoPoint(lon, lat)
        return self.locate_many([lon], [lat])[0]

    def locate_many(self, lons: Sequence[float], lats: Sequence[float]) -> list[PointLocation]:
        """:meth:`locate` for arrays of points, in one vectorised pass per level.

        Args:
            lons: Longitudes (a list or a numpy array).
            lats: Latitudes, as many.

        Raises:
            ValidationError: the arrays differ in length, or hold a value that is not a
                finite number of degrees on the earth.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
            >>> [where.police_grid for where in town.locate_many([116.51, 116.55], [35.41] * 2)]
            ['police_grid:pg-01', 'police_grid:pg-02']
        """
        np = _engine.numpy()
        points = self._points(lons, lats)
        if len(points) == 0:
            return []
        governance = self._innermost(points, GOVERNANCE_LEVELS)
        police = self._innermost(points, POLICE_LEVELS)
        pairs = governance.astype(np.int64) * (len(self._drawn) + 1) + police
        codes, inverse = np.unique(pairs, return_inverse=True)
        names = self._names
        answers = np.empty(len(codes), dtype=object)
        for index, code in enumerate(codes.tolist()):
            inner, outer = divmod(code, len(self._drawn) + 1)
            answers[index] = self._answer(names[inner], names[outer])
        located: list[PointLocation] = answers[inverse.reshape(-1)].tolist()
        return located

    def innermost(
        self, lons: Sequence[float], lats: Sequence[float]
    ) -> tuple[list[str | None], list[str | None]]:
        """Only the innermost area on each side, per point: the lookup without the answers.

        Returns:
            The governance side's innermost area per point (``None`` where none), and the
            police side's.

        Raises:
            ValidationError: as for :meth:`locate_many`.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
            >>> town.innermost([116.51, 0.0], [35.41, 0.0])
            (['management_grid:mg-shedong', None], ['police_grid:pg-01', None])
        """
        points = self._points(lons, lats)
        governance = self._names[self._innermost(points, GOVERNANCE_LEVELS)].tolist()
        police = self._names[self._innermost(points, POLICE_LEVELS)].tolist()
        return governance, police

    def areas_at(self, kind: str, lons: Sequence[float], lats: Sequence[float]) -> list[str | None]:
        """Per point, the area of ``kind`` containing it (``None`` where none is drawn).

        Raises:
            ValidationError: ``kind`` is not a level the map looks up, or a point is bad.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
            >>> town.areas_at("community", [116.51, 116.575], [35.41, 35.425])
            ['community:v-shedong', 'community:c-ximen']
        """
        if kind not in (*GOVERNANCE_LEVELS, *POLICE_LEVELS):
            raise ValidationError(
                entity="area_map",
                field="kind",
                rule="allowed_values",
                reason="expected a level the map looks up, such as 'police_grid'",
            )
        points = self._points(lons, lats)
        return list(self._names[self._innermost(points, (kind,))].tolist())

    def areas_in_order(self) -> list[str]:
        """Every looked-up area's key, level by level (innermost first), by key within one.

        Examples:
            >>> from community_policing import CommunityGraph, sample
            >>> town = AreaMap(CommunityGraph.from_jurisdiction(sample.jurisdiction()))
            >>> town.areas_in_order()[0]
            'management_grid:mg-beiguan'
        """
        self._indexed()
        return list(self._names[1:])

    def _points(self, lons: Sequence[float], lats: Sequence[float]) -> Any:
        """Checked coordinates as shapely points, with the map's levels indexed."""
        xs, ys = _coordinates(_engine.numpy(), lons, lats)
        self._indexed()
        return _engine.shapely().points(xs, ys)

    def _innermost(self, points: Any, levels: tuple[str, ...]) -> Any:
        """Per point, 1 + the map's number of its innermost area on one side; 0 for none."""
        np = _engine.numpy()
        found = np.zeros(len(points), dtype=np.int64)
        remaining = np.arange(len(points))
        indexed = self._indexed()
        for kind in levels:
            level = indexed.get(kind)
            if level is None or not len(remaining):
                continue
            inputs, hits = level.tree.query(points[remaining], predicate="intersects")
            first = np.full(len(remaining), len(level.keys), dtype=np.int64)
            np.minimum.at(first, inputs, hits)
            matched = first < len(level.keys)
            found[remaining[matched]] = first[matched] + level.offset + 1
            remaining = remaining[~matched]
        return found

    def _answer(self, inner: str | None, outer: str | None) -> PointLocation:
        known = self._answers.get((inner, outer))
        if known is not None:
            return known
        if inner is None and outer is None:
            return _NOWHERE
        governance = () if inner is None else self._side(inner, GOVERNANCE_LEVELS)
        police = () if outer is None else self._side(outer, POLICE_LEVELS)
        place = inner if inner is not None else outer
        answer = PointLocation(
            governance, police, responsible(self._graph, str(place), as_of=self._day)
        )
        self._answers[(inner, outer)] = answer
        return answer

    def _side(self, innermost: str, levels: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(
            key
            for key in containing(self._graph, innermost, as_of=self._day)
            if key.partition(":")[0] in levels
        )


def _coordinates(np: Any, lons: Any, lats: Any) -> tuple[Any, Any]:
    """Two float arrays of equal length, every value a finite degree on the earth."""
    try:
        xs = np.asarray(lons, dtype=np.float64).reshape(-1)
        ys = np.asarray(lats, dtype=np.float64).reshape(-1)
    except (TypeError, ValueError):
        raise ValidationError(
            entity="points", field="lons", rule="type", reason="expected arrays of numbers"
        ) from None
    if len(xs) != len(ys):
        raise ValidationError(
            entity="points", field="lats", rule="length", reason="as many latitudes as longitudes"
        )
    for name, values, limit in (("lons", xs, 180.0), ("lats", ys, 90.0)):
        bad = ~(np.abs(values) <= limit)  # NaN compares false
        if bad.any():
            raise ValidationError(
                entity="points",
                field=f"{name}[{int(np.argmax(bad))}]",
                rule="range",
                reason=f"must be a finite number within ±{limit:g} degrees",
            )
    return xs, ys


def locate_point(
    graph: CommunityGraph, lon: float, lat: float, *, as_of: date | None = None
) -> PointLocation:
    """The areas containing one point and who is responsible for it (点位落格).

    Builds an :class:`AreaMap` for the one question; keep a map to ask many.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> where = locate_point(graph, 116.565, 35.415, as_of=date(2025, 3, 1))
        >>> where.governance  # doctest: +NORMALIZE_WHITESPACE
        ('management_grid:mg-ximen-1', 'community:c-ximen', 'township:t-ximen',
         'county:cty-sample')
        >>> [h.name for h in where.responsibility.community_officers]
        ['王军']
    """
    return AreaMap(graph, as_of=as_of).locate(lon, lat)


def locate_points(
    graph: CommunityGraph,
    lons: Sequence[float],
    lats: Sequence[float],
    *,
    as_of: date | None = None,
) -> list[PointLocation]:
    """:func:`locate_point` for arrays of points (one map, one vectorised pass per level).

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> [where.found for where in locate_points(graph, [116.51, 0.0], [35.41, 0.0])]
        [True, False]
    """
    return AreaMap(graph, as_of=as_of).locate_many(lons, lats)
