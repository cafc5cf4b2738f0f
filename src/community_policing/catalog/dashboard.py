"""A source system's dashboard over its example: the source's figures, measured, and its checks.

Examples:
    >>> from datetime import date
    >>> from community_policing.catalog import dashboard, example, system
    >>> board = dashboard(system("tieshan"), example("tieshan"), as_of=date(2024, 1, 1))
    >>> board.reproduced, len(board.figures)
    (11, 12)
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

import attrs

from community_policing.catalog.entries import SourceSystem
from community_policing.catalog.examples import Example, FigureCheck, reproduce
from community_policing.graph import CommunityGraph
from community_policing.policies import Report, check

if TYPE_CHECKING:
    from datetime import date

__all__ = ["Dashboard", "dashboard"]


@attrs.frozen
class Dashboard:
    """What a source system shows of an example: each figure against its measure, the checks.

    Attributes:
        system: The entry.
        seed: The example's seed.
        figures: Each of the source's figures, with what the example measures.
        checks: The entry's checks run over the example's jurisdiction.

    Examples:
        >>> from datetime import date
        >>> from community_policing.catalog import dashboard, example, system
        >>> board = dashboard(system("tieshan"), example("tieshan"), as_of=date(2024, 1, 1))
        >>> print(board.to_text("zh").splitlines()[2])
          社区警务室：来源 14，示例 14 ✓
    """

    system: SourceSystem
    seed: int
    figures: tuple[FigureCheck, ...]
    checks: Report

    @property
    def reproduced(self) -> int:
        """How many of the source's figures the example gives."""
        return sum(row.reproduced for row in self.figures)

    def to_text(self, language: str = "en") -> str:
        """The dashboard as lines of text, in English (``"en"``) or Chinese (``"zh"``)."""
        zh = language == "zh"
        entry = self.system
        name = entry.name_zh if zh else entry.name
        lines = [
            f"{entry.number} {name}"
            + (f"：示例（种子 {self.seed}）" if zh else f": example (seed {self.seed})"),
            f"{'来源数字' if zh else 'Figures of the source'}"
            f"（{self.reproduced}/{len(self.figures)} 已再现）"
            if zh
            else f"Figures of the source ({self.reproduced}/{len(self.figures)} reproduced)",
        ]
        for row in self.figures:
            figure = row.figure
            title = figure.title_zh if zh else figure.title
            measured = "—" if row.measured is None else figure.written(row.measured)
            mark = "✓" if row.reproduced else "✗"
            lines.append(
                f"  {title}：来源 {figure.shown}，示例 {measured} {mark}"
                if zh
                else f"  {title}: source {figure.shown}, example {measured} {mark}"
            )
        lines.append(self.checks.to_text("zh" if zh else "en"))
        return "\n".join(lines)

    def to_json(self) -> str:
        """The dashboard as JSON."""
        data: dict[str, Any] = {
            "system": self.system.id,
            "seed": self.seed,
            "reproduced": self.reproduced,
            "figures": [
                {
                    "key": row.figure.key,
                    "source": row.figure.value,
                    "at_least": row.figure.at_least,
                    "unit": row.figure.unit,
                    "measured": row.measured,
                    "reproduced": row.reproduced,
                }
                for row in self.figures
            ],
            "checks": json.loads(self.checks.to_json()),
        }
        return json.dumps(data, ensure_ascii=False)


def dashboard(entry: SourceSystem, example: Example, *, as_of: date) -> Dashboard:
    """The dashboard of ``entry`` over ``example``: figures measured, checks run on ``as_of``.

    Examples:
        >>> from datetime import date
        >>> from community_policing.catalog import example, system
        >>> board = dashboard(system("tieshan"), example("tieshan"), as_of=date(2024, 1, 1))
        >>> [row.figure.key for row in board.figures if not row.reproduced]
        ['robbery_change']
    """
    graph = CommunityGraph.from_jurisdiction(example.jurisdiction)
    report = check(graph, checks=entry.checks, as_of=as_of)
    return Dashboard(entry, example.seed, reproduce(entry, example), report)
