"""The five source systems, each a ready configuration with its sources named.

- Jining Shizhong "1334" (source 000), :data:`JINING_SHIZHONG`
- Tieshan "four additions" (source 001), :data:`TIESHAN`
- Jiayuan "JIA" (source 002), :data:`JIAYUAN`
- Hubin "three axes" (source 003), :data:`HUBIN`
- Yuncheng "one grid, one officer" (source 004), :data:`YUNCHENG`

:func:`system` finds one by its id, its number or a short name; :data:`SYSTEMS` lists them in
the sources' order.

Examples:
    >>> from community_policing.catalog import SYSTEMS, system
    >>> [(entry.number, entry.id) for entry in SYSTEMS]  # doctest: +NORMALIZE_WHITESPACE
    [('000', 'jining-shizhong'), ('001', 'tieshan'), ('002', 'jiayuan'), ('003', 'hubin'),
     ('004', 'yuncheng')]
    >>> system("004").figure("resolution_rate").shown
    '98.66 %'
"""

from __future__ import annotations

from community_policing.catalog.entries import Figure, OpenPoint, Parameter, SourceSystem
from community_policing.errors import NotFoundError
from community_policing.mediation import DEFAULT_LADDER, DEFAULT_REFERRALS
from community_policing.model.formulas import BUILT_IN_FORMULAS, MECHANISM_FORMULAS, Formula
from community_policing.model.territory import DEFAULT_POPULATION_CAPS
from community_policing.model.vocab import AreaSetting
from community_policing.policies.checks import (
    fusion_check,
    grid_worker_check,
    one_grid_one_officer_check,
    population_cap_check,
    team_formula_check,
)

__all__ = ["HUBIN", "JIAYUAN", "JINING_SHIZHONG", "SYSTEMS", "TIESHAN", "YUNCHENG", "system"]

_JINING = "Jining Shizhong sub-bureau, Shandong (source 000)"
_TIESHAN = "Tieshan sub-bureau, Huangshi, Hubei (source 001)"
_JIAYUAN = "Beicheng station, Juye, Shandong: Jiayuan community office (source 002)"
_HUBIN = "Hubin new district sub-bureau, Suqian, Jiangsu (source 003)"
_YUNCHENG = "Yuncheng city bureau, Shanxi (source 004)"


def _formulas(*ids: str) -> tuple[Formula, ...]:
    known = {**BUILT_IN_FORMULAS, **MECHANISM_FORMULAS}
    return tuple(known[formula_id] for formula_id in ids)


#: Jining Shizhong's "1334" community policing (source 000).
JINING_SHIZHONG = SourceSystem(
    id="jining-shizhong",
    number="000",
    name='"1334" community policing',
    name_zh="“1334”社区警务",
    place="Jining Shizhong sub-bureau, Shandong",
    place_zh="山东济宁市公安局市中分局",
    source=_JINING,
    summary="officer + grid worker + volunteer teams over 65 policing districts; resident "
    "floor plans; the three controls; officer + village police; the school-safety post",
    formulas=_formulas("民警+网格员+志愿者", "民警+村警"),
    # teams are checked against the formula each declares, the sources' and the user's alike
    checks=(team_formula_check(), grid_worker_check()),
    parameters=(
        Parameter(
            "school_post_weekdays",
            "school-safety post days (0 is Monday)",
            "平安护学岗执勤日",
            (0, 4),
            _JINING,
        ),
        Parameter(
            "school_post_village_police",
            "village police at the school post",
            "护学岗村警人数",
            10,
            _JINING,
        ),
        Parameter(
            "school_post_villages",
            "villages the village police come from",
            "护学岗村警来自村数",
            8,
            _JINING,
        ),
        Parameter(
            "response_minutes",
            'the "1, 3, 5 minute" response targets',
            "“1、3、5分钟”快反机制",
            (1, 3, 5),
            _JINING,
        ),
        Parameter(
            "three_controls",
            "the three controls: cases, disputes, accidents",
            "三控：控案件、控纠纷、控事故",
            ("cases", "disputes", "accidents"),
            _JINING,
        ),
    ),
    figures=(
        Figure("police_districts", "policing districts", "警务区", 65, source=_JINING),
        Figure("community_officers", "community officers", "社区民警", 71, source=_JINING),
        Figure(
            "ximen_buildings", "buildings in Ximen community", "西门社区楼栋", 95, source=_JINING
        ),
        Figure(
            "ximen_residents",
            "permanent residents of Ximen community",
            "西门社区常住人口",
            9600,
            at_least=True,
            source=_JINING,
        ),
        Figure(
            "floor_plans",
            "resident floor plans drawn for Ximen's buildings",
            "西门社区居民信息平面图",
            400,
            at_least=True,
            source=_JINING,
        ),
        Figure(
            "volunteers",
            'volunteers in Wanda community\'s "concentric circle" group',
            "万达社区“同心圆”群志愿者",
            56,
            source=_JINING,
        ),
    ),
    open_points=(
        OpenPoint(
            "one_system",
            "one system",
            "一套体系",
            "the officer + grid worker + volunteer working system over 65 districts "
            "and 71 officers; its rules beyond the team are not given",
            _JINING,
        ),
        OpenPoint(
            "standard_building",
            'the "three in one" standard building project',
            "“三位一体”标准化建设工程",
            "named as one of the three projects; what the three are is not given",
            _JINING,
        ),
        OpenPoint(
            "framework_1_2_n",
            'the "1+2+N" framework project',
            "“1+2+N”框架工程",
            "named as one of the three projects; its parts are not given",
            _JINING,
        ),
        OpenPoint(
            "three_mechanisms",
            "the three mechanisms",
            "三大机制",
            "counted in the name \u201c1334\u201d; never named",
            _JINING,
        ),
        OpenPoint(
            "four_drivers",
            "the four drivers",
            "四擎驱动",
            "brands, models, stories and rules (立足品牌、树立标杆、讲述故事、订立铁规), "
            "each a driver; no rule is given for any",
            _JINING,
        ),
    ),
)

