"""The workbook's shape: a sheet per collection, a column per field, Chinese and English names.

A jurisdiction becomes a workbook of one sheet per collection (``人员`` for persons, ``居住``
for residences ...), each row one record and each column one field; a nested value (a period, a
point, an address's parts, a record's provenance) spreads over columns named by its path
(``period.start``). Each column has a Chinese header, its English field path, whether it is
required, and, for a closed vocabulary, the enumeration whose Chinese labels a cell may hold.
This module says the shape; the readers and writers of the ``tabular`` extra use it, and a
platform can use it to map its own tables.

Examples:
    >>> from community_policing.io.sheets import sheet_of
    >>> persons = sheet_of("persons")
    >>> persons.title, [column.header for column in persons.columns][:3]
    ('人员', ['编号', '姓名', '公民身份号码'])
    >>> persons.column("id_card_number").text
    True
"""

from __future__ import annotations

import types
import typing
from datetime import date
from enum import Enum
from typing import Any

import attrs

from community_policing.model.addresses import AddressParts
from community_policing.model.coordinates import GeoPoint
from community_policing.model.jurisdiction import COLLECTIONS, Lifetime
from community_policing.model.periods import Period, Provenance

__all__ = ["Column", "SHEETS", "Sheet", "sheet_of"]

#: The Chinese title of each collection's sheet, in document order.
SHEET_TITLES: dict[str, str] = {
    "counties": "区县",
    "townships": "街道乡镇",
    "sub_bureaus": "分局",
    "police_stations": "派出所",
    "policing_districts": "警务区",
    "police_grids": "警格",
    "communities": "社区村",
    "management_grids": "网格",
    "residential_compounds": "小区",
    "buildings": "楼栋",
    "standard_addresses": "标准地址",
    "households": "户",
    "persons": "人员",
    "residences": "居住",
    "rental_housings": "出租房屋",
    "family_ties": "亲属关系",
    "organizations": "单位",
    "teams": "队伍",
    "posts": "岗位",
    "memberships": "任职成员",
    "area_assignments": "服务区域",
    "reporting_lines": "信息报告",
    "lifetimes": "存续期",
}

# The Chinese name of each field (by its last part; a nested field is prefixed by its parent's).
_LABELS: dict[str, str] = {
    "id": "编号",
    "name": "名称",
    "code": "代码",
    "kind": "类别",
    "county": "所属区县",
    "township": "所属街道乡镇",
    "station": "派出所",
    "sub_bureau": "分局",
    "district": "警务区",
    "police_grid": "警格",
    "community": "社区村",
    "management_grid": "网格",
    "compound": "小区",
    "building": "楼栋",
    "floors": "层数",
    "text": "地址全称",
    "address": "标准地址",
    "setting": "城乡属性",
    "population": "人口数",
    "urban_rural": "城乡分类代码",
    "id_card_number": "公民身份号码",
    "phone": "联系电话",
    "birth_date": "出生日期",
    "person": "人员",
    "household": "户",
    "category": "人员类别",
    "permit_expires": "居住证有效期至",
    "landlord": "房东",
    "relative": "亲属",
    "kinship": "亲属关系",
    "function": "职能",
    "credit_code": "统一社会信用代码",
    "purpose": "用途",
    "formula": "构成",
    "role": "角色",
    "area": "区域",
    "organization": "单位",
    "title": "职务",
    "post": "岗位",
    "team": "队伍",
    "reporter": "信息员",
    "officer": "民警",
    "entity": "实体编号",
    "period": "期间",
    "start": "起",
    "end": "止",
    "location": "位置",
    "lon": "经度",
    "lat": "纬度",
    "provenance": "登记",
    "recorded_by": "登记人",
    "recorded_on": "登记日期",
    "parts": "地址",
    "province": "省",
    "city": "市",
    "road": "街路巷",
    "door_number": "门牌号",
    "place": "名称",
    "unit": "单元",
    "floor": "楼层",
    "room": "户室",
}
# Nested fields whose Chinese name is not their parent's and their own run together.
_NESTED_LABELS: dict[str, str] = {
    "period.start": "起始日期",
    "period.end": "终止日期",
    "provenance.recorded_by": "登记人",
    "provenance.recorded_on": "登记日期",
    "location.lon": "经度",
    "location.lat": "纬度",
    "parts.province": "省",
    "parts.city": "市",
    "parts.county": "区县",
    "parts.township": "街道乡镇",
    "parts.road": "街路巷",
    "parts.door_number": "门牌号",
    "parts.compound": "小区名称",
    "parts.place": "门牌处名称",
    "parts.building": "楼栋号",
    "parts.unit": "单元",
    "parts.floor": "楼层",
    "parts.room": "户室",
    "parts.code": "地址编码",
}
# Persons are named, not titled, in Chinese.
_PERSON_NAME = "姓名"
# Fields whose text Excel must not read as a number (ids and codes keep their zeros and digits).
_TEXT_FIELDS = frozenset({"id_card_number", "phone", "code", "credit_code", "urban_rural"})
_NESTED = (Period, Provenance, GeoPoint, AddressParts)


