"""Importing and exporting the 100,000-person city of ``bench_io.py`` as a workbook.

The city is written once for an officer (every personal field filled), then, in one run:

- ``import``: :func:`read_workbook` of the whole workbook — sheets found by title, headers
  matched, cells converted, every record checked and the document's integrity checked — against
  the floor the library cannot go under: python-calamine's raw read of every sheet into Python
  lists, followed by the library's own load (:func:`from_data`) of the same records from plain
  dicts prepared beforehand;
- ``export``: :func:`write_workbook` of the whole city for the officer, in seconds.

Best of three for the import and the floor, one export. Run:
``.venv/bin/python benchmarks/bench_tabular.py [persons] [--smoke]``; ``--smoke`` uses 2,000
persons.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

import attrs
from _timing import size_argument, smoke, timed
from bench_io import build_document
from python_calamine import CalamineWorkbook

import community_policing as cp
from community_policing.io.json import from_data, to_data
from community_policing.io.tables import read_workbook, write_workbook
from community_policing.model.bulk import collector_paused

PERSONS = size_argument(100_000, 2_000)
REPEATS = 1 if smoke() else 3


def floor_import(path: Path, plain: dict[str, Any]) -> cp.Jurisdiction:
    """Calamine's raw read of every sheet, then the library's load of ready plain dicts.

    The read runs with the garbage collector paused, as the library's own reads do, so the
    floor is as fast as the reader can be.
    """
    book = CalamineWorkbook.from_path(str(path))
    with collector_paused():
        pages = [book.get_sheet_by_name(name).to_python() for name in book.sheet_names]
    assert sum(map(len, pages)) > 0  # noqa: S101
    return from_data(plain, cp.Jurisdiction)


def main() -> None:
    city, build_s = timed(lambda: build_document(PERSONS))
    graph = cp.CommunityGraph.from_jurisdiction(city)
    officer = cp.Access("p-0", "基准测试", cp.Audience.OFFICER)  # p-0 holds a grid post
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "city.xlsx"
        _, export_s = timed(lambda: write_workbook(graph, path, audience=officer))
        expected = attrs.evolve(city, boundaries=())
        plain = to_data(expected)
        floor, floor_s = timed(lambda: floor_import(path, plain), REPEATS)
        back, import_s = timed(lambda: read_workbook(path, id=city.id, name=city.name), REPEATS)
        size_mib = path.stat().st_size / 2**20
    assert back == expected == floor  # noqa: S101
    rows = sum(len(getattr(city, name)) for name in cp.COLLECTIONS)
    print(f"city: {PERSONS} persons, {rows} records; built in {build_s:.1f}s")
    print(f"workbook: {size_mib:.1f} MiB, written in {export_s:.2f}s")
    print(f"import: {import_s:.2f}s against the floor's {floor_s:.2f}s")
    print(
        f"import_vs_floor={import_s / floor_s:.2f} import_s={import_s:.2f} export_s={export_s:.2f}"
    )


if __name__ == "__main__":
    main()
