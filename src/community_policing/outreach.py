"""Publicity and presence: the community police school (社区警校) and online groups (网上群组).

Jiayuan (source 002) runs a community police school: six sessions so far on telecom-fraud
prevention, traffic safety, civilised dog keeping, illegal fundraising, drowning prevention and
work safety. Jining (source 000) asks officers to keep a real-name presence in every residents'
online group of their area; one officer runs more than 60 work groups with grid workers,
property companies and owners.

- :class:`SchoolSession` and :func:`school_attendance`: sessions by topic over a period.
- :class:`OnlineGroup`, :class:`GroupMember` and :func:`group_presence_findings`: the check that
  the responsible officer is a real-name member of every residents' group of their area.

Examples:
    >>> from datetime import date
    >>> from community_policing import AreaRef, Period, SchoolTopic
    >>> session = SchoolSession("ps-1", AreaRef.parse("community:c-ximen"), date(2025, 4, 3),
    ...                         SchoolTopic.TELECOM_FRAUD, speakers=["p-wang-jun"], attendance=48)
    >>> school_attendance([session], Period(date(2025, 1, 1), date(2026, 1, 1)))
    {'telecom fraud': (1, 48)}
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.graph import responsible
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import GroupKind, SchoolTopic

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.graph import CommunityGraph
    from community_policing.model.periods import Period

__all__ = [
    "GroupMember",
    "OnlineGroup",
    "SchoolSession",
    "group_presence_findings",
    "school_attendance",
]


@document
@attrs.frozen
class SchoolSession:
    """One session of the community police school (社区警校): a topic, a day, speakers, attendance.

    Args:
        id: Stable id.
        area: The area whose residents it is for.
        on: The day it was held.
        topic: One of the sources' topics, or ``SchoolTopic.OTHER`` with ``custom_topic``.
        custom_topic: The host's own topic, exactly when ``topic`` is ``OTHER``.
        speakers: Who taught (person ids).
        attendance: How many residents came.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, SchoolTopic
        >>> SchoolSession("ps-2", AreaRef.parse("community:c-ximen"), date(2025, 5, 8),
        ...               SchoolTopic.OTHER, custom_topic="防范养老诈骗", attendance=30).title
        '防范养老诈骗'
    """

    KIND: ClassVar[str] = "school_session"

    id: str = attrs.field(validator=v.identifier)
    area: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    on: date = attrs.field(validator=v.calendar_date)
    topic: SchoolTopic = attrs.field(validator=v.member_of(SchoolTopic))
    custom_topic: str | None = attrs.field(default=None, validator=v.optional_text)
    speakers: tuple[str, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=v.unique_identifiers
    )
    attendance: int = attrs.field(default=0, validator=v.count)

    def __attrs_post_init__(self) -> None:
        if (self.custom_topic is None) == (self.topic is SchoolTopic.OTHER):
            raise v.fail(
                self, "custom_topic", "custom_topic", "is given exactly when the topic is 'other'"
            )

    @property
    def title(self) -> str:
        """The topic in words: the host's own, or the English name of a built-in one."""
        return self.custom_topic if self.custom_topic is not None else self.topic.en


def school_attendance(
    sessions: Iterable[SchoolSession], period: Period
) -> dict[str, tuple[int, int]]:
    """Sessions and residents reached per topic (by :attr:`SchoolSession.title`) in ``period``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, Period, SchoolTopic
        >>> area = AreaRef.parse("community:c-ximen")
        >>> topic = SchoolTopic.DROWNING_PREVENTION
        >>> sessions = [SchoolSession(f"ps-{i}", area, date(2025, 6, i), topic, attendance=20 + i)
        ...             for i in (1, 2)]
        >>> school_attendance(sessions, Period(date(2025, 6, 1), date(2025, 7, 1)))
        {'drowning prevention': (2, 43)}
    """
    found: defaultdict[str, list[int]] = defaultdict(lambda: [0, 0])
    for session in sessions:
        if period.contains(session.on):
            tally = found[session.title]
            tally[0] += 1
            tally[1] += session.attendance
    return {title: (count, people) for title, (count, people) in sorted(found.items())}


@attrs.frozen
class GroupMember:
    """A member of an online group; ``real_name`` when they appear under their own name.

    Examples:
        >>> GroupMember("p-wang-jun", real_name=True)
        GroupMember(person='p-wang-jun', real_name=True)
    """

    KIND: ClassVar[str] = "group_member"

    person: str = attrs.field(validator=v.identifier)
    real_name: bool = attrs.field(default=False, validator=v.instance_of(bool))


@document
@attrs.frozen
class OnlineGroup:
    """An online group (网上群组) for one area: residents' groups and officers' work groups.

    Examples:
        >>> from community_policing import AreaRef, GroupKind
        >>> group = OnlineGroup("g-1", "嘉园业主群", GroupKind.RESIDENTS,
        ...                     AreaRef.parse("residential_compound:rc-jiayuan"),
        ...                     members=[GroupMember("p-wang-jun", real_name=True)])
        >>> group.has_real_name_member("p-wang-jun")
        True
    """

    KIND: ClassVar[str] = "online_group"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    kind: GroupKind = attrs.field(validator=v.member_of(GroupKind))
    area: AreaRef = attrs.field(validator=v.instance_of(AreaRef))
    members: tuple[GroupMember, ...] = attrs.field(default=(), converter=v.list_as_tuple)

    @members.validator
    def _check_members(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(GroupMember)(self, attribute, value)
        people = [member.person for member in value]
        if len(set(people)) != len(people):
            raise v.fail(self, "members", "unique", "names someone twice")

    def has_real_name_member(self, person: str) -> bool:
        """Whether ``person`` is in the group under their own name."""
        return any(m.person == person and m.real_name for m in self.members)


def group_presence_findings(
    graph: CommunityGraph, groups: Iterable[OnlineGroup], *, as_of: date
) -> tuple[str, ...]:
    """Every residents' group whose responsible officers are not all real-name members.

    The responsible officers of a group's area are its community officers (of the policing
    district) and the officer or auxiliary of its police grid, as
    :func:`~community_policing.graph.queries.responsible` finds them on ``as_of``. Work groups are
    not
    checked.

    Raises:
        NotFoundError: a group's area is not in the graph.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AreaRef, CommunityGraph, GroupKind, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> group = OnlineGroup("g-1", "嘉园1号楼住户群", GroupKind.RESIDENTS,
        ...                     AreaRef.parse("building:b-jy-1"),
        ...                     members=[GroupMember("p-wang-jun", real_name=True)])
        >>> group_presence_findings(graph, [group], as_of=date(2025, 1, 1))
        ('g-1 (building:b-jy-1): p-sun-hao is not a real-name member',)
    """
    found: list[str] = []
    for group in groups:
        if group.kind is not GroupKind.RESIDENTS:
            continue
        answer = responsible(graph, str(group.area), as_of=as_of)
        officers = {
            holding.person
            for holding in (*answer.community_officers, *answer.police_grid_staff)
            if holding.person is not None
        }
        found.extend(
            f"{group.id} ({group.area}): {officer} is not a real-name member"
            for officer in sorted(officers)
            if not group.has_real_name_member(officer)
        )
    return tuple(found)
