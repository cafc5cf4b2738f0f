"""The part of a jurisdiction inside one area (辖区范围): what one station or street works on.

:func:`within_area` cuts a whole document down to one area — a sub-bureau, station, policing
district, police grid, county, township, community, management grid, compound or building —
and keeps it a valid document of its own:

1. **Inside**: the area and everything under it, following every containment reference
   downwards (a station's districts, their police grids, the communities and management grids
   drawn into them, their compounds, buildings, addresses, households, the organisations at
   those addresses and their posts), and the posts whose own area is inside.
2. **Reaching in**: the records that tie something outside to something inside — residences
   of the households inside, rental housing at addresses inside, memberships of posts, teams
   and organisations inside, the teams assigned to areas inside — and then the family ties and
   reporting lines of the persons those records name.
3. **What they name**: every entity the kept records refer to, up to the top (the area's
   sub-bureau, a resident's relative who lives elsewhere, an agency outside that serves
   inside), without what hangs under those entities.

The lifetimes and boundary drawings of the kept entities come along. What hangs under no area
and ties to nothing inside (an agency with no address whose posts serve elsewhere) is in no
area's part. A policing relation (a township policed by a station) is followed upwards only: a
station's part holds the townships it polices as references, not every community of those
townships.

Examples:
    >>> from community_policing import sample, within_area
    >>> town = sample.jurisdiction()
    >>> grid = within_area(town, "police_grid:pg-01")
    >>> [grid.id for grid in grid.police_grids], len(grid.persons) < len(town.persons)
    (['pg-01'], True)
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import attrs

from community_policing.errors import NotFoundError, ValidationError, shown
from community_policing.model.jurisdiction import (
    AREA_REFERENCES,
    COLLECTION_OF_KIND,
    COLLECTIONS,
    RECORD_COLLECTIONS,
    REFERENCES,
    Jurisdiction,
    Reference,
)
from community_policing.model.territory import AreaRef
from community_policing.model.vocab import AreaKind, Relation

if TYPE_CHECKING:
    from collections.abc import Iterable, Iterator
    from datetime import date

__all__ = [
    "DRAWN_INTO",
    "inside",
    "joined",
    "judge_part",
    "named_by",
    "on_day",
    "part_around",
    "part_conflict",
    "within_area",
]

# Containment references, followed downwards; a policing relation only names its police.
_DOWN = tuple(
    reference
    for reference in REFERENCES
    if reference.relation is not None and reference.relation is not Relation.POLICED_BY
)
# Whom a record names as a person (followed one step from the persons a part keeps).
_PERSON_TARGET = "persons"
_Key = tuple[str, str]  # (collection, id)

#: What each area outside a split's areas is drawn from, in the order a home is looked for:
#: (the collection drawn in, its field naming the area, the area's collection). A community is
#: drawn from its management grids; a police grid from the villages and management grids fused
#: into it (警网融合); a policing district from its police grids. A shard of a city is home to
#: such an area when it is home to the first thing drawn into it (see
#: :func:`community_policing.shards.split`).
DRAWN_INTO: tuple[tuple[str, str, str], ...] = (
    ("management_grids", "community", "communities"),
    ("communities", "police_grid", "police_grids"),
    ("management_grids", "police_grid", "police_grids"),
    ("police_grids", "district", "policing_districts"),
)


def named_by(model: Any, collection: str) -> Iterator[tuple[str, str]]:
    """Every entity ``model`` (of ``collection``) names, as (collection, id).

    Examples:
        >>> from community_policing import sample
        >>> from community_policing.model.extent import named_by
        >>> sorted(named_by(sample.jurisdiction().residences[0], "residences"))
        [('households', 'h-jy-1-101'), ('persons', 'p-zhu-wei')]
    """
    for reference in _REFERENCES_OF.get(collection, ()):
        ident = getattr(model, reference.field)
        if ident is not None:
            yield reference.target, ident
    for name, field in AREA_REFERENCES:
        if name == collection and (area := getattr(model, field)) is not None:
            yield COLLECTION_OF_KIND[area.kind.value], area.id


_REFERENCES_OF: dict[str, list[Reference]] = {}
for _reference in REFERENCES:
    _REFERENCES_OF.setdefault(_reference.collection, []).append(_reference)


@attrs.define
class _Cut:
    """The ids a part keeps, per collection, and the indexes that find them."""

    document: Jurisdiction
    kept: dict[str, set[str]] = attrs.field(factory=dict)

    def has(self, key: _Key) -> bool:
        return key[1] in self.kept.get(key[0], ())

    def keep(self, key: _Key) -> bool:
        """Keep ``key``; whether it was new."""
        ids = self.kept.setdefault(key[0], set())
        if key[1] in ids:
            return False
        ids.add(key[1])
        return True

    def models(self, collection: str) -> tuple[Any, ...]:
        models: tuple[Any, ...] = getattr(self.document, collection)
        return models


def _referrers(document: Jurisdiction) -> dict[_Key, list[_Key]]:
    """For each entity, the entities under it (by containment) and the posts of its area."""
    under: dict[_Key, list[_Key]] = {}
    for reference in _DOWN:
        for model in getattr(document, reference.collection):
            ident = getattr(model, reference.field)
            if ident is not None:
                under.setdefault((reference.target, ident), []).append(
                    (reference.collection, model.id)
                )
    for post in document.posts:
        if post.area is not None:
            area = (COLLECTION_OF_KIND[post.area.kind.value], post.area.id)
            under.setdefault(area, []).append(("posts", post.id))
    return under


def _inside(cut: _Cut, *areas: _Key) -> None:
    """Keep ``areas`` and everything under them."""
    under = _referrers(cut.document)
    stack = list(areas)
    for area in areas:
        cut.keep(area)
    while stack:
        stack.extend(child for child in under.get(stack.pop(), ()) if cut.keep(child))


def _reaching_in(cut: _Cut) -> list[tuple[str, Any]]:
    """The records tied to what is inside, then the ties of the persons they name."""
    records: list[tuple[str, Any]] = []
    for assignment in cut.models("area_assignments"):
        area = (COLLECTION_OF_KIND[assignment.area.kind.value], assignment.area.id)
        if assignment.team is not None and cut.has(area):
            cut.keep(("teams", assignment.team))
    persons: set[str] = set()
    for name in RECORD_COLLECTIONS:
        for record in cut.models(name):
            named = list(named_by(record, name))
            if any(cut.has(key) for key in named if key[0] != _PERSON_TARGET):
                records.append((name, record))
                persons.update(ident for target, ident in named if target == _PERSON_TARGET)
    for name in RECORD_COLLECTIONS:
        for record in cut.models(name):
            named = list(named_by(record, name))
            if all(target == _PERSON_TARGET for target, _ in named) and any(
                ident in persons for _, ident in named
            ):
                records.append((name, record))
    return records


def _named(cut: _Cut, records: list[tuple[str, Any]]) -> None:
    """Keep ``records`` and everything they name, up to the top."""
    by_id = {name: {model.id: model for model in cut.models(name)} for name in COLLECTIONS}
    stack: list[tuple[str, Any]] = list(records)
    for name, ids in list(cut.kept.items()):
        stack.extend((name, by_id[name][ident]) for ident in ids)
    for name, record in records:
        cut.keep((name, record.id))
    while stack:
        name, model = stack.pop()
        stack.extend(
            (key[0], by_id[key[0]][key[1]]) for key in named_by(model, name) if cut.keep(key)
        )


def _area_key(document: Jurisdiction, area: str | AreaRef) -> _Key:
    if isinstance(area, AreaRef):
        ref = area
    else:
        try:
            ref = AreaRef.parse(area)
        except (ValidationError, ValueError):
            kinds = ", ".join(kind.value for kind in AreaKind)
            raise ValidationError(
                entity="within_area",
                field="area",
                rule="area_ref",
                reason=f"an area is named '<kind>:<id>' with a kind of {kinds}",
            ) from None
    collection = COLLECTION_OF_KIND[ref.kind.value]
    if not any(model.id == ref.id for model in getattr(document, collection)):
        raise NotFoundError(ref.kind.value, ref.id)
    return collection, ref.id


def within_area(jurisdiction: Jurisdiction, area: str | AreaRef) -> Jurisdiction:
    """The part of ``jurisdiction`` inside ``area`` (``"police_station:ps-01"``), as a document.

    See the module's description for what a part keeps. Collections keep the document's order.

    Raises:
        ValidationError: ``area`` is not ``"<kind>:<id>"`` of an area kind.
        NotFoundError: the document has no such area.

    Examples:
        >>> from community_policing import sample, within_area
        >>> town = sample.jurisdiction()
        >>> part = within_area(town, "township:t-ximen")
        >>> [township.id for township in part.townships], len(part.households)
        (['t-ximen'], 4)
        >>> within_area(town, "police_grid:pg-99")
        Traceback (most recent call last):
        ...
        community_policing.errors.NotFoundError: no police_grid with id 'pg-99'
    """
    return part_around(jurisdiction, [_area_key(jurisdiction, area)])


def inside(jurisdiction: Jurisdiction, area: str | AreaRef) -> frozenset[tuple[str, str]]:
    """What lies inside ``area``, as (collection, id): the first step of :func:`within_area`.

    The area, everything under it by containment, and the posts of its areas.

    Examples:
        >>> from community_policing import sample
        >>> from community_policing.model.extent import inside
        >>> ("police_grids", "pg-01") in inside(sample.jurisdiction(), "police_grid:pg-01")
        True
    """
    cut = _Cut(jurisdiction)
    _inside(cut, _area_key(jurisdiction, area))
    return frozenset((name, ident) for name, ids in cut.kept.items() for ident in ids)


def part_around(
    jurisdiction: Jurisdiction, keys: Iterable[tuple[str, str]], *, descend: bool = True
) -> Jurisdiction:
    """The part of ``jurisdiction`` around ``keys``, (collection, id) of any entities.

    They and what lies under them, the records reaching in and the ties of the persons those
    name, and everything named up to the top (the module's three steps). A person among ``keys``
    brings every record that names them (a shard is home to its residents, so their posts in
    other areas come along). :func:`within_area` is the part around one area. With
    ``descend=False`` the first step keeps ``keys`` alone, not what lies under them (a shard of
    the counties above the stations, without the stations' contents).

    Examples:
        >>> from community_policing import sample, within_area
        >>> from community_policing.model.extent import part_around
        >>> town = sample.jurisdiction()
        >>> part = part_around(town, [("townships", "t-ximen")])
        >>> part == within_area(town, "township:t-ximen")
        True
    """
    seeds = list(keys)
    persons = {ident for collection, ident in seeds if collection == "persons"}
    cut = _Cut(jurisdiction)
    if descend:
        _inside(cut, *seeds)
    else:
        for key in seeds:
            cut.keep(key)
    records = _reaching_in(cut)
    for name in RECORD_COLLECTIONS:
        for record in cut.models(name):
            if any(t == "persons" and i in persons for t, i in named_by(record, name)):
                records.append((name, record))
    _named(cut, records)
    return _part(jurisdiction, cut)


def on_day(jurisdiction: Jurisdiction, day: date) -> Jurisdiction:
    """The jurisdiction of ``day`` (某日状态): what existed and was in force then.

    The entities whose lifetime (if they have one) holds ``day``, the relation records whose
    period holds it, and — so that the document is whole — everything those name, with their
    lifetimes (a membership in force names its post even on a day the post is not yet created;
    the post's lifetime says so). A graph of the result, viewed on ``day``
    (:meth:`~community_policing.graph.graph.CommunityGraph.as_of`), is the whole jurisdiction's
    graph viewed on ``day``. Boundary drawings are those in force on ``day``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import on_day, sample
        >>> town = sample.jurisdiction()
        >>> len(on_day(town, date(2019, 1, 1)).memberships) < len(town.memberships)
        True
    """
    lives = {(life.kind, life.entity): life.period for life in jurisdiction.lifetimes}
    cut = _Cut(jurisdiction)
    records: list[tuple[str, Any]] = []
    for name, cls in COLLECTIONS.items():
        is_record = name in RECORD_COLLECTIONS
        for model in getattr(jurisdiction, name):
            period = model.period if is_record else lives.get((cls.KIND, model.id))
            if period is None or period.contains(day):
                if is_record:
                    records.append((name, model))
                else:
                    cut.keep((name, model.id))
    _named(cut, records)
    return _part(jurisdiction, cut, day)


def _part(jurisdiction: Jurisdiction, cut: _Cut, day: date | None = None) -> Jurisdiction:
    """The models ``cut`` keeps, in document order, with their lifetimes and drawings."""
    collections = {
        name: tuple(model for model in getattr(jurisdiction, name) if model.id in ids)
        for name in COLLECTIONS
        if (ids := cut.kept.get(name))
    }
    keys = {f"{COLLECTIONS[name].KIND}:{ident}" for name, ids in cut.kept.items() for ident in ids}
    return Jurisdiction(
        id=jurisdiction.id,
        name=jurisdiction.name,
        **collections,
        lifetimes=tuple(
            life for life in jurisdiction.lifetimes if f"{life.kind}:{life.entity}" in keys
        ),
        boundaries=tuple(
            drawing
            for drawing in jurisdiction.boundaries
            if drawing.area.key in keys and (day is None or drawing.period.contains(day))
        ),
    )


def joined(parts: Iterable[Jurisdiction]) -> Jurisdiction:
    """The jurisdiction the ``parts`` make together (合并): the inverse of cutting it into parts.

    Each collection lists the parts' models in the order the parts give them; an entity, record,
    lifetime or drawing found in several parts (the county above two stations, a person living in
    one and serving in another) is kept once, where it first appears, and must be the same in
    each. The parts share the document's id and name. The result is judged whole, so a rule that
    spans parts (one ID-card number in two of them) is judged too.

    Raises:
        ValidationError: no parts, parts of different documents, or one id standing for two
            different things in two parts (the message names the collection, the id and the
            parts; a record's contents are not repeated).
        DocumentError: the whole breaks a rule (every problem, as any document reports them).

    Examples:
        >>> from community_policing import sample, within_area
        >>> town = sample.jurisdiction()
        >>> parts = [within_area(town, "township:t-ximen"), within_area(town, "township:t-sample")]
        >>> whole = joined(parts)
        >>> len(whole.persons) <= len(town.persons), whole.counties == town.counties
        (True, True)
    """
    given = list(parts)
    if not given:
        raise ValidationError(
            entity="parts", field="parts", rule="required", reason="no parts to join"
        )
    first = judge_part(given[0], 0, None)
    kept: dict[str, dict[str, tuple[int, Any]]] = {name: {} for name in COLLECTIONS}
    lives: dict[tuple[str, str], tuple[int, Any]] = {}
    drawings: dict[Any, None] = {}
    for at, part in enumerate(given):
        judge_part(part, at, first)
        for name in COLLECTIONS:
            seen = kept[name]
            for model in getattr(part, name):
                earlier = seen.setdefault(model.id, (at, model))
                if earlier[1] != model:
                    raise part_conflict(name, model.id, earlier[0], at)
        for life in part.lifetimes:
            earlier = lives.setdefault((life.kind, life.entity), (at, life))
            if earlier[1] != life:
                raise part_conflict("lifetimes", life.entity, earlier[0], at)
        drawings.update(dict.fromkeys(part.boundaries))
    return Jurisdiction(
        id=first[0],
        name=first[1],
        **{name: tuple(model for _, model in found.values()) for name, found in kept.items()},
        lifetimes=tuple(life for _, life in lives.values()),
        boundaries=tuple(drawings),
    )


def judge_part(part: object, at: int, first: tuple[str, str] | None) -> tuple[str, str]:
    """Refuse part ``at`` unless it is a jurisdiction of the document ``first`` (id, name).

    Returns the part's (id, name); the first part (``first`` is ``None``) sets the document.

    Raises:
        ValidationError: not a jurisdiction, or of another document.

    Examples:
        >>> from community_policing import sample
        >>> judge_part(sample.jurisdiction(), 0, None)
        ('sample-county', '示例县示例镇')
        >>> judge_part(sample.jurisdiction(), 1, ("other", "别处"))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: parts: parts[1].id: part 1 is of ...
    """
    if not isinstance(part, Jurisdiction):
        raise ValidationError(
            entity="parts", field=f"parts[{at}]", rule="type", reason="expected a Jurisdiction"
        )
    if first is not None and (part.id, part.name) != first:
        raise ValidationError(
            entity="parts",
            field=f"parts[{at}].id",
            rule="same_document",
            reason=f"part {at} is of {shown(part.id)}, not of {shown(first[0])}",
        )
    return part.id, part.name


def part_conflict(collection: str, ident: str, before: int | None, now: int) -> ValidationError:
    """The error for one id standing for two different things in two parts.

    ``before`` is the part it was first met in, ``None`` when that is not known. The message
    names the collection, the id and the parts, never the record's contents.

    Examples:
        >>> print(part_conflict("persons", "p-1", 0, 3).reason)
        'p-1' of persons in part 3 differs from part 0
    """
    where = "an earlier part" if before is None else f"part {before}"
    return ValidationError(
        entity="parts",
        field=f"parts[{now}].{collection}",
        rule="same_in_every_part",
        reason=f"{shown(ident)} of {collection} in part {now} differs from {where}",
    )
