"""Asset recovery: the rules of a recovery case, under commands and on reading."""

import json
from datetime import date, timedelta

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from community_policing import DocumentError, Period, ValidationError, dumps, loads
from community_policing.recovery import Loss, RecoveryCase, RecoveryStep, recovery_totals

DAY = date(2025, 3, 1)
LOSSES = [Loss("p-v1", 10_000), Loss("p-v2", 5_000)]


def opened():
    return RecoveryCase.open("rc-1", criminal_case="cc-1", lead="p-lead", on=DAY, losses=LOSSES)


def test_hubins_cycle_solve_recover_return_visit():
    case = (
        opened()
        .add_suspect("p-s1", on=DAY, by="p-lead")
        .seize("cash-1", 8_000, on=DAY + timedelta(days=2), by="p-lead")
        .seize("phone-1", 3_000, on=DAY + timedelta(days=3), by="p-lead")
        .verify(on=DAY + timedelta(days=4), unit="o-investigation", by="p-checker")
        .return_to("p-v1", 6_000, on=DAY + timedelta(days=5), by="p-lead")
        .return_to("p-v2", 5_000, on=DAY + timedelta(days=5), by="p-lead")
        .visit("p-v1", on=DAY + timedelta(days=9), by="p-checker")
    )
    assert (case.recovered, case.verified, case.returned) == (11_000, 11_000, 11_000)
    assert (case.returned_to("p-v1"), case.suspects, case.visited) == (6_000, ("p-s1",), ("p-v1",))
    assert len(case.trail) == 8
    assert recovery_totals([case], Period(DAY, DAY + timedelta(days=4))) == (11_000, 0)
    assert recovery_totals([case], Period(DAY + timedelta(days=4))) == (0, 11_000)
    assert loads(dumps(case)) == case


@pytest.mark.parametrize(
    ("command", "field", "rule"),
    [
        (lambda c: c.return_to("p-v1", 1, on=DAY, by="p-lead"), "action", "not_verified"),
        (lambda c: c.seize("x", 0, on=DAY, by="p-lead"), "amount", "positive"),
        (lambda c: c.verify(on=DAY, unit="o-inv", by="p-checker"), "action", "nothing_new"),
        (lambda c: c.seize("x", 5, on=DAY - timedelta(days=1), by="p-lead"), "on", "chronology"),
        (lambda c: c.visit("p-stranger", on=DAY, by="p-lead"), "party", "victim"),
        (lambda c: c.change_lead("p-new", on=DAY, by="p-other"), "by", "lead_only"),
        (
            lambda c: c.seize("x", 5, on=DAY, by="p-lead").verify(
                on=DAY, unit="o-inv", by="p-lead"
            ),
            "by",
            "independent",
        ),
        (
            lambda c: c.seize("x", 5, on=DAY, by="p-lead").seize("x", 5, on=DAY, by="p-lead"),
            "party",
            "duplicate",
        ),
        (
            lambda c: c.add_suspect("p-s", on=DAY, by="p-lead").add_suspect(
                "p-s", on=DAY, by="p-lead"
            ),
            "party",
            "duplicate",
        ),
    ],
)
def test_refused_commands_name_their_rule_and_change_nothing(command, field, rule):
    case = opened()
    before = dumps(case)
    with pytest.raises(ValidationError) as caught:
        command(case)
    assert (caught.value.field, caught.value.rule) == (field, rule)
    assert dumps(case) == before


def test_returns_never_exceed_what_was_verified_or_lost():
    case = (
        opened()
        .seize("cash-1", 20_000, on=DAY, by="p-lead")
        .verify(on=DAY, unit="o-inv", by="p-checker")
        .seize("cash-2", 1_000, on=DAY, by="p-lead")  # seized, not yet verified
    )
    with pytest.raises(ValidationError) as caught:
        case.return_to("p-v2", 5_001, on=DAY, by="p-lead")
    assert caught.value.rule == "over_loss"
    case = case.return_to("p-v1", 10_000, on=DAY, by="p-lead").return_to(
        "p-v2", 5_000, on=DAY, by="p-lead"
    )
    assert case.returned == 15_000
    handed_on = case.change_lead("p-new", on=DAY, by="p-lead")
    assert handed_on.lead == "p-new"
    # the new lead may not verify; the previous one now may
    assert handed_on.verify(on=DAY, unit="o-inv", by="p-lead").verified == 21_000
    small = opened().seize("cash", 100, on=DAY, by="p-lead").verify(on=DAY, unit="o-inv", by="p-x")
    with pytest.raises(ValidationError) as caught:
        small.return_to("p-v1", 101, on=DAY, by="p-lead")
    assert caught.value.rule == "over_verified"


