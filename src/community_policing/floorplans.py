"""Resident information floor plans (实有人口信息平面图): who lives in each unit, and how fresh.

Jining (source 000) keeps, for every building, a plan of its floors and units with the
household and residents of each unit; officers and grid workers re-verify the plan on their
visits. Every unit carries the date it was last verified and by whom, a visit updates the plan
and keeps the superseded entry as history, and a staleness report lists the units nobody has
verified within a number of days.

Residents are named by person id only: a plan carries no names, phones or ID-card numbers.

Examples:
    >>> from datetime import date
    >>> plan = FloorPlan(building="b-1", floors=2, units=[
    ...     UnitRecord("101", 1, date(2025, 1, 5), "p-officer", household="h-1",
    ...                residents=["p-a", "p-b"]),
    ...     UnitRecord("201", 2, date(2024, 6, 1), "p-officer")])
    >>> print(plan.render(as_of=date(2025, 3, 1), max_age_days=90))
    b-1 (2 floors)
    2F | 201 vacant 0 2024-06-01 !
    1F | 101 h-1 2 2025-01-05
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from datetime import date, timedelta
from itertools import compress
from operator import attrgetter
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import ValidationError, shown
from community_policing.graph import disclose
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.vocab import Relation

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    from community_policing.graph import CommunityGraph
    from community_policing.model.audit import Access
    from community_policing.model.territory import StandardAddress

__all__ = [
    "FloorPlan",
    "StalenessReport",
    "UnitRecord",
    "floor_plan_from_graph",
    "staleness_report",
]

#: The default age, in days, after which a unit counts as stale (one quarter).
DEFAULT_MAX_AGE_DAYS = 90


def _floor(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or not 1 <= value <= v.MAX_COUNT:
        raise v.fail(instance, attribute.name, "floor", "must be a whole number from 1")


@document
@attrs.frozen
class UnitRecord:
    """One unit (户室) of a floor plan as last verified: its household and residents.

    Args:
        unit: The unit's label within the building (``"2-502"``, ``"101"``).
        floor: Its floor, from 1.
        verified_on: When someone last checked it.
        verified_by: Who checked it (person id).
        household: The household living there; ``None`` for a vacant unit.
        residents: The persons living there (ids).
        address: Its standard address, when it has one.

    Examples:
        >>> from datetime import date
        >>> UnitRecord("101", 1, date(2025, 1, 5), "p-officer", household="h-1",
        ...            residents=["p-a"]).residents
        ('p-a',)
    """

    KIND: ClassVar[str] = "unit_record"

    unit: str = attrs.field(validator=v.text)
    floor: int = attrs.field(validator=_floor)
    verified_on: date = attrs.field(validator=v.calendar_date)
    verified_by: str = attrs.field(validator=v.identifier)
    household: str | None = attrs.field(default=None, validator=v.optional_identifier)
    residents: tuple[str, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    address: str | None = attrs.field(default=None, validator=v.optional_identifier)

    @residents.validator
    def _check_residents(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.unique_identifiers(self, attribute, value)
        if value and self.household is None:
            raise v.fail(self, "residents", "household", "residents need a household")

    @property
    def is_vacant(self) -> bool:
        """Whether nobody lives there."""
        return self.household is None


_KEEP: Any = object()


@document
@attrs.frozen
class FloorPlan:
    """The floor plan of one building (楼栋平面图): its units as last verified, with history.

    :meth:`visit` returns a new plan; the entry it replaces moves to :attr:`history`, so the
    plan never forgets who lived where and who said so.

    Examples:
        >>> from datetime import date
        >>> plan = FloorPlan(building="b-1", floors=3,
        ...                  units=[UnitRecord("301", 3, date(2024, 1, 2), "p-officer")])
        >>> plan = plan.visit("301", on=date(2025, 2, 1), by="p-grid-worker", household="h-9",
        ...                   residents=["p-new"])
        >>> plan.unit("301").household, [old.verified_on.year for old in plan.history]
        ('h-9', [2024])
    """

    KIND: ClassVar[str] = "floor_plan"

    building: str = attrs.field(validator=v.identifier)
    floors: int = attrs.field(validator=_floor)
    units: tuple[UnitRecord, ...] = attrs.field(converter=v.list_as_tuple)
    history: tuple[UnitRecord, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    _by_unit: Mapping[str, int] = attrs.field(init=False, eq=False, repr=False)

    @units.validator
    def _check_units(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(UnitRecord)(self, attribute, value)
        for record in value:
            if record.floor > self.floors:
                raise v.fail(
                    self,
                    "units",
                    "floor",
                    f"unit {shown(record.unit)} is on floor {record.floor} of {self.floors}",
                )

    @history.validator
    def _check_history(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(UnitRecord)(self, attribute, value)

    def __attrs_post_init__(self) -> None:
        positions: dict[str, int] = {}
        for index, record in enumerate(self.units):
            if positions.setdefault(record.unit, index) != index:
                raise v.fail(
                    self, "units", "duplicate_unit", f"unit {shown(record.unit)} is listed twice"
                )
        object.__setattr__(self, "_by_unit", positions)

    @property
    def id(self) -> str:
        """The building's id: one plan per building."""
        return self.building

    def unit(self, label: str) -> UnitRecord:
        """The current entry of unit ``label``.

        Raises:
            ValidationError: the building has no such unit.
        """
        position = self._by_unit.get(label)
        if position is None:
            raise v.fail(self, "units", "not_found", f"no unit {shown(label)}")
        return self.units[position]

    def visit(
        self,
        label: str,
        *,
        on: date,
        by: str,
        household: str | None = _KEEP,
        residents: Iterable[str] = _KEEP,
    ) -> FloorPlan:
        """This plan after a verification visit (入户核查) to unit ``label``.

        Whatever is not given stays as it was; the visit always renews the verification date and
        verifier. Moving a household out (``household=None``) empties the unit's residents unless
        new ones are given.

        Raises:
            ValidationError: no such unit, the visit predates the last verification, or the new
                entry is invalid. The plan is unchanged.
        """
        current = self.unit(label)
        if on < current.verified_on:
            raise v.fail(
                self,
                "verified_on",
                "chronology",
                f"unit {shown(label)} was last verified after this visit",
            )
        new_household = current.household if household is _KEEP else household
        if residents is _KEEP:
            kept = current.residents if new_household is not None else ()
        else:
            kept = tuple(residents)
        updated = attrs.evolve(
            current, verified_on=on, verified_by=by, household=new_household, residents=kept
        )
        units = list(self.units)
        units[self._by_unit[label]] = updated
        return attrs.evolve(self, units=tuple(units), history=(*self.history, current))

    def stale(
        self, as_of: date, max_age_days: int = DEFAULT_MAX_AGE_DAYS
    ) -> tuple[UnitRecord, ...]:
        """The units last verified more than ``max_age_days`` before ``as_of``, in plan order."""
        cutoff = _cutoff(as_of, max_age_days)
        return tuple(record for record in self.units if record.verified_on < cutoff)

    def render(self, *, as_of: date | None = None, max_age_days: int = DEFAULT_MAX_AGE_DAYS) -> str:
        """The plan as text, top floor first.

        Each unit shows its label, household (or ``vacant``), number of residents and the date
        verified, with ``!`` when it is stale as of ``as_of`` (when given).
        """
        cutoff = None if as_of is None else _cutoff(as_of, max_age_days)
        lines = [f"{self.building} ({self.floors} floors)"]
        for floor in range(self.floors, 0, -1):
            cells = [_cell(record, cutoff) for record in self.units if record.floor == floor]
            lines.append(f"{floor}F | " + " | ".join(cells) if cells else f"{floor}F |")
        return "\n".join(lines)


