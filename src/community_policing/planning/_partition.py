"""The search behind police-grid planning, on units numbered 0..n-1.

A *part* is a set of units that must be connected in the adjacency and hold no more people
than its cap, the smallest cap among its units. Units that must stay apart never share a part.
The search is deterministic for a given random generator; the only thing that can make two runs
differ is the optional deadline, which the caller reports.

The steps, in the order :func:`solve` uses them:

1. cut spanning trees of each component optimally (the bottom-up rule of Kundu and Misra, exact
   when every unit has the same cap) and keep the best plan;
2. *eliminate* grids: empty one grid into its neighbours, then repair the overload with a tabu
   search that moves boundary units between grids, keeping every grid connected; a failed
   attempt is rolled back. Budgets grow from 0 (a plain dissolve) as attempts stop helping;
3. *balance*: move boundary units from heavier to lighter grids while that lowers the spread of
   loads, never breaking a cap or connectivity.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from community_policing.planning._instance import (
    Instance,
    bfs_tree,
    cut_tree,
    exact_small,
    kruskal_tree,
)

if TYPE_CHECKING:
    import random
    from collections.abc import Iterable, Sequence


class State:
    """A plan under repair: which part each unit is in, and each part's load and cap."""

    def __init__(self, inst: Instance, parts: Sequence[Sequence[int]]) -> None:
        self.inst = inst
        self.owner = [-1] * inst.n
        self.members: list[set[int]] = []
        self.load: list[int] = []
        self.limit: list[int] = []
        self.uniform = len(set(inst.cap)) <= 1
        self._removable: dict[int, set[int]] = {}
        for part in parts:
            self._new_part(part)

    def _new_part(self, part: Sequence[int]) -> int:
        index = len(self.members)
        self.members.append(set(part))
        self.load.append(sum(self.inst.weight[u] for u in part))
        self.limit.append(min((self.inst.cap[u] for u in part), default=0))
        for unit in part:
            self.owner[unit] = index
        return index

    def parts(self) -> list[list[int]]:
        return [sorted(group) for group in self.members if group]

    def count(self) -> int:
        return sum(1 for group in self.members if group)

    def excess(self, part: int) -> int:
        return max(0, self.load[part] - self.limit[part])

    def allowed(self, unit: int, part: int) -> bool:
        apart = self.inst.apart
        return apart is None or not (apart[unit] & self.members[part])

    def move(self, unit: int, target: int) -> None:
        source = self.owner[unit]
        weight, cap = self.inst.weight[unit], self.inst.cap[unit]
        self.limit[source] = self.limit_without(unit)
        self.members[source].discard(unit)
        self.load[source] -= weight
        if not self.members[target]:
            self.limit[target] = cap
        self.members[target].add(unit)
        self.load[target] += weight
        self.limit[target] = min(self.limit[target], cap)
        self.owner[unit] = target
        self._removable.pop(source, None)
        self._removable.pop(target, None)

    def limit_without(self, unit: int) -> int:
        """The cap of the unit's part once the unit has left it."""
        part = self.owner[unit]
        caps = self.inst.cap
        if self.uniform or caps[unit] != self.limit[part]:
            return self.limit[part]
        return min((caps[u] for u in self.members[part] if u != unit), default=caps[unit])

    def removable(self, part: int) -> set[int]:
        """The units whose removal leaves ``part`` connected (or empty); kept until it changes."""
        found = self._removable.get(part)
        if found is None:
            group = self.members[part]
            found = {unit for unit in group if self._stays_connected(group, unit)}
            self._removable[part] = found
        return found

    def stays_connected(self, unit: int) -> bool:
        """Whether the unit's part is still connected (or empty) without it."""
        return unit in self.removable(self.owner[unit])

    def _stays_connected(self, group: set[int], unit: int) -> bool:
        if len(group) <= 2:
            return True
        adj = self.inst.adj
        neighbours = [other for other in adj[unit] if other in group]
        if len(neighbours) == 1:  # a leaf of its part
            return True
        start = neighbours[0]
        seen = {unit, start}
        stack = [start]
        while stack:
            node = stack.pop()
            for other in adj[node]:
                if other in group and other not in seen:
                    seen.add(other)
                    stack.append(other)
        return len(seen) == len(group)


