"""Plan a rural station's police grids, one district at a time (the Kaolao shape).

Kaolao station merged adjacent villages of its three policing districts into 13 police grids
of about 3,000 people, each with one resident auxiliary. This example builds a station of that
shape from seeded populations, plans every district, prints the plan as a table and, when
matplotlib is installed and a file name is given, draws it.

Usage: python examples/plan_station.py [picture.png]
"""

from __future__ import annotations

import random
import sys

import networkx as nx

from community_policing import AreaSetting
from community_policing.planning import PlanningUnit, plan_police_grids
from community_policing.plotting import plot_plan


def station() -> dict[str, tuple[list[PlanningUnit], nx.Graph, dict[str, tuple[float, float]]]]:
    """Three districts of villages on a map: units, borders and map positions."""
    rng = random.Random(2022)  # noqa: S311  (seeded map, not secrets)
    districts = {}
    for number, (rows, columns, left) in enumerate([(4, 4, 0), (3, 4, 5), (4, 3, 10)], 1):
        lattice = nx.grid_2d_graph(rows, columns)
        names = {cell: f"d{number}-v{cell[0]}{cell[1]}" for cell in lattice}
        borders = nx.relabel_nodes(lattice, names)
        for row in range(rows - 1):  # a few diagonal roads
            for column in range(columns - 1):
                if rng.random() < 0.3:
                    borders.add_edge(names[row, column], names[row + 1, column + 1])
        units = [
            PlanningUnit(names[cell], rng.randrange(400, 1300, 10), AreaSetting.RURAL)
            for cell in sorted(lattice)
        ]
        positions = {names[cell]: (left + cell[1], -cell[0]) for cell in lattice}
        districts[f"district {number}"] = (units, borders, positions)
    return districts


def main() -> None:
    districts = station()
    units: list[PlanningUnit] = []
    borders = nx.Graph()
    positions: dict[str, tuple[float, float]] = {}
    for district_units, district_borders, district_positions in districts.values():
        units.extend(district_units)
        borders.update(district_borders)
        positions.update(district_positions)
    # districts share no border, so each is planned on its own within the one call
    result = plan_police_grids(units, borders)
    for number, district in enumerate(districts, 1):
        grids = [grid for grid in result.grids if grid.units[0].startswith(f"d{number}-")]
        print(f"{district}: {len(grids)} grids")
        for grid in grids:
            print(f"  {', '.join(grid.units):<40} {grid.population:>5}  {grid.load:.0%}")
    print(f"station: {len(result.grids)} police grids, lower bound {result.lower_bound}")
    if len(sys.argv) > 1:
        ax = plot_plan(result, borders, positions=positions)
        ax.figure.savefig(sys.argv[1], dpi=110, bbox_inches="tight")


if __name__ == "__main__":
    main()
