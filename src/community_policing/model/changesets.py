"""Edit sets (变更集): a day's edits as one document, applied whole or not at all.

A :class:`Edit` is one operation on a jurisdiction: add a model (an entity, or a relation
record such as a residence), replace an entity or record by its new version, retire an entity
on a day (its lifetime ends; it stays in history), or end a relation record on a day (its
period ends). A :class:`ChangeSet` gathers changes with who made them, when, why, and the
revision of the store they were made against.

:func:`apply_edits` applies changes to a jurisdiction and checks the result with the very
rules of the document: every problem of every change is reported together, and a refused set
changes nothing (a new jurisdiction is returned; the old one is never touched).
:func:`edits_between` turns two versions of a jurisdiction into the changes that lead from
one to the other. A graph records its own accepted edits (see
:attr:`~community_policing.graph.graph.CommunityGraph.edits`).

Examples:
    >>> from datetime import date, datetime, timezone
    >>> from community_policing import Period, Residence, sample
    >>> from community_policing.model.changesets import Edit, ChangeSet, apply_edits
    >>> town = sample.jurisdiction()
    >>> moved = ChangeSet(
    ...     id="cs-1", author="p-wang-jun", reason="入户走访核实",
    ...     at=datetime(2025, 3, 2, 9, 0, tzinfo=timezone.utc), base_revision=0,
    ...     edits=(
    ...         Edit.end("residences", town.residences[0].id, date(2025, 3, 1)),
    ...         Edit.add(Residence(id="r-new", person=town.residences[0].person,
    ...                              household=town.households[1].id,
    ...                              period=Period(date(2025, 3, 1)))),
    ...     ))
    >>> after = apply_edits(town, moved.edits)
    >>> len(after.residences) - len(town.residences)
    1
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING, Any, ClassVar, cast

import attrs

from community_policing.errors import DocumentError, Problem, ValidationError, shown
from community_policing.model import validators as v
from community_policing.model.jurisdiction import (
    COLLECTION_OF_KIND,
    COLLECTIONS,
    RECORD_COLLECTIONS,
    Jurisdiction,
    Lifetime,
)
from community_policing.model.periods import Period
from community_policing.model.registry import Reading, document
from community_policing.model.vocab import BilingualEnum

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = ["ChangeSet", "Edit", "EditKind", "apply_edits", "edits_between"]


class EditKind(BilingualEnum):
    """What a change does.

    Examples:
        >>> EditKind.RETIRE.zh
        '注销'
    """

    ADD = "add", "新增"
    REPLACE = "replace", "修改"
    RETIRE = "retire", "注销"
    END = "end", "终止"


def _collection(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not str or value not in COLLECTIONS:
        raise v.fail(
            instance, attribute.name, "allowed_values", "not a collection of a jurisdiction"
        )


def _read_edit(body: dict[str, Any], reading: Reading) -> Edit:
    fields = dict(body)
    collection = fields.get("collection")
    record = fields.pop("record", None)
    valid = fields.pop("valid", None)
    built = reading.structure(
        {key: value for key, value in fields.items() if key not in ("record", "valid")},
        _EditFields,
        path="$",
    )
    model = None
    if record is not None and collection in COLLECTIONS:
        model = reading.structure(record, COLLECTIONS[collection], path="$.record")
    period = None if valid is None else reading.structure(valid, Period, path="$.valid")
    return Edit(built.kind, built.collection, model, built.id, built.on, period)


def _write_edit(change: Edit) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "collection": change.collection,
        "record": change.record,
        "id": change.id,
        "on": change.on,
        "valid": change.valid,
    }


@attrs.frozen
class _EditFields:
    """A change's plain fields, read before its record (whose model its collection says)."""

    kind: EditKind
    collection: str
    id: str | None = None
    on: date | None = None


