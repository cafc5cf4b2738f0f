"""A personal-data canary: generated persons with valid ID-card numbers and phones go through
every public path that produces text, and none of the number, its birth-date part or the
phone appears where the audience may not see it.
"""

import contextlib
import io
import json
import re
from datetime import date

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import community_policing as cp
from community_policing import (
    Access,
    Audience,
    CommunityGraph,
    FamilyTie,
    Kinship,
    Period,
    Person,
    Residence,
    sample,
)
from community_policing.cli import main
from community_policing.io import graphs
from community_policing.model import registry
from community_policing.policies import check
from community_policing.testing import strategies as cps
from helpers import OFFICER

DAY = date(2025, 1, 1)
GRID_WORKER = Access("p-zheng-li", "入户走访", Audience.GRID_WORKER)


# Days the texts show whatever the audience (periods, the day checked): a canary born on one
# of them would be "found" where nothing leaked, as a run drawing 2020-01-01 once was.
SHOWN_DAYS = frozenset(re.findall(r"\d{4}-\d{2}-\d{2}", cp.dumps(sample.jurisdiction()))) | {
    DAY.isoformat()
}
BIRTHS = st.dates(date(1930, 1, 1), date(2025, 12, 31)).filter(
    lambda day: day.isoformat() not in SHOWN_DAYS
)


@st.composite
def canaries(draw, births=BIRTHS):
    """The sample with two to three residents whose personal data is drawn, and their data."""
    taken = {p.id_card_number for p in sample.jurisdiction().persons}
    cards = draw(
        st.lists(
            cps.id_card_numbers(birth_dates=births).filter(lambda card: card not in taken),
            min_size=2,
            max_size=3,
            unique=True,
        )
    )
    phones = draw(st.lists(cps.phone_numbers(), min_size=len(cards), max_size=len(cards)))
    people = [
        Person(
            id=f"p-canary-{i}",
            name="金丝雀",
            id_card_number=card,
            phone=phone,
            birth_date=date(int(card[6:10]), int(card[10:12]), int(card[12:14])),
        )
        for i, (card, phone) in enumerate(zip(cards, phones, strict=True))
    ]
    homes = [
        Residence(
            id=f"r-canary-{i}",
            person=person.id,
            household="h-jy-1-101",
            period=Period(date(2020, 1, 1)),
        )
        for i, person in enumerate(people)
    ]
    tie = FamilyTie(
        id="f-canary", person=people[0].id, relative=people[1].id, kinship=Kinship.SIBLING
    )
    town = sample.jurisdiction()
    town = attrs.evolve(
        town,
        persons=(*town.persons, *people),
        residences=(*town.residences, *homes),
        family_ties=(*town.family_ties, tie),
    )
    return town, people


def secrets(people, *, phones=True, numbers=True):
    """What must not appear: ID-card numbers, their birth-date parts, birth dates, phones."""
    found = []
    for person in people:
        if numbers:
            found += [
                person.id_card_number,
                person.id_card_number[6:14],
                person.birth_date.isoformat(),
            ]
        if phones:
            found.append(person.phone)
    return found


def leaked(text, forbidden):
    return [secret for secret in forbidden if secret in text]


def export_texts(graph, audience):
    texts = [json.dumps(graphs.to_node_link(graph, audience=audience), ensure_ascii=False)]
    for write in (graphs.write_graphml, graphs.write_gexf, graphs.write_node_link):
        buffer = io.BytesIO()
        write(graph, buffer, audience=audience)
        texts.append(buffer.getvalue().decode())
    return texts


@settings(max_examples=10)
@given(canaries())
def test_exports_show_each_audience_only_what_it_may_see(drawn):
    town, people = drawn
    graph = CommunityGraph.from_jurisdiction(town)
    for audience in (Audience.PUBLIC, Audience.VOLUNTEER):
        for text in export_texts(graph, audience):
            assert not leaked(text, secrets(people)), audience
    for text in export_texts(graph, GRID_WORKER):
        assert not leaked(text, secrets(people, phones=False)), "grid worker"
        assert all(person.phone in text for person in people)
    for text in export_texts(graph, OFFICER):
        assert all(secret in text for secret in secrets(people, numbers=False))
        assert all(person.id_card_number in text for person in people)


