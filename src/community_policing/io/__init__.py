"""The interchange floor: JSON documents of every model, and the graph's standard exports.

:mod:`community_policing.io.json` reads and writes documents (its functions are at the package
root too: ``community_policing.dumps``); :mod:`community_policing.io.graphs` writes and reads
the relationship graph as node-link JSON, GraphML and GEXF, and is loaded on first use.

Examples:
    >>> from datetime import date
    >>> from community_policing import Period, io
    >>> io.loads(io.dumps(Period(date(2024, 1, 1)))) == Period(date(2024, 1, 1))
    True
"""

from importlib import import_module
from typing import Any

from community_policing.io.json import SCHEMA_VERSION, dump, dumps, from_data, load, loads, to_data

__all__ = ["SCHEMA_VERSION", "dump", "dumps", "from_data", "graphs", "load", "loads", "to_data"]


def __getattr__(name: str) -> Any:
    # The graph formats pull in networkx's XML readers and writers: only when first asked for.
    if name == "graphs":
        return import_module("community_policing.io.graphs")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
