import io
import json
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community_policing import (
    Access,
    Audience,
    CommunityGraph,
    DocumentError,
    Period,
    Person,
    ValidationError,
    dumps,
    redacted,
    sample,
)
from community_policing.io.graphs import (
    from_node_link,
    read_gexf,
    read_graphml,
    read_node_link,
    to_node_link,
    write_gexf,
    write_graphml,
    write_node_link,
)
from community_policing.testing import strategies as cps
from helpers import OFFICER, officer_of, whole


@pytest.fixture
def graph(graph):
    """The sample graph with a dated entity and an ended membership."""
    graph.add_entity(Person(id="p-future", name="未来"), valid=Period(date(2030, 1, 1)))
    graph.end_relation("membership:m-03", date(2025, 6, 1))
    return graph


def secrets_of(graph):
    found = []
    for model in whole(graph).persons:
        found += [v for v in (model.id_card_number, model.phone) if v]
        if model.birth_date:
            found.append(model.birth_date.isoformat())
    return found


def test_node_link_round_trip(graph):
    data = to_node_link(graph, audience=OFFICER)
    data = json.loads(json.dumps(data, ensure_ascii=False))
    assert from_node_link(data) == graph


@pytest.mark.parametrize(
    ("write", "read"),
    [(write_node_link, read_node_link), (write_graphml, read_graphml)],
)
def test_file_round_trips(graph, tmp_path, write, read):
    path = tmp_path / "graph.out"
    write(graph, path, audience=OFFICER)
    assert read(path) == graph
    buffer = io.BytesIO()
    write(graph, buffer, audience=OFFICER)
    buffer.seek(0)
    assert read(buffer) == graph


def test_gexf_keeps_all_but_the_graph_id(graph, tmp_path):
    path = tmp_path / "graph.gexf"
    write_gexf(graph, path, audience=OFFICER)
    again = read_gexf(path)
    assert again.name == graph.name
    assert dict(again.networkx.nodes.items()) == dict(graph.networkx.nodes.items())
    assert again._edge_table() == graph._edge_table()
    assert b"<gexf" in path.read_bytes()[:300]


def test_graphml_attributes_are_flat_primitives(graph, tmp_path):
    path = tmp_path / "graph.graphml"
    write_graphml(graph, path, audience=OFFICER)
    text = path.read_text(encoding="utf-8")
    assert 'attr.name="model.name"' in text
    assert 'attr.name="record.period.start"' in text
    assert 'attr.name="valid.start"' in text


def test_redacted_exports_by_audience(graph):
    secrets = secrets_of(graph)
    assert secrets
    full = json.dumps(to_node_link(graph, audience=OFFICER), ensure_ascii=False)
    assert all(secret in full for secret in secrets)
    grid_worker = json.dumps(to_node_link(graph, audience=GRID_WORKER), ensure_ascii=False)
    phones = [p.phone for p in sample.jurisdiction().persons]
    assert all(phone in grid_worker for phone in phones)
    for person in sample.jurisdiction().persons:
        assert person.id_card_number not in grid_worker
    for audience in (Audience.VOLUNTEER, Audience.PUBLIC):
        text = json.dumps(to_node_link(graph, audience=audience), ensure_ascii=False)
        assert not any(secret in text for secret in secrets)


def test_public_sees_no_residents_or_private_ties(graph):
    public = redacted(graph, Audience.PUBLIC)
    assert "person:p-zhu-xiao" not in public
    assert "person:p-wang-jun" in public
    relations = {d["relation"].value for _, _, d in public.networkx.edges(data=True)}
    assert not relations & {"lives_in", "family", "reports_to"}
    assert all(
        key.split(":")[0] not in {"residence", "family_tie", "reporting_line"}
        for key in public._records
    )
    assert public.to_jurisdiction() == whole(public)  # nothing personal is left in it


GRID_WORKER = Access("p-zheng-li", "入户走访", Audience.GRID_WORKER)


def test_redaction_does_not_touch_the_original(graph):
    before = to_node_link(graph, audience=OFFICER)
    redacted(graph, Audience.VOLUNTEER)
    assert to_node_link(graph, audience=OFFICER) == before
    with pytest.raises(ValidationError):
        redacted(graph, "volunteer")  # type: ignore[arg-type]
    for privileged in (Audience.OFFICER, Audience.GRID_WORKER):
        with pytest.raises(ValidationError) as caught:
            to_node_link(graph, audience=privileged)
        assert caught.value.rule == "needs_access"


def test_the_default_audience_sees_no_personal_data(graph):
    text = json.dumps(to_node_link(graph), ensure_ascii=False)
    assert all(secret not in text for secret in secrets_of(graph))
    assert '"residence:' not in text
    assert to_node_link(graph) == to_node_link(graph, audience=Audience.PUBLIC)


