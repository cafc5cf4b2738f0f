"""The service ledger (服务台账): every service an office gave, counted by kind, office and month.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period, ServiceKind
    >>> ledger = ServiceLedger([ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1",
    ...                                       date(2025, 3, 1), "p-1")])
    >>> ledger.counts(by=("office", "month"))
    {('o-1', '2025-03'): 1}
"""

from __future__ import annotations

import bisect
import itertools
import operator
from collections import Counter
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import shown
from community_policing.metrics import Change, period_on_period, year_on_year
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.vocab import ServiceKind
from community_policing.services._slots import month_of

if TYPE_CHECKING:
    from community_policing.calendar import WorkingCalendar
    from community_policing.model.periods import Period

__all__ = ["ServiceLedger", "ServiceRecord"]

_RECORD_ID = operator.attrgetter("id")
_RECORD_DAY = operator.attrgetter("on")
# an enum's value read straight from the member: a str, whose hash is kept
_RECORD_KIND = operator.attrgetter("kind._value_")
_RECORD_OFFICE = operator.attrgetter("office")
_RECORD_SERVER = operator.attrgetter("served_by")


@document
@attrs.frozen
class ServiceRecord:
    """One entry of the service ledger (服务台账): what was asked, by whom, who served, when.

    The outcome is free text that may describe the resident's affairs, so it stays out of
    ``repr``; the resident is named by person id only.

    Examples:
        >>> from datetime import date
        >>> from community_policing import ServiceKind
        >>> ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2024, 3, 1),
        ...               served_by="p-1", requested_by="p-r", outcome="身份证已送达")
        ... # doctest: +NORMALIZE_WHITESPACE
        ServiceRecord(id='s-1', kind=<ServiceKind.DELIVERY: 'delivery'>, office='o-1',
                      on=datetime.date(2024, 3, 1), served_by='p-1', requested_by='p-r')
    """

    KIND: ClassVar[str] = "service_record"

    id: str = attrs.field(validator=v.identifier)
    kind: ServiceKind = attrs.field(validator=v.member_of(ServiceKind))
    office: str = attrs.field(validator=v.identifier)
    on: date = attrs.field(validator=v.calendar_date)
    served_by: str = attrs.field(validator=v.identifier)
    requested_by: str | None = attrs.field(default=None, validator=v.optional_identifier)
    outcome: str | None = attrs.field(default=None, validator=v.optional_text, repr=False)


