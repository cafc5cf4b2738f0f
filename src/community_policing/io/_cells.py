"""Reading a sheet's cells: merged cells, where the headers stand, and each cell's value.

A filled workbook is rarely the template as written: a title row merged across the top, a
header merged over two rows beside a group heading (``期间`` over ``起始日期`` and ``终止日期``),
the English field paths instead of the Chinese, columns in any order. The header row is the row,
among the first few, that names the most columns; a column's header is its own cell on that row,
or, when that cell is empty, the nearest cell above it that names a column. A merged cell that
spans rows holds its value in each row it spans; one that spans columns only in its first.
"""

from __future__ import annotations

import functools
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable
    from enum import Enum

    from community_policing.io.sheets import Column, Sheet

Rows = list[list[Any]]

# The Chinese of the library's rules, for problems reported in both languages.
_RULES_ZH: dict[str, str] = {
    "address": "地址不符合要求",
    "address_number": "门牌号不符合要求",
    "after_start": "须晚于起始日期",
    "allowed_values": "不在可选值中",
    "append_only": "只能追加",
    "area_ref": "区域应写作 类别:编号",
    "birth_date": "出生日期不合理",
    "birth_date_matches_id_card": "出生日期与公民身份号码不符",
    "bounded_kind": "该类区域不绘制边界",
    "canonical_text": "地址全称与地址各部分不一致",
    "characters": "含有不允许的字符",
    "code": "代码不符合规则",
    "code_extends": "代码与上级不一致",
    "compound_in_community": "小区与所在社区不一致",
    "date": "日期应写作 YYYY-MM-DD",
    "distinct_persons": "须为不同的人",
    "duplicate_id": "编号重复",
    "end_after_start": "终止日期早于起始日期",
    "exactly_one_parent": "须有且只有一个上级",
    "exactly_one_provider": "须有且只有一个提供方",
    "exactly_one_target": "须有且只有一个对象",
    "function_needs_agency": "该职能须由单位承担",
    "id_card_number": "公民身份号码不符合规则 (GB 11643)",
    "identifier": "编号应为1至128个可见字符, 不含空格",
    "max_count": "超过最大数量",
    "max_length": "超过最大长度",
    "maximum_at_least_minimum": "最大值小于最小值",
    "non_negative": "不能为负数",
    "not_blank": "不能为空白",
    "not_empty": "不能为空",
    "number_as_text": "文本列中填了数字 (Excel 可能已改写)",
    "one_boundary": "同一区域同一时间只能有一个边界",
    "one_residence": "同一时间居住于两处",
    "phone_number": "联系电话不符合规则",
    "polygon": "多边形不符合要求",
    "positive": "须为正数",
    "post_has_scope": "岗位须有负责区域或单位",
    "range": "超出范围",
    "reference": "引用的编号不存在",
    "required": "必填项为空",
    "ring": "多边形的环不符合要求",
    "role_from_post": "角色须与岗位一致",
    "shape": "格式不符",
    "text": "文本不符合要求",
    "timezone": "时区不符",
    "type": "类型不符",
    "unique": "不能重复",
    "unique_id_card": "公民身份号码重复",
    "unknown_column": "无法识别的列",
    "unknown_division": "区划代码不存在",
    "unknown_field": "无法识别的字段",
    "utc_offset": "UTC 偏移不符",
    "weekday": "星期不符",
    "whole_units": "单元被拆分到多个警格",
}
# Reasons more precise than their rule's Chinese.
_REASONS_ZH: dict[str, str] = {
    "check character does not match (GB 11643)": "校验码不符 (GB 11643)",
    "must be 17 digits and a check character (digit or X)": "应为17位数字加校验码 (数字或X)",
    "birth date inside the number is not a calendar date": "号码中的出生日期不存在",
    "birth date inside the number is not plausible": "号码中的出生日期不合理",
    "a value in a column without a header": "无表头的列中有值",
}
# The rows looked at for the header; below them is data.
_HEADER_SEARCH = 6


def in_chinese(rule: str, reason: str) -> str:
    """The Chinese of a problem: its reason's when known, else its rule's, else the reason."""
    return _REASONS_ZH.get(reason) or _RULES_ZH.get(rule) or reason


