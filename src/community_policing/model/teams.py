"""Teams, and the areas that teams and organisations are assigned to serve.

A :class:`Team` is a named group with a purpose (Jiayuan's six teams: management, intelligence,
guard, mediation, publicity, service); people join it through a
:class:`~community_policing.model.people.Membership` with ``team=...``. An :class:`AreaAssignment`
says that
a team or an organisation serves an area for a period — a volunteer group serving a community, an
agency taking mediation referrals for a district.

Examples:
    >>> from datetime import date
    >>> from community_policing import AreaRef, Period, Team, TeamPurpose
    >>> team = Team(id="t-guard", name="嘉园守护队", purpose=TeamPurpose.GUARD)
    >>> AreaAssignment(id="as-1", team=team.id, area=AreaRef.parse("community:c-ximen"),
    ...                period=Period(date(2024, 1, 1))).provider
    'team:t-guard'
"""

from __future__ import annotations

from typing import ClassVar

import attrs

from community_policing.model import validators as v
from community_policing.model.periods import InForce, Period, Provenance
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import TeamPurpose

__all__ = ["AreaAssignment", "JIAYUAN_TEAMS", "Team"]


@document
@attrs.frozen
class Team:
    """A named team (队伍) with a purpose; members join through memberships.

    Args:
        id: Stable id.
        name: Display name.
        purpose: What the team is for.
        formula: The id of the "1+N" formula it follows (such as ``"1+1+N"``), if any; the
            ``team_formula`` check holds the team's members to it.

    Examples:
        >>> from community_policing import Team, TeamPurpose
        >>> Team(id="t-1", name="嘉园守护队", purpose=TeamPurpose.GUARD, formula="1+1+N").formula
        '1+1+N'
    """

    KIND: ClassVar[str] = "team"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    purpose: TeamPurpose = attrs.field(validator=v.member_of(TeamPurpose))
    formula: str | None = attrs.field(default=None, validator=v.optional_identifier)


@document
@attrs.frozen
class AreaAssignment(InForce):
    """A team or an organisation assigned to serve an area for a period (服务区域).

    Exactly one of ``team`` and ``organization`` is given.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaAssignment, AreaRef, Period
        >>> station = AreaRef.parse("police_station:ps-1")
        >>> AreaAssignment(id="as-1", organization="o-env", area=station,
        ...                period=Period(date(2024, 1, 1))).is_active(date(2025, 1, 1))
        True
    """

    KIND: ClassVar[str] = "area_assignment"

    id: str = attrs.field(validator=v.identifier)
    area: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    period: Period = attrs.field(validator=v.instance_of(Period))
    team: str | None = attrs.field(default=None, validator=v.optional_identifier)
    organization: str | None = attrs.field(default=None, validator=v.optional_identifier)
    provenance: Provenance | None = attrs.field(
        default=None, validator=v.instance_of(Provenance, optional=True)
    )

    def __attrs_post_init__(self) -> None:
        if (self.team is None) == (self.organization is None):
            raise v.fail(
                self, None, "exactly_one_provider", "needs exactly one of team and organization"
            )

    @property
    def provider(self) -> str:
        """The serving team or organisation as a graph node key, ``"<kind>:<id>"``."""
        return f"team:{self.team}" if self.team is not None else f"organization:{self.organization}"


#: Jiayuan community's six "JIA" teams (嘉园六支队伍, source 002) as templates: copy one with
#: ``attrs.evolve(team, id=...)`` to start a team of that kind.
JIAYUAN_TEAMS: tuple[Team, ...] = (
    Team(
        id="jia-management",
        name="嘉园管理队（警网数据同步、社区吹哨部门报到）",
        purpose=TeamPurpose.MANAGEMENT,
    ),
    Team(
        id="jia-intelligence",
        name="嘉园情报队（走访、网上巡查、联席会议、平安前哨）",
        purpose=TeamPurpose.INTELLIGENCE,
    ),
    Team(id="jia-guard", name="嘉园守护队（巡逻、联防）", purpose=TeamPurpose.GUARD),
    Team(id="jia-mediation", name="嘉园调解队", purpose=TeamPurpose.MEDIATION),
    Team(
        id="jia-publicity",
        name="嘉园宣传队（社区警校、线上线下宣传）",
        purpose=TeamPurpose.PUBLICITY,
    ),
    Team(
        id="jia-service",
        name="嘉园服务队（一老一小、代缴费用、送证上门、临时托管）",
        purpose=TeamPurpose.SERVICE,
    ),
)