def _cutoff(as_of: date, max_age_days: int) -> date:
    if type(max_age_days) is not int or max_age_days < 0:
        raise ValidationError(
            entity="staleness",
            field="max_age_days",
            rule="count",
            reason="must be a whole number of days, 0 or more",
        )
    return as_of - timedelta(days=max_age_days)


def _cell(record: UnitRecord, cutoff: date | None) -> str:
    flag = " !" if cutoff is not None and record.verified_on < cutoff else ""
    household = record.household or "vacant"
    return (
        f"{record.unit} {household} {len(record.residents)} {record.verified_on.isoformat()}{flag}"
    )


@attrs.frozen
class StalenessReport:
    """Units not verified within ``max_age_days`` of ``as_of``, with counts to act on.

    Attributes:
        as_of: The day of the report.
        max_age_days: The age beyond which a unit is stale.
        stale: For each building with stale units, in plan order, (building, its stale units).
        by_officer: Stale units per officer: the officer named for the building, or else the
            last verifier.

    Examples:
        >>> from datetime import date
        >>> plan = FloorPlan("b-1", 1, [UnitRecord("101", 1, date(2024, 1, 1), "p-gw")])
        >>> report = staleness_report([plan], as_of=date(2025, 1, 1), max_age_days=180)
        >>> [(building, entry.unit) for building, entry in report.units]
        [('b-1', '101')]
    """

    as_of: date
    max_age_days: int
    stale: tuple[tuple[str, tuple[UnitRecord, ...]], ...]
    by_officer: Mapping[str, int]

    @property
    def by_building(self) -> dict[str, int]:
        """Stale units per building, sorted by building."""
        return dict(sorted((building, len(units)) for building, units in self.stale))

    @property
    def units(self) -> tuple[tuple[str, UnitRecord], ...]:
        """Every stale unit as (building, entry), in plan order."""
        return tuple((building, unit) for building, units in self.stale for unit in units)

    @classmethod
    def combine(cls, reports: Iterable[StalenessReport]) -> StalenessReport:
        """One report of the plans behind ``reports``, in their order (parts of one city).

        The reports must be of one day and one age limit.

        Raises:
            ValidationError: no reports, or reports of different days or age limits.

        Examples:
            >>> from datetime import date
            >>> old = [UnitRecord("101", 1, date(2024, 1, 1), "p-gw")]
            >>> plans = [FloorPlan("b-1", 1, old), FloorPlan("b-2", 1, old)]
            >>> day = date(2025, 1, 1)
            >>> parts = [staleness_report([plan], as_of=day) for plan in plans]
            >>> StalenessReport.combine(parts) == staleness_report(plans, as_of=day)
            True
        """
        given = list(reports)
        if not given or any(
            (r.as_of, r.max_age_days) != (given[0].as_of, given[0].max_age_days) for r in given
        ):
            raise ValidationError(
                entity="staleness",
                field="reports",
                rule="same_day",
                reason="reports to combine are of one day and one age limit",
            )
        by_officer: Counter[str] = Counter()
        for report in given:
            by_officer.update(report.by_officer)
        return cls(
            as_of=given[0].as_of,
            max_age_days=given[0].max_age_days,
            stale=tuple(entry for report in given for entry in report.stale),
            by_officer=dict(sorted(by_officer.items())),
        )