def letter(index: int) -> str:
    """The spreadsheet letters of the column at 0-based ``index`` (``0`` is ``A``)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def fill_merged(rows: Rows, merged: list[tuple[tuple[int, int], tuple[int, int]]]) -> None:
    """Give each row a merged range spans the value of its top cell (first column only)."""
    for (top, column), (bottom, _) in merged:
        if top >= len(rows) or column >= len(rows[top]):
            continue
        value = rows[top][column]
        for row in rows[top + 1 : bottom + 1]:
            if column < len(row):
                row[column] = value


def _name(cell: Any) -> str:
    return str(cell).strip() if cell is not None else ""


def headers(sheet: Sheet, rows: Rows) -> tuple[int, dict[int, Column], list[int]]:
    """The header row's index, its columns by index, and the indexes of unknown headers."""
    known = {column.header: column for column in sheet.columns}
    known.update({column.path: column for column in sheet.columns})
    best: tuple[int, dict[int, Column], list[int]] = (0, {}, [])
    for at in range(min(len(rows), _HEADER_SEARCH)):
        found: dict[int, Column] = {}
        unknown: list[int] = []
        for index, cell in enumerate(rows[at]):
            name = _name(cell)
            if name:
                column = known.get(name)
                if column is None:
                    unknown.append(index)
                else:
                    found[index] = column
                continue
            above = (known.get(_name(row[index])) for row in rows[at - 1 :: -1] if at)
            column = next((column for column in above if column is not None), None)
            if column is not None:
                found[index] = column
        if len(found) > len(best[1]):
            best = (at, found, unknown)
    if not best[1]:  # nothing names a column: the first row with text is the header
        at = next((at for at, row in enumerate(rows) if any(map(_name, row))), 0)
        best = (at, {}, [index for index, cell in enumerate(rows[at]) if _name(cell)])
    return best


#: What a reader gives for a number in a text column (Excel may have rounded it).
NUMBER_AS_TEXT = object()


def reader(column: Column) -> Callable[[Any], Any]:
    """The function turning one cell of ``column`` into its JSON-ready value.

    It gives ``None`` for a blank cell and :data:`NUMBER_AS_TEXT` for a number where text
    belongs; any other value goes to the library's reader, which judges it. The common cell of
    each kind of column takes a short way; every other goes through :func:`value`.
    """
    if column.vocabulary is not None:
        labels = _labels(column.vocabulary)

        def read_label(raw: Any) -> Any:
            if type(raw) is str:
                text = raw.strip()
                return labels.get(text, text) if text else None
            return value(raw, column)

        return read_label
    if column.kind == "date":

        def read_date(raw: Any) -> Any:
            return raw.isoformat() if type(raw) is date else value(raw, column)

        return read_date
    if column.kind in ("number", "integer"):
        return lambda raw: value(raw, column)

    def read_text(raw: Any) -> Any:
        if type(raw) is str:
            return raw if raw.strip() else None  # text is kept as typed
        return value(raw, column)

    return read_text


def value(raw: Any, column: Column) -> Any:
    """A cell's JSON-ready value (``None`` when blank), or :data:`NUMBER_AS_TEXT`.

    For the cells a :func:`reader` does not take its short way with (a label column's text is
    always read there).
    """
    if isinstance(raw, str):
        return _text(raw, column)
    if isinstance(raw, datetime):
        raw = raw.date()
    if isinstance(raw, date):
        return raw.isoformat()
    if isinstance(raw, float | int) and not isinstance(raw, bool):
        return _number(raw, column)
    return raw


def _text(raw: str, column: Column) -> Any:
    """A text cell's value: ``None`` when blank, a vocabulary's value, a number written out."""
    if not raw.strip():
        return None  # an empty cell (text is kept as typed: it may mean its spaces)
    if column.kind in ("number", "integer"):
        try:
            number = float(raw)
        except ValueError:
            return raw  # the library's reader says it is no number
        return int(number) if column.kind == "integer" and number.is_integer() else number
    return raw


def _number(raw: float, column: Column) -> Any:
    """A number read from a cell, as its column wants it (never as text: Excel may round)."""
    if column.text or column.kind == "text":
        return NUMBER_AS_TEXT
    if column.kind == "integer" and float(raw).is_integer():
        return int(raw)
    return float(raw) if column.kind == "number" else raw


@functools.cache
def _labels(vocabulary: type[Enum]) -> dict[str, str]:
    """A vocabulary's values by themselves and by their Chinese labels.

    A text that is neither stays as typed: the library's reader says it is not one of the values.
    """
    labels = {member.zh: member.value for member in vocabulary}  # type: ignore[attr-defined]
    labels.update({member.value: member.value for member in vocabulary})
    return labels
