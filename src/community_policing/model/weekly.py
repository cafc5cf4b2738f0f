"""Weekly time: stretches of every week in an office's local time zone.

Office hours (值班时间), patrol nets' hours and the school-safety post's windows recur every
week; each is a :class:`WeeklyInterval` read in a named IANA time zone, Asia/Shanghai unless
the caller says otherwise, since every source is in China. Hours posted for one date (a public
holiday's duty) are a :class:`DayInterval`.

Examples:
    >>> from datetime import time
    >>> from community_policing import WeeklyInterval
    >>> evening = WeeklyInterval(1, time(18), time(21))
    >>> evening.hours, evening.overlaps(time(20), time(22))
    (3.0, True)
"""

from __future__ import annotations

from datetime import date, time
from typing import Any, ClassVar

import attrs

from community_policing.model import validators as v
from community_policing.model.registry import document

__all__ = ["DEFAULT_TIMEZONE", "DayInterval", "WeeklyInterval", "minute_of_day"]

#: Offices keep local time; the sources are all in China.
DEFAULT_TIMEZONE = "Asia/Shanghai"


def _weekday(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if type(value) is not int or not 0 <= value <= 6:
        raise v.fail(instance, attribute.name, "weekday", "must be 0 (Monday) to 6 (Sunday)")


def minute_of_day(moment: time) -> int:
    """Minutes since midnight of a clock reading (seconds are dropped).

    Examples:
        >>> from datetime import time
        >>> minute_of_day(time(18, 30))
        1110
    """
    return moment.hour * 60 + moment.minute


class _Stretch:
    """What a stretch of a day is, however it recurs: after its start, so long, overlapping."""

    KIND: ClassVar[str]
    start: time
    end: time

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise v.fail(self, "end", "after_start", "must be after the start, the same day")

    @property
    def hours(self) -> float:
        """Its length in hours."""
        return (minute_of_day(self.end) - minute_of_day(self.start)) / 60

    def overlaps(self, start: time, end: time) -> bool:
        """Whether it shares any time with ``start``-``end`` on its day."""
        return self.start < end and start < self.end


@document
@attrs.frozen
class WeeklyInterval(_Stretch):
    """A stretch of every week: a weekday (0 is Monday) from ``start`` to ``end``, local time.

    An interval lies within one day; a schedule that runs past midnight is two intervals.

    Examples:
        >>> from datetime import time
        >>> WeeklyInterval(5, time(9), time(12)).hours
        3.0
    """

    KIND: ClassVar[str] = "weekly_interval"

    weekday: int = attrs.field(validator=_weekday)
    start: time = attrs.field(validator=v.time_of_day)
    end: time = attrs.field(validator=v.time_of_day)


@document
@attrs.frozen
class DayInterval(_Stretch):
    """A stretch of one date, local time: hours posted for a particular day (节假日值班).

    Examples:
        >>> from datetime import date, time
        >>> DayInterval(date(2025, 10, 1), time(9), time(12)).hours
        3.0
    """

    KIND: ClassVar[str] = "day_interval"

    day: date = attrs.field(validator=v.calendar_date)
    start: time = attrs.field(validator=v.time_of_day)
    end: time = attrs.field(validator=v.time_of_day)