@document(read=_read_edit, write=_write_edit)
@attrs.frozen
class Edit:
    """One operation on a jurisdiction (变更).

    Made with :meth:`add`, :meth:`replace`, :meth:`retire` or :meth:`end`.

    Args:
        kind: What it does.
        collection: The collection it touches (``"persons"``).
        record: The model added or the new version (add, replace).
        id: The id retired or ended (retire, end).
        on: The day it is retired or ended (retire, end).
        valid: For an added entity, when it exists (its lifetime), if not always.

    Examples:
        >>> from datetime import date
        >>> Edit.retire("posts", "post-aux-pg-04", date(2025, 1, 1)).key
        ('posts', 'post-aux-pg-04')
        >>> Edit.retire("residences", "r-1", date(2025, 1, 1))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: edit 'r-1': collection: a relation record ...
    """

    KIND: ClassVar[str] = "edit"

    kind: EditKind = attrs.field(validator=v.member_of(EditKind))
    collection: str = attrs.field(validator=_collection)
    record: Any = attrs.field(default=None, repr=False)
    id: str | None = attrs.field(default=None, validator=v.optional_identifier)
    on: date | None = attrs.field(default=None, validator=v.optional_calendar_date)
    valid: Period | None = attrs.field(
        default=None, validator=attrs.validators.optional(v.instance_of(Period))
    )

    def __attrs_post_init__(self) -> None:
        model = COLLECTIONS[self.collection]
        carries = self.kind in (EditKind.ADD, EditKind.REPLACE)
        if carries and type(self.record) is not model:
            raise v.fail(self, "record", "type", f"expected a {model.__name__}")
        if not carries and (self.record is not None or self.id is None or self.on is None):
            raise v.fail(self, None, "shape", "names an id and a day, and holds no record")
        if carries and (self.id is not None or self.on is not None):
            raise v.fail(self, None, "shape", "holds a record, and names no id or day")
        record_kind = self.collection in RECORD_COLLECTIONS
        if self.kind is EditKind.RETIRE and record_kind:
            raise v.fail(self, "collection", "shape", "a relation record is ended, not retired")
        if self.kind is EditKind.END and not record_kind:
            raise v.fail(self, "collection", "shape", "an entity is retired, not ended")
        if self.valid is not None and (self.kind is not EditKind.ADD or record_kind):
            raise v.fail(self, "valid", "shape", "only an added entity has a lifetime")

    @property
    def key(self) -> tuple[str, str]:
        """The (collection, id) the change touches."""
        ident = self.record.id if self.record is not None else self.id
        return self.collection, cast("str", ident)

    @classmethod
    def add(cls, model: Any, *, valid: Period | None = None) -> Edit:
        """Add an entity (existing during ``valid``, if given) or a relation record.

        Examples:
            >>> from datetime import date
            >>> from community_policing import Period, Person
            >>> Edit.add(Person(id="p-new", name="新居民"), valid=Period(date(2025, 1, 1))).key
            ('persons', 'p-new')
        """
        return cls(EditKind.ADD, _collection_of(model), model, valid=valid)

    @classmethod
    def replace(cls, model: Any) -> Edit:
        """Put the new version of an entity or record in place of the one with its id.

        Examples:
            >>> from community_policing import Person
            >>> Edit.replace(Person(id="p-1", name="改名")).kind
            <EditKind.REPLACE: 'replace'>
        """
        return cls(EditKind.REPLACE, _collection_of(model), model)

    @classmethod
    def retire(cls, collection: str, ident: str, on: date) -> Edit:
        """Retire an entity on ``on``: it exists no longer from that day.

        Examples:
            >>> from datetime import date
            >>> Edit.retire("police_grids", "pg-04", date(2025, 1, 1)).on
            datetime.date(2025, 1, 1)
        """
        return cls(EditKind.RETIRE, collection, id=ident, on=on)

    @classmethod
    def end(cls, collection: str, ident: str, on: date) -> Edit:
        """End a relation record (a residence, a membership) on ``on``.

        Examples:
            >>> from datetime import date
            >>> Edit.end("residences", "r-01", date(2025, 3, 1)).key
            ('residences', 'r-01')
        """
        return cls(EditKind.END, collection, id=ident, on=on)


def _collection_of(model: Any) -> str:
    collection = COLLECTION_OF_KIND.get(getattr(type(model), "KIND", ""))
    if collection is None:
        raise ValidationError(
            entity="edit", field="record", rule="type", reason="not a model of a jurisdiction"
        )
    return collection


