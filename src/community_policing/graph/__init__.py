"""The graph floor: the relationship graph (关系图谱) and the questions the field asks of it.

Everything here is importable from the package root as well (``community_policing.locate``).

Examples:
    >>> from datetime import date
    >>> from community_policing import CommunityGraph, responsible, sample
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> responsible(graph, "building:b-xm-7", as_of=date(2025, 1, 1)).police_grid
    'police_grid:pg-04'
"""

from community_policing.graph.answers import (
    Coverage,
    Gap,
    GraphParts,
    Holding,
    Location,
    MediationCandidates,
    Responsibility,
    Serving,
)
from community_policing.graph.disclosure import Disclosure, disclose
from community_policing.graph.graph import CommunityGraph
from community_policing.graph.queries import (
    containing,
    coverage,
    holders,
    holdings,
    locate,
    mediation_candidates,
    members,
    related,
    responsible,
    serving,
)
from community_policing.graph.redaction import (
    VISIBLE_FIELDS,
    VISIBLE_RELATIONS,
    redacted,
    redacted_parts,
)
from community_policing.graph.relations import (
    ENTITY_MODELS,
    FIELD_RELATIONS,
    RECORD_MODELS,
    RELATION_SCHEMA,
    RelationRule,
    field_edges,
    node_key,
    relation_of,
)

__all__ = [
    "CommunityGraph",
    "Coverage",
    "Disclosure",
    "ENTITY_MODELS",
    "FIELD_RELATIONS",
    "Gap",
    "GraphParts",
    "Holding",
    "Location",
    "MediationCandidates",
    "RECORD_MODELS",
    "RELATION_SCHEMA",
    "RelationRule",
    "Responsibility",
    "Serving",
    "VISIBLE_FIELDS",
    "VISIBLE_RELATIONS",
    "containing",
    "coverage",
    "disclose",
    "field_edges",
    "holders",
    "holdings",
    "locate",
    "mediation_candidates",
    "members",
    "node_key",
    "redacted",
    "redacted_parts",
    "related",
    "relation_of",
    "responsible",
    "serving",
]
