"""Places on the command line: ``responsible`` (谁负责) and ``locate`` (落地查询).

``community-policing responsible FILE.json PLACE`` names the police grid, management grid,
policing district and station of a place — a node key such as ``building:b-1``, a standard
address's text, or a point given as ``--at LON,LAT`` (WGS-84, or ``--crs gcj02`` for what a
Chinese web map hands out) — with the people holding each post on ``--as-of`` (default: today),
and every gap. ``locate FILE.json --at LON,LAT`` names every area containing a point, on both
sides; ``locate FILE.json PERSON`` says where a named person lives, which is personal data: it
names who asks (``--as``), why (``--purpose``) and where the audit record goes (``--audit``,
one JSON line appended before the answer is printed). Points need the ``geo`` extra.

``-`` reads the document from standard input; ``--json`` writes data for programs, ``--lang
zh|en`` text for people.

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
    >>> main(["locate", str(path), "--at", "116.565,35.415", "--as-of", "2025-03-01",
    ...       "--lang", "en"])  # doctest: +ELLIPSIS
    (116.565, 35.415) on 2025-03-01
      governance: management_grid:mg-ximen-1, community:c-ximen, township:t-ximen, ...
      police: police_grid:pg-03, policing_district:pd-town, police_station:ps-kaolao, ...
    ...
    0
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any, cast

from community_policing.cli.access import PRIVILEGED, UsageError, access_of, add_access_options
from community_policing.cli.output import (
    add_day_option,
    add_document_argument,
    add_output_options,
    day_of,
    print_json,
    read_document,
)
from community_policing.graph import CommunityGraph, locate, responsible
from community_policing.model.coordinates import GeoPoint, gcj02_to_wgs84
from community_policing.model.jurisdiction import Jurisdiction
from community_policing.model.vocab import Audience

if TYPE_CHECKING:
    from datetime import date

    from community_policing.geo import PointLocation
    from community_policing.graph import Holding, Location, Responsibility
    from community_policing.model.audit import Access

__all__ = ["add_place_commands", "run_locate", "run_responsible"]


def _point(text: str) -> tuple[float, float]:
    lon, comma, lat = text.partition(",")
    try:
        if not comma:
            raise ValueError
        return float(lon), float(lat)
    except ValueError:
        raise argparse.ArgumentTypeError("expected LON,LAT in degrees, e.g. 116.56,35.41") from None


def _common(parser: argparse.ArgumentParser) -> None:
    add_document_argument(parser)
    parser.add_argument(
        "--at", type=_point, default=None, metavar="LON,LAT", help="a point (geo extra)"
    )
    parser.add_argument(
        "--crs",
        choices=("wgs84", "gcj02"),
        default="wgs84",
        help="the point's datum: GPS (wgs84) or a Chinese web map's (gcj02)",
    )
    add_day_option(parser, "the day asked about")
    add_output_options(parser)


def add_place_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``responsible`` and ``locate`` to the command line.

    Examples:
        >>> import argparse
        >>> parser = argparse.ArgumentParser()
        >>> add_place_commands(parser.add_subparsers(dest="command"))
        >>> parser.parse_args(["responsible", "-", "building:b-1", "--json"]).place
        'building:b-1'
        >>> parser.parse_args(["locate", "-", "--at", "116.5,35.4"]).at
        (116.5, 35.4)
    """
    asking = commands.add_parser("responsible", help="who answers for a place (谁负责)")
    _common(asking)
    asking.add_argument(
        "place", nargs="?", help="a node key (building:b-1) or a standard address's text"
    )
    finding = commands.add_parser("locate", help="the areas at a point, or where a person lives")
    _common(finding)
    finding.add_argument("person", nargs="?", help="a person's node key (person:p-1)")
    add_access_options(finding, audiences=PRIVILEGED, default=Audience.OFFICER)


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


def _text(answer: Responsibility, *, zh: bool, title: str | None = None) -> str:
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
    head = title or answer.place
    lines = [f"{head}（{day}）" if zh else f"{head} on {day}"]
    for title_zh, title_en, area, people in rows:
        if area is not None:
            lines.append(
                f"  {title_zh}：{area} — {people}" if zh else f"  {title_en}: {area} — {people}"
            )
    if answer.station is not None:
        lines.append(f"  派出所：{answer.station}" if zh else f"  station: {answer.station}")
    lines.extend(f"  ✗ {g.message_zh if zh else g.message}" for g in answer.gaps)
    return "\n".join(lines)


def _located(graph: CommunityGraph, args: argparse.Namespace, as_of: date) -> PointLocation:
    from community_policing.geo import locate_point  # noqa: PLC0415  (the geo extra, on demand)

    lon, lat = args.at
    if args.crs == "gcj02":
        point = gcj02_to_wgs84(GeoPoint(lon, lat))
        lon, lat = point.lon, point.lat
    return locate_point(graph, lon, lat, as_of=as_of)


def _one_of(args: argparse.Namespace, name: str, value: str | None) -> None:
    if (value is None) == (args.at is None):
        msg = f"{args.command}: give either a {name} or --at LON,LAT, not both"
        raise UsageError(msg)


