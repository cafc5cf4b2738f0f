"""The actual population and houses: categories, permits, rental housing and their checks."""

from datetime import date

import attrs
import pytest

from community_policing import (
    Access,
    Audience,
    CommunityGraph,
    Period,
    PopulationCategory,
    RentalHousing,
    ValidationError,
    sample,
)
from community_policing.io import graphs
from community_policing.policies import check, lapsed_permit_check, untenanted_rental_check

OFFICER = Access("p-wang-jun", "实有人口核查", Audience.OFFICER)
DAY = date(2025, 1, 1)


def test_a_floating_resident_without_a_permit_in_force_is_found_once_audited():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    before = len(graph.audit_log)
    report = check(graph, checks=[lapsed_permit_check(OFFICER)], as_of=DAY)
    assert [v.entities for v in report.violations] == [("person:p-he-yun",)]
    assert report.violations[0].message == (
        "floating resident p-he-yun of residence r-07 has no residence permit in force on "
        "2025-01-01"
    )
    assert len(graph.audit_log) == before + 1
    assert graph.audit_log.records[-1].query == "lapsed_permit"
    earlier = check(graph, checks=[lapsed_permit_check(OFFICER)], as_of=date(2024, 1, 1))
    assert earlier.violations == ()  # the permit held until 2024-05-01


def test_a_let_dwelling_without_a_tenant_is_found():
    town = sample.jurisdiction()
    empty = RentalHousing(
        id="rh-office", landlord="p-zhu-wei", address="a-xm-office", period=Period(DAY)
    )
    graph = CommunityGraph.from_jurisdiction(
        attrs.evolve(town, rental_housings=(*town.rental_housings, empty))
    )
    report = check(graph, checks=[untenanted_rental_check(OFFICER)], as_of=DAY)
    assert [v.entities for v in report.violations] == [("standard_address:a-xm-office",)]
    assert "西门" not in report.violations[0].message_zh


@pytest.mark.parametrize("factory", [lapsed_permit_check, untenanted_rental_check])
def test_the_checks_need_an_access(factory):
    with pytest.raises(ValidationError) as caught:
        factory(Audience.OFFICER)
    assert caught.value.field == "access"


def test_who_lets_what_is_personal_data():
    graph = CommunityGraph.from_jurisdiction(sample.jurisdiction())
    with pytest.raises(ValidationError):
        list(graph.records("rental_housing"))
    public = graphs.to_node_link(graph)
    assert not any(e.get("record.kind") == "rental_housing" for e in public["edges"])
    officer = graphs.to_node_link(graph, audience=OFFICER)
    assert sum(e.get("record.kind") == "rental_housing" for e in officer["edges"]) == 2
    assert graph.to_jurisdiction().rental_housings == ()


def test_a_residence_says_how_its_person_is_counted():
    residence = sample.jurisdiction().residences[6]
    assert residence.category is PopulationCategory.FLOATING
    with pytest.raises(ValidationError):
        attrs.evolve(residence, category="tourist")
    with pytest.raises(ValidationError):
        attrs.evolve(residence, permit_expires="2025-01-01")
