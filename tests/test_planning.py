import itertools

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import AreaSetting, ValidationError
from community_policing.planning import (
    Officer,
    PlanningUnit,
    _dissolve,
    _merge_adjacent,
    assign_officers,
    lower_bound,
    plan,
    tree_partition,
)


def brute_force_minimum(graph, weights, cap):
    """Fewest connected parts within the cap, by trying every set of cut edges."""
    over = [n for n in graph if weights[n] > cap]
    rest = graph.subgraph(n for n in graph if weights[n] <= cap)
    best = 0
    for component in nx.connected_components(rest):
        tree = rest.subgraph(component)
        edges = list(tree.edges())
        fewest = None
        for size in range(len(edges) + 1):
            for cut in itertools.combinations(edges, size):
                pieces = tree.copy()
                pieces.remove_edges_from(cut)
                parts = list(nx.connected_components(pieces))
                if all(sum(weights[n] for n in part) <= cap for part in parts):
                    fewest = len(parts) if fewest is None else min(fewest, len(parts))
            if fewest is not None:
                break
        best += fewest
    return best + len(over)


@st.composite
def forests(draw, max_nodes=9):
    count = draw(st.integers(1, max_nodes))
    graph = nx.Graph()
    graph.add_nodes_from(range(count))
    for node in range(1, count):
        parent = draw(st.one_of(st.none(), st.integers(0, node - 1)))
        if parent is not None:
            graph.add_edge(node, parent)
    weights = {node: draw(st.integers(0, 120)) for node in graph}
    return graph, weights


@given(forests(), st.integers(1, 150))
def test_tree_partition_is_optimal_and_valid(forest, cap):
    graph, weights = forest
    parts = tree_partition(graph, weights, cap=cap)
    assert sorted(n for part in parts for n in part) == sorted(graph)
    for part in parts:
        assert nx.is_connected(graph.subgraph(part))
        assert sum(weights[n] for n in part) <= cap or len(part) == 1
    assert len(parts) == brute_force_minimum(graph, weights, cap)
    assert lower_bound(graph, weights, cap=cap) <= len(parts)


@given(forests(max_nodes=7), st.integers(1, 150))
def test_lower_bound_never_exceeds_the_optimum(forest, cap):
    graph, weights = forest
    assert lower_bound(graph, weights, cap=cap) <= brute_force_minimum(graph, weights, cap)


def test_lower_bound_counts_heavy_units_and_components():
    path = nx.path_graph(4)
    # four units just above half the cap: no two fit together
    assert lower_bound(path, dict.fromkeys(range(4), 1600), cap=3000) == 4
    assert lower_bound(path, dict.fromkeys(range(4), 700), cap=3000) == 1
    # units that are not adjacent cannot share a grid, however light
    assert lower_bound(nx.empty_graph(4), dict.fromkeys(range(4), 700), cap=3000) == 4


@pytest.mark.parametrize(
    ("weights", "cap", "field"),
    [({0: 10, 1: -1}, 100, "weights"), ({0: 10, 1: 5}, 0, "cap"), ({0: 10}, 100, "weights")],
)
def test_bad_input(weights, cap, field):
    with pytest.raises(ValidationError) as caught:
        lower_bound(nx.path_graph(2), weights, cap=cap)
    assert caught.value.field == field


def test_tree_partition_needs_a_forest():
    with pytest.raises(ValidationError) as caught:
        tree_partition(nx.cycle_graph(3), dict.fromkeys(range(3), 1), cap=5)
    assert caught.value.rule == "forest"


@st.composite
def instances(draw):
    rows, columns = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    lattice = nx.grid_2d_graph(rows, columns)
    graph = nx.relabel_nodes(lattice, {node: f"u{node[0]}-{node[1]}" for node in lattice})
    edges = sorted(graph.edges())
    if edges:
        removed = draw(st.lists(st.sampled_from(edges), unique=True, max_size=4))
        graph.remove_edges_from(removed)
    setting = draw(st.sampled_from(AreaSetting))
    units = [PlanningUnit(node, draw(st.integers(0, 3500)), setting) for node in sorted(graph)]
    return units, graph


@given(instances(), st.integers(0, 3))
def test_every_plan_is_valid_and_reproducible(instance, seed):
    units, graph = instance
    result = plan(units, graph, seed=seed)
    placed = [unit for grid in result.grids for unit in grid.units]
    assert sorted(placed) == sorted(u.id for u in units)
    for grid in result.grids:
        assert nx.is_connected(graph.subgraph(grid.units))
        assert grid.population <= grid.cap or len(grid.units) == 1
    assert len(result.grids) >= result.lower_bound
    assert result.gap >= 0
    assert plan(units, graph, seed=seed) == result


@given(forests(max_nodes=8))
def test_plans_of_trees_are_optimal(forest):
    graph, weights = forest
    graph = nx.relabel_nodes(graph, {n: f"u{n}" for n in graph})
    units = [PlanningUnit(f"u{n}", weights[n] * 25, AreaSetting.RURAL) for n in weights]
    unit_weights = {u.id: u.population for u in units}
    result = plan(units, graph)
    assert len(result.grids) == brute_force_minimum(graph, unit_weights, 3000)


