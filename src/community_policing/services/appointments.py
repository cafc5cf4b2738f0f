"""Appointments at community police offices (预约服务): within hours, never double-booked.

Examples:
    >>> from datetime import date, datetime, time, timedelta
    >>> from zoneinfo import ZoneInfo
    >>> from community_policing import ServiceKind, WeeklyInterval
    >>> from community_policing.services import Roster, WorkingHours
    >>> hours = WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
    ...     effective_from=date(2025, 1, 6), intervals=[WeeklyInterval(1, time(18), time(20))])
    >>> book = AppointmentBook(Roster([hours]))
    >>> after = datetime(2025, 1, 6, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
    >>> book.next_free_slot("o-1", after=after, duration=timedelta(minutes=30))[1].isoformat()
    '2025-01-07T18:00:00+08:00'
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from datetime import datetime, timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import ValidationError, shown
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.vocab import ServiceKind
from community_policing.services._slots import NO_BOOKINGS, Bookings
from community_policing.services.hours import Roster, first_gap

if TYPE_CHECKING:
    from community_policing.calendar import WorkingCalendar

__all__ = ["Appointment", "AppointmentBook"]


@document
@attrs.frozen
class Appointment:
    """A resident's appointment with an officer at an office (预约服务).

    The resident is named by person id only; their details stay in the person record.

    Examples:
        >>> from datetime import datetime
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import ServiceKind
        >>> at = datetime(2025, 1, 7, 18, 30, tzinfo=ZoneInfo("Asia/Shanghai"))
        >>> Appointment("ap-1", "o-1", "p-1", ServiceKind.APPOINTMENT, at,
        ...             at.replace(minute=50), resident="p-r").service.zh
        '预约服务'
    """

    KIND: ClassVar[str] = "appointment"

    id: str = attrs.field(validator=v.identifier)
    office: str = attrs.field(validator=v.identifier)
    officer: str = attrs.field(validator=v.identifier)
    service: ServiceKind = attrs.field(validator=v.member_of(ServiceKind))
    start: datetime = attrs.field(validator=v.aware_datetime)
    end: datetime = attrs.field(validator=v.aware_datetime)
    resident: str | None = attrs.field(default=None, validator=v.optional_identifier)
    cancelled: bool = attrs.field(default=False, validator=v.instance_of(bool))

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise v.fail(self, "end", "after_start", "must be after the start")

    def clashes(self, other: Appointment) -> bool:
        """Whether both hold the same officer at the same time (cancelled ones never clash)."""
        return (
            not self.cancelled
            and not other.cancelled
            and self.officer == other.officer
            and self.start < other.end
            and other.start < self.end
        )


@document
@attrs.frozen
class AppointmentBook:
    """Appointments at offices, kept within the officers' hours and never double-booked.

    :meth:`book` and :meth:`cancel` return a new book; a refused booking raises
    :class:`~community_policing.errors.ValidationError` and the book is unchanged.

    Examples:
        >>> from datetime import date, datetime, time, timedelta
        >>> from zoneinfo import ZoneInfo
        >>> from community_policing import ServiceKind, WeeklyInterval
        >>> from community_policing.services import Roster, WorkingHours
        >>> hours = WorkingHours(officer="p-1", office="o-1", posted_on=date(2025, 1, 1),
        ...     effective_from=date(2025, 1, 6),
        ...     intervals=[WeeklyInterval(1, time(18), time(20))])
        >>> book = AppointmentBook(Roster([hours]))
        >>> tz = ZoneInfo("Asia/Shanghai")
        >>> after = datetime(2025, 1, 6, 9, tzinfo=tz)
        >>> officer, start = book.next_free_slot("o-1", after=after, duration=timedelta(minutes=30))
        >>> officer, start.isoformat()
        ('p-1', '2025-01-07T18:00:00+08:00')
        >>> book = book.book(Appointment("ap-1", "o-1", "p-1", ServiceKind.APPOINTMENT,
        ...                              start, start + timedelta(minutes=30)))
        >>> book.next_free_slot("o-1", after=after, duration=timedelta(minutes=30))[1].time()
        datetime.time(18, 30)
    """

    KIND: ClassVar[str] = "appointment_book"

    roster: Roster = attrs.field(validator=v.instance_of(Roster))
    appointments: tuple[Appointment, ...] = attrs.field(default=(), converter=v.list_as_tuple)
    # Derived: the ids taken, and each officer's live bookings in time order.
    _ids: frozenset[str] = attrs.field(init=False, eq=False, repr=False)
    _busy: Mapping[str, Bookings] = attrs.field(init=False, eq=False, repr=False)

    @appointments.validator
    def _check_appointments(self, attribute: attrs.Attribute[Any], value: Any) -> None:
        v.tuple_of(Appointment)(self, attribute, value)

    def __attrs_post_init__(self) -> None:
        busy: dict[str, list[tuple[datetime, datetime]]] = {}
        ids: set[str] = set()
        for appointment in self.appointments:
            if appointment.id in ids:
                raise v.fail(
                    self, "appointments", "duplicate_id", f"two are {shown(appointment.id)}"
                )
            ids.add(appointment.id)
            if not appointment.cancelled:
                busy.setdefault(appointment.officer, []).append(
                    (appointment.start, appointment.end)
                )
        indexed: dict[str, Bookings] = {}
        for officer, stretches in busy.items():
            stretches.sort()
            for (_, first_end), (second_start, _) in itertools.pairwise(stretches):
                if second_start < first_end:
                    raise v.fail(
                        self, "appointments", "double_booked", f"{shown(officer)} is booked twice"
                    )
            indexed[officer] = Bookings(stretches, [end for _, end in stretches])
        object.__setattr__(self, "_ids", frozenset(ids))
        object.__setattr__(self, "_busy", MappingProxyType(indexed))

    def book(
        self, appointment: Appointment, *, calendar: WorkingCalendar | None = None
    ) -> AppointmentBook:
        """This book with ``appointment`` added.

        With a ``calendar``, the officer's hours follow it: none on a public holiday unless
        posted for the date, a make-up day's those of the weekday it pays for.

        Raises:
            ValidationError: the id is taken, the time is outside the officer's hours at that
                office, or the officer is already booked then.
        """
        if not isinstance(appointment, Appointment):
            raise v.fail(self, "appointments", "type", "expected an Appointment")
        if appointment.id in self._ids:
            raise self._refuse(appointment, "id", "duplicate_id", "an appointment has this id")
        if not any(
            hours.officer == appointment.officer
            and hours.covers(appointment.start, appointment.end, calendar)
            for hours in self.roster.at_office(appointment.office)
        ):
            raise self._refuse(
                appointment, "start", "opening_hours", "outside the officer's hours there"
            )
        if not appointment.cancelled:
            busy = self._busy.get(appointment.officer, NO_BOOKINGS)
            index = busy.first_running(appointment.start)
            if index < len(busy.stretches) and busy.stretches[index][0] < appointment.end:
                raise self._refuse(appointment, "officer", "double_booked", "already booked then")
        return attrs.evolve(self, appointments=(*self.appointments, appointment))

    def cancel(self, appointment_id: str) -> AppointmentBook:
        """This book with the appointment cancelled (kept, marked cancelled).

        Raises:
            ValidationError: no such appointment, or it is already cancelled.
        """
        for index, existing in enumerate(self.appointments):
            if existing.id == appointment_id and not existing.cancelled:
                kept = list(self.appointments)
                kept[index] = attrs.evolve(existing, cancelled=True)
                return attrs.evolve(self, appointments=tuple(kept))
        raise ValidationError(
            entity=self.KIND,
            entity_id=None,
            field="appointments",
            rule="not_found",
            reason=f"no open appointment {shown(appointment_id)}",
        )

    def next_free_slot(
        self,
        office: str,
        *,
        after: datetime,
        duration: timedelta,
        horizon_days: int = 28,
        calendar: WorkingCalendar | None = None,
    ) -> tuple[str, datetime] | None:
        """The earliest (officer, start) at ``office`` with ``duration`` free, from ``after``.

        Slots start at the beginning of an interval or at the end of a booking; ties go to
        the officer whose id sorts first; ``None`` when nothing is free within
        ``horizon_days``. With a ``calendar``, holidays are closed unless hours were posted
        for the date, and a make-up day keeps the hours of the weekday it pays for.

        Raises:
            ValidationError: ``after`` has no time zone, or a day searched is outside the
                calendar's years.

        Examples:
            >>> from datetime import date, datetime, time, timedelta
            >>> from zoneinfo import ZoneInfo
            >>> from community_policing import WeeklyInterval
            >>> from community_policing.calendar import WorkingCalendar
            >>> from community_policing.services import Roster, WorkingHours
            >>> book = AppointmentBook(Roster([WorkingHours(officer="p-1", office="o-1",
            ...     posted_on=date(2025, 1, 1), effective_from=date(2025, 1, 6),
            ...     intervals=[WeeklyInterval(1, time(18), time(20))])]))
            >>> spring = datetime(2025, 1, 27, 9, tzinfo=ZoneInfo("Asia/Shanghai"))
            >>> # the make-up Saturday 8 February keeps the hours of Tuesday 4 February
            >>> cal = WorkingCalendar.mainland_china()
            >>> book.next_free_slot("o-1", after=spring, duration=timedelta(minutes=30),
            ...                     calendar=cal)[1].date()  # Spring Festival: Tuesdays off,
            datetime.date(2025, 2, 8)
        """
        v.require_aware(after, entity=self.KIND, field="after")
        best: tuple[datetime, str] | None = None
        for hours in self.roster.at_office(office):
            busy = self._busy.get(hours.officer, NO_BOOKINGS)
            found = first_gap(hours, busy, after, duration, horizon_days, calendar=calendar)
            if found is not None and (best is None or (found, hours.officer) < best):
                best = (found, hours.officer)
        return None if best is None else (best[1], best[0])

    def _refuse(self, appointment: Appointment, field: str, rule: str, reason: str) -> Exception:
        return ValidationError(
            entity=Appointment.KIND, entity_id=appointment.id, field=field, rule=rule, reason=reason
        )
