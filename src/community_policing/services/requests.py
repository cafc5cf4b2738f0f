"""Residents' requests (群众服务诉求): from asking to being served, with the waits between.

A :class:`ServiceRequest` is what a resident asked an office for, who handles it, the stretches
the office spent waiting on the resident (补正: a missing document, an absent applicant), and the
day it was served. Its deadline clock (:func:`tracked`) pauses during those waits where the
:class:`~community_policing.deadlines.DeadlineRule` says so, and is met by the service.

Examples:
    >>> from datetime import date
    >>> from community_policing import ServiceKind
    >>> request = ServiceRequest("sr-1", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3),
    ...                          assigned_to="p-1")
    >>> request = request.wait(date(2025, 3, 4)).resume(date(2025, 3, 6))
    >>> request = request.serve(date(2025, 3, 7))
    >>> [(p.start.isoformat(), p.end.isoformat()) for p in request.waiting], request.served
    ([('2025-03-04', '2025-03-06')], True)
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

import attrs

from community_policing.deadlines import TrackedItem, TrackedKind
from community_policing.model import validators as v
from community_policing.model.periods import Period, out_of_sequence, runs_past
from community_policing.model.registry import document
from community_policing.model.vocab import ServiceKind

__all__ = ["ServiceRequest", "tracked"]

_PERIODS = v.tuple_of(Period)


def _waiting(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    _PERIODS(instance, attribute, value)
    index = out_of_sequence(value, since=instance.requested_on)
    if index is not None:
        raise v.fail(
            instance,
            f"waiting[{index}]",
            "chronology",
            "waits start on or after the request and after the wait before, one at a time",
        )


@document
@attrs.frozen
class ServiceRequest:
    """A resident's request to an office, from asking to being served (群众服务诉求).

    The resident is named by person id only.

    Args:
        id: Stable id.
        kind: The service asked for.
        office: The office asked (organisation id).
        requested_on: The day the resident asked: the deadline clock starts here.
        assigned_to: The officer handling it (person id), once assigned.
        requested_by: The resident (person id), if recorded.
        waiting: Stretches waiting on the resident, ``[start, end)`` in order; the last may be
            open while the office still waits.
        served_on: The day it was served: the settling event.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Period, ServiceKind
        >>> ServiceRequest("sr-1", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3),
        ...                waiting=[Period(date(2025, 3, 4))], served_on=date(2025, 3, 5))
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: service_request 'sr-1': waiting: ...
    """

    KIND: ClassVar[str] = "service_request"

    id: str = attrs.field(validator=v.identifier)
    kind: ServiceKind = attrs.field(validator=v.member_of(ServiceKind))
    office: str = attrs.field(validator=v.identifier)
    requested_on: date = attrs.field(validator=v.calendar_date)
    assigned_to: str | None = attrs.field(default=None, validator=v.optional_identifier)
    requested_by: str | None = attrs.field(default=None, validator=v.optional_identifier)
    waiting: tuple[Period, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_waiting
    )
    served_on: date | None = attrs.field(default=None, validator=v.optional_calendar_date)

    def __attrs_post_init__(self) -> None:
        served = self.served_on
        if served is None:
            return
        if served < self.requested_on:
            raise v.fail(self, "served_on", "chronology", "comes before the request")
        if runs_past(self.waiting, served):
            raise v.fail(self, "waiting", "waiting_after_served", "every wait ends by the service")

    @property
    def served(self) -> bool:
        """Whether it was served."""
        return self.served_on is not None

    @property
    def is_waiting(self) -> bool:
        """Whether the office is waiting on the resident now."""
        return bool(self.waiting) and self.waiting[-1].end is None

    def wait(self, on: date) -> ServiceRequest:
        """This request waiting on the resident from ``on``.

        Raises:
            ValidationError: it is served or already waiting, or ``on`` is out of order.
        """
        if self.served or self.is_waiting:
            state = "served" if self.served else "waiting"
            raise v.fail(self, "waiting", "transition", f"is already {state}")
        return attrs.evolve(self, waiting=(*self.waiting, Period(on)))

    def resume(self, on: date) -> ServiceRequest:
        """This request no longer waiting: the resident answered on ``on``.

        Raises:
            ValidationError: it is not waiting, or ``on`` is not after the wait began.
        """
        if not self.is_waiting:
            raise v.fail(self, "waiting", "transition", "is not waiting")
        last = self.waiting[-1]
        if on <= last.start:
            raise v.fail(self, "waiting", "chronology", "a wait ends after it begins")
        return attrs.evolve(self, waiting=(*self.waiting[:-1], Period(last.start, on)))

    def serve(self, on: date) -> ServiceRequest:
        """This request served on ``on``; a wait still open ends that day.

        Raises:
            ValidationError: it is already served, or ``on`` is out of order.

        Examples:
            >>> from datetime import date
            >>> from community_policing import ServiceKind
            >>> asked = ServiceRequest("sr-1", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3))
            >>> asked.wait(date(2025, 3, 4)).serve(date(2025, 3, 6)).waiting[0].end
            datetime.date(2025, 3, 6)
        """
        if self.served:
            raise v.fail(self, "served_on", "transition", "is already served")
        request = self.resume(on) if self.is_waiting else self
        return attrs.evolve(request, served_on=on)


def tracked(request: ServiceRequest) -> TrackedItem:
    """The request's deadline clock: category its kind, paused while waiting, met by service.

    Examples:
        >>> from datetime import date
        >>> from community_policing import ServiceKind
        >>> asked = ServiceRequest("sr-1", ServiceKind.DELIVERY, "o-1", date(2025, 3, 3),
        ...                        assigned_to="p-1")
        >>> item = tracked(asked.wait(date(2025, 3, 4)))
        >>> item.category, item.officer, item.pauses[0].is_open
        ('delivery', 'p-1', True)
    """
    return TrackedItem(
        TrackedKind.SERVICE_REQUEST,
        request.id,
        request.requested_on,
        category=request.kind.value,
        officer=request.assigned_to,
        pauses=request.waiting,
        settled_on=request.served_on,
    )
