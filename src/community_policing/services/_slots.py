"""What the service modules share: an officer's bookings, and the first free stretch of hours."""

from __future__ import annotations

import bisect
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from datetime import date, datetime


def month_of(day: date) -> str:
    """``YYYY-MM`` of a day: the month label of ledgers and programmes."""
    return f"{day.year:04d}-{day.month:02d}"


class Bookings(NamedTuple):
    """One officer's live bookings: (start, end) sorted, and their ends in the same order.

    No two overlap (an officer is never booked twice), so the ends are sorted too and a
    bisection finds the first booking still running at any moment.
    """

    stretches: list[tuple[datetime, datetime]]
    ends: list[datetime]

    def first_running(self, moment: datetime) -> int:
        """The index of the first booking that ends after ``moment``."""
        return bisect.bisect_right(self.ends, moment)


NO_BOOKINGS = Bookings([], [])
