"""A city or a province run as shards (by station, district or street), fanned out on an executor.

Examples:
    >>> from concurrent.futures import ThreadPoolExecutor
    >>> from community_policing.shards import fan_out
    >>> with ThreadPoolExecutor(2) as pool:
    ...     fan_out(abs, {"ps-1": -1, "ps-2": 2}, executor=pool).results
    {'ps-1': 1, 'ps-2': 2}
"""

from __future__ import annotations

from community_policing.shards.fanout import FanOut, ShardFailure, fan_out
from community_policing.shards.mechanisms import (
    by_home,
    hot_places_of_shards,
    mediation_of_shards,
    plan_districts,
    services_of_shards,
    staleness_of_shards,
)
from community_policing.shards.sharded import (
    SPLIT_KINDS,
    Shard,
    StoredPart,
    check_shards,
    coverage_of_shards,
    home_of,
    merged_report,
    split,
    split_store,
)

__all__ = [
    "FanOut",
    "SPLIT_KINDS",
    "Shard",
    "ShardFailure",
    "StoredPart",
    "by_home",
    "check_shards",
    "coverage_of_shards",
    "fan_out",
    "home_of",
    "hot_places_of_shards",
    "mediation_of_shards",
    "merged_report",
    "plan_districts",
    "services_of_shards",
    "split",
    "split_store",
    "staleness_of_shards",
]
