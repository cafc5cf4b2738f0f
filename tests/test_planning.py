import itertools
import random
from contextlib import contextmanager
from unittest import mock

import networkx as nx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AreaSetting,
    CommunityGraph,
    DocumentError,
    MissingExtraError,
    ValidationError,
    sample,
)
from community_policing.planning import (
    Officer,
    PlanningUnit,
    _exact,
    _instance,
    _partition,
    apply_plan,
    assign_officers,
    lower_bound,
    plan_police_grids,
    planning_units,
    tree_partition,
)
from community_policing.plotting import plot_plan
from community_policing.policies import check, fusion_check, population_cap_check
from community_policing.testing.strategies import planning_instances


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


def assert_valid(result, units, graph, *, together=(), apart=()):
    placed = [unit for grid in result.grids for unit in grid.units]
    assert sorted(placed) == sorted(u.id for u in units)
    grouped = {unit for group in together for unit in group}
    for grid in result.grids:
        assert nx.is_connected(graph.subgraph(grid.units))
        # only a lone unit, a must-stay-together group or a kept grid may be over its cap
        alone = len(grid.units) == 1 or set(grid.units) <= grouped or grid.kept
        assert grid.population <= grid.cap or alone
        assert grid.officers_needed == max(1, -(-grid.population // grid.cap))
    grid_of = {unit: grid for grid in result.grids for unit in grid.units}
    for group in together:
        assert len({grid_of[unit] for unit in group}) == 1
    for first, second in apart:
        assert grid_of[first] != grid_of[second]
    assert len(result.grids) >= result.lower_bound
    assert result.gap >= 0


def brute_force_plan(units, graph):
    """Fewest connected parts within their caps over a general graph, by trying every cut set."""
    weights = {u.id: u.population for u in units}
    caps = {u.id: 5000 if u.setting is AreaSetting.URBAN else 3000 for u in units}
    edges = list(graph.edges())
    best = None
    for size in range(len(edges), -1, -1):
        for kept_edges in itertools.combinations(edges, size):
            pieces = nx.Graph(kept_edges)
            pieces.add_nodes_from(graph)
            parts = list(nx.connected_components(pieces))
            if all(
                len(part) == 1 or sum(weights[n] for n in part) <= min(caps[n] for n in part)
                for part in parts
            ):
                best = len(parts) if best is None else min(best, len(parts))
    return best


@contextmanager
def planner(mode):
    """``exact``: as users get it; ``search``: small components searched, not planned exactly.

    ``search`` keeps the search (trees, elimination, repairs, kicks) under test on instances
    small enough to check; ``brief`` is the search with little effort, for tests of validity.
    """
    if mode == "exact":
        yield
        return
    settings = _partition.Settings(exact=False)
    if mode == "brief":
        settings = _partition.Settings(
            exact=False, attempts=4, budgets=(0, 30), min_kicks=20, kicks_per_part=2
        )
    with mock.patch.object(_partition.Settings, "for_size", return_value=settings):
        yield


@pytest.mark.parametrize("mode", ["exact", "brief"])
@given(instance=planning_instances(), seed=st.integers(0, 3))
def test_every_plan_is_valid_and_reproducible(mode, instance, seed):
    units, graph = instance
    with planner(mode):
        result = plan_police_grids(units, graph, seed=seed)
        assert_valid(result, units, graph)
        assert not result.timed_out
        assert plan_police_grids(units, graph, seed=seed) == result


@pytest.mark.parametrize("mode", ["exact", "search"])
@given(instance=planning_instances(max_side=3).filter(lambda i: i[1].number_of_edges() <= 9))
def test_small_plans_are_optimal(mode, instance):
    units, graph = instance
    with planner(mode):
        result = plan_police_grids(units, graph)
    assert len(result.grids) == brute_force_plan(units, graph)
    assert result.proven_optimal or mode == "search"


@given(forests(max_nodes=8))
def test_plans_of_trees_are_optimal(forest):
    graph, weights = forest
    graph = nx.relabel_nodes(graph, {n: f"u{n}" for n in graph})
    units = [PlanningUnit(f"u{n}", weights[n] * 25, AreaSetting.RURAL) for n in weights]
    unit_weights = {u.id: u.population for u in units}
    result = plan_police_grids(units, graph)
    assert len(result.grids) == brute_force_minimum(graph, unit_weights, 3000)


def test_planted_blocks_are_found():
    # four blocks of three villages, each block filling the rural cap exactly
    graph = nx.path_graph([f"v{i:02d}" for i in range(12)])
    units = [PlanningUnit(f"v{i:02d}", 1000, AreaSetting.RURAL) for i in range(12)]
    result = plan_police_grids(units, graph)
    assert len(result.grids) == result.lower_bound == 4
    assert result.proven_optimal
    assert result.max_load == 1.0
    assert result.load_cv == 0.0
    assert result.cut_share == 3 / 11


def test_a_lattice_needs_the_search_beyond_tree_cuts():
    # a 4x4 lattice of 700s under a 2,800 cap: only four 2x2 squares reach the bound of 4
    lattice = nx.grid_2d_graph(4, 4)
    graph = nx.relabel_nodes(lattice, {n: f"u{n[0]}{n[1]}" for n in lattice})
    units = [PlanningUnit(node, 700, AreaSetting.RURAL) for node in sorted(graph)]
    result = plan_police_grids(units, graph, caps={AreaSetting.RURAL: 2800})
    assert len(result.grids) == 4
    assert result.proven_optimal


def test_over_cap_units_stand_alone_with_their_officers():
    graph = nx.path_graph(["a", "b", "c"])
    units = [
        PlanningUnit("a", 7000, AreaSetting.RURAL),
        PlanningUnit("b", 100, AreaSetting.RURAL),
        PlanningUnit("c", 100, AreaSetting.RURAL),
    ]
    result = plan_police_grids(units, graph)
    lone = next(grid for grid in result.grids if grid.units == ("a",))
    assert lone.officers_needed == 3
    assert lone.over_cap
    assert len(result.grids) == 2
    assert result.officers_needed == 4


def test_mixed_settings_take_the_stricter_cap():
    graph = nx.path_graph(["town", "village", "town-2"])
    units = [
        PlanningUnit("town", 2000, AreaSetting.URBAN),
        PlanningUnit("village", 1500, AreaSetting.RURAL),
        PlanningUnit("town-2", 2500, AreaSetting.URBAN),
    ]
    result = plan_police_grids(units, graph)
    # 3,500 fits the urban cap but not the rural one; the towns do not border each other
    assert len(result.grids) == 3
    assert {grid.cap for grid in result.grids} == {3000, 5000}
    loose = {AreaSetting.URBAN: 9000, AreaSetting.RURAL: 9000}
    assert len(plan_police_grids(units, graph, caps=loose).grids) == 1


@pytest.mark.parametrize("mode", ["exact", "search"])
def test_mixed_caps_in_the_search(mode):
    # a ring of towns and villages: the search must keep villages' grids under 3,000
    ring = nx.cycle_graph([f"u{i}" for i in range(8)])
    units = [
        PlanningUnit(
            f"u{i}", 1400 if i % 2 else 2400, AreaSetting.RURAL if i % 2 else AreaSetting.URBAN
        )
        for i in range(8)
    ]
    with planner(mode):
        result = plan_police_grids(units, ring)
    assert_valid(result, units, ring)


def test_together_apart_and_kept_grids():
    graph = nx.path_graph([f"v{i}" for i in range(6)])
    units = [PlanningUnit(f"v{i}", 1000, AreaSetting.RURAL) for i in range(6)]
    together = [("v2", "v3")]
    apart = [("v0", "v1")]
    result = plan_police_grids(units, graph, together=together, apart=apart, keep=[["v5"]])
    assert_valid(result, units, graph, together=together, apart=apart)
    kept = [grid for grid in result.grids if grid.kept]
    assert [grid.units for grid in kept] == [("v5",)]
    # v0 alone (apart from v1), v1-v3 or v2-v4 full, the rest alone beside the kept v5: four
    # grids, one above the simple bound of 3 (it cannot see the apart pair); the component is
    # small enough to plan exactly, which proves that no plan does better
    assert (
        lower_bound(
            graph.subgraph(f"v{i}" for i in range(5)), {u.id: 1000 for u in units}, cap=3000
        )
        == 2
    )
    assert (len(result.grids), result.lower_bound) == (4, 4)
    assert result.proven_optimal


@pytest.mark.parametrize("mode", ["exact", "brief"])
@given(instance=planning_instances(max_side=3), data=st.data())
def test_constraints_always_hold(mode, instance, data):
    units, graph = instance
    ids = sorted(u.id for u in units)
    edges = sorted(graph.edges())
    together = data.draw(st.lists(st.sampled_from(edges), max_size=2)) if edges else []
    grouped = {unit for pair in together for unit in pair}
    free = [unit for unit in ids if unit not in grouped]
    apart = []
    if len(free) >= 2:
        apart = data.draw(
            st.lists(
                st.tuples(st.sampled_from(free), st.sampled_from(free)).filter(
                    lambda p: p[0] != p[1]
                ),
                max_size=3,
            )
        )
    with planner(mode):
        result = plan_police_grids(units, graph, together=together, apart=apart)
    assert_valid(result, units, graph, together=together, apart=apart)


@pytest.mark.parametrize(
    ("arguments", "field", "rule"),
    [
        ({"together": [("a", "c")]}, "together", "connected"),
        ({"together": [("a", "zz")]}, "together", "reference"),
        ({"apart": [("a", "a")]}, "apart", "together"),
        ({"together": [("a", "b")], "apart": [("a", "b")]}, "apart", "together"),
        ({"keep": [["a", "c"]]}, "keep", "connected"),
        ({"keep": [["a"], ["a", "b"]]}, "keep", "overlap"),
        ({"keep": [[]]}, "keep", "empty"),
        ({"keep": [["a", "b"]], "apart": [("a", "b")]}, "keep", "apart"),
        ({"keep": [["a"]], "together": [("a", "b")]}, "together", "keep"),
        ({"method": "magic"}, "method", "choice"),
        ({"caps": {AreaSetting.RURAL: 0}}, "caps", "positive"),
    ],
)
def test_bad_requests_are_refused(arguments, field, rule):
    units = [PlanningUnit(u, 100, AreaSetting.RURAL) for u in "abc"]
    with pytest.raises(ValidationError) as caught:
        plan_police_grids(units, nx.path_graph("abc"), **arguments)
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_bad_plans_are_refused():
    unit = PlanningUnit("a", 10, AreaSetting.RURAL)
    with pytest.raises(ValidationError) as caught:
        plan_police_grids([unit, unit], nx.Graph())
    assert caught.value.rule == "duplicate_id"
    with pytest.raises(ValidationError) as caught:
        plan_police_grids([unit], nx.path_graph(["a", "stranger"]))
    assert caught.value.rule == "reference"
    empty = plan_police_grids([], nx.Graph())
    assert (empty.grids, empty.gap, empty.max_load, empty.cut_share) == ((), 0.0, 0.0, 0.0)


def test_a_time_limit_is_reported():
    lattice = nx.grid_2d_graph(12, 12)
    graph = nx.relabel_nodes(lattice, {n: f"u{n[0]:02d}{n[1]:02d}" for n in lattice})
    units = [
        PlanningUnit(node, 650 + 7 * (i % 11), AreaSetting.RURAL)
        for i, node in enumerate(sorted(graph))
    ]
    result = plan_police_grids(units, graph, time_limit=0.0)
    assert result.timed_out
    assert_valid(result, units, graph)


@given(planning_instances(max_side=3).filter(lambda i: i[1].number_of_edges() <= 9))
def test_exact_mode_matches_brute_force(instance):
    units, graph = instance
    result = plan_police_grids(units, graph, method="exact")
    assert_valid(result, units, graph)
    assert len(result.grids) == brute_force_plan(units, graph)
    assert result.proven_optimal


def star_of_leaves():
    # a star of four 1,400s around a 100: the bound says 2 (5,700 people / 3,000), but the
    # leaves meet only at the hub, which can join one pair, so 3 grids are needed
    star = nx.star_graph(["hub", "a", "b", "c", "d"])
    units = [PlanningUnit("hub", 100, AreaSetting.RURAL)]
    units += [PlanningUnit(leaf, 1400, AreaSetting.RURAL) for leaf in "abcd"]
    return units, star


def test_exact_mode_proves_what_the_bound_cannot():
    units, star = star_of_leaves()
    assert lower_bound(star, {u.id: u.population for u in units}, cap=3000) == 2
    heuristic = plan_police_grids(units, star)
    exact = plan_police_grids(units, star, method="exact")
    assert len(heuristic.grids) == len(exact.grids) == 3
    # a component this small is planned exactly either way; HiGHS proves it on its own too
    assert heuristic.proven_optimal
    assert exact.proven_optimal
    assert heuristic.lower_bound == exact.lower_bound == 3
    inst = _instance.Instance(
        [100, 1400, 1400, 1400, 1400], [3000] * 5, [[1, 2, 3, 4], [0], [0], [0], [0]]
    )
    searched = [[0, 1], [2], [3], [4]]
    chosen, proven = _exact.solve_exact(inst, [0, 1, 2, 3, 4], _partition.Deadline(None), searched)
    # HiGHS improves the searched plan of four to the optimum, and proves it
    assert (len(chosen), proven) == (3, 3)
    assert proven == 3


def test_the_exact_mode_stopped_by_its_time_limit_keeps_a_valid_plan():
    # 100 units are too many to plan exactly without the solver; a deadline already passed
    # stops the search, and HiGHS before it has any bound (its dual bound is then infinite)
    rng = random.Random(7)  # noqa: S311  (a fixed example, not a secret)
    lattice = nx.relabel_nodes(nx.grid_2d_graph(10, 10), lambda cell: f"v{cell[0]}-{cell[1]}")
    units = [PlanningUnit(v, rng.randrange(400, 1000), AreaSetting.RURAL) for v in sorted(lattice)]
    result = plan_police_grids(units, lattice, method="exact", time_limit=1e-9)
    assert_valid(result, units, lattice)
    assert result.timed_out
    assert 0 < result.lower_bound <= len(result.grids)


def test_candidate_grids_are_each_listed_once():
    inst = _instance.Instance([1, 1, 1, 1], [3, 3, 3, 3], [[1, 3], [0, 2], [1, 3], [2, 0]])
    found = _exact.candidates(inst, [0, 1, 2, 3])
    # a 4-cycle: 4 singles, 4 edges and 4 paths of three; the whole ring is over the cap
    assert len(found) == len(set(found)) == 12


def test_exact_mode_without_the_extra(missing):
    missing("highspy")
    units = [PlanningUnit(u, 100, AreaSetting.RURAL) for u in "ab"]
    with pytest.raises(MissingExtraError) as caught:
        plan_police_grids(units, nx.path_graph("ab"), method="exact")
    assert (caught.value.extra, caught.value.module) == ("exact", "highspy")
    assert isinstance(caught.value, ImportError)


def test_the_sample_is_planned_applied_and_passes_the_checks():
    before = sample.jurisdiction()
    units = planning_units(before)
    assert {u.id for u in units} >= {"v-shedong", "mg-ximen-1"}
    result = plan_police_grids(units, sample.borders())
    after = apply_plan(before, result, district="pd-town", ids=["pg-01", "pg-02", "pg-03", "pg-04"])
    report = check(
        CommunityGraph.from_jurisdiction(after), checks=[population_cap_check(), fusion_check()]
    )
    assert report.violations == ()
    assert {grid.district for grid in after.police_grids} == {"pd-town"}
    with pytest.raises(ValidationError):
        apply_plan(before, result, district="pd-town", ids=["pg-01"])
    with pytest.raises(DocumentError):
        apply_plan(before, result, district="no-such-district")
    with pytest.raises(ValidationError):
        planning_units(before, communities=["nowhere"])
    stranger = plan_police_grids([PlanningUnit("x", 1, AreaSetting.RURAL)], nx.Graph())
    with pytest.raises(ValidationError):
        apply_plan(before, stranger, district="pd-town")


def test_officers_go_near_home():
    graph = nx.path_graph(["v0", "v1", "v2", "v3"])
    units = [PlanningUnit(f"v{i}", 1500, AreaSetting.RURAL) for i in range(4)]
    result = plan_police_grids(units, graph)
    staffed = assign_officers(
        result, [Officer("p-1", home="v3"), Officer("p-2", home="v1"), Officer("p-3")], graph
    )
    assert staffed.shortfall == 0
    assert staffed.near_home == 2
    assert {person: grid for grid, person in staffed.assignments}["p-1"] == 1


def test_drawing_without_the_extra(missing):
    units = [PlanningUnit(u, 100, AreaSetting.RURAL) for u in "ab"]
    result = plan_police_grids(units, nx.path_graph("ab"))
    missing("matplotlib")
    with pytest.raises(MissingExtraError) as caught:
        plot_plan(result, nx.path_graph("ab"))
    assert caught.value.extra == "plot"


def test_drawing_marks_over_cap_units():
    units = [PlanningUnit("a", 9000, AreaSetting.RURAL), PlanningUnit("b", 100, AreaSetting.RURAL)]
    result = plan_police_grids(units, nx.path_graph("ab"))
    ax = plot_plan(result, nx.path_graph("ab"))
    assert len(ax.collections) == 2


def test_exact_planning_of_a_component_gives_way_to_the_search_past_its_budgets(monkeypatch):
    ring = _instance.Instance([500] * 6, [3000] * 6, [[(u - 1) % 6, (u + 1) % 6] for u in range(6)])
    # six units of 500 on a ring: all six fit one grid
    assert _instance.exact_small(ring, list(range(6))) == [[0, 1, 2, 3, 4, 5]]
    monkeypatch.setattr(_instance, "SMALL", 5)
    assert _instance.exact_small(ring, list(range(6))) is None
    monkeypatch.setattr(_instance, "SMALL", 48)
    monkeypatch.setattr(_instance, "PART_BUDGET", 10)
    assert _instance.exact_small(ring, list(range(6))) is None
    monkeypatch.setattr(_instance, "PART_BUDGET", 20_000)
    monkeypatch.setattr(_instance, "STATE_BUDGET", 3)
    assert _instance.exact_small(ring, list(range(6))) is None


def test_exact_planning_keeps_units_apart():
    path = _instance.Instance(
        [100] * 4,
        [3000] * 4,
        [[1], [0, 2], [1, 3], [2]],
        apart=[frozenset({3}), frozenset(), frozenset(), frozenset({0})],
    )
    parts = _instance.exact_small(path, [0, 1, 2, 3])
    assert parts is not None
    assert len(parts) == 2
    assert not any({0, 3} <= set(part) for part in parts)


def test_applying_a_plan_redraws_the_districts_own_grids_and_reports_emptied_ones():
    before = sample.jurisdiction()
    result = plan_police_grids(planning_units(before), sample.borders())
    after = apply_plan(before, result, district="pd-east")
    holding = {c.police_grid for c in after.communities} | {
        g.police_grid for g in after.management_grids
    }
    assert {"pg-01", "pg-02"} <= holding  # the district's own grids (and staff) keep territory
    report = check(CommunityGraph.from_jurisdiction(after), checks=[fusion_check()])
    assert [v.entities for v in report.violations] == [
        ("police_grid:pg-03",),
        ("police_grid:pg-04",),
    ]
