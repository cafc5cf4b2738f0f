"""The store beside an in-memory jurisdiction: random change sets, stale ones, every past day.

Edit sets — valid, breaking a rule, or made against an old revision — are applied to a store
and to the model side by side: the store always equals the model, a refused set changes
nothing, a stale set is refused exactly when a later set touched one of its records, and the
store's history answers every past day as the model does.
"""

from datetime import UTC, date, datetime

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from community_policing import (
    ChangeSet,
    DocumentError,
    Edit,
    Period,
    Person,
    Residence,
    apply_edits,
    on_day,
    sample,
)
from community_policing.store import StaleChangeSetError, Store

TOWN = sample.jurisdiction()
DAYS = st.dates(date(2015, 1, 2), date(2027, 1, 1))


class StoreBesideModel(RuleBasedStateMachine):
    @initialize()
    def start(self):
        self.store = Store.create("sqlite://")
        self.store.save(TOWN, author="p-a", reason="建库")
        self.model = TOWN
        self.touched_at = {}  # (collection, id) -> the last revision that touched it
        self.count = 0

    def offer(self, base, *changes):
        self.count += 1
        made = ChangeSet(
            id=f"cs-{self.count}",
            author="p-a",
            reason="测试",
            at=datetime(2025, 1, 1, tzinfo=UTC),
            base_revision=base,
            edits=changes,
        )
        revision = self.store.revision
        stale = any(self.touched_at.get(key, 0) > base for key in made.touched)
        try:
            expected = apply_edits(self.model, changes)
        except DocumentError:
            expected = None
        try:
            new = self.store.apply(made)
        except StaleChangeSetError:
            assert stale
            assert self.store.revision == revision
            return
        except DocumentError:
            assert not stale
            assert expected is None
            assert self.store.revision == revision
            return
        assert not stale
        assert expected is not None
        assert new == revision + 1
        self.model = expected
        for key in made.touched:
            self.touched_at[key] = new

    def base(self, data):
        return data.draw(st.integers(1, self.store.revision))

    @rule(data=st.data(), day=DAYS)
    def move_a_resident(self, data, day):
        person = data.draw(st.sampled_from(self.model.persons)).id
        household = data.draw(st.sampled_from(self.model.households)).id
        current = [r for r in self.model.residences if r.person == person and r.period.end is None]
        changes = [Edit.end("residences", r.id, day) for r in current]
        changes.append(
            Residence(
                id=f"r-{self.count}-{person}",
                person=person,
                household=household,
                period=Period(day),
            )
        )
        changes[-1] = Edit.add(changes[-1])
        self.offer(self.base(data), *changes)

    @rule(data=st.data(), day=DAYS)
    def end_a_membership(self, data, day):
        membership = data.draw(st.sampled_from(self.model.memberships)).id
        self.offer(self.base(data), Edit.end("memberships", membership, day))

    @rule(data=st.data(), day=DAYS)
    def retire_a_post(self, data, day):
        post = data.draw(st.sampled_from(self.model.posts)).id
        self.offer(self.base(data), Edit.retire("posts", post, day))

    @rule(data=st.data(), day=DAYS)
    def add_a_newcomer(self, data, day):
        self.offer(
            self.base(data),
            Edit.add(Person(id=f"p-new-{self.count}", name="新居民"), valid=Period(day)),
        )

    @rule(data=st.data())
    def rename_someone(self, data):
        person = data.draw(st.sampled_from(self.model.persons))
        renamed = attrs.evolve(person, name=data.draw(st.sampled_from(["王芳", "李娜"])))
        self.offer(self.base(data), Edit.replace(renamed))

    @rule(data=st.data())
    def break_a_rule(self, data):
        ghost = Residence(
            id=f"r-ghost-{self.count}",
            person="p-nobody",
            household=data.draw(st.sampled_from(self.model.households)).id,
            period=Period(date(2025, 1, 1)),
        )
        self.offer(self.base(data), Edit.add(ghost))

    @invariant()
    def the_store_is_the_model(self):
        assert self.store.load() == self.model

    @rule(day=DAYS)
    def history_answers_a_past_day(self, day):
        assert self.store.load(as_of=day) == on_day(self.model, day)


StoreBesideModel.TestCase.settings = settings(
    max_examples=15, stateful_step_count=12, deadline=None
)
TestStoreBesideModel = StoreBesideModel.TestCase
