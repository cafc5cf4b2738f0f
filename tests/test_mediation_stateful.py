"""Random sequences of commands on a mediation case, escalations by deadline among them, keep
every rule."""

import itertools
from datetime import date, timedelta

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from community_policing import (
    AreaRef,
    CaseStatus,
    DisputeCategory,
    ReportChannel,
    Role,
    ValidationError,
    dumps,
)
from community_policing.calendar import WorkingCalendar
from community_policing.deadlines import DEFAULT_DEADLINES, Escalation, TrackedKind, due_on
from community_policing.mediation import (
    DEFAULT_LADDER,
    Agreement,
    CaseEscalated,
    CaseReferred,
    CaseResolved,
    CaseWithdrawn,
    Dispute,
    FollowUpVisited,
    MediationCase,
    Mediator,
    escalate_overdue,
    open_stint,
    tracked,
)

CHINA = WorkingCalendar.mainland_china()

CLOSING = (CaseResolved, CaseReferred, CaseWithdrawn)
PARTIES = ("p-a", "p-b")
PEOPLE = ("p-a", "p-gw", "p-aux", "p-fq", "p-sec", "p-officer", "p-law", "p-env")
ROLES = (
    Role.GRID_WORKER,
    Role.RESIDENT_AUXILIARY,
    Role.FENGQIAO_MEDIATOR,
    Role.VILLAGE_PARTY_SECRETARY,
    Role.COMMUNITY_OFFICER,
    Role.LAWYER,
)
mediators = st.lists(
    st.builds(Mediator, st.sampled_from(PEOPLE), st.sampled_from(ROLES)),
    min_size=1,
    max_size=3,
    unique_by=lambda m: m.person,
)


class CaseMachine(RuleBasedStateMachine):
    def __init__(self):
        super().__init__()
        self.day = date(2024, 1, 1)
        found = Dispute(
            id="d-1",
            category=DisputeCategory.NEIGHBOUR_NOISE,
            parties=PARTIES,
            place=AreaRef.parse("community:c-ximen"),
            reported_on=self.day,
            channel=ReportChannel.VISIT,
        )
        self.case = MediationCase.open(found)
        self.levels_seen = [self.case.tier]

    def _try(self, step, command):
        self.day += timedelta(days=step)
        before = self.case
        record = dumps(before)
        try:
            after = command(self.case, self.day)
        except ValidationError:
            assert self.case is before
            assert dumps(self.case) == record  # the refused command left no trace
            return
        assert len(after.events) == len(before.events) + 1
        self.case = after
        self.levels_seen.append(after.tier)

    @rule(step=st.integers(-1, 3), team=mediators)
    def attempt(self, step, team):
        self._try(step, lambda case, day: case.attempt(day, team))

    @rule(step=st.integers(0, 3))
    def escalate(self, step):
        self._try(step, lambda case, day: case.escalate(day, "调解未果"))

    @rule(step=st.integers(0, 3), lead=st.sampled_from(ROLES), team=mediators)
    def panel(self, step, lead, team):
        chair = Mediator("p-officer", lead)
        others = [m for m in team if m.person != "p-officer"]
        self._try(step, lambda case, day: case.convene_panel(day, chair, members=others))

    @rule(step=st.integers(0, 3), signers=st.lists(st.sampled_from(PEOPLE), unique=True))
    def resolve(self, step, signers):
        def command(case, day):
            deal = Agreement(terms=("互谅互让",), signed_by=tuple(signers), signed_on=day)
            return case.resolve(day, deal if signers else None)

        self._try(step, command)

    @rule(step=st.integers(0, 3))
    def refer(self, step):
        self._try(step, lambda case, day: case.refer(day, "o-court", "诉讼"))

    @rule(step=st.integers(0, 3))
    def withdraw(self, step):
        self._try(step, lambda case, day: case.withdraw(day, "和解"))

    @rule(step=st.integers(0, 3))
    def follow_up(self, step):
        self._try(step, lambda case, day: case.follow_up(day, "p-gw"))

    @rule(step=st.integers(0, 3), level=st.integers(0, 4))
    def enter_at(self, step, level):
        self._try(step, lambda case, day: case.enter_at(day, level, "越级受理"))

    @rule(wait=st.integers(0, 40))
    def escalate_by_deadline(self, wait):
        before = self.case
        as_of = max(self.day, before.last_day) + timedelta(days=wait)
        after = escalate_overdue(before, DEFAULT_DEADLINES, CHINA, as_of=as_of)
        added = after.events[len(before.events) :]
        assert after.events[: len(before.events)] == before.events
        assert all(isinstance(e, CaseEscalated) and e.overdue for e in added)
        assert all(e.on <= as_of for e in added)
        if not after.closed:
            # what is left is either on time, or at a tier whose rule does not escalate
            rule = DEFAULT_DEADLINES.rule_for(TrackedKind.MEDIATION, str(after.tier))
            stint = open_stint(after)
            if rule.escalation is Escalation.UP_ONE_TIER and DEFAULT_LADDER.above(after.tier):
                assert due_on(stint, rule, CHINA) >= as_of
        stints = tracked(after)[-len(added) - 1 :]
        for at, (event, stint) in enumerate(zip(added, stints, strict=False)):
            rule = DEFAULT_DEADLINES.rule_for(TrackedKind.MEDIATION, stint.category)
            missed = due_on(stint, rule, CHINA) + timedelta(days=1)
            previous = after.events[len(before.events) + at - 1].on
            assert event.on == max(missed, previous)
        self.case = after
        self.day = after.last_day
        self.levels_seen.extend(after.tier for _ in added)

    @invariant()
    def the_clocks_follow_the_tiers(self):
        stints = tracked(self.case)
        assert len(stints) == self.case.escalations + 1
        for first, second in itertools.pairwise(stints):
            assert first.settled_on == second.started
            assert int(second.category) == DEFAULT_LADDER.above(int(first.category)).level
        assert stints[-1].category == str(self.case.tier)
        assert (stints[-1].settled_on is None) == (not self.case.closed)
        assert (open_stint(self.case) is None) == self.case.closed

    @invariant()
    def replaying_the_log_rebuilds_the_case(self):
        assert MediationCase(self.case.events) == self.case

    @invariant()
    def the_case_keeps_its_rules(self):
        case = self.case
        days = [event.on for event in case.events]
        assert days == sorted(days)
        assert case.tier in [tier.level for tier in DEFAULT_LADDER.tiers]
        assert case.escalations <= len(DEFAULT_LADDER.tiers) - 1
        for attempt in case.attempts:
            assert not {m.person for m in attempt.mediators} & set(PARTIES)
        if case.agreement is not None:
            assert set(case.agreement.signed_by) <= set(PARTIES)
        if case.closed:
            assert case.closed_on is not None
            closing = next(i for i, e in enumerate(case.events) if isinstance(e, CLOSING))
            assert case.events[closing].on == case.closed_on
            assert all(isinstance(e, FollowUpVisited) for e in case.events[closing + 1 :])
        else:
            assert case.status is CaseStatus.OPEN


TestCaseMachine = CaseMachine.TestCase