@document
@attrs.frozen
class ServiceLedger:
    """The services an office (or a city) gave, with counts per kind, office and month.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, ServiceKind
        >>> ledger = ServiceLedger([
        ...     ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2024, 3, 1), "p-1"),
        ...     ServiceRecord("s-2", ServiceKind.DELIVERY, "o-1", date(2025, 3, 2), "p-1"),
        ...     ServiceRecord("s-3", ServiceKind.APPOINTMENT, "o-2", date(2025, 3, 9), "p-2")])
        >>> ledger.counts(by=("kind",), period=Period(date(2025, 1, 1), date(2026, 1, 1)))
        {('appointment',): 1, ('delivery',): 1}
        >>> ledger.year_on_year(Period(date(2025, 1, 1), date(2026, 1, 1)),
        ...                     kind=ServiceKind.DELIVERY)
        Change(current=1, previous=1)
    """

    KIND: ClassVar[str] = "service_ledger"

    records: tuple[ServiceRecord, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    # The records in date order, their dates, and one column of group labels per grouping in
    # the same order: a period is one slice, and counting zips the slices of the columns.
    _by_day: tuple[ServiceRecord, ...] = attrs.field(init=False, eq=False, repr=False)
    _dates: list[date] = attrs.field(init=False, eq=False, repr=False)
    _columns: Mapping[str, list[str]] = attrs.field(init=False, eq=False, repr=False)

    @records.validator
    def _check_records(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(ServiceRecord)(self, attribute, value)
        ids = set(map(_RECORD_ID, value))
        if len(ids) != len(value):
            seen: set[str] = set()
            for record in value:
                if record.id in seen:
                    raise v.fail(
                        self, "records", "duplicate_id", f"two records are {shown(record.id)}"
                    )
                seen.add(record.id)

    def __attrs_post_init__(self) -> None:
        by_day = self.records
        days = list(map(_RECORD_DAY, by_day))
        if any(map(operator.gt, days, itertools.islice(days, 1, None))):
            by_day = tuple(sorted(by_day, key=_RECORD_DAY))
            days = list(map(_RECORD_DAY, by_day))
        object.__setattr__(self, "_by_day", by_day)
        object.__setattr__(self, "_dates", days)
        months = {day: month_of(day) for day in set(days)}
        columns = {
            "kind": list(map(_RECORD_KIND, by_day)),
            "office": list(map(_RECORD_OFFICE, by_day)),
            "month": list(map(months.__getitem__, days)),
            "served_by": list(map(_RECORD_SERVER, by_day)),
        }
        object.__setattr__(self, "_columns", MappingProxyType(columns))

    def add(self, record: ServiceRecord) -> ServiceLedger:
        """This ledger with one more record.

        Raises:
            ValidationError: a record with that id is already in the ledger.
        """
        return ServiceLedger((*self.records, record))

    def within(self, period: Period) -> tuple[ServiceRecord, ...]:
        """The records dated within ``period``, in date order (found by bisection).

        Examples:
            >>> from datetime import date
            >>> from community_policing import Period, ServiceKind
            >>> ledger = ServiceLedger([
            ...     ServiceRecord("s-2", ServiceKind.DELIVERY, "o-1", date(2025, 3, 2), "p-1"),
            ...     ServiceRecord("s-1", ServiceKind.DELIVERY, "o-1", date(2025, 1, 9), "p-1")])
            >>> [r.id for r in ledger.within(Period(date(2025, 1, 1)))]
            ['s-1', 's-2']
        """
        low, high = self._span(period)
        return self._by_day[low:high]

    def _span(self, period: Period | None) -> tuple[int, int]:
        dates = self._dates
        if period is None:
            return 0, len(dates)
        low = bisect.bisect_left(dates, period.start)
        high = len(dates) if period.end is None else bisect.bisect_left(dates, period.end)
        return low, high

    def counts(
        self, *, by: tuple[str, ...] = ("kind",), period: Period | None = None
    ) -> dict[tuple[str, ...], int]:
        """How many records fall in each group, over ``period`` (default: all).

        Args:
            by: Any of ``"kind"``, ``"office"``, ``"month"`` (``YYYY-MM``) and ``"served_by"``,
                in the order the group keys should list them.
            period: Count only records dated within it.

        Raises:
            ValidationError: an unknown grouping.
        """
        unknown = [key for key in by if key not in self._columns]
        if unknown:
            known = ", ".join(self._columns)
            raise v.fail(self, "by", "grouping", f"{shown(unknown[0])} is not one of {known}")
        low, high = self._span(period)
        if not by:
            return {(): high - low}
        # zipping slices of label columns builds each group key in C; no record is touched
        keys = zip(*(self._columns[key][low:high] for key in by), strict=True)
        return dict(sorted(Counter(keys).items()))

    def per_working_day(
        self,
        period: Period,
        calendar: WorkingCalendar,
        *,
        by: tuple[str, ...] = ("kind",),
    ) -> dict[tuple[str, ...], float]:
        """Records per working day (日均服务量) in each group over a bounded ``period``.

        Each group's count over the period divided by the working days the period holds in
        ``calendar``, to four places (services given on a weekend or holiday count too; the
        divisor is the days the office was expected to work).

        Raises:
            ValidationError: an unknown grouping, an open period, a period with no working
                day (rule ``no_working_day``), or one outside the calendar's years.

        Examples:
            >>> from datetime import date
            >>> from community_policing import Period, ServiceKind
            >>> from community_policing.calendar import WorkingCalendar
            >>> ledger = ServiceLedger([ServiceRecord(f"s-{n}", ServiceKind.DELIVERY, "o-1",
            ...                                       date(2025, 10, n), "p-1")
            ...                         for n in range(1, 11)])
            >>> october = Period(date(2025, 10, 1), date(2025, 10, 11))  # Golden Week, then 2
            >>> ledger.per_working_day(october, WorkingCalendar.mainland_china())  # working days
            {('delivery',): 5.0}
        """
        counts = self.counts(by=by, period=period)
        days = calendar.working_days_in(period)
        if not days:
            raise v.fail(self, "period", "no_working_day", "holds no working day")
        return {key: round(count / days, 4) for key, count in counts.items()}

    def _days(self, kind: ServiceKind | None, office: str | None) -> list[date]:
        return [
            r.on
            for r in self.records
            if (kind is None or r.kind is kind) and (office is None or r.office == office)
        ]

    def year_on_year(
        self, period: Period, *, kind: ServiceKind | None = None, office: str | None = None
    ) -> Change:
        """Records in ``period`` against the same period a year before (同比)."""
        return year_on_year(self._days(kind, office), period)

    def period_on_period(
        self, period: Period, *, kind: ServiceKind | None = None, office: str | None = None
    ) -> Change:
        """Records in ``period`` against the period of the same length before it (环比)."""
        return period_on_period(self._days(kind, office), period)
