"""The map commands: ``plan`` (警格规划) and ``map`` (地图), over your own jurisdiction.

``community-policing plan FILE.json`` plans police grids over the document's planning units
(communities and villages, or the management grids of one over its cap), with their borders
measured from the boundaries the document draws; ``--communities`` plans some of them,
``-o PLANNED.json --district ID`` writes the document with the plan applied as that district's
police grids. ``map FILE.json`` tells how many areas of each kind the document draws on
``--as-of`` and any breach of the tiling rules, ``-o MAP.png`` draws them (the ``plot``
extra), ``--json`` writes them as GeoJSON for the public. Both need the ``geo`` extra.

Examples:
    >>> import tempfile
    >>> from pathlib import Path
    >>> from community_policing import dump, sample
    >>> from community_policing.cli import main
    >>> path = Path(tempfile.mkdtemp()) / "town.json"
    >>> dump(sample.jurisdiction(), path)
    >>> main(["plan", str(path), "--as-of", "2025-01-01", "--lang", "en"])
    ... # doctest: +NORMALIZE_WHITESPACE
    4 police grids, lower bound 4, proven optimal
    grid  units                  people  of cap
    1     mg-ximen-1 mg-ximen-4  4800    96 % of 5000
    2     mg-ximen-2 mg-ximen-3  4800    96 % of 5000
    3     v-beiguan              2870    96 % of 3000
    4     v-shedong v-shexi      2830    94 % of 3000
    0
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from community_policing.cli.access import UsageError
from community_policing.cli.output import (
    add_day_option,
    add_document_argument,
    add_output_options,
    day_of,
    print_json,
    read_document,
    table,
    write_document,
)
from community_policing.graph import CommunityGraph
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.vocab import AreaKind
from community_policing.planning import apply_plan, plan_police_grids, planning_units

if TYPE_CHECKING:
    import argparse

    from community_policing.planning import Plan

__all__ = ["add_map_commands", "run_map", "run_plan"]


def add_map_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``plan`` and ``map`` to the command line.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_map_commands(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["plan", "town.json", "--communities", "c-1,c-2"]).communities
        'c-1,c-2'
    """
    planning = commands.add_parser("plan", help="plan police grids over the planning units")
    add_document_argument(planning)
    planning.add_argument(
        "--communities", default=None, metavar="ID,ID", help="plan these (default: all)"
    )
    planning.add_argument("--seed", type=int, default=0, help="the search's seed (default 0)")
    planning.add_argument(
        "--time-limit", type=float, default=60.0, metavar="SECONDS", help="default 60"
    )
    planning.add_argument(
        "--exact", action="store_true", help="prove the optimum (the exact extra)"
    )
    planning.add_argument(
        "-o", "--output", default=None, metavar="PLANNED.json", help="'-': stdout"
    )
    planning.add_argument(
        "--district", default=None, metavar="ID", help="the policing district of the grids"
    )
    add_day_option(planning, "the boundaries in force that day")
    add_output_options(planning)
    drawing = commands.add_parser("map", help="the areas a jurisdiction draws (地图)")
    add_document_argument(drawing)
    drawing.add_argument(
        "-o", "--output", default=None, metavar="MAP.png", help="draw the map (plot extra)"
    )
    add_day_option(drawing, "the boundaries in force that day")
    add_output_options(drawing)


def _plan_data(result: Plan) -> dict[str, Any]:
    return {
        "grids": [
            {
                "units": list(grid.units),
                "population": grid.population,
                "setting": grid.setting.value,
                "cap": grid.cap,
                "officers_needed": grid.officers_needed,
            }
            for grid in result.grids
        ],
        "lower_bound": result.lower_bound,
        "proven_optimal": result.proven_optimal,
        "gap": result.gap,
        "cut_share": result.cut_share,
        "timed_out": result.timed_out,
    }


def _plan_text(result: Plan, *, zh: bool) -> str:
    if result.proven_optimal:
        verdict = "已证最优" if zh else "proven optimal"
    else:
        verdict = f"差距 {result.gap:.1%}" if zh else f"gap {result.gap:.1%}"
    head = (
        f"{len(result.grids)} 个警格，下界 {result.lower_bound}，{verdict}"
        if zh
        else f"{len(result.grids)} police grids, lower bound {result.lower_bound}, {verdict}"
    )
    headers = ("警格", "单元", "人口", "占上限") if zh else ("grid", "units", "people", "of cap")
    rows = [
        (
            str(number),
            " ".join(grid.units),
            str(grid.population),
            (
                f"占 {grid.cap} 的 {grid.load:.0%}" if zh else f"{grid.load:.0%} of {grid.cap}"
            ).replace("%", " %"),
        )
        for number, grid in enumerate(result.grids, start=1)
    ]
    return f"{head}\n{table(headers, rows)}"


