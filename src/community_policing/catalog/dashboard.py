"""A source system's dashboard over records: the source's figures, measured, and its checks.

The records are the system's generated example or a user's own
(:class:`~community_policing.catalog.examples.Records`).

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
from community_policing.catalog.examples import FigureCheck, Records, reproduce
from community_policing.graph import CommunityGraph
from community_policing.policies import Report, check

if TYPE_CHECKING:
    from datetime import date

__all__ = ["Dashboard", "dashboard"]


@attrs.frozen
class Dashboard:
    """What a source system shows of records: each figure against its measure, the checks.

    Attributes:
        system: The entry.
        seed: The seed of the example measured, or ``None`` for a user's own records.
        figures: Each of the source's figures, with what the example measures.
        checks: The entry's checks run over the example's jurisdiction.

    Examples:
        >>> from datetime import date
        >>> from community_policing.catalog import dashboard, example, system
        >>> board = dashboard(system("tieshan"), example("tieshan", seed=0),
        ...                   as_of=date(2024, 1, 1), seed=0)
        >>> print(board.to_text("zh").splitlines()[2])
          社区警务室：来源 14，示例 14 ✓
    """

    system: SourceSystem
    seed: int | None
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
        if self.seed is None:
            measured = "：你的记录" if zh else ": your records"
        else:
            measured = f"：示例（种子 {self.seed}）" if zh else f": example (seed {self.seed})"
        lines = [
            f"{entry.number} {name}{measured}",
            f"{'来源数字' if zh else 'Figures of the source'}"
            f"（{self.reproduced}/{len(self.figures)} 已再现）"
            if zh
            else f"Figures of the source ({self.reproduced}/{len(self.figures)} reproduced)",
        ]
        side, side_zh = ("example", "示例") if self.seed is not None else ("yours", "你的")
        for row in self.figures:
            figure = row.figure
            title = figure.title_zh if zh else figure.title
            measured = "—" if row.measured is None else figure.written(row.measured)
            mark = "✓" if row.reproduced else "✗"
            lines.append(
                f"  {title}：来源 {figure.shown}，{side_zh} {measured} {mark}"
                if zh
                else f"  {title}: source {figure.shown}, {side} {measured} {mark}"
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


def dashboard(
    entry: SourceSystem, records: Records, *, as_of: date, seed: int | None = None
) -> Dashboard:
    """The dashboard of ``entry`` over ``records``: figures measured, checks run on ``as_of``.

    ``seed`` names the example the records were generated from; leave it out for your own.

    Examples:
        >>> from datetime import date
        >>> from community_policing.catalog import example, system
        >>> board = dashboard(system("tieshan"), example("tieshan"), as_of=date(2024, 1, 1))
        >>> [row.figure.key for row in board.figures if not row.reproduced]
        ['robbery_change']
    """
    graph = CommunityGraph.from_jurisdiction(records.jurisdiction)
    report = check(graph, checks=entry.checks, as_of=as_of)
    return Dashboard(entry, seed, reproduce(entry, records), report)
