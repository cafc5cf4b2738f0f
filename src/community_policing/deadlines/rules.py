"""Deadline rules (办理时限): how long each kind of item may stay open, and what happens after.

The sources name no time limits, so every number here is configuration. A
:class:`DeadlineRule` gives one kind of item (and optionally one category of it) a number of
days, counted as calendar days (自然日) or working days (工作日), says whether the clock stops
while the office waits on the resident, how early an item counts as due soon, and what a
missed deadline sets off. A :class:`DeadlinePolicy` is the set of rules a platform runs;
:data:`DEFAULT_DEADLINES` is a starting point whose numbers are **not from the sources**.

Examples:
    >>> from community_policing.deadlines import DEFAULT_DEADLINES, TrackedKind
    >>> rule = DEFAULT_DEADLINES.rule_for(TrackedKind.MEDIATION, "3")
    >>> rule.days, rule.counting.zh, rule.escalation.zh
    (5, '工作日', '上报上一级调解')
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any, ClassVar

import attrs

from community_policing.model import validators as v
from community_policing.model.vocab import BilingualEnum

__all__ = [
    "Counting",
    "DEFAULT_DEADLINES",
    "DeadlinePolicy",
    "DeadlineRule",
    "Escalation",
    "TrackedKind",
]


class TrackedKind(BilingualEnum):
    """The kinds of item whose deadlines are tracked.

    Examples:
        >>> TrackedKind.ASSET_RETURN.label
        'asset return (返赃)'
    """

    TIP = "tip", "平安前哨线索"
    MEDIATION = "mediation", "矛盾纠纷调解"
    SERVICE_REQUEST = "service_request", "群众服务诉求"
    ASSET_RETURN = "asset_return", "返赃"


class Counting(BilingualEnum):
    """How the days of a deadline are counted.

    Examples:
        >>> Counting.WORKING_DAYS.zh
        '工作日'
    """

    CALENDAR_DAYS = "calendar_days", "自然日"
    WORKING_DAYS = "working_days", "工作日"


class Escalation(BilingualEnum):
    """What a missed deadline sets off (超期升级).

    Examples:
        >>> Escalation.TO_STATION_CHIEF.en
        'to station chief'
    """

    UP_ONE_TIER = "up_one_tier", "上报上一级调解"
    TO_STATION_CHIEF = "to_station_chief", "转派出所所长"


#: Which escalation each kind of item can take.
_ESCALATIONS: Mapping[TrackedKind, frozenset[Escalation]] = MappingProxyType(
    {
        TrackedKind.TIP: frozenset({Escalation.TO_STATION_CHIEF}),
        TrackedKind.MEDIATION: frozenset({Escalation.UP_ONE_TIER}),
        TrackedKind.SERVICE_REQUEST: frozenset(),
        TrackedKind.ASSET_RETURN: frozenset(),
    }
)


@attrs.frozen
class DeadlineRule:
    """How long one kind (and category) of item may stay open, and what happens after.

    Args:
        kind: The kind of item.
        category: The category the rule is for, or ``None`` for every category of the kind
            without a rule of its own. A mediation case's category is its tier's level
            (``"3"``), a service request's its service kind's value, a tip and an asset
            return have none.
        days: Days from the report to the deadline; the deadline is the ``days``-th counted
            day after the day the clock starts (0: the same day).
        counting: Calendar days or working days (the latter needs a working calendar).
        pauses_while_waiting: Whether days spent waiting on the resident (补正期间) stop the
            clock.
        due_soon_days: An open item is due soon when this many counted days or fewer are
            left.
        escalation: What a missed deadline sets off, if anything.
        source: Where the numbers come from.

    Examples:
        >>> from community_policing.deadlines import Counting, TrackedKind
        >>> DeadlineRule(TrackedKind.TIP, days=-1)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: deadline_rule: days: must not be negative
    """

    KIND: ClassVar[str] = "deadline_rule"

    kind: TrackedKind = attrs.field(validator=v.member_of(TrackedKind))
    category: str | None = attrs.field(default=None, validator=v.optional_text)
    days: int = attrs.field(default=5, validator=v.count)
    counting: Counting = attrs.field(default=Counting.WORKING_DAYS, validator=v.member_of(Counting))
    pauses_while_waiting: bool = attrs.field(default=False, validator=v.instance_of(bool))
    due_soon_days: int = attrs.field(default=1, validator=v.count)
    escalation: Escalation | None = attrs.field(
        default=None, validator=v.member_of(Escalation, optional=True)
    )
    source: str = attrs.field(default="configuration", validator=v.text)

    def __attrs_post_init__(self) -> None:
        if self.escalation is not None and self.escalation not in _ESCALATIONS[self.kind]:
            raise v.fail(
                self,
                "escalation",
                "escalation_kind",
                f"a {self.kind.en} cannot be escalated {self.escalation.en}",
            )


def _rules(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.tuple_of(DeadlineRule)(instance, attribute, value)
    seen: set[tuple[TrackedKind, str | None]] = set()
    for rule in value:
        key = (rule.kind, rule.category)
        if key in seen:
            which = "every category" if rule.category is None else f"category {rule.category!r}"
            raise v.fail(
                instance, attribute.name, "unique", f"two rules for {rule.kind.en}, {which}"
            )
        seen.add(key)


@attrs.frozen
class DeadlinePolicy:
    """The deadline rules a platform runs: at most one per kind and category.

    Examples:
        >>> from community_policing.deadlines import DeadlineRule, TrackedKind
        >>> policy = DeadlinePolicy((DeadlineRule(TrackedKind.TIP, days=3),))
        >>> policy.rule_for(TrackedKind.TIP).days, policy.rule_for(TrackedKind.MEDIATION, "3")
        (3, None)
    """

    KIND: ClassVar[str] = "deadline_policy"

    rules: tuple[DeadlineRule, ...] = attrs.field(converter=v.list_as_tuple, validator=_rules)
    _index: Mapping[tuple[TrackedKind, str | None], DeadlineRule] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        index = {(rule.kind, rule.category): rule for rule in self.rules}
        object.__setattr__(self, "_index", MappingProxyType(index))

    def rule_for(self, kind: TrackedKind, category: str | None = None) -> DeadlineRule | None:
        """The rule for ``category`` of ``kind``, else the kind's general rule, else ``None``."""
        found = self._index.get((kind, category))
        return found if found is not None else self._index.get((kind, None))

    def replaced(self, *rules: DeadlineRule) -> DeadlinePolicy:
        """This policy with ``rules`` put in place of those for the same kind and category.

        Examples:
            >>> from community_policing.deadlines import DEFAULT_DEADLINES, TrackedKind
            >>> mine = DEFAULT_DEADLINES.replaced(DeadlineRule(TrackedKind.TIP, days=2))
            >>> mine.rule_for(TrackedKind.TIP).days
            2
        """
        new = {(rule.kind, rule.category) for rule in rules}
        kept = [rule for rule in self.rules if (rule.kind, rule.category) not in new]
        return DeadlinePolicy((*kept, *rules))


