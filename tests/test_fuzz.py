"""Attacks generated, not listed: mutated documents and graph files go to every reader.

Only the library's error family comes out, every problem has a path, no message repeats the
personal data planted in the input, each read finishes well inside the deadline, and whatever
a reader accepts is written and read back equal.
"""

import copy
import io
import json
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import community_policing as cp
from community_policing import (
    Access,
    CommunityGraph,
    CommunityPolicingError,
    DocumentError,
    dumps,
    loads,
    sample,
)
from community_policing.floorplans import floor_plan_from_graph
from community_policing.io import graphs
from community_policing.testing import strategies as cps
from helpers import OFFICER, json_paths, library_models, officer_of

#: Personal data planted in attacks: a valid ID-card number, its birth-date part, a phone.
CARD, BIRTH, PHONE = "11010519491231002X", "19491231", "13912345678"
CANARIES = (CARD, BIRTH, PHONE)

EDGE_VALUES = st.sampled_from(
    [
        2**64,
        -(2**63) - 1,
        10**40,
        1e308,
        -0.0,
        "",
        " ",
        "\u200b",
        "\x00",
        "a\r\nb",
        "\ud800",
        "１２３",
        "٣",
        "x" * 5000,
        CARD,
        BIRTH,
        PHONE,
        "2025-02-30",
        "1900-01-01T00:00:00+08:05:43",
        "person:" + CARD,
        True,
        None,
    ]
)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | EDGE_VALUES
    | st.builds(list)  # empty containers, each one new: mutations change them in place
    | st.builds(dict)
)
JSON_VALUES = st.recursive(
    LEAVES,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(max_size=8) | st.sampled_from(CANARIES), inner, max_size=3)
    ),
    max_leaves=6,
)
FUZZ = settings(
    deadline=timedelta(seconds=5),  # a generous bound: a read that blows up takes far longer
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

MODELS = library_models()


@st.composite
def mutated(draw, value):
    """``value`` with one to three places replaced, removed, or given a new member."""
    value = copy.deepcopy(value)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(list(json_paths(value))))
        operation = draw(st.sampled_from(["replace", "remove", "add"]))
        if not path:
            value = draw(JSON_VALUES) if operation == "replace" else value
            continue
        *parents, last = path
        container = value
        for step in parents:
            container = container[step]
        if operation == "replace":
            container[last] = draw(JSON_VALUES)
        elif operation == "remove":
            del container[last]
        elif isinstance(container[last], dict):
            key = draw(st.text(max_size=8) | st.sampled_from(CANARIES))
            container[last][key] = draw(JSON_VALUES)
        elif isinstance(container[last], list):
            container[last].append(draw(JSON_VALUES))
    return value


@st.composite
def mutated_text(draw, text):
    """JSON or XML text cut short, spliced, or given a repeated key or a deep nest."""
    cut = draw(st.integers(0, len(text)))
    operation = draw(st.sampled_from(["truncate", "splice", "repeat_key", "nest", "replace"]))
    if operation == "truncate":
        return text[:cut]
    if operation == "splice":
        snippet = draw(
            st.sampled_from(
                [
                    '"',
                    "<",
                    "\x00",
                    "}",
                    '"id": "x", ',
                    '<node id="x"/>',
                    '<edge source="x" target="y" id="z"/>',
                    '<!DOCTYPE g [<!ENTITY a "aaaaaaaaaa">]>',
                    "&a;",
                    CARD,
                ]
            )
            | st.text(max_size=6)
        )
        return text[:cut] + snippet + text[cut:]
    if operation == "repeat_key":
        return text.replace("{", '{"id": "p-9", "id": "p-8", ', 1)
    if operation == "nest":
        return "[" * 2000 + text + "]" * 2000
    end = draw(st.integers(cut, min(len(text), cut + 40)))
    return text[:cut] + text[end:] + text[cut:end]


def refuses_or_keeps(read, write, payload):
    """``read(payload)`` refuses with a located DocumentError that repeats no personal data,
    or gives a model that ``write`` writes and ``read`` gives back equal."""
    try:
        found = read(payload)
    except DocumentError as error:
        refused = error
    else:
        assert read(write(found)) == found
        return
    assert refused.problems
    for problem in refused.problems:
        assert problem.path.startswith("$"), problem
        assert len(problem.path) + len(problem.reason) < 1000
    text = str(refused) + repr(refused) + repr(refused.problems)
    assert not [canary for canary in CANARIES if canary in text], text


@pytest.mark.parametrize("tag", sorted(MODELS))
@FUZZ
@given(data=st.data())
def test_every_document_reader_refuses_mutations_with_the_library_error(tag, data):
    model = data.draw(cps.strategy_for(MODELS[tag]))
    document = json.loads(dumps(model))
    attacked = data.draw(mutated(document))
    refuses_or_keeps(loads, dumps, json.dumps(attacked))


@pytest.mark.parametrize("tag", sorted(MODELS))
@FUZZ
@given(data=st.data())
def test_broken_json_text_is_refused_with_the_library_error(tag, data):
    text = dumps(data.draw(cps.strategy_for(MODELS[tag])))
    refuses_or_keeps(loads, dumps, data.draw(mutated_text(text)))


def _officer_bytes(writer, graph):
    """The graph written for an officer: the sample's own, or a test officer added to it."""
    if "person:p-test-officer" in graph:
        access = Access("p-test-officer", "测试导出")
    elif "person:p-wang-jun" in graph:
        access = OFFICER
    else:
        access = officer_of(graph)
    buffer = io.BytesIO()
    writer(graph, buffer, audience=access)
    return buffer.getvalue()


