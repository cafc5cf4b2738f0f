"""Mediation ladders (调解层级): the tiers a dispute climbs, and who may mediate at each.

Yuncheng's three tiers (source 004) handle a dispute first in the grid (tier 3: grid worker and
resident auxiliary), then in the village or community (tier 2: auxiliary, Fengqiao mediator,
village party branch), then at the station (tier 1: the officer with village cadres, grid
workers and lawyers) — "small matters stay in the grid, big matters stay in the community".
A :class:`MediationLadder` is that ordered list of tiers; each tier says who may mediate at it
as a "1+N" :class:`~community_policing.model.formulas.Formula`. Users declare their own ladders.

Examples:
    >>> from community_policing.mediation import DEFAULT_LADDER
    >>> [(tier.level, tier.name_zh) for tier in DEFAULT_LADDER.tiers]
    [(3, '网格'), (2, '村（社区）'), (1, '派出所')]
"""

from __future__ import annotations

from typing import Any, ClassVar

import attrs

from community_policing.model import validators as v
from community_policing.model.formulas import Formula, Slot
from community_policing.model.vocab import AUXILIARY_ROLES, AreaKind, Role

__all__ = ["DEFAULT_LADDER", "MediationLadder", "MediationTier"]


@attrs.frozen
class MediationTier:
    """One tier of a mediation ladder: where it works and who may mediate at it.

    Args:
        level: The tier's number as the source writes it (Yuncheng: 3 is the grid, 1 the
            station).
        name: English name.
        name_zh: Chinese name.
        area_kind: The level of the territory the tier works at.
        mediators: Who may mediate, as a formula: every mediator present must fit a slot, and
            the slots' minimums must be met.

    Examples:
        >>> from community_policing import Role
        >>> from community_policing.mediation import DEFAULT_LADDER
        >>> grid = DEFAULT_LADDER.tiers[0]
        >>> grid.accepts(Role.GRID_WORKER), grid.accepts(Role.LAWYER)
        (True, False)
    """

    KIND: ClassVar[str] = "mediation_tier"

    level: int = attrs.field(validator=v.count)
    name: str = attrs.field(validator=v.text)
    name_zh: str = attrs.field(validator=v.text)
    area_kind: AreaKind = attrs.field(validator=v.member_of(AreaKind))
    mediators: Formula = attrs.field(validator=v.instance_of(Formula))

    def accepts(self, role: Role) -> bool:
        """Whether someone in ``role`` may mediate at this tier."""
        return any(role.value in slot.accepts for slot in self.mediators.slots)


