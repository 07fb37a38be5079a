"""Scoring arithmetic, exactly as DESIGN.md states it. Pure Python: no Qt, no SQL.

* A score s on a criterion with scale [lo, hi] counts n = (s − lo)/(hi − lo) for a benefit criterion and
  n = (hi − s)/(hi − lo) for a cost criterion.
* A leader's total = 100 × Σ w·n / Σ w over the criteria that leader scored (none scored: no total).
* Combined = mean of the two leaders' totals (only when both exist).
* Divergence = mean over criteria both leaders scored of 100 × |a − b| / (hi − lo).
* Rank 1 is the highest combined; equal combined totals share a rank (1, 1, 3).

Rank stability (how it is computed, in plain words): we draw 1,000 sets of weights (fewer, at least 100,
for very large sessions) in which every criterion's weight is multiplied independently by a random factor
between 0.8 and 1.2 (uniform), recompute every combined total, and count how often the top-N *set* is the
same as with the agreed weights. The "smallest single change" moves one criterion's weight at a time, down
to −100 % and up to +300 %, and reports the smallest move (found to about half a percent) that changes the
*order* of the top N.
"""
from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from tension_desk.domain.model import Criterion, Score, Side

_ROUND = 9


@dataclass(frozen=True)
class PriorityResult:
    priority_id: int
    total_product: float | None
    total_engineering: float | None
    combined: float | None
    divergence: float | None
    rank: int | None


def leader_total(criteria: Sequence[Criterion], values: Mapping[int, float],
                 weights: Mapping[int, float] | None = None) -> float | None:
    num = den = 0.0
    for c in criteria:
        if c.id not in values:
            continue
        w = c.weight if weights is None else weights.get(c.id, c.weight)
        num += w * c.normalised(values[c.id])
        den += w
    if den <= 0:
        return None
    return 100.0 * num / den


def divergence(criteria: Sequence[Criterion], a: Mapping[int, float], b: Mapping[int, float]) -> float | None:
    gaps = [100.0 * abs(a[c.id] - b[c.id]) / (c.scale_max - c.scale_min)
            for c in criteria if c.id in a and c.id in b]
    return sum(gaps) / len(gaps) if gaps else None


def assign_ranks(combined: Mapping[int, float | None]) -> dict[int, int | None]:
    ranks: dict[int, int | None] = {pid: None for pid, v in combined.items() if v is None}
    scored = sorted(((round(v, _ROUND), pid) for pid, v in combined.items() if v is not None),
                    key=lambda x: -x[0])
    previous, rank = None, 0
    for i, (value, pid) in enumerate(scored):
        if value != previous:
            rank, previous = i + 1, value
        ranks[pid] = rank
    return ranks


def _by_leader(scores: Iterable[Score]) -> dict[tuple[int, Side], dict[int, float]]:
    out: dict[tuple[int, Side], dict[int, float]] = {}
    for s in scores:
        out.setdefault((s.priority_id, Side(s.leader_role)), {})[s.criterion_id] = s.value
    return out


