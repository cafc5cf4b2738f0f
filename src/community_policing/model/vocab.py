"""The closed vocabularies of the field, each member with a Chinese label.

Every enumeration stores a stable English value (what goes into JSON and databases) and
carries the Chinese term the sources use, for display. Looking up an unknown value raises
:class:`~community_policing.errors.ValidationError` naming every allowed value.

Examples:
    >>> from community_policing import Role
    >>> Role.GRID_WORKER.value, Role.GRID_WORKER.zh, Role.GRID_WORKER.en
    ('grid_worker', '网格员', 'grid worker')
    >>> Role("grid_worker") is Role.GRID_WORKER
    True
    >>> Role("sheriff")
    Traceback (most recent call last):
    ...
    community_policing.errors.ValidationError: role: 'sheriff' is not one of ...
"""

from __future__ import annotations

import enum
import re
from typing import Self

from community_policing.errors import ValidationError, shown

__all__ = [
    "AUXILIARY_ROLES",
    "AgencyFunction",
    "AreaKind",
    "AreaSetting",
    "Audience",
    "BilingualEnum",
    "CaseStatus",
    "CommunityKind",
    "DisputeCategory",
    "GRID_WORKER_ROLES",
    "GroupKind",
    "IncidentCategory",
    "InteractionKind",
    "Kinship",
    "MEDIATOR_ROLES",
    "NetKind",
    "OrganizationKind",
    "POLICE_GRID_ROLES",
    "PopulationCategory",
    "Relation",
    "ReportChannel",
    "Role",
    "SchoolTopic",
    "ServiceKind",
    "TeamPurpose",
    "TipOutcome",
    "TipStatus",
    "TownshipKind",
    "VOLUNTEER_ROLES",
]

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")


class BilingualEnum(enum.Enum):
    """Base of the library's enumerations: an English value and a Chinese label.

    Subclasses declare members as ``NAME = "english_value", "中文"``. Users may subclass it for
    their own closed sets.

    Examples:
        >>> class Shift(BilingualEnum):
        ...     DAY = "day", "白班"
        ...     NIGHT = "night", "夜班"
        >>> Shift.NIGHT.label
        'night (夜班)'
        >>> Shift.allowed_values()
        ('day', 'night')
    """

    _value_: str
    zh: str

    # ``zh`` has a default only so that type checkers accept the lookup call ``Role("x")``,
    # which the enum machinery routes to a lookup, never to this constructor.
    def __new__(cls, value: str, zh: str = "") -> Self:
        """Build a member from its stored value and its Chinese label."""
        member = object.__new__(cls)
        member._value_ = value
        member.zh = zh
        return member

    # Members are singletons and compare by identity, so they hash by identity too: in C,
    # where the enum module hashes each member's name in Python on every dictionary lookup.
    __hash__ = object.__hash__

    @property
    def en(self) -> str:
        """The English display name: the stored value with spaces."""
        return self._value_.replace("_", " ")

    @property
    def label(self) -> str:
        """Both names, English first: ``'grid worker (网格员)'``."""
        return f"{self.en} ({self.zh})"

    @classmethod
    def allowed_values(cls) -> tuple[str, ...]:
        """Every stored value of this enumeration, sorted."""
        return tuple(sorted(member.value for member in cls))

    @classmethod
    def _missing_(cls, value: object) -> Self:
        raise ValidationError(
            entity=_CAMEL_BOUNDARY.sub("_", cls.__name__).lower(),
            field=None,
            rule="allowed_values",
            reason=f"{shown(value)} is not one of {', '.join(cls.allowed_values())}",
        )


class AreaSetting(BilingualEnum):
    """Whether an area is urban or rural; population caps depend on it.

    Examples:
        >>> from community_policing import AreaSetting
        >>> AreaSetting.RURAL.zh
        '农村'
    """

    URBAN = "urban", "城市"
    RURAL = "rural", "农村"


class CommunityKind(BilingualEnum):
    """The two grass-roots units of governance: urban community or administrative village.

    Examples:
        >>> from community_policing import CommunityKind
        >>> CommunityKind.ADMINISTRATIVE_VILLAGE.label
        'administrative village (行政村)'
    """

    COMMUNITY = "community", "社区"
    ADMINISTRATIVE_VILLAGE = "administrative_village", "行政村"


