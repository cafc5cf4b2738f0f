"""What a catalog entry is made of: the values a source system sets, each with its source.

A :class:`SourceSystem` is one of the local systems the library was made from, as data: its
formulas, its mediation ladder and referral rules, its checks, its parameters
(:class:`Parameter`), the figures it reports (:class:`Figure`), and what it names without
defining (:class:`OpenPoint`) — a configuration point left empty for the user, never an
invented rule. Every value carries the source it comes from. An entry is a value: copy it with
:func:`attrs.evolve`, change what your county does differently, and the copy is checked like
the original.

Examples:
    >>> from community_policing.catalog import system
    >>> tieshan = system("tieshan")
    >>> tieshan.parameter("flexible_evenings").value, tieshan.parameter("flexible_evenings").source
    (2, 'Tieshan sub-bureau, Huangshi, Hubei (source 001)')
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

import attrs

from community_policing.errors import NotFoundError, shown
from community_policing.mediation import MediationLadder, Referral
from community_policing.model import validators as v
from community_policing.model.formulas import Formula
from community_policing.model.vocab import DisputeCategory
from community_policing.policies import Check

__all__ = ["Figure", "OpenPoint", "Parameter", "SourceSystem"]


def _scalar(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float, str, tuple)):
        raise v.fail(instance, attribute.name, "type", "is a number, a text or a tuple of them")


@attrs.frozen
class Parameter:
    """A value a source system sets for a mechanism, with where it comes from.

    Args:
        key: Its name in the entry (``flexible_evenings``).
        title: What it is, in English.
        title_zh: What it is, in Chinese.
        value: The value: a number, a text, or a tuple of them.
        source: The source that sets it.

    Examples:
        >>> Parameter("flexible_evenings", "evenings a week at the office", "每周错时晚间",
        ...           2, "Tieshan (source 001)").value
        2
    """

    KIND: ClassVar[str] = "parameter"

    key: str = attrs.field(validator=v.identifier)
    title: str = attrs.field(validator=v.text)
    title_zh: str = attrs.field(validator=v.text)
    value: int | float | str | tuple[Any, ...] = attrs.field(validator=_scalar)
    source: str = attrs.field(validator=v.text)


def _number(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise v.fail(instance, attribute.name, "type", "is a number")


@attrs.frozen
class Figure:
    """A figure a source system reports, which its example reproduces.

    Args:
        key: Its name in the entry (``police_districts``).
        title: What it counts, in English.
        title_zh: What it counts, in Chinese.
        value: The number as the source gives it.
        unit: Its unit, if any (``"%"``, ``"yuan"``).
        at_least: The source writes "more than" (余, +): the value is a floor.
        source: The source that reports it.

    Examples:
        >>> Figure("leads", "dispute leads screened", "排查矛盾纠纷线索", 5300, "",
        ...        at_least=True, source="Yuncheng (source 004)").shown
        '5,300+'
    """

    KIND: ClassVar[str] = "figure"

    key: str = attrs.field(validator=v.identifier)
    title: str = attrs.field(validator=v.text)
    title_zh: str = attrs.field(validator=v.text)
    value: int | float = attrs.field(validator=_number)
    unit: str = attrs.field(default="", validator=v.instance_of(str))
    at_least: bool = attrs.field(default=False, validator=v.instance_of(bool), kw_only=True)
    source: str = attrs.field(default="", validator=v.instance_of(str), kw_only=True)

    def __attrs_post_init__(self) -> None:
        if not self.source.strip():
            raise v.fail(self, "source", "source", "names the source that reports it")

    @property
    def shown(self) -> str:
        """The figure as the source writes it: ``'98.66 %'``, ``'5,300+'``."""
        return self.written(self.value, at_least=self.at_least)

    def written(self, value: float, *, at_least: bool = False) -> str:
        """``value`` written as this figure is: thousands marked, in its unit.

        Examples:
            >>> Figure("rate", "resolution rate", "化解率", 98.66, "%", source="004").written(99.0)
            '99 %'
        """
        number = f"{int(value):,}" if float(value).is_integer() else f"{value:g}"
        unit = f" {self.unit}" if self.unit else ""
        return f"{number}{'+' if at_least else ''}{unit}"


@attrs.frozen
class OpenPoint:
    """Something a source names but does not define: a configuration point, empty by default.

    The library does not invent what the source leaves out; a user who knows what their county
    means by it fills it in (as their own formula, check or parameter).

    Args:
        key: Its name in the entry.
        title: What the source calls it, in English.
        title_zh: What the source calls it, in Chinese.
        says: What the source says of it, and nothing more.
        source: The source.

    Examples:
        >>> OpenPoint("framework_1_2_n", "the 1+2+N framework", "1+2+N框架工程",
        ...           "named as one of the three projects; its parts are not given",
        ...           "Jining Shizhong (source 000)").title_zh
        '1+2+N框架工程'
    """

    KIND: ClassVar[str] = "open_point"

    key: str = attrs.field(validator=v.identifier)
    title: str = attrs.field(validator=v.text)
    title_zh: str = attrs.field(validator=v.text)
    says: str = attrs.field(validator=v.text)
    source: str = attrs.field(validator=v.text)


def _unique_keys(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    seen: set[str] = set()
    for item in value:
        key = str(getattr(item, "key", None) or item.id)
        if key in seen:
            raise v.fail(instance, attribute.name, "unique", f"names {shown(key)} twice")
        seen.add(key)


def _tuple_of(cls: type[Any]) -> Any:
    of_cls = v.tuple_of(cls)

    def validate(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        of_cls(instance, attribute, value)
        _unique_keys(instance, attribute, value)

    return validate


def _referrals(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if not isinstance(value, Mapping) or not all(
        isinstance(category, DisputeCategory) and isinstance(referral, Referral)
        for category, referral in value.items()
    ):
        raise v.fail(instance, attribute.name, "type", "maps dispute categories to referrals")


@attrs.frozen
class SourceSystem:
    """One source system as a ready configuration: what it runs, with its sources.

    Args:
        id: A short name (``yuncheng``).
        number: The source's number (``"004"``).
        name: The system's name, in English.
        name_zh: The system's name, in Chinese.
        place: Where it runs, in English.
        place_zh: Where it runs, in Chinese.
        source: The source's citation, repeated beside each value that comes from it.
        summary: One line on what the system is.
        formulas: The "1+N" formulas it declares (teams, mechanisms).
        ladder: Its mediation ladder, if it declares one.
        referrals: Its referral rules per dispute category, if it declares them.
        checks: The checks it runs, configured with its parameters.
        parameters: The values it sets for its mechanisms.
        figures: The figures it reports.
        open_points: What it names without defining.

    Examples:
        >>> import attrs
        >>> from community_policing.catalog import system
        >>> mine = attrs.evolve(system("yuncheng"), id="my-county", name="my county's grids")
        >>> mine.ladder is system("yuncheng").ladder
        True
        >>> attrs.evolve(mine, parameters=mine.parameters * 2)
        Traceback (most recent call last):
        ...
        community_policing.errors.ValidationError: source_system 'my-county': parameters: ...
    """

    KIND: ClassVar[str] = "source_system"

    id: str = attrs.field(validator=v.identifier)
    number: str = attrs.field(validator=v.text)
    name: str = attrs.field(validator=v.text)
    name_zh: str = attrs.field(validator=v.text)
    place: str = attrs.field(validator=v.text)
    place_zh: str = attrs.field(validator=v.text)
    source: str = attrs.field(validator=v.text)
    summary: str = attrs.field(validator=v.text)
    formulas: tuple[Formula, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_tuple_of(Formula)
    )
    ladder: MediationLadder | None = attrs.field(
        default=None, validator=v.instance_of(MediationLadder, optional=True)
    )
    referrals: Mapping[DisputeCategory, Referral] = attrs.field(factory=dict, validator=_referrals)
    checks: tuple[Check, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_tuple_of(Check)
    )
    parameters: tuple[Parameter, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_tuple_of(Parameter)
    )
    figures: tuple[Figure, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_tuple_of(Figure)
    )
    open_points: tuple[OpenPoint, ...] = attrs.field(
        default=(), converter=v.list_as_tuple, validator=_tuple_of(OpenPoint)
    )

    def to_data(self) -> dict[str, Any]:
        """The entry as JSON-ready data: every part, in both languages, with its source.

        Examples:
            >>> from community_policing.catalog import system
            >>> data = system("tieshan").to_data()
            >>> data["referrals"]["labour"], data["figures"][4]["shown"]
            (['human_resources_and_social_security'], '817')
        """
        return {
            "id": self.id,
            "number": self.number,
            "name": self.name,
            "name_zh": self.name_zh,
            "place": self.place,
            "place_zh": self.place_zh,
            "source": self.source,
            "summary": self.summary,
            "formulas": [
                {"id": f.id, "shape": str(f), "name": f.name, "name_zh": f.name_zh}
                for f in self.formulas
            ],
            "ladder": None
            if self.ladder is None
            else [
                {"level": tier.level, "name": tier.name, "name_zh": tier.name_zh}
                for tier in self.ladder.tiers
            ],
            "referrals": {
                category.value: sorted(
                    [each.value for each in referral.functions]
                    + [each.value for each in referral.kinds]
                )
                for category, referral in self.referrals.items()
            },
            "checks": [
                {"id": each.id, "title": each.title, "title_zh": each.title_zh}
                for each in self.checks
            ],
            "parameters": [
                {**_described(p), "value": list(p.value) if isinstance(p.value, tuple) else p.value}
                for p in self.parameters
            ],
            "figures": [
                {
                    **_described(f),
                    "value": f.value,
                    "unit": f.unit,
                    "at_least": f.at_least,
                    "shown": f.shown,
                }
                for f in self.figures
            ],
            "open_points": [{**_described(p), "says": p.says} for p in self.open_points],
        }

    def to_text(self, language: str = "en") -> str:
        """The entry as lines of text, in English (``"en"``) or Chinese (``"zh"``).

        Examples:
            >>> from community_policing.catalog import system
            >>> print(system("hubin").to_text("zh"))  # doctest: +ELLIPSIS
            003 “三板斧” — 江苏宿迁市公安局湖滨新区分局
            ...
            数字：
              联勤联防区：8
              保安公司：54
            ...
        """
        zh = language == "zh"
        name, place = (self.name_zh, self.place_zh) if zh else (self.name, self.place)
        lines = [f"{self.number} {name} — {place}", f"  {self.source}"]
        if not zh:
            lines.append(f"  {self.summary}")

        def section(title: str, title_zh: str, rows: list[str]) -> None:
            if rows:
                lines.append(f"{title_zh if zh else title}{'：' if zh else ':'}")
                lines.extend(f"  {row}" for row in rows)

        section("Formulas", "公式", [f"{f} {f.name_zh if zh else f.name}" for f in self.formulas])
        if self.ladder is not None:
            section(
                "Mediation ladder",
                "调解层级",
                [f"{tier.level} {tier.name_zh if zh else tier.name}" for tier in self.ladder.tiers],
            )
        section("Checks", "检查", [each.title_zh if zh else each.title for each in self.checks])
        colon = "：" if zh else ": "
        section(
            "Parameters",
            "参数",
            [f"{p.title_zh if zh else p.title}{colon}{p.value}" for p in self.parameters],
        )
        section(
            "Figures",
            "数字",
            [f"{f.title_zh if zh else f.title}{colon}{f.shown}" for f in self.figures],
        )
        section(
            "Named, not defined",
            "有名无定义",
            [f"{p.title_zh if zh else p.title}{colon}{p.says}" for p in self.open_points],
        )
        return "\n".join(lines)

    def parameter(self, key: str) -> Parameter:
        """The parameter named ``key``.

        Raises:
            NotFoundError: the entry sets no such parameter.
        """
        found: Parameter = _find(self, self.parameters, key, "parameter")
        return found

    def figure(self, key: str) -> Figure:
        """The figure named ``key``.

        Raises:
            NotFoundError: the entry reports no such figure.
        """
        found: Figure = _find(self, self.figures, key, "figure")
        return found

    def formula(self, formula_id: str) -> Formula:
        """The formula with id ``formula_id``.

        Raises:
            NotFoundError: the entry declares no such formula.
        """
        found: Formula = _find(self, self.formulas, formula_id, "formula")
        return found


def _described(item: Parameter | Figure | OpenPoint) -> dict[str, Any]:
    return {"key": item.key, "title": item.title, "title_zh": item.title_zh, "source": item.source}


def _find(entry: SourceSystem, items: tuple[Any, ...], key: str, what: str) -> Any:
    for item in items:
        if getattr(item, "key", None) == key or getattr(item, "id", None) == key:
            return item
    known = ", ".join(getattr(item, "key", None) or item.id for item in items) or "none"
    raise NotFoundError(what, key, hint=f"{entry.id} has {known}")
