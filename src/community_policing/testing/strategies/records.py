"""Strategies for a source system's records: a jurisdiction and the mechanism records beside it.

Examples:
    >>> from hypothesis import given, settings
    >>> from community_policing import dumps, loads
    >>> from community_policing.catalog import Records
    >>> @settings(max_examples=5)
    ... @given(system_records())
    ... def test_records_read_back_equal(records):
    ...     assert loads(dumps(records), Records) == records
    >>> test_records_read_back_equal()
"""

from __future__ import annotations

from hypothesis import strategies as st

from community_policing.catalog import Records
from community_policing.testing.strategies._core import draws
from community_policing.testing.strategies.jurisdictions import jurisdictions
from community_policing.testing.strategies.mediation import mediation_cases
from community_policing.testing.strategies.outreach import (
    floor_plans,
    online_groups,
    school_sessions,
    tips,
)
from community_policing.testing.strategies.patrol import (
    cameras,
    patrol_shifts,
    patrol_zones,
    recovery_cases,
)
from community_policing.testing.strategies.services import service_ledgers

__all__ = ["system_records"]


@draws(Records)
def system_records(*, max_each: int = 1) -> st.SearchStrategy[Records]:
    """Records: a drawn jurisdiction and up to ``max_each`` records of every kind.

    The jurisdiction is the smallest whole one (a station, a district, a grid of each kind, a
    building, a household, one resident): :func:`jurisdictions` draws larger ones. The records
    are drawn each on its own, as the mechanisms accept them; they need not name the
    jurisdiction's entities (a mechanism's record keeps ids, not references checked against a
    jurisdiction).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import given, settings
        >>> @settings(max_examples=3)
        ... @given(system_records(max_each=0))
        ... def test_a_jurisdiction_alone(records):
        ...     assert records.cases == () and records.ledger.records == ()
        >>> test_a_jurisdiction_alone()
    """
    if type(max_each) is not int or max_each < 0:
        msg = "max_each must be a whole number of at least 0"
        raise ValueError(msg)

    def some(strategy: st.SearchStrategy[object]) -> st.SearchStrategy[list[object]]:
        return st.lists(strategy, max_size=max_each)

    return st.builds(
        Records,
        jurisdiction=jurisdictions(
            stations=1,
            districts=1,
            police_grids=1,
            communities=1,
            management_grids=1,
            buildings=1,
            households=1,
            residents=1,
        ),
        cases=some(mediation_cases()),
        ledger=service_ledgers(max_size=max_each),
        cameras=some(cameras()),
        zones=some(patrol_zones()),
        shifts=some(patrol_shifts()),
        recoveries=some(recovery_cases()),
        tips=some(tips()),
        sessions=some(school_sessions()),
        floor_plans=some(floor_plans()),
        groups=some(online_groups()),
    )