_VERIFIED_ON = attrgetter("verified_on")
_VERIFIED_BY = attrgetter("verified_by")


def staleness_report(
    plans: Iterable[FloorPlan],
    *,
    as_of: date,
    max_age_days: int = DEFAULT_MAX_AGE_DAYS,
    officer_of: Mapping[str, str] | None = None,
) -> StalenessReport:
    """Which units of ``plans`` need a visit: not verified within ``max_age_days`` of ``as_of``.

    Args:
        plans: The floor plans to look through.
        as_of: The day of the report.
        max_age_days: How old a verification may be (default one quarter, 90 days).
        officer_of: The officer responsible for each building (building id to person id); a
            stale unit of a building not in it counts for its last verifier.

    Examples:
        >>> from datetime import date
        >>> plans = [FloorPlan("b-1", 1, [UnitRecord("101", 1, date(2024, 1, 1), "p-gw")]),
        ...          FloorPlan("b-2", 1, [UnitRecord("101", 1, date(2025, 2, 1), "p-gw")])]
        >>> report = staleness_report(plans, as_of=date(2025, 3, 1), officer_of={"b-1": "p-wang"})
        >>> dict(report.by_building), dict(report.by_officer)
        ({'b-1': 1}, {'p-wang': 1})
    """
    cutoff = _cutoff(as_of, max_age_days)
    responsible = {} if officer_of is None else officer_of
    found: list[tuple[str, tuple[UnitRecord, ...]]] = []
    by_officer: Counter[str] = Counter()
    older = cutoff.__gt__
    for plan in plans:
        units = plan.units
        # filtered and counted in C: a verification date before the cutoff is stale
        stale = tuple(compress(units, map(older, map(_VERIFIED_ON, units))))
        if not stale:
            continue
        building = plan.building
        officer = responsible.get(building)
        if officer is None:
            by_officer.update(map(_VERIFIED_BY, stale))
        else:
            by_officer[officer] += len(stale)
        found.append((building, stale))
    return StalenessReport(
        as_of=as_of,
        max_age_days=max_age_days,
        stale=tuple(found),
        by_officer=dict(sorted(by_officer.items())),
    )


