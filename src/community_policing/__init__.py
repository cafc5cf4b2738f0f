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
from community_policing.jurisdiction import COLLECTIONS, Jurisdiction
from community_policing.people import (
    SENSITIVE,
    Membership,
    Organization,
    Person,
    Post,
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
    BilingualEnum,
    CommunityKind,
    OrganizationKind,
    Role,
)

__version__ = "0.1.0"

__all__ = [
    "AgencyFunction",
    "AreaKind",
    "AreaRef",
    "AreaSetting",
    "BilingualEnum",
    "Building",
    "COLLECTIONS",
    "Community",
    "CommunityKind",
    "CommunityPolicingError",
    "DocumentError",
    "Household",
    "Jurisdiction",
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
    "Residence",
    "ResidentialCompound",
    "Role",
    "SCHEMA_VERSION",
    "SENSITIVE",
    "StandardAddress",
    "SubBureau",
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
