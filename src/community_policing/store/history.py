"""The store's history: one entry per revision (see :meth:`.store.Store.log`).

Examples:
    >>> from community_policing import sample
    >>> from community_policing.store import Store
    >>> store = Store.create("sqlite://")
    >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
    >>> store.log()[0].revision
    1
"""

from __future__ import annotations

from datetime import datetime

import attrs

__all__ = ["LogEntry"]


@attrs.frozen
class LogEntry:
    """One revision of the store: the change set (or the first save) that made it.

    Attributes:
        revision: The revision it made.
        id: The change set's id.
        author: Who made it.
        at: When it was made.
        reason: Why.
        base_revision: The revision it was made against.
        edits: How many edits it held (for the first save, how many records).

    Examples:
        >>> from community_policing import sample
        >>> from community_policing.store import Store
        >>> store = Store.create("sqlite://")
        >>> _ = store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
        >>> store.log()[0].reason
        '建库'
    """

    revision: int
    id: str
    author: str
    at: datetime
    reason: str
    base_revision: int
    edits: int
