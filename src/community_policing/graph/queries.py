"""The questions of the field, asked of a :class:`~community_policing.graph.graph.CommunityGraph`.

Each query is a function of the graph (as networkx's algorithms are), takes an optional
``as_of`` date (default: today) and answers with a small frozen model or a tuple.

- :func:`locate` — where a person lives and who lives at the same address (the locator system,
  定位系统); it states a purpose and writes an audit record.
- :func:`responsible` — who is responsible for a place: police grid and its officer or
  auxiliary, management grid and its grid workers, the policing district's community officers,
  the station; with the gaps named.
- :func:`serving` — the volunteers, teams and organisations serving an area, directly or through
  an area containing it.
- :func:`holders` and :func:`members` — who holds a post, who belongs to a team or organisation.
- :func:`holdings` — the posts covering an area (with some roles) and who holds each.
- :func:`containing` — a place and every area containing it.
- :func:`related` — the neighbours of a node along one relation, with the records in force.
- :func:`mediation_candidates` — who can be brought into a mediation panel for an area.
- :func:`coverage` — police grids without an officer, management grids without a grid worker,
  posts without a holder.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, containing, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> containing(graph, "household:h-sd-12", as_of=date(2025, 1, 1))[-1]
    'county:cty-sample'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from community_policing.errors import ValidationError
from community_policing.graph._places import place_key
from community_policing.graph._privacy import PRIVATE_RELATIONS, relation_visible
from community_policing.graph._walk import (
    ancestors,
    covering_posts,
    edges,
    exists,
    node_data,
    post_holders,
    today,
)
from community_policing.graph.answers import (
    Coverage,
    Gap,
    Holding,
    Location,
    MediationCandidates,
    Responsibility,
    Serving,
)
from community_policing.graph.disclosure import disclose
from community_policing.model import validators as v
from community_policing.model.vocab import (
    GRID_WORKER_ROLES,
    MEDIATOR_ROLES,
    POLICE_GRID_ROLES,
    VOLUNTEER_ROLES,
    OrganizationKind,
    Relation,
    Role,
    TeamPurpose,
)

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from datetime import date

    from community_policing.graph._adjacency import Store
    from community_policing.graph.graph import CommunityGraph
    from community_policing.model.audit import Access
    from community_policing.model.people import Membership
    from community_policing.model.territory import StandardAddress

__all__ = [
    "containing",
    "coverage",
    "holders",
    "holdings",
    "locate",
    "mediation_candidates",
    "members",
    "related",
    "responsible",
    "serving",
]

_AGENCY_KINDS = frozenset(
    {
        OrganizationKind.GOVERNMENT_AGENCY,
        OrganizationKind.COURT,
        OrganizationKind.PROCURATORATE,
        OrganizationKind.MASS_ORGANIZATION,
    }
)


def _asked(graph: CommunityGraph, as_of: date | None) -> tuple[date, Store]:
    """The day a query is asked for, checked, and the graph's store."""
    if as_of is None:
        return today(), graph._store
    v.require_date(as_of, entity="query", field="as_of")
    return as_of, graph._store


def _holdings_of(store: Store, post: Any, area: str | None, day: date) -> list[Holding]:
    """Who holds ``post`` on ``day``, or one vacant holding."""
    nodes = store.node
    people = [nodes[key]["model"] for key in post_holders(store, post.id, day)]
    return [Holding(post.id, post.role, area, person.id, person.name) for person in people] or [
        Holding(post.id, post.role, area, None, None)
    ]


def _holdings(store: Store, area: str, roles: frozenset[Role] | None, day: date) -> list[Holding]:
    """Every post covering ``area`` with one of ``roles``, with each holder (or vacancy)."""
    return [
        holding
        for post in covering_posts(store, area, roles, day)
        for holding in _holdings_of(store, post, area, day)
    ]


