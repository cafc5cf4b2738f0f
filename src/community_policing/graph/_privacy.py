"""What each audience may see of the graph, in one place (the table is in ``redaction``)."""

from __future__ import annotations

from typing import Any

import attrs

from community_policing.model.people import FamilyTie, ReportingLine, Residence, sensitive_fields
from community_policing.model.vocab import Audience, Relation

#: The sensitive fields each audience may see; every other sensitive field is blanked.
VISIBLE_FIELDS: dict[Audience, frozenset[str]] = {
    Audience.OFFICER: frozenset({"id_card_number", "phone", "birth_date"}),
    Audience.GRID_WORKER: frozenset({"phone"}),
    Audience.VOLUNTEER: frozenset(),
    Audience.PUBLIC: frozenset(),
}
#: The relations each audience may see among those that are personal data.
VISIBLE_RELATIONS: dict[Audience, frozenset[Relation]] = {
    Audience.OFFICER: frozenset({Relation.LIVES_IN, Relation.FAMILY, Relation.REPORTS_TO}),
    Audience.GRID_WORKER: frozenset({Relation.LIVES_IN, Relation.FAMILY}),
    Audience.VOLUNTEER: frozenset(),
    Audience.PUBLIC: frozenset(),
}
#: Relations that are personal data: where a person lives, their family, who informs whom.
PRIVATE_RELATIONS = frozenset({Relation.LIVES_IN, Relation.FAMILY, Relation.REPORTS_TO})
#: The kinds of relation record that are personal data.
PRIVATE_RECORDS = frozenset({Residence.KIND, FamilyTie.KIND, ReportingLine.KIND})
_SENSITIVE: dict[type[Any], frozenset[str]] = {}  # filled on first sight of a class


def redact(model: Any, audience: Audience) -> Any:
    """``model`` with the sensitive fields ``audience`` may not see blanked."""
    fields = _SENSITIVE.get(type(model))
    if fields is None:
        fields = _SENSITIVE[type(model)] = sensitive_fields(type(model))
    hidden = {
        name: None for name in fields - VISIBLE_FIELDS[audience] if getattr(model, name) is not None
    }
    return attrs.evolve(model, **hidden) if hidden else model


def relation_visible(relation: Relation, audience: Audience) -> bool:
    """Whether ``audience`` may see edges of ``relation``."""
    return relation not in PRIVATE_RELATIONS or relation in VISIBLE_RELATIONS[audience]
