"""The working calendar: the published schedules, counting against a day-by-day walk, coverage."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from community_policing import Period, ValidationError
from community_policing.calendar import DayKind, WorkingCalendar
from helpers import worked_plainly, working_calendars

CHINA = WorkingCalendar.mainland_china()


def span(first, last):
    return {first + timedelta(days=n) for n in range((last - first).days + 1)}


# The State Council's schedules (国务院办公厅关于部分节假日安排的通知) for 2024–2026.
PUBLISHED = {
    2024: (
        span(date(2024, 1, 1), date(2024, 1, 1))
        | span(date(2024, 2, 10), date(2024, 2, 17))
        | span(date(2024, 4, 4), date(2024, 4, 6))
        | span(date(2024, 5, 1), date(2024, 5, 5))
        | span(date(2024, 6, 10), date(2024, 6, 10))
        | span(date(2024, 9, 15), date(2024, 9, 17))
        | span(date(2024, 10, 1), date(2024, 10, 7)),
        {
            date(2024, 2, 4),
            date(2024, 2, 18),
            date(2024, 4, 7),
            date(2024, 4, 28),
            date(2024, 5, 11),
            date(2024, 9, 14),
            date(2024, 9, 29),
            date(2024, 10, 12),
        },
    ),
    2025: (
        span(date(2025, 1, 1), date(2025, 1, 1))
        | span(date(2025, 1, 28), date(2025, 2, 4))
        | span(date(2025, 4, 4), date(2025, 4, 6))
        | span(date(2025, 5, 1), date(2025, 5, 5))
        | span(date(2025, 5, 31), date(2025, 6, 2))
        | span(date(2025, 10, 1), date(2025, 10, 8)),
        {
            date(2025, 1, 26),
            date(2025, 2, 8),
            date(2025, 4, 27),
            date(2025, 9, 28),
            date(2025, 10, 11),
        },
    ),
    2026: (
        span(date(2026, 1, 1), date(2026, 1, 3))
        | span(date(2026, 2, 15), date(2026, 2, 23))
        | span(date(2026, 4, 4), date(2026, 4, 6))
        | span(date(2026, 5, 1), date(2026, 5, 5))
        | span(date(2026, 6, 19), date(2026, 6, 21))
        | span(date(2026, 9, 25), date(2026, 9, 27))
        | span(date(2026, 10, 1), date(2026, 10, 7)),
        {
            date(2026, 1, 4),
            date(2026, 2, 14),
            date(2026, 2, 28),
            date(2026, 5, 9),
            date(2026, 9, 20),
            date(2026, 10, 10),
        },
    ),
}


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_the_package_carries_the_published_schedule(year):
    holidays, makeup = PUBLISHED[year]
    assert {d for d in CHINA.holidays if d.year == year} == holidays
    assert {d for d in CHINA.makeup_days if d.year == year} == makeup
    for day in holidays:
        assert CHINA.day_kind(day) is DayKind.HOLIDAY
        assert not CHINA.is_working_day(day)
        assert CHINA.weekday_of(day) is None
    for day in makeup:
        assert day.weekday() >= 5
        assert CHINA.is_working_day(day)
        assert CHINA.weekday_of(day) in range(5)


def test_a_makeup_day_keeps_the_hours_of_the_weekday_it_pays_for():
    assert CHINA.weekday_of(date(2024, 9, 29)) == 4  # for Friday 4 October
    assert CHINA.weekday_of(date(2024, 10, 12)) == 0  # for Monday 7 October
    assert CHINA.weekday_of(date(2026, 1, 4)) == 4  # for Friday 2 January
    assert CHINA.weekday_of(date(2025, 3, 8)) == 5  # an ordinary Saturday


def test_a_day_outside_the_calendar_is_an_error_not_a_working_day():
    with pytest.raises(ValidationError) as caught:
        CHINA.is_working_day(date(CHINA.years[1] + 1, 3, 2))
    assert caught.value.rule == "calendar_coverage"
    with pytest.raises(ValidationError):
        CHINA.working_days_between(date(2026, 12, 1), date(2027, 1, 5))
    with pytest.raises(ValidationError):
        CHINA.add_working_days(date(2026, 12, 30), 5)
    assert not CHINA.covers(date(2003, 12, 31))


def test_a_newer_year_is_merged_and_disagreement_is_refused():
    newer = WorkingCalendar.of(holidays={date(2027, 1, 1): "New Year's Day"}, years=(2027, 2027))
    both = CHINA.merged(newer)
    assert both.years == (CHINA.years[0], 2027)
    assert not both.is_working_day(date(2027, 1, 1))
    assert both.add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)
    clash = WorkingCalendar.of(holidays={date(2024, 10, 1): "Other"}, years=(2024, 2024))
    with pytest.raises(ValidationError):
        CHINA.merged(clash)
    with pytest.raises(ValidationError):
        CHINA.merged(WorkingCalendar.of(years=(2030, 2030)))


@pytest.mark.parametrize(
    "arguments",
    [
        {"years": (2026, 2025)},
        {"holidays": {date(2024, 1, 1): "x"}, "years": (2025, 2025)},
        {
            "holidays": {date(2025, 1, 1): "x"},
            "makeup_days": {date(2025, 1, 1): "x"},
            "years": (2025, 2025),
        },
        {
            "makeup_days": {date(2025, 1, 4): "x"},
            "makeup_weekdays": {date(2025, 1, 4): 6},
            "years": (2025, 2025),
        },
        {"makeup_weekdays": {date(2025, 1, 4): 1}, "years": (2025, 2025)},
    ],
)
def test_a_calendar_that_contradicts_itself_is_refused(arguments):
    with pytest.raises(ValidationError):
        WorkingCalendar.of(**arguments)


DAYS_2025 = st.dates(date(2025, 1, 1), date(2025, 12, 31))


def calendars():
    return working_calendars(DAYS_2025, max_holidays=20, max_makeup_days=6)


@given(calendars(), DAYS_2025, DAYS_2025)
def test_counting_agrees_with_a_day_by_day_walk(cal, start, end):
    walked = sum(worked_plainly(cal, day) for day in span(start, end - timedelta(days=1)))
    assert cal.working_days_between(start, end) == (walked if end > start else 0)
    if end > start:
        assert cal.working_days_in(Period(start, end)) == walked


@given(calendars(), DAYS_2025, st.integers(0, 40))
def test_adding_working_days_agrees_with_a_day_by_day_walk(cal, start, count):
    day, left = start, count
    while left:
        day += timedelta(days=1)
        if day.year > 2025:
            with pytest.raises(ValidationError):
                cal.add_working_days(start, count)
            return
        left -= worked_plainly(cal, day)
    assert cal.add_working_days(start, count) == day


def test_counting_refuses_what_has_no_count():
    with pytest.raises(ValidationError):
        CHINA.working_days_in(Period(date(2025, 1, 1)))
    with pytest.raises(ValidationError):
        CHINA.add_working_days(date(2025, 1, 1), -1)
