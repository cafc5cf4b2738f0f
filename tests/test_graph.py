from datetime import date

import attrs
import networkx as nx
import pytest

from community_policing import (
    RELATION_SCHEMA,
    AreaAssignment,
    AreaRef,
    Building,
    CommunityGraph,
    FamilyTie,
    Household,
    Kinship,
    ManagementGrid,
    Membership,
    NotFoundError,
    Period,
    Person,
    ReadOnlyError,
    Relation,
    ReportingLine,
    Residence,
    ValidationError,
    disclose,
    node_key,
    sample,
)
from helpers import OFFICER, whole

DAY = date(2025, 1, 1)


def snapshot(graph):
    g = graph._graph
    return (
        dict(g.graph),
        {n: dict(d) for n, d in g.nodes.items()},
        {(u, w, k): dict(d) for u, w, k, d in g.edges(keys=True, data=True)},
        list(graph._records.items()),
    )


def test_every_entity_is_a_node_with_its_model(graph):
    town = sample.jurisdiction()
    opened = disclose(graph, OFFICER, query="test")
    g = opened.networkx
    for entity in town.entities():
        key = node_key(entity.KIND, entity.id)
        if entity.KIND in {
            "residence",
            "rental_housing",
            "membership",
            "family_tie",
            "area_assignment",
            "reporting_line",
        }:
            assert opened.record(key) == entity
        else:
            assert g.nodes[key]["model"] == entity
            assert g.nodes[key]["kind"] == entity.KIND


def test_every_relation_kind_is_in_the_sample_graph(graph):
    officer = disclose(graph, OFFICER, query="test").networkx
    seen = {data["relation"] for _, _, data in officer.edges(data=True)}
    assert seen == set(Relation)
    public = {data["relation"] for _, _, data in graph.networkx.edges(data=True)}
    assert public == set(Relation) - {
        Relation.LIVES_IN,
        Relation.LETS,
        Relation.FAMILY,
        Relation.REPORTS_TO,
    }
    assert set(RELATION_SCHEMA) == set(Relation)


def test_edges_respect_the_schema(graph):
    g = graph.networkx
    for u, w, data in g.edges(data=True):
        rule = RELATION_SCHEMA[data["relation"]]
        assert g.nodes[u]["kind"] in rule.sources
        assert g.nodes[w]["kind"] in rule.targets


def test_round_trip_to_the_document(graph):
    assert disclose(graph, OFFICER, query="test").to_jurisdiction() == sample.jurisdiction()
    public = graph.to_jurisdiction()
    assert not public.residences
    assert not public.family_ties
    assert not public.reporting_lines
    assert not [p for p in public.persons if p.phone or p.id_card_number or p.birth_date]


def test_the_networkx_view_is_read_only_and_live(graph):
    view = graph.networkx
    assert nx.is_frozen(view)
    with pytest.raises(ReadOnlyError):
        view.add_edge("a", "b")
    graph.add_entity(Person(id="p-late", name="新人"))
    assert "person:p-late" in view