_ROOM = re.compile(r"(\d+)室")


def _floor_from_text(address: StandardAddress) -> int:
    """``501室`` is on floor 5, ``1201室`` on floor 12; an address without a room is floor 1."""
    found = _ROOM.findall(address.text)
    return max(1, int(found[-1]) // 100) if found else 1


def floor_plan_from_graph(
    graph: CommunityGraph,
    building: str,
    *,
    as_of: date,
    access: Access,
    floor_of: Callable[[StandardAddress], int] = _floor_from_text,
) -> FloorPlan:
    """A first floor plan of ``building`` drawn from the graph.

    One unit per standard address in the building, with the household there and its residents
    on ``as_of``, verified that day by the access's actor. Who lives where is personal data:
    the plan is drawn through :func:`~community_policing.graph.disclosure.disclose`, which
    leaves one audit record.

    Args:
        graph: The relationship graph.
        building: The building's node key (``"building:<id>"``).
        as_of: The day the plan is drawn (and verified).
        access: Who draws it and why (an officer or a grid worker).
        floor_of: The floor of an address; by default read from the room number of its text
            (``501室`` is on floor 5), floor 1 when it has none; never above the building's
            recorded floors. A building without recorded floors gets as many as its highest
            unit.

    Raises:
        NotFoundError: no such building.
        ValidationError: the key is not a building's, or the access is refused.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Access, Audience, CommunityGraph, sample
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> visit = Access("p-zheng-li", "楼栋走访", Audience.GRID_WORKER)
        >>> plan = floor_plan_from_graph(graph, "building:b-jy-1", as_of=date(2025, 1, 1),
        ...                              access=visit)
        >>> print(plan.render())
        b-jy-1 (6 floors)
        6F |
        5F | a-jy-1-502 h-jy-1-502 2 2025-01-01
        4F |
        3F |
        2F |
        1F | a-jy-1-101 h-jy-1-101 3 2025-01-01
    """
    node = graph.entity(building)
    if type(node).KIND != "building":
        raise ValidationError(
            entity="floor_plan", field="building", rule="kind", reason="expected a building key"
        )
    opened = disclose(graph, access, query="floor_plan", as_of=as_of)
    view = opened.as_of_view(as_of)
    verified_by = access.actor
    units = []
    for address_key, _, data in sorted(view.in_edges(building, data=True)):
        if data["relation"] is not Relation.IN_BUILDING:
            continue
        address = graph.entity(address_key)
        households = [
            household
            for household, _, edge in view.in_edges(address_key, data=True)
            if edge["relation"] is Relation.AT_ADDRESS and household.startswith("household:")
        ]
        household = min(households, default=None)
        residents: list[str] = []
        if household is not None:
            residents = sorted(
                graph.entity(person).id
                for person, _, edge in view.in_edges(household, data=True)
                if edge["relation"] is Relation.LIVES_IN
            )
        units.append(
            UnitRecord(
                unit=address.id,
                floor=floor_of(address)
                if node.floors is None
                else min(floor_of(address), node.floors),
                verified_on=as_of,
                verified_by=verified_by,
                household=None if household is None else graph.entity(household).id,
                residents=residents,
                address=address.id,
            )
        )
    # a building without a recorded height is as tall as its highest unit
    floors = node.floors or max((unit.floor for unit in units), default=1)
    return FloorPlan(building=node.id, floors=floors, units=units)