def run_responsible(args: argparse.Namespace) -> int:
    """Run ``responsible``; returns the exit status.

    Raises:
        NotFoundError: the place is not in the document (the command line says so).
        UsageError: neither or both of a place and a point were given.

    Examples:
        >>> import argparse
        >>> run_responsible(argparse.Namespace(command="responsible", path="-", place=None,
        ...                                    at=None))
        Traceback (most recent call last):
        ...
        community_policing.cli.access.UsageError: responsible: give either a place or --at LON,LAT, not both
    """  # noqa: E501
    _one_of(args, "place", args.place)
    graph = CommunityGraph.from_jurisdiction(read_document(args.path, Jurisdiction))
    as_of = day_of(args)
    zh = args.lang == "zh"
    if args.at is None:
        answer = responsible(graph, args.place, as_of=as_of)
        title = None
    else:
        found = _located(graph, args, as_of).responsibility
        if found is None:
            return _nowhere(args, as_of)
        answer, title = found, f"({args.at[0]}, {args.at[1]})"
    if args.json:
        print_json(_data(answer))
    else:
        print(_text(answer, zh=zh, title=title))  # noqa: T201
    return 0


def _nowhere(args: argparse.Namespace, as_of: date) -> int:
    if args.json:
        print_json({"point": list(args.at), "as_of": as_of.isoformat(), "found": False})
    else:
        print("该点不在任何区域内" if args.lang == "zh" else "the point is in no area")  # noqa: T201
    return 0


def _home(found: Location | None, person: str, as_of: date) -> dict[str, Any]:
    if found is None:
        return {"person": person, "as_of": as_of.isoformat(), "found": False}
    return {
        "person": person,
        "as_of": as_of.isoformat(),
        "found": True,
        "household": found.household,
        "address": {"id": found.address.id, "text": found.address.text},
        "building": found.building,
        "management_grid": found.management_grid,
        "co_residents": [{"id": p.id, "name": p.name} for p in found.co_residents],
    }


def run_locate(args: argparse.Namespace) -> int:
    """Run ``locate``: the areas at a point, or where a person lives (audited); the status.

    Raises:
        UsageError: neither or both of a person and a point, or a person's address asked
            for without ``--as``, ``--purpose`` and ``--audit``.

    Examples:
        >>> import argparse
        >>> run_locate(argparse.Namespace(command="locate", path="-", person="person:p-1",
        ...     at=None, audience="officer", actor="p-2", purpose=None, audit=None))
        Traceback (most recent call last):
        ...
        community_policing.cli.access.UsageError: where a person lives for officer says who asks (--as), why (--purpose) and where its audit record goes (--audit)
    """  # noqa: E501
    _one_of(args, "person", args.person)
    if args.at is not None:
        return _point_areas(args, day_of(args))
    who, sink = access_of(args, "where a person lives")
    as_of = day_of(args)
    access = cast("Access", who)  # the parser offers privileged audiences only
    jurisdiction = read_document(args.path, Jurisdiction)
    graph = CommunityGraph.from_jurisdiction(jurisdiction, audit_sink=sink)
    data = _home(locate(graph, args.person, access=access, as_of=as_of), args.person, as_of)
    if args.json:
        print_json(data)
        return 0
    zh = args.lang == "zh"
    if not data["found"]:
        nowhere = f"：{as_of}无在住登记" if zh else f": no residence on {as_of}"
        print(args.person + nowhere)  # noqa: T201
        return 0
    others = "、".join(p["name"] for p in data["co_residents"]) or ("无" if zh else "nobody")
    print(  # noqa: T201
        f"{args.person}（{as_of}）住 {data['address']['text']}（楼栋 {data['building']}，"
        f"网格 {data['management_grid']}），同住：{others}"
        if zh
        else f"{args.person} on {as_of} lives at {data['address']['text']} (building "
        f"{data['building']}, management grid {data['management_grid']}), with {others}"
    )
    return 0


def _point_areas(args: argparse.Namespace, as_of: date) -> int:
    graph = CommunityGraph.from_jurisdiction(read_document(args.path, Jurisdiction))
    where = _located(graph, args, as_of)
    if not where.found:
        return _nowhere(args, as_of)
    answer = where.responsibility
    if args.json:
        print_json(
            {
                "point": list(args.at),
                "as_of": as_of.isoformat(),
                "found": True,
                "governance": list(where.governance),
                "police": list(where.police),
                "responsible": None if answer is None else _data(answer),
            }
        )
        return 0
    zh = args.lang == "zh"
    lines = [f"({args.at[0]}, {args.at[1]})" + (f"（{as_of}）" if zh else f" on {as_of}")]
    lines.append(("  治理：" if zh else "  governance: ") + ", ".join(where.governance))
    lines.append(("  公安：" if zh else "  police: ") + ", ".join(where.police))
    if answer is not None:
        lines.append(_text(answer, zh=zh))
    print("\n".join(lines))  # noqa: T201
    return 0