def _edits(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.tuple_of(Edit)(instance, attribute, value)


@document
@attrs.frozen
class ChangeSet:
    """Changes made together, by whom, when, why, against which revision (变更集).

    Args:
        id: The change set's id.
        author: The id of the person who made it.
        at: When it was made (with a time zone).
        reason: Why, in words.
        base_revision: The store revision it was made against (0 for an empty store).
        edits: The edits, applied in order.

    Examples:
        >>> from datetime import date, datetime, timezone
        >>> cs = ChangeSet(id="cs-2", author="p-li", reason="网格员离任",
        ...                at=datetime(2025, 1, 2, tzinfo=timezone.utc), base_revision=3,
        ...                edits=(Edit.end("memberships", "m-07", date(2025, 1, 1)),))
        >>> cs.touched
        frozenset({('memberships', 'm-07')})
    """

    KIND: ClassVar[str] = "change_set"

    id: str = attrs.field(validator=v.identifier)
    author: str = attrs.field(validator=v.identifier)
    at: datetime = attrs.field(validator=v.aware_datetime)
    reason: str = attrs.field(validator=v.text)
    base_revision: int = attrs.field(validator=v.count)
    edits: tuple[Edit, ...] = attrs.field(validator=_edits, repr=False)

    @property
    def touched(self) -> frozenset[tuple[str, str]]:
        """Every (collection, id) the set touches."""
        return frozenset(change.key for change in self.edits)


def apply_edits(jurisdiction: Jurisdiction, edits: Sequence[Edit]) -> Jurisdiction:
    """The jurisdiction after ``edits``, checked whole like any document.

    Raises:
        DocumentError: every problem: at ``$.edits[i]`` for a change that cannot be made
            (an id added twice, a missing id, an end not after the start), then at the
            resulting document's paths for what the document's rules refuse in what the other
            changes made.

    Examples:
        >>> from datetime import date
        >>> from community_policing import sample
        >>> apply_edits(sample.jurisdiction(), [Edit.retire("posts", "post-none",
        ...                                                     date(2025, 1, 1))])
        Traceback (most recent call last):
        ...
        community_policing.errors.DocumentError: 1 problem in document:
          $.edits[0].id: no such record in posts
    """
    collections = {name: list(getattr(jurisdiction, name)) for name in COLLECTIONS}
    positions = {
        name: {model.id: at for at, model in enumerate(models)}
        for name, models in collections.items()
    }
    lifetimes = {(life.kind, life.entity): life for life in jurisdiction.lifetimes}
    problems: list[Problem] = []
    for at, change in enumerate(edits):
        problem = _apply(change, collections, positions, lifetimes)
        if problem is not None:
            field, reason = problem
            problems.append(Problem(f"$.edits[{at}].{field}", "edit", reason))
    try:
        after = Jurisdiction(
            id=jurisdiction.id,
            name=jurisdiction.name,
            **{name: tuple(models) for name, models in collections.items()},
            lifetimes=tuple(lifetimes.values()),  # the document puts them in order
            boundaries=jurisdiction.boundaries,
        )
    except DocumentError as error:  # what the changes that could be made break, too
        raise DocumentError([*problems, *error.problems]) from None
    if problems:
        raise DocumentError(problems)
    return after


def _apply(
    change: Edit,
    collections: dict[str, list[Any]],
    positions: dict[str, dict[str, int]],
    lifetimes: dict[tuple[str, str], Lifetime],
) -> tuple[str, str] | None:
    """Make one change in place; (field, reason) when it cannot be made."""
    name, ident = change.key
    models, where = collections[name], positions[name]
    if change.kind is EditKind.ADD:
        if ident in where:
            return "record.id", f"{name} already holds {shown(ident)}"
        where[ident] = len(models)
        models.append(change.record)
        if change.valid is not None:
            kind = COLLECTIONS[name].KIND
            lifetimes[kind, ident] = Lifetime(kind, ident, change.valid)
    elif ident not in where:
        return ("record.id" if change.record is not None else "id"), f"no such record in {name}"
    elif change.kind is EditKind.REPLACE:
        models[where[ident]] = change.record
    else:
        return _end(change, models, where[ident], lifetimes)
    return None


def _end(
    change: Edit, models: list[Any], at: int, lifetimes: dict[tuple[str, str], Lifetime]
) -> tuple[str, str] | None:
    """End a record's period or an entity's lifetime on the change's day."""
    day = change.on
    assert day is not None  # noqa: S101  (a retire or an end names its day)
    if change.kind is EditKind.END:
        period = models[at].period
    else:
        key = (COLLECTIONS[change.collection].KIND, models[at].id)
        life = lifetimes.get(key)
        period = Period(date.min) if life is None else life.period
    if day <= period.start or (period.end is not None and day >= period.end):
        return "on", "an end falls after the start and before an end already set"
    if change.kind is EditKind.END:
        models[at] = attrs.evolve(models[at], period=Period(period.start, day))
    else:
        lifetimes[key] = Lifetime(key[0], key[1], Period(period.start, day))
    return None


def edits_between(before: Jurisdiction, after: Jurisdiction) -> tuple[Edit, ...]:
    """The changes that turn ``before`` into ``after``, in document order.

    A model new in ``after`` is added (with its lifetime), one that differs is replaced — or
    ended, when only its period's end was set — and an entity whose lifetime gained an end is
    retired.

    Raises:
        ValidationError: ``after`` drops a model (history keeps every one: retire or end it),
            changes a lifetime otherwise than by ending it, or redraws a boundary (maps travel
            as GeoJSON).

    Examples:
        >>> from datetime import date
        >>> from community_policing import sample
        >>> town = sample.jurisdiction()
        >>> later = apply_edits(town, [Edit.end("memberships", "m-03", date(2025, 6, 1))])
        >>> [(change.kind.value, change.key) for change in edits_between(town, later)]
        [('end', ('memberships', 'm-03'))]
        >>> apply_edits(town, edits_between(town, later)) == later
        True
    """
    if before.boundaries != after.boundaries:
        raise _unsupported("boundaries", "boundaries are redrawn through GeoJSON, not changes")
    found: list[Edit] = []
    for name in COLLECTIONS:
        old = {model.id: model for model in getattr(before, name)}
        new_ids = {model.id for model in getattr(after, name)}
        dropped = [ident for ident in old if ident not in new_ids]
        if dropped:
            raise _unsupported(name, f"drops {shown(dropped[0])}: retire or end it instead")
        for model in getattr(after, name):
            was = old.get(model.id)
            if was is None:
                found.append(Edit.add(model))
            elif was != model:
                found.append(_changed(name, was, model))
    found.extend(_lifetime_changes(before, after, found))
    return tuple(found)


def _changed(name: str, was: Any, model: Any) -> Edit:
    if (
        name in RECORD_COLLECTIONS
        and was.period.end is None
        and model.period.end is not None
        and attrs.evolve(was, period=model.period) == model
    ):
        return Edit.end(name, model.id, model.period.end)
    return Edit.replace(model)


def _lifetime_changes(
    before: Jurisdiction, after: Jurisdiction, found: list[Edit]
) -> Iterable[Edit]:
    """Lifetimes given to added entities (in place), and retirements of the others."""
    old = {(life.kind, life.entity): life.period for life in before.lifetimes}
    new = {(life.kind, life.entity): life.period for life in after.lifetimes}
    if any(key not in new for key in old):
        raise _unsupported("lifetimes", "drops a lifetime")
    added = set()
    for at, change in enumerate(found):
        key = (COLLECTIONS[change.collection].KIND, change.key[1])
        if change.kind is EditKind.ADD and change.collection not in RECORD_COLLECTIONS:
            added.add(key)
            if key in new:
                found[at] = Edit.add(change.record, valid=new[key])
    for (kind, ident), period in new.items():
        was = old.get((kind, ident))
        if (kind, ident) in added or was == period:
            continue
        start = date.min if was is None else was.start
        if period.end is None or period.start != start or (was is not None and was.end):
            raise _unsupported("lifetimes", f"changes the lifetime of {shown(ident)}")
        yield Edit.retire(COLLECTION_OF_KIND[kind], ident, period.end)


def _unsupported(field: str, reason: str) -> ValidationError:
    return ValidationError(entity="edits_between", field=field, rule="change", reason=reason)