def test_planted_blocks_are_found():
    # four blocks of three villages, each block filling the rural cap exactly
    graph = nx.path_graph([f"v{i:02d}" for i in range(12)])
    units = [PlanningUnit(f"v{i:02d}", 1000, AreaSetting.RURAL) for i in range(12)]
    result = plan(units, graph)
    assert len(result.grids) == result.lower_bound == 4
    assert result.proven_optimal
    assert result.max_load == 1.0
    assert result.load_cv == 0.0
    assert result.cut_share == 3 / 11


def test_over_cap_units_stand_alone_with_their_officers():
    graph = nx.path_graph(["a", "b", "c"])
    units = [
        PlanningUnit("a", 7000, AreaSetting.RURAL),
        PlanningUnit("b", 100, AreaSetting.RURAL),
        PlanningUnit("c", 100, AreaSetting.RURAL),
    ]
    result = plan(units, graph)
    lone = next(grid for grid in result.grids if grid.units == ("a",))
    assert lone.officers_needed == 3
    assert len(result.grids) == 2


def test_mixed_settings_take_the_stricter_cap():
    graph = nx.path_graph(["town", "village"])
    units = [
        PlanningUnit("town", 2000, AreaSetting.URBAN),
        PlanningUnit("village", 1500, AreaSetting.RURAL),
    ]
    result = plan(units, graph)
    assert len(result.grids) == 2  # 3,500 fits the urban cap but not the rural one
    assert {grid.cap for grid in result.grids} == {3000}
    assert plan(units, nx.Graph(), caps={AreaSetting.URBAN: 9000, AreaSetting.RURAL: 9000})


def test_bad_plans_are_refused():
    unit = PlanningUnit("a", 10, AreaSetting.RURAL)
    with pytest.raises(ValidationError) as caught:
        plan([unit, unit], nx.Graph())
    assert caught.value.rule == "duplicate_id"
    with pytest.raises(ValidationError) as caught:
        plan([unit], nx.path_graph(["a", "stranger"]))
    assert caught.value.rule == "reference"
    empty = plan([], nx.Graph())
    assert (empty.grids, empty.gap, empty.max_load, empty.cut_share) == ((), 0.0, 0.0, 0.0)


def test_dissolving_a_grid_moves_all_its_units_or_none():
    graph = nx.path_graph(["a", "x", "y", "b"])
    weights = {"a": 2400, "x": 500, "y": 1500, "b": 2000}
    parts = [frozenset({"a"}), frozenset({"x", "y"}), frozenset({"b"})]
    # x fits next to a, y does not fit next to b: the middle grid stays whole
    assert sorted(map(sorted, _dissolve(graph, weights, 3000, parts))) == [
        ["a"],
        ["b"],
        ["x", "y"],
    ]
    weights["b"] = 1400
    assert sorted(map(sorted, _dissolve(graph, weights, 3000, parts))) == [
        ["a", "x"],
        ["b", "y"],
    ]


def test_bordering_grids_merge_while_they_fit():
    graph = nx.cycle_graph(["a", "b", "c", "d"])
    weights = dict.fromkeys("abcd", 700)
    parts = [frozenset({"a"}), frozenset({"b"}), frozenset({"c"}), frozenset({"d"})]
    merged = _merge_adjacent(graph, weights, 1500, parts)
    assert sorted(len(part) for part in merged) == [2, 2]
    assert all(nx.is_connected(graph.subgraph(part)) for part in merged)


def test_officers_are_placed_near_home_and_shortfall_reported():
    graph = nx.path_graph([f"v{i}" for i in range(6)])
    units = [PlanningUnit(f"v{i}", 1500, AreaSetting.RURAL) for i in range(6)]
    result = plan(units, graph)
    assert len(result.grids) == 3
    people = [
        Officer("p-a", home="v5"),
        Officer("p-b", home="v0"),
        Officer("p-c"),
        Officer("p-d", home="elsewhere"),
    ]
    staffed = assign_officers(result, people, graph)
    by_person = {person: index for index, person in staffed.assignments}
    grid_of = {u: i for i, g in enumerate(result.grids) for u in g.units}
    assert by_person["p-a"] == grid_of["v5"]
    assert by_person["p-b"] == grid_of["v0"]
    assert len(staffed.assignments) == 3
    assert (staffed.unstaffed, staffed.shortfall, staffed.near_home) == ((), 0, 2)
    short = assign_officers(result, people[:1], graph)
    assert short.shortfall == 2
    assert len(short.unstaffed) == 2


def test_bordering_grids_count_as_near_home():
    graph = nx.path_graph(["v0", "v1", "v2", "v3"])
    units = [PlanningUnit(f"v{i}", 1500, AreaSetting.RURAL) for i in range(4)]
    result = plan(units, graph)
    first_grid = next(i for i, g in enumerate(result.grids) if "v0" in g.units)
    taken = [Officer("p-home", home="v1"), Officer("p-neighbour", home="v2")]
    staffed = assign_officers(result, taken, graph)
    assert staffed.near_home == 2
    assert {p: i for i, p in staffed.assignments}["p-home"] == first_grid
