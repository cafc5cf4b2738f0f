"""Random sequences of changes to a graph never break the schema, and a refused change
changes nothing."""

import json
from datetime import date

import attrs
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule

from community_policing import (
    FIELD_RELATIONS,
    Building,
    CommunityGraph,
    FamilyTie,
    Kinship,
    Membership,
    NotFoundError,
    Person,
    Residence,
    ValidationError,
)
from community_policing.graph._walk import ancestors
from community_policing.io.graphs import from_node_link, to_node_link
from community_policing.testing import strategies as cps
from helpers import officer_of, whole

DAYS = (date(2001, 1, 1), date(2015, 6, 1), date(2024, 1, 1), date(2030, 1, 1))


def snapshot(graph):
    g = graph._graph
    return (
        {n: dict(d) for n, d in g.nodes.items()},
        {(u, w, k): dict(d) for u, w, k, d in g.edges(keys=True, data=True)},
        list(graph._records.items()),
    )


class GraphChanges(RuleBasedStateMachine):
    @initialize(doc=cps.jurisdictions())
    def start(self, doc):
        self.graph = CommunityGraph.from_jurisdiction(doc)
        self.counter = 0
        self.refused = 0

    def keys(self, kind):
        return [key for key in self.graph.networkx if key.startswith(f"{kind}:")]

    def ids(self, kind):
        return [key.partition(":")[2] for key in self.keys(kind)]

    def fresh(self, prefix):
        self.counter += 1
        return f"{prefix}-{self.counter}"

    def attempt(self, change):
        before = snapshot(self.graph)
        retired = {k: d.get("valid") for k, d in self.graph.networkx.nodes(data=True)}
        try:
            change()
        except (ValidationError, NotFoundError):
            self.refused += 1
            assert snapshot(self.graph) == before
        # history only grows: a retirement never moves later
        for key, valid in retired.items():
            now = self.graph.networkx.nodes[key].get("valid")
            if valid is not None and valid.end is not None:
                assert now.end <= valid.end

    def pick(self, data, kind):
        choices = self.ids(kind)
        return data.draw(st.sampled_from(choices)) if choices else None

    @rule(data=st.data())
    def add_person(self, data):
        self.attempt(lambda: self.graph.add_entity(data.draw(cps.persons(id=self.fresh("p-n")))))

    @rule(data=st.data())
    def add_residence(self, data):
        person, household = self.pick(data, "person"), self.pick(data, "household")
        if person and household:
            record = Residence(
                id=self.fresh("r-n"),
                person=person,
                household=household,
                period=data.draw(cps.periods()),
            )
            self.attempt(lambda: self.graph.add_relation(record))

    @rule(data=st.data())
    def add_membership(self, data):
        person, post = self.pick(data, "person"), self.pick(data, "post")
        if person and post:
            record = Membership(
                id=self.fresh("m-n"), person=person, post=post, period=data.draw(cps.periods())
            )
            self.attempt(lambda: self.graph.add_relation(record))

    @rule(data=st.data())
    def add_family_tie(self, data):
        person, relative = self.pick(data, "person"), self.pick(data, "person")
        if person and relative and person != relative:
            record = FamilyTie(
                id=self.fresh("f-n"),
                person=person,
                relative=relative,
                kinship=data.draw(st.sampled_from(Kinship)),
            )
            self.attempt(lambda: self.graph.add_relation(record))

    @rule(data=st.data())
    def end_a_relation(self, data):
        if self.graph._records:
            key = data.draw(st.sampled_from(sorted(self.graph._records)))
            day = data.draw(st.dates(date(1995, 1, 1), date(2040, 1, 1)))
            self.attempt(lambda: self.graph.end_relation(key, day))

    @rule(data=st.data())
    def add_building(self, data):
        grid = data.draw(
            st.one_of(st.none(), st.sampled_from(self.ids("management_grid") or ["mg-none"]))
        )
        building = Building(id=self.fresh("b-n"), name="楼", management_grid=grid or "mg-none")
        self.attempt(lambda: self.graph.add_entity(building))

    @rule(data=st.data())
    def move_a_building(self, data):
        building, grid = self.pick(data, "building"), self.pick(data, "management_grid")
        if building and grid:
            model = attrs.evolve(self.graph.entity(f"building:{building}"), management_grid=grid)
            self.attempt(lambda: self.graph.replace_entity(model))

    @rule(data=st.data())
    def rezone_a_management_grid(self, data):
        grid = self.pick(data, "management_grid")
        if grid:
            target = data.draw(st.one_of(st.none(), st.sampled_from(self.ids("police_grid"))))
            model = attrs.evolve(self.graph.entity(f"management_grid:{grid}"), police_grid=target)
            self.attempt(lambda: self.graph.replace_entity(model))

    @rule(data=st.data())
    def rezone_a_community(self, data):
        community = self.pick(data, "community")
        if community:
            target = data.draw(st.one_of(st.none(), st.sampled_from(self.ids("police_grid"))))
            model = attrs.evolve(self.graph.entity(f"community:{community}"), police_grid=target)
            self.attempt(lambda: self.graph.replace_entity(model))

    @rule(data=st.data())
    def reparent_anything(self, data):
        """Any field naming a parent or scope, of any entity, set to any entity of that kind."""
        movable = [key for key in self.graph.networkx if FIELD_RELATIONS.get(key.partition(":")[0])]
        if not movable:
            return
        key = data.draw(st.sampled_from(sorted(movable)))
        model = self.graph.entity(key)
        fields = [(f, k) for f, k, _ in FIELD_RELATIONS[model.KIND] if k is not None]
        if fields:
            field, kind = data.draw(st.sampled_from(fields))
            target = data.draw(st.sampled_from(self.ids(kind) or ["none"]))
            self.attempt(lambda: self.graph.replace_entity(attrs.evolve(model, **{field: target})))

    @rule(data=st.data())
    def retire_anything(self, data):
        key = data.draw(st.sampled_from(sorted(self.graph.networkx)))
        day = data.draw(st.dates(date(1995, 1, 1), date(2040, 1, 1)))
        self.attempt(lambda: self.graph.retire_entity(key, day))

    @rule(data=st.data())
    def add_someone_with_a_known_id_card(self, data):
        holders = [p for p in self.graph.entities("person") if p.id_card_number is not None]
        if holders:
            holder = data.draw(st.sampled_from(holders))
            twin = attrs.evolve(holder, id=self.fresh("p-twin"))
            self.attempt(lambda: self.graph.add_entity(twin))

    @rule()
    def add_a_duplicate(self):
        people = self.ids("person")
        if people:
            self.attempt(lambda: self.graph.add_entity(Person(id=people[0], name="重")))

    @invariant()
    def the_graph_is_a_consistent_document(self):
        # Jurisdiction re-checks every rule from scratch and raises if any is broken.
        doc = whole(self.graph)
        assert CommunityGraph.from_jurisdiction(doc) == self.graph

    @invariant()
    def views_have_no_dangling_edges(self):
        for day in DAYS:
            view = self.graph.as_of(day)
            for u, w, data in view.edges(data=True):
                assert u in view
                assert w in view
                record = data["record"]
                assert record is None or record.is_active(day)

    @invariant()
    def kept_answers_match_fresh_ones(self):
        day = DAYS[2]
        places = self.keys("building") + self.keys("management_grid") + self.keys("community")
        kept = {place: ancestors(self.graph._store, place, day) for place in places}
        self.graph._store.ancestors.clear()
        assert kept == {place: ancestors(self.graph._store, place, day) for place in places}

    @invariant()
    def node_link_round_trip(self):
        copy = CommunityGraph.from_jurisdiction(whole(self.graph))
        officer = officer_of(copy)  # a generated graph may have no one to ask
        text = json.dumps(to_node_link(copy, audience=officer), ensure_ascii=False)
        assert from_node_link(json.loads(text)) == copy


GraphChanges.TestCase.settings = settings(max_examples=25, stateful_step_count=12, deadline=None)
TestGraphChanges = GraphChanges.TestCase
