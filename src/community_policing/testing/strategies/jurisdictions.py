"""Whole jurisdictions of a requested size, conforming to the sources' norms or breaking one.

Examples:
    >>> from hypothesis import given, settings
    >>> from community_policing.testing.strategies import jurisdictions
    >>> @settings(max_examples=3, database=None)
    ... @given(jurisdictions(police_grids=2))
    ... def two_grids(drawn):
    ...     assert len(drawn.police_grids) == 2
    >>> two_grids()
"""

from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

import attrs
from hypothesis import strategies as st

from community_policing.graph import CommunityGraph
from community_policing.model.boundaries import AreaBoundary
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.people import (
    FamilyTie,
    Membership,
    Organization,
    Person,
    Post,
    ReportingLine,
    Residence,
)
from community_policing.model.periods import Period
from community_policing.model.teams import AreaAssignment, Team
from community_policing.model.territory import (
    DEFAULT_POPULATION_CAPS,
    AreaRef,
    Building,
    Community,
    Household,
    ManagementGrid,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    StandardAddress,
    SubBureau,
)
from community_policing.model.vocab import (
    POLICE_GRID_ROLES,
    AgencyFunction,
    AreaKind,
    AreaSetting,
    CommunityKind,
    Kinship,
    OrganizationKind,
    Role,
    TeamPurpose,
)
from community_policing.testing.strategies._core import (
    _PERIOD_SEED,
    _PERSON_CHOICES,
    _PLACE_NAME,
    _PLACE_WORDS,
    _SEED,
    _SEED_RANGE,
    DEFAULT_AS_OF,
    _count,
    _drawn_values,
    _period_from,
    _person_from,
    draws,
    refuse,
)
from community_policing.testing.strategies._divisions import with_divisions
from community_policing.testing.strategies.territory import boundaries, geo_points

__all__ = [
    "VIOLATIONS",
    "community_graphs",
    "jurisdictions",
]


@draws(CommunityGraph)
def community_graphs(**jurisdiction_arguments: Any) -> st.SearchStrategy[CommunityGraph]:
    """Relationship graphs of generated jurisdictions.

    Requires the ``hypothesis`` extra.

    Takes the same keyword arguments as :func:`jurisdictions`.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(community_graphs(police_grids=2))
        ... def test_graph(graph):
        ...     assert len(list(graph.records("membership"))) >= 0
        ...     assert graph.to_jurisdiction()
        >>> test_graph()
    """
    return jurisdictions(**jurisdiction_arguments).map(CommunityGraph.from_jurisdiction)


_SIZES = {
    "stations": (1, 2),
    "districts": (1, 3),
    "police_grids": (1, 4),
    "communities": (1, 4),
    "management_grids": (1, 6),
    "buildings": (0, 6),
    "households": (0, 8),
    "residents": (0, 12),
    "organizations": (0, 3),
}


_PARENT = {
    "districts": "stations",
    "police_grids": "districts",
    "communities": "police_grids",
    "management_grids": "communities",
    "buildings": "management_grids",
    "households": "buildings",
    "residents": "households",
}


#: The rules a generated jurisdiction can be made to break, each in one known way.
VIOLATIONS = frozenset({"one_grid_one_officer", "population_cap", "grid_worker", "fusion"})