def eliminate(
    state: State, victim: int, budget: int, rng: random.Random, touched: set[int] | None = None
) -> int:
    """Empty ``victim`` into its neighbours and repair every overload, or change nothing.

    Returns how many parts were emptied (the victim and any the repair emptied on the way),
    0 when the attempt failed. After a success, the parts that changed are added to
    ``touched``.
    """
    journal: list[tuple[int, int]] = []  # (unit, part it came from), for the rollback
    if not _empty(state, victim, journal) or not _repair(state, journal, budget, rng):
        _undo(state, journal)
        return 0
    if touched is not None:
        touched.update(part for unit, source in journal for part in (source, state.owner[unit]))
    return sum(1 for part in {source for _, source in journal} if not state.members[part])


def _empty(state: State, victim: int, journal: list[tuple[int, int]]) -> bool:
    """Move the victim's units out, boundary first, each to the neighbour with most room."""
    inst = state.inst
    weight, adj = inst.weight, inst.adj
    remaining = set(state.members[victim])
    while remaining:
        best: tuple[int, int, int] | None = None
        for unit in sorted(remaining):
            for other in adj[unit]:
                target = state.owner[other]
                if target in (victim, -1) or not state.allowed(unit, target):
                    continue
                room = state.limit[target] - state.load[target] - weight[unit]
                room = min(room, inst.cap[unit] - state.load[target] - weight[unit])
                if best is None or room > best[0]:
                    best = (room, unit, target)
        if best is None:
            return False
        _, unit, target = best
        journal.append((unit, victim))
        state.move(unit, target)
        remaining.discard(unit)
    return True


def _repair(state: State, journal: list[tuple[int, int]], budget: int, rng: random.Random) -> bool:
    """Tabu search over single boundary moves until no part is over its cap, or give up.

    Each step takes the move that lowers the total overload most (or raises it least); a moved
    unit may not move again for a few steps unless that reaches a new best.
    """
    inst = state.inst
    weight, adj, caps = inst.weight, inst.adj, inst.cap
    load, limit, owner = state.load, state.limit, state.owner
    over = {state.owner[unit] for unit, _ in journal}
    over = {part for part in over if load[part] > limit[part]}
    total = sum(load[part] - limit[part] for part in over)
    best_total = total
    tabu: dict[int, int] = {}
    step = 0
    while total and step < budget:
        step += 1
        best_delta: int | None = None
        ties: list[tuple[int, int]] = []
        for source in sorted(over):
            before_source = load[source] - limit[source]
            for unit in sorted(state.removable(source)):
                after_source = max(0, load[source] - weight[unit] - state.limit_without(unit))
                gain = after_source - before_source
                is_tabu = tabu.get(unit, 0) > step
                for target in {owner[other] for other in adj[unit]}:
                    if target in (source, -1) or not state.allowed(unit, target):
                        continue
                    cap = limit[target] if limit[target] < caps[unit] else caps[unit]
                    after = load[target] + weight[unit] - cap
                    now = load[target] - limit[target]
                    delta = gain + (after if after > 0 else 0) - (now if now > 0 else 0)
                    if is_tabu and total + delta >= best_total:
                        continue
                    if best_delta is None or delta < best_delta:
                        best_delta, ties = delta, [(unit, target)]
                    elif delta == best_delta:
                        ties.append((unit, target))
        if best_delta is None:
            break
        ties.sort()
        unit, target = ties[rng.randrange(len(ties))] if len(ties) > 1 else ties[0]
        source = owner[unit]
        journal.append((unit, source))
        state.move(unit, target)
        tabu[unit] = step + 3 + rng.randrange(4)
        total += best_delta
        best_total = min(best_total, total)
        for part in (source, target):
            if load[part] > limit[part]:
                over.add(part)
            else:
                over.discard(part)
    return not total


def _undo(state: State, journal: list[tuple[int, int]]) -> None:
    for unit, source in reversed(journal):
        state.move(unit, source)


def balance(state: State, rounds: int, *, pack: bool = False) -> None:
    """Move boundary units between neighbouring parts while the loads even out.

    A move is taken when it lowers the sum of squared loads and keeps both parts within their
    caps and connected; the number of parts never grows. With ``pack``, moves *raise* the sum
    of squares instead: units flow from lighter to heavier parts, gathering the spare room in
    few parts, which the elimination can then empty.
    """
    sign = -1 if pack else 1
    inst = state.inst
    weight, adj = inst.weight, inst.adj
    for _ in range(rounds):
        moved = False
        for unit in range(inst.n):
            source = state.owner[unit]
            if source < 0 or len(state.members[source]) == 1:
                continue
            best: tuple[float, int] | None = None
            for other in adj[unit]:
                target = state.owner[other]
                if target in (source, -1):
                    continue
                new_target = state.load[target] + weight[unit]
                if new_target > min(state.limit[target], inst.cap[unit]):
                    continue
                gain = sign * (state.load[source] - new_target) * weight[unit]
                if gain > 0 and (best is None or gain > best[0]) and state.allowed(unit, target):
                    best = (gain, target)
            if best is not None and state.stays_connected(unit):
                state.move(unit, best[1])
                moved = True
        if not moved:
            break