@settings(max_examples=10)
@given(canaries())
def test_reprs_documents_and_views_without_access_show_none(drawn):
    town, people = drawn
    graph = CommunityGraph.from_jurisdiction(town)
    forbidden = secrets(people)
    public = graph.to_jurisdiction()
    texts = [
        repr(town),
        repr(graph),
        *(repr(person) + str(person) for person in people),
        *(repr(graph.entity(f"person:{person.id}")) for person in people),
        cp.dumps(public),
        repr(list(graph.networkx.nodes(data=True))),
        repr(list(graph.as_of(DAY).edges(data=True))),
        repr(graph.parts()),
        repr(list(graph.records())),
        json.dumps(check(graph, as_of=DAY).to_json(), ensure_ascii=False),
        check(graph, as_of=DAY).to_text("zh"),
    ]
    found = cp.locate(graph, f"person:{people[0].id}", access=OFFICER, as_of=DAY)
    texts += [repr(found), repr(graph.audit_log.records), cp.dumps(graph.audit_log.records[-1])]
    texts.append(repr(cp.disclose(graph, OFFICER, query="canary")))
    for text in texts:
        assert not leaked(text, forbidden), text[:200]


def errors_with(people):
    """Errors provoked by personal data typed where it does not belong."""
    card, phone = people[0].id_card_number, people[0].phone
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    attempts = [
        lambda: Person(id=card, name=" "),
        lambda: Person(id=phone, name="x", phone=card),
        lambda: Person(id="p-1", name="x", id_card_number=phone),
        lambda: cp.Post(id=card, role=card),
        lambda: graph.entity(f"person:{card}"),
        lambda: graph.entity(f"{card}:{phone}"),
        lambda: graph.record(f"residence:{phone}"),
        lambda: cp.locate(graph, card, access=OFFICER),
        lambda: cp.locate(graph, "person:p-zhu-wei", access=Access(phone, "核查")),
        lambda: cp.loads(json.dumps({"type": "person", "schema_version": card, card: phone})),
        lambda: cp.loads(json.dumps({"type": card, "schema_version": 1})),
        lambda: cp.loads(
            json.dumps({"type": "post", "schema_version": 1, "id": card, "role": phone})
        ),
        lambda: cp.Jurisdiction(
            id="j",
            name="j",
            persons=(Person(id=card, name="a"), Person(id=card, name="b")),
            residences=(Residence(id=phone, person=card, household=phone, period=Period(DAY)),),
        ),
        lambda: graphs.from_node_link({"nodes": [{"node": card}], "edges": [{"source": phone}]}),
        lambda: cp.disclose(graph, OFFICER, query="q", subject=card),
    ]
    for entry in registry.entries():  # every document type, a number as a key and a value
        body = {"type": entry.tag, "schema_version": 1, card: phone, "id": card}
        attempts.append(lambda body=body: cp.loads(json.dumps(body)))
    for attempt in attempts:
        with pytest.raises(cp.CommunityPolicingError) as caught:
            attempt()
        yield caught.value


@settings(max_examples=10)
@given(canaries())
def test_no_error_repeats_personal_data_typed_into_the_wrong_place(drawn):
    _, people = drawn
    for error in errors_with(people):
        text = str(error) + repr(error) + repr(getattr(error, "problems", ""))
        text += repr(getattr(error, "entity_id", ""))
        assert not leaked(text, secrets(people)), text


def test_the_command_line_shows_no_personal_data(tmp_path):
    people = sample.jurisdiction().persons
    forbidden = [p.id_card_number for p in people if p.id_card_number]
    forbidden += [p.phone for p in people if p.phone]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["demo", "--as-of", "2025-01-01"]) == 0
        card = forbidden[0]
        broken = tmp_path / f"{card}.json"
        broken.write_text(
            json.dumps({"type": "jurisdiction", "schema_version": 1, "id": card, card: 1}),
            encoding="utf-8",
        )
        assert main(["validate", str(broken)]) == 1
        assert main(["validate", str(tmp_path / f"{card}-missing.json")]) == 2
    text = out.getvalue() + err.getvalue()
    assert text
    assert not leaked(text, forbidden)