class TownshipKind(BilingualEnum):
    """The divisions between a county and its communities and villages (乡级行政区).

    The statistical division code tells them apart by the first digit of their three
    (see :data:`~community_policing.model.codes.TOWNSHIP_CLASSES`).

    Examples:
        >>> from community_policing import TownshipKind
        >>> TownshipKind.STREET.label
        'street (街道)'
    """

    STREET = "street", "街道"
    TOWN = "town", "镇"
    TOWNSHIP = "township", "乡"
    ENTERPRISE = "enterprise", "政企合一单位"


class PopulationCategory(BilingualEnum):
    """How a resident is counted in the actual population (实有人口) where they live.

    ``separated`` is 人户分离 seen from where the person lives: registered at another household
    of the same county (人在户不在); ``resident`` is living here for six months or more
    without a registration here, the statistics' 常住.

    Examples:
        >>> from community_policing import PopulationCategory
        >>> PopulationCategory.FLOATING.label
        'floating (流动人口)'
    """

    REGISTERED = "registered", "户籍人口"
    SEPARATED = "separated", "人户分离"
    RESIDENT = "resident", "常住人口"
    FLOATING = "floating", "流动人口"
    FOREIGN = "foreign", "境外人员"
    LODGING = "lodging", "寄住人口"


class AreaKind(BilingualEnum):
    """Every kind of place a post can cover or a reference can name.

    Police side: sub-bureau → police station → policing district → police grid. Governance
    side: county → street or township → community or village → management grid →
    residential compound → building → standard address.

    Examples:
        >>> from community_policing import AreaKind
        >>> AreaKind("police_grid").zh
        '警格'
    """

    SUB_BUREAU = "sub_bureau", "分局"
    POLICE_STATION = "police_station", "派出所"
    POLICING_DISTRICT = "policing_district", "警务区"
    POLICE_GRID = "police_grid", "警格"
    COUNTY = "county", "区县"
    TOWNSHIP = "township", "街道/乡镇"
    COMMUNITY = "community", "社区/行政村"
    MANAGEMENT_GRID = "management_grid", "网格"
    RESIDENTIAL_COMPOUND = "residential_compound", "小区"
    BUILDING = "building", "楼栋"
    STANDARD_ADDRESS = "standard_address", "标准地址"


class Role(BilingualEnum):
    """Roles people hold in community policing; a person may hold several at once.

    Examples:
        >>> from community_policing import Role
        >>> Role.FENGQIAO_MEDIATOR.label
        'fengqiao mediator (枫桥员)'
    """

    COMMUNITY_OFFICER = "community_officer", "社区民警"
    AUXILIARY_OFFICER = "auxiliary_officer", "辅警"
    RESIDENT_AUXILIARY = "resident_auxiliary", "驻村辅警"
    VILLAGE_POLICE = "village_police", "村警"
    STATION_CHIEF = "station_chief", "所长"
    GRID_WORKER = "grid_worker", "网格员"
    SAFETY_VOLUNTEER = "safety_volunteer", "平安志愿者"
    SOCIAL_WORK_VOLUNTEER = "social_work_volunteer", "社会工作志愿者"
    PUBLIC_SECURITY_ACTIVIST = "public_security_activist", "治安积极分子"
    SECURITY_GUARD = "security_guard", "保安员"
    BUILDING_HEAD = "building_head", "楼栋长"
    PROPERTY_STAFF = "property_staff", "物业人员"
    SENTINEL = "sentinel", "平安前哨"
    COMMUNITY_MEDIATOR = "community_mediator", "社区调解员"
    FENGQIAO_MEDIATOR = "fengqiao_mediator", "枫桥员"
    VILLAGE_CADRE = "village_cadre", "村干部"
    VILLAGE_PARTY_SECRETARY = "village_party_secretary", "村党支部书记"
    COMMUNITY_COMMITTEE_CADRE = "community_committee_cadre", "社区两委干部"
    LAWYER = "lawyer", "律师"
    JUDGE = "judge", "法官"
    PROSECUTOR = "prosecutor", "检察官"
    VIDEO_MONITOR = "video_monitor", "视频监控员"
    SECURITY_CADRE = "security_cadre", "治保干部"
    REPORTING_PARTY_MEMBER = "reporting_party_member", "双报到党员"
    CONDUCT_SUPERVISOR = "conduct_supervisor", "警风警纪监督员"
    PEOPLES_DEPUTY = "peoples_deputy", "人大代表"
    CPPCC_MEMBER = "cppcc_member", "政协委员"