def locate(
    graph: CommunityGraph,
    person: str,
    *,
    access: Access,
    as_of: date | None = None,
) -> Location | None:
    """Where ``person`` (a node key) lives on ``as_of``, and everyone living there with them.

    The answer is personal data: it is read through
    :func:`~community_policing.graph.disclosure.disclose` with ``access`` (who asks, why, as
    which audience), which leaves one :class:`~community_policing.model.audit.AuditRecord`
    in ``graph.audit_log`` before answering. The co-residents show what the audience may see.

    Returns:
        The location, or ``None`` when the person has no residence in force that day.

    Raises:
        ValidationError: the access is refused (see
            :func:`~community_policing.graph.disclosure.disclose`).
        NotFoundError: the person or the actor is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Access, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> found = locate(graph, "person:p-zhu-wei", access=Access("p-wang-jun", "核查线索"),
        ...                as_of=date(2025, 1, 1))
        >>> found.address.text, [p.name for p in found.co_residents]
        ('西门路88号嘉园小区1号楼1单元101室', ['秦娜', '朱晓'])
        >>> graph.audit_log.records[-1].purpose
        '核查线索'
    """
    day, store = _asked(graph, as_of)
    node_data(store, person, "person")
    opened = disclose(graph, access, query="locate", subject=person, as_of=day)
    person_key = person
    succ, pred = store.succ, store.pred
    nodes = store.node
    household_key = next((h for h, _ in edges(succ, person_key, Relation.LIVES_IN, day)), None)
    if household_key is None:
        return None
    address_key = next(a for a, _ in edges(succ, household_key, Relation.AT_ADDRESS, day))
    address: StandardAddress = nodes[address_key]["model"]
    building = address.building
    grid = address.management_grid
    if building is not None:
        grid = nodes[f"building:{building}"]["model"].management_grid
    co_residents = [
        opened.entity(resident)
        for household, _ in edges(pred, address_key, Relation.AT_ADDRESS, day)
        for resident, _ in edges(pred, household, Relation.LIVES_IN, day)
        if resident != person_key
    ]
    return Location(
        person=person.partition(":")[2],
        household=household_key.partition(":")[2],
        address=address,
        building=building,
        management_grid=grid,
        co_residents=tuple(co_residents),
    )


def _gap(area: str, need: str, need_zh: str, day: date) -> Gap:
    return Gap(
        area=area,
        need=need,
        message=f"{area} has no {need} on {day.isoformat()}",
        message_zh=f"{area} 于 {day.isoformat()} 无{need_zh}",
    )


def _staffed(holdings: list[Holding]) -> bool:
    return any(h.person is not None for h in holdings)


def responsible(graph: CommunityGraph, place: str, *, as_of: date | None = None) -> Responsibility:
    """Who is responsible for ``place`` on ``as_of`` (谁负责).

    ``place`` is a node key such as ``"building:b-1"``, or a standard address's text (matched
    after :func:`~community_policing.model.addresses.normalize_address`; a miss names the
    nearest addresses by key, never by text).

    Walks up from the place through every area containing it, and names each gap: a police
    grid without an officer or auxiliary, a management grid without a grid worker, a policing
    district without a community officer, or a place in no police grid at all.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> answer = responsible(graph, "building:b-xm-7", as_of=date(2025, 3, 1))
        >>> answer.police_grid, [h.name for h in answer.community_officers]
        ('police_grid:pg-04', ['王军'])
        >>> [gap.message for gap in answer.gaps]
        ['police_grid:pg-04 has no police grid officer or auxiliary on 2025-03-01']
        >>> responsible(graph, "西门路８８号嘉园小区一号楼一单元101室").place
        'standard_address:a-jy-1-101'
    """
    day, store = _asked(graph, as_of)
    place = place_key(store, place)
    nodes = store.node
    found: dict[str, str] = {}
    for area in ancestors(store, place, day):
        found.setdefault(nodes[area]["kind"], area)

    gaps: list[Gap] = []
    police_grid = found.get("police_grid")
    staff: list[Holding] = []
    if police_grid is None:
        gaps.append(_gap(place, "police grid", "所属警格", day))
    else:
        staff = _holdings(store, police_grid, POLICE_GRID_ROLES, day)
        if not _staffed(staff):
            gaps.append(
                _gap(police_grid, "police grid officer or auxiliary", "警格民警或辅警", day)
            )
    grid = found.get("management_grid")
    workers: list[Holding] = []
    if grid is not None:
        workers = _holdings(store, grid, GRID_WORKER_ROLES, day)
        if not _staffed(workers):
            gaps.append(_gap(grid, "grid worker", "网格员", day))
    district = found.get("policing_district")
    officers: list[Holding] = []
    if district is not None:
        officers = _holdings(store, district, frozenset({Role.COMMUNITY_OFFICER}), day)
        if not _staffed(officers):
            gaps.append(_gap(district, "community officer", "社区民警", day))
    return Responsibility(
        place=place,
        as_of=day,
        police_grid=police_grid,
        police_grid_staff=tuple(staff),
        management_grid=grid,
        grid_workers=tuple(workers),
        policing_district=district,
        community_officers=tuple(officers),
        station=found.get("police_station"),
        gaps=tuple(gaps),
    )


def _providers(store: Store, areas: Sequence[str], day: date) -> list[str]:
    pred = store.pred
    providers: list[str] = []
    for area in areas:
        for provider, _ in edges(pred, area, Relation.SERVES, day):
            if provider not in providers and exists(store, provider, day):
                providers.append(provider)
    return providers