@draws(Jurisdiction)
def jurisdictions(
    *,
    stations: int | st.SearchStrategy[int] | None = None,
    districts: int | st.SearchStrategy[int] | None = None,
    police_grids: int | st.SearchStrategy[int] | None = None,
    communities: int | st.SearchStrategy[int] | None = None,
    management_grids: int | st.SearchStrategy[int] | None = None,
    buildings: int | st.SearchStrategy[int] | None = None,
    households: int | st.SearchStrategy[int] | None = None,
    residents: int | st.SearchStrategy[int] | None = None,
    organizations: int | st.SearchStrategy[int] | None = None,
    conforming: bool = False,
    violating: str | None = None,
    as_of: date = DEFAULT_AS_OF,
) -> st.SearchStrategy[Jurisdiction]:
    """Whole, consistent jurisdictions of a requested size.

    Requires the ``hypothesis`` extra.

    Each size argument is the number of entities of that level (or a strategy for it); a level
    left out is drawn small. Every police grid and management grid gets a post, most posts a
    holder, and residents live in households. A level with children needs at least one entity:
    fixed counts that break that raise :class:`ValueError` here.

    Args:
        stations: How many police stations (a number or a strategy; likewise below).
        districts: How many policing districts.
        police_grids: How many police grids.
        communities: How many communities and villages.
        management_grids: How many management grids.
        buildings: How many buildings.
        households: How many households (each at its own address).
        residents: How many residents (they fill the households in turn).
        organizations: How many organisations.
        conforming: Make the jurisdiction follow the sources' norms on ``as_of``: one grid,
            one officer (exactly one officer or auxiliary in force per police grid), the
            population caps (:data:`~community_policing.model.territory.DEFAULT_POPULATION_CAPS`,
            one setting
            per police grid), a grid worker in every management grid, every unit in a police
            grid.
        violating: Conform in everything but the named rule (one of :data:`VIOLATIONS`),
            broken in one known place: ``"one_grid_one_officer"`` leaves police grid
            ``pg-0`` without a holder, ``"population_cap"`` puts ``pg-0`` one person over its
            cap, ``"grid_worker"`` leaves management grid ``mg-0`` without one, ``"fusion"``
            takes community ``c-0`` and its grids out of every police grid.
        as_of: The day the norms hold (or break) on.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5)
        ... @given(jurisdictions(police_grids=3, residents=5))
        ... def test_sizes(doc):
        ...     assert len(doc.police_grids) == 3
        ...     assert len(doc.residences) == 5
        >>> test_sizes()
    """
    given = {
        "stations": stations,
        "districts": districts,
        "police_grids": police_grids,
        "communities": communities,
        "management_grids": management_grids,
        "buildings": buildings,
        "households": households,
        "residents": residents,
        "organizations": organizations,
    }
    counts = {
        name: st.integers(*_SIZES[name]) if value is None else _count(value, name)
        for name, value in given.items()
    }
    for child, parent in _PARENT.items():
        child_value, parent_value = given[child], given[parent]
        if isinstance(child_value, int) and child_value > 0 and parent_value == 0:
            raise refuse(parent, f"{child}={child_value} needs at least one of {parent}")
    if not isinstance(conforming, bool):
        raise refuse("conforming", f"must be a bool, got {type(conforming).__name__}", "type")
    if violating is not None and violating not in VIOLATIONS:
        raise refuse("violating", f"must be one of {', '.join(sorted(VIOLATIONS))}")
    if type(as_of) is not date:
        raise refuse("as_of", f"must be a date, got {type(as_of).__name__}", "type")
    if violating is not None or conforming:
        # the rule-shaped cases need the unit each rule names
        for level in ("police_grids", "communities", "management_grids"):
            if given[level] == 0:
                raise refuse(level, "0 leaves nothing for the norms to hold on")
            counts[level] = counts[level].map(lambda k: max(k, 1))
    return _jurisdiction(counts, conforming or violating is not None, violating, as_of)


_Stations = tuple[PoliceStation, ...]
_Districts = tuple[PolicingDistrict, ...]
_Grids = tuple[PoliceGrid, ...]