def test_a_trail_read_back_is_checked_step_by_step():
    good = opened().seize("cash-1", 500, on=DAY, by="p-lead")
    data = json.loads(dumps(good))
    data["trail"].append(
        {"on": "2025-03-02", "action": "returned", "by": "p-lead", "party": "p-v1", "amount": 100}
    )
    with pytest.raises(DocumentError) as caught:
        loads(json.dumps(data))
    (problem,) = caught.value.problems
    assert (problem.path, problem.rule) == ("$.trail[2].action", "not_verified")
    with pytest.raises(ValidationError) as caught:
        RecoveryCase("rc", "cc", [], [RecoveryStep(DAY, "seized", "p-1", party="x", amount=1)])
    assert caught.value.rule == "opened"
    with pytest.raises(ValidationError) as caught:
        RecoveryCase("rc", "cc", [], [RecoveryStep(DAY, "opened", "p-1")] * 2)
    assert caught.value.rule == "opened"
    with pytest.raises(ValidationError) as caught:
        RecoveryStep(DAY, "stolen", "p-1")
    assert caught.value.rule == "action"
    with pytest.raises(ValidationError) as caught:
        RecoveryCase(
            "rc",
            "cc",
            [],
            [RecoveryStep(DAY, "opened", "p-1"), RecoveryStep(DAY, "seized", "p-1", amount=3)],
        )
    assert (caught.value.field, caught.value.rule) == ("trail[1].party", "party")
    with pytest.raises(ValidationError) as caught:
        RecoveryCase.open("rc", criminal_case="cc", lead="p-1", on=DAY, losses=[Loss("p-v", 1)] * 2)
    assert caught.value.rule == "unique"


PEOPLE = ("p-lead", "p-checker", "p-other")
VICTIMS = ("p-v1", "p-v2", "p-nobody")


class RecoveryMachine(RuleBasedStateMachine):
    """Random commands never break the invariants; refused ones change nothing."""

    def __init__(self) -> None:
        super().__init__()
        self.case = opened()
        self.day = DAY
        self.accepted = 1

    def _try(self, command) -> None:
        before = dumps(self.case)
        try:
            self.case = command(self.case)
        except ValidationError:
            assert dumps(self.case) == before
        else:
            self.accepted += 1

    @rule(
        days=st.integers(-1, 3),
        amount=st.integers(-5, 9_000),
        item=st.sampled_from(("a", "b", "c", "d")),
        by=st.sampled_from(PEOPLE),
    )
    def seize(self, days, amount, item, by):
        self._try(lambda c: c.seize(item, amount, on=self.day + timedelta(days=days), by=by))

    @rule(by=st.sampled_from(PEOPLE))
    def verify(self, by):
        self._try(lambda c: c.verify(on=c.trail[-1].on, unit="o-inv", by=by))

    @rule(
        victim=st.sampled_from(VICTIMS), amount=st.integers(0, 12_000), by=st.sampled_from(PEOPLE)
    )
    def give_back(self, victim, amount, by):
        self._try(lambda c: c.return_to(victim, amount, on=c.trail[-1].on, by=by))

    @rule(victim=st.sampled_from(VICTIMS), by=st.sampled_from(PEOPLE))
    def visit(self, victim, by):
        self._try(lambda c: c.visit(victim, on=c.trail[-1].on, by=by))

    @rule(new=st.sampled_from(PEOPLE), by=st.sampled_from(PEOPLE))
    def hand_on(self, new, by):
        self._try(lambda c: c.change_lead(new, on=c.trail[-1].on, by=by))

    @invariant()
    def amounts_stay_in_bounds(self):
        case = self.case
        assert 0 <= case.returned <= case.verified <= case.recovered
        for loss in LOSSES:
            assert 0 <= case.returned_to(loss.victim) <= loss.amount
        assert len(case.trail) == self.accepted
        days = [step.on for step in case.trail]
        assert days == sorted(days)
        if case.returned:
            first_return = next(i for i, s in enumerate(case.trail) if s.action == "returned")
            assert any(s.action == "verified" for s in case.trail[:first_return])

    @invariant()
    def the_trail_rebuilds_the_case(self):
        assert loads(dumps(self.case)) == self.case


TestRecoveryMachine = RecoveryMachine.TestCase
