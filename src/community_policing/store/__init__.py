"""A jurisdiction kept in a database, changed by change sets (the ``sql`` extra).

SQLite is the embedded default (a file, or ``sqlite://`` in memory); PostgreSQL is the server a
platform runs (``postgresql+psycopg://…``, with ``community_policing[postgresql]``). Importing
this package without SQLAlchemy raises an error naming the extra.

Examples:
    >>> from community_policing import sample
    >>> from community_policing.store import Store
    >>> store = Store.create("sqlite://")
    >>> store.save(sample.jurisdiction(), author="p-wang-jun", reason="建库")
    1
"""

from __future__ import annotations

from community_policing.extras import require

require("sqlalchemy", extra="sql")

from community_policing.store.errors import StaleChangeSetError, StoreError  # noqa: E402
from community_policing.store.history import LogEntry  # noqa: E402
from community_policing.store.store import Store  # noqa: E402

__all__ = ["LogEntry", "StaleChangeSetError", "Store", "StoreError"]
