import itertools
from math import ceil

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import ValidationError
from community_policing.planning import lower_bound, tree_partition


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
    assert ceil(4 * 700 / 3000) == 1


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
