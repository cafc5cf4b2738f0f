"""The graph's changes, each checked whole before anything is written (see the methods)."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, cast

import attrs

from community_policing.errors import NotFoundError, shown
from community_policing.graph._adjacency import Sealed, edge_data, set_attribute
from community_policing.graph._changes import (
    add_field_edges,
    check_endpoints,
    check_single_current,
    checked_field_edges,
    entity_kind,
)
from community_policing.graph._walk import missing, node_data
from community_policing.graph.relations import RELATION_SCHEMA, relation_of
from community_policing.model import validators as v
from community_policing.model.periods import Period

if TYPE_CHECKING:
    from community_policing.graph._adjacency import Store


def add_entity(store: Store, model: Any, valid: Period | None) -> str:
    """Add an entity node and the edges its fields make (see the method)."""
    kind = entity_kind(model)
    key = f"{kind}:{model.id}"
    if key in store.graph:
        raise v.fail(model, "id", "duplicate_id", f"the graph already holds {shown(key)}")
    if valid is not None:
        v.instance_of(Period)(model, attrs.fields(Period).start, valid)
    edges = checked_field_edges(store, model, key)
    if valid is None:
        store.put_node(key, Sealed(model=model, kind=kind))
    else:
        store.put_node(key, Sealed(model=model, kind=kind, valid=valid))
        store.dated += 1
    add_field_edges(store, key, edges)
    store.ancestors.clear()
    store.note_card(key, None, model)
    store.places = None
    return key


def retire_entity(store: Store, key: str, on: date) -> None:
    """End an entity's validity on ``on`` (see the method)."""
    model = node_data(store, key)["model"]
    valid = store.graph.nodes[key].get("valid")
    start = date.min if valid is None else valid.start
    v.require_date(on, entity=model.KIND, field="on")
    if on <= start:
        raise v.fail(model, None, "end_after_start", "must be retired after it began")
    if valid is not None and valid.end is not None and on >= valid.end:
        # as for a relation: moving an end later would reopen history
        raise v.fail(
            model, None, "end_only_earlier", "is already retired; an end only moves earlier"
        )
    if valid is None:
        store.dated += 1
    set_attribute(store.node[key], "valid", Period(start, on))
    store.ancestors.clear()


def replace_entity(store: Store, model: Any) -> None:
    """Put an evolved entity in place, its field edges anew (see the method)."""
    kind = entity_kind(model)
    key = f"{kind}:{model.id}"
    if key not in store.graph:
        raise NotFoundError(kind, model.id)
    edges = checked_field_edges(store, model, key)
    g = store.graph
    old = [
        (key, w, k)
        for w, keyed in store.succ[key].items()
        for k, data in keyed.items()
        if data["record"] is None
    ]
    cast("Any", g).remove_edges_from(old)
    store.note_card(key, g.nodes[key]["model"], model)
    set_attribute(store.node[key], "model", model)
    add_field_edges(store, key, edges)
    store.ancestors.clear()
    store.places = None


def add_relation(store: Store, record: Any) -> str:
    """Add a relation record as an edge (see the method)."""
    source, target, relation = relation_of(record)
    key = f"{record.KIND}:{record.id}"
    if key in store.records:
        raise v.fail(record, "id", "duplicate_id", f"the graph already holds {shown(key)}")
    check_endpoints(store, record, source, target, relation)
    rule = RELATION_SCHEMA[relation]
    if rule.at_most_one_current:
        check_single_current(store, record, source, relation)
    store.link(source, target, key, edge_data(relation, record))
    store.records[key] = source
    return key


def end_relation(store: Store, key: str, on: date) -> Any:
    """End a relation record on ``on`` (see the method)."""
    data = store.record_data(key)
    if data is None:
        missing(key, "record")
    record = data["record"]
    period = record.period
    if period is not None and period.end is not None and type(on) is date and on >= period.end:
        # Moving an end later would reopen history (and could overlap what came after).
        raise v.fail(
            record, "period", "end_only_earlier", "has already ended; an end only moves earlier"
        )
    ended = record.ended(on)
    set_attribute(data, "record", ended)
    return ended
