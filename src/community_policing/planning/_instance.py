"""Planning instances on units numbered 0..n-1, and optimal cuts of their spanning trees.

A *part* is a set of units that must be connected in the adjacency and hold no more people
than its cap, the smallest cap among its units. Units that must stay apart never share a part.
A spanning tree is cut optimally bottom-up (Kundu and Misra; exact when every unit has the same
cap), splitting where two units that must stay apart would share a part.
"""

from __future__ import annotations

from fractions import Fraction
from math import ceil
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable, Container, Iterable, Mapping, Sequence


class Instance:
    """Units with populations, caps, adjacency and must-stay-apart pairs."""

    __slots__ = ("adj", "apart", "cap", "n", "weight")

    def __init__(
        self,
        weight: Sequence[int],
        cap: Sequence[int],
        adj: Sequence[Sequence[int]],
        apart: Sequence[frozenset[int]] | None = None,
    ) -> None:
        self.n = len(weight)
        self.weight = list(weight)
        self.cap = list(cap)
        self.adj = [list(neighbours) for neighbours in adj]
        self.apart = list(apart) if apart is not None and any(apart) else None

    def over_cap(self, unit: int) -> bool:
        return self.weight[unit] > self.cap[unit]

    def components(self) -> list[list[int]]:
        """Connected components of the units within their caps, each sorted, in order."""
        seen = [False] * self.n
        found = []
        for start in range(self.n):
            if seen[start] or self.over_cap(start):
                continue
            seen[start] = True
            stack, component = [start], [start]
            while stack:
                node = stack.pop()
                for other in self.adj[node]:
                    if not seen[other] and not self.over_cap(other):
                        seen[other] = True
                        stack.append(other)
                        component.append(other)
            component.sort()
            found.append(component)
        return found

    def bound(self, component: Sequence[int]) -> int:
        """No plan of ``component`` (connected, no over-cap unit) uses fewer parts than this.

        A part's load is at most its smallest cap, so the sum of population/cap over a part is
        at most 1; and two units each above half their own cap never fit together.
        """
        per_cap: dict[int, int] = {}
        heavy = 0
        for unit in component:
            per_cap[self.cap[unit]] = per_cap.get(self.cap[unit], 0) + self.weight[unit]
            heavy += 2 * self.weight[unit] > self.cap[unit]
        share = sum((Fraction(total, cap) for cap, total in per_cap.items()), Fraction(0))
        return max(ceil(share), heavy, 1 if component else 0)


def cut_tree(inst: Instance, order: Sequence[int], parent: Mapping[int, int]) -> list[list[int]]:
    """Cut a rooted tree into the fewest parts within their caps.

    ``order`` lists the tree's units with every parent before its children; ``parent`` gives
    each unit's parent (-1 for the root). Below each unit, the heaviest open parts are closed
    until the unit's part fits: optimal when the caps are equal (Kundu and Misra, 1977).
    """
    weight, cap = inst.weight, inst.cap
    children: dict[int, list[int]] = {}
    for node in order:
        up = parent[node]
        if up >= 0:
            children.setdefault(up, []).append(node)
    open_load: dict[int, int] = {}
    open_cap: dict[int, int] = {}
    open_members: dict[int, list[int]] = {}
    parts: list[list[int]] = []
    for node in reversed(order):
        kids = children.get(node, [])
        kids.sort(key=lambda kid: (open_load[kid], kid))
        load = weight[node] + sum(open_load[kid] for kid in kids)
        limit = min([cap[node]] + [open_cap[kid] for kid in kids])
        while load > limit:
            closed = kids.pop()
            parts.append(open_members.pop(closed))
            load -= open_load[closed]
            limit = min([cap[node]] + [open_cap[kid] for kid in kids])
        members = [node]
        for kid in kids:
            members.extend(open_members.pop(kid))
        open_load[node], open_cap[node], open_members[node] = load, limit, members
    if order:
        parts.append(open_members.pop(order[0]))
    if inst.apart is not None:
        parts = _split_conflicts(inst, parts, parent)
    return parts


def _split_conflicts(
    inst: Instance, parts: list[list[int]], parent: Mapping[int, int]
) -> list[list[int]]:
    """Split tree parts holding units that must stay apart, at the middle of their path."""
    apart = inst.apart
    assert apart is not None  # noqa: S101  (only called with constraints)
    done: list[list[int]] = []
    pending = list(parts)
    while pending:
        part = pending.pop()
        inside = set(part)
        pair = next(
            ((unit, other) for unit in part for other in apart[unit] if other in inside), None
        )
        if pair is None:
            done.append(part)
            continue
        # the tree path between the pair, through their lowest common ancestor in the part
        first, second = pair
        up_first = [first]
        while parent[up_first[-1]] in inside:
            up_first.append(parent[up_first[-1]])
        on_first = set(up_first)
        up_second = [second]
        while up_second[-1] not in on_first:
            up_second.append(parent[up_second[-1]])
        meet = up_second[-1]
        path = up_first[: up_first.index(meet) + 1] + up_second[-2::-1]
        middle = len(path) // 2
        low, high = path[middle - 1], path[middle]
        child = low if parent[low] == high else high
        below = _subtree(child, inside, parent)
        pending.append(sorted(below))
        pending.append(sorted(inside - below))
    return done