FORMATS = {
    "node_link": (graphs.write_node_link, graphs.read_node_link),
    "graphml": (graphs.write_graphml, graphs.read_graphml),
    "gexf": (graphs.write_gexf, graphs.read_gexf),
}
SAMPLE = CommunityGraph.from_jurisdiction(sample.jurisdiction())


def _reader(read):
    return lambda payload: read(io.BytesIO(payload))


@pytest.mark.parametrize("name", sorted(FORMATS))
@FUZZ
@given(data=st.data())
def test_graph_file_readers_refuse_mutations_with_the_library_error(name, data):
    write, read = FORMATS[name]
    graph = data.draw(st.sampled_from([SAMPLE]) | cps.community_graphs())
    text = _officer_bytes(write, graph).decode()
    attacked = data.draw(mutated_text(text))
    refuses_or_keeps(_reader(read), lambda g: _officer_bytes(write, g), attacked.encode())


@FUZZ
@given(data=st.data())
def test_node_link_data_of_any_shape_is_refused_with_the_library_error(data):
    graph = data.draw(st.sampled_from([SAMPLE]) | cps.community_graphs())
    document = json.loads(_officer_bytes(graphs.write_node_link, graph))
    attacked = data.draw(mutated(document))
    refuses_or_keeps(
        graphs.from_node_link,
        lambda found: json.loads(_officer_bytes(graphs.write_node_link, found)),
        attacked,
    )


GARBAGE = st.sampled_from(
    [5, None, "x", "2025-01-01", b"x", [], {}, ["x"], 1.5, CARD, "person:" + CARD, date.max]
)


def _calls(graph):
    """Every public graph method and query, each taking the drawn argument somewhere."""
    day = date(2025, 1, 1)
    return {
        "entity": graph.entity,
        "record": graph.record,
        "records": lambda x: list(graph.records(x)),
        "entities": lambda x: list(graph.entities(x)),
        "entities as_of": lambda x: list(graph.entities(as_of=x)),
        "as_of": graph.as_of,
        "retire_entity key": lambda x: graph.retire_entity(x, day),
        "retire_entity on": lambda x: graph.retire_entity("post:post-aux-pg-04", x),
        "end_relation key": lambda x: graph.end_relation(x, day),
        "end_relation on": lambda x: graph.end_relation("membership:m-03", x),
        "add_entity": graph.add_entity,
        "add_entity valid": lambda x: graph.add_entity(cp.Person(id="p-new", name="新"), valid=x),
        "replace_entity": graph.replace_entity,
        "add_relation": graph.add_relation,
        "locate person": lambda x: cp.locate(graph, x, access=OFFICER),
        "locate access": lambda x: cp.locate(graph, "person:p-zhu-wei", access=x),
        "locate as_of": lambda x: cp.locate(graph, "person:p-zhu-wei", access=OFFICER, as_of=x),
        "access purpose": lambda x: cp.locate(
            graph, "person:p-zhu-wei", access=Access("p-wang-jun", x)
        ),
        "access actor": lambda x: cp.locate(
            graph, "person:p-zhu-wei", access=Access(x, "核查线索")
        ),
        "access audience": lambda x: Access("p-wang-jun", "核查线索", x),
        "disclose access": lambda x: cp.disclose(graph, x, query="q"),
        "disclose query": lambda x: cp.disclose(graph, OFFICER, query=x),
        "disclose subject": lambda x: cp.disclose(graph, OFFICER, query="q", subject=x),
        "disclose as_of": lambda x: cp.disclose(graph, OFFICER, query="q", as_of=x),
        "disclosure record": lambda x: cp.disclose(graph, OFFICER, query="q").record(x),
        "disclosure records": lambda x: list(cp.disclose(graph, OFFICER, query="q").records(x)),
        "disclosure as_of": lambda x: cp.disclose(graph, OFFICER, query="q").as_of_view(x),
        "related access": lambda x: cp.related(
            graph, "person:p-zhu-wei", cp.Relation.FAMILY, access=x
        ),
        "floor plan access": lambda x: floor_plan_from_graph(
            graph, "building:b-jy-1", as_of=date(2025, 1, 1), access=x
        ),
        "responsible": lambda x: cp.responsible(graph, x),
        "responsible as_of": lambda x: cp.responsible(graph, "community:c-ximen", as_of=x),
        "serving": lambda x: cp.serving(graph, x),
        "containing": lambda x: cp.containing(graph, x),
        "holders": lambda x: cp.holders(graph, x),
        "holdings": lambda x: cp.holdings(graph, x),
        "members": lambda x: cp.members(graph, x),
        "related": lambda x: cp.related(graph, x, cp.Relation.FAMILY),
        "related relation": lambda x: cp.related(graph, "p-zhu-wei", x),
        "mediation_candidates": lambda x: cp.mediation_candidates(graph, x),
        "coverage": lambda x: cp.coverage(graph, as_of=x),
        "redacted": lambda x: cp.redacted(graph, x),
        "to_node_link": lambda x: graphs.to_node_link(graph, audience=x),
        "write_graphml": lambda x: graphs.write_graphml(graph, io.BytesIO(), audience=x),
        "write_gexf": lambda x: graphs.write_gexf(graph, io.BytesIO(), audience=x),
        "from_node_link": graphs.from_node_link,
    }


CALLS = sorted(_calls(SAMPLE))


@pytest.mark.parametrize("call", CALLS)
@settings(max_examples=12)
@given(argument=GARBAGE)
def test_graph_entry_points_refuse_wrong_arguments_with_the_library_error(call, argument):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    before = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    try:
        _calls(graph)[call](argument)
    except CommunityPolicingError as error:
        message = str(error)
    else:
        return
    assert graph == before  # a refused change changes nothing
    assert not [canary for canary in CANARIES if canary in message]
