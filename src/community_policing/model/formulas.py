"""The "1+N" shape: one core plus N spokes, declared once and checked generically.

Every arrangement in the sources is written as a formula — a 1+1+N team (one officer or
auxiliary, one grid worker, N safety volunteers), the 1+4 service station, one district, one
officer, two auxiliaries (一区一警两辅). A :class:`Formula` is a core :class:`Slot` and a tuple of
spoke slots; each slot names what may fill it (role values, or any other component kinds, so the
same mechanism serves mechanisms as well as people) and how many: exactly k, at least k, between
k and m, or any number ("N"). Users declare their own local formulas without subclassing.

Checking a group against a formula assigns its members to slots as a maximum flow (a member who
could fill two slots fills the one that needs them) and reports every unmet slot.

Examples:
    >>> from community_policing import Formula, Role, Slot
    >>> one_one_n = Formula(
    ...     id="1+1+N", name="1+1+N team", name_zh="1+1+N队伍", source="Yuncheng (004)",
    ...     core=Slot(accepts=(Role.COMMUNITY_OFFICER, Role.AUXILIARY_OFFICER), label="officer"),
    ...     spokes=(Slot(accepts=(Role.GRID_WORKER,), label="grid worker"),
    ...             Slot(accepts=(Role.SAFETY_VOLUNTEER,), minimum=0, maximum=None,
    ...                  label="safety volunteers")),
    ... )
    >>> str(one_one_n)
    '1+1+N'
    >>> [gap.message for gap in one_one_n.check([Role.AUXILIARY_OFFICER, Role.SAFETY_VOLUNTEER])]
    ['grid worker: needs 1, has 0']
"""

from __future__ import annotations

from collections import Counter
from enum import Enum
from functools import lru_cache
from typing import TYPE_CHECKING, Any, ClassVar

import attrs
import networkx as nx