def containing(graph: CommunityGraph, place: str, *, as_of: date | None = None) -> tuple[str, ...]:
    """``place`` and every area containing it on ``as_of``, nearest first (所属区域).

    ``place`` is a node key or a standard address's text, as for :func:`responsible`.

    A community cut into police grids grid by grid is inside whatever contains all of its
    management grids.

    Raises:
        NotFoundError: ``place`` is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> containing(graph, "building:b-sd-12", as_of=date(2025, 1, 1))[:3]
        ('building:b-sd-12', 'management_grid:mg-shedong', 'community:v-shedong')
    """
    day, store = _asked(graph, as_of)
    return ancestors(store, place_key(store, place), day)


def serving(graph: CommunityGraph, area: str, *, as_of: date | None = None) -> Serving:
    """The volunteers, teams and organisations serving ``area`` on ``as_of``.

    Counts those serving the area itself and those serving any area containing it.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> answer = serving(graph, "building:b-jy-1", as_of=date(2025, 1, 1))
        >>> sorted({h.name for h in answer.volunteers}), answer.teams
        (['卫国', '杨帆', '褚红'], ('team:t-guard', 'team:t-mediation'))
    """
    day, store = _asked(graph, as_of)
    node_data(store, area)
    areas = ancestors(store, area, day)
    volunteers = [
        holding
        for each in areas
        for holding in _holdings(store, each, VOLUNTEER_ROLES, day)
        if holding.person is not None
    ]
    providers = _providers(store, areas, day)
    return Serving(
        area=area,
        as_of=day,
        volunteers=tuple(volunteers),
        teams=tuple(p for p in providers if p.startswith("team:")),
        organizations=tuple(p for p in providers if p.startswith("organization:")),
    )


def holders(graph: CommunityGraph, post: str, *, as_of: date | None = None) -> tuple[Holding, ...]:
    """Who holds ``post`` (a node key) on ``as_of`` (one vacant holding when nobody).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> [h.name for h in holders(graph, "post:post-volunteer-ximen-1",
        ...                          as_of=date(2025, 1, 1))]
        ['褚红', '卫国']
    """
    day, store = _asked(graph, as_of)
    model = node_data(store, post, "post")["model"]
    area = None if model.area is None else str(model.area)
    return tuple(_holdings_of(store, model, area, day))


def members(
    graph: CommunityGraph, group: str, *, as_of: date | None = None
) -> tuple[Membership, ...]:
    """The memberships in force on ``as_of`` of a team or organisation (a node key).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> [(m.person, m.role.value) for m in members(graph, "team:t-mediation",
        ...                                                  as_of=date(2025, 1, 1))]
        [('p-wang-jun', 'community_officer'), ('p-han-mei', 'lawyer')]
    """
    day, store = _asked(graph, as_of)
    node_data(store, group)
    return tuple(record for _, record in edges(store.pred, group, Relation.MEMBER_OF, day))


def holdings(
    graph: CommunityGraph,
    area: str,
    *,
    roles: Iterable[Role] | None = None,
    as_of: date | None = None,
) -> tuple[Holding, ...]:
    """The posts covering ``area`` itself (with one of ``roles``, if given) and their holders.

    A post with nobody holding it on ``as_of`` is one vacant holding; posts of areas containing
    ``area`` are not included (see :func:`serving` and :func:`responsible` for that).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, Role, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> [(h.role.en, h.name) for h in holdings(graph, "police_grid:pg-04",
        ...                                        as_of=date(2025, 1, 1))]
        [('auxiliary officer', None)]
    """
    day, store = _asked(graph, as_of)
    node_data(store, area)
    wanted = None if roles is None else frozenset(roles)
    return tuple(_holdings(store, area, wanted, day))


def related(
    graph: CommunityGraph,
    node: str,
    relation: Relation,
    *,
    incoming: bool = False,
    as_of: date | None = None,
    access: Access | None = None,
) -> tuple[tuple[str, Any], ...]:
    """The neighbours of ``node`` along ``relation`` on ``as_of``, each with its record.

    Follows the edges leaving ``node`` (or, with ``incoming``, arriving at it) whose relation
    is ``relation`` and whose record is in force that day, to neighbours that exist that day.
    The record is ``None`` for an edge an entity's field makes (containment, scope).

    A relation that is personal data (where a person lives, family, informants) needs an
    ``access`` whose audience may see it, and leaves one audit record (see
    :func:`~community_policing.graph.disclosure.disclose`).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, Relation, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> [key for key, _ in related(graph, "person:p-wang-jun", Relation.HOLDS_POST,
        ...                            as_of=date(2025, 1, 1))]
        ['post:post-officer-east', 'post:post-officer-town']
    """
    day, store = _asked(graph, as_of)
    node_data(store, node)
    if not isinstance(relation, Relation):
        raise ValidationError(
            entity="query", field="relation", rule="type", reason="expected a Relation"
        )
    if relation in PRIVATE_RELATIONS:
        if access is None:
            raise ValidationError(
                entity="query",
                field="access",
                rule="needs_access",
                reason=f"{relation.value} is personal data: pass an Access",
            )
        subject = node if node.startswith("person:") else None
        audience = disclose(graph, access, query="related", subject=subject, as_of=day)
        if not relation_visible(relation, audience.access.audience):
            raise ValidationError(
                entity="query",
                field="access",
                rule="audience",
                reason=f"{relation.value} is not for the {audience.access.audience.value} audience",
            )
    adjacency = store.pred if incoming else store.succ
    return tuple(
        (neighbour, record)
        for neighbour, record in edges(adjacency, node, relation, day)
        if exists(store, neighbour, day)
    )