def recut(
    state: State, seed: int, size: int, trees: int, rng: random.Random
) -> tuple[int, list[int]]:
    """Re-plan a cluster of neighbouring parts from random spanning trees of its units.

    The cluster grows breadth-first over bordering parts from ``seed`` up to ``size`` parts;
    each tree is cut optimally and the best cut replaces the cluster when it uses fewer parts
    (returns how many fewer) or, as a perturbation, the same number shaped differently
    (returns 0). A cut with more parts is never applied. The cluster's parts come back too.
    """
    inst = state.inst
    owner, members = state.owner, state.members
    cluster = [seed]
    chosen = {seed}
    head = 0
    while head < len(cluster) and len(cluster) < size:
        for unit in sorted(members[cluster[head]]):
            for other in inst.adj[unit]:
                part = owner[other]
                if part >= 0 and part not in chosen and len(cluster) < size:
                    chosen.add(part)
                    cluster.append(part)
        head += 1
    units = sorted(unit for part in cluster for unit in members[part])
    inside = set(units)
    edges = [(u, w) for u in units for w in inst.adj[u] if u < w and w in inside]
    best: list[list[int]] | None = None
    for _ in range(trees):
        keys = {edge: rng.random() for edge in edges}
        ordered = sorted(edges, key=keys.__getitem__)
        order, parent = kruskal_tree(units, ordered, units[rng.randrange(len(units))])
        cut = cut_tree(inst, order, parent)
        if best is None or len(cut) < len(best):
            best = cut
    assert best is not None  # noqa: S101  (trees >= 1)
    if len(best) > len(cluster):
        return 0, cluster
    slots = sorted(cluster)
    for slot, new_part in zip(slots, best, strict=False):
        for unit in new_part:
            if owner[unit] != slot:
                state.move(unit, slot)
    return len(cluster) - len(best), cluster


#: From this many units on, the search uses its large-instance settings (see :func:`solve`).
LARGE = 1000


class Deadline:
    """The optional wall-clock stop, and whether it was reached."""

    def __init__(self, seconds: float | None) -> None:
        self.at = None if seconds is None else time.monotonic() + seconds
        self.reached = False

    def passed(self) -> bool:
        if self.at is not None and time.monotonic() > self.at:
            self.reached = True
        return self.reached


def initial(
    inst: Instance, component: Sequence[int], rng: random.Random, attempts: int
) -> list[list[int]]:
    """The best optimal cut over several spanning trees of one component."""
    inside = set(component)
    edges = sorted((u, w) for u in component for w in inst.adj[u] if u < w and w in inside)
    neighbour_sets = {u: set(inst.adj[u]) for u in component}
    # compact trees first: edges whose ends share many neighbours are cut last
    shared = {edge: len(neighbour_sets[edge[0]] & neighbour_sets[edge[1]]) for edge in edges}
    best: list[list[int]] | None = None
    best_key: tuple[int, int] | None = None
    for attempt in range(attempts):
        root = component[0] if attempt == 0 else component[rng.randrange(len(component))]
        if attempt % 3 == 0:
            order, parent = bfs_tree(inst, inside, root)
        else:
            keys = {edge: rng.random() for edge in edges}
            if attempt % 3 == 1:
                ordered = sorted(edges, key=lambda edge: (-shared[edge], keys[edge]))
            else:
                ordered = sorted(edges, key=keys.__getitem__)
            order, parent = kruskal_tree(component, ordered, root)
        parts = cut_tree(inst, order, parent)
        loads = [sum(inst.weight[u] for u in part) for part in parts]
        key = (len(parts), max(loads) - min(loads))
        if best_key is None or key < best_key:
            best, best_key = parts, key
    return best or []


@dataclass(frozen=True)
class Settings:
    """The search's effort; :meth:`for_size` picks it from the instance, so it is reproducible.

    ``exact`` plans small components outright (see ``_instance.exact_small``); the tests turn
    it off to search instances of every size. On large instances long repairs cost more than
    they find, kicks aim at the lightest of
    more grids, fewer spanning trees are cut at the start, and the list kicks draw from is
    rebuilt every 64 kicks rather than every kick (rebuilding it costs O(n)).
    """

    exact: bool = True
    min_kicks: int = 400
    attempts: int = 24
    budgets: tuple[int, ...] = (0, 30, 120, 500)
    kicks_per_part: int = 25
    kick_budget: int = 30
    tournament: int = 4
    cluster_size: tuple[int, int] = (3, 8)
    refresh: int = 1

    @classmethod
    def for_size(cls, units: int) -> Settings:
        if units >= LARGE:
            return cls(attempts=6, budgets=(0, 30), tournament=8, refresh=64)
        return cls()


