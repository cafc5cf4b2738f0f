"""Police-grid planning (警格划分): one grid, one officer, with a proof of how good the plan is.

- :mod:`~community_policing.planning.bounds` — the lower bound and the optimal cut of a tree.
- :mod:`~community_policing.planning.plan` — the planner for any adjacency (and its exact mode).
- :mod:`~community_policing.planning.officers` — staffing the planned grids.
- :mod:`~community_policing.planning.documents` — units from a jurisdiction; a plan written back.
- :mod:`~community_policing.planning.maps` — borders measured from unit polygons; planned
  grids' outlines (``geo`` extra).

Examples:
    >>> from community_policing import planning, sample
    >>> plan = planning.plan_police_grids(planning.planning_units(sample.jurisdiction()),
    ...                                   sample.borders())
    >>> len(plan.grids), plan.lower_bound, plan.proven_optimal
    (4, 4, True)
"""

from community_policing.planning.bounds import lower_bound, tree_partition
from community_policing.planning.documents import apply_plan, planning_units
from community_policing.planning.maps import grid_outlines, unit_borders
from community_policing.planning.officers import Officer, OfficerAssignment, assign_officers
from community_policing.planning.plan import Plan, PlannedGrid, PlanningUnit, plan_police_grids

__all__ = [
    "Officer",
    "OfficerAssignment",
    "Plan",
    "PlannedGrid",
    "PlanningUnit",
    "apply_plan",
    "assign_officers",
    "grid_outlines",
    "lower_bound",
    "plan_police_grids",
    "planning_units",
    "tree_partition",
    "unit_borders",
]
