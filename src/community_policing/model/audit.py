"""The audit trail of queries that read personal data.

Locating a person (the locator system of Tieshan, 定位系统) reads where a resident lives and who
lives with them. Every such query must state its purpose and the acting person, and appends an
:class:`AuditRecord` to the graph's :class:`AuditLog`, which the host application reads or
receives through a sink and persists. Records hold ids, never the personal data itself.

Examples:
    >>> from datetime import date
    >>> from community_policing import AuditLog
    >>> seen = []
    >>> log = AuditLog(sink=seen.append)
    >>> record = log.append(actor="p-officer", subject="p-resident", purpose="核查线索",
    ...                     query="locate", as_of=date(2025, 1, 1))
    >>> len(log), seen == [record]
    (1, True)
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, ClassVar

import attrs

from community_policing.model import validators as v
from community_policing.model.registry import document

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["AuditLog", "AuditRecord"]


@document
@attrs.frozen
class AuditRecord:
    """Who asked about whom, when, why, and with which query.

    Attributes:
        at: When the query ran (UTC).
        actor: Id of the person who asked.
        subject: Id of the person asked about.
        purpose: The stated purpose, as given.
        query: Which query ran, such as ``"locate"``.
        as_of: The date the query was answered for.

    Examples:
        >>> from datetime import UTC, date, datetime
        >>> from community_policing import AuditRecord
        >>> AuditRecord(at=datetime(2025, 1, 1, tzinfo=UTC), actor="p-1", subject="p-2",
        ...             purpose="核查", query="locate", as_of=date(2025, 1, 1)).query
        'locate'
    """

    KIND: ClassVar[str] = "audit_record"

    at: datetime = attrs.field(validator=v.aware_datetime)
    actor: str = attrs.field(validator=v.identifier)
    subject: str = attrs.field(validator=v.identifier)
    purpose: str = attrs.field(validator=v.text)
    query: str = attrs.field(validator=v.identifier)
    as_of: date = attrs.field(validator=v.calendar_date)


class AuditLog:
    """An append-only list of :class:`AuditRecord`, with an optional sink for persistence.

    Args:
        sink: Called with each record as it is appended.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AuditLog
        >>> log = AuditLog()
        >>> _ = log.append(actor="p-1", subject="p-2", purpose="走访", query="locate",
        ...                as_of=date(2025, 1, 1))
        >>> [record.subject for record in log]
        ['p-2']
    """

    def __init__(self, sink: Callable[[AuditRecord], None] | None = None) -> None:
        self._records: list[AuditRecord] = []
        self._sink = sink

    def append(
        self, *, actor: str, subject: str, purpose: str, query: str, as_of: date
    ) -> AuditRecord:
        """Record one query; returns the record.

        Raises:
            ValidationError: the purpose is blank or an id is malformed.
        """
        record = AuditRecord(
            at=datetime.now(tz=UTC),
            actor=actor,
            subject=subject,
            purpose=purpose,
            query=query,
            as_of=as_of,
        )
        self._records.append(record)
        if self._sink is not None:
            self._sink(record)
        return record

    @property
    def records(self) -> tuple[AuditRecord, ...]:
        """Every record so far, oldest first."""
        return tuple(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[AuditRecord]:
        return iter(tuple(self._records))
