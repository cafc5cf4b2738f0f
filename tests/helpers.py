"""What several test modules share: an officer's access to the sample, and the whole graph.

``whole`` reads a graph as an officer would, without leaving an audit record: tests compare
whole documents of generated graphs that have no one who could be given an access.
"""

from datetime import UTC, date, datetime

from community_policing import (
    Access,
    AreaRef,
    Audience,
    Membership,
    Period,
    Person,
    Post,
    Role,
)
from community_policing.graph._views import jurisdiction, parts
from community_policing.model import registry

#: A community officer of the sample, asking for tests.
OFFICER = Access("p-wang-jun", "测试核查")


def whole(graph):
    """The whole jurisdiction document of ``graph``, personal data included."""
    return jurisdiction(graph._store, Audience.OFFICER)


def whole_parts(graph):
    """The whole parts of ``graph``, personal data included."""
    return parts(graph._store, Audience.OFFICER)


def officer_of(graph):
    """An access for a test officer added to ``graph``: a generated graph may have no one
    who holds a post."""
    station = next(graph.entities("police_station"))
    graph.add_entity(Person(id="p-test-officer", name="测试民警"))
    graph.add_entity(
        Post(
            id="post-test-officer",
            role=Role.COMMUNITY_OFFICER,
            area=AreaRef.parse(f"police_station:{station.id}"),
        )
    )
    graph.add_relation(
        Membership(
            id="m-test-officer",
            person="p-test-officer",
            post="post-test-officer",
            period=Period(date(2000, 1, 1)),
        )
    )
    return Access("p-test-officer", "测试导出")


def library_models():
    """The registry's models that the library defines (docs examples register their own)."""
    return {
        entry.tag: entry.cls
        for entry in registry.entries()
        if entry.cls.__module__.startswith("community_policing.")
    }


def json_paths(value, path=()):
    """Every place in a JSON value, as the keys and indexes that lead there."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from json_paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from json_paths(item, (*path, index))


def working_calendars(
    days, *, max_holidays, max_makeup_days, min_makeup_days=0, paired_weekdays=False
):
    """Working calendars of 2025 drawn from ``days``: holidays, weekend make-up days and, with
    ``paired_weekdays``, the weekday each make-up day keeps, sometimes given."""
    from hypothesis import strategies as st  # noqa: PLC0415  (helpers load without hypothesis)

    from community_policing.calendar import WorkingCalendar  # noqa: PLC0415

    @st.composite
    def draw_calendar(draw):
        weekends = days.filter(lambda d: d.weekday() >= 5)
        makeup = draw(st.sets(weekends, min_size=min_makeup_days, max_size=max_makeup_days))
        holidays = draw(st.sets(days, max_size=max_holidays)) - makeup
        weekdays = (
            {day: draw(st.integers(0, 4)) for day in makeup if draw(st.booleans())}
            if paired_weekdays
            else {}
        )
        return WorkingCalendar.of(
            holidays=dict.fromkeys(holidays, "h"),
            makeup_days=dict.fromkeys(makeup, "h"),
            years=(2025, 2025),
            makeup_weekdays=weekdays,
        )

    return draw_calendar()


def worked_plainly(cal, day):
    """Whether ``day`` is worked, read straight from the calendar's lists: the tests' oracle."""
    if day in cal.holidays:
        return False
    return day in cal.makeup_days or day.weekday() < 5


def retirement_change_set(base_revision=1, change_id="cs-1"):
    """The sample's membership m-03 ended on 2025-01-01: a change set the stores accept once."""
    from community_policing import ChangeSet, Edit  # noqa: PLC0415

    return ChangeSet(
        id=change_id,
        author="p-wang-jun",
        reason="离任",
        base_revision=base_revision,
        at=datetime(2025, 1, 2, tzinfo=UTC),
        edits=(Edit.end("memberships", "m-03", date(2025, 1, 1)),),
    )
