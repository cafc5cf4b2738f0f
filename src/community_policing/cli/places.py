"""The ``responsible`` command: who answers for a place (谁负责), from your own jurisdiction.

``community-policing responsible FILE.json PLACE`` names the police grid, management grid,
policing district and station of a place — a node key such as ``building:b-1`` or a standard
address's text — with the people holding each post on ``--as-of`` (default: today), and every
gap. ``-`` reads the document from standard input; ``--json`` writes data for programs,
``--lang zh|en`` text for people.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from community_policing import dump, sample
    >>> from community_policing.cli import main
    >>> path = Path(tempfile.mkdtemp()) / "town.json"
    >>> dump(sample.jurisdiction(), path)
    >>> main(["responsible", str(path), "building:b-xm-7", "--as-of", "2025-01-01",
    ...       "--lang", "en"])  # doctest: +ELLIPSIS
    building:b-xm-7 on 2025-01-01
      police grid: police_grid:pg-04 — nobody
      ...
    0
"""

from __future__ import annotations

import json
from datetime import date
from typing import TYPE_CHECKING, Any

from community_policing.cli.checks import read_jurisdiction
from community_policing.cli.sheets import add_output_options
from community_policing.graph import CommunityGraph, responsible

if TYPE_CHECKING:
    import argparse

    from community_policing.graph import Holding, Responsibility

__all__ = ["add_place_commands", "run_responsible"]


def add_place_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``responsible`` to the command line.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_place_commands(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["responsible", "-", "building:b-1", "--json"]).place
        'building:b-1'
    """
    asking = commands.add_parser("responsible", help="who answers for a place (谁负责)")
    asking.add_argument("path", metavar="FILE.json", help="'-': standard input")
    asking.add_argument("place", help="a node key (building:b-1) or a standard address's text")
    asking.add_argument(
        "--as-of",
        type=date.fromisoformat,
        default=None,
        metavar="YYYY-MM-DD",
        help="the day asked about (default: today)",
    )
    add_output_options(asking)


def _holders(holdings: tuple[Holding, ...]) -> list[dict[str, Any]]:
    return [
        {"post": h.post, "role": h.role.value, "person": h.person, "name": h.name} for h in holdings
    ]


def _data(answer: Responsibility) -> dict[str, Any]:
    return {
        "place": answer.place,
        "as_of": answer.as_of.isoformat(),
        "police_grid": answer.police_grid,
        "police_grid_staff": _holders(answer.police_grid_staff),
        "management_grid": answer.management_grid,
        "grid_workers": _holders(answer.grid_workers),
        "policing_district": answer.policing_district,
        "community_officers": _holders(answer.community_officers),
        "station": answer.station,
        "gaps": [
            {"area": g.area, "need": g.need, "message": g.message, "message_zh": g.message_zh}
            for g in answer.gaps
        ],
    }


def _text(answer: Responsibility, *, zh: bool) -> str:
    nobody = "无人" if zh else "nobody"

    def names(holdings: tuple[Holding, ...]) -> str:
        held = [h.name or h.person for h in holdings if h.person is not None]
        return "、".join(n for n in held if n) if held else nobody

    rows = (
        ("警格", "police grid", answer.police_grid, names(answer.police_grid_staff)),
        ("网格", "management grid", answer.management_grid, names(answer.grid_workers)),
        ("警务区", "policing district", answer.policing_district, names(answer.community_officers)),
    )
    day = answer.as_of.isoformat()
    lines = [f"{answer.place}（{day}）" if zh else f"{answer.place} on {day}"]
    for title_zh, title, area, people in rows:
        if area is not None:
            lines.append(
                f"  {title_zh}：{area} — {people}" if zh else f"  {title}: {area} — {people}"
            )
    if answer.station is not None:
        lines.append(f"  派出所：{answer.station}" if zh else f"  station: {answer.station}")
    lines.extend(f"  ✗ {g.message_zh if zh else g.message}" for g in answer.gaps)
    return "\n".join(lines)


def run_responsible(args: argparse.Namespace) -> int:
    """Run ``responsible``; returns the exit status.

    Raises:
        NotFoundError: the place is not in the document (the command line says so).

    Examples:
        >>> import argparse
        >>> run_responsible(argparse.Namespace(path="no-such-file.json", place="building:b-1",
        ...                                    as_of=None, json=False, lang="en"))
        Traceback (most recent call last):
        ...
        FileNotFoundError: [Errno 2] No such file or directory: 'no-such-file.json'
    """
    graph = CommunityGraph.from_jurisdiction(read_jurisdiction(args.path))
    as_of = args.as_of or date.today()  # noqa: DTZ011  (a calendar date, the user's today)
    answer = responsible(graph, args.place, as_of=as_of)
    if args.json:
        print(json.dumps(_data(answer), ensure_ascii=False))  # noqa: T201
    else:
        print(_text(answer, zh=args.lang == "zh"))  # noqa: T201
    return 0
