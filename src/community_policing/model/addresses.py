"""Structured standard addresses (标准地址): parts, the canonical text, and a parser.

A standard address in the 一标三实 model is 省市县 + 街路巷 + 门牌号 + 小区 + 楼栋 + 单元 + 楼层 +
户室. :class:`AddressParts` holds those parts (each optional, as real addresses lack some);
:meth:`AddressParts.text` writes the canonical Chinese text; :func:`parse_address` reads free
text back into parts, after :func:`normalize_address` has made full-width characters
half-width, Chinese numerals in numbered parts Arabic and dropped spaces. What the parser cannot
read it says precisely, by position and part, without repeating the text: an address can say
where a person lives.

Examples:
    >>> parts = parse_address("西门路８８号嘉园小区一号楼三单元五〇一室")
    >>> parts.road, parts.door_number, parts.compound, parts.building, parts.unit, parts.room
    ('西门路', '88', '嘉园小区', '1', '3', '501')
    >>> parts.text()
    '西门路88号嘉园小区1号楼3单元501室'
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, ClassVar

import attrs

from community_policing.errors import ValidationError
from community_policing.model import validators as v
from community_policing.model.codes import optional_code
from community_policing.model.registry import document

__all__ = ["AddressParts", "normalize_address", "parse_address"]

_DIGIT = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
          "八": 8, "九": 9}  # fmt: skip
_CHINESE_NUMBER = re.compile(r"[〇零一二两三四五六七八九十百]+(?=号|栋|幢|座|单元|层|楼|室)")


def _arabic(numeral: str) -> str:
    """A Chinese numeral as Arabic digits: ``五〇一`` → ``501``, ``十二`` → ``12``."""
    if not any(c in "十百" for c in numeral):
        return "".join(str(_DIGIT[c]) for c in numeral)
    total, current = 0, 0
    for c in numeral:
        if c == "百":
            total += (current or 1) * 100
            current = 0
        elif c == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGIT[c]
    return str(total + current)


def normalize_address(text: str) -> str:
    """``text`` with full-width characters half-width, spaces gone, numbered parts in digits.

    Examples:
        >>> normalize_address("西门路 ８８号 十二号楼")
        '西门路88号12号楼'
    """
    half = unicodedata.normalize("NFKC", text)
    half = "".join(half.split())
    return _CHINESE_NUMBER.sub(lambda match: _arabic(match.group()), half)


def _part(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None:
        v.text(instance, attribute, value)


def _number(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and (
        type(value) is not str or not re.fullmatch(r"[0-9A-Za-z-]{1,16}", value)
    ):
        raise v.fail(instance, attribute.name, "address_number", "digits, letters or '-'")


def _optional_part() -> Any:
    return attrs.field(default=None, validator=_part)


def _optional_number() -> Any:
    return attrs.field(default=None, validator=_number)


@document
@attrs.frozen
class AddressParts:
    """The parts of a standard address, each optional; numbers are kept as written (``"12A"``).

    Args:
        province: 省 (``"山东省"``).
        city: 市 (``"济宁市"``).
        county: 区/县 (``"示例县"``).
        township: 街道/乡镇 (``"西门街道"``).
        road: 街路巷, or a village's name where it has no roads (``"西门路"``, ``"社东村"``).
        door_number: 门牌号, without ``号``.
        compound: 小区 or another named complex (``"嘉园小区"``).
        place: The name of what stands at the door number, when the address ends with it
            (``"西门社区警务室"``).
        building: 楼栋号, without ``号楼``.
        unit: 单元, without ``单元``.
        floor: 楼层, without ``层``.
        room: 户室, without ``室``.
        code: The platform's address code (地址编码), when it has one.

    Examples:
        >>> AddressParts(road="社东村", door_number="12").text()
        '社东村12号'
    """

    KIND: ClassVar[str] = "address_parts"

    province: str | None = _optional_part()
    city: str | None = _optional_part()
    county: str | None = _optional_part()
    township: str | None = _optional_part()
    road: str | None = _optional_part()
    door_number: str | None = _optional_number()
    compound: str | None = _optional_part()
    place: str | None = _optional_part()
    building: str | None = _optional_number()
    unit: str | None = _optional_number()
    floor: str | None = _optional_number()
    room: str | None = _optional_number()
    code: str | None = attrs.field(
        default=None,
        validator=optional_code(lambda c: None if re.fullmatch(r"[0-9A-Za-z]{1,32}", str(c))
                                else "letters and digits, 32 at most"),
    )  # fmt: skip

    def text(self) -> str:
        """The canonical Chinese text (标准地址全称) of the parts.

        Examples:
            >>> AddressParts(road="西门路", door_number="88", compound="嘉园小区", building="1",
            ...              unit="1", room="101").text()
            '西门路88号嘉园小区1号楼1单元101室'
        """
        pieces = [self.province, self.city, self.county, self.township, self.road]
        for value, suffix in (
            (self.door_number, "号"),
            (self.compound, ""),
            (self.place, ""),
            (self.building, "号楼"),
            (self.unit, "单元"),
            (self.floor, "层"),
            (self.room, "室"),
        ):
            if value is not None:
                pieces.append(value + suffix)
        return "".join(piece for piece in pieces if piece)


# The parser reads left to right, each part by its suffix; a part may be absent.
_NUMBER = r"([0-9A-Za-z]+(?:-[0-9A-Za-z]+)?)"
_STEPS: tuple[tuple[str, str, re.Pattern[str]], ...] = (
    ("province", "province (省)", re.compile(r"([^0-9]{2,8}?(?:省|自治区))")),
    ("city", "city (市)", re.compile(r"([^0-9]{2,8}?(?:市|自治州|地区|盟))")),
    ("county", "county (区县)", re.compile(r"([^0-9]{1,8}?(?:区|县|旗))(?=[^0-9])")),
    ("township", "township (街道乡镇)", re.compile(r"([^0-9]{1,8}?(?:街道|镇|乡))(?=[^0-9])")),
    ("road", "road (街路巷)", re.compile(
        r"([^0-9]{1,12}?(?:大道|路|街|巷|胡同|弄|里|村|道))(?=[0-9])")),
    ("door_number", "door number (门牌号)", re.compile(_NUMBER + r"号(?!楼)")),
    ("compound", "compound (小区)", re.compile(
        r"([^0-9]{1,16}?(?:小区|花园|家园|公寓|大厦|新村|大院|苑|园))(?=[0-9]|$)")),
    ("place", "place (名称)", re.compile(r"([^0-9]+)$")),
    ("building", "building (楼栋)", re.compile(_NUMBER + r"(?:号楼|栋|幢|座)")),
    ("unit", "unit (单元)", re.compile(_NUMBER + r"单元")),
    ("floor", "floor (楼层)", re.compile(_NUMBER + r"层")),
    ("room", "room (户室)", re.compile(_NUMBER + r"(?:室|户)?$")),
)  # fmt: skip


def parse_address(text: str) -> AddressParts:
    """Read free text into :class:`AddressParts` (the text is normalised first).

    Raises:
        ValidationError: the text is not a string, or holds something the parser cannot
            read; the reason gives the character position and the part it was reading after,
            never the text.

    Examples:
        >>> parse_address("社东村12号").door_number
        '12'
        >>> parse_address("西门路88号嘉园小区1号楼1单元101室东侧")
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: address: text: cannot read from character 17 ...
    """
    if type(text) is not str or not text.strip():
        raise ValidationError(
            entity="address", field="text", rule="type", reason="expected the text of an address"
        )
    rest = normalize_address(text)
    length, found = len(rest), {}
    last = "the start"
    for part, label, pattern in _STEPS:
        match = pattern.match(rest)
        if match is None:
            continue
        found[part] = match.group(1)
        rest = rest[match.end() :]
        last = label
    if rest:
        position = length - len(rest) + 1
        raise ValidationError(
            entity="address",
            field="text",
            rule="address",
            reason=f"cannot read from character {position} on (after {last})",
        )
    return AddressParts(**found)