#: Tieshan's "four additions" (source 001).
TIESHAN = SourceSystem(
    id="tieshan",
    number="001",
    name='"four additions": 1+N mediation, 1+3 prevention, 1+4 service, 1+5 interaction',
    name_zh="“四个加法”",
    place="Tieshan sub-bureau, Huangshi, Hubei",
    place_zh="湖北黄石市公安局铁山分局",
    source=_TIESHAN,
    summary="the officer leads 1+N mediation with agencies' mediators; 1+3 prevention directs "
    "three nets; the 1+4 service station; 1+5 interaction; the locator",
    formulas=_formulas("1+4", "1+5", "1+3"),
    referrals=DEFAULT_REFERRALS,
    parameters=(
        Parameter(
            "flexible_evenings", "evenings a week at the office", "每周错时服务晚间数", 2, _TIESHAN
        ),
        Parameter(
            "flexible_weekend_daytimes",
            "weekend daytimes a week at the office",
            "每周周末白天服务数",
            1,
            _TIESHAN,
        ),
    ),
    figures=(
        Figure("offices", "community police offices", "社区警务室", 14, source=_TIESHAN),
        Figure(
            "communities",
            "communities with volunteer patrols",
            "开展志愿巡逻社区",
            14,
            source=_TIESHAN,
        ),
        Figure("officers", "community officers", "社区民警", 16, source=_TIESHAN),
        Figure("auxiliaries", "auxiliary officers", "辅警", 28, source=_TIESHAN),
        Figure("proxy_services", "one-stop proxy services", "一站式代办服务", 817, source=_TIESHAN),
        Figure("appointments", "appointments", "预约服务", 241, source=_TIESHAN),
        Figure(
            "deliveries", "certificates delivered to the door", "送证上门", 538, source=_TIESHAN
        ),
        Figure(
            "cameras",
            "cameras at high-incidence communities' entrances",
            "高清摄像头",
            16,
            source=_TIESHAN,
        ),
        Figure(
            "camera_communities",
            "high-incidence communities with cameras",
            "发案较多小区",
            2,
            source=_TIESHAN,
        ),
        Figure("video_monitors", "video monitors", "视频巡逻员", 6, source=_TIESHAN),
        Figure("disputes_resolved", "disputes resolved", "化解矛盾纠纷", 1127, source=_TIESHAN),
        Figure(
            "robbery_change",
            "robbery-type violent cases, year on year",
            "抢劫类案件同比",
            -47.3,
            "%",
            source=_TIESHAN,
        ),
    ),
)

#: Jiayuan community office's "JIA" (source 002).
JIAYUAN = SourceSystem(
    id="jiayuan",
    number="002",
    name='"JIA": six teams, police-grid fusion, sentinels, the police school',
    name_zh="“JIA”警务",
    place="Jiayuan community office, Beicheng station, Juye, Shandong",
    place_zh="山东巨野县公安局北城派出所佳苑社区警务室",
    source=_JIAYUAN,
    summary="six teams with purposes; police and grid data fused; safety sentinels route tips; "
    "the community police school; temporary child-minding at the office",
    checks=(fusion_check(), grid_worker_check()),
    figures=(
        Figure("compounds", "residential compounds", "小区", 9, source=_JIAYUAN),
        Figure("households", "households", "户", 4000, at_least=True, source=_JIAYUAN),
        Figure("people", "people", "人", 15023, source=_JIAYUAN),
        Figure("teams", "teams", "支队伍", 6, source=_JIAYUAN),
        Figure("school_sessions", "police-school sessions", "社区警校课堂", 6, source=_JIAYUAN),
        Figure(
            "fraud_stopped",
            "yuan a courier's tip kept from fraudsters",
            "快递员报告现金",
            20000,
            "yuan",
            source=_JIAYUAN,
        ),
        Figure("mediation_rate", "mediation rate", "调解率", 99, "%", source=_JIAYUAN),
    ),
)

