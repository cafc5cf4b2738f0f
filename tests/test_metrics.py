from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import CaseStatus, Period, ValidationError
from community_policing.mediation import mediation_metrics
from community_policing.metrics import Change, change, median, period_on_period, rate, year_on_year
from community_policing.testing.strategies import mediation_cases

YEAR = Period(date(2020, 1, 1), date(2027, 1, 1))  # holds every drawn report and close


@given(st.lists(mediation_cases(max_steps=6), max_size=8))
def test_mediation_metrics_agree_with_a_naive_recount(cases):
    report = mediation_metrics(cases, YEAR)
    closed = [c for c in cases if c.closed_on is not None]
    resolved = [c for c in closed if c.status is CaseStatus.RESOLVED]
    assert report.reported == len(cases)
    assert report.closed == len(closed)
    assert report.resolved == len(resolved)
    if closed:
        assert report.resolution_rate == round(len(resolved) / len(closed), 4)
        referred = sum(c.status is CaseStatus.REFERRED for c in closed)
        assert report.referral_rate == round(referred / len(closed), 4)
    else:
        assert report.resolution_rate is None
    grid = [c for c in resolved if c.resolved_at == 3]
    if resolved:
        assert report.resolved_in_grid == round(len(grid) / len(resolved), 4)
        community = [c for c in resolved if c.resolved_at in (2, 3)]
        assert report.resolved_in_community == round(len(community) / len(resolved), 4)
    assert sum(report.by_tier.values()) == sum(report.by_category.values()) == len(resolved)


def test_a_period_counts_only_what_happened_in_it():
    report = mediation_metrics([], Period(date(2024, 1, 1), date(2024, 2, 1)))
    assert (report.reported, report.closed, report.median_days_to_resolution) == (0, 0, None)


def test_changes_between_periods():
    days = [date(2023, 2, 28), date(2024, 2, 29), date(2024, 2, 10), date(2024, 1, 20)]
    february = Period(date(2024, 2, 1), date(2024, 3, 1))
    assert year_on_year(days, february) == Change(2, 1)
    assert period_on_period(days, february) == Change(2, 1)
    leap = Period(date(2024, 2, 29), date(2024, 3, 1))
    assert year_on_year(days, leap) == Change(1, 1)
    assert change(current=85, previous=100).relative == -0.15
    assert change(current=85, previous=100).absolute == -15
    with pytest.raises(ValidationError) as caught:
        year_on_year(days, Period(date(2024, 1, 1)))
    assert caught.value.rule == "bounded"


def test_rates_and_medians():
    assert rate(2, 4) == 0.5
    assert rate(3, 0) is None
    assert median([5]) == 5
    assert median([4, 1]) == 2.5
