"""A source system's dashboard as a picture (the ``plot`` extra, matplotlib).

:func:`plot_dashboard` draws two panels: each of the source's figures as the share of it the
records measure (a bar reaching the line at 100 % gives the figure; a figure without a measure
is marked, not drawn), and the violations each of the system's checks found. Labels are the
figures' and checks' own names, in English or Chinese; Chinese labels need a font with Chinese
characters (one of :data:`CJK_FONTS`), and where none is installed the labels are English.

Drawing uses matplotlib's object API (a figure of its own, no global pyplot state); without
matplotlib :class:`~community_policing.errors.MissingExtraError` names the ``plot`` extra.

Examples:
    >>> from datetime import date
    >>> from community_policing.catalog import dashboard, example, system
    >>> board = dashboard(system("hubin"), example("hubin"), as_of=date(2024, 1, 1), seed=0)
    >>> figure = plot_dashboard(board)
    >>> [ax.get_title() for ax in figure.axes]
    ['Figures of the source, measured (5/5)', 'Violations per check']
    >>> figure.axes[1].texts[0].get_text()
    'the system runs no checks'

"""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING, Any

from community_policing.extras import require

if TYPE_CHECKING:
    from community_policing.catalog.dashboard import Dashboard

__all__ = ["CJK_FONTS", "plot_dashboard"]

#: Fonts with Chinese characters, in the order they are looked for among matplotlib's fonts.
CJK_FONTS: tuple[str, ...] = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
)


def _chinese_font() -> str | None:
    """The first of :data:`CJK_FONTS` that matplotlib has, or ``None``."""
    fonts = require("matplotlib.font_manager", extra="plot").fontManager
    installed = {font.name for font in fonts.ttflist}
    return next((name for name in CJK_FONTS if name in installed), None)


#: How far past the figure a bar is drawn: a measure far above it stays readable.
_CLIP = 1.5


def plot_dashboard(board: Dashboard, *, language: str = "en") -> Any:
    """Draw ``board``: its figures as shares of the source's, and violations per check.

    Args:
        board: The dashboard.
        language: ``"en"`` or ``"zh"`` for the titles and labels (Chinese when one of
            :data:`CJK_FONTS` is installed, else English).

    Returns:
        The matplotlib :class:`~matplotlib.figure.Figure`, for ``savefig`` or further drawing.

    Raises:
        MissingExtraError: matplotlib is not installed (the ``plot`` extra).

    Examples:
        >>> from datetime import date
        >>> from community_policing.catalog import dashboard, example, system
        >>> board = dashboard(system("yuncheng"), example("yuncheng"), as_of=date(2024, 1, 1))
        >>> figures, checks = plot_dashboard(board).axes
        >>> len(figures.patches), [label.get_text() for label in checks.get_yticklabels()][:2]
        (5, ['one_grid_one_officer', 'population_cap'])
    """
    matplotlib_figure = require("matplotlib.figure", extra="plot")
    font = _chinese_font() if language == "zh" else None
    zh = font is not None
    text: dict[str, Any] = {"fontfamily": font} if zh else {}
    rows = board.figures
    picture = matplotlib_figure.Figure(figsize=(10, 0.4 * max(len(rows), 6) + 1.5))
    left, right = picture.subplots(1, 2, width_ratios=(3, 2))
    names = [row.figure.title_zh if zh else row.figure.title for row in rows]
    shares = [
        None
        if row.measured is None or row.figure.value == 0
        else min(row.measured / row.figure.value, _CLIP)
        for row in rows
    ]
    places = range(len(rows))
    for place, share, row in zip(places, shares, rows, strict=True):
        if share is None:
            left.text(0.02, place, "—", va="center", **text)
            continue
        left.barh(place, share, color="tab:green" if row.reproduced else "tab:red")
    left.axvline(1.0, color="black", linewidth=1)
    left.set_yticks(list(places), names, **text)
    left.invert_yaxis()
    left.set_xlim(0, _CLIP)
    reproduced = f"{board.reproduced}/{len(rows)}"
    left.set_title(
        f"来源数字的再现（{reproduced}）"
        if zh
        else f"Figures of the source, measured ({reproduced})",
        **text,
    )
    left.set_xlabel("测得 / 来源" if zh else "measured / source", **text)
    found = Counter(violation.rule for violation in board.checks.violations)
    checks = list(board.checks.checks)
    if checks:
        right.barh(range(len(checks)), [found[check] for check in checks], color="tab:orange")
        right.set_yticks(range(len(checks)), checks)
        right.invert_yaxis()
    else:
        right.text(
            0.5, 0.5, "该体系无检查" if zh else "the system runs no checks", ha="center", **text
        )
        right.set_yticks([])
    right.set_title("各项检查的问题数" if zh else "Violations per check", **text)
    right.xaxis.get_major_locator().set_params(integer=True)
    picture.tight_layout()
    return picture