_DEFAULT = "default of the library, not from the sources"

#: A starting policy. **The sources give no time limits**: these numbers are the library's
#: defaults, chosen to be plausible and easy to change, and every rule says so in ``source``.
#: Tips: 5 working days to close, then to the station chief. Mediation: 5 working days at the
#: grid (tier 3) and 10 at the village or community (tier 2), each then up one tier, and 15 at
#: the station (tier 1). Service requests: 5 working days, the clock stopped while waiting on
#: the resident. Asset returns: 30 calendar days from verification to the victims' return.
DEFAULT_DEADLINES = DeadlinePolicy(
    (
        DeadlineRule(
            TrackedKind.TIP, days=5, escalation=Escalation.TO_STATION_CHIEF, source=_DEFAULT
        ),
        *(
            DeadlineRule(
                TrackedKind.MEDIATION,
                category=str(tier),
                days=days,
                due_soon_days=2,
                escalation=escalation,
                source=_DEFAULT,
            )
            for tier, days, escalation in (
                (3, 5, Escalation.UP_ONE_TIER),
                (2, 10, Escalation.UP_ONE_TIER),
                (1, 15, None),
            )
        ),
        DeadlineRule(
            TrackedKind.SERVICE_REQUEST, days=5, pauses_while_waiting=True, source=_DEFAULT
        ),
        DeadlineRule(
            TrackedKind.ASSET_RETURN,
            days=30,
            counting=Counting.CALENDAR_DAYS,
            due_soon_days=5,
            source=_DEFAULT,
        ),
    )
)