class OrganizationKind(BilingualEnum):
    """Kinds of organisations that take part in community policing.

    Examples:
        >>> from community_policing import OrganizationKind
        >>> OrganizationKind.SECURITY_COMPANY.zh
        '保安从业单位'
    """

    POLICE_UNIT = "police_unit", "公安机关"
    COMMUNITY_POLICE_OFFICE = "community_police_office", "社区警务室"
    GOVERNMENT_AGENCY = "government_agency", "政府部门"
    COURT = "court", "法院"
    PROCURATORATE = "procuratorate", "检察院"
    MASS_ORGANIZATION = "mass_organization", "群团组织"
    COMMUNITY_COMMITTEE = "community_committee", "社区（村）两委"
    SECURITY_COMPANY = "security_company", "保安从业单位"
    PROPERTY_COMPANY = "property_company", "物业公司"
    BUSINESS = "business", "企业"
    SCHOOL = "school", "学校"
    VOLUNTEER_GROUP = "volunteer_group", "志愿者队伍"


class AgencyFunction(BilingualEnum):
    """What a government agency or mass organisation does; mediation referral keys on it.

    The sources' industry-and-commerce bureau (工商局) is today's market regulation.

    Examples:
        >>> from community_policing import AgencyFunction
        >>> AgencyFunction.WOMENS_FEDERATION.label
        'womens federation (妇联)'
    """

    CIVIL_AFFAIRS = "civil_affairs", "民政"
    JUSTICE = "justice", "司法"
    URBAN_MANAGEMENT = "urban_management", "城管"
    MARKET_REGULATION = "market_regulation", "市场监管"
    HOUSING_AND_CONSTRUCTION = "housing_and_construction", "住建"
    FIRE_AND_RESCUE = "fire_and_rescue", "消防"
    COMPREHENSIVE_GOVERNANCE = "comprehensive_governance", "综治中心"
    HUMAN_RESOURCES_AND_SOCIAL_SECURITY = "human_resources_and_social_security", "人社局"
    ECOLOGY_AND_ENVIRONMENT = "ecology_and_environment", "环保局"
    WOMENS_FEDERATION = "womens_federation", "妇联"


class DisputeCategory(BilingualEnum):
    """What a dispute is about (纠纷类型); referral rules of "1+N" mediation go by category.

    Examples:
        >>> from community_policing import DisputeCategory
        >>> DisputeCategory.LAND.label
        'land (土地边界与承包)'
    """

    LAND = "land", "土地边界与承包"
    HARVEST = "harvest", "收成"
    NEIGHBOUR_NOISE = "neighbour_noise", "邻里噪音"
    FAMILY = "family", "婚姻家庭"
    PROPERTY_DAMAGE = "property_damage", "财物损坏"
    LABOUR = "labour", "劳资"
    ENVIRONMENT = "environment", "环境"
    CONSUMER = "consumer", "消费与经营"
    OTHER = "other", "其他"


class ReportChannel(BilingualEnum):
    """How a dispute came to light (来源).

    Examples:
        >>> from community_policing import ReportChannel
        >>> ReportChannel.CALL_110.zh
        '110报警'
    """

    TIP = "tip", "线索"
    CALL_110 = "call_110", "110报警"
    VISIT = "visit", "来访"
    SELF_REPORT = "self_report", "自行上报"
    SCREENING = "screening", "排查"


class CaseStatus(BilingualEnum):
    """Where a mediation case stands (案件状态).

    Examples:
        >>> from community_policing import CaseStatus
        >>> CaseStatus.RESOLVED.zh
        '已化解'
    """

    OPEN = "open", "调解中"
    RESOLVED = "resolved", "已化解"
    REFERRED = "referred", "已移交"
    WITHDRAWN = "withdrawn", "已撤回"


class ServiceKind(BilingualEnum):
    """A service a community police office gives residents (Tieshan's 1+4, source 001).

    Examples:
        >>> from community_policing import ServiceKind
        >>> ServiceKind.DELIVERY.zh
        '送证上门'
    """

    FLEXIBLE_HOURS = "flexible_hours", "错时服务"
    PROXY_SERVICE = "proxy_service", "代办服务"
    APPOINTMENT = "appointment", "预约服务"
    DELIVERY = "delivery", "送证上门"
    CHILD_MINDING = "child_minding", "临时看护"
    BILL_PAYING = "bill_paying", "代缴费用"
    CERTIFICATE_AT_HOME = "certificate_at_home", "上门办证"