@settings(max_examples=20)
@given(cps.jurisdictions())
def test_no_sensitive_value_reaches_a_volunteer(doc):
    graph = CommunityGraph.from_jurisdiction(doc)
    secrets = secrets_of(graph)
    outputs = [json.dumps(to_node_link(graph, audience=Audience.VOLUNTEER), ensure_ascii=False)]
    for write in (write_graphml, write_gexf):
        buffer = io.BytesIO()
        write(graph, buffer, audience=Audience.VOLUNTEER)
        outputs.append(buffer.getvalue().decode())
    for text in outputs:
        for secret in secrets:
            assert secret not in text


@settings(max_examples=20)
@given(cps.jurisdictions())
def test_node_link_round_trip_of_generated_graphs(doc):
    graph = CommunityGraph.from_jurisdiction(doc)
    officer = officer_of(graph)
    data = json.loads(json.dumps(to_node_link(graph, audience=officer)))
    assert from_node_link(data) == graph


def bad(data):
    with pytest.raises(DocumentError) as caught:
        from_node_link(data)
    return [(p.path, p.rule) for p in caught.value.problems]


def test_bad_node_link_data_is_refused_with_places(graph):
    data = to_node_link(graph, audience=OFFICER)
    assert bad([]) == [("$", "node_link")]
    assert bad({"nodes": [{"x": 1}]}) == [("$.nodes[0].node", "required"), ("$.edges", "node_link")]
    broken = json.loads(json.dumps(data))
    broken["nodes"][0]["kind"] = "spaceship"
    broken["nodes"][1]["model.name"] = 5
    broken["nodes"][2]["node"] = broken["nodes"][2]["node"] + "x"
    broken["edges"][0]["relation"] = "likes"
    broken["edges"][-1]["record.kind"] = "person"
    found = bad(broken)
    assert ("$.nodes[0].kind", "type_tag") in found
    assert ("$.nodes[1].model.name", "type") in found
    assert ("$.nodes[2]", "node_key") in found
    assert ("$.edges[0].relation", "allowed_values") in found
    assert found[-1][1] == "type_tag"
    # edges of refused nodes are not reported again; edges naming the renamed node's old key
    old = data["nodes"][2]["node"]
    naming_old = [
        f"$.edges[{i}].{end}"
        for i, edge in enumerate(broken["edges"])
        for end in ("source", "target")
        if edge[end] == old
    ]
    assert naming_old
    assert [path for path, rule in found if rule == "reference"] == naming_old


def test_edge_records_must_match_their_edge(graph):
    data = json.loads(json.dumps(to_node_link(graph, audience=OFFICER)))
    edge = next(e for e in data["edges"] if e.get("record.kind") == "residence")
    edge["record.household"] = "h-sd-12"
    edge["record.period.start"] = "not a date"
    found = bad(data)
    assert found == [(f"$.edges[{data['edges'].index(edge)}].record.period.start", "date")]
    edge["record.period.start"] = "2020-01-01"
    assert bad(data)[0][1] == "edge_key"


def test_edges_to_missing_nodes_are_refused(graph):
    data = json.loads(json.dumps(to_node_link(graph, audience=OFFICER)))
    data["nodes"] = [n for n in data["nodes"] if n["node"] != "sub_bureau:sb-yanhu"]
    found = bad(data)
    assert found
    assert {rule for _, rule in found} == {"reference"}


def test_read_node_link_refuses_non_objects(tmp_path):
    path = tmp_path / "x.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(DocumentError):
        read_node_link(path)


@settings(max_examples=15)
@given(cps.jurisdictions(), st.data())
def test_every_format_gives_back_exactly_the_document(doc, data):
    """Records in their order, retired entities retired, edge text and ids unchanged."""
    graph = CommunityGraph.from_jurisdiction(doc)
    officer = officer_of(graph)
    keys = sorted(key for key in graph.networkx if not key.startswith("person:p-test"))
    if keys:
        retired = data.draw(st.sampled_from(keys))
        graph.retire_entity(retired, date(2030, 1, 1))
    expected = whole(graph)
    assert CommunityGraph.from_jurisdiction(expected) == graph
    for write, read in ((write_node_link, read_node_link), (write_graphml, read_graphml)):
        buffer = io.BytesIO()
        write(graph, buffer, audience=officer)
        back = whole(read(io.BytesIO(buffer.getvalue())))
        assert back == expected
        assert dumps(back) == dumps(expected)
    buffer = io.BytesIO()
    write_gexf(graph, buffer, audience=officer)
    back = whole(read_gexf(io.BytesIO(buffer.getvalue())))
    assert back == attrs.evolve(expected, id=expected.name)  # GEXF has no place for the id
