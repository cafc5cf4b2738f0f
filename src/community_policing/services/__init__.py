"""The "1+4" service station (1+4服务站) and the 1+5 interaction programme (Tieshan, source 001).

- :mod:`~community_policing.services.hours` — posted hours, flexible hours, the roster.
- :mod:`~community_policing.services.appointments` — appointments and the next free slot.
- :mod:`~community_policing.services.ledger` — the service ledger and its counts.
- :mod:`~community_policing.services.requests` — residents' requests and their deadline clocks.
- :mod:`~community_policing.services.interaction` — the 1+5 records and monthly targets.
- :mod:`~community_policing.services.offices` — which office serves a place; the 1+4 check.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period, sample
    >>> from community_policing.services import station_gaps
    >>> station_gaps("o-ximen-office", roster=sample.roster(), ledger=sample.service_ledger(),
    ...              period=Period(date(2025, 1, 1), date(2026, 1, 1)))
    ()
"""

from community_policing.services.appointments import Appointment, AppointmentBook
from community_policing.services.hours import FlexibleHoursRule, Roster, WorkingHours
from community_policing.services.interaction import InteractionProgramme, InteractionRecord
from community_policing.services.ledger import ServiceLedger, ServiceRecord
from community_policing.services.offices import OfficeOnCall, offices_serving, station_gaps
from community_policing.services.requests import ServiceRequest

__all__ = [
    "Appointment",
    "AppointmentBook",
    "FlexibleHoursRule",
    "InteractionProgramme",
    "InteractionRecord",
    "OfficeOnCall",
    "Roster",
    "ServiceLedger",
    "ServiceRecord",
    "ServiceRequest",
    "WorkingHours",
    "offices_serving",
    "station_gaps",
]
