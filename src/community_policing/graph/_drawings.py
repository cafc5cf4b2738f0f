"""Boundaries on the graph: each area's drawings, kept on its node under ``"boundaries"``.

A drawing is an :class:`~community_policing.model.boundaries.AreaBoundary`; an area's drawings
are kept in the order they were made, and never overlap in time (the jurisdiction's rule, and
:func:`redraw`'s).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from community_policing.errors import Problem, shown
from community_policing.graph._adjacency import set_attribute
from community_policing.graph._walk import node_data
from community_policing.model import validators as v
from community_policing.model.boundaries import BOUNDED_KINDS, AreaBoundary
from community_policing.model.periods import Period
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import AreaKind

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import date

    from community_policing.graph._adjacency import Store
    from community_policing.model.boundaries import Boundary

#: The node attribute that holds an area's drawings.
DRAWINGS = "boundaries"
_BOUNDED = frozenset(kind.value for kind in BOUNDED_KINDS)


def add(store: Store, drawing: AreaBoundary) -> None:
    """Put ``drawing`` after the drawings its area has (the area's node exists)."""
    data = store.node[str(drawing.area)]
    set_attribute(data, DRAWINGS, (*data.get(DRAWINGS, ()), drawing))


def drawn(store: Store, area: str, day: date | None) -> AreaBoundary | None:
    """The drawing of ``area`` in force on ``day``; with no day, the one drawn last."""
    data = node_data(store, area)
    found: tuple[AreaBoundary, ...] = data.get(DRAWINGS, ())
    if day is None:
        return max(found, key=lambda drawing: drawing.period.start, default=None)
    return next((drawing for drawing in found if drawing.period.contains(day)), None)


def every(store: Store, kind: str | None, day: date | None) -> Iterator[AreaBoundary]:
    """The drawings of areas (of ``kind``), node by node (in force on ``day`` when given)."""
    kinds = _BOUNDED if kind is None else frozenset({kind}) & _BOUNDED
    for data in store.node.values():
        if data["kind"] not in kinds:
            continue
        for drawing in data.get(DRAWINGS, ()):
            if day is None or drawing.period.contains(day):
                yield drawing


def redraw(store: Store, area: str, boundary: Boundary, on: date) -> AreaBoundary:
    """Draw ``area`` anew from ``on``: its drawing in force then ends on that day."""
    data = node_data(store, area)
    model = data["model"]
    if data["kind"] not in _BOUNDED:
        raise v.fail(model, None, "bounded_kind", "a building or address is a point")
    v.require_date(on, entity=model.KIND, field="on")
    new = AreaBoundary(AreaRef(AreaKind(data["kind"]), model.id), boundary, Period(on))
    kept: list[AreaBoundary] = list(data.get(DRAWINGS, ()))
    for index, drawing in enumerate(kept):
        period = drawing.period
        if period.start >= on or (period.end is not None and period.end > on):
            raise v.fail(
                model,
                "on",
                "one_boundary",
                f"a drawing holds from {period.start.isoformat()} already; redraw after it",
            )
        if period.end is None:
            kept[index] = AreaBoundary(drawing.area, drawing.boundary, period.ended(on))
    set_attribute(data, DRAWINGS, (*kept, new))
    return new


def restore(store: Store, drawings: Iterable[Any]) -> list[Problem]:
    """Put exported drawings on their areas; each problem located as ``$.boundaries[i]``."""
    problems: list[Problem] = []
    for index, drawing in enumerate(drawings):
        where = f"$.boundaries[{index}]"
        if type(drawing) is not AreaBoundary:
            problems.append(Problem(where, "type_tag", "not an area boundary"))
        elif str(drawing.area) not in store.node:
            reason = f"no {drawing.area.kind.value} with id {shown(drawing.area.id)}"
            problems.append(Problem(f"{where}.area", "reference", reason))
        else:
            add(store, drawing)
    return problems