from community_policing.model import validators as v
from community_policing.model.vocab import (
    AUXILIARY_ROLES,
    POLICE_GRID_ROLES,
    InteractionKind,
    NetKind,
    OrganizationKind,
    Role,
    ServiceKind,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

__all__ = ["BUILT_IN_FORMULAS", "Formula", "MECHANISM_FORMULAS", "Slot", "SlotGap"]


def _component_key(value: object) -> str:
    return value.value if isinstance(value, Enum) else str(value)


def _accepts(value: Iterable[object]) -> frozenset[str]:
    return frozenset(_component_key(item) for item in value)


@attrs.frozen
class Slot:
    """One term of a formula: what may fill it and how many.

    Args:
        accepts: The roles (or any component kinds, as enum members or strings) that may fill
            the slot.
        minimum: At least this many.
        maximum: At most this many; ``None`` for any number (the "N").
        label: What the slot is, in English ("grid worker").
        label_zh: The same in Chinese, if known.

    Examples:
        >>> from community_policing import Role
        >>> Slot(accepts=(Role.AUXILIARY_OFFICER,), minimum=2, maximum=2).symbol
        '2'
        >>> Slot(accepts=("appointments",), minimum=0, maximum=None).symbol
        'N'
    """

    KIND: ClassVar[str] = "slot"

    accepts: frozenset[str] = attrs.field(converter=_accepts)
    minimum: int = attrs.field(default=1, validator=v.count)
    maximum: int | None = attrs.field(default=1, validator=v.optional_count)
    label: str = attrs.field(default="", kw_only=True)
    label_zh: str = attrs.field(default="", kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.accepts:
            raise v.fail(self, "accepts", "not_empty", "a slot must accept something")
        if self.maximum is not None and self.maximum < max(self.minimum, 1):
            raise v.fail(
                self, "maximum", "maximum_at_least_minimum", "must be at least the minimum and 1"
            )

    @property
    def symbol(self) -> str:
        """How the slot is written in a formula: ``1``, ``2``, ``N``, ``2-3`` or ``2+``."""
        if self.maximum is None:
            return "N" if self.minimum <= 1 else f"{self.minimum}+"
        if self.minimum == self.maximum:
            return str(self.minimum)
        return f"{self.minimum}-{self.maximum}"

    @property
    def name(self) -> str:
        """The label, or the accepted kinds when there is no label."""
        return self.label or "/".join(sorted(self.accepts))

    @property
    def name_zh(self) -> str:
        """The Chinese label, or the English name when there is none."""
        return self.label_zh or self.name


def _as_tuple(value: Iterable[Slot]) -> tuple[Slot, ...]:
    return tuple(value)


@attrs.frozen
class SlotGap:
    """A slot a group does not fill as its formula asks.

    Attributes:
        formula: The formula's id.
        slot: The slot's position: 0 for the core, 1… for the spokes; -1 for members that
            fit no slot at all.
        needed: The slot's minimum (or maximum, for too many).
        found: How many members the group could put in it.
        message: The gap in English.
        message_zh: The gap in Chinese.

    Examples:
        >>> from community_policing import BUILT_IN_FORMULAS, Role
        >>> (gap,) = BUILT_IN_FORMULAS["1+1+N"].check([Role.GRID_WORKER])
        >>> gap.slot, gap.needed, gap.found
        (0, 1, 0)
    """

    formula: str
    slot: int
    needed: int
    found: int
    message: str
    message_zh: str = ""


@attrs.frozen
class Formula:
    """One core and N spokes, such as "1+1+N".

    Args:
        id: Stable id, usually the formula as written ("1+1+N", "一区一警两辅").
        name: English name.
        name_zh: Chinese name.
        source: Where the formula comes from (a source report, or the user's own practice).
        core: The core slot (the "1").
        spokes: The spoke slots, in order.

    Examples:
        >>> from community_policing import BUILT_IN_FORMULAS
        >>> formula = BUILT_IN_FORMULAS["1+1+N"]
        >>> str(formula), formula.source
        ('1+1+N', 'Yuncheng city bureau, Shanxi (source 004)')
    """

    KIND: ClassVar[str] = "formula"

    id: str = attrs.field(validator=v.text)
    name: str = attrs.field(validator=v.text)
    name_zh: str = attrs.field(validator=v.text)
    source: str = attrs.field(validator=v.text)
    core: Slot = attrs.field(validator=v.instance_of(Slot))
    spokes: tuple[Slot, ...] = attrs.field(default=(), converter=_as_tuple)

    @spokes.validator
    def _check_spokes(self, attribute: attrs.Attribute[Any], value: tuple[Slot, ...]) -> None:
        v.tuple_of(Slot)(self, attribute, value)

    def __str__(self) -> str:
        # As the field writes it: consecutive fixed spokes are counted together, so the four
        # services of "1+4" are a 4, not four 1s; ``written`` spells every slot out.
        terms = [self.core.symbol]
        fixed = 0
        for slot in self.spokes:
            if slot.maximum is not None and slot.minimum == slot.maximum:
                fixed += slot.minimum
                continue
            if fixed:
                terms.append(str(fixed))
                fixed = 0
            terms.append(slot.symbol)
        if fixed:
            terms.append(str(fixed))
        return "+".join(terms)

    @property
    def written(self) -> str:
        """The formula spelled out slot by slot: ``1+1+N``, ``1+1+1+1+1`` for "1+4".

        Examples:
            >>> from community_policing import MECHANISM_FORMULAS
            >>> str(MECHANISM_FORMULAS["1+4"]), MECHANISM_FORMULAS["1+4"].written
            ('1+4', '1+1+1+1+1')
        """
        return "+".join(slot.symbol for slot in self.slots)

    @property
    def slots(self) -> tuple[Slot, ...]:
        """The core, then the spokes."""
        return (self.core, *self.spokes)

    def check(self, members: Iterable[object]) -> tuple[SlotGap, ...]:
        """Every slot that ``members`` (their roles or component kinds) leave unmet.

        Members are assigned to slots as a maximum flow, so one who could fill either of two
        slots goes where they are needed. A slot short of its minimum is a gap; so is a
        member who fits no slot once every slot is at its maximum (reported on the first slot
        that accepts their kind), and a member whose kind no slot accepts.

        Examples:
            >>> from community_policing import Role
            >>> district = Formula(
            ...     id="一区一警两辅", name="one district, one officer, two auxiliaries",
            ...     name_zh="一区一警两辅", source="Yuncheng (004)",
            ...     core=Slot(accepts=(Role.COMMUNITY_OFFICER,), label="officer"),
            ...     spokes=(Slot(accepts=(Role.AUXILIARY_OFFICER,), minimum=2, maximum=2,
            ...                  label="auxiliaries", label_zh="辅警"),))
            >>> district.check([Role.COMMUNITY_OFFICER, Role.AUXILIARY_OFFICER] * 1)
            (SlotGap(formula='一区一警两辅', slot=1, needed=2, found=1,
                     message='auxiliaries: needs 2, has 1', message_zh='辅警：需要 2，现有 1'),)
            >>> district.check([Role.COMMUNITY_OFFICER] + [Role.AUXILIARY_OFFICER] * 2)
            ()
        """
        counts = Counter(_component_key(member) for member in members)
        return _gaps(self, tuple(sorted(counts.items())))

    def _gaps(self, counted: tuple[tuple[str, int], ...]) -> tuple[SlotGap, ...]:
        counts = Counter(dict(counted))
        slots = self.slots
        gaps: list[SlotGap] = []
        minimums, _ = _assign(counts, slots, [slot.minimum for slot in slots])
        for index, slot in enumerate(slots):
            if minimums[index] < slot.minimum:
                gaps.append(self._gap(index, slot.minimum, minimums[index], minimum=True))
        placed, placed_of_kind = _assign(counts, slots, [slot.maximum for slot in slots])
        for kind, count in sorted(counts.items()):
            extra = count - placed_of_kind.get(kind, 0)
            if extra <= 0:
                continue
            home = next((i for i, slot in enumerate(slots) if kind in slot.accepts), None)
            if home is None:
                gaps.append(
                    SlotGap(
                        self.id,
                        -1,
                        0,
                        extra,
                        f"{kind}: fits no slot of {self.id}, has {extra}",
                        f"{kind}：不属于 {self.id} 的任何位置，现有 {extra}",
                    )
                )
            else:
                limit = slots[home].maximum or 0
                gaps.append(self._gap(home, limit, placed[home] + extra, minimum=False))
        return tuple(gaps)

    def _gap(self, index: int, needed: int, found: int, *, minimum: bool) -> SlotGap:
        slot = self.slots[index]
        verb, verb_zh = ("needs", "需要") if minimum else ("takes at most", "最多")
        return SlotGap(
            formula=self.id,
            slot=index,
            needed=needed,
            found=found,
            message=f"{slot.name}: {verb} {needed}, has {found}",
            message_zh=f"{slot.name_zh}：{verb_zh} {needed}，现有 {found}",
        )


@lru_cache(maxsize=4096)
def _gaps(formula: Formula, counted: tuple[tuple[str, int], ...]) -> tuple[SlotGap, ...]:
    """The gaps of a formula for a multiset of kinds, remembered.

    The same team is checked again and again (every replay of a mediation log checks its
    panels), and a maximum flow per check would dominate.
    """
    return formula._gaps(counted)  # noqa: SLF001


def _assign(
    counts: Counter[str], slots: tuple[Slot, ...], capacities: list[int | None]
) -> tuple[list[int], dict[str, int]]:
    """A maximum flow of members into slots under ``capacities``.

    Returns how many each slot receives, and how many members of each kind were placed.
    """
    flow_graph: nx.DiGraph[str] = nx.DiGraph()
    total = sum(counts.values())
    flow_graph.add_nodes_from(("source", "sink"))
    for kind, count in counts.items():
        flow_graph.add_edge("source", f"member:{kind}", capacity=count)
        for index, slot in enumerate(slots):
            if kind in slot.accepts:
                flow_graph.add_edge(f"member:{kind}", f"slot:{index}", capacity=count)
    for index, capacity in enumerate(capacities):
        limit = total if capacity is None else capacity
        flow_graph.add_edge(f"slot:{index}", "sink", capacity=limit)
    _, flows = nx.maximum_flow(flow_graph, "source", "sink")
    per_slot = [flows[f"slot:{index}"].get("sink", 0) for index in range(len(slots))]
    per_kind = {kind: flows["source"][f"member:{kind}"] for kind in counts}
    return per_slot, per_kind


_OFFICER = Slot(accepts=(Role.COMMUNITY_OFFICER,), label="community officer", label_zh="社区民警")
_OFFICER_OR_AUXILIARY = Slot(
    accepts=POLICE_GRID_ROLES,
    label="officer or auxiliary",
    label_zh="民警或辅警",
)


def _one(kind: ServiceKind | InteractionKind) -> Slot:
    return Slot(accepts=(kind,), label=kind.en, label_zh=kind.zh)


def _many(*roles: Role, label: str, label_zh: str, minimum: int = 0) -> Slot:
    return Slot(accepts=roles, minimum=minimum, maximum=None, label=label, label_zh=label_zh)


#: The formulas the sources describe for teams, by id; each says where it comes from.
BUILT_IN_FORMULAS: dict[str, Formula] = {
    formula.id: formula
    for formula in (
        Formula(
            id="1+1+N",
            name="one officer or auxiliary, one grid worker, N safety volunteers",
            name_zh="1+1+N队伍",
            source="Yuncheng city bureau, Shanxi (source 004)",
            core=_OFFICER_OR_AUXILIARY,
            spokes=(
                Slot(accepts=(Role.GRID_WORKER,), label="grid worker", label_zh="网格员"),
                _many(Role.SAFETY_VOLUNTEER, label="safety volunteers", label_zh="平安志愿者"),
            ),
        ),
        Formula(
            id="民警+网格员+志愿者",
            name="officer, grid workers and volunteers",
            name_zh="民警+网格员+志愿者",
            source="Jining Shizhong sub-bureau, Shandong (source 000)",
            core=_OFFICER,
            spokes=(
                _many(Role.GRID_WORKER, label="grid workers", label_zh="网格员", minimum=1),
                _many(
                    Role.SAFETY_VOLUNTEER,
                    Role.SOCIAL_WORK_VOLUNTEER,
                    label="volunteers",
                    label_zh="志愿者",
                    minimum=1,
                ),
            ),
        ),
        Formula(
            id="民警+村警",
            name="officer and village police",
            name_zh="民警+村警",
            source="Jining Shizhong sub-bureau, Shandong (source 000)",
            core=_OFFICER,
            spokes=(
                _many(Role.VILLAGE_POLICE, label="village police", label_zh="村警", minimum=1),
            ),
        ),
        Formula(
            id="一区一警两辅",
            name="one district, one officer, two auxiliaries",
            name_zh="一区一警两辅",
            source="Yuncheng city bureau, Shanxi (source 004)",
            core=_OFFICER,
            spokes=(
                Slot(
                    accepts=AUXILIARY_ROLES,
                    minimum=2,
                    maximum=2,
                    label="auxiliaries",
                    label_zh="辅警",
                ),
            ),
        ),
        Formula(
            id="民警+社区调解员+社会工作志愿者",
            name="officer, community mediators and social-work volunteers",
            name_zh="民警+社区调解员+社会工作志愿者",
            source="Hubin new district sub-bureau, Suqian, Jiangsu (source 003)",
            core=_OFFICER,
            spokes=(
                _many(
                    Role.COMMUNITY_MEDIATOR,
                    label="community mediators",
                    label_zh="社区调解员",
                    minimum=1,
                ),
                _many(
                    Role.SOCIAL_WORK_VOLUNTEER,
                    label="social-work volunteers",
                    label_zh="社会工作志愿者",
                    minimum=1,
                ),
            ),
        ),
    )
}

#: Formulas of mechanisms rather than teams: one core service plus N spokes, filled by component
#: kinds (a service given, an interaction held), not by people's roles.
MECHANISM_FORMULAS: dict[str, Formula] = {
    formula.id: formula
    for formula in (
        Formula(
            id="1+4",
            name="the community police office and its four services",
            name_zh="1+4服务站",
            source="Tieshan sub-bureau, Huangshi, Hubei (source 001)",
            core=Slot(
                accepts=(OrganizationKind.COMMUNITY_POLICE_OFFICE,),
                label="community police office",
                label_zh="社区警务室",
            ),
            spokes=tuple(
                _one(kind)
                for kind in (
                    ServiceKind.FLEXIBLE_HOURS,
                    ServiceKind.PROXY_SERVICE,
                    ServiceKind.APPOINTMENT,
                    ServiceKind.DELIVERY,
                )
            ),
        ),
        Formula(
            id="1+5",
            name="a monthly report and five kinds of visits and exchanges",
            name_zh="1+5互动",
            source="Tieshan sub-bureau, Huangshi, Hubei (source 001)",
            core=_one(InteractionKind.MONTHLY_REPORT),
            spokes=tuple(
                _one(kind) for kind in InteractionKind if kind is not InteractionKind.MONTHLY_REPORT
            ),
        ),
        Formula(
            id="1+3",
            name="incident analysis directing three nets",
            name_zh="1+3防控",
            source="Tieshan sub-bureau, Huangshi, Hubei (source 001)",
            core=Slot(
                accepts=("incident_analysis",), label="incident analysis", label_zh="警情研判"
            ),
            spokes=tuple(
                Slot(accepts=(kind,), label=kind.en, label_zh=kind.zh) for kind in NetKind
            ),
        ),
    )
}
