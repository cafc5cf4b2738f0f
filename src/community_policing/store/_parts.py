"""Saving a jurisdiction part by part (:meth:`.store.Store.save_parts`), never all of it at once.

Each part is a :class:`~community_policing.model.jurisdiction.Jurisdiction`, judged whole when it
was built. What the store adds is what :func:`~community_policing.model.extent.joined` adds over
the parts: an entity met again must be the same as where it was first met (compared column by
column with the stored row, found by its id), its first place is kept, and the rules that span
parts are judged once every part is in (see :meth:`Parts.judge_across`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sized
from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from community_policing.errors import DocumentError, ValidationError
from community_policing.io.json import from_data
from community_policing.model.extent import judge_part, part_conflict
from community_policing.model.jurisdiction import COLLECTION_OF_KIND, COLLECTIONS, Jurisdiction
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
        self.positions = dict.fromkeys(COLLECTIONS, 0)  # rows written so far, per collection
        self.shared_persons: set[str] = set()
        self.lifetimes: dict[tuple[str, str], tuple[int, Lifetime]] = {}
        self.boundaries: dict[AreaBoundary, int] = {}
        self.first: tuple[str, str] | None = None

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
        at_id = columns.index("id")
        stored: dict[str, list[Any]] = {}
        for start in range(0, len(models), _BATCH):
            ids = [model.id for model in models[start : start + _BATCH]]
            sql = f"SELECT {', '.join(columns)} FROM {table} WHERE id IN ({marks(len(ids))})"  # noqa: S608  (the schema's)
            for row in self.driver.rows(sql, ids):
                stored[row[at_id]] = list(row)
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

    def judge_across(self, conn: sa.Connection) -> None:
        """Judge the rules that span parts, once every part is in.

        A part is whole, so every record naming an entity is in each part holding that entity,
        and the rules that reach across parts are those of an entity met in several: one ID-card
        number per person (counted in SQL), one residence at a time for a person, one boundary
        drawing at a time for an area. The persons met in more than one part and the areas drawn
        in more than one are loaded with what names them, as the document's own rules judge
        them.
        """
        persons = TABLES["persons"]
        number = persons.c.id_card_number
        twice = (
            sa.select(number)
            .where(number.is_not(None))
            .group_by(number)
            .having(sa.func.count() > 1)
        )
        if conn.execute(twice.limit(1)).first() is not None:
            raise ValidationError(
                entity="parts",
                field="persons.id_card_number",
                rule="unique_id_card",
                reason="two persons in different parts have the same ID-card number",
            )
        parts_drawing: dict[Any, set[int]] = {}
        for drawing, at in self.boundaries.items():
            parts_drawing.setdefault(drawing.area, set()).add(at)
        areas = [
            (COLLECTION_OF_KIND[area.kind.value], area.id)
            for area, drawn in parts_drawing.items()
            if len(drawn) > 1
        ]
        seeds = [*(("persons", ident) for ident in sorted(self.shared_persons)), *areas]
        if not seeds:
            return
        _select.keep_part(conn, seeds, descend=False)
        document = _write.document(conn, part=True)
        document["id"], document["name"] = self.first or ("", "")
        try:
            from_data(document, Jurisdiction)
        except DocumentError as error:
            problem = error.problems[0]
            raise ValidationError(
                entity="parts",
                field=problem.path.removeprefix("$.").partition("[")[0],
                rule=problem.rule,
                reason=f"the parts together break a rule: {problem.reason}",
            ) from None

    def saved(self) -> _write.Saved:
        """What the save wrote, for the lifetimes, the drawings and the judgement after it."""
        if self.first is None:
            raise ValidationError(
                entity="parts", field="parts", rule="required", reason="no parts to save"
            )
        return _write.Saved(
            sum(self.positions.values()),
            tuple(life for _, life in self.lifetimes.values()),
            tuple(self.boundaries),
            self.first,
            self.judge_across,
        )


def save_parts(
    driver: Driver, parts: Iterable[Jurisdiction], progress: ProgressCallback | None
) -> _write.Saved:
    """Write every part (see :class:`Parts`); what was saved, with the judgement across parts."""
    state = Parts(driver)
    total = len(parts) if isinstance(parts, Sized) else None
    for at, part in enumerate(parts):
        state.add(at, part)
        if progress is not None:
            progress(Progress("save", "parts", at + 1, at + 1 if total is None else total))
    return state.saved()