class InteractionKind(BilingualEnum):
    """The "1" and the five spokes of Tieshan's 1+5 interaction programme (source 001).

    Examples:
        >>> from community_policing import InteractionKind
        >>> InteractionKind.MONTHLY_REPORT.zh
        '月度通报'
    """

    MONTHLY_REPORT = "monthly_report", "月度通报"
    HOME_VISIT = "home_visit", "入户走访"
    KEY_SITE_VISIT = "key_site_visit", "重点部位走访"
    SUPERVISOR_VISIT = "supervisor_visit", "警风警纪监督员走访"
    DEPUTY_VISIT = "deputy_visit", "代表委员走访"
    ONLINE_EXCHANGE = "online_exchange", "网络互动平台"


class TipStatus(BilingualEnum):
    """Where a sentinel's tip stands (Jiayuan's safety sentinels, source 002).

    Examples:
        >>> from community_policing import TipStatus
        >>> TipStatus.ACTED_ON.zh
        '已处置'
    """

    RECEIVED = "received", "已接收"
    ACTED_ON = "acted_on", "已处置"
    CLOSED = "closed", "已办结"


class TipOutcome(BilingualEnum):
    """What came of a tip once it was closed.

    Examples:
        >>> from community_policing import TipOutcome
        >>> TipOutcome.FRAUD_PREVENTED.zh
        '劝阻诈骗'
    """

    FRAUD_PREVENTED = "fraud_prevented", "劝阻诈骗"
    HAZARD_REMOVED = "hazard_removed", "隐患消除"
    DISPUTE_DEFUSED = "dispute_defused", "纠纷化解"
    SUSPECT_CAUGHT = "suspect_caught", "抓获嫌疑人"
    NO_ACTION_NEEDED = "no_action_needed", "无需处置"
    OTHER = "other", "其他"


class SchoolTopic(BilingualEnum):
    """Topics of the community police school (社区警校, Jiayuan, source 002).

    ``OTHER`` stands for a topic of the host's own, named on the session.

    Examples:
        >>> from community_policing import SchoolTopic
        >>> SchoolTopic.TELECOM_FRAUD.zh
        '防范电信网络诈骗'
    """

    TELECOM_FRAUD = "telecom_fraud", "防范电信网络诈骗"
    TRAFFIC_SAFETY = "traffic_safety", "交通安全"
    DOG_KEEPING = "dog_keeping", "文明养犬"
    ILLEGAL_FUNDRAISING = "illegal_fundraising", "防范非法集资"
    DROWNING_PREVENTION = "drowning_prevention", "防溺水"
    WORK_SAFETY = "work_safety", "安全生产"
    OTHER = "other", "其他"


class GroupKind(BilingualEnum):
    """Kinds of online group an officer works through (Jining, source 000).

    Examples:
        >>> from community_policing import GroupKind
        >>> GroupKind.RESIDENTS.zh
        '居民群'
    """

    RESIDENTS = "residents", "居民群"
    WORK = "work", "工作群"


class IncidentCategory(BilingualEnum):
    """Categories of incident (警情) analysed for hot places and times.

    Examples:
        >>> from community_policing import IncidentCategory
        >>> IncidentCategory.THEFT.zh
        '盗窃'
    """

    THEFT = "theft", "盗窃"
    FRAUD = "fraud", "诈骗"
    ROBBERY = "robbery", "抢劫抢夺"
    ASSAULT = "assault", "伤害"
    PUBLIC_ORDER = "public_order", "治安"
    DISPUTE = "dispute", "纠纷"
    TRAFFIC = "traffic", "交通"
    FIRE = "fire", "火灾"
    HELP = "help", "求助"
    OTHER = "other", "其他"


class NetKind(BilingualEnum):
    """The three nets of Tieshan's 1+3 prevention (source 001).

    Examples:
        >>> from community_policing import NetKind
        >>> NetKind.VOLUNTEER_PATROL.zh
        '义务巡逻网'
    """

    CAMERAS = "cameras", "视频探头网"
    PROFESSIONAL_PATROL = "professional_patrol", "专业巡逻网"
    VOLUNTEER_PATROL = "volunteer_patrol", "义务巡逻网"


