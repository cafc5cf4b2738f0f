"""The five source systems as ready configurations (来源体系目录).

The library was made from five local systems; each is an entry here, with the source named
beside every value: what it consists of (formulas, ladder, referral rules, checks,
parameters), the figures it reports, and what it names without defining. Copy an entry with
:func:`attrs.evolve` to describe your own county's variant; the copy is checked like the
original.

- :mod:`~community_policing.catalog.entries` — what an entry is made of.
- :mod:`~community_policing.catalog.systems` — the five entries and :func:`system`.
- :mod:`~community_policing.catalog.examples` — the records a system keeps; figures measured.
- :mod:`~community_policing.catalog.plots` — a dashboard drawn (the ``plot`` extra).
- :mod:`~community_policing.catalog.generate` — each system generated at the source's scale.
- :mod:`~community_policing.catalog.dashboard` — a system's figures and checks over records.

Examples:
    >>> import community_policing as cp
    >>> yuncheng = cp.catalog.system("yuncheng")
    >>> yuncheng.name_zh, [tier.name_zh for tier in yuncheng.ladder.tiers]
    ('“一格一警”', ['网格', '村（社区）', '派出所'])
    >>> [point.title_zh for point in cp.catalog.system("1334").open_points][-2:]
    ['三大机制', '四擎驱动']
"""

from community_policing.catalog.dashboard import Dashboard, dashboard
from community_policing.catalog.entries import Figure, OpenPoint, Parameter, SourceSystem
from community_policing.catalog.examples import FigureCheck, Records, reproduce
from community_policing.catalog.generate import example
from community_policing.catalog.systems import (
    HUBIN,
    JIAYUAN,
    JINING_SHIZHONG,
    SYSTEMS,
    TIESHAN,
    YUNCHENG,
    system,
)

__all__ = [
    "Dashboard",
    "Figure",
    "FigureCheck",
    "HUBIN",
    "JIAYUAN",
    "JINING_SHIZHONG",
    "OpenPoint",
    "Parameter",
    "Records",
    "SYSTEMS",
    "SourceSystem",
    "TIESHAN",
    "YUNCHENG",
    "dashboard",
    "example",
    "reproduce",
    "system",
]