def run_plan(args: argparse.Namespace) -> int:
    """Run ``plan``; returns the exit status.

    Raises:
        UsageError: ``-o`` without ``--district``.

    Examples:
        >>> import argparse
        >>> run_plan(argparse.Namespace(path="-", output="planned.json", district=None))
        Traceback (most recent call last):
        ...
        community_policing.cli.access.UsageError: plan: -o writes the plan as a district's police grids: name it with --district
    """  # noqa: E501
    if args.output is not None and args.district is None:
        msg = "plan: -o writes the plan as a district's police grids: name it with --district"
        raise UsageError(msg)
    from community_policing.geo import AreaMap  # noqa: PLC0415  (the geo extra, on demand)
    from community_policing.planning import unit_borders  # noqa: PLC0415

    jurisdiction = read_document(args.path, Jurisdiction)
    chosen = None if args.communities is None else args.communities.split(",")
    units = planning_units(jurisdiction, communities=chosen)
    town = AreaMap(CommunityGraph.from_jurisdiction(jurisdiction), as_of=day_of(args))
    result = plan_police_grids(
        units,
        unit_borders(town, units),
        seed=args.seed,
        time_limit=args.time_limit,
        method="exact" if args.exact else "heuristic",
    )
    if args.output is not None:
        write_document(apply_plan(jurisdiction, result, district=args.district), args.output)
        if args.output == "-":
            return 0
    if args.json:
        print_json(_plan_data(result))
    else:
        print(_plan_text(result, zh=args.lang == "zh"))  # noqa: T201
    return 0


def run_map(args: argparse.Namespace) -> int:
    """Run ``map``; returns the exit status.

    Examples:
        >>> import argparse, tempfile
        >>> from datetime import date
        >>> from pathlib import Path
        >>> from community_policing import dump, sample
        >>> path = Path(tempfile.mkdtemp()) / "town.json"
        >>> dump(sample.jurisdiction(), path)
        >>> run_map(argparse.Namespace(path=str(path), output=None, as_of=date(2025, 1, 1),
        ...                            json=False, lang="zh"))  # doctest: +ELLIPSIS
        2025-01-01 绘有 19 个区域
        区域         数量
        派出所       1
        警务区       2
        警格         4
        社区/行政村  4
        网格         7
        小区         1
        边界拓扑无误
        0
    """
    from community_policing.geo import AreaMap, topology_problems  # noqa: PLC0415  (geo extra)
    from community_policing.io.geojson import feature_collection  # noqa: PLC0415

    graph = CommunityGraph.from_jurisdiction(read_document(args.path, Jurisdiction))
    as_of = day_of(args)
    town = AreaMap(graph, as_of=as_of)
    if args.output is not None:
        from community_policing.plotting import plot_map  # noqa: PLC0415  (the plot extra)

        ax = plot_map(town)
        ax.figure.savefig(args.output, dpi=120)
    if args.json:
        print_json(feature_collection(graph, as_of=as_of))
        return 0
    zh = args.lang == "zh"
    drawn = Counter(AreaKind(key.partition(":")[0]) for key in town.areas)
    rows = [(kind.zh if zh else kind.en, str(drawn[kind])) for kind in AreaKind if drawn[kind]]
    lines = [
        f"{as_of} 绘有 {len(town)} 个区域" if zh else f"{len(town)} areas drawn on {as_of}",
        table(("区域", "数量") if zh else ("area", "count"), rows),
    ]
    problems = topology_problems(town)
    if not problems:
        lines.append("边界拓扑无误" if zh else "no overlap, gap or stray outline")
    lines.extend(f"✗ {p.message_zh if zh else p.message}" for p in problems)
    if args.output is not None:
        lines.append(
            f"地图已绘至 {Path(args.output).name}" if zh else f"drawn to {Path(args.output).name}"
        )
    print("\n".join(lines))  # noqa: T201
    return 0
