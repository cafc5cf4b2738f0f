from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import Period, ValidationError
from community_policing.testing import strategies as cps


def test_half_open():
    period = Period(date(2024, 1, 1), date(2024, 2, 1))
    assert not period.contains(date(2023, 12, 31))
    assert period.contains(date(2024, 1, 1))
    assert period.contains(date(2024, 1, 31))
    assert not period.contains(date(2024, 2, 1))
    assert not period.is_open


def test_open_period_contains_every_later_day():
    assert Period(date(2024, 1, 1)).contains(date(2099, 1, 1))


@pytest.mark.parametrize("end", [date(2024, 1, 1), date(2023, 12, 31)])
def test_end_must_be_after_start(end):
    with pytest.raises(ValidationError) as caught:
        Period(date(2024, 1, 1), end)
    assert (caught.value.field, caught.value.rule) == ("end", "end_after_start")


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2024-01-01", None, "start"),
        (datetime(2024, 1, 1, 8, 0), None, "start"),  # noqa: DTZ001
        (date(2024, 1, 1), "2024-02-01", "end"),
    ],
)
def test_types_are_checked(start, end, field):
    with pytest.raises(ValidationError) as caught:
        Period(start, end)
    assert caught.value.field == field
    assert caught.value.rule == "type"


@given(cps.periods(), cps.periods())
def test_overlap_is_symmetric_and_agrees_with_days(a, b):
    assert a.overlaps(b) == b.overlaps(a)
    horizon = date(2040, 1, 1)
    last = min(x for x in (a.end, b.end, horizon) if x is not None)
    first = max(a.start, b.start)
    shares_a_day = first < last
    assert a.overlaps(b) == shares_a_day


@given(cps.periods(open_ended=True), st.integers(1, 1000))
def test_ended_keeps_start_and_sets_end(period, days):
    end = date.fromordinal(period.start.toordinal() + days)
    ended = period.ended(end)
    assert ended.start == period.start
    assert ended.end == end
    assert not ended.contains(end)