class _Draft:
    """One jurisdiction being drawn, a level at a time (each method draws one level)."""

    def __init__(
        self,
        draw: st.DrawFn,
        counts: dict[str, st.SearchStrategy[int]],
        violating: str | None,
        *,
        normed: bool,
    ) -> None:
        self.draw, self.normed, self.violating = draw, normed, violating
        n = {name: draw(strategy) for name, strategy in counts.items()}
        # A level with children needs a parent; widen a drawn count rather than filter.
        for child_level, parent_level in reversed(tuple(_PARENT.items())):
            if n[child_level] and not n[parent_level]:
                n[parent_level] = 1
        if not n["stations"] and any(n[level] for level in _PARENT):
            n["stations"] = 1
        if normed:  # under the norms every police grid holds a community (one more for fusion)
            n["communities"] = max(n["communities"], n["police_grids"] + (violating == "fusion"))
        self.n = n

    def parents(self, level: str) -> list[int]:
        """The parent index of every entity of ``level``.

        The first ones in order, the rest drawn (index 0 first, so examples shrink towards
        one parent).
        """
        count, above = self.n[level], self.n[_PARENT[level]]
        fixed = list(range(min(count, above)))
        if count <= above:
            return fixed
        return fixed + _drawn_values(self.draw, count - above, above)

    def names(self, count: int) -> list[str]:
        words = self.draw(st.lists(_PLACE_NAME, min_size=count, max_size=count))
        return [f"{word}{i}" for i, word in enumerate(words)]

    def settings(self, count: int) -> list[AreaSetting]:
        return self.draw(st.lists(st.sampled_from(AreaSetting), min_size=count, max_size=count))

    def police_side(
        self,
    ) -> tuple[
        SubBureau, tuple[PoliceStation, ...], tuple[PolicingDistrict, ...], tuple[PoliceGrid, ...]
    ]:
        n = self.n
        sub_bureau = SubBureau(id="sb-0", name=self.draw(_PLACE_NAME))
        stations = tuple(
            PoliceStation(id=f"ps-{i}", name=name, sub_bureau=sub_bureau.id)
            for i, name in enumerate(self.names(n["stations"]))
        )
        districts = tuple(
            PolicingDistrict(id=f"pd-{i}", name=name, station=f"ps-{parent}")
            for i, (name, parent) in enumerate(
                zip(self.names(n["districts"]), self.parents("districts"), strict=True)
            )
        )
        grids = tuple(
            PoliceGrid(id=f"pg-{i}", name=name, district=f"pd-{parent}")
            for i, (name, parent) in enumerate(
                zip(self.names(n["police_grids"]), self.parents("police_grids"), strict=True)
            )
        )
        return sub_bureau, stations, districts, grids

    def communities(self, grid_settings: list[AreaSetting]) -> tuple[Community, ...]:
        """Communities in police grids; under the norms, a grid's share its cap evenly."""
        count = self.n["communities"]
        parents = self.parents("communities")
        if self.violating == "fusion":  # c-0 is left outside; the others still cover every grid
            parents = [0, *parents[:-1]]
        raw_settings = self.settings(count)
        populations = self.draw(st.lists(st.integers(0, 6000), min_size=count, max_size=count))
        found = []
        for i, parent in enumerate(parents):
            setting = grid_settings[parent] if self.normed else raw_settings[i]
            population = populations[i]
            if self.normed:
                share = DEFAULT_POPULATION_CAPS[setting] // parents.count(parent)
                population = population % (share + 1)
                if self.violating == "population_cap" and i == 0:
                    others = sum(
                        populations[j] % (share + 1)
                        for j, other in enumerate(parents)
                        if other == parent and j != 0
                    )
                    population = DEFAULT_POPULATION_CAPS[setting] + 1 - others
            urban = setting is AreaSetting.URBAN
            outside = self.violating == "fusion" and i == 0
            found.append(
                Community(
                    id=f"c-{i}",
                    name=f"{_PLACE_WORDS[i % len(_PLACE_WORDS)]}{i}",
                    kind=CommunityKind.COMMUNITY if urban else CommunityKind.ADMINISTRATIVE_VILLAGE,
                    setting=setting,
                    population=max(population, 0),
                    police_grid=None if outside else f"pg-{parent}",
                )
            )
        return tuple(found)

    def places(
        self,
    ) -> tuple[
        tuple[ManagementGrid, ...],
        tuple[Building, ...],
        tuple[StandardAddress, ...],
        tuple[Household, ...],
    ]:
        n = self.n
        mgrids = tuple(
            ManagementGrid(id=f"mg-{i}", name=f"网格{i}", community=f"c-{parent}")
            for i, parent in enumerate(self.parents("management_grids"))
        )
        floors = self.draw(
            st.lists(
                st.one_of(st.none(), st.integers(1, 33)),
                min_size=n["buildings"],
                max_size=n["buildings"],
            )
        )
        # a building may know where it stands (a few, to keep draws cheap)
        spots = self.draw(st.lists(st.one_of(st.none(), geo_points()), max_size=2))
        spots += [None] * (n["buildings"] - len(spots))
        buildings = tuple(
            Building(
                id=f"b-{i}",
                name=f"{i}号楼",
                management_grid=f"mg-{parent}",
                floors=high,
                location=spot,
            )
            for i, (parent, high, spot) in enumerate(
                zip(self.parents("buildings"), floors, spots[: n["buildings"]], strict=True)
            )
        )
        addresses = tuple(
            StandardAddress(id=f"a-{i}", text=f"示例路{i}号", building=f"b-{parent}")
            for i, parent in enumerate(self.parents("households"))
        )
        households = tuple(Household(id=f"h-{i}", address=f"a-{i}") for i in range(n["households"]))
        return mgrids, buildings, addresses, households

    def residents(self) -> tuple[list[Person], list[Residence]]:
        """Residents fill the households in turn: one drawn value per resident."""
        seeds = _drawn_values(self.draw, self.n["residents"], _SEED_RANGE)
        people = [_person_from(f"p-{i}", seed) for i, seed in enumerate(seeds)]
        residences = [
            Residence(
                id=f"r-{i}",
                person=f"p-{i}",
                household=f"h-{i % self.n['households']}",
                period=_period_from(seed // _PERSON_CHOICES),
            )
            for i, seed in enumerate(seeds)
        ]
        return people, residences

    def organizations(self, addresses: tuple[StandardAddress, ...]) -> tuple[Organization, ...]:
        count = self.n["organizations"]
        kinds = self.draw(
            st.lists(st.sampled_from(OrganizationKind), min_size=count, max_size=count)
        )
        agencies = (OrganizationKind.GOVERNMENT_AGENCY, OrganizationKind.MASS_ORGANIZATION)
        return tuple(
            Organization(
                id=f"o-{i}",
                name=f"组织{i}",
                kind=kind,
                function=AgencyFunction.JUSTICE if kind in agencies else None,
                # offices sit at an address when the document has one
                address=addresses[i % len(addresses)].id
                if kind is OrganizationKind.COMMUNITY_POLICE_OFFICE and addresses
                else None,
            )
            for i, kind in enumerate(kinds)
        )

    def posts(
        self, grids: tuple[PoliceGrid, ...], mgrids: tuple[ManagementGrid, ...]
    ) -> list[Post]:
        """A post for every police grid (a drawn police-grid role) and management grid."""
        roles = self.draw(
            st.lists(
                st.sampled_from(sorted(POLICE_GRID_ROLES, key=lambda role: role.value)),
                min_size=len(grids),
                max_size=len(grids),
            )
        )
        found = [
            Post(id=f"post-{grid.id}", role=role, area=AreaRef(AreaKind.POLICE_GRID, grid.id))
            for grid, role in zip(grids, roles, strict=True)
        ]
        found.extend(
            Post(
                id=f"post-{grid.id}",
                role=Role.GRID_WORKER,
                area=AreaRef(AreaKind.MANAGEMENT_GRID, grid.id),
            )
            for grid in mgrids
        )
        return found

    def holders(self, posts: list[Post], people: list[Person], as_of: date) -> list[Membership]:
        """A new staff person per post, or a drawn vacancy unless the norms want it held.

        Under the norms the holder's period is in force on ``as_of``; otherwise it is drawn.
        """
        staff = self.draw(
            st.lists(st.tuples(st.booleans(), _SEED), min_size=len(posts), max_size=len(posts))
        )
        vacant_post = {"one_grid_one_officer": "post-pg-0", "grid_worker": "post-mg-0"}.get(
            self.violating or ""
        )
        found: list[Membership] = []
        for post, (vacant, seed) in zip(posts, staff, strict=True):
            if post.id == vacant_post or (vacant and not self.normed):
                continue
            holder = f"p-{len(people)}"
            people.append(_person_from(holder, seed))
            period_seed = seed // _PERSON_CHOICES
            period = (
                Period(as_of - timedelta(days=period_seed % 3650 + 1))
                if self.normed
                else _period_from(period_seed)
            )
            found.append(
                Membership(id=f"m-{len(found)}", person=holder, post=post.id, period=period)
            )
        return found


@st.composite
def _jurisdiction(
    draw: st.DrawFn,
    counts: dict[str, st.SearchStrategy[int]],
    normed: bool,  # noqa: FBT001
    violating: str | None,
    as_of: date,
) -> Jurisdiction:
    draft = _Draft(draw, counts, violating, normed=normed)
    sub_bureau, stations, districts, grids = draft.police_side()
    communities = draft.communities(draft.settings(len(grids)))
    mgrids, buildings, addresses, households = draft.places()
    people, residences = draft.residents()
    organizations = draft.organizations(addresses)
    posts = draft.posts(grids, mgrids)
    memberships = draft.holders(posts, people, as_of)
    teams, ties, assignments, lines = _social_ties(draw, people, residences, grids)
    memberships.extend(
        Membership(
            id=f"m-{len(memberships) + i}",
            person=person,
            team=team,
            period=_period_from(draw(_PERIOD_SEED)),
        )
        for i, (person, team) in enumerate(
            (person.id, team.id) for team in teams for person in people[:2]
        )
    )
    doc = Jurisdiction(
        id="j-0",
        name=draw(_PLACE_NAME),
        boundaries=_drawings(draw, grids),
        sub_bureaus=(sub_bureau,) if draft.n["stations"] else (),
        police_stations=stations,
        policing_districts=districts,
        police_grids=grids,
        communities=communities,
        management_grids=mgrids,
        buildings=buildings,
        standard_addresses=addresses,
        households=households,
        persons=_one_card_each(people),
        residences=tuple(residences),
        organizations=organizations,
        posts=tuple(posts),
        memberships=tuple(memberships),
        teams=teams,
        family_ties=ties,
        area_assignments=assignments,
        reporting_lines=lines,
    )
    return with_divisions(draw, doc)


def _drawings(draw: st.DrawFn, grids: tuple[PoliceGrid, ...]) -> tuple[AreaBoundary, ...]:
    """Boundaries for the first police grids, some redrawn once, in the graph's node order."""
    found: list[AreaBoundary] = []
    for grid in grids[: draw(st.integers(0, 2))]:
        shapes = draw(st.lists(boundaries(max_polygons=2), min_size=1, max_size=2))
        periods = [Period(_REDRAWN[0], _REDRAWN[1]), Period(_REDRAWN[1])]
        found.extend(
            AreaBoundary(AreaRef(AreaKind.POLICE_GRID, grid.id), shape, period)
            for shape, period in zip(shapes, periods[-len(shapes) :], strict=True)
        )
    return tuple(found)


# When a generated police grid is first drawn and when it is redrawn.
_REDRAWN = (date(2020, 1, 1), date(2023, 1, 1))


def _social_ties(
    draw: st.DrawFn,
    people: list[Person],
    residence_list: list[Residence],
    grids: tuple[PoliceGrid, ...],
) -> tuple[
    tuple[Team, ...], tuple[FamilyTie, ...], tuple[AreaAssignment, ...], tuple[ReportingLine, ...]
]:
    """Teams serving police grids, family ties within households, and tips to the first person."""
    team_count = draw(st.integers(0, min(2, len(grids))))
    purposes = draw(
        st.lists(st.sampled_from(TeamPurpose), min_size=team_count, max_size=team_count)
    )
    team_list = tuple(
        Team(id=f"t-{grid.id}", name=f"队伍{i}", purpose=purpose)
        for i, (grid, purpose) in enumerate(zip(grids, purposes, strict=False))
    )
    assignments = tuple(
        AreaAssignment(
            id=f"as-{team.id}",
            team=team.id,
            area=AreaRef(AreaKind.POLICE_GRID, team.id.removeprefix("t-")),
            period=_period_from(draw(_PERIOD_SEED)),
        )
        for team in team_list
    )
    pairs = [
        (earlier, later)
        for earlier, later in itertools.pairwise(residence_list)
        if earlier.household == later.household
    ]
    tie_kinds = draw(
        st.lists(
            st.one_of(st.none(), st.sampled_from(Kinship)), min_size=len(pairs), max_size=len(pairs)
        )
    )
    ties = tuple(
        FamilyTie(id=f"f-{earlier.id}", person=earlier.person, relative=later.person, kinship=kind)
        for (earlier, later), kind in zip(pairs, tie_kinds, strict=True)
        if kind is not None
    )
    reporters = people[1:3]
    reporting = draw(
        st.lists(
            st.one_of(st.none(), _PERIOD_SEED), min_size=len(reporters), max_size=len(reporters)
        )
    )
    lines = tuple(
        ReportingLine(
            id=f"rl-{person.id}",
            reporter=person.id,
            officer=people[0].id,
            period=_period_from(period_seed),
        )
        for person, period_seed in zip(reporters, reporting, strict=True)
        if period_seed is not None
    )
    return team_list, ties, assignments, lines


def _one_card_each(people: list[Person]) -> tuple[Person, ...]:
    """The persons, a later holder of an ID-card number already drawn keeping none."""
    seen: set[str] = set()
    kept = []
    for person in people:
        card = person.id_card_number
        if card is not None and card in seen:
            person = attrs.evolve(person, id_card_number=None)  # noqa: PLW2901
        elif card is not None:
            seen.add(card)
        kept.append(person)
    return tuple(kept)