def _mean(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else (a + b) / 2


def compute_results(priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                    weights: Mapping[int, float] | None = None) -> list[PriorityResult]:
    grid = _by_leader(scores)
    partial = []
    for pid in priority_ids:
        p = grid.get((pid, Side.PRODUCT), {})
        e = grid.get((pid, Side.ENGINEERING), {})
        tp, te = leader_total(criteria, p, weights), leader_total(criteria, e, weights)
        partial.append((pid, tp, te, _mean(tp, te), divergence(criteria, p, e)))
    ranks = assign_ranks({pid: comb for pid, _tp, _te, comb, _d in partial})
    return [PriorityResult(pid, tp, te, comb, div, ranks[pid]) for pid, tp, te, comb, div in partial]


class ScoreGrid:
    """A session's scores, kept current one edit at a time: an edit recomputes that priority's row,
    then the ranks (a sort of at most a few hundred numbers)."""

    def __init__(self, priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                 weights: Mapping[int, float] | None = None):
        self.priority_ids = list(priority_ids)
        self.criteria = list(criteria)
        self.weights = dict(weights) if weights else None
        self._crit = {c.id: c for c in self.criteria}
        self._values: dict[tuple[int, Side], dict[int, int]] = {}
        for s in scores:
            if s.criterion_id in self._crit and s.priority_id in set(self.priority_ids):
                self._values.setdefault((s.priority_id, Side(s.leader_role)), {})[s.criterion_id] = s.value
        self._rows: dict[int, tuple[float | None, float | None, float | None, float | None]] = {}
        for pid in self.priority_ids:
            self._recompute(pid)
        self._ranks = assign_ranks({pid: r[2] for pid, r in self._rows.items()})

    def _recompute(self, pid: int) -> None:
        p = self._values.get((pid, Side.PRODUCT), {})
        e = self._values.get((pid, Side.ENGINEERING), {})
        tp = leader_total(self.criteria, p, self.weights)
        te = leader_total(self.criteria, e, self.weights)
        self._rows[pid] = (tp, te, _mean(tp, te), divergence(self.criteria, p, e))

    def set_score(self, priority_id: int, criterion_id: int, role: Side, value: int | None) -> None:
        cell = self._values.setdefault((priority_id, Side(role)), {})
        if value is None:
            cell.pop(criterion_id, None)
        else:
            cell[criterion_id] = value
        old = self._rows[priority_id][2]
        self._recompute(priority_id)
        if self._rows[priority_id][2] != old:
            self._ranks = assign_ranks({pid: r[2] for pid, r in self._rows.items()})

    def value(self, priority_id: int, criterion_id: int, role: Side) -> int | None:
        return self._values.get((priority_id, Side(role)), {}).get(criterion_id)

    def result(self, priority_id: int) -> PriorityResult:
        tp, te, comb, div = self._rows[priority_id]
        return PriorityResult(priority_id, tp, te, comb, div, self._ranks[priority_id])

    def results(self) -> list[PriorityResult]:
        return [self.result(pid) for pid in self.priority_ids]

    def scored_count(self, role: Side) -> int:
        return sum(len(v) for (pid, r), v in self._values.items() if r is Side(role))

    def discussion_order(self) -> list[int]:
        order = {pid: i for i, pid in enumerate(self.priority_ids)}
        return sorted(self.priority_ids, key=lambda pid: (self._rows[pid][3] is None,
                                                          -(self._rows[pid][3] or 0.0), order[pid]))


def lens_rankings(priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                  lenses: Mapping[str, Mapping[int, float]]) -> dict[str, dict[int, int | None]]:
    scores = list(scores)
    return {name: {r.priority_id: r.rank for r in compute_results(priority_ids, criteria, scores, weights)}
            for name, weights in lenses.items()}


@dataclass(frozen=True)
class SingleChange:
    criterion_id: int
    factor: float  # new weight / old weight (1.35 = +35 %)

    @property
    def percent(self) -> float:
        return (self.factor - 1.0) * 100.0


@dataclass(frozen=True)
class Stability:
    top_n: int
    samples: int
    stable_share: float
    smallest_change: SingleChange | None


def _normalised_table(priority_ids, criteria, scores):
    """Per priority and leader, the (criterion index, normalised value) pairs it scored."""
    grid = _by_leader(scores)
    index = {c.id: i for i, c in enumerate(criteria)}
    table = []
    for pid in priority_ids:
        rows = []
        for role in Side:
            vals = grid.get((pid, role), {})
            rows.append([(index[cid], criteria[index[cid]].normalised(v)) for cid, v in vals.items() if cid in index])
        if rows[0] and rows[1]:
            table.append((pid, rows[0], rows[1]))
    return table


def _combined(table, weights: list[float]) -> list[tuple[int, float | None]]:
    out = []
    for pid, prod, eng in table:
        totals = []
        for pairs in (prod, eng):
            den = sum(weights[i] for i, _n in pairs)
            totals.append(None if den <= 0 else 100.0 * sum(weights[i] * n for i, n in pairs) / den)
        out.append((pid, None if None in totals else (totals[0] + totals[1]) / 2))
    return out


def _top(table_order: dict[int, int], combined: list[tuple[int, float | None]], n: int) -> tuple[int, ...]:
    ranked = sorted((c for c in combined if c[1] is not None),
                    key=lambda c: (-round(c[1], _ROUND), table_order[c[0]]))
    return tuple(pid for pid, _v in ranked[:n])


def _single_weight_top(order, table, base_w, k: int, factor: float, n: int,
                       sums: list[tuple[int, list[tuple[float, float, bool, float]]]]) -> tuple[int, ...]:
    """Top N when only weight ``k`` is multiplied by ``factor``: O(priorities) with precomputed sums."""
    delta = base_w[k] * (factor - 1.0)
    combined = []
    for pid, per_leader in sums:
        totals = []
        for num, den, has_k, n_k in per_leader:
            if has_k:
                num2, den2 = num + delta * n_k, den + delta
            else:
                num2, den2 = num, den
            totals.append(None if den2 <= 0 else 100.0 * num2 / den2)
        combined.append((pid, None if None in totals else (totals[0] + totals[1]) / 2))
    return _top(order, combined, n)


# Relative weight moves tried for the smallest single change (then refined by bisection to ~0.5 %).
_COARSE = (0.01, 0.02, 0.03, 0.05, 0.07, 0.10, 0.15, 0.20, 0.25, 0.30, 0.40, 0.50, 0.60, 0.75, 1.00,
           1.50, 2.00, 3.00)


def rank_stability(priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                   top_n: int = 5, samples: int = 1000, spread: float = 0.20, seed: int = 0) -> Stability:
    criteria = list(criteria)
    table = _normalised_table(priority_ids, criteria, list(scores))
    if not table or not criteria:
        return Stability(top_n, 0, 1.0, None)
    order = {pid: i for i, pid in enumerate(priority_ids)}
    base_w = [c.weight for c in criteria]
    baseline = _top(order, _combined(table, base_w), top_n)
    # Keep the Monte Carlo affordable on very large sessions (about two million multiply-adds).
    cells = sum(len(p) + len(e) for _pid, p, e in table)
    samples = max(100, min(samples, 2_000_000 // max(1, cells)))
    rng = random.Random(seed)
    same = 0
    for _ in range(samples):
        w = [bw * rng.uniform(1 - spread, 1 + spread) for bw in base_w]
        if set(_top(order, _combined(table, w), top_n)) == set(baseline):
            same += 1
    best: SingleChange | None = None
    for k, c in enumerate(criteria):
        if base_w[k] <= 0:
            continue
        sums = []
        for pid, prod, eng in table:
            per_leader = []
            for pairs in (prod, eng):
                num = sum(base_w[i] * n for i, n in pairs)
                den = sum(base_w[i] for i, _n in pairs)
                n_k = next((n for i, n in pairs if i == k), 0.0)
                per_leader.append((num, den, any(i == k for i, _n in pairs), n_k))
            sums.append((pid, per_leader))
        for sign in (-1, +1):
            previous = 0.0
            for step in _COARSE:
                if sign < 0 and step > 1.0:
                    break
                if best is not None and step > abs(best.factor - 1) + 1e-12:
                    break
                factor = 1 + sign * step
                if _single_weight_top(order, table, base_w, k, factor, top_n, sums) != baseline:
                    lo, hi = previous, step  # the order changes somewhere in (lo, hi]
                    for _ in range(8):
                        mid = (lo + hi) / 2
                        if _single_weight_top(order, table, base_w, k, 1 + sign * mid, top_n, sums) != baseline:
                            hi = mid
                        else:
                            lo = mid
                    candidate = SingleChange(c.id, 1 + sign * hi)
                    if best is None or abs(candidate.factor - 1) < abs(best.factor - 1):
                        best = candidate
                    break
                previous = step
    return Stability(top_n, samples, same / samples, best)