CHANGES = {
    "set a node attribute": lambda g: g.nodes["police_grid:pg-01"].__setitem__("model", None),
    "delete a node attribute": lambda g: g.nodes["police_grid:pg-01"].__delitem__("kind"),
    "update a node": lambda g: g.nodes["police_grid:pg-01"].update(kind="x"),
    "clear a node": lambda g: g.nodes["police_grid:pg-01"].clear(),
    "pop from a node": lambda g: g.nodes["police_grid:pg-01"].pop("model"),
    "setdefault on a node": lambda g: g.nodes["police_grid:pg-01"].setdefault("x", 1),
    "merge into a node": lambda g: g.nodes["police_grid:pg-01"].__ior__({"x": 1}),
    "set an edge attribute": lambda g: next(iter(g.edges(data=True)))[2].__setitem__("x", 1),
    "rename the graph": lambda g: g.graph.__setitem__("name", "x"),
    "name setter": lambda g: setattr(g, "name", "x"),
    "add a node": lambda g: g.add_node("x"),
    "remove a node": lambda g: g.remove_node("police_grid:pg-01"),
    "remove edges": lambda g: g.remove_edges_from(list(g.edges(keys=True))),
    "clear": lambda g: g.clear(),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
@pytest.mark.parametrize("which", ["networkx", "as_of"])
def test_views_refuse_every_change_and_the_graph_stays_as_it_was(graph, which, change):
    before = CommunityGraph.from_jurisdiction(whole(graph))
    view = graph.networkx if which == "networkx" else graph.as_of(date(2025, 1, 1))
    with pytest.raises(ReadOnlyError):
        change(view)
    assert graph == before
    copied = view.copy()  # a copy is the caller's own, and writable
    copied.nodes["police_grid:pg-01"]["model"] = None
    assert graph == before


def test_networkx_algorithms_and_backends_run_on_it(graph):
    g = disclose(graph, OFFICER, query="test").networkx
    # through the address the person lets, then the township its station polices
    assert nx.shortest_path_length(g, "person:p-zhu-wei", "police_station:ps-kaolao") == 6
    ranks = nx.degree_centrality(g, backend="networkx")
    assert set(ranks) == set(g)
    with nx.config(backend_priority=["networkx"]):
        assert nx.number_weakly_connected_components(g) >= 1


def test_entity_and_record_lookups(graph):
    assert graph.entity("person:p-li-qiang").name == "李强"
    with pytest.raises(NotFoundError) as caught:
        graph.entity("person:p-nobody")
    assert (caught.value.kind, caught.value.key) == ("person", "p-nobody")
    with pytest.raises(NotFoundError):
        graph.record("membership:m-none")
    with pytest.raises(NotFoundError):
        graph.entity("nonsense")
    opened = disclose(graph, OFFICER, query="test")
    assert [r.id for r in opened.records("family_tie")] == ["f-lv", "f-zhu-spouse", "f-zhu-child"]
    assert len(list(opened.records())) == len(graph._records)
    with pytest.raises(ValidationError):
        graph.records("family_tie")
    with pytest.raises(ValidationError):
        graph.record("family_tie:f-lv")
    assert len(list(graph.records())) < len(graph._records)


def test_repr_len_contains_and_equality(graph):
    assert repr(graph).startswith("CommunityGraph(id='sample-county', nodes=")
    assert "person:p-li-qiang" in graph
    assert len(graph) == graph.networkx.number_of_nodes()
    other = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    assert graph == other
    other.end_relation("membership:m-03", DAY)
    assert graph != other
    assert graph != "graph"
    assert (graph.id, graph.name) == ("sample-county", "示例县示例镇")


# ---------------------------------------------------------------- changes


def test_add_entity_adds_its_containment(graph):
    key = graph.add_entity(Building(id="b-new", name="新楼", management_grid="mg-ximen-2"))
    assert key == "building:b-new"
    assert list(graph.networkx.successors(key)) == ["management_grid:mg-ximen-2"]


@pytest.mark.parametrize(
    ("model", "rule"),
    [
        (Person(id="p-li-qiang", name="重复"), "duplicate_id"),
        (Building(id="b-x", name="楼", management_grid="mg-none"), "reference"),
        (
            Building(id="b-x", name="楼", management_grid="mg-shedong", compound="rc-jiayuan"),
            "compound_in_community",
        ),
        (
            ManagementGrid(id="mg-x", name="网", community="v-shedong", police_grid="pg-02"),
            "whole_units",
        ),
        (Household(id="h-x", address="a-missing"), "reference"),
    ],
)
def test_rejected_entities_change_nothing(graph, model, rule):
    before = snapshot(graph)
    with pytest.raises(ValidationError) as caught:
        graph.add_entity(model)
    assert caught.value.rule == rule
    assert snapshot(graph) == before


def test_records_are_not_entities(graph):
    before = snapshot(graph)
    with pytest.raises(ValidationError) as caught:
        graph.add_entity(graph.record("membership:m-03"))
    assert caught.value.rule == "not_an_entity"
    with pytest.raises(ValidationError) as caught:
        graph.add_relation(Person(id="p-z", name="x"))
    assert caught.value.rule == "not_a_relation"
    assert snapshot(graph) == before


def test_replace_entity_moves_its_edges(graph):
    building = graph.entity("building:b-xm-7")
    graph.replace_entity(attrs.evolve(building, management_grid="mg-ximen-4", name="改名楼"))
    assert graph.entity("building:b-xm-7").name == "改名楼"
    assert list(graph.networkx.successors("building:b-xm-7")) == ["management_grid:mg-ximen-4"]
    # the rest of the graph still points at it
    assert "standard_address:a-xm-7-201" in graph.networkx.predecessors("building:b-xm-7")


def test_replacing_a_missing_entity(graph):
    with pytest.raises(NotFoundError):
        graph.replace_entity(Person(id="p-ghost", name="无"))


@pytest.mark.parametrize(
    ("key", "changes", "rule"),
    [
        ("building:b-xm-7", {"management_grid": "mg-none"}, "reference"),
        ("community:c-ximen", {"police_grid": "pg-03"}, "whole_units"),
        ("management_grid:mg-shedong", {"police_grid": "pg-02"}, "whole_units"),
    ],
)
def test_rejected_replacements_change_nothing(graph, key, changes, rule):
    before = snapshot(graph)
    with pytest.raises(ValidationError) as caught:
        graph.replace_entity(attrs.evolve(graph.entity(key), **changes))
    assert caught.value.rule == rule
    assert snapshot(graph) == before


def test_a_community_may_become_whole_when_its_grids_agree(graph):
    for grid in ("mg-ximen-1", "mg-ximen-2", "mg-ximen-3", "mg-ximen-4"):
        key = f"management_grid:{grid}"
        graph.replace_entity(attrs.evolve(graph.entity(key), police_grid=None))
    graph.replace_entity(attrs.evolve(graph.entity("community:c-ximen"), police_grid="pg-03"))
    assert graph.to_jurisdiction()  # still a consistent document


def test_add_relation_and_its_checks(graph):
    record = Residence(
        id="r-new", person="p-yang-fan", household="h-sd-12", period=Period(date(2024, 1, 1))
    )
    assert graph.add_relation(record) == "residence:r-new"
    assert disclose(graph, OFFICER, query="test").record("residence:r-new") == record
    before = snapshot(graph)
    overlapping = Residence(
        id="r-again", person="p-yang-fan", household="h-jy-1-101", period=Period(date(2024, 6, 1))
    )
    with pytest.raises(ValidationError) as caught:
        graph.add_relation(overlapping)
    assert caught.value.rule == "one_residence"
    with pytest.raises(ValidationError) as caught:
        graph.add_relation(record)
    assert caught.value.rule == "duplicate_id"
    dangling = Membership(id="m-x", person="p-yang-fan", post="post-none", period=Period(DAY))
    with pytest.raises(ValidationError) as caught:
        graph.add_relation(dangling)
    assert caught.value.rule == "reference"
    assert snapshot(graph) == before


def test_a_person_may_move_after_the_first_residence_ends(graph):
    graph.end_relation("residence:r-01", date(2024, 1, 1))
    graph.add_relation(
        Residence(
            id="r-moved", person="p-zhu-wei", household="h-sd-12", period=Period(date(2024, 1, 1))
        )
    )
    assert graph.to_jurisdiction()


@pytest.mark.parametrize(
    "record",
    [
        FamilyTie(id="f-new", person="p-yang-fan", relative="p-he-yun", kinship=Kinship.SPOUSE),
        ReportingLine(id="rl-new", reporter="p-he-yun", officer="p-wang-jun", period=Period(DAY)),
        AreaAssignment(
            id="as-new",
            organization="o-court",
            area=AreaRef.parse("building:b-jy-1"),
            period=Period(DAY),
        ),
        Membership(id="m-new", person="p-he-yun", team="t-guard", period=Period(DAY)),
        Membership(
            id="m-new2", person="p-he-yun", organization="o-tongxinyuan", period=Period(DAY)
        ),
    ],
)
def test_every_record_kind_can_be_added(graph, record):
    key = graph.add_relation(record)
    assert disclose(graph, OFFICER, query="test").record(key) == record
    assert whole(graph)


def test_end_relation_keeps_history(graph):
    ended = graph.end_relation("membership:m-03", date(2025, 6, 1))
    assert ended.period == Period(date(2023, 6, 1), date(2025, 6, 1))
    assert graph.record("membership:m-03") == ended
    before = snapshot(graph)
    with pytest.raises(ValidationError):
        graph.end_relation("membership:m-03", date(2020, 1, 1))
    with pytest.raises(NotFoundError):
        graph.end_relation("membership:m-none", DAY)
    with pytest.raises(ValidationError) as caught:
        graph.end_relation("membership:m-03", date(2026, 1, 1))
    assert caught.value.rule == "end_only_earlier"
    assert snapshot(graph) == before
    assert graph.end_relation("membership:m-03", date(2025, 1, 1)).period.end == date(2025, 1, 1)


def test_family_ties_without_a_period_end_from_the_beginning(graph):
    ended = graph.end_relation("family_tie:f-lv", DAY)
    assert ended.period.end == DAY
    assert not ended.is_active(DAY)


# ---------------------------------------------------------------- as_of and validity


def test_as_of_hides_ended_relations(graph):
    before = graph.as_of(date(2024, 1, 1))
    after = graph.as_of(date(2025, 1, 1))
    assert before.has_edge("person:p-sun-hao", "post:post-aux-pg-04")
    assert not after.has_edge("person:p-sun-hao", "post:post-aux-pg-04")
    assert nx.is_frozen(after)


def test_as_of_hides_entities_outside_their_validity(graph):
    graph.add_entity(Person(id="p-future", name="未来"), valid=Period(date(2030, 1, 1)))
    graph.add_relation(
        Membership(
            id="m-future", person="p-future", post="post-aux-pg-04", period=Period(date(2020, 1, 1))
        )
    )
    now = graph.as_of(DAY)
    assert "person:p-future" not in now
    assert not now.has_edge("person:p-future", "post:post-aux-pg-04")
    assert "person:p-future" in graph.as_of(date(2030, 1, 1))
    graph.retire_entity("person:p-future", date(2031, 1, 1))
    assert "person:p-future" not in graph.as_of(date(2031, 1, 1))
    with pytest.raises(ValidationError):
        graph.retire_entity("person:p-future", date(2029, 1, 1))
    with pytest.raises(ValidationError):
        graph.add_entity(Person(id="p-x", name="x"), valid="2030")  # type: ignore[arg-type]


def test_as_of_views_have_no_dangling_edges(graph):
    graph.retire_entity("police_grid:pg-02", date(2024, 6, 1))
    view = graph.as_of(DAY)
    for u, w in view.edges():
        assert u in view
        assert w in view


def test_building_from_a_document_equals_building_through_networkx():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    g = graph._graph
    public = nx.MultiDiGraph(**g.graph)
    public.add_nodes_from(g.nodes(data=True))
    public.add_edges_from(g.edges(keys=True, data=True))
    assert nx.utils.graphs_equal(g, public)
    assert g._pred == public._pred
    assert g._succ == public._succ
    for u, w in g.edges():
        assert g._succ[u][w] is g._pred[w][u]  # one key dict, seen from both ends
    assert list(g.nodes) == list(public.nodes)
