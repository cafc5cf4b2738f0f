"""The store's errors: what it cannot do, and a change set made against an older revision.

Examples:
    >>> from community_policing.store import Store, StoreError
    >>> try:
    ...     Store.open("sqlite://")
    ... except StoreError as error:
    ...     print(error)
    no community_policing store there: create one first
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from community_policing.errors import CommunityPolicingError, shown

if TYPE_CHECKING:
    from community_policing.model.changesets import ChangeSet

__all__ = ["StaleChangeSetError", "StoreError"]


class StoreError(CommunityPolicingError):
    """The store cannot do what was asked: no schema, a newer schema, no jurisdiction yet.

    Examples:
        >>> from community_policing.store import Store
        >>> Store.open("sqlite://")
        Traceback (most recent call last):
        ...
        community_policing.store.errors.StoreError: no community_policing store there: ...
    """


class StaleChangeSetError(StoreError):
    """A change set made against an older revision touches records changed since.

    Attributes:
        conflicts: (revision, collection, id) of each record changed since, by which revision.

    Examples:
        >>> from datetime import datetime, timezone
        >>> from community_policing import ChangeSet
        >>> stale = ChangeSet(id="cs-9", author="p-li", reason="同步", base_revision=2,
        ...                   at=datetime(2025, 1, 1, tzinfo=timezone.utc), edits=())
        >>> print(StaleChangeSetError(stale, [(3, "persons", "p-1")]))
        change set 'cs-9' was made against revision 2; revision 3 changed 1 of its records ...
    """

    def __init__(self, change_set: ChangeSet, conflicts: list[tuple[Any, ...]]) -> None:
        self.conflicts = conflicts
        revisions = ", ".join(str(r) for r in sorted({row[0] for row in conflicts}))
        count = len({(row[1], row[2]) for row in conflicts})
        super().__init__(
            f"change set {shown(change_set.id)} was made against revision "
            f"{change_set.base_revision}; revision {revisions} changed {count} of its records "
            "since: load again and remake it"
        )
