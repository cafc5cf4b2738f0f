"""What each audience may see of the graph, in one place (the table is in ``redaction``)."""

from __future__ import annotations

from typing import Any

import attrs

from community_policing.model.people import (
    FamilyTie,
    RentalHousing,
    ReportingLine,
    Residence,
    sensitive_fields,
)
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
    Audience.OFFICER: frozenset(
        {Relation.LIVES_IN, Relation.LETS, Relation.FAMILY, Relation.REPORTS_TO}
    ),
    Audience.GRID_WORKER: frozenset({Relation.LIVES_IN, Relation.LETS, Relation.FAMILY}),
    Audience.VOLUNTEER: frozenset(),
    Audience.PUBLIC: frozenset(),
}
#: The kinds of relation record that are personal data, and the relation each makes: where a
#: person lives, their family, who informs whom.
PRIVATE_RECORD_RELATIONS = {
    Residence.KIND: Relation.LIVES_IN,
    RentalHousing.KIND: Relation.LETS,
    FamilyTie.KIND: Relation.FAMILY,
    ReportingLine.KIND: Relation.REPORTS_TO,
}
PRIVATE_RECORDS = frozenset(PRIVATE_RECORD_RELATIONS)
PRIVATE_RELATIONS = frozenset(PRIVATE_RECORD_RELATIONS.values())


def redact(model: Any, audience: Audience) -> Any:
    """``model`` with the sensitive fields ``audience`` may not see blanked.

    The copy is made field by field, without running the validators again: blanking an
    optional field of a valid model leaves it valid, and views redact every person they show,
    so this runs a million times in a scan of a city.
    """
    cls = type(model)
    hidden = _HIDDEN.get((cls, audience))
    if hidden is None:
        hidden = _HIDDEN[cls, audience] = tuple(
            sorted(sensitive_fields(cls) - VISIBLE_FIELDS[audience])
        )
        _NAMES[cls] = tuple(field.name for field in attrs.fields(cls))
    if not hidden:
        return model
    blanked = [name for name in hidden if getattr(model, name) is not None]
    if not blanked:
        return model
    copy = object.__new__(cls)
    for name in _NAMES[cls]:
        object.__setattr__(copy, name, None if name in blanked else getattr(model, name))
    return copy


_HIDDEN: dict[tuple[type[Any], Audience], tuple[str, ...]] = {}
_NAMES: dict[type[Any], tuple[str, ...]] = {}


def relation_visible(relation: Relation, audience: Audience) -> bool:
    """Whether ``audience`` may see edges of ``relation``."""
    return relation not in PRIVATE_RELATIONS or relation in VISIBLE_RELATIONS[audience]


def hidden_record_kinds(audience: Audience) -> frozenset[str]:
    """The kinds of relation record ``audience`` may not see (an edge's key starts with one)."""
    return frozenset(
        kind
        for kind, relation in PRIVATE_RECORD_RELATIONS.items()
        if not relation_visible(relation, audience)
    )
