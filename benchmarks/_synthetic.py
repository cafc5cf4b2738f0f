"""Helpers shared by the benchmarks' synthetic data (imported from the scripts' folder)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import random
    from datetime import date

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_card(
    rng: random.Random, born: date, region: str = "140802", taken: set[str] | None = None
) -> str:
    """A valid resident ID-card number (GB 11643) for a birth date, not one of ``taken``.

    A number is one person's: with ``taken``, a number already drawn is drawn again (the
    three-digit sequence leaves room for a thousand people born the same day in one region),
    and the new number is added to it.
    """
    while True:
        body = f"{region}{born:%Y%m%d}{rng.randrange(1000):03d}"
        if taken is None or body not in taken:
            break
    if taken is not None:
        taken.add(body)
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, WEIGHTS, strict=True)) % 11]
