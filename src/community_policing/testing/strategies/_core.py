"""Shared pieces of the strategies: argument checks, ids, names, and people drawn from one integer.

Every public strategy says which model it draws with :func:`draws`, so that
``st.from_type`` can find one for every registered model.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any, TypeVar

from hypothesis import strategies as st

from community_policing.errors import ValidationError
from community_policing.model.people import Person, id_card_check_character
from community_policing.model.periods import Period

_T = TypeVar("_T")
_F = TypeVar("_F", bound=Callable[..., Any])


#: Dates drawn by default lie in this window; fixed so that runs are reproducible.
EARLIEST = date(1930, 1, 1)


LATEST = date(2025, 12, 31)


_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"


_GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华"


_PLACE = "东西南北中新和平安康乐民兴华阳光明山河村社区网格一二三四五六七八九十"


_ID_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-_"


_REGIONS = ("110105", "140802", "370811", "420205", "321302", "370883")


def refuse(argument: str, reason: str, rule: str = "argument") -> ValidationError:
    """The library's error for a strategy given a bad argument (raised by the caller)."""
    return ValidationError(entity="strategy", field=argument, rule=rule, reason=reason)


def _strategy(
    value: _T | st.SearchStrategy[_T], name: str, kind: type[Any]
) -> st.SearchStrategy[_T]:
    """Accept a fixed value or a strategy; check a fixed value's type now, not in a draw."""
    if isinstance(value, st.SearchStrategy):
        return value
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        reason = f"must be a {kind.__name__} or a strategy, got {type(value).__name__}"
        raise refuse(name, reason, "type")
    return st.just(value)


def _count(value: int | st.SearchStrategy[int], name: str) -> st.SearchStrategy[int]:
    strategy = _strategy(value, name, int)
    if isinstance(value, int) and value < 0:
        raise refuse(name, "must not be negative")
    return strategy


# Characters every format carries and every id accepts, beyond ASCII: CJK, other scripts,
# symbols and emoji (no white space, control, format or unassigned characters).
_VISIBLE = st.characters(
    codec="utf-8", exclude_categories=("Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp")
)
# What text may hold besides: tab and line feed, spaces, zero-width joiners and bidi marks.
_WRITABLE = st.one_of(_VISIBLE, st.sampled_from("\t\n \u3000\u200b\u200d\u200e\u2028"))


def identifiers(*, prefix: str = "") -> st.SearchStrategy[str]:
    """Ids: ``prefix`` then 1 to 12 characters (mostly ``a-z0-9-_``, sometimes any visible one).

    Any visible character means CJK, other scripts, symbols and emoji: what an id may hold.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(identifiers(prefix="pg-"), lambda ident: True)
        'pg-0'
    """
    if not isinstance(prefix, str) or len(prefix) > 100 or any(c.isspace() for c in prefix):
        raise refuse("prefix", "must be a str of at most 100 characters without spaces")
    plain = st.text(_ID_ALPHABET, min_size=1, max_size=12)
    unusual = st.text(_VISIBLE, min_size=1, max_size=12)
    return st.one_of(plain, plain, plain, unusual).map(prefix.__add__)


def _place_names() -> st.SearchStrategy[str]:
    places = st.text(_PLACE, min_size=1, max_size=8)
    return st.one_of(places, places, places, _EDGE_TEXT)


def _ids(value: str | st.SearchStrategy[str] | None, prefix: str) -> st.SearchStrategy[str]:
    return identifiers(prefix=prefix) if value is None else _strategy(value, "id", str)


_EDGE_TEXT = st.text(_WRITABLE, min_size=1, max_size=12).filter(str.strip)


def _phrases() -> st.SearchStrategy[str]:
    """Text of a note or a reason: mostly Chinese words, sometimes any writable text."""
    words = st.text("调解双方同意赔偿退还土地小麦邻里噪音", min_size=1, max_size=12)
    return st.one_of(words, words, words, _EDGE_TEXT)


def _dates() -> st.SearchStrategy[date]:
    return st.dates(date(2020, 1, 1), date(2025, 12, 31))


