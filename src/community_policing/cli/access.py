"""Who a command's output is for: the audience, and for personal data who asks, why, and the audit.

Commands that write people out (``export``, ``store load``) or read where a person lives
(``locate PERSON``) take ``--audience`` (the public by default, who see no personal data). An
officer's or a grid worker's output names who asks (``--as``) and why (``--purpose``), and
appends each audit record to the ``--audit`` file as one JSON line before anything is shown;
without all three the command line is refused (:class:`UsageError`, exit status 2).

Examples:
    >>> import argparse
    >>> parser = argparse.ArgumentParser()
    >>> add_access_options(parser)
    >>> access_of(parser.parse_args([]), "export")
    (<Audience.PUBLIC: 'public'>, None)
    >>> access_of(parser.parse_args(["--audience", "officer"]), "export")
    Traceback (most recent call last):
    ...
    community_policing.cli.access.UsageError: export for officer says who asks (--as), why (--purpose) and where its audit record goes (--audit)
"""  # noqa: E501

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from community_policing.errors import CommunityPolicingError
from community_policing.io.json import dumps
from community_policing.model.audit import Access, AuditRecord
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["PRIVILEGED", "UsageError", "access_of", "add_access_options", "audit_file"]

#: The audiences that see personal data, and so name who asks, why, and the audit file.
PRIVILEGED: tuple[Audience, ...] = (Audience.OFFICER, Audience.GRID_WORKER)


class UsageError(CommunityPolicingError):
    """The command line asked for something it did not give all it needs for (exit status 2).

    Examples:
        >>> str(UsageError("give either a place or --at LON,LAT, not both"))
        'give either a place or --at LON,LAT, not both'
    """


def add_access_options(
    parser: argparse.ArgumentParser,
    *,
    audiences: Sequence[Audience] = tuple(Audience),
    default: Audience = Audience.PUBLIC,
) -> None:
    """Give a command ``--audience``, ``--as``, ``--purpose`` and ``--audit``.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_access_options(parser, audiences=PRIVILEGED, default=Audience.OFFICER)
        >>> parser.parse_args(["--as", "p-1"]).audience
        'officer'
    """
    parser.add_argument(
        "--audience",
        choices=[audience.value for audience in audiences],
        default=default.value,
        help=f"who it is for (default: {default.value})",
    )
    parser.add_argument("--as", dest="actor", default=None, metavar="PERSON", help="who asks")
    parser.add_argument("--purpose", default=None, help="why (an officer's or grid worker's)")
    parser.add_argument("--audit", default=None, metavar="FILE.jsonl", help="audit log to append")


def audit_file(path: str) -> Callable[[AuditRecord], None]:
    """An audit sink appending each record to the file at ``path`` as one JSON line.

    Examples:
        >>> import tempfile
        >>> from datetime import UTC, datetime
        >>> from pathlib import Path
        >>> log = Path(tempfile.mkdtemp()) / "audit.jsonl"
        >>> sink = audit_file(str(log))
        >>> from datetime import date
        >>> sink(AuditRecord(at=datetime(2025, 1, 1, tzinfo=UTC), actor="p-1", subject="p-2",
        ...                  purpose="走访", query="locate", as_of=date(2025, 1, 1)))
        >>> len(log.read_text(encoding="utf-8").splitlines())
        1
    """
    target = Path(path)

    def append(record: AuditRecord) -> None:
        with target.open("a", encoding="utf-8") as log:
            log.write(dumps(record) + "\n")

    return append


def access_of(
    args: argparse.Namespace, command: str
) -> tuple[Audience | Access, Callable[[AuditRecord], None] | None]:
    """Who the output of ``command`` is for, and the audit sink a privileged audience needs.

    Raises:
        UsageError: an officer's or grid worker's output without ``--as``, ``--purpose`` and
            ``--audit``.

    Examples:
        >>> import argparse
        >>> who, sink = access_of(argparse.Namespace(audience="officer", actor="p-1",
        ...                       purpose="备份", audit="audit.jsonl"), "export")
        >>> who.actor, who.audience.value, callable(sink)
        ('p-1', 'officer', True)
    """
    audience = Audience(args.audience)
    if audience not in PRIVILEGED:
        return audience, None
    if None in (args.actor, args.purpose, args.audit):
        msg = (
            f"{command} for {audience.value} says who asks (--as), why (--purpose) "
            "and where its audit record goes (--audit)"
        )
        raise UsageError(msg)
    return Access(args.actor, args.purpose, audience), audit_file(args.audit)
