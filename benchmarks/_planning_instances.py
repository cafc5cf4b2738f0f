"""Seeded families of police-grid planning instances, shared by the planner benchmark.

Every family is a pure function of its seed, so the same instances come back on every run.

- :func:`county`: a lattice of villages with random diagonals, rural chains hanging off its
  edge, a few islands, log-normal populations (3-6 villages per grid on average) and 1-2 % of
  units already over the cap on their own.
- :func:`planted`: blocks of 2-8 units whose populations fill the cap exactly, joined to their
  neighbouring blocks by one or two border roads; the optimum is the number of blocks.
"""

from __future__ import annotations

import math
import random

import networkx as nx

from community_policing import AreaSetting
from community_policing.planning import PlanningUnit

CAPS = {AreaSetting.RURAL: 3000, AreaSetting.URBAN: 5000}


def _name(index: int) -> str:
    return f"u{index:05d}"


def county(
    seed: int, units: int, setting: AreaSetting = AreaSetting.RURAL
) -> tuple[list[PlanningUnit], nx.Graph]:
    """A county (or, urban, a city) of ``units`` units: lattice, diagonals, chains, islands."""
    rng = random.Random(seed)
    cap = CAPS[setting]
    chained = units // 10
    islanders = max(1, units // 40)
    core = units - chained - islanders
    columns = max(1, round(math.sqrt(core)))
    graph = nx.Graph()
    graph.add_nodes_from(range(units))
    for index in range(core):
        _row, column = divmod(index, columns)
        right, below = index + 1, index + columns
        if column + 1 < columns and right < core:
            graph.add_edge(index, right)
        if below < core:
            graph.add_edge(index, below)
        if column + 1 < columns and below + 1 < core and rng.random() < 0.3:
            graph.add_edge(index, below + 1)
    # rural chains: villages strung along a road from a random village of the lattice
    index = core
    while index < core + chained:
        length = min(rng.randint(2, 5), core + chained - index)
        previous = rng.randrange(core)
        for step in range(length):
            graph.add_edge(previous, index + step)
            previous = index + step
        index += length
    # islands: small groups with no road to the rest
    while index < units:
        size = min(rng.randint(1, 3), units - index)
        for step in range(1, size):
            graph.add_edge(index + step - 1, index + step)
        index += size
    mean = cap / 4.5
    sigma = 0.6
    mu = math.log(mean) - sigma * sigma / 2
    people = [max(50, round(rng.lognormvariate(mu, sigma))) for _ in range(units)]
    for unit in rng.sample(range(units), max(1, round(units * rng.uniform(0.01, 0.02)))):
        people[unit] = round(cap * rng.uniform(1.05, 2.5))
    graph = nx.relabel_nodes(graph, _name)
    return [PlanningUnit(_name(i), people[i], setting) for i in range(units)], graph


def planted(seed: int, units: int) -> tuple[list[PlanningUnit], nx.Graph, int]:
    """Blocks filling the rural cap exactly: the units, their adjacency and the optimum."""
    rng = random.Random(seed)
    cap = CAPS[AreaSetting.RURAL]
    width = max(4, round(math.sqrt(units)))
    cell_block: dict[tuple[int, int], int] = {}
    blocks: list[list[tuple[int, int]]] = []
    row = 0
    while sum(len(block) for block in blocks) < units:
        height = rng.choice((1, 2))
        column = 0
        while column < width:
            span = min(rng.randint(2, 4), width - column)
            cells = [(row + r, column + c) for r in range(height) for c in range(span)]
            for cell in cells:
                cell_block[cell] = len(blocks)
            blocks.append(cells)
            column += span
        row += height
    graph = nx.Graph()
    crossings: dict[tuple[int, int], list[tuple[tuple[int, int], tuple[int, int]]]] = {}
    for (r, c), block in cell_block.items():
        for other in ((r, c + 1), (r + 1, c), (r + 1, c + 1)):
            if other not in cell_block:
                continue
            if cell_block[other] == block:
                if other != (r + 1, c + 1) or rng.random() < 0.3:
                    graph.add_edge((r, c), other)
            elif other != (r + 1, c + 1):
                pair = (min(block, cell_block[other]), max(block, cell_block[other]))
                crossings.setdefault(pair, []).append(((r, c), other))
    for pair in sorted(crossings):
        for edge in rng.sample(crossings[pair], min(len(crossings[pair]), rng.randint(1, 2))):
            graph.add_edge(*edge)
    people: dict[tuple[int, int], int] = {}
    for cells in blocks:
        cuts = sorted(rng.sample(range(1, cap), len(cells) - 1))
        shares = [b - a for a, b in zip([0, *cuts], [*cuts, cap], strict=True)]
        people.update(zip(cells, shares, strict=True))
    order = sorted(cell_block)
    names = {cell: _name(index) for index, cell in enumerate(order)}
    graph.add_nodes_from(order)
    graph = nx.relabel_nodes(graph, names)
    found = [PlanningUnit(names[cell], people[cell], AreaSetting.RURAL) for cell in order]
    return found, graph, len(blocks)
