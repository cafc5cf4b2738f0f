"""Strategies for change sets: single changes, and change sets of them.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import change_sets
    >>> type(find(change_sets(), lambda _: True)).__name__
    'ChangeSet'
"""

from __future__ import annotations

from datetime import UTC, date

from hypothesis import strategies as st

from community_policing.model.changesets import ChangeSet, Edit
from community_policing.testing.strategies._core import draws, identifiers
from community_policing.testing.strategies.people import periods, persons, residences

__all__ = ["change_sets", "edits"]


@draws(Edit)
def edits() -> st.SearchStrategy[Edit]:
    """Single valid changes (a person or residence added, a person replaced, a post retired).

    A membership may be ended too.

    Requires the ``hypothesis`` extra. Whether a change applies to a given jurisdiction is for
    the test to arrange; these are well-formed on their own.

    Examples:
        >>> from hypothesis import find
        >>> find(edits(), lambda change: change.kind.value == "retire").collection
        'posts'
    """
    days = st.dates(date(2000, 1, 2), date(2030, 1, 1))
    return st.one_of(
        st.builds(Edit.add, persons(), valid=st.one_of(st.none(), periods())),
        st.builds(Edit.add, residences()),
        st.builds(Edit.replace, persons()),
        st.builds(Edit.retire, st.just("posts"), identifiers(prefix="post-"), days),
        st.builds(Edit.end, st.just("memberships"), identifiers(prefix="m-"), days),
    )


@draws(ChangeSet)
def change_sets() -> st.SearchStrategy[ChangeSet]:
    """Edit sets of a few :func:`changes`, made at a moment in UTC.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=5, database=None)
        ... @given(change_sets())
        ... def made_in_utc(change_set):
        ...     assert change_set.at.utcoffset().total_seconds() == 0
        >>> made_in_utc()
    """
    return st.builds(
        ChangeSet,
        id=identifiers(prefix="cs-"),
        author=identifiers(prefix="p-"),
        at=st.datetimes(timezones=st.just(UTC)),
        reason=st.sampled_from(["入户走访", "网格员离任", "data correction"]),
        base_revision=st.integers(0, 1000),
        edits=st.lists(edits(), max_size=4).map(tuple),
    )