def _subtree(root: int, inside: set[int], parent: Mapping[int, int]) -> set[int]:
    below = {root}
    changed = True
    while changed:
        changed = False
        for unit in inside:
            if unit not in below and parent[unit] in below:
                below.add(unit)
                changed = True
    return below


def _rooted(
    root: int, neighbours: Callable[[int], Iterable[int]]
) -> tuple[list[int], dict[int, int]]:
    """Breadth-first from ``root``: the order (parents first) and each node's parent."""
    parent = {root: -1}
    order = [root]
    head = 0
    while head < len(order):
        node = order[head]
        head += 1
        for other in neighbours(node):
            if other not in parent:
                parent[other] = node
                order.append(other)
    return order, parent


def bfs_tree(inst: Instance, inside: Container[int], root: int) -> tuple[list[int], dict[int, int]]:
    """A breadth-first spanning tree of the units ``inside`` reachable from ``root``."""
    adj = inst.adj
    return _rooted(root, lambda node: (other for other in adj[node] if other in inside))


def kruskal_tree(
    nodes: Sequence[int], edges: Sequence[tuple[int, int]], root: int
) -> tuple[list[int], dict[int, int]]:
    """The spanning tree that takes ``edges`` greedily in the order given (Kruskal)."""
    leader = {node: node for node in nodes}

    def find(node: int) -> int:
        while leader[node] != node:
            leader[node] = leader[leader[node]]
            node = leader[node]
        return node

    tree: dict[int, list[int]] = {node: [] for node in nodes}
    joined = 1
    for first, second in edges:
        a, b = find(first), find(second)
        if a != b:
            leader[a] = b
            tree[first].append(second)
            tree[second].append(first)
            joined += 1
            if joined == len(nodes):
                break
    return _rooted(root, tree.__getitem__)


#: Components of at most this many units are planned exactly by :func:`exact_small` when the
#: work stays within its budgets; the search handles the rest.
SMALL = 48
#: The most candidate parts, and plans of remaining units, :func:`exact_small` will consider.
PART_BUDGET = 20_000
STATE_BUDGET = 50_000


def exact_small(inst: Instance, component: Sequence[int]) -> list[list[int]] | None:
    """The plan of a component with the fewest parts, then the least sum of squared loads.

    Every connected part within its cap and holding no pair that must stay apart is listed
    once, under its lowest unit (grown only through higher units); the best plan of a set of
    units is its best part holding the lowest unit plus the best plan of the rest, remembered
    per set. Caps keep parts small, so a station's component takes milliseconds; ``None`` when
    the parts or the remembered plans would exceed their budgets (the search takes over).
    """
    if len(component) > SMALL:
        return None
    by_low = _parts_by_lowest(inst, component)
    if by_low is None:
        return None
    memo: dict[int, tuple[int, int, int]] = {0: (0, 0, 0)}

    def best(mask: int) -> tuple[int, int, int]:
        known = memo.get(mask)
        if known is not None:
            return known
        chosen = (len(component) + 1, 0, 0)
        for part, load in by_low[(mask & -mask).bit_length() - 1]:
            if part & ~mask:
                continue
            count, squares, _ = best(mask ^ part)
            if (count + 1, squares + load * load) < chosen[:2]:
                chosen = (count + 1, squares + load * load, part)
        memo[mask] = chosen
        if len(memo) > STATE_BUDGET:
            raise _OverBudgetError
        return chosen

    full = (1 << len(component)) - 1
    try:
        best(full)
    except _OverBudgetError:
        return None
    parts = []
    while full:
        part = memo[full][2]
        parts.append([unit for index, unit in enumerate(component) if part >> index & 1])
        full ^= part
    return parts


class _OverBudgetError(Exception):
    """The exact plan of a component would take more work than its budget."""


def _parts_by_lowest(
    inst: Instance, component: Sequence[int]
) -> list[list[tuple[int, int]]] | None:
    """Every feasible part as (bit mask, load), listed under its lowest unit; None if too many."""
    size = len(component)
    local = {unit: index for index, unit in enumerate(component)}
    near = [0] * size
    apart = [0] * size
    for index, unit in enumerate(component):
        for other in inst.adj[unit]:
            if other in local:
                near[index] |= 1 << local[other]
        for other in () if inst.apart is None else inst.apart[unit]:
            if other in local:
                apart[index] |= 1 << local[other]
    found: list[list[tuple[int, int]]] = []
    total = 0
    for low in range(size):
        higher = ~((1 << (low + 1)) - 1)
        unit = component[low]
        listed: list[tuple[int, int]] = []
        seen: set[int] = set()
        stack = [(1 << low, inst.weight[unit], inst.cap[unit], apart[low], near[low])]
        while stack:
            mask, load, limit, excluded, reach = stack.pop()
            if mask in seen:
                continue
            seen.add(mask)
            listed.append((mask, load))
            total += 1
            if total > PART_BUDGET:
                return None
            grow = reach & higher & ~mask & ~excluded
            while grow:
                bit = grow & -grow
                grow ^= bit
                index = bit.bit_length() - 1
                added = component[index]
                new_load = load + inst.weight[added]
                new_limit = min(limit, inst.cap[added])
                if new_load <= new_limit and not apart[index] & mask and mask | bit not in seen:
                    stack.append(
                        (
                            mask | bit,
                            new_load,
                            new_limit,
                            excluded | apart[index],
                            reach | near[index],
                        )
                    )
        found.append(listed)
    return found
