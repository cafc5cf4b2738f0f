from datetime import date

import pytest

from community_policing import (
    AreaRef,
    CommunityGraph,
    GroupKind,
    NotFoundError,
    Period,
    SchoolTopic,
    ValidationError,
    sample,
)
from community_policing.outreach import (
    GroupMember,
    OnlineGroup,
    SchoolSession,
    group_presence_findings,
    school_attendance,
)

XIMEN = AreaRef.parse("community:c-ximen")
YEAR = Period(date(2025, 1, 1), date(2026, 1, 1))


def test_jiayuans_six_topics_are_counted_with_their_attendance():
    sessions = [
        SchoolSession(
            f"ps-{i}",
            XIMEN,
            date(2025, i + 1, 10),
            topic,
            speakers=["p-wang-jun"],
            attendance=30 + i,
        )
        for i, topic in enumerate(t for t in SchoolTopic if t is not SchoolTopic.OTHER)
    ]
    sessions.append(
        SchoolSession(
            "ps-own", XIMEN, date(2025, 9, 1), SchoolTopic.OTHER, "防范养老诈骗", attendance=12
        )
    )
    sessions.append(SchoolSession("ps-old", XIMEN, date(2024, 9, 1), SchoolTopic.WORK_SAFETY))
    counted = school_attendance(sessions, YEAR)
    assert len(counted) == 7
    assert counted["telecom fraud"] == (1, 30)
    assert counted["work safety"] == (1, 35)  # the 2024 session is outside the year
    assert counted["防范养老诈骗"] == (1, 12)


@pytest.mark.parametrize(
    ("build", "field", "rule"),
    [
        (
            lambda: SchoolSession("ps-1", XIMEN, date(2025, 1, 1), SchoolTopic.OTHER),
            "custom_topic",
            "custom_topic",
        ),
        (
            lambda: SchoolSession(
                "ps-1", XIMEN, date(2025, 1, 1), SchoolTopic.TRAFFIC_SAFETY, "交通"
            ),
            "custom_topic",
            "custom_topic",
        ),
        (
            lambda: SchoolSession(
                "ps-1", XIMEN, date(2025, 1, 1), SchoolTopic.TRAFFIC_SAFETY, speakers=["p-1", "p-1"]
            ),
            "speakers",
            "unique",
        ),
        (
            lambda: SchoolSession(
                "ps-1", XIMEN, date(2025, 1, 1), SchoolTopic.TRAFFIC_SAFETY, attendance=-3
            ),
            "attendance",
            "non_negative",
        ),
        (
            lambda: OnlineGroup(
                "g-1", "群", GroupKind.WORK, XIMEN, [GroupMember("p-1"), GroupMember("p-1")]
            ),
            "members",
            "unique",
        ),
        (lambda: GroupMember("p-1", real_name="yes"), "real_name", "type"),
    ],
)
def test_bad_sessions_and_groups_are_refused(build, field, rule):
    with pytest.raises(ValidationError) as caught:
        build()
    assert (caught.value.field, caught.value.rule) == (field, rule)


def test_officers_must_be_real_name_members_of_residents_groups():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    building = AreaRef.parse("building:b-jy-1")
    both = [GroupMember("p-wang-jun", real_name=True), GroupMember("p-sun-hao", real_name=True)]
    present = OnlineGroup("g-1", "嘉园1号楼住户群", GroupKind.RESIDENTS, building, both)
    nickname = OnlineGroup(
        "g-2",
        "社东村村民群",
        GroupKind.RESIDENTS,
        AreaRef.parse("community:v-shedong"),
        [GroupMember("p-wang-jun", real_name=True), GroupMember("p-li-qiang", real_name=False)],
    )
    work = OnlineGroup("g-3", "西门网格工作群", GroupKind.WORK, XIMEN, [])
    assert group_presence_findings(graph, [present, nickname, work], as_of=date(2025, 1, 1)) == (
        "g-2 (community:v-shedong): p-li-qiang is not a real-name member",
    )
    nowhere = OnlineGroup("g-4", "群", GroupKind.RESIDENTS, AreaRef.parse("building:b-none"), [])
    with pytest.raises(NotFoundError):
        group_presence_findings(graph, [nowhere], as_of=date(2025, 1, 1))
