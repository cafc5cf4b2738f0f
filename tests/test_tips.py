from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import (
    AreaRef,
    CommunityGraph,
    NotFoundError,
    Period,
    Role,
    TipOutcome,
    TipStatus,
    ValidationError,
    sample,
)
from community_policing.tips import Tip, receive_tip, tip_report

DAY = date(2025, 3, 2)
BUILDING = AreaRef.parse("building:b-jy-1")
MARCH = Period(date(2025, 3, 1), date(2025, 4, 1))


@pytest.fixture(scope="module")
def sample_graph():
    return CommunityGraph.from_jurisdiction(sample.jurisdiction())


def test_a_tip_goes_to_the_officer_and_grid_worker_of_the_place(sample_graph):
    tip = receive_tip(sample_graph, id="t-1", sentinel="p-chu-hong", place=BUILDING, on=DAY)
    assert (tip.officer, tip.grid_worker, tip.status) == (
        "p-wang-jun",
        "p-zheng-li",
        TipStatus.RECEIVED,
    )
    # a village building: its district's officer and the village's grid worker
    village = receive_tip(
        sample_graph,
        id="t-2",
        sentinel="p-yang-fan",
        place=AreaRef.parse("building:b-sd-12"),
        on=DAY,
    )
    assert (village.officer, village.grid_worker) == ("p-wang-jun", "p-zhou-min")


def test_only_sentinels_send_tips_and_every_tip_has_an_officer(sample_graph):
    with pytest.raises(ValidationError) as caught:
        receive_tip(sample_graph, id="t-1", sentinel="p-lv-da", place=BUILDING, on=DAY)
    assert (caught.value.field, caught.value.rule) == ("sentinel", "sentinel")
    # a host may widen the roles that count as sentinels
    widened = receive_tip(
        sample_graph,
        id="t-1",
        sentinel="p-zheng-li",
        place=BUILDING,
        on=DAY,
        roles=frozenset({Role.GRID_WORKER}),
    )
    assert widened.officer == "p-wang-jun"
    with pytest.raises(NotFoundError):
        receive_tip(sample_graph, id="t-1", sentinel="p-nobody", place=BUILDING, on=DAY)


def test_the_unrouted_rule_names_the_place():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    for key in list(graph.records("membership")):
        if key.post in {"post-officer-east", "post-officer-town", "post-aux-pg-03"}:
            graph.end_relation(f"membership:{key.id}", date(2024, 1, 1))
    with pytest.raises(ValidationError) as caught:
        receive_tip(graph, id="t-9", sentinel="p-chu-hong", place=BUILDING, on=DAY)
    assert (caught.value.field, caught.value.rule) == ("place", "unrouted")


def tip(**changes):
    fields = {
        "id": "t-1",
        "sentinel": "p-s",
        "place": BUILDING,
        "received_on": DAY,
        "officer": "p-o",
    }
    fields.update(changes)
    return Tip(**fields)


def test_a_tip_moves_forward_only():
    acted = tip().act(date(2025, 3, 3))
    closed = acted.close(date(2025, 3, 4), TipOutcome.FRAUD_PREVENTED, amount_protected=20_000)
    assert (closed.status, closed.acted_on, closed.amount_protected) == (
        TipStatus.CLOSED,
        date(2025, 3, 3),
        20_000,
    )
    quiet = tip().close(DAY, TipOutcome.NO_ACTION_NEEDED)
    assert quiet.acted_on == DAY
    for attempt in (
        lambda: acted.act(DAY),
        lambda: closed.close(DAY, TipOutcome.OTHER),
        lambda: tip().close(DAY, TipOutcome.FRAUD_PREVENTED),
    ):
        with pytest.raises(ValidationError) as caught:
            attempt()
        assert caught.value.rule == "transition"
    with pytest.raises(ValidationError) as caught:
        tip().act(date(2025, 3, 1))
    assert caught.value.rule == "chronology"
    with pytest.raises(ValidationError) as caught:
        acted.close(date(2025, 3, 4), TipOutcome.OTHER, amount_protected=-1)
    assert caught.value.field == "amount_protected"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"status": TipStatus.ACTED_ON}, "acted_on"),
        ({"acted_on": DAY}, "acted_on"),
        ({"status": TipStatus.CLOSED, "acted_on": DAY, "closed_on": DAY}, "closed_on"),
        ({"status": TipStatus.ACTED_ON, "acted_on": DAY, "closed_on": DAY}, "closed_on"),
        ({"amount_protected": 5}, "amount_protected"),
    ],
)
def test_inconsistent_tips_are_refused(changes, field):
    with pytest.raises(ValidationError) as caught:
        tip(**changes)
    assert caught.value.field == field


def test_what_a_tip_says_stays_out_of_repr_and_errors():
    private_words = "楼下302住户被冒充客服诈骗"
    said = tip(content=private_words)
    assert private_words not in repr(said)
    with pytest.raises(ValidationError) as caught:
        said.act(date(2025, 1, 1))
    assert private_words not in str(caught.value)


@given(
    st.lists(
        st.tuples(st.integers(0, 60), st.sampled_from([None, *TipOutcome]), st.integers(0, 9)),
        max_size=25,
    )
)
def test_the_report_agrees_with_counting_by_hand(drawn):
    tips = []
    for index, (day, outcome, amount) in enumerate(drawn):
        received = date(2025, 2, 1).fromordinal(date(2025, 2, 1).toordinal() + day)
        made = tip(id=f"t-{index}", received_on=received, officer=f"p-{index % 3}")
        if outcome is not None:
            later = received.fromordinal(received.toordinal() + amount)
            made = made.act(received).close(later, outcome, amount_protected=amount * 100)
        tips.append(made)
    report = tip_report(tips, MARCH)
    in_march = [t for t in tips if MARCH.contains(t.received_on)]
    closed = [t for t in tips if t.closed_on is not None and MARCH.contains(t.closed_on)]
    assert report.received == len(in_march)
    assert report.closed == len(closed) == sum(report.by_outcome.values())
    assert report.amount_protected == sum(t.amount_protected for t in closed)
    assert report.open == sum(
        1 for t in in_march if t.closed_on is None or t.closed_on >= MARCH.end
    )
    assert sum(report.by_officer.values()) == report.received