def mediation_candidates(
    graph: CommunityGraph, area: str, *, as_of: date | None = None
) -> MediationCandidates:
    """Who can be brought into a mediation panel for a dispute in ``area`` on ``as_of``.

    The lead is the community officer of the place (and the staff of its police grid);
    mediators are people holding mediating posts in the area or any area containing it, and
    members of mediation teams serving it; agencies are the agencies, courts, procuratorates
    and mass organisations serving it (Tieshan's 1+N).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> panel = mediation_candidates(graph, "standard_address:a-sd-12", as_of=date(2025, 1, 1))
        >>> [h.name for h in panel.leads]
        ['李强', '王军']
        >>> sorted(h.name for h in panel.mediators)
        ['周敏', '沈波', '蒋涛']
        >>> panel.agencies[:2]
        ('organization:o-env', 'organization:o-women')
    """
    day, store = _asked(graph, as_of)
    node_data(store, area)
    nodes = store.node
    areas = ancestors(store, area, day)
    leads = [
        holding
        for each in areas
        for holding in _holdings(store, each, POLICE_GRID_ROLES, day)
        if holding.person is not None
    ]
    lead_people = {holding.person for holding in leads}
    mediators = [
        holding
        for each in areas
        for holding in _holdings(store, each, MEDIATOR_ROLES, day)
        if holding.person is not None and holding.person not in lead_people
    ]
    providers = _providers(store, areas, day)
    for team in (p for p in providers if p.startswith("team:")):
        if nodes[team]["model"].purpose is TeamPurpose.MEDIATION:
            mediators.extend(
                Holding(
                    team,
                    record.role or Role.COMMUNITY_MEDIATOR,
                    None,
                    record.person,
                    nodes[f"person:{record.person}"]["model"].name,
                )
                for _, record in edges(store.pred, team, Relation.MEMBER_OF, day)
                if record.person not in lead_people
            )
    agencies = tuple(
        p
        for p in providers
        if p.startswith("organization:") and nodes[p]["model"].kind in _AGENCY_KINDS
    )
    agency_people = tuple(
        record
        for agency in agencies
        for _, record in edges(store.pred, agency, Relation.MEMBER_OF, day)
    )
    return MediationCandidates(
        area=area,
        as_of=day,
        leads=tuple(leads),
        mediators=tuple(mediators),
        agencies=agencies,
        agency_people=agency_people,
    )


def coverage(graph: CommunityGraph, *, as_of: date | None = None) -> Coverage:
    """What is unstaffed on ``as_of``.

    Police grids without an officer or auxiliary, management grids without a grid worker, and
    posts without a holder.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> report = coverage(graph, as_of=date(2025, 1, 1))
        >>> report.police_grids_without_officer, report.management_grids_without_grid_worker
        (('police_grid:pg-04',), ('management_grid:mg-ximen-4',))
    """
    day, store = _asked(graph, as_of)
    nodes = store.node
    pred = store.pred
    unstaffed_grids, unworked_grids, vacant = [], [], []
    for key, data in nodes.items():
        kind = data["kind"]
        if not exists(store, key, day):
            continue
        if kind == "police_grid" and not _staffed(_holdings(store, key, POLICE_GRID_ROLES, day)):
            unstaffed_grids.append(key)
        elif kind == "management_grid" and not _staffed(
            _holdings(store, key, GRID_WORKER_ROLES, day)
        ):
            unworked_grids.append(key)
        elif kind == "post" and next(edges(pred, key, Relation.HOLDS_POST, day), None) is None:
            vacant.append(key)
    return Coverage(
        as_of=day,
        police_grids_without_officer=tuple(unstaffed_grids),
        management_grids_without_grid_worker=tuple(unworked_grids),
        vacant_posts=tuple(vacant),
    )
