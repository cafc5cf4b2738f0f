"""Edit sets: the graph records its edits, a document applies them whole or not at all."""

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from community_policing import (
    Access,
    Audience,
    ChangeSet,
    CommunityGraph,
    DocumentError,
    Edit,
    EditKind,
    Period,
    Person,
    Residence,
    ValidationError,
    apply_edits,
    disclose,
    dumps,
    edits_between,
    loads,
    sample,
)
from helpers import whole

TOWN = sample.jurisdiction()
OFFICER = Access("p-wang-jun", "同步")


@st.composite
def edited_graphs(draw):
    """The sample's graph after a few random edits it accepts."""
    graph = CommunityGraph.from_jurisdiction(TOWN)
    for step in range(draw(st.integers(1, 6))):
        choice = draw(st.sampled_from(["end", "retire", "add", "replace", "move"]))
        day = draw(st.dates(date(2024, 1, 2), date(2026, 1, 1)))
        try:
            if choice == "end":
                record = draw(st.sampled_from(TOWN.memberships))
                graph.end_relation(f"membership:{record.id}", day)
            elif choice == "retire":
                post = draw(st.sampled_from(TOWN.posts))
                graph.retire_entity(f"post:{post.id}", day)
            elif choice == "add":
                graph.add_entity(Person(id=f"p-new-{step}", name="新居民"), valid=Period(day))
            elif choice == "replace":
                building = draw(st.sampled_from(TOWN.buildings))
                graph.replace_entity(attrs.evolve(building, floors=draw(st.integers(1, 30))))
            else:
                person = draw(st.sampled_from(TOWN.persons)).id
                household = draw(st.sampled_from(TOWN.households)).id
                graph.add_relation(
                    Residence(
                        id=f"r-new-{step}",
                        person=person,
                        household=household,
                        period=Period(day, day + timedelta(days=30)),
                    )
                )
        except ValidationError:
            pass  # refused: the graph records nothing for it
    return graph


@settings(max_examples=25, deadline=None)
@given(edited_graphs())
def test_the_graphs_edits_applied_to_its_document_give_the_graphs_document(graph):
    made = disclose(graph, OFFICER, query="sync").change_set(
        id="cs-1", reason="同步", base_revision=0
    )
    after = apply_edits(TOWN, made.edits)
    assert after == whole(graph)
    assert apply_edits(TOWN, edits_between(TOWN, after)) == after
    assert loads(dumps(made)) == made


def test_a_refused_edit_is_not_recorded():
    graph = CommunityGraph.from_jurisdiction(TOWN)
    with pytest.raises(ValidationError):
        graph.end_relation("membership:m-03", date(1990, 1, 1))
    assert (
        disclose(graph, OFFICER, query="q")
        .change_set(id="cs", reason="同步", base_revision=0)
        .edits
        == ()
    )


def test_a_grid_worker_cannot_take_an_edit_that_carries_an_id_card_number():
    graph = CommunityGraph.from_jurisdiction(TOWN)
    graph.add_entity(Person(id="p-new", name="新居民", id_card_number="11010519491231002X"))
    worker = Access("p-zheng-li", "同步", Audience.GRID_WORKER)
    with pytest.raises(ValidationError, match="grid_worker may not see"):
        disclose(graph, worker, query="sync").change_set(id="cs", reason="同步", base_revision=0)
    made = disclose(graph, OFFICER, query="sync").change_set(
        id="cs", reason="同步", base_revision=0
    )
    assert made.edits[0].record.id_card_number == "11010519491231002X"
    assert "11010519491231002X" not in repr(made)


def test_every_problem_of_a_refused_set_is_reported_and_nothing_changes():
    first = TOWN.residences[0]
    changes = [
        Edit.add(TOWN.persons[0]),  # already there
        Edit.end("residences", "r-none", date(2025, 1, 1)),  # no such record
        Edit.end("residences", first.id, first.period.start),  # not after its start
        Edit.retire("posts", TOWN.posts[0].id, date(2025, 1, 1)),  # fine
    ]
    with pytest.raises(DocumentError) as caught:
        apply_edits(TOWN, changes)
    paths = [problem.path for problem in caught.value.problems]
    assert paths == ["$.edits[0].record.id", "$.edits[1].id", "$.edits[2].on"]
    assert sample.jurisdiction() == TOWN


def test_the_documents_rules_judge_the_result():
    dangling = Residence(
        id="r-x", person="p-none", household=TOWN.households[0].id, period=Period(date(2025, 1, 1))
    )
    with pytest.raises(DocumentError) as caught:
        apply_edits(TOWN, [Edit.add(dangling)])
    assert {problem.rule for problem in caught.value.problems} == {"reference"}


def test_retiring_twice_moves_only_earlier():
    post = TOWN.posts[0].id
    once = apply_edits(TOWN, [Edit.retire("posts", post, date(2025, 6, 1))])
    earlier = apply_edits(once, [Edit.retire("posts", post, date(2025, 3, 1))])
    assert [life.period.end for life in earlier.lifetimes if life.entity == post] == [
        date(2025, 3, 1)
    ]
    with pytest.raises(DocumentError, match="after the start"):
        apply_edits(once, [Edit.retire("posts", post, date(2025, 9, 1))])


def test_a_change_is_well_formed_or_refused():
    person = TOWN.persons[0]
    with pytest.raises(ValidationError, match="expected a Residence"):
        Edit(EditKind.ADD, "residences", person)
    with pytest.raises(ValidationError, match="names an id and a day"):
        Edit(EditKind.END, "residences", id="r-1")
    with pytest.raises(ValidationError, match="an entity is retired"):
        Edit.end("persons", "p-1", date(2025, 1, 1))
    with pytest.raises(ValidationError, match="only an added entity"):
        Edit.add(TOWN.residences[0], valid=Period(date(2025, 1, 1)))
    with pytest.raises(ValidationError, match="not a collection"):
        Edit.retire("castles", "c-1", date(2025, 1, 1))
    with pytest.raises(ValidationError, match="not a model"):
        Edit.add(Period(date(2025, 1, 1)))
    with pytest.raises(ValidationError, match="holds a record"):
        Edit(EditKind.ADD, "persons", person, id="p-1")


def test_differences_that_are_no_changes_are_refused():
    with pytest.raises(ValidationError, match="retire or end it"):
        edits_between(
            TOWN,
            attrs.evolve(
                TOWN,
                persons=TOWN.persons[1:],
                residences=(),
                family_ties=(),
                memberships=(),
                reporting_lines=(),
                rental_housings=(),
            ),
        )
    with pytest.raises(ValidationError, match="GeoJSON"):
        edits_between(TOWN, attrs.evolve(TOWN, boundaries=()))


def test_a_change_set_names_what_it_touches():
    made = ChangeSet(
        id="cs",
        author="p-a",
        reason="同步",
        at=datetime(2025, 1, 1, tzinfo=UTC),
        base_revision=0,
        edits=(
            Edit.retire("posts", "post-1", date(2025, 1, 1)),
            Edit.replace(TOWN.persons[0]),
        ),
    )
    assert made.touched == {("posts", "post-1"), ("persons", TOWN.persons[0].id)}
