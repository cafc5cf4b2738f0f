"""The embedded sample jurisdiction: a small, fictional county station.

Its shape follows the sources: a rural station in the manner of Kaolao (栲栳派出所), whose
villages are merged into police grids of about 3,000 people with one resident auxiliary each,
beside an urban community cut into management grids, with grid workers, safety volunteers, a
"同心圆" volunteer group and the agencies of Tieshan's 1+N mediation. Every name, number and
person in it is invented; ID-card numbers are valid in form only.

Examples:
    >>> from community_policing import sample_jurisdiction
    >>> sample = sample_jurisdiction()
    >>> len(sample.police_grids), len(sample.persons)
    (4, 24)
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import networkx as nx

from community_policing.jurisdiction import Jurisdiction
from community_policing.serialization import loads

__all__ = ["sample_borders", "sample_jurisdiction"]

#: Which planning units of the sample border each other (a jurisdiction does not record it):
#: the three villages along one road, Beiguan touching the town's first management grid, and
#: the town's management grids in a ring.
_BORDERS = (
    ("v-shedong", "v-shexi"),
    ("v-shexi", "v-beiguan"),
    ("v-beiguan", "mg-ximen-1"),
    ("mg-ximen-1", "mg-ximen-2"),
    ("mg-ximen-2", "mg-ximen-3"),
    ("mg-ximen-3", "mg-ximen-4"),
    ("mg-ximen-4", "mg-ximen-1"),
)


def sample_borders() -> nx.Graph[str]:
    """The sample's map for planning: its planning units as nodes, shared borders as edges.

    Examples:
        >>> from community_policing import planning_units, plan_police_grids
        >>> units = planning_units(sample_jurisdiction())
        >>> len(plan_police_grids(units, sample_borders()).grids)
        4
    """
    return nx.Graph(_BORDERS)


@cache
def sample_jurisdiction() -> Jurisdiction:
    """The embedded sample, loaded (and fully validated) from the package's data.

    The result is immutable, so the same object is returned on every call.

    Examples:
        >>> sample_jurisdiction() is sample_jurisdiction()
        True
    """
    text = resources.files("community_policing").joinpath("data/sample_jurisdiction.json")
    return loads(text.read_bytes(), Jurisdiction)