#: Hubin's "three axes" (source 003).
HUBIN = SourceSystem(
    id="hubin",
    number="003",
    name='"three axes": joint security patrol, full-coverage mediation, asset recovery',
    name_zh="“三板斧”",
    place="Hubin new district sub-bureau, Suqian, Jiangsu",
    place_zh="江苏宿迁市公安局湖滨新区分局",
    source=_HUBIN,
    summary="security companies' guards cover every zone around the clock; officer, "
    "community mediators and social-work volunteers mediate; recovered money goes back",
    formulas=_formulas("民警+社区调解员+社会工作志愿者"),
    parameters=(
        Parameter(
            "coverage_hours", "hours a day every zone is covered", "每日巡防覆盖小时", 24, _HUBIN
        ),
    ),
    figures=(
        Figure("zones", "joint patrol zones", "联勤联防区", 8, source=_HUBIN),
        Figure("companies", "security companies", "保安公司", 54, source=_HUBIN),
        Figure("guards", "full-time guards", "专职保安", 394, source=_HUBIN),
        Figure(
            "zones_covered_all_day",
            "zones patrolled 24 hours a day",
            "24小时巡防覆盖的联防区",
            8,
            source=_HUBIN,
        ),
        Figure(
            "return_events",
            "collective return events",
            "集中返赃活动",
            20,
            at_least=True,
            source=_HUBIN,
        ),
    ),
)

#: Yuncheng's "one grid, one officer" (source 004).
YUNCHENG = SourceSystem(
    id="yuncheng",
    number="004",
    name='"one grid, one officer": 1+1+N teams, the population standard, three-tier mediation',
    name_zh="“一格一警”",
    place="Yuncheng city bureau, Shanxi",
    place_zh="山西运城市公安局",
    source=_YUNCHENG,
    summary="a police grid of about 5,000 urban or 3,000 rural residents has one officer or "
    "auxiliary; 1+1+N teams; disputes climb grid, village, station",
    formulas=_formulas("1+1+N", "一区一警两辅"),
    ladder=DEFAULT_LADDER,
    checks=(
        one_grid_one_officer_check(),
        population_cap_check(),
        fusion_check(),
        grid_worker_check(),
    ),
    # "one district, one officer, two auxiliaries" is declared as a formula, not run as a check:
    # with a resident auxiliary in every police grid (一格一警) a district of three or more
    # grids has more than two auxiliaries; district_officer_check() runs it where it holds
    parameters=(
        Parameter(
            "urban_cap",
            "residents per urban police grid",
            "城市警格人口",
            DEFAULT_POPULATION_CAPS[AreaSetting.URBAN],
            _YUNCHENG,
        ),
        Parameter(
            "rural_cap",
            "residents per rural police grid",
            "农村警格人口",
            DEFAULT_POPULATION_CAPS[AreaSetting.RURAL],
            _YUNCHENG,
        ),
    ),
    figures=(
        Figure(
            "kaolao_districts",
            "policing districts of Kaolao station planned",
            "栲栳派出所警务区",
            3,
            source=_YUNCHENG,
        ),
        Figure(
            "kaolao_grids", "police grids planned in Kaolao", "栲栳派出所警格", 13, source=_YUNCHENG
        ),
        Figure(
            "leads",
            "dispute leads screened in five months",
            "排查矛盾纠纷线索",
            5300,
            at_least=True,
            source=_YUNCHENG,
        ),
        Figure("resolution_rate", "resolution rate", "化解率", 98.66, "%", source=_YUNCHENG),
        Figure(
            "brothers_tier",
            "tier that resolved the brothers' land dispute",
            "兄弟宅基地纠纷化解层级",
            2,
            source=_YUNCHENG,
        ),
    ),
)

#: The five systems in the sources' order.
SYSTEMS: tuple[SourceSystem, ...] = (JINING_SHIZHONG, TIESHAN, JIAYUAN, HUBIN, YUNCHENG)

_ALIASES = {
    **{entry.id: entry for entry in SYSTEMS},
    **{entry.number: entry for entry in SYSTEMS},
    "jining": JINING_SHIZHONG,
    "1334": JINING_SHIZHONG,
}


def system(name: str) -> SourceSystem:
    """The source system called ``name``: its id, its number, or ``jining``/``1334``.

    Raises:
        NotFoundError: no system has that name.

    Examples:
        >>> system("jining").figure("police_districts").value
        65
        >>> system("fengqiao")
        Traceback (most recent call last):
        ...
        community_policing.errors.NotFoundError: no source_system with id 'fengqiao'; the ...
    """
    found = _ALIASES.get(name.strip().lower())
    if found is None:
        known = ", ".join(entry.id for entry in SYSTEMS)
        raise NotFoundError("source_system", name, hint=f"the systems are {known}")
    return found
