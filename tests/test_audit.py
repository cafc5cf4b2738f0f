"""Every public way to learn where a named person lives, at a privileged audience, leaves
exactly one audit record with its purpose; every other way does not reveal it at all."""

import io
import json
from datetime import date

import pytest

import community_policing as cp
from community_policing import Access, Audience, CommunityGraph, Relation, sample
from community_policing.floorplans import floor_plan_from_graph
from community_policing.io import graphs
from helpers import OFFICER, whole

DAY = date(2025, 1, 1)
GRID_WORKER = Access("p-zheng-li", "入户走访", Audience.GRID_WORKER)
#: Where p-zhu-wei lives: the household and the residence record that says so.
HOME, RECORD = "h-jy-1-101", "r-01"


def _text(found):
    if isinstance(found, bytes):
        return found.decode()
    return json.dumps(found, ensure_ascii=False, default=repr)


def _written(write):
    def run(graph, access):
        buffer = io.BytesIO()
        write(graph, buffer, audience=access)
        return buffer.getvalue()

    return run


#: Privileged ways to the home of p-zhu-wei; each returns something that shows it.
PRIVILEGED = {
    "locate": lambda g, a: cp.locate(g, "person:p-zhu-wei", access=a, as_of=DAY).household,
    "related": lambda g, a: cp.related(g, "person:p-zhu-wei", Relation.LIVES_IN, access=a),
    "disclosure record": lambda g, a: cp.disclose(g, a, query="q").record(f"residence:{RECORD}"),
    "disclosure records": lambda g, a: list(cp.disclose(g, a, query="q").records("residence")),
    "disclosure view": lambda g, a: list(
        cp.disclose(g, a, query="q").networkx.successors("person:p-zhu-wei")
    ),
    "disclosure day view": lambda g, a: list(
        cp.disclose(g, a, query="q").as_of_view(DAY).successors("person:p-zhu-wei")
    ),
    "disclosure parts": lambda g, a: cp.disclose(g, a, query="q").parts()[1],
    "disclosure document": lambda g, a: cp.disclose(g, a, query="q").to_jurisdiction().residences,
    "redacted parts": lambda g, a: cp.redacted_parts(g, a)[1],
    "redacted copy": lambda g, a: whole(cp.redacted(g, a)).residences,
    "floor plan": lambda g, a: floor_plan_from_graph(g, "building:b-jy-1", as_of=DAY, access=a),
    "to_node_link": lambda g, a: graphs.to_node_link(g, audience=a),
    "write_node_link": _written(graphs.write_node_link),
    "write_graphml": _written(graphs.write_graphml),
    "write_gexf": _written(graphs.write_gexf),
}


@pytest.mark.parametrize("access", [OFFICER, GRID_WORKER], ids=["officer", "grid_worker"])
@pytest.mark.parametrize("way", sorted(PRIVILEGED))
def test_each_privileged_way_leaves_exactly_one_record_with_its_purpose(way, access):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    before = len(graph.audit_log)
    found = PRIVILEGED[way](graph, access)
    assert HOME in _text(found)  # the way does reveal the home
    assert len(graph.audit_log) == before + 1
    record = graph.audit_log.records[before]
    assert (record.actor, record.purpose, record.audience) == (
        access.actor,
        access.purpose,
        access.audience,
    )


#: Ways without an access: none of them shows the home, and none leaves a record.
UNPRIVILEGED = {
    "entity": lambda g: g.entity("person:p-zhu-wei"),
    "records": lambda g: list(g.records()),
    "view": lambda g: list(g.networkx.successors("person:p-zhu-wei")),
    "day view": lambda g: list(g.as_of(DAY).successors("person:p-zhu-wei")),
    "parts": lambda g: g.parts(),
    "document": lambda g: cp.dumps(g.to_jurisdiction()),
    "public export": graphs.to_node_link,
    "volunteer export": lambda g: graphs.to_node_link(g, audience=Audience.VOLUNTEER),
    "volunteer graphml": lambda g: _written(graphs.write_graphml)(g, Audience.VOLUNTEER),
}
REFUSED = {
    "residence records": lambda g: list(g.records("residence")),
    "residence record": lambda g: g.record(f"residence:{RECORD}"),
    "related without access": lambda g: cp.related(g, "person:p-zhu-wei", Relation.LIVES_IN),
    "officer export by name": lambda g: graphs.to_node_link(g, audience=Audience.OFFICER),
    "grid worker copy by name": lambda g: cp.redacted(g, Audience.GRID_WORKER),
}


@pytest.mark.parametrize("way", sorted(UNPRIVILEGED))
def test_ways_without_access_do_not_show_the_home(way):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    text = _text(UNPRIVILEGED[way](graph))
    for mark in ("lives_in", "residence:", "Residence(", '"r-01"', "FamilyTie(", "reports_to"):
        assert mark not in text
    assert len(graph.audit_log) == 0


@pytest.mark.parametrize("way", sorted(REFUSED))
def test_ways_to_the_home_without_access_are_refused(way):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    with pytest.raises(cp.ValidationError) as caught:
        REFUSED[way](graph)
    assert caught.value.rule == "needs_access"
    assert len(graph.audit_log) == 0


@pytest.mark.parametrize(
    ("access", "rule"),
    [
        (Access("p-zhu-wei", "看看自己"), "actor_holds_post"),  # a resident, no post
        (Access("p-wang-jun", "核查"), "own_record"),  # about themselves
    ],
)
def test_a_refused_access_reveals_nothing_and_records_nothing(access, rule):
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    subject = "p-wang-jun" if rule == "own_record" else "p-qin-na"
    with pytest.raises(cp.ValidationError) as caught:
        cp.locate(graph, f"person:{subject}", access=access, as_of=DAY)
    assert caught.value.rule == rule
    assert len(graph.audit_log) == 0
