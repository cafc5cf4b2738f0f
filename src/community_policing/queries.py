"""The questions of the field, asked of a :class:`~community_policing.CommunityGraph`.

Each query takes an optional ``as_of`` date (default: today) and answers with a small frozen
model. They are also methods of the graph: ``graph.locate(...)`` is ``locate(graph, ...)``.

- :func:`locate` — where a person lives and who lives at the same address (the locator system,
  定位系统); it states a purpose and writes an audit record.
- :func:`responsible` — who is responsible for a place: police grid and its officer or
  auxiliary, management grid and its grid workers, the policing district's community officers,
  the station; with the gaps named.
- :func:`serving` — the volunteers, teams and organisations serving an area, directly or through
  an area containing it.
- :func:`holders` and :func:`members` — who holds a post, who belongs to a team or organisation.
- :func:`mediation_candidates` — who can be brought into a mediation panel for an area.
- :func:`coverage` — police grids without an officer, management grids without a grid worker,
  posts without a holder.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import NotFoundError, ValidationError
from community_policing.people import Membership, Person
from community_policing.territory import StandardAddress
from community_policing.vocab import (
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
    from collections.abc import Iterator, Sequence

    from community_policing.graph import CommunityGraph

__all__ = [
    "Coverage",
    "Gap",
    "Holding",
    "Location",
    "MediationCandidates",
    "Responsibility",
    "Serving",
    "containing",
    "coverage",
    "holders",
    "locate",
    "mediation_candidates",
    "members",
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
_CONTAINMENT = frozenset(
    {
        Relation.IN_SUB_BUREAU,
        Relation.IN_STATION,
        Relation.IN_DISTRICT,
        Relation.IN_POLICE_GRID,
        Relation.IN_COMMUNITY,
        Relation.IN_MANAGEMENT_GRID,
        Relation.IN_COMPOUND,
        Relation.IN_BUILDING,
        Relation.AT_ADDRESS,
    }
)


_CONTAINMENT_KEYS = frozenset(relation.value for relation in _CONTAINMENT)
# The kinds too numerous to keep answers for; their parents' answers are kept instead.
_UNMEMOISED_KINDS = frozenset({"standard_address", "household", "person"})
_COVERS_KEY = Relation.COVERS.value


@attrs.frozen
class Holding:
    """A post and who holds it on the day asked (``person`` is ``None`` when vacant).

    Attributes:
        post: The post's id.
        role: The post's role.
        area: Node key of the area the post covers, if any.
        person: Id of the holder, or ``None``.
        name: The holder's name, or ``None``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> graph.holders("post-aux-pg-01", as_of=date(2025, 1, 1))[0].name
        '李强'
    """

    post: str
    role: Role
    area: str | None
    person: str | None
    name: str | None


@attrs.frozen
class Gap:
    """Something a place should have and does not, on the day asked.

    Attributes:
        area: Node key of the area with the gap.
        need: What is missing, such as ``"police grid officer or auxiliary"``.
        message: The gap in English.
        message_zh: The gap in Chinese.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> gap = graph.responsible("building:b-xm-7", as_of=date(2025, 1, 1)).gaps[0]
        >>> gap.area, gap.need
        ('police_grid:pg-04', 'police grid officer or auxiliary')
    """

    area: str
    need: str
    message: str
    message_zh: str


@attrs.frozen
class Location:
    """Where a person lives on a day, and who else lives at that address.

    Attributes:
        person: The person's id.
        household: The household's id.
        address: The standard address.
        building: Id of the building, if the address is in one.
        management_grid: Id of the management grid.
        co_residents: Everyone else living at the same address that day (同处所居住人员).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> graph.locate("p-lv-da", purpose="调解", actor="p-li-qiang",
        ...              as_of=date(2025, 1, 1)).management_grid
        'mg-shedong'
    """

    person: str
    household: str
    address: StandardAddress
    building: str | None
    management_grid: str | None
    co_residents: tuple[Person, ...]


@attrs.frozen
class Responsibility:
    """Who is responsible for a place on a day, with every gap named.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> graph.responsible("household:h-sd-12", as_of=date(2025, 1, 1)).police_grid
        'police_grid:pg-01'
    """

    place: str
    as_of: date
    police_grid: str | None
    police_grid_staff: tuple[Holding, ...]
    management_grid: str | None
    grid_workers: tuple[Holding, ...]
    policing_district: str | None
    community_officers: tuple[Holding, ...]
    station: str | None
    gaps: tuple[Gap, ...]


@attrs.frozen
class Serving:
    """Who serves an area on a day, directly or through an area containing it.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> graph.serving("police_grid:pg-01", as_of=date(2025, 1, 1)).teams
        ('team:t-shedong-1n',)
    """

    area: str
    as_of: date
    volunteers: tuple[Holding, ...]
    teams: tuple[str, ...]
    organizations: tuple[str, ...]


@attrs.frozen
class MediationCandidates:
    """Who can be brought into a mediation panel (1+N) for an area on a day.

    Attributes:
        area: The area of the dispute.
        as_of: The day.
        leads: The community officers (and police-grid staff) of the place, who lead.
        mediators: People holding mediating posts in the area or an area containing it, and
            members of mediation teams serving it.
        agencies: Agencies, courts, procuratorates and mass organisations serving the area.
        agency_people: Members of those agencies on that day.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> panel = graph.mediation_candidates("community:v-shedong", as_of=date(2025, 1, 1))
        >>> [h.name for h in panel.leads]
        ['李强', '王军']
    """

    area: str
    as_of: date
    leads: tuple[Holding, ...]
    mediators: tuple[Holding, ...]
    agencies: tuple[str, ...]
    agency_people: tuple[Membership, ...]


@attrs.frozen
class Coverage:
    """What is unstaffed on a day.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> graph.coverage(as_of=date(2025, 1, 1)).vacant_posts
        ('post:post-aux-pg-04', 'post:post-gw-ximen-4')
    """

    as_of: date
    police_grids_without_officer: tuple[str, ...]
    management_grids_without_grid_worker: tuple[str, ...]
    vacant_posts: tuple[str, ...]


def _today() -> date:
    return date.today()  # noqa: DTZ011  (a calendar date in the jurisdiction's own day)


def _node(graph: CommunityGraph, key: str) -> dict[str, Any]:
    data: dict[str, Any] | None = graph._node.get(key)  # noqa: SLF001
    if data is None:
        kind, _, ident = key.partition(":")
        raise NotFoundError(kind or "node", ident or key)
    return data


def _exists(graph: CommunityGraph, key: str, day: date) -> bool:
    valid = graph._node[key].get("valid")  # noqa: SLF001
    return valid is None or bool(valid.contains(day))


def _edges(
    adjacency: dict[str, dict[str, dict[str, dict[str, Any]]]],
    node: str,
    relation: Relation,
    day: date,
) -> Iterator[tuple[str, Any]]:
    """(neighbour, record) for each edge of ``relation`` at ``node`` in force on ``day``."""
    for neighbour, keyed in adjacency[node].items():
        for data in keyed.values():
            if data["relation"] is relation:
                record = data["record"]
                if record is None or record.is_active(day):
                    yield neighbour, record


def _parents(graph: CommunityGraph, node: str, day: date) -> list[str]:
    # Containment edges come from entity fields and are keyed by their relation's value, so a
    # set test on the keys finds them without reading any edge data.
    return [
        parent
        for parent, keyed in graph._succ[node].items()  # noqa: SLF001
        if not _CONTAINMENT_KEYS.isdisjoint(keyed) and _exists(graph, parent, day)
    ]


def _ancestors(
    graph: CommunityGraph, place: str, day: date, *, through_grids: bool = True
) -> tuple[str, ...]:
    """The place and every area containing it, nearest parents first.

    A community cut into police grids grid by grid belongs to no police grid as a whole; it
    is still inside whatever contains all of its management grids (their district, station,
    ...).

    Containment does not change with the date unless some entity has a validity period, so
    the answer for an area (not for the many addresses, households and persons) is kept until
    the next change of an entity.
    """
    memo = graph._ancestor_memo if through_grids and not graph._dated_nodes else None  # noqa: SLF001
    if memo is not None:
        known = memo.get(place)
        if known is not None:
            return known
    node_data = graph._node  # noqa: SLF001
    seen = [place]
    parents = _parents(graph, place, day)
    for parent in parents:
        seen.extend(
            above
            for above in _ancestors(graph, parent, day, through_grids=through_grids)
            if above not in seen
        )
    kind = node_data[place]["kind"]
    if through_grids and not parents and kind == "community":
        seen.extend(
            above for above in _common_ancestors_of_grids(graph, place, day) if above not in seen
        )
    result = tuple(seen)
    if memo is not None and kind not in _UNMEMOISED_KINDS:
        memo[place] = result
    return result


def _common_ancestors_of_grids(graph: CommunityGraph, community: str, day: date) -> list[str]:
    nodes = graph._node  # noqa: SLF001
    grids = [
        grid
        for grid, _ in _edges(graph._pred, community, Relation.IN_COMMUNITY, day)  # noqa: SLF001
        if nodes[grid]["kind"] == "management_grid" and _exists(graph, grid, day)
    ]
    common: list[str] | None = None
    for grid in grids:
        above = [a for a in _ancestors(graph, grid, day, through_grids=False)[1:] if a != community]
        common = above if common is None else [a for a in common if a in above]
    return common or []


def _covering_posts(
    graph: CommunityGraph, area: str, roles: frozenset[Role] | None, day: date
) -> list[Any]:
    """The posts in existence on ``day`` that cover ``area``, with one of ``roles`` if given."""
    nodes = graph._node  # noqa: SLF001
    # A post's area is one of its fields: the edge is keyed "covers" (see _parents).
    return [
        nodes[post]["model"]
        for post, keyed in graph._pred[area].items()  # noqa: SLF001
        if _COVERS_KEY in keyed
        and _exists(graph, post, day)
        and (roles is None or nodes[post]["model"].role in roles)
    ]


def _post_holders(graph: CommunityGraph, post: str, day: date) -> list[str]:
    """Node keys of the persons holding the post with id ``post`` on ``day``."""
    return [
        person
        for person, _ in _edges(graph._pred, f"post:{post}", Relation.HOLDS_POST, day)  # noqa: SLF001
    ]


def _holdings_of(graph: CommunityGraph, post: Any, area: str | None, day: date) -> list[Holding]:
    """Who holds ``post`` on ``day``, or one vacant holding."""
    nodes = graph._node  # noqa: SLF001
    people = [nodes[key]["model"] for key in _post_holders(graph, post.id, day)]
    return [Holding(post.id, post.role, area, person.id, person.name) for person in people] or [
        Holding(post.id, post.role, area, None, None)
    ]


def _holdings(
    graph: CommunityGraph, area: str, roles: frozenset[Role] | None, day: date
) -> list[Holding]:
    """Every post covering ``area`` with one of ``roles``, with each holder (or vacancy)."""
    return [
        holding
        for post in _covering_posts(graph, area, roles, day)
        for holding in _holdings_of(graph, post, area, day)
    ]


def _require_purpose(purpose: object) -> str:
    if not isinstance(purpose, str) or not purpose.strip():
        raise ValidationError(
            entity="query",
            field="purpose",
            rule="purpose_required",
            reason="a query for personal data must state its purpose",
        )
    return purpose


def locate(
    graph: CommunityGraph,
    person: str,
    *,
    purpose: str,
    actor: str,
    as_of: date | None = None,
) -> Location | None:
    """Where ``person`` lives on ``as_of``, and everyone else living at the same address.

    The answer is personal data: the call must state its ``purpose`` and the ``actor`` (the
    id of the person asking), and it appends an :class:`~community_policing.AuditRecord` to
    ``graph.audit_log`` before answering.

    Returns:
        The location, or ``None`` when the person has no residence in force that day.

    Raises:
        ValidationError: no purpose was stated.
        NotFoundError: the person or the actor is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> found = graph.locate("p-zhu-wei", purpose="核查线索", actor="p-wang-jun",
        ...                      as_of=date(2025, 1, 1))
        >>> found.address.text, [p.name for p in found.co_residents]
        ('西门路88号嘉园小区1号楼1单元101室', ['秦娜', '朱晓'])
        >>> graph.audit_log.records[-1].purpose
        '核查线索'
    """
    reason = _require_purpose(purpose)
    day = _today() if as_of is None else as_of
    person_key = f"person:{person}"
    _node(graph, person_key)
    _node(graph, f"person:{actor}")
    graph.audit_log.append(actor=actor, subject=person, purpose=reason, query="locate", as_of=day)

    succ, pred = graph._succ, graph._pred  # noqa: SLF001
    nodes = graph._node  # noqa: SLF001
    household_key = next((h for h, _ in _edges(succ, person_key, Relation.LIVES_IN, day)), None)
    if household_key is None:
        return None
    address_key = next(a for a, _ in _edges(succ, household_key, Relation.AT_ADDRESS, day))
    address: StandardAddress = nodes[address_key]["model"]
    building = address.building
    grid = address.management_grid
    if building is not None:
        grid = nodes[f"building:{building}"]["model"].management_grid
    co_residents = [
        nodes[resident]["model"]
        for household, _ in _edges(pred, address_key, Relation.AT_ADDRESS, day)
        for resident, _ in _edges(pred, household, Relation.LIVES_IN, day)
        if resident != person_key
    ]
    return Location(
        person=person,
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
    """Who is responsible for ``place`` (a node key such as ``"building:b-1"``) on ``as_of``.

    Walks up from the place through every area containing it, and names each gap: a police
    grid without an officer or auxiliary, a management grid without a grid worker, a policing
    district without a community officer, or a place in no police grid at all.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> answer = graph.responsible("building:b-xm-7", as_of=date(2025, 3, 1))
        >>> answer.police_grid, [h.name for h in answer.community_officers]
        ('police_grid:pg-04', ['王军'])
        >>> [gap.message for gap in answer.gaps]
        ['police_grid:pg-04 has no police grid officer or auxiliary on 2025-03-01']
    """
    day = _today() if as_of is None else as_of
    _node(graph, place)
    nodes = graph._node  # noqa: SLF001
    found: dict[str, str] = {}
    for area in _ancestors(graph, place, day):
        found.setdefault(nodes[area]["kind"], area)

    gaps: list[Gap] = []
    police_grid = found.get("police_grid")
    staff: list[Holding] = []
    if police_grid is None:
        gaps.append(_gap(place, "police grid", "所属警格", day))
    else:
        staff = _holdings(graph, police_grid, POLICE_GRID_ROLES, day)
        if not _staffed(staff):
            gaps.append(
                _gap(police_grid, "police grid officer or auxiliary", "警格民警或辅警", day)
            )
    grid = found.get("management_grid")
    workers: list[Holding] = []
    if grid is not None:
        workers = _holdings(graph, grid, GRID_WORKER_ROLES, day)
        if not _staffed(workers):
            gaps.append(_gap(grid, "grid worker", "网格员", day))
    district = found.get("policing_district")
    officers: list[Holding] = []
    if district is not None:
        officers = _holdings(graph, district, frozenset({Role.COMMUNITY_OFFICER}), day)
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


def _providers(graph: CommunityGraph, areas: Sequence[str], day: date) -> list[str]:
    pred = graph._pred  # noqa: SLF001
    providers: list[str] = []
    for area in areas:
        for provider, _ in _edges(pred, area, Relation.SERVES, day):
            if provider not in providers and _exists(graph, provider, day):
                providers.append(provider)
    return providers


def containing(graph: CommunityGraph, place: str, *, as_of: date | None = None) -> tuple[str, ...]:
    """``place`` and every area containing it on ``as_of``, nearest first (所属区域).

    A community cut into police grids grid by grid is inside whatever contains all of its
    management grids.

    Raises:
        NotFoundError: ``place`` is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> graph.containing("building:b-sd-12", as_of=date(2025, 1, 1))[:3]
        ('building:b-sd-12', 'management_grid:mg-shedong', 'community:v-shedong')
    """
    day = _today() if as_of is None else as_of
    _node(graph, place)
    return _ancestors(graph, place, day)


def serving(graph: CommunityGraph, area: str, *, as_of: date | None = None) -> Serving:
    """The volunteers, teams and organisations serving ``area`` on ``as_of``.

    Counts those serving the area itself and those serving any area containing it.

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> answer = graph.serving("building:b-jy-1", as_of=date(2025, 1, 1))
        >>> sorted({h.name for h in answer.volunteers}), answer.teams
        (['卫国', '杨帆', '褚红'], ('team:t-guard', 'team:t-mediation'))
    """
    day = _today() if as_of is None else as_of
    _node(graph, area)
    areas = _ancestors(graph, area, day)
    volunteers = [
        holding
        for each in areas
        for holding in _holdings(graph, each, VOLUNTEER_ROLES, day)
        if holding.person is not None
    ]
    providers = _providers(graph, areas, day)
    return Serving(
        area=area,
        as_of=day,
        volunteers=tuple(volunteers),
        teams=tuple(p for p in providers if p.startswith("team:")),
        organizations=tuple(p for p in providers if p.startswith("organization:")),
    )


def holders(graph: CommunityGraph, post: str, *, as_of: date | None = None) -> tuple[Holding, ...]:
    """Who holds the post with id ``post`` on ``as_of`` (one vacant holding when nobody).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> [h.name for h in graph.holders("post-volunteer-ximen-1", as_of=date(2025, 1, 1))]
        ['褚红', '卫国']
    """
    day = _today() if as_of is None else as_of
    model = _node(graph, f"post:{post}")["model"]
    area = None if model.area is None else str(model.area)
    return tuple(_holdings_of(graph, model, area, day))


def members(
    graph: CommunityGraph, group: str, *, as_of: date | None = None
) -> tuple[Membership, ...]:
    """The memberships in force on ``as_of`` of a team or organisation (a node key).

    Examples:
        >>> from datetime import date
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> [(m.person, m.role.value) for m in graph.members("team:t-mediation",
        ...                                                  as_of=date(2025, 1, 1))]
        [('p-wang-jun', 'community_officer'), ('p-han-mei', 'lawyer')]
    """
    day = _today() if as_of is None else as_of
    _node(graph, group)
    return tuple(
        record
        for _, record in _edges(graph._pred, group, Relation.MEMBER_OF, day)  # noqa: SLF001
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
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> panel = graph.mediation_candidates("standard_address:a-sd-12", as_of=date(2025, 1, 1))
        >>> [h.name for h in panel.leads]
        ['李强', '王军']
        >>> sorted(h.name for h in panel.mediators)
        ['周敏', '沈波', '蒋涛']
        >>> panel.agencies[:2]
        ('organization:o-env', 'organization:o-women')
    """
    day = _today() if as_of is None else as_of
    _node(graph, area)
    nodes = graph._node  # noqa: SLF001
    areas = _ancestors(graph, area, day)
    leads = [
        holding
        for each in areas
        for holding in _holdings(graph, each, POLICE_GRID_ROLES, day)
        if holding.person is not None
    ]
    lead_people = {holding.person for holding in leads}
    mediators = [
        holding
        for each in areas
        for holding in _holdings(graph, each, MEDIATOR_ROLES, day)
        if holding.person is not None and holding.person not in lead_people
    ]
    providers = _providers(graph, areas, day)
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
                for record in members(graph, team, as_of=day)
                if record.person not in lead_people
            )
    agencies = tuple(
        p
        for p in providers
        if p.startswith("organization:") and nodes[p]["model"].kind in _AGENCY_KINDS
    )
    agency_people = tuple(
        record for agency in agencies for record in members(graph, agency, as_of=day)
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
        >>> from community_policing import CommunityGraph, sample_jurisdiction
        >>> graph = CommunityGraph.from_jurisdiction(sample_jurisdiction())
        >>> report = graph.coverage(as_of=date(2025, 1, 1))
        >>> report.police_grids_without_officer, report.management_grids_without_grid_worker
        (('police_grid:pg-04',), ('management_grid:mg-ximen-4',))
    """
    day = _today() if as_of is None else as_of
    nodes = graph._node  # noqa: SLF001
    pred = graph._pred  # noqa: SLF001
    unstaffed_grids, unworked_grids, vacant = [], [], []
    for key, data in nodes.items():
        kind = data["kind"]
        if not _exists(graph, key, day):
            continue
        if kind == "police_grid" and not _staffed(_holdings(graph, key, POLICE_GRID_ROLES, day)):
            unstaffed_grids.append(key)
        elif kind == "management_grid" and not _staffed(
            _holdings(graph, key, GRID_WORKER_ROLES, day)
        ):
            unworked_grids.append(key)
        elif kind == "post" and next(_edges(pred, key, Relation.HOLDS_POST, day), None) is None:
            vacant.append(key)
    return Coverage(
        as_of=day,
        police_grids_without_officer=tuple(unstaffed_grids),
        management_grids_without_grid_worker=tuple(unworked_grids),
        vacant_posts=tuple(vacant),
    )