@attrs.frozen
class MediationLadder:
    """Tiers of mediation, from the first a dispute meets to the last (调解层级).

    Escalation goes one tier at a time along ``tiers``; beyond the last, a case is referred
    out (to a court or an agency).

    Examples:
        >>> from community_policing.mediation import DEFAULT_LADDER
        >>> DEFAULT_LADDER.tier(2).name
        'village or community'
        >>> DEFAULT_LADDER.above(3).level
        2
        >>> DEFAULT_LADDER.above(1) is None
        True
    """

    KIND: ClassVar[str] = "mediation_ladder"

    id: str = attrs.field(validator=v.identifier)
    name: str = attrs.field(validator=v.text)
    source: str = attrs.field(validator=v.text)
    tiers: tuple[MediationTier, ...] = attrs.field(converter=v.list_as_tuple)

    @tiers.validator
    def _check_tiers(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(MediationTier)(self, attribute, value)
        levels = [tier.level for tier in value]
        if not levels:
            raise v.fail(self, "tiers", "not_empty", "a ladder needs at least one tier")
        if len(set(levels)) != len(levels):
            raise v.fail(self, "tiers", "unique", "two tiers share a level")

    def tier(self, level: int) -> MediationTier:
        """The tier with this level.

        Raises:
            ValidationError: the ladder has no such tier.
        """
        for tier in self.tiers:
            if tier.level == level:
                return tier
        known = ", ".join(str(tier.level) for tier in self.tiers)
        raise v.fail(self, "tiers", "unknown_tier", f"no tier {level}; tiers are {known}")

    def above(self, level: int) -> MediationTier | None:
        """The tier a case escalates to from ``level``, or ``None`` from the last."""
        index = self.tiers.index(self.tier(level))
        return self.tiers[index + 1] if index + 1 < len(self.tiers) else None


def _any(*roles: Role, label: str, label_zh: str) -> Slot:
    return Slot(accepts=roles, minimum=0, maximum=None, label=label, label_zh=label_zh)


_YUNCHENG = "Yuncheng city bureau, Shanxi (source 004)"

#: Yuncheng's three tiers (source 004): grid, village or community, station.
DEFAULT_LADDER = MediationLadder(
    id="yuncheng-three-tiers",
    name="Yuncheng's three-tier mediation (三级调解)",
    source=_YUNCHENG,
    tiers=(
        MediationTier(
            level=3,
            name="grid",
            name_zh="网格",
            area_kind=AreaKind.MANAGEMENT_GRID,
            mediators=Formula(
                id="tier-3",
                name="grid worker or resident auxiliary, with more of either",
                name_zh="网格员、驻村辅警",
                source=_YUNCHENG,
                core=Slot(
                    accepts=(Role.GRID_WORKER, *AUXILIARY_ROLES),
                    label="grid worker or auxiliary",
                    label_zh="网格员或辅警",
                ),
                spokes=(
                    _any(
                        Role.GRID_WORKER,
                        *AUXILIARY_ROLES,
                        label="grid workers and auxiliaries",
                        label_zh="网格员和辅警",
                    ),
                ),
            ),
        ),
        MediationTier(
            level=2,
            name="village or community",
            name_zh="村（社区）",
            area_kind=AreaKind.COMMUNITY,
            mediators=Formula(
                id="tier-2",
                name="auxiliary or officer, Fengqiao mediators, village party branch",
                name_zh="辅警、枫桥员、村党支部",
                source=_YUNCHENG,
                core=Slot(
                    accepts=(Role.COMMUNITY_OFFICER, *AUXILIARY_ROLES),
                    label="officer or auxiliary",
                    label_zh="民警或辅警",
                ),
                spokes=(
                    _any(
                        Role.FENGQIAO_MEDIATOR,
                        Role.COMMUNITY_MEDIATOR,
                        label="mediators",
                        label_zh="调解员",
                    ),
                    _any(
                        Role.VILLAGE_PARTY_SECRETARY,
                        Role.VILLAGE_CADRE,
                        Role.COMMUNITY_COMMITTEE_CADRE,
                        Role.GRID_WORKER,
                        label="village party branch and cadres",
                        label_zh="村党支部和村干部",
                    ),
                ),
            ),
        ),
        MediationTier(
            level=1,
            name="station",
            name_zh="派出所",
            area_kind=AreaKind.POLICE_STATION,
            mediators=Formula(
                id="tier-1",
                name="officer with village cadres, grid workers and lawyers",
                name_zh="民警、村干部、网格员、律师",
                source=_YUNCHENG,
                core=Slot(
                    accepts=(Role.COMMUNITY_OFFICER, Role.STATION_CHIEF),
                    label="officer",
                    label_zh="民警",
                ),
                spokes=(
                    _any(
                        Role.VILLAGE_CADRE,
                        Role.VILLAGE_PARTY_SECRETARY,
                        Role.COMMUNITY_COMMITTEE_CADRE,
                        Role.GRID_WORKER,
                        Role.LAWYER,
                        Role.FENGQIAO_MEDIATOR,
                        Role.COMMUNITY_MEDIATOR,
                        *AUXILIARY_ROLES,
                        label="cadres, grid workers, lawyers, mediators, auxiliaries",
                        label_zh="村干部、网格员、律师、调解员、辅警",
                    ),
                ),
            ),
        ),
    ),
)
