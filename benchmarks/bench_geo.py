"""Geography at city scale: point lookup, the full answer, borders and topology.

A synthetic city of 10,000 management grids (Voronoi cells of seeded random sites, clipped to a
34 km by 33 km rectangle around 116.4° E, 39.95° N), grouped by where their sites fall into 100
communities and 2,000 police grids (each police grid's outline the union of its cells), in 100
policing districts of one station; 1,000,000 random points in the city. In one run it times:

- ``locate``: every point to its innermost management grid and police grid
  (:meth:`AreaMap.innermost`) against the floor of shapely's own bulk
  ``STRtree.query(points, predicate="within")`` on the same polygons (points made from the same
  arrays in both);
- ``responsible``: every point to its full answer, areas and who is responsible
  (:meth:`AreaMap.locate_many`), as points per second;
- ``borders``: the border graph of the 10,000 cells with shared lengths in metres
  (:func:`shared_borders`) against the same computation written directly in shapely;
- ``topology``: every topology check over the city, in seconds.

Best of three each (one for topology). Run:
``.venv/bin/python benchmarks/bench_geo.py [grids] [--smoke]``; ``--smoke`` uses 300 grids and
20,000 points.
"""

from __future__ import annotations

import math
from datetime import date
from typing import Any

import networkx as nx
import numpy as np
import shapely
from _timing import size_argument, smoke, timed

import community_policing as cp
from community_policing.geo import AreaMap, shared_borders, topology_problems

GRIDS = 10_000
POINTS = 1_000_000
WEST, SOUTH, EAST, NORTH = 116.2, 39.8, 116.6, 40.1
DAY = date(2025, 1, 1)
DRAWN = cp.Period(date(2020, 1, 1))


def _boundary(shape: Any) -> cp.Boundary:
    polygons = [
        [shapely.get_coordinates(ring).tolist() for ring in (p.exterior, *p.interiors)]
        for p in shapely.get_parts(shape)
    ]
    return cp.Boundary(polygons)


def _groups(sites: np.ndarray, columns: int, rows: int) -> np.ndarray:
    """Each site's cell in a ``columns`` by ``rows`` division of the city."""
    x = np.minimum(((sites[:, 0] - WEST) / (EAST - WEST) * columns).astype(int), columns - 1)
    y = np.minimum(((sites[:, 1] - SOUTH) / (NORTH - SOUTH) * rows).astype(int), rows - 1)
    return y * columns + x


def build_city(grids: int, seed: int = 7) -> cp.Jurisdiction:
    """The synthetic city as a jurisdiction with every area drawn."""
    rng = np.random.default_rng(seed)
    sites = np.column_stack((rng.uniform(WEST, EAST, grids), rng.uniform(SOUTH, NORTH, grids)))
    city = shapely.box(WEST, SOUTH, EAST, NORTH)
    cells = shapely.get_parts(shapely.voronoi_polygons(shapely.multipoints(sites), extend_to=city))
    # Voronoi cells come in their own order: give each back to its site
    order = shapely.STRtree(cells).query(shapely.points(sites), predicate="intersects")
    cells = shapely.intersection(cells[order[1][np.argsort(order[0])]], city)
    side = max(1, round(math.sqrt(grids / 100)))
    communities = _groups(sites, 10, 10)
    police = _groups(sites, max(1, round(grids / 5 / side)), side)
    district_of = _groups(sites, 10, 10)
    drawings: list[cp.AreaBoundary] = []

    def draw(kind: str, ident: str, shape: Any) -> None:
        drawings.append(
            cp.AreaBoundary(cp.AreaRef.parse(f"{kind}:{ident}"), _boundary(shape), DRAWN)
        )

    pg_ids = sorted(set(police.tolist()))
    pg_district = {g: int(district_of[np.argmax(police == g)]) for g in pg_ids}
    districts = sorted(set(pg_district.values()))
    for d in districts:
        members = [i for i, g in enumerate(police.tolist()) if pg_district[g] == d]
        draw("policing_district", f"pd-{d}", shapely.coverage_union_all(cells[members]))
    for g in pg_ids:
        draw("police_grid", f"pg-{g}", shapely.coverage_union_all(cells[police == g]))
    for c in sorted(set(communities.tolist())):
        draw("community", f"c-{c}", shapely.coverage_union_all(cells[communities == c]))
    for i, cell in enumerate(cells):
        draw("management_grid", f"mg-{i}", cell)
    return cp.Jurisdiction(
        id="geo-city",
        name="示例市",
        sub_bureaus=(cp.SubBureau(id="sb", name="分局"),),
        police_stations=(cp.PoliceStation(id="ps", name="派出所", sub_bureau="sb"),),
        policing_districts=tuple(
            cp.PolicingDistrict(id=f"pd-{d}", name="警务区", station="ps") for d in districts
        ),
        police_grids=tuple(
            cp.PoliceGrid(id=f"pg-{g}", name="警格", district=f"pd-{pg_district[g]}")
            for g in pg_ids
        ),
        communities=tuple(
            cp.Community(
                id=f"c-{c}",
                name="社区",
                kind=cp.CommunityKind.COMMUNITY,
                setting=cp.AreaSetting.URBAN,
                population=0,
            )
            for c in sorted(set(communities.tolist()))
        ),
        management_grids=tuple(
            cp.ManagementGrid(
                id=f"mg-{i}", name="网格", community=f"c-{c}", police_grid=f"pg-{police[i]}"
            )
            for i, c in enumerate(communities.tolist())
        ),
        boundaries=tuple(drawings),
    )


