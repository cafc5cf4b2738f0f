"""Checks on the actual population and houses (实有人口, 实有房屋) a station runs.

Who lives where and who lets what are personal data, so these checks read them through one
:func:`~community_policing.graph.disclosure.disclose` per run, for the
:class:`~community_policing.model.audit.Access` the check was made with; their messages name
residence and rental records by id, never an address or a number.

- ``lapsed_permit`` (居住证过期): a floating resident (流动人口) living here without a residence
  permit in force.
- ``untenanted_rental`` (出租房屋无登记租户): a let dwelling with nobody registered living at
  its address.

One ID-card number held by two persons is not a check here: a jurisdiction and a graph refuse
it as they are built (the ``unique_id_card`` rule), so no graph can hold it.

Examples:
    >>> from datetime import date
    >>> from community_policing import Access, CommunityGraph, sample
    >>> from community_policing.policies import check, lapsed_permit_check
    >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    >>> report = check(graph, checks=[lapsed_permit_check(Access("p-wang-jun", "实有人口核查"))],
    ...                as_of=date(2025, 1, 1))
    >>> print(report.violations[0].message_zh)
    居住记录 r-07 的流动人口 p-he-yun 于 2025-01-01 无有效居住证
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from community_policing.errors import ValidationError
from community_policing.graph import disclose
from community_policing.model.audit import Access
from community_policing.model.vocab import PopulationCategory
from community_policing.policies.checks import Check, Violation

if TYPE_CHECKING:
    from collections.abc import Iterable
    from datetime import date

    from community_policing.graph import CommunityGraph

__all__ = ["lapsed_permit_check", "untenanted_rental_check"]


def _access(access: object) -> Access:
    if not isinstance(access, Access):
        raise ValidationError(
            entity="check",
            field="access",
            rule="type",
            reason=f"expected Access, got {type(access).__name__}",
        )
    return access


def lapsed_permit_check(access: Access) -> Check:
    """居住证 (opt-in): every floating resident living here holds a residence permit in force.

    Args:
        access: Who runs the check and why (an officer or a grid worker); each run is one
            audited disclosure.

    Raises:
        ValidationError: ``access`` is not an :class:`~community_policing.model.audit.Access`.

    Examples:
        >>> from community_policing import Access
        >>> lapsed_permit_check(Access("p-wang-jun", "核查")).id
        'lapsed_permit'
    """
    asker = _access(access)

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        opened = disclose(graph, asker, query="lapsed_permit", as_of=day)
        for residence in opened.records("residence"):
            if residence.category is not PopulationCategory.FLOATING:
                continue
            expires = residence.permit_expires
            if residence.is_active(day) and (expires is None or expires <= day):
                yield Violation(
                    "lapsed_permit",
                    "warning",
                    (f"person:{residence.person}",),
                    f"floating resident {residence.person} of residence {residence.id} has no "
                    f"residence permit in force on {day.isoformat()}",
                    f"居住记录 {residence.id} 的流动人口 {residence.person} 于 {day.isoformat()} "
                    "无有效居住证",
                )

    return Check("lapsed_permit", "floating residents hold a permit", "流动人口持有效居住证", run)


def untenanted_rental_check(access: Access) -> Check:
    """出租房屋 (opt-in): every dwelling let has someone registered living at its address.

    Args:
        access: Who runs the check and why; each run is one audited disclosure.

    Raises:
        ValidationError: ``access`` is not an :class:`~community_policing.model.audit.Access`.

    Examples:
        >>> from datetime import date
        >>> from community_policing import Access, CommunityGraph, sample
        >>> from community_policing.policies import check
        >>> graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
        >>> rentals = untenanted_rental_check(Access("p-wang-jun", "出租屋核查"))
        >>> check(graph, checks=[rentals], as_of=date(2025, 1, 1)).failed
        ()
    """
    asker = _access(access)

    def run(graph: CommunityGraph, day: date) -> Iterable[Violation]:
        opened = disclose(graph, asker, query="untenanted_rental", as_of=day)
        households = {h.id: h.address for h in opened.to_jurisdiction().households}
        lived = {
            households[residence.household]
            for residence in opened.records("residence")
            if residence.is_active(day)
        }
        for rental in opened.records("rental_housing"):
            if rental.is_active(day) and rental.address not in lived:
                yield Violation(
                    "untenanted_rental",
                    "warning",
                    (f"standard_address:{rental.address}",),
                    f"rental housing {rental.id} has no registered tenant on {day.isoformat()}",
                    f"出租房屋 {rental.id} 于 {day.isoformat()} 无登记租户",
                )

    return Check("untenanted_rental", "let dwellings have tenants", "出租房屋有登记租户", run)
