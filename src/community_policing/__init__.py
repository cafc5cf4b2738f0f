"""Typed models, checks and safe interchange for community policing (社区警务).

Everything public is importable from the package root.

Examples:
    >>> import community_policing as cp
    >>> cp.Role.COMMUNITY_OFFICER.label
    'community officer (社区民警)'
"""

from community_policing.errors import (
    CommunityPolicingError,
    DocumentError,
    NotFoundError,
    Problem,
    ValidationError,
)
from community_policing.jurisdiction import (
    AREA_REFERENCES,
    COLLECTIONS,
    REFERENCES,
    Jurisdiction,
    Reference,
)
from community_policing.people import (
    SENSITIVE,
    FamilyTie,
    Membership,
    Organization,
    Person,
    Post,
    ReportingLine,
    Residence,
    is_valid_id_card_number,
    is_valid_phone_number,
    sensitive_fields,
)
from community_policing.periods import Period
from community_policing.sample import sample_jurisdiction
from community_policing.serialization import (
    MODELS,
    SCHEMA_VERSION,
    NotAModelError,
    dump,
    dumps,
    load,
    loads,
)
from community_policing.teams import AreaAssignment, Team
from community_policing.territory import (
    AreaRef,
    Building,
    Community,
    Household,
    ManagementGrid,
    PoliceGrid,
    PoliceStation,
    PolicingDistrict,
    ResidentialCompound,
    StandardAddress,
    SubBureau,
)
from community_policing.vocab import (
    AgencyFunction,
    AreaKind,
    AreaSetting,
    Audience,
    BilingualEnum,
    CommunityKind,
    Kinship,
    OrganizationKind,
    Relation,
    Role,
    TeamPurpose,
)

__version__ = "0.1.0"

__all__ = [
    "AREA_REFERENCES",
    "AgencyFunction",
    "AreaAssignment",
    "AreaKind",
    "AreaRef",
    "AreaSetting",
    "Audience",
    "BilingualEnum",
    "Building",
    "COLLECTIONS",
    "Community",
    "CommunityKind",
    "CommunityPolicingError",
    "DocumentError",
    "FamilyTie",
    "Household",
    "Jurisdiction",
    "Kinship",
    "MODELS",
    "ManagementGrid",
    "Membership",
    "NotAModelError",
    "NotFoundError",
    "Organization",
    "OrganizationKind",
    "Period",
    "Person",
    "PoliceGrid",
    "PoliceStation",
    "PolicingDistrict",
    "Post",
    "Problem",
    "REFERENCES",
    "Reference",
    "Relation",
    "ReportingLine",
    "Residence",
    "ResidentialCompound",
    "Role",
    "SCHEMA_VERSION",
    "SENSITIVE",
    "StandardAddress",
    "SubBureau",
    "Team",
    "TeamPurpose",
    "ValidationError",
    "dump",
    "dumps",
    "is_valid_id_card_number",
    "is_valid_phone_number",
    "load",
    "loads",
    "sample_jurisdiction",
    "sensitive_fields",
]