class Kinship(BilingualEnum):
    """How two persons are related in a family tie, read "person is <kinship> of relative".

    Examples:
        >>> from community_policing import Kinship
        >>> Kinship.SIBLING.zh
        '兄弟姐妹'
    """

    SPOUSE = "spouse", "配偶"
    PARENT = "parent", "父母"
    SIBLING = "sibling", "兄弟姐妹"
    OTHER_RELATIVE = "other_relative", "其他亲属"


class TeamPurpose(BilingualEnum):
    """What a team is for; Jiayuan's six teams (嘉园六支队伍) each have one of these.

    Examples:
        >>> from community_policing import TeamPurpose
        >>> [purpose.zh for purpose in TeamPurpose][:3]
        ['管理', '情报', '守护']
    """

    MANAGEMENT = "management", "管理"
    INTELLIGENCE = "intelligence", "情报"
    GUARD = "guard", "守护"
    MEDIATION = "mediation", "调解"
    PUBLICITY = "publicity", "宣传"
    SERVICE = "service", "服务"
    PATROL = "patrol", "巡逻"
    OTHER = "other", "其他"


class Relation(BilingualEnum):
    """The kinds of edge in the relationship graph (关系图谱).

    Examples:
        >>> from community_policing import Relation
        >>> Relation.LIVES_IN.label
        'lives in (居住于)'
    """

    IN_SUB_BUREAU = "in_sub_bureau", "隶属分局"
    IN_STATION = "in_station", "隶属派出所"
    IN_DISTRICT = "in_district", "隶属警务区"
    IN_POLICE_GRID = "in_police_grid", "属于警格"
    IN_COUNTY = "in_county", "属于区县"
    IN_TOWNSHIP = "in_township", "属于街道/乡镇"
    POLICED_BY = "policed_by", "辖区公安机关"
    IN_COMMUNITY = "in_community", "属于社区"
    IN_MANAGEMENT_GRID = "in_management_grid", "属于网格"
    IN_COMPOUND = "in_compound", "属于小区"
    IN_BUILDING = "in_building", "位于楼栋"
    AT_ADDRESS = "at_address", "位于地址"
    LIVES_IN = "lives_in", "居住于"
    LETS = "lets", "出租"
    HOLDS_POST = "holds_post", "任职"
    MEMBER_OF = "member_of", "成员"
    POST_OF = "post_of", "岗位隶属"
    COVERS = "covers", "负责区域"
    SERVES = "serves", "服务区域"
    FAMILY = "family", "亲属"
    REPORTS_TO = "reports_to", "报告"


class Audience(BilingualEnum):
    """Who an export is for; each sees less personal data than the next.

    Examples:
        >>> from community_policing import Audience
        >>> Audience("volunteer").zh
        '志愿者'
    """

    PUBLIC = "public", "公众"
    VOLUNTEER = "volunteer", "志愿者"
    GRID_WORKER = "grid_worker", "网格员"
    OFFICER = "officer", "民警"


#: Roles that staff a police grid: "one grid, one officer" is met by any of them.
POLICE_GRID_ROLES = frozenset(
    {Role.COMMUNITY_OFFICER, Role.AUXILIARY_OFFICER, Role.RESIDENT_AUXILIARY}
)
#: The auxiliaries among them (辅警, 驻村辅警).
AUXILIARY_ROLES = POLICE_GRID_ROLES - {Role.COMMUNITY_OFFICER}
#: Roles that tend a management grid.
GRID_WORKER_ROLES = frozenset({Role.GRID_WORKER})
#: Roles of people who serve an area without being police or grid staff.
VOLUNTEER_ROLES = frozenset(
    {
        Role.SAFETY_VOLUNTEER,
        Role.SOCIAL_WORK_VOLUNTEER,
        Role.PUBLIC_SECURITY_ACTIVIST,
        Role.BUILDING_HEAD,
        Role.SENTINEL,
        Role.REPORTING_PARTY_MEMBER,
        Role.VILLAGE_POLICE,
    }
)
#: Roles of people who can sit on a mediation panel beside the lead officer.
MEDIATOR_ROLES = frozenset(
    {
        Role.COMMUNITY_MEDIATOR,
        Role.FENGQIAO_MEDIATOR,
        Role.LAWYER,
        Role.JUDGE,
        Role.PROSECUTOR,
        Role.VILLAGE_CADRE,
        Role.VILLAGE_PARTY_SECRETARY,
        Role.COMMUNITY_COMMITTEE_CADRE,
        Role.GRID_WORKER,
        Role.AUXILIARY_OFFICER,
        Role.RESIDENT_AUXILIARY,
    }
)
