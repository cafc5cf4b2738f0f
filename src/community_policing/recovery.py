"""Asset recovery (追赃挽损): seize, verify, return to victims, visit them — with an audit trail.

Hubin (source 003): "solve the case, recover the loot, return it" (破案、追赃、返赃); "whoever
leads the case is responsible" (谁主办、谁负责). The station and the investigation unit work
jointly: the unit verifies each reported recovery before anything is returned, and visits the
victims; Hubin held more than 20 collective return events.

A :class:`RecoveryCase` is immutable: every command returns the next case and appends one
:class:`RecoveryStep` to its trail, and a refused command raises
:class:`~community_policing.errors.ValidationError` and changes nothing. The rules: one accountable
lead; returns only after verification, never more than was verified, never more to a victim
than their loss; amounts are whole yuan and never negative; the trail is in date order.

Examples:
    >>> from datetime import date
    >>> case = RecoveryCase.open("rc-1", criminal_case="cc-17", lead="p-wang-jun",
    ...                          on=date(2025, 3, 1), losses=[Loss("p-victim", 20_000)])
    >>> case = case.seize("item-1", 15_000, on=date(2025, 3, 4), by="p-wang-jun")
    >>> case = case.verify(on=date(2025, 3, 6), unit="o-investigation", by="p-li-qiang")
    >>> case = case.return_to("p-victim", 15_000, on=date(2025, 3, 9), by="p-wang-jun")
    >>> case.recovered, case.returned, [step.action for step in case.trail]
    (15000, 15000, ['opened', 'seized', 'verified', 'returned'])
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.deadlines import TrackedItem, TrackedKind
from community_policing.errors import ValidationError
from community_policing.model import validators as v
from community_policing.model.registry import document

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.model.periods import Period

__all__ = ["Loss", "RecoveryCase", "RecoveryStep", "recovery_totals", "tracked"]

#: The actions a trail records, in the words the steps use.
ACTIONS = ("opened", "suspect_added", "seized", "verified", "returned", "visited", "lead_changed")


def _yuan(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.count(instance, attribute, value)


@attrs.frozen
class Loss:
    """What one victim lost, in whole yuan.

    Examples:
        >>> Loss("p-victim", 20_000).amount
        20000
    """

    KIND: ClassVar[str] = "loss"

    victim: str = attrs.field(validator=v.identifier)
    amount: int = attrs.field(validator=_yuan)


def _action(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value not in ACTIONS:
        raise v.fail(instance, attribute.name, "action", f"is one of {', '.join(ACTIONS)}")


@attrs.frozen
class RecoveryStep:
    """One step of a recovery case's audit trail: when, what, by whom, for whom, how much.

    Examples:
        >>> from datetime import date
        >>> RecoveryStep(date(2025, 3, 4), "seized", "p-wang-jun", party="item-1",
        ...              amount=15_000).amount
        15000
    """

    KIND: ClassVar[str] = "recovery_step"

    on: date = attrs.field(validator=v.calendar_date)
    action: str = attrs.field(validator=_action)
    by: str = attrs.field(validator=v.identifier)
    party: str | None = attrs.field(default=None, validator=v.optional_identifier)
    amount: int = attrs.field(default=0, validator=_yuan)


def _steps(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.tuple_of(RecoveryStep)(instance, attribute, value)
    if not value or value[0].action != "opened":
        raise v.fail(instance, attribute.name, "opened", "the trail starts with the opening")


@document
@attrs.frozen
class RecoveryCase:
    """A recovery case linked to a criminal case, as the fold of its audit trail.

    The trail is the record; everything else (suspects, amounts, verification, returns, visits)
    is derived from it, so a case read back from JSON is re-checked step by step.

    Examples:
        >>> from datetime import date
        >>> case = RecoveryCase.open("rc-1", criminal_case="cc-17", lead="p-wang-jun",
        ...                          on=date(2025, 3, 1), losses=[Loss("p-victim", 500)])
        >>> case.return_to("p-victim", 100, on=date(2025, 3, 2), by="p-wang-jun")
        ... # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: recovery_case 'rc-1': action: nothing is...
    """

    KIND: ClassVar[str] = "recovery_case"

    id: str = attrs.field(validator=v.identifier)
    criminal_case: str = attrs.field(validator=v.identifier)
    losses: tuple[Loss, ...] = attrs.field(converter=v.list_as_tuple)
    trail: tuple[RecoveryStep, ...] = attrs.field(converter=v.list_as_tuple, validator=_steps)
    _state: _State = attrs.field(init=False, eq=False, repr=False)

    @losses.validator
    def _check_losses(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(Loss)(self, attribute, value)
        victims = [loss.victim for loss in value]
        if len(set(victims)) != len(victims):
            raise v.fail(self, "losses", "unique", "names a victim twice")

    def __attrs_post_init__(self) -> None:
        state = _State(self, lead=self.trail[0].by)
        for index, step in enumerate(self.trail[1:], start=1):
            state.apply(step, index)
        object.__setattr__(self, "_state", state)

    @classmethod
    def open(
        cls,
        id: str,  # noqa: A002  (the model's own field name)
        *,
        criminal_case: str,
        lead: str,
        on: date,
        losses: Iterable[Loss] = (),
    ) -> RecoveryCase:
        """Open a case; ``lead`` is the accountable lead (主办人) and records the opening."""
        return cls(id, criminal_case, tuple(losses), (RecoveryStep(on, "opened", lead),))

    @property
    def lead(self) -> str:
        """The accountable lead now."""
        return self._state.lead

    @property
    def suspects(self) -> tuple[str, ...]:
        """The suspects named, in order."""
        return tuple(self._state.suspects)

    @property
    def recovered(self) -> int:
        """Yuan seized so far."""
        return self._state.recovered

    @property
    def verified(self) -> int:
        """Yuan verified by the investigation unit (the seizures up to the last verification)."""
        return self._state.verified

    @property
    def returned(self) -> int:
        """Yuan returned to victims so far."""
        return sum(self._state.returned.values())

    def returned_to(self, victim: str) -> int:
        """Yuan returned to ``victim`` so far."""
        return self._state.returned[victim]

    @property
    def visited(self) -> tuple[str, ...]:
        """The victims visited at least once."""
        return tuple(sorted(self._state.visited))

    def _next(self, step: RecoveryStep) -> RecoveryCase:
        prefix = f"trail[{len(self.trail)}]."
        try:
            return attrs.evolve(self, trail=(*self.trail, step))
        except ValidationError as error:
            # a command's refusal names the field of its own step, not its place in the trail
            if error.field is None or not error.field.startswith(prefix):
                raise
            raise ValidationError(
                entity=error.entity,
                entity_id=error.entity_id,
                field=error.field.removeprefix(prefix),
                rule=error.rule,
                reason=error.reason,
            ) from None

    def add_suspect(self, suspect: str, *, on: date, by: str) -> RecoveryCase:
        """Name a suspect."""
        return self._next(RecoveryStep(on, "suspect_added", by, party=suspect))

    def seize(self, item: str, amount: int, *, on: date, by: str) -> RecoveryCase:
        """Record an item or sum seized, worth ``amount`` yuan."""
        return self._next(RecoveryStep(on, "seized", by, party=item, amount=amount))

    def verify(self, *, on: date, unit: str, by: str) -> RecoveryCase:
        """The investigation unit ``unit`` verifies everything seized so far (核查)."""
        return self._next(RecoveryStep(on, "verified", by, party=unit))

    def return_to(self, victim: str, amount: int, *, on: date, by: str) -> RecoveryCase:
        """Return ``amount`` yuan to ``victim`` (返赃); partial returns are allowed."""
        return self._next(RecoveryStep(on, "returned", by, party=victim, amount=amount))

    def visit(self, victim: str, *, on: date, by: str) -> RecoveryCase:
        """Record a follow-up visit to ``victim`` (回访)."""
        return self._next(RecoveryStep(on, "visited", by, party=victim))

    def change_lead(self, lead: str, *, on: date, by: str) -> RecoveryCase:
        """Hand the case to a new accountable lead; only the lead in charge can hand it on."""
        return self._next(RecoveryStep(on, "lead_changed", by, party=lead))


class _State:
    """The running fold of a trail; every rule is checked here, for commands and for reads."""

    def __init__(self, case: RecoveryCase, *, lead: str) -> None:
        self.case = case
        self.lead = lead
        self.last_day = case.trail[0].on
        self.suspects: list[str] = []
        self.items: set[str] = set()
        self.recovered = 0
        self.verified = 0
        self.returned: Counter[str] = Counter()
        self.visited: set[str] = set()
        self.losses = {loss.victim: loss.amount for loss in case.losses}

    def refuse(self, index: int, field: str, rule: str, reason: str) -> Exception:
        return v.fail(self.case, f"trail[{index}].{field}", rule, reason)

    def apply(self, step: RecoveryStep, index: int) -> None:
        if step.on < self.last_day:
            raise self.refuse(index, "on", "chronology", "predates the step before")
        self.last_day = step.on
        handler = getattr(self, f"_{step.action}")
        handler(step, index)

    def _party(self, step: RecoveryStep, index: int) -> str:
        if step.party is None:
            raise self.refuse(index, "party", "party", f"a step '{step.action}' names its party")
        return step.party

    def _positive(self, step: RecoveryStep, index: int) -> None:
        if step.amount <= 0:
            raise self.refuse(index, "amount", "positive", "must be at least 1 yuan")

    def _victim(self, victim: str, index: int) -> None:
        if victim not in self.losses:
            raise self.refuse(index, "party", "victim", "not a victim with a recorded loss")

    def _opened(self, _step: RecoveryStep, index: int) -> None:
        raise self.refuse(index, "action", "opened", "a case is opened once")

    def _suspect_added(self, step: RecoveryStep, index: int) -> None:
        suspect = self._party(step, index)
        if suspect in self.suspects:
            raise self.refuse(index, "party", "duplicate", "this suspect is already named")
        self.suspects.append(suspect)

    def _seized(self, step: RecoveryStep, index: int) -> None:
        item = self._party(step, index)
        if item in self.items:
            raise self.refuse(index, "party", "duplicate", "this item is already recorded")
        self._positive(step, index)
        self.items.add(item)
        self.recovered += step.amount

    def _verified(self, step: RecoveryStep, index: int) -> None:
        self._party(step, index)
        if step.by == self.lead:
            raise self.refuse(index, "by", "independent", "the lead cannot verify their own case")
        if self.recovered == self.verified:
            raise self.refuse(index, "action", "nothing_new", "nothing new to verify")
        self.verified = self.recovered

    def _returned(self, step: RecoveryStep, index: int) -> None:
        victim = self._party(step, index)
        self._victim(victim, index)
        self._positive(step, index)
        if self.verified == 0:
            raise self.refuse(index, "action", "not_verified", "nothing is verified to return yet")
        if sum(self.returned.values()) + step.amount > self.verified:
            raise self.refuse(index, "amount", "over_verified", "more than has been verified")
        if self.returned[victim] + step.amount > self.losses[victim]:
            raise self.refuse(index, "amount", "over_loss", "more than the victim lost")
        self.returned[victim] += step.amount

    def _visited(self, step: RecoveryStep, index: int) -> None:
        victim = self._party(step, index)
        self._victim(victim, index)
        self.visited.add(victim)

    def _lead_changed(self, step: RecoveryStep, index: int) -> None:
        new = self._party(step, index)
        if step.by != self.lead:
            raise self.refuse(index, "by", "lead_only", "only the lead in charge hands it on")
        self.lead = new


def recovery_totals(cases: Iterable[RecoveryCase], period: Period) -> tuple[int, int]:
    """(Yuan seized, yuan returned) by steps dated within ``period``, over all ``cases``.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period
        >>> case = RecoveryCase.open("rc-1", criminal_case="cc-1", lead="p-1",
        ...                          on=date(2025, 1, 5)).seize("cash", 300, on=date(2025, 2, 1),
        ...                                                     by="p-1")
        >>> recovery_totals([case], Period(date(2025, 1, 1), date(2025, 2, 1)))
        (0, 0)
        >>> recovery_totals([case], Period(date(2025, 1, 1), date(2026, 1, 1)))
        (300, 0)
    """
    seized = returned = 0
    for case in cases:
        for step in case.trail:
            if period.contains(step.on):
                if step.action == "seized":
                    seized += step.amount
                elif step.action == "returned":
                    returned += step.amount
    return seized, returned


def tracked(case: RecoveryCase, *, as_of: date | None = None) -> tuple[TrackedItem, ...]:
    """The case's return clocks (返赃时限), seeing only steps on or before ``as_of``.

    A clock starts when a verification leaves something to return and nothing is waiting,
    and is met on the day the returns reach what was verified (or what the victims lost, if
    that is less); a verification while a clock runs adds to what it waits for. Each is handled
    by the case's lead (谁主办、谁负责).

    Examples:
        >>> from datetime import date
        >>> case = RecoveryCase.open("rc-1", criminal_case="cc-17", lead="p-wang-jun",
        ...                          on=date(2025, 3, 1), losses=[Loss("p-victim", 20_000)])
        >>> case = case.seize("item-1", 15_000, on=date(2025, 3, 4), by="p-wang-jun")
        >>> case = case.verify(on=date(2025, 3, 6), unit="o-investigation", by="p-li-qiang")
        >>> [(c.started.isoformat(), c.settled_on) for c in tracked(case)]
        [('2025-03-06', None)]
        >>> case = case.return_to("p-victim", 15_000, on=date(2025, 3, 9), by="p-wang-jun")
        >>> [(c.officer, c.settled_on.isoformat()) for c in tracked(case)]
        [('p-wang-jun', '2025-03-09')]
    """
    lost = sum(loss.amount for loss in case.losses)
    lead = case.trail[0].by
    recovered = verified = returned = 0
    started: date | None = None
    clocks: list[tuple[date, date | None]] = []
    for step in case.trail:
        if as_of is not None and step.on > as_of:
            break
        if step.action == "seized":
            recovered += step.amount
        elif step.action == "lead_changed" and step.party is not None:
            lead = step.party
        elif step.action == "verified":
            verified = recovered
            if started is None and returned < min(verified, lost):
                started = step.on
        elif step.action == "returned":
            returned += step.amount
            if started is not None and returned >= min(verified, lost):
                clocks.append((started, step.on))
                started = None
    if started is not None:
        clocks.append((started, None))
    return tuple(
        TrackedItem(TrackedKind.ASSET_RETURN, case.id, start, officer=lead, settled_on=settled)
        for start, settled in clocks
    )
