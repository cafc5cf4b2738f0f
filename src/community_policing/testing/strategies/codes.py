"""Strategies for official codes: division, statistical, grid, police-organ and credit codes.

Each draws codes that pass the library's structural checks; given a parent's code, the child's
extends it, so generated hierarchies carry consistent codes.

Examples:
    >>> from hypothesis import find
    >>> from community_policing.testing.strategies import community_codes
    >>> find(community_codes(township="370811101"), lambda _: True)[:9]
    '370811101'
"""

from __future__ import annotations

from hypothesis import strategies as st

from community_policing.model.codes import (
    CJT_349_2010,
    PROVINCE_CODES,
    TOWNSHIP_CLASSES,
    credit_code_check,
)
from community_policing.model.vocab import TownshipKind
from community_policing.testing.strategies._core import refuse

__all__ = [
    "community_codes",
    "credit_codes",
    "division_codes",
    "grid_codes",
    "police_codes",
    "township_codes",
]


def _digits(count: int, *, not_all_zero: bool = True) -> st.SearchStrategy[str]:
    low = 1 if not_all_zero else 0
    return st.integers(low, 10**count - 1).map(lambda n: f"{n:0{count}d}")


def _prefix(value: object, length: int, name: str) -> str:
    if type(value) is not str or len(value) < length or not value[:length].isdigit():
        raise refuse(name, f"expected a code of {length} digits or more")
    return value[:length]


def division_codes() -> st.SearchStrategy[str]:
    """County-level GB/T 2260 codes: a province's two digits, then four not ending in 00.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing.model.codes import division_code_problem
        >>> division_code_problem(find(division_codes(), lambda _: True)) is None
        True
    """
    provinces = st.sampled_from(sorted(PROVINCE_CODES))
    return st.builds(
        lambda p, c, n: p + c + n, provinces, _digits(2, not_all_zero=False), _digits(2)
    )


def township_codes(
    *, county: str | None = None, kind: TownshipKind | None = None
) -> st.SearchStrategy[str]:
    """Nine-digit statistical codes of a street, town or township (of ``county`` when given).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(township_codes(county="370811", kind=TownshipKind.STREET), lambda _: True)
        '370811001'
    """
    head = division_codes() if county is None else st.just(_prefix(county, 6, "county"))
    kinds = st.sampled_from(TownshipKind) if kind is None else st.just(kind)
    first = kinds.flatmap(lambda k: st.sampled_from(sorted(TOWNSHIP_CLASSES[k.value])))
    return st.builds(
        lambda h, f, n: h + f + n,
        head,
        first,
        _digits(2, not_all_zero=False),
    ).filter(lambda code: code[6:] != "000")


def community_codes(*, township: str | None = None) -> st.SearchStrategy[str]:
    """Twelve-digit statistical codes of a community or village (in ``township`` when given).

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing.model.codes import statistical_code_problem
        >>> statistical_code_problem(find(community_codes(), lambda _: True)) is None
        True
    """
    head = township_codes() if township is None else st.just(_prefix(township, 9, "township"))
    return st.builds(lambda h, n: h + n, head, _digits(3))


def grid_codes(*, community: str | None = None) -> st.SearchStrategy[str]:
    """CJ/T 349-2010 grid codes (20 digits) holding ``community``'s code when given.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(grid_codes(community="370811101002"), lambda _: True)[6:18]
        '370811101002'
    """
    middle = (
        community_codes() if community is None else st.just(_prefix(community, 12, "community"))
    )
    return st.builds(
        lambda o, c, n: o + c + n,
        _digits(CJT_349_2010.prefix, not_all_zero=False),
        middle,
        _digits(CJT_349_2010.sequence, not_all_zero=False),
    )


def police_codes(*, division: str | None = None) -> st.SearchStrategy[str]:
    """Twelve-digit public-security organ codes beginning with ``division`` when given.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> find(police_codes(division="370899"), lambda _: True)[:6]
        '370899'
    """
    head = division_codes() if division is None else st.just(_prefix(division, 6, "division"))
    return st.builds(lambda h, n: h + n, head, _digits(6, not_all_zero=False))


_CREDIT = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def credit_codes() -> st.SearchStrategy[str]:
    """Unified social credit codes (GB 32100) with their check character.

    Requires the ``hypothesis`` extra.

    Examples:
        >>> from hypothesis import find
        >>> from community_policing.model.codes import credit_code_problem
        >>> credit_code_problem(find(credit_codes(), lambda _: True)) is None
        True
    """
    body = st.text(alphabet=_CREDIT, min_size=17, max_size=17)
    return body.map(lambda first17: first17 + credit_code_check(first17))