@attrs.frozen
class Column:
    """One column of a sheet.

    Attributes:
        path: The field's path in the record (``"period.start"``).
        header: Its Chinese header.
        required: Whether a row must fill it.
        vocabulary: The enumeration of a closed vocabulary, whose Chinese labels a cell may hold.
        kind: ``"text"``, ``"integer"``, ``"number"`` or ``"date"``.
        text: Whether the column is text Excel must not turn into a number (ids, codes,
            ID-card numbers, phones).

    Examples:
        >>> from community_policing.io.sheets import sheet_of
        >>> sheet_of("residences").column("category").vocabulary.__name__
        'PopulationCategory'
    """

    path: str
    header: str
    required: bool
    vocabulary: type[Enum] | None
    kind: str
    text: bool


@attrs.frozen
class Sheet:
    """One sheet: the collection it holds, its title and its columns.

    Examples:
        >>> from community_policing.io.sheets import SHEETS
        >>> SHEETS[0].collection, SHEETS[0].title
        ('counties', '区县')
    """

    collection: str
    title: str
    columns: tuple[Column, ...]

    def column(self, path: str) -> Column:
        """The column of field ``path``.

        Raises:
            KeyError: no such column.

        Examples:
            >>> sheet_of("residences").column("period.start").header
            '起始日期'
        """
        for column in self.columns:
            if column.path == path:
                return column
        raise KeyError(path)


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """The type a field holds and whether it may be ``None``."""
    args = typing.get_args(annotation)
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is typing.Union:
        inner = [a for a in args if a is not type(None)]
        return inner[0], len(inner) != len(args)
    return annotation, False


def _columns(cls: type[Any], prefix: str, *, parent_optional: bool, person: bool) -> list[Column]:
    found = []
    for field in attrs.fields(attrs.resolve_types(cls)):
        if not field.init:
            continue
        holds, optional = _unwrap(field.type)
        path = f"{prefix}{field.name}"
        required = not (optional or parent_optional or field.default is not attrs.NOTHING)
        if isinstance(holds, type) and issubclass(holds, _NESTED):
            found.extend(
                _columns(
                    holds, f"{path}.", parent_optional=optional or parent_optional, person=person
                )
            )
            continue
        label = _PERSON_NAME if person and path == "name" else _LABELS.get(field.name, field.name)
        label = _NESTED_LABELS.get(path, label)
        vocabulary = holds if isinstance(holds, type) and issubclass(holds, Enum) else None
        kind = {int: "integer", float: "number", date: "date"}.get(holds, "text")
        found.append(Column(path, label, required, vocabulary, kind, field.name in _TEXT_FIELDS))
    return found


def _sheet(name: str, cls: type[Any]) -> Sheet:
    person = name == "persons"
    columns = tuple(_columns(cls, "", parent_optional=False, person=person))
    return Sheet(name, SHEET_TITLES[name], columns)


#: Every sheet of a jurisdiction's workbook, in document order (boundaries travel as GeoJSON).
SHEETS: tuple[Sheet, ...] = (
    *(_sheet(name, cls) for name, cls in COLLECTIONS.items()),
    _sheet("lifetimes", Lifetime),
)
_BY_NAME = {sheet.collection: sheet for sheet in SHEETS}


def sheet_of(collection: str) -> Sheet:
    """The sheet of a collection (``"persons"``).

    Raises:
        KeyError: no such collection.

    Examples:
        >>> sheet_of("buildings").column("location.lon").header
        '经度'
    """
    return _BY_NAME[collection]