#: The day on which a conforming jurisdiction is guaranteed to conform.
DEFAULT_AS_OF = date(2025, 1, 1)


# Strategies built once: creating strategies inside a draw is what makes composites slow.
_PLACE_WORDS = ("东片", "西门", "社东", "北关", "嘉园", "新华", "和平", "康乐", "兴民", "阳光")


_PLACE_NAME = st.sampled_from(_PLACE_WORDS)


_GIVEN_NAMES = tuple(_GIVEN) + tuple(a + b for a in _GIVEN[:8] for b in _GIVEN[8:16])


_BIRTH_SPAN = (LATEST - EARLIEST).days + 1


_PERSON_CHOICES = 8 * len(_SURNAMES) * len(_GIVEN_NAMES) * _BIRTH_SPAN


_PERIOD_CHOICES = 9001 * 3651


#: One integer carries a whole person and a period: a composite that draws one value per
#: resident instead of nine runs several times faster, and 0 is still the simplest example
#: (no personal data, the first name, a period open from 2000-01-01).
_SEED_RANGE = _PERSON_CHOICES * _PERIOD_CHOICES


_SEED = st.integers(0, _SEED_RANGE - 1)


#: Values drawn one by one before the rest follow from one drawn base; past this many, a
#: jurisdiction of thousands of residents would exceed hypothesis' natural example size.
_DRAWN_ONE_BY_ONE = 64


def _drawn_values(draw: st.DrawFn, count: int, upper: int) -> list[int]:
    """``count`` integers in ``[0, upper)``: the first few drawn, the rest derived.

    Shrinking works on the drawn ones (towards 0); the derived ones follow a drawn base
    through a fixed linear congruential sequence, so large jurisdictions stay cheap and within
    hypothesis' limits on example size.
    """
    drawn = draw(
        st.lists(
            st.integers(0, upper - 1),
            min_size=min(count, _DRAWN_ONE_BY_ONE),
            max_size=min(count, _DRAWN_ONE_BY_ONE),
        )
    )
    if count <= _DRAWN_ONE_BY_ONE:
        return drawn
    state = draw(st.integers(0, 2**63 - 1))
    derived = []
    for _ in range(count - _DRAWN_ONE_BY_ONE):
        state = (state * 6364136223846793005 + 1442695040888963407) % 2**64
        derived.append(state % upper)
    return drawn + derived


_PERIOD_SEED = st.integers(0, _PERIOD_CHOICES - 1)


_PERIOD_BASE = date(2000, 1, 1)


def _person_from(ident: str, seed: int) -> Person:
    seed %= _PERSON_CHOICES
    which, seed = seed % 8, seed // 8
    surname, seed = _SURNAMES[seed % len(_SURNAMES)], seed // len(_SURNAMES)
    given, seed = _GIVEN_NAMES[seed % len(_GIVEN_NAMES)], seed // len(_GIVEN_NAMES)
    born = EARLIEST + timedelta(days=seed % _BIRTH_SPAN)
    mixed = (seed * 2654435761 + which) % 10**9  # spreads the remaining digits
    card = None
    if which & 1:
        body = f"{_REGIONS[mixed % len(_REGIONS)]}{born:%Y%m%d}{mixed % 1000:03d}"
        card = body + id_card_check_character(body)
    return Person(
        id=ident,
        name=surname + given,
        id_card_number=card,
        phone=f"13{mixed:09d}" if which & 2 else None,
        birth_date=born if which & 4 else None,
    )


def _period_from(seed: int) -> Period:
    offset, length = divmod(seed % _PERIOD_CHOICES, 3651)
    start = _PERIOD_BASE + timedelta(days=offset)
    return Period(start, start + timedelta(days=length) if length else None)


#: The strategy (a function of no arguments) that draws each model, filled by :func:`draws`.
DRAWN_BY: dict[type[Any], Callable[[], st.SearchStrategy[Any]]] = {}


def draws(*models: type[Any]) -> Callable[[_F], _F]:
    """Decorator: the strategy function draws ``models`` when called without arguments."""

    def mark(function: _F) -> _F:
        for model in models:
            DRAWN_BY[model] = function
        return function

    return mark
