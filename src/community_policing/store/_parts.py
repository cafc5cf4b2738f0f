"""Saving a jurisdiction part by part (:meth:`.store.Store.save_parts`), never all of it at once.

Each part is a :class:`~community_policing.model.jurisdiction.Jurisdiction`, judged whole when it
was built. What the store adds is what :func:`~community_policing.model.extent.joined` adds over
the parts: an entity met again must be the same as where it was first met (compared column by
column with the stored row, found by its id), its first place is kept, and the rules that span
parts are judged once every part is in (see :func:`judge_across`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sized
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from community_policing.errors import DocumentError, ValidationError, shown
from community_policing.io.json import from_data
from community_policing.model.extent import judge_part, part_conflict
from community_policing.model.jurisdiction import COLLECTIONS, Jurisdiction
from community_policing.progress import Progress
from community_policing.store import _select, _write
from community_policing.store._driver import marks
from community_policing.store._rows import bulk_plan
from community_policing.store.schema import TABLES

if TYPE_CHECKING:
    from community_policing.model.boundaries import AreaBoundary
    from community_policing.model.jurisdiction import Lifetime
    from community_policing.progress import ProgressCallback
    from community_policing.store._driver import Driver

# SQLite binds at most 999 parameters in its older builds: ids are looked up in batches.
_BATCH = 900


class Parts:
    """The state of one save by parts: positions so far, and what the parts share."""

    def __init__(self, driver: Driver) -> None:
        self.driver = driver
        self.positions = dict.fromkeys(COLLECTIONS, 0)
        self.shared_persons: set[str] = set()
        self.lifetimes: dict[tuple[str, str], tuple[int, Lifetime]] = {}
        self.boundaries: dict[AreaBoundary, int] = {}
        self.first: tuple[str, str] | None = None
        self.count = 0

    def add(self, at: int, part: Jurisdiction) -> None:
        """Write the part's models the store does not hold yet; judge those it does."""
        self.first = judge_part(part, at, self.first)
        for name in COLLECTIONS:
            models = getattr(part, name)
            if models:
                self._collection(at, name, models)
        for life in part.lifetimes:
            earlier = self.lifetimes.setdefault((life.kind, life.entity), (at, life))
            if earlier[1] != life:
                raise part_conflict("lifetimes", life.entity, earlier[0], at)
        for drawing in part.boundaries:
            self.boundaries.setdefault(drawing, at)

    def _collection(self, at: int, name: str, models: tuple[Any, ...]) -> None:
        columns, values = bulk_plan(name, text_dates=self.driver.sqlite)
        table = TABLES[name].name
        stored: dict[str, list[Any]] = {}
        for start in range(0, len(models), _BATCH):
            ids = [model.id for model in models[start : start + _BATCH]]
            sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id IN ({marks(len(ids))})"  # noqa: S608  (the schema's)
            for row in self.driver.rows(sql, ids):
                stored[row[columns.index("id")]] = list(row)
        fresh = []
        for model in models:
            row = stored.get(model.id)
            if row is None:
                fresh.append(model)
            elif row != values(model):  # the part it was first met in is not kept
                raise part_conflict(name, model.id, None, at)
            elif name == "persons":
                self.shared_persons.add(model.id)
        if fresh:
            _write.bulk(self.driver, name, fresh, start=self.positions[name])
            self.positions[name] += len(fresh)
            self.count += len(fresh)


def save_parts(
    driver: Driver, parts: Iterable[Jurisdiction], progress: ProgressCallback | None
) -> Parts:
    """Write every part; the state, for the lifetimes, drawings and the judgement across parts."""
    state = Parts(driver)
    total = len(parts) if isinstance(parts, Sized) else None
    for at, part in enumerate(parts):
        state.add(at, part)
        if progress is not None:
            progress(Progress("save", "parts", at + 1, at + 1 if total is None else total))
    if state.first is None:
        raise ValidationError(
            entity="parts", field="parts", rule="required", reason="no parts to save"
        )
    return state


def judge_across(conn: sa.Connection, state: Parts) -> None:
    """Judge the rules that span parts, once every part is in.

    A part is whole, so every record naming an entity is in each part holding that entity; the
    document's rules that reach across entities are per person (one residence at a time), per
    ID-card number (one person each) and per area (one drawing at a time). The persons met in
    more than one part are loaded with every record naming them and judged as a document; the
    numbers are counted in SQL; the drawings are held and judged here.
    """
    persons = TABLES["persons"]
    number = persons.c.id_card_number
    twice = (
        sa.select(number).where(number.is_not(None)).group_by(number).having(sa.func.count() > 1)
    )
    if conn.execute(twice.limit(1)).first() is not None:
        raise ValidationError(
            entity="parts",
            field="persons.id_card_number",
            rule="unique_id_card",
            reason="two persons in different parts have the same ID-card number",
        )
    if state.shared_persons:
        _select.start(conn)
        _select.seed(conn, (("persons", ident) for ident in state.shared_persons))
        _select.records_of_persons(conn, sorted(state.shared_persons))
        _select.named(conn)
        document = _write.document(conn, part=True)
        document["id"], document["name"] = state.first or ("", "")
        try:
            from_data(document, Jurisdiction)
        except DocumentError as error:
            problem = error.problems[0]
            raise ValidationError(
                entity="parts",
                field=problem.path.removeprefix("$.").partition("[")[0],
                rule=problem.rule,
                reason=f"the parts together break a rule about a person in several: "
                f"{problem.reason}",
            ) from None
    drawn: dict[Any, list[Any]] = {}
    for drawing, at in state.boundaries.items():
        periods = drawn.setdefault(drawing.area, [])
        if any(drawing.period.overlaps(other) for other in periods):
            raise ValidationError(
                entity="parts",
                field=f"parts[{at}].boundaries",
                rule="one_boundary",
                reason=f"overlaps another boundary of {shown(str(drawing.area))}",
            )
        periods.append(drawing.period)
