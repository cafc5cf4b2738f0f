"""The audit trail of reads of personal data, and the access that asks for one.

Locating a person (the locator system of Tieshan, 定位系统) reads where a resident lives and who
lives with them; an officer's export reads every resident's ID-card number. Every such read
states who asks and why in an :class:`Access`, and leaves one :class:`AuditRecord` in the
graph's :class:`AuditLog`, which the host application reads or receives through a sink and
persists. Records hold ids, never the personal data itself.

The log is append-only, and only its owner appends: :meth:`AuditLog.open` hands the log and
its one writer to whoever opens it (a graph keeps the writer of its own log to itself), so a
record can be neither forged into a graph's log nor removed from it.

Examples:
    >>> from datetime import date
    >>> from community_policing import AuditLog
    >>> seen = []
    >>> log, write = AuditLog.open(sink=seen.append)
    >>> record = write(actor="p-officer", subject="p-resident", purpose="核查线索",
    ...                query="locate", as_of=date(2025, 1, 1))
    >>> len(log), seen == [record]
    (1, True)
    >>> log.append
    Traceback (most recent call last):
    ...
    AttributeError: 'AuditLog' object has no attribute 'append'
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, ClassVar

import attrs

from community_policing.errors import ValidationError
from community_policing.model import validators as v
from community_policing.model.registry import document
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

__all__ = ["Access", "AuditLog", "AuditRecord", "PRIVILEGED_AUDIENCES"]

#: The audiences that see personal data (see the table in
#: :mod:`community_policing.graph.redaction`): reaching them takes an :class:`Access`.
PRIVILEGED_AUDIENCES = frozenset({Audience.OFFICER, Audience.GRID_WORKER})


def _purpose(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.text(instance, attribute, value)
    meaningful = sum(1 for char in value if char.isalnum())
    if meaningful < 2 or not value.isprintable():
        raise v.fail(
            instance,
            attribute.name,
            "purpose",
            "must say why in words (two letters or characters at least, nothing invisible)",
        )


def _privileged(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    v.member_of(Audience)(instance, attribute, value)
    if value not in PRIVILEGED_AUDIENCES:
        raise v.fail(
            instance,
            attribute.name,
            "privileged_audience",
            "the public and volunteers see no personal data and need no access",
        )


@attrs.frozen
class Access:
    """Who asks to read personal data, why, and as which audience (查询事由).

    Every read that reveals where a named person lives, an ID-card number, a phone or a family
    tie takes one, and leaves one :class:`AuditRecord` naming the actor and the purpose. The
    actor must be a person of the graph who holds a post or a membership when asking, and
    may not ask about themselves.

    Args:
        actor: Id of the person asking.
        purpose: Why, in words (``"核查线索"``); punctuation or invisible characters alone
            are refused.
        audience: What the actor may see: :attr:`Audience.OFFICER` (default) or
            :attr:`Audience.GRID_WORKER` (phones, homes and family ties, no ID-card numbers).

    Examples:
        >>> from community_policing import Access, Audience
        >>> Access("p-wang-jun", "核查线索").audience
        <Audience.OFFICER: 'officer'>
        >>> Access("p-wang-jun", ".")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: access: purpose: must say why in words ...
        >>> Access("p-wang-jun", "巡查", Audience.PUBLIC)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: access: audience: the public and ...
    """

    KIND: ClassVar[str] = "access"

    actor: str = attrs.field(validator=v.identifier)
    purpose: str = attrs.field(validator=_purpose)
    audience: Audience = attrs.field(default=Audience.OFFICER, validator=_privileged)


@document
@attrs.frozen
class AuditRecord:
    """Who asked about whom, when, why, as which audience, and with which query.

    Attributes:
        at: When the query ran (UTC).
        actor: Id of the person who asked.
        subject: Id of the person asked about, or ``None`` for a read of many (an export).
        purpose: The stated purpose, as given.
        query: Which query ran, such as ``"locate"`` or ``"write_graphml"``.
        as_of: The date the query was answered for.
        audience: The audience the answer was given for.

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
    subject: str | None = attrs.field(validator=v.optional_identifier)
    purpose: str = attrs.field(validator=_purpose)
    query: str = attrs.field(validator=v.identifier)
    as_of: date = attrs.field(validator=v.calendar_date)
    audience: Audience = attrs.field(default=Audience.OFFICER, validator=_privileged)


class AuditLog:
    """An append-only list of :class:`AuditRecord`, with an optional sink for persistence.

    Made with :meth:`open`, which returns the log and the one function that appends to it;
    the log itself only reads.

    Examples:
        >>> from datetime import date
        >>> from community_policing import AuditLog
        >>> log, write = AuditLog.open()
        >>> _ = write(actor="p-1", subject="p-2", purpose="走访", query="locate",
        ...           as_of=date(2025, 1, 1))
        >>> [record.subject for record in log]
        ['p-2']
    """

    __slots__ = ("_records",)
    _records: list[AuditRecord]

    def __init__(self) -> None:
        raise ValidationError(
            entity="audit_log",
            field=None,
            rule="open",
            reason="open an audit log with AuditLog.open(), which also gives its writer",
        )

    @classmethod
    def open(
        cls, sink: Callable[[AuditRecord], None] | None = None
    ) -> tuple[AuditLog, Callable[..., AuditRecord]]:
        """A new, empty log and the function that appends to it.

        Args:
            sink: Called with each record as it is appended (after it is kept).

        Returns:
            ``(log, write)``; ``write(actor=, subject=, purpose=, query=, as_of=,
            audience=Audience.OFFICER)`` records one read and returns the record.

        Raises:
            ValidationError: (from ``write``) the purpose says nothing or an id is malformed;
                nothing is appended.
        """
        log = object.__new__(cls)
        records: list[AuditRecord] = []
        object.__setattr__(log, "_records", records)

        def write(
            *,
            actor: str,
            subject: str | None,
            purpose: str,
            query: str,
            as_of: date,
            audience: Audience = Audience.OFFICER,
        ) -> AuditRecord:
            record = AuditRecord(
                at=datetime.now(tz=UTC),
                actor=actor,
                subject=subject,
                purpose=purpose,
                query=query,
                as_of=as_of,
                audience=audience,
            )
            records.append(record)
            if sink is not None:
                sink(record)
            return record

        return log, write

    def __setattr__(self, name: str, value: object) -> None:
        raise ValidationError(
            entity="audit_log", field=name, rule="append_only", reason="an audit log only grows"
        )

    @property
    def records(self) -> tuple[AuditRecord, ...]:
        """Every record so far, oldest first."""
        return tuple(self._records)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[AuditRecord]:
        return iter(tuple(self._records))

    def __repr__(self) -> str:
        return f"AuditLog(records={len(self._records)})"
