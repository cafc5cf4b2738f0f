"""The answers of the graph's queries: small frozen records of who, where and what is missing.

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, responsible, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> type(responsible(graph, "building:b-jy-1", as_of=date(2025, 1, 1))).__name__
    'Responsibility'
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from community_policing.model.people import Membership, Person
from community_policing.model.territory import StandardAddress
from community_policing.model.vocab import Role

if TYPE_CHECKING:
    from community_policing.model.boundaries import AreaBoundary
    from community_policing.model.periods import Period
    from community_policing.model.vocab import Relation

__all__ = [
    "Coverage",
    "Gap",
    "GraphParts",
    "Holding",
    "Location",
    "MediationCandidates",
    "Responsibility",
    "Serving",
]


class GraphParts(NamedTuple):
    """A graph taken apart, as an export writes it and ``from_parts`` takes it back.

    ``nodes`` are ``(key, model, validity)`` per entity, validity ``None`` for always;
    ``edges`` are ``(source, target, relation, record)``, the edges entities' fields make first
    (``record`` is ``None``), then the relation records in the order they were added;
    ``boundaries`` are every drawing of an area's boundary, area by area.

    Examples:
        >>> from community_policing import CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> nodes, edges, boundaries = graph.parts()
        >>> nodes[0][0], str(boundaries[0].area)
        ('county:cty-sample', 'police_station:ps-kaolao')
    """

    nodes: list[tuple[str, Any, Period | None]]
    edges: list[tuple[str, str, Relation, Any]]
    boundaries: list[AreaBoundary]


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
        >>> from community_policing import (CommunityGraph, containing, coverage, holders,
        ...     locate, mediation_candidates, members, responsible, sample, serving)
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> holders(graph, "post:post-aux-pg-01", as_of=date(2025, 1, 1))[0].name
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
        >>> from community_policing import CommunityGraph, responsible, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> gap = responsible(graph, "building:b-xm-7", as_of=date(2025, 1, 1)).gaps[0]
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
        >>> from community_policing import Access, CommunityGraph, locate, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> locate(graph, "person:p-lv-da", access=Access("p-li-qiang", "调解"),
        ...        as_of=date(2025, 1, 1)).management_grid
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
        >>> from community_policing import CommunityGraph, responsible, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> responsible(graph, "household:h-sd-12", as_of=date(2025, 1, 1)).police_grid
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
        >>> from community_policing import CommunityGraph, serving, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> serving(graph, "police_grid:pg-01", as_of=date(2025, 1, 1)).teams
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
        >>> from community_policing import CommunityGraph, mediation_candidates, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> panel = mediation_candidates(graph, "community:v-shedong", as_of=date(2025, 1, 1))
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
        >>> from community_policing import CommunityGraph, coverage, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> coverage(graph, as_of=date(2025, 1, 1)).vacant_posts
        ('post:post-aux-pg-04', 'post:post-gw-ximen-4')
    """

    as_of: date
    police_grids_without_officer: tuple[str, ...]
    management_grids_without_grid_worker: tuple[str, ...]
    vacant_posts: tuple[str, ...]
