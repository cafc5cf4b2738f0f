"""Hypothesis strategies for every model, valid by construction (requires ``hypothesis``).

Install the extra with ``pip install community_policing[hypothesis]``. Importing
``community_policing`` never imports this module or hypothesis.

Every argument is keyword-only and takes either a fixed value or a strategy for it. Bad
arguments raise :class:`TypeError` or :class:`ValueError` when the strategy is created, not in
the middle of a test. No strategy filters: every draw is valid by construction and shrinks
towards small, plain examples (one station, one grid, one resident).

Examples:
    >>> from hypothesis import given
    >>> from community_policing import is_valid_id_card_number
    >>> from community_policing.testing import strategies as cps
    >>> @given(cps.persons())
    ... def test_every_person_has_a_valid_card(person):
    ...     assert person.id_card_number is None or is_valid_id_card_number(person.id_card_number)
    >>> test_every_person_has_a_valid_card()
"""

from __future__ import annotations

from functools import partial
from typing import Any

from community_policing.extras import require

require("hypothesis", extra="hypothesis")

# The strategies, one module per part of the model; imported after the check above so that a
# missing hypothesis is reported as the extra to install.
from community_policing.mediation import CASE_EVENTS
from community_policing.testing._hypothesis_plugin import _hypothesis_setup_hook
from community_policing.testing.strategies._core import (
    DEFAULT_AS_OF,
    DRAWN_BY,
    identifiers,
)
from community_policing.testing.strategies.codes import (
    community_codes,
    credit_codes,
    division_codes,
    grid_codes,
    police_codes,
    township_codes,
)
from community_policing.testing.strategies.edits import change_sets, edits
from community_policing.testing.strategies.jurisdictions import (
    VIOLATIONS,
    community_graphs,
    jurisdictions,
)
from community_policing.testing.strategies.mediation import (
    agreements,
    case_events,
    disputes,
    mediation_cases,
    mediators,
)
from community_policing.testing.strategies.outreach import (
    floor_plans,
    online_groups,
    school_sessions,
    tips,
    unit_records,
)
from community_policing.testing.strategies.patrol import (
    calls,
    cameras,
    incidents,
    patrol_nets,
    patrol_shifts,
    patrol_zones,
    recovery_cases,
    school_safety_posts,
    shift_exceptions,
)
from community_policing.testing.strategies.people import (
    area_assignments,
    area_boundaries,
    area_refs,
    audit_records,
    family_ties,
    id_card_numbers,
    lifetimes,
    memberships,
    organizations,
    periods,
    persons,
    phone_numbers,
    posts,
    provenances,
    rental_housings,
    reporting_lines,
    residences,
    teams,
)
from community_policing.testing.strategies.planning import (
    planning_instances,
)
from community_policing.testing.strategies.records import system_records
from community_policing.testing.strategies.services import (
    appointment_books,
    appointments,
    day_intervals,
    interaction_records,
    rosters,
    service_ledgers,
    service_records,
    service_requests,
    weekly_intervals,
    working_hours,
)
from community_policing.testing.strategies.territory import (
    address_parts,
    boundaries,
    buildings,
    communities,
    counties,
    geo_points,
    households,
    management_grids,
    police_grids,
    police_stations,
    policing_districts,
    residential_compounds,
    standard_addresses,
    sub_bureaus,
    townships,
)

__all__ = [
    "DEFAULT_AS_OF",
    "VIOLATIONS",
    "address_parts",
    "agreements",
    "appointment_books",
    "appointments",
    "area_assignments",
    "area_boundaries",
    "area_refs",
    "audit_records",
    "boundaries",
    "buildings",
    "calls",
    "cameras",
    "case_events",
    "change_sets",
    "communities",
    "community_codes",
    "community_graphs",
    "counties",
    "credit_codes",
    "day_intervals",
    "disputes",
    "division_codes",
    "edits",
    "family_ties",
    "floor_plans",
    "geo_points",
    "grid_codes",
    "households",
    "id_card_numbers",
    "identifiers",
    "incidents",
    "interaction_records",
    "jurisdictions",
    "lifetimes",
    "management_grids",
    "mediation_cases",
    "mediators",
    "memberships",
    "online_groups",
    "organizations",
    "patrol_nets",
    "patrol_shifts",
    "patrol_zones",
    "periods",
    "persons",
    "phone_numbers",
    "planning_instances",
    "police_codes",
    "police_grids",
    "police_stations",
    "policing_districts",
    "posts",
    "provenances",
    "recovery_cases",
    "register_type_strategies",
    "rental_housings",
    "reporting_lines",
    "residences",
    "residential_compounds",
    "rosters",
    "school_safety_posts",
    "school_sessions",
    "service_ledgers",
    "service_records",
    "service_requests",
    "shift_exceptions",
    "standard_addresses",
    "strategy_for",
    "sub_bureaus",
    "system_records",
    "teams",
    "tips",
    "township_codes",
    "townships",
    "unit_records",
    "weekly_intervals",
    "working_hours",
]

for _event in CASE_EVENTS:
    DRAWN_BY.setdefault(_event, partial(case_events, _event))


def strategy_for(model: type[Any]) -> Any:
    """The strategy this module draws ``model`` with (what ``st.from_type(model)`` uses).

    Raises:
        LookupError: no strategy here draws ``model``.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing import Period
        >>> type(find(strategy_for(Period), lambda _: True)).__name__
        'Period'
    """
    drawn_by = DRAWN_BY.get(model)
    if drawn_by is None:
        msg = f"no strategy draws {getattr(model, '__name__', model)!r}"
        raise LookupError(msg)
    return drawn_by()


def register_type_strategies() -> None:
    """Make ``st.from_type(Model)`` draw valid models for every model of the library.

    Requires the ``hypothesis`` extra. hypothesis calls this itself through the
    ``hypothesis`` entry point when the package is installed with the extra, so a test suite
    only needs ``st.from_type(Person)``; call it by hand where entry points are not loaded.

    Examples:
        >>> from hypothesis import find
        >>> from hypothesis import strategies as st
        >>> from community_policing import Person
        >>> register_type_strategies()
        >>> type(find(st.from_type(Person), lambda _: True)).__name__
        'Person'
    """
    _hypothesis_setup_hook()