def floor_locate(trees: list[Any], lons: np.ndarray, lats: np.ndarray) -> list[Any]:
    points = shapely.points(lons, lats)
    return [tree.query(points, predicate="within") for tree in trees]


def floor_borders(shapes: list[Any], keys: list[str], meridian: float) -> nx.Graph[str]:
    """The border graph written directly in shapely (the same rule: 10 m of shared outline)."""
    array = np.asarray(shapes, dtype=object)
    outlines = shapely.boundary(array)
    first, second = shapely.STRtree(array).query(array, predicate="intersects")
    keep = first < second
    first, second = first[keep], second[keep]
    shared = shapely.intersection(outlines[first], outlines[second])

    def project(xy: np.ndarray) -> np.ndarray:
        lat = np.radians(xy[:, 1])
        x = 6_371_007.181 * np.radians(xy[:, 0] - meridian) * np.cos(lat)
        return np.column_stack((x, 6_371_007.181 * lat))

    lengths = shapely.length(shapely.transform(shared, project))
    graph: nx.Graph[str] = nx.Graph()
    graph.add_nodes_from(keys)
    long_enough = lengths >= 10.0
    graph.add_edges_from(
        (keys[i], keys[j], {"length_m": length})
        for i, j, length in zip(
            first[long_enough].tolist(),
            second[long_enough].tolist(),
            lengths[long_enough].tolist(),
            strict=True,
        )
    )
    return graph


def main() -> None:
    grids = size_argument(GRIDS, 300)
    count = 20_000 if smoke() else POINTS
    city, build_s = timed(lambda: build_city(grids))
    graph = cp.CommunityGraph.from_jurisdiction(city)
    area_map = AreaMap(graph, as_of=DAY)
    mg = [key for key in area_map.areas if key.startswith("management_grid:")]
    pg = [key for key in area_map.areas if key.startswith("police_grid:")]
    (_, index_s) = timed(lambda: area_map.innermost([116.4], [39.9]))  # shapes and trees built
    rng = np.random.default_rng(11)
    lons, lats = rng.uniform(WEST, EAST, count), rng.uniform(SOUTH, NORTH, count)
    trees = [shapely.STRtree(area_map.shapes(mg)), shapely.STRtree(area_map.shapes(pg))]
    floor_hits, floor_s = timed(lambda: floor_locate(trees, lons, lats), 3)
    (inner, _), locate_s = timed(lambda: area_map.innermost(lons, lats), 3)
    assert sum(key is None for key in inner) <= count - len(floor_hits[0][0])  # noqa: S101
    answers, responsible_s = timed(lambda: area_map.locate_many(lons, lats), 3)
    assert answers[0].management_grid == inner[0]  # noqa: S101
    shapes = area_map.shapes(mg)
    meridian = (WEST + EAST) / 2
    floor_graph, floor_borders_s = timed(lambda: floor_borders(shapes, mg, meridian), 3)
    borders, borders_s = timed(lambda: shared_borders(area_map, mg), 3)
    assert set(map(frozenset, borders.edges())) == set(map(frozenset, floor_graph.edges()))  # noqa: S101
    problems, topology_s = timed(lambda: topology_problems(area_map))
    print(
        f"city: {grids} management grids, {len(pg)} police grids, {count} points; "
        f"built in {build_s:.1f}s, map indexed in {index_s:.2f}s"
    )
    print(f"locate: {locate_s:.3f}s against the floor's {floor_s:.3f}s")
    print(f"responsible: {responsible_s:.3f}s ({len(set(map(id, answers)))} distinct answers)")
    print(
        f"borders: {borders.number_of_edges()} in {borders_s:.3f}s against the floor's "
        f"{floor_borders_s:.3f}s"
    )
    print(f"topology: {len(problems)} problem(s) in {topology_s:.2f}s")
    print(
        f"locate_vs_floor={locate_s / floor_s:.2f} responsible_per_s={count / responsible_s:.0f} "
        f"borders_vs_floor={borders_s / floor_borders_s:.2f} topology_s={topology_s:.2f}"
    )


if __name__ == "__main__":
    main()
