"""Official codes (代码): their structure, check characters, and how a child's extends its parent's.

Each code is an optional field of the entity it names; the field's validator checks its
structure, and a :class:`~community_policing.model.jurisdiction.Jurisdiction` checks that a
child's code extends its parent's (a problem with a path otherwise).

- Administrative division codes (行政区划代码, GB/T 2260): six digits, province (2), prefecture
  (2), county (2); a county-level division's last two are not ``00``.
- Statistical division codes (统计用区划代码, the statistics bureau's rules of 2009): twelve
  digits, the county's six, then three for the street, town or township (``001``-``099`` a
  street, ``100``-``199`` a town, ``200``-``399`` a township, ``400``-``599`` a unit run by an
  enterprise or farm), then three for the community or village; beside them a three-digit
  urban-rural classification (城乡分类代码, :data:`URBAN_RURAL_CODES`).
- Grid codes (网格代码): by a :class:`GridCodeLayout`; the layout of CJ/T 349-2010 §5 (digital
  community grids) is built in — six digits of the object managed or served, the county-level
  division (6), the street or township (3), the community (3) and the grid's sequence (2).
  Register another layout with :func:`register_grid_layout`; layouts are told apart by length.
- Public-security organ codes (公安机关机构代码, GA 380): twelve digits beginning with the
  division code of the area the organ serves. That much is confirmed from the systems that
  exchange them; the rest of the structure is not checked.
- Unified social credit codes (统一社会信用代码, GB 32100): eighteen characters from 0-9 and
  the capitals but I, O, S, V and Z, the last a check character (:func:`credit_code_check`).

No code table ships with the library: tables change every year, and one it could not keep
current would say wrong things. Existence is checked against a :class:`DivisionTable` the
caller supplies (:func:`unknown_divisions`), historic codes included, since an ID-card number
keeps the code of where it was first issued.

Examples:
    >>> from community_policing.model.codes import credit_code_check, division_code_problem
    >>> credit_code_check("91350100M000100Y4")  # the standard's own example
    '3'
    >>> division_code_problem("370811"), division_code_problem("990811")
    (None, 'the province part is not a province-level division of GB/T 2260')
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from community_policing.errors import Problem, shown
from community_policing.model import validators as v

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping, Sequence

__all__ = [
    "CJT_349_2010",
    "DivisionTable",
    "GridCodeLayout",
    "PROVINCE_CODES",
    "TOWNSHIP_CLASSES",
    "TableOfDivisions",
    "URBAN_RURAL_CODES",
    "credit_code_check",
    "credit_code_problem",
    "division_code_problem",
    "extension_problems",
    "grid_code_problem",
    "grid_layouts",
    "layout_of",
    "optional_code",
    "police_code_problem",
    "register_grid_layout",
    "statistical_code_problem",
    "unknown_codes",
    "unknown_divisions",
]

#: The province-level divisions of GB/T 2260 (stable since 1997): the first two digits of
#: every division code.
PROVINCE_CODES: frozenset[str] = frozenset(
    "11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 "  # noqa: SIM905
    "61 62 63 64 65 71 81 82".split()
)

#: The urban-rural classification codes (城乡分类代码) of the statistical division codes.
URBAN_RURAL_CODES: Mapping[str, str] = MappingProxyType(
    {
        "111": "主城区 (main urban area)",
        "112": "城乡结合区 (urban-rural fringe)",
        "121": "镇中心区 (town centre)",
        "122": "镇乡结合区 (town-rural fringe)",
        "123": "特殊区域 (special area)",
        "210": "乡中心区 (township centre)",
        "220": "村庄 (village)",
    }
)

_DIGITS = re.compile(r"[0-9]+")


def _digits(code: object, length: int) -> str | None:
    if type(code) is not str or len(code) != length or not _DIGITS.fullmatch(code):
        return f"{length} digits"
    return None


def optional_code(check: Callable[[object], str | None]) -> Callable[..., None]:
    """An attrs validator: ``None``, or a code ``check`` finds nothing wrong with.

    Examples:
        >>> import attrs
        >>> @attrs.frozen
        ... class Office:
        ...     KIND = "office"
        ...     code: str | None = attrs.field(default=None,
        ...                                    validator=optional_code(police_code_problem))
        >>> Office("37081151")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: office: code: 12 digits
    """

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if value is not None:
            problem = check(value)
            if problem is not None:
                raise v.fail(instance, attribute.name, "code", problem)

    return validate


def division_code_problem(code: object, *, county: bool = True) -> str | None:
    """Why ``code`` is not a GB/T 2260 division code (of a county when ``county``), or ``None``.

    Examples:
        >>> division_code_problem("370800"), division_code_problem("37081")
        ('a county-level code does not end in 00', '6 digits')
        >>> division_code_problem("370800", county=False) is None
        True
    """
    problem = _digits(code, 6)
    if problem is not None:
        return problem
    assert isinstance(code, str)  # noqa: S101  (checked above)
    if code[:2] not in PROVINCE_CODES:
        return "the province part is not a province-level division of GB/T 2260"
    if county and code[4:] == "00":
        return "a county-level code does not end in 00"
    return None


#: The first digit of a statistical township part, by the kind of division it names.
TOWNSHIP_CLASSES: Mapping[str, frozenset[str]] = MappingProxyType(
    {
        "street": frozenset("0"),
        "town": frozenset("1"),
        "township": frozenset("23"),
        "enterprise": frozenset("45"),
    }
)


def statistical_code_problem(code: object, *, length: int = 12) -> str | None:
    """Why ``code`` is not a statistical division code of ``length`` (9 or 12), or ``None``.

    Examples:
        >>> statistical_code_problem("370811001002")
        >>> statistical_code_problem("370811001", length=9)
        >>> statistical_code_problem("370811000002")
        'the township part 000 names no street, town or township'
    """
    problem = _digits(code, length)
    if problem is not None:
        return problem
    assert isinstance(code, str)  # noqa: S101  (checked above)
    problem = division_code_problem(code[:6])
    if problem is not None:
        return f"the county part: {problem}"
    if code[6:9] == "000" or code[6] not in "012345":
        return f"the township part {code[6:9]} names no street, town or township"
    if length == 12 and code[9:] == "000":
        return "the village part 000 names no community or village"
    return None


def police_code_problem(code: object) -> str | None:
    """Why ``code`` is not a public-security organ code (GA 380), as far as it is checked.

    Examples:
        >>> police_code_problem("370811510000"), police_code_problem("3708115100")
        (None, '12 digits')
    """
    problem = _digits(code, 12)
    if problem is not None:
        return problem
    assert isinstance(code, str)  # noqa: S101  (checked above)
    problem = division_code_problem(code[:6], county=False)
    return None if problem is None else f"the division part: {problem}"


# GB 32100: the characters of a credit code and their values; the weights of positions 1-17.
_CREDIT_CHARACTERS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_VALUES = {character: value for value, character in enumerate(_CREDIT_CHARACTERS)}
_CREDIT_WEIGHTS = tuple(pow(3, i, 31) for i in range(17))


def credit_code_check(first17: str) -> str:
    """The check character (校验码) of a unified social credit code's first 17 characters.

    ``31 - (sum of value × 3^(i-1) mod 31) mod 31``, over GB 32100's 31 characters.

    Raises:
        ValueError: not 17 characters of the code's character set.

    Examples:
        >>> credit_code_check("91350100M000100Y4")
        '3'
    """
    if len(first17) != 17 or any(c not in _CREDIT_VALUES for c in first17):
        msg = "expected the first 17 characters of a credit code"
        raise ValueError(msg)
    total = sum(_CREDIT_VALUES[c] * w for c, w in zip(first17, _CREDIT_WEIGHTS, strict=True))
    return _CREDIT_CHARACTERS[(31 - total % 31) % 31]


def credit_code_problem(code: object) -> str | None:
    """Why ``code`` is not a unified social credit code (GB 32100), or ``None``.

    Examples:
        >>> credit_code_problem("91350100M000100Y43") is None
        True
        >>> credit_code_problem("91350100M000100Y44")
        'the check character does not match (GB 32100)'
        >>> credit_code_problem("91350100M000100Y4Z")  # Z is not a character of the code
        'digits and capitals but I, O, S, V and Z'
    """
    if type(code) is not str or len(code) != 18:
        return "18 characters"
    if any(c not in _CREDIT_VALUES for c in code):
        return "digits and capitals but I, O, S, V and Z"
    if credit_code_check(code[:17]) != code[17]:
        return "the check character does not match (GB 32100)"
    return None


@attrs.frozen
class GridCodeLayout:
    """How a grid code is laid out: what comes before the community's code, and after it.

    Args:
        name: The standard the layout follows.
        prefix: Digits before the county-level division code (the object code of CJ/T 349).
        sequence: Digits of the grid's own sequence number after the community's code.

    Examples:
        >>> CJT_349_2010.length, CJT_349_2010.community_part("10010037081100100201")
        (20, '370811001002')
    """

    name: str = attrs.field(validator=v.text)
    prefix: int = attrs.field(validator=v.count)
    sequence: int = attrs.field(validator=v.count)

    @property
    def length(self) -> int:
        """How many digits a code of this layout has.

        Examples:
            >>> CJT_349_2010.length
            20
        """
        return self.prefix + 12 + self.sequence

    def community_part(self, code: str) -> str:
        """The twelve digits of the community's statistical code inside a grid code.

        Examples:
            >>> CJT_349_2010.community_part("00000037089900100101")
            '370899001001'
        """
        return code[self.prefix : self.prefix + 12]


#: CJ/T 349-2010 §5 (数字社区管理与服务 网格划分与编码规则): 20 digits, the object managed or
#: served (6), the county-level division (6), the street or township (3), the community (3),
#: the grid's sequence (2).
CJT_349_2010 = GridCodeLayout("CJ/T 349-2010", prefix=6, sequence=2)
_LAYOUTS: dict[int, GridCodeLayout] = {CJT_349_2010.length: CJT_349_2010}


def register_grid_layout(layout: GridCodeLayout) -> None:
    """Accept grid codes of another layout (told apart from the others by their length).

    Raises:
        ValueError: a layout of that length is registered already.

    Examples:
        >>> register_grid_layout(CJT_349_2010)
        Traceback (most recent call last):
        ...
        ValueError: a layout of 20 digits is registered already: CJ/T 349-2010
    """
    known = _LAYOUTS.get(layout.length)
    if known is not None:
        msg = f"a layout of {layout.length} digits is registered already: {known.name}"
        raise ValueError(msg)
    _LAYOUTS[layout.length] = layout


def grid_layouts() -> tuple[GridCodeLayout, ...]:
    """The layouts grid codes may follow.

    Examples:
        >>> [layout.name for layout in grid_layouts()]
        ['CJ/T 349-2010']
    """
    return tuple(_LAYOUTS.values())


def grid_code_problem(code: object) -> str | None:
    """Why ``code`` follows no registered grid layout, or ``None``.

    Examples:
        >>> grid_code_problem("10010037081100100201"), grid_code_problem("3708110010")
        (None, 'the length of no grid code layout (20 digits: CJ/T 349-2010)')
    """
    layout = _LAYOUTS.get(len(code)) if type(code) is str else None
    if layout is None or not _DIGITS.fullmatch(str(code)):
        known = ", ".join(f"{n} digits: {each.name}" for n, each in _LAYOUTS.items())
        return f"the length of no grid code layout ({known})"
    problem = statistical_code_problem(layout.community_part(str(code)))
    return None if problem is None else f"the community part: {problem}"


def layout_of(code: str) -> GridCodeLayout:
    """The layout of a grid code that passed :func:`grid_code_problem`.

    Examples:
        >>> layout_of("00000037089900100101").name
        'CJ/T 349-2010'
    """
    return _LAYOUTS[len(code)]


class DivisionTable(Protocol):
    """A table of division codes: whether a code names a division, now or in the past.

    Any object with this method will do: a wrapper of a code package, a database lookup.

    Examples:
        >>> class Everything:
        ...     def knows(self, code: str) -> bool:
        ...         return True
        >>> table: DivisionTable = Everything()
        >>> table.knows("370899")
        True
    """

    def knows(self, code: str) -> bool:
        """Whether ``code`` is (or was) a division code of the table."""


@attrs.frozen
class TableOfDivisions:
    """A :class:`DivisionTable` of the codes given: load the published list you keep.

    Examples:
        >>> table = TableOfDivisions(["370811", "370802"])
        >>> table.knows("370811"), table.knows("370899")
        (True, False)
    """

    codes: frozenset[str] = attrs.field(converter=frozenset)

    def knows(self, code: str) -> bool:
        """Whether ``code`` is in the table."""
        return code in self.codes


def unknown_divisions(
    entries: Iterable[tuple[str, str | None]], table: DivisionTable
) -> list[Problem]:
    """A problem for each ``(path, code)`` whose division part the table does not know.

    The division part is a code's first six digits (an ID-card number's region). The message
    does not repeat the code: it may be part of a person's number.

    Examples:
        >>> found = unknown_divisions([("$.a", "370811001"), ("$.b", "999999"), ("$.c", None)],
        ...                           TableOfDivisions(["370811"]))
        >>> [(problem.path, problem.reason) for problem in found]
        [('$.b', 'the division is not in the code table')]
    """
    return [
        Problem(path, "unknown_division", "the division is not in the code table")
        for path, code in entries
        if code is not None and not table.knows(code[:6])
    ]


def unknown_codes(jurisdiction: Any, table: DivisionTable) -> list[Problem]:
    """Every code of a jurisdiction whose division the table does not know, at its path.

    County, township and community codes, the division part of police organ codes and of grid
    codes, and the region of every ID-card number (GB 11643: its first six digits are where it
    was first issued, so the table must hold historic codes too).

    Examples:
        >>> from community_policing import sample
        >>> found = unknown_codes(sample.jurisdiction(), TableOfDivisions(["370899"]))
        >>> sorted({problem.path.split("[")[0] for problem in found})
        ['$.persons']
    """
    entries: list[tuple[str, str | None]] = []
    for name, field in (
        ("counties", "code"),
        ("townships", "code"),
        ("communities", "code"),
        ("sub_bureaus", "code"),
        ("police_stations", "code"),
        ("persons", "id_card_number"),
    ):
        entries.extend(
            (f"$.{name}[{index}].{field}", getattr(model, field))
            for index, model in enumerate(getattr(jurisdiction, name))
        )
    entries.extend(
        (
            f"$.management_grids[{index}].code",
            grid.code and layout_of(grid.code).community_part(grid.code),
        )
        for index, grid in enumerate(jurisdiction.management_grids)
    )
    return unknown_divisions(entries, table)


# (child collection, its field naming the parent, parent collection, how many leading digits
# the two codes share)
_EXTENDS: tuple[tuple[str, str, str, int], ...] = (
    ("townships", "county", "counties", 6),
    ("communities", "township", "townships", 9),
    ("police_stations", "sub_bureau", "sub_bureaus", 6),
    ("counties", "sub_bureau", "sub_bureaus", 6),
    ("townships", "station", "police_stations", 6),
)


def _code_of(model: Any) -> str | None:
    code = getattr(model, "code", None)
    if code is None:
        return None
    if model.KIND == "management_grid":
        return layout_of(code).community_part(code)
    return str(code)


def extension_problems(collections: Mapping[str, Sequence[Any]]) -> list[Problem]:
    """A child's code extends its parent's: each mismatch, with the child's code's path.

    A township's code begins with its county's, a community's with its township's, a grid's
    community part is its community's code; a station's division part is its sub-bureau's, a
    county's code is its sub-bureau's division part, and a township's station serves that
    county. Codes are not repeated in the messages.

    Examples:
        >>> from community_policing import County, Township, TownshipKind
        >>> found = extension_problems({
        ...     "counties": [County(id="c", name="县", code="370811")],
        ...     "townships": [Township(id="t", name="镇", county="c", kind=TownshipKind.TOWN,
        ...                            code="370812101")],
        ... })
        >>> [(problem.path, problem.reason) for problem in found]
        [('$.townships[0].code', "does not extend the code of its county 'c'")]
    """
    codes = {
        name: {model.id: _code_of(model) for model in collections.get(name, ())}
        for name in ("counties", "townships", "communities", "sub_bureaus", "police_stations")
    }
    problems = []
    for child, field, parent, digits in _EXTENDS:
        for index, model in enumerate(collections.get(child, ())):
            own = _code_of(model)
            parent_id = getattr(model, field)
            theirs = codes[parent].get(parent_id) if parent_id is not None else None
            if own is None or theirs is None:
                continue
            if own[:digits] != theirs[:digits]:
                problems.append(
                    Problem(
                        f"$.{child}[{index}].code",
                        "code_extends",
                        f"does not extend the code of its {field.replace('_', ' ')} "
                        f"{shown(parent_id)}",
                    )
                )
    for index, grid in enumerate(collections.get("management_grids", ())):
        own, theirs = _code_of(grid), codes["communities"].get(grid.community)
        if own is not None and theirs is not None and own != theirs:
            problems.append(
                Problem(
                    f"$.management_grids[{index}].code",
                    "code_extends",
                    f"does not extend the code of its community {shown(grid.community)}",
                )
            )
    return problems