class _Search:
    """One run of the search over all components, tracking each component's count."""

    def __init__(
        self, inst: Instance, settings: Settings, rng: random.Random, deadline: Deadline
    ) -> None:
        self.inst, self.settings, self.rng, self.deadline = inst, settings, rng, deadline
        components = inst.components()
        self.bounds = [inst.bound(component) for component in components]
        seeds: list[list[int]] = []
        for index, component in enumerate(components):
            # the spanning-tree cuts draw from the generator whether or not the component is
            # then planned exactly, so the other components' search does not depend on it
            cuts = initial(inst, component, rng, settings.attempts)
            solved = exact_small(inst, component) if settings.exact else None
            if solved is not None:
                # its count is the optimum, so the search leaves the component alone
                self.bounds[index] = len(solved)
                seeds.extend(solved)
            else:
                seeds.extend(cuts)
        self.state = State(inst, seeds)
        self.component_of = {
            unit: index for index, component in enumerate(components) for unit in component
        }
        self.counts = [0] * len(components)
        for group in self.state.members:
            self.counts[self.component_of[min(group)]] += 1

    def above(self, part: int) -> int:
        """The part's component if it still has more parts than its bound, else -1."""
        home = self.component_of[min(self.state.members[part])]
        return home if self.counts[home] > self.bounds[home] else -1

    def sweep(self, victims: Iterable[int], budget: int) -> set[int]:
        """Try to eliminate each victim; return the parts near every success."""
        state = self.state
        touched: set[int] = set()
        for victim in sorted(victims, key=lambda p: (state.load[p], p)):
            if not state.members[victim] or self.deadline.passed():
                continue
            home = self.above(victim)
            if home < 0:
                continue
            self.counts[home] -= eliminate(state, victim, budget, self.rng, touched)
        return {
            state.owner[other]
            for part in touched
            for unit in state.members[part]
            for other in (unit, *self.inst.adj[unit])
            if state.owner[other] >= 0
        }

    def descend(self) -> None:
        """Sweep every part with growing repair budgets, retrying only near successes."""
        for budget in self.settings.budgets:
            dirty: set[int] = set(range(len(self.state.members)))
            while dirty and not self.deadline.passed():
                balance(self.state, rounds=4, pack=True)
                dirty = self.sweep(dirty, budget)

    def open_parts(self) -> list[int]:
        return [p for p, group in enumerate(self.state.members) if group and self.above(p) >= 0]

    def kick(self) -> None:
        """Iterated local search: re-cut a cluster around a light part, then sweep it."""
        settings, rng, state = self.settings, self.rng, self.state
        candidates: list[int] = []
        for kick in range(max(settings.min_kicks, settings.kicks_per_part * len(state.members))):
            if kick % settings.refresh == 0:
                candidates = self.open_parts()
            drawn = [
                candidates[rng.randrange(len(candidates))]
                for _ in range(settings.tournament if candidates else 0)
            ]
            drawn = [p for p in drawn if state.members[p] and self.above(p) >= 0]
            if not drawn:
                candidates = self.open_parts()
                drawn = candidates[:1]
            if not drawn or self.deadline.passed():
                break
            seed = min(drawn, key=lambda p: (state.load[p], p))
            home = self.above(seed)
            size = rng.randint(*settings.cluster_size)
            gained, cluster = recut(state, seed, size, 12, rng)
            self.counts[home] -= gained
            self.sweep(cluster, settings.kick_budget)


def solve(
    inst: Instance,
    *,
    rng: random.Random,
    deadline: Deadline,
    settings: Settings | None = None,
) -> tuple[list[list[int]], list[int]]:
    """A plan of every unit, and a proven lower bound for each component (in their order).

    Over-cap units stand alone; a component small enough is planned exactly (its bound is then
    its optimum), every other one is searched (its bound is :meth:`Instance.bound`).
    """
    search = _Search(inst, settings or Settings.for_size(inst.n), rng, deadline)
    search.descend()
    search.kick()
    if not deadline.passed():
        balance(search.state, rounds=8)
    parts = [[u] for u in range(inst.n) if inst.over_cap(u)] + search.state.parts()
    return parts, list(search.bounds)
