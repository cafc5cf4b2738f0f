"""Tieshan's 1+5 interaction programme (1+5互动): records and the monthly targets as a check.

Examples:
    >>> from datetime import date
    >>> from community_policing import InteractionKind
    >>> InteractionRecord("i-1", InteractionKind.HOME_VISIT, "o-1", date(2025, 3, 4),
    ...                   officer="p-1").kind.zh
    '入户走访'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.metrics import months_of
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.vocab import InteractionKind
from community_policing.services._slots import month_of

if TYPE_CHECKING:
    from collections.abc import Iterable

    from community_policing.model.periods import Period

__all__ = ["InteractionProgramme", "InteractionRecord"]


@document
@attrs.frozen
class InteractionRecord:
    """One act of Tieshan's 1+5 interaction programme: a monthly report, a visit, an exchange.

    Examples:
        >>> from datetime import date
        >>> from community_policing import InteractionKind
        >>> InteractionRecord("i-1", InteractionKind.HOME_VISIT, "o-1", date(2025, 3, 4),
        ...                   officer="p-1").kind.zh
        '入户走访'
    """

    KIND: ClassVar[str] = "interaction_record"

    id: str = attrs.field(validator=v.identifier)
    kind: InteractionKind = attrs.field(validator=v.member_of(InteractionKind))
    office: str = attrs.field(validator=v.identifier)
    on: date = attrs.field(validator=v.calendar_date)
    officer: str = attrs.field(validator=v.identifier)
    note: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)


def _targets(value: Any) -> Any:
    return MappingProxyType(dict(value)) if isinstance(value, dict) else value


def _check_targets(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    for kind, target in value.items():
        if not isinstance(kind, InteractionKind) or type(target) is not int or target < 0:
            raise v.fail(instance, attribute.name, "targets", "maps interaction kinds to counts")


@attrs.frozen
class InteractionProgramme:
    """The 1+5 programme's monthly targets as a compliance check (一月一通报).

    ``targets`` gives, per kind, how many a month each office must record; by default only the
    monthly report is required (a month without one is a violation). Visit targets are
    configuration.

    Examples:
        >>> from datetime import date
        >>> from community_policing import InteractionKind, Period
        >>> done = [InteractionRecord("i-1", InteractionKind.MONTHLY_REPORT, "o-1",
        ...                           date(2025, 1, 28), "p-1")]
        >>> InteractionProgramme().findings(done, "o-1", Period(date(2025, 1, 1), date(2025, 3, 1)))
        ('o-1 2025-02: 0 monthly report(s), needs 1',)
    """

    KIND: ClassVar[str] = "interaction_programme"

    targets: Mapping[InteractionKind, int] = attrs.field(
        factory=lambda: MappingProxyType({InteractionKind.MONTHLY_REPORT: 1}),
        converter=_targets,
        validator=_check_targets,
    )

    def findings(
        self, records: Iterable[InteractionRecord], office: str, period: Period
    ) -> tuple[str, ...]:
        """Every month of ``period`` (which must end) where ``office`` fell short of a target."""
        counts = Counter(
            (month_of(r.on), r.kind)
            for r in records
            if r.office == office and period.contains(r.on)
        )
        found = []
        for month in map(month_of, months_of(period)):
            for kind, target in self.targets.items():
                if counts[month, kind] < target:
                    found.append(
                        f"{office} {month}: {counts[month, kind]} {kind.en}(s), needs {target}"
                    )
        return tuple(found)
