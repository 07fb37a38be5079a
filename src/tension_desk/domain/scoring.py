"""Scoring arithmetic, exactly as DESIGN.md states it. Pure Python: no Qt, no SQL.

* A score s on a criterion with weight w and scale [lo, hi] counts n = (s − lo)/(hi − lo) for a benefit
  criterion and n = (hi − s)/(hi − lo) for a cost criterion.
* A leader's total for a priority = 100 × Σ w·n / Σ w over the criteria that leader scored for it (none scored,
  or their weights add up to 0: no total).
* Combined = mean of the two leaders' totals (only when both exist).
* Divergence = mean, over the criteria both leaders scored, of 100 × |a − b| / (hi − lo) (none in common: none).
* Rank 1 is the highest combined; equal combined totals (compared rounded to 9 decimals, so that float noise
  does not split a tie) share a rank: 1, 1, 3. A priority without a combined total has no rank.

Rank stability, how it is computed (in plain words):

Only priorities with a combined total (scored by both leaders) take part. The "top N" is the N highest
combined totals; when two totals are equal, the priority listed first on the agenda goes first.

How often the top-N set holds: we draw 1,000 sets of weights (by default; fewer, but at least 100, for very
large sessions — about 350 for 300 priorities × 12 criteria; the number actually drawn is reported). In each
draw every criterion's weight is multiplied by its own random factor between 0.8 and 1.2 (uniform, ±20 % by
default). We recompute every combined total and count the draws in which the same priorities make up the top
N as with the agreed weights, in any order. The draws come from a fixed seed, so the same session always
gives the same figure.

Smallest single change: we move one criterion's weight at a time, the others staying as agreed, in steps of
1 % — down to −100 % (weight 0) and up to +300 % (four times the weight) — and find the smallest move after
which the top N is no longer the same list in the same order. That move is then narrowed down between the
last step that kept the order and the first that changed it, to a small fraction of a percent. If no move of
any single weight in that range changes the top N, there is no smallest change. (A weight set to 0 that leaves
no priority with a total at all does not count as a new order.)
"""
from __future__ import annotations

import bisect
import heapq
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import groupby, pairwise
from operator import itemgetter, mul
from typing import cast

from tension_desk.domain.model import SIDE_OF, Criterion, Priority, Score, Side

_ROUND = 9  # combined totals are compared rounded to this many decimals


# ---------------------------------------------------------------------------------------------------------
# Totals, divergence, ranks
# ---------------------------------------------------------------------------------------------------------

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
    """One leader's total for one priority: 100 × Σ w·n / Σ w over the criteria in ``values``.

    ``values`` maps criterion id to that leader's score; ids of criteria not in ``criteria`` are ignored.
    ``weights`` (criterion id → weight) overrides ``Criterion.weight`` where given (the weight lenses).
    None when nothing is scored or the scored criteria's weights add up to 0.
    """
    num = den = 0.0
    for c in criteria:
        if (value := values.get(c.id)) is None:  # not scored (one look-up, not two: a session holds thousands)
            continue
        w = c.weight if weights is None else weights.get(c.id, c.weight)
        num += w * c.normalised(value)
        den += w
    if den <= 0:
        return None
    return 100.0 * (num / den)  # num ≤ den, so num / den ≤ 1 exactly and the total never exceeds 100


def gap(criterion: Criterion, a: float | None, b: float | None) -> float | None:
    """The two leaders' disagreement on one criterion: 100 × |a − b| / (hi − lo); None unless both scored."""
    if a is None or b is None:
        return None
    return 100.0 * abs(a - b) / (criterion.scale_max - criterion.scale_min)


def divergence(criteria: Sequence[Criterion], a: Mapping[int, float], b: Mapping[int, float]) -> float | None:
    """Mean over the criteria both leaders scored of their ``gap``; None when none in common."""
    gaps = [g for c in criteria if (g := gap(c, a.get(c.id), b.get(c.id))) is not None]
    return sum(gaps) / len(gaps) if gaps else None


def assign_ranks(combined: Mapping[int, float | None]) -> dict[int, int | None]:
    """Competition ranks (1, 1, 3) by combined total, highest first; None for a priority without one.

    Totals are compared rounded to 9 decimals. The answer has the keys of ``combined`` in its order.
    """
    keys = {pid: rank_key(v) for pid, v in combined.items()}
    ascending = sorted(k for k in keys.values() if k is not None)
    return {pid: rank_among(k, ascending) for pid, k in keys.items()}


def rank_key(combined: float | None) -> float | None:
    """What ranks compare: the combined total rounded to 9 decimals (None: no total, no rank)."""
    return None if combined is None else round(combined, _ROUND)


def rank_among(key: float | None, ascending: Sequence[float]) -> int | None:
    """The competition rank of ``key`` among the sorted ``rank_key``s: 1 + how many are strictly higher."""
    return None if key is None else len(ascending) - bisect.bisect_right(ascending, key) + 1


def by_rank(priorities: Sequence[Priority], results: Iterable[PriorityResult]) -> list[Priority]:
    """The priorities in rank order, as every ranked table shows them: rank 1 first, the unranked last, ties
    and the unranked in the given order."""
    rank = {r.priority_id: r.rank for r in results}
    return sorted(priorities, key=lambda p: (rank.get(p.id) is None, rank.get(p.id) or 0))


def rank_labels(priorities: Sequence[Priority], results: Iterable[PriorityResult]) -> dict[int, str]:
    """Each ranked priority's label, as every table and chart prints its rank: the rank alone ("4"), or, where
    ranks tie, the rank and a letter in the order ``by_rank`` lists the tied ("7a", "7b", "7c"; after "z",
    "aa"), so that no two priorities print the same. The unranked have none."""
    rank = {r.priority_id: r.rank for r in results}
    # by_rank's order, the unranked left out: the ranked by rank, ties in the given order (a stable sort)
    ranked = sorted(((p.id, k) for p in priorities if (k := rank.get(p.id)) is not None), key=itemgetter(1))
    out: dict[int, str] = {}
    for k, group in groupby(ranked, key=itemgetter(1)):
        ids = [pid for pid, _ in group]
        if len(ids) == 1:
            out[ids[0]] = str(k)
        else:
            out.update((pid, f"{k}{_letters(n)}") for n, pid in enumerate(ids))
    return out


def _letters(n: int) -> str:
    """0 → "a", 25 → "z", 26 → "aa", 27 → "ab"…"""
    out = ""
    n += 1
    while n:
        n, r = divmod(n - 1, 26)
        out = chr(ord("a") + r) + out
    return out


def _mean(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else (a + b) / 2




def _by_leader(scores: Iterable[Score]) -> dict[tuple[int, Side], dict[int, int]]:
    out: dict[tuple[int, Side], dict[int, int]] = {}
    for s in scores:
        key = (s.priority_id, SIDE_OF.get(s.leader_role) or Side(s.leader_role))
        if (cell := out.get(key)) is None:
            cell = out[key] = {}
        cell[s.criterion_id] = s.value
    return out


@dataclass(frozen=True, slots=True)
class _Row:
    """A priority's totals before it is ranked."""

    product: float | None
    engineering: float | None
    combined: float | None
    divergence: float | None

    def result(self, priority_id: int, rank: int | None) -> PriorityResult:
        return PriorityResult(priority_id, self.product, self.engineering, self.combined, self.divergence, rank)


def _row(criteria: Sequence[Criterion], p: Mapping[int, float], e: Mapping[int, float],
         weights: Mapping[int, float] | None) -> _Row:
    tp, te = leader_total(criteria, p, weights), leader_total(criteria, e, weights)
    return _Row(tp, te, _mean(tp, te), divergence(criteria, p, e))


def compute_results(priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                    weights: Mapping[int, float] | None = None) -> list[PriorityResult]:
    """One result per priority id, in the given order, ranked across them. Scores of other priorities or of
    unknown criteria are ignored."""
    grid = _by_leader(scores)
    rows = {pid: _row(criteria, grid.get((pid, Side.PRODUCT), {}), grid.get((pid, Side.ENGINEERING), {}), weights)
            for pid in priority_ids}
    ranks = assign_ranks({pid: r.combined for pid, r in rows.items()})
    return [rows[pid].result(pid, ranks[pid]) for pid in priority_ids]


class ScoreGrid:
    """Incremental: holds a session's scores; an edit recomputes only the edited priority's totals and
    divergence (a dozen criteria) and moves its combined total in a sorted list, from which any priority's
    rank (1 + how many totals are strictly higher, rounded to 9 decimals) is read by bisection. Results are
    kept and rebuilt only for the edited priority and those whose rank moved."""

    def __init__(self, priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                 weights: Mapping[int, float] | None = None):
        self.priority_ids = list(priority_ids)
        self.criteria = list(criteria)
        self.weights = dict(weights) if weights is not None else None
        self._order: dict[int, int] = {}
        for i, pid in enumerate(self.priority_ids):
            self._order.setdefault(pid, i)
        self._crit = {c.id: c for c in self.criteria}
        self._values: dict[tuple[int, Side], dict[int, int]] = {
            (pid, side): {} for pid in self._order for side in Side}
        for s in scores:
            if s.criterion_id in self._crit and s.priority_id in self._order:
                side = SIDE_OF.get(s.leader_role) or Side(s.leader_role)
                self._values[(s.priority_id, side)][s.criterion_id] = s.value
        self._counts = {side: sum(len(self._values[(pid, side)]) for pid in self._order) for side in Side}
        self._rows: dict[int, _Row] = {}
        self._keys: dict[int, float | None] = {}  # combined total rounded to 9 decimals
        self._cache: dict[int, PriorityResult] = {}
        for pid in self._order:
            self._recompute(pid)
        self._sorted = sorted(k for k in self._keys.values() if k is not None)  # ascending

    def _recompute(self, pid: int) -> None:
        row = _row(self.criteria, self._values[(pid, Side.PRODUCT)], self._values[(pid, Side.ENGINEERING)],
                   self.weights)
        self._rows[pid] = row
        self._keys[pid] = rank_key(row.combined)
        self._cache.pop(pid, None)

    def set_score(self, priority_id: int, criterion_id: int, role: Side, value: int | None) -> None:
        """Set (or, with None, clear) one leader's score of one priority on one criterion."""
        if priority_id not in self._order:
            raise KeyError(f"priority {priority_id} is not in this grid")
        if criterion_id not in self._crit:
            raise KeyError(f"criterion {criterion_id} is not in this grid")
        side = Side(role)
        cell = self._values[(priority_id, side)]
        had = criterion_id in cell
        if value is None:
            if not had:
                return
            del cell[criterion_id]
            self._counts[side] -= 1
        else:
            cell[criterion_id] = value
            self._counts[side] += 0 if had else 1
        old = self._keys[priority_id]
        self._recompute(priority_id)
        new = self._keys[priority_id]
        if old is not None:
            del self._sorted[bisect.bisect_left(self._sorted, old)]
        if new is not None:
            bisect.insort(self._sorted, new)

    def value(self, priority_id: int, criterion_id: int, role: Side) -> int | None:
        cell = self._values.get((priority_id, Side(role)))
        return None if cell is None else cell.get(criterion_id)

    def result(self, priority_id: int) -> PriorityResult:
        rank = rank_among(self._keys[priority_id], self._sorted)
        cached = self._cache.get(priority_id)
        if cached is None or cached.rank != rank:
            cached = self._cache[priority_id] = self._rows[priority_id].result(priority_id, rank)
        return cached

    def results(self) -> list[PriorityResult]:
        """In priority order, ranks current."""
        return [self.result(pid) for pid in self.priority_ids]

    def scored_count(self, role: Side) -> int:
        """How many cells that leader has filled."""
        return self._counts[Side(role)]

    def discussion_order(self) -> list[int]:
        """Priority ids by divergence, largest first (compared rounded to 9 decimals); none last; ties by
        priority order."""
        def key(pid: int) -> tuple[bool, float, int]:
            d = self._rows[pid].divergence
            return (d is None, 0.0 if d is None else -round(d, _ROUND), self._order[pid])
        return sorted(self._order, key=key)


def lens_rankings(priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                  lenses: Mapping[str, Mapping[int, float]]) -> dict[str, dict[int, int | None]]:
    """Lens name → (priority id → rank under that lens's weights; a criterion missing from a lens keeps its
    agreed weight)."""
    scores = list(scores)
    return {name: {r.priority_id: r.rank for r in compute_results(priority_ids, criteria, scores, weights)}
            for name, weights in lenses.items()}


# ---------------------------------------------------------------------------------------------------------
# Rank stability
# ---------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class SingleChange:
    criterion_id: int
    factor: float  # new weight / old weight (1.35 = +35 %; 0.0 = weight set to 0); new weight = weight × factor
    top_after: tuple[int, ...] = ()  # the top-N priority ids, in order, under that changed weight

    @property
    def percent(self) -> float:
        """The relative change in percent (+35.0 for factor 1.35)."""
        return (self.factor - 1.0) * 100.0


@dataclass(frozen=True)
class Stability:
    top_n: int
    samples: int                           # draws actually made (0: no priority has a combined total)
    stable_share: float                    # fraction of draws whose top-N set equals the baseline's
    smallest_change: SingleChange | None   # None: no single weight move within −100 %…+300 % reorders the top N
    baseline_top: tuple[int, ...] = ()     # the top-N priority ids, in order, under the agreed weights


# Monte Carlo budget: at most about this many multiply-adds (priorities × 2 leaders × criteria × draws),
# so very large sessions draw fewer samples (never fewer than _MIN_SAMPLES).
_BUDGET = 2_500_000
_MIN_SAMPLES = 100
_DOWN_STEPS = 100   # −1 % … −100 %
_UP_STEPS = 300     # +1 % … +300 %
_REFINE = 14        # bisection halvings inside the 1 % step: about 0.00006 % precision
_MARGIN = 1e-6      # bound separation (in points of total) that counts as a certain order
_NOISE = 1e-7       # totals further apart than this stay apart when rounded to 9 decimals


@dataclass(frozen=True, slots=True)
class _StabilityRow:
    """One priority as the stability search sees it. Each leader's n-vector holds the normalised score per
    criterion (0.0 where not scored); each mask (an index into the shared list of masks) holds 1.0 where scored.
    Dot products with a weight list then give exactly the sums leader_total builds (adding w×0.0 changes
    nothing), so the fast path and compute_results agree to the last bit."""

    priority_id: int
    position: int  # on the agenda
    product_n: tuple[float, ...]
    product_mask: int
    engineering_n: tuple[float, ...]
    engineering_mask: int

    def leaders(self) -> tuple[tuple[tuple[float, ...], int], tuple[tuple[float, ...], int]]:
        """(n-vector, mask index) of the product leader, then of the engineering leader."""
        return (self.product_n, self.product_mask), (self.engineering_n, self.engineering_mask)


def _stability_rows(
    priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: list[Score],
) -> tuple[list[_StabilityRow], list[tuple[float, ...]]]:
    grid = _by_leader(scores)
    index = {c.id: i for i, c in enumerate(criteria)}
    masks: dict[tuple[float, ...], int] = {}

    def vector(pid: int, side: Side) -> tuple[tuple[float, ...], int]:
        n = [0.0] * len(criteria)
        m = [0.0] * len(criteria)
        for cid, v in grid.get((pid, side), {}).items():
            if cid in index:
                i = index[cid]
                n[i] = criteria[i].normalised(v)
                m[i] = 1.0
        return tuple(n), masks.setdefault(tuple(m), len(masks))

    rows = []
    for order, pid in enumerate(dict.fromkeys(priority_ids)):
        product, engineering = vector(pid, Side.PRODUCT), vector(pid, Side.ENGINEERING)
        rows.append(_StabilityRow(pid, order, *product, *engineering))
    return rows, [m for m, _i in sorted(masks.items(), key=lambda kv: kv[1])]


def _combined_rows(rows: Sequence[_StabilityRow], masks: Sequence[tuple[float, ...]],
                   w: Sequence[float]) -> list[float | None]:
    """Every row's combined total under weights ``w``, computed exactly as compute_results does."""
    dens = [sum(map(mul, w, m)) for m in masks]
    return [(100.0 * (sum(map(mul, w, n1)) / dens[m1]) + 100.0 * (sum(map(mul, w, n2)) / dens[m2])) / 2
            if dens[m1] > 0 and dens[m2] > 0 else None
            for (n1, m1), (n2, m2) in (r.leaders() for r in rows)]


def _ordered_top(rows: Sequence[_StabilityRow], combined: Sequence[float | None], n: int) -> tuple[int, ...]:
    """The n best priority ids, in order: higher rounded total first, then earlier on the agenda."""
    keyed = [(round(c, _ROUND), -row.position, row.priority_id)
             for row, c in zip(rows, combined, strict=True) if c is not None]
    return tuple(pid for _v, _o, pid in heapq.nlargest(n, keyed))


def _differs(top_rows: Sequence[_StabilityRow], out_rows: Sequence[_StabilityRow],
             masks: Sequence[tuple[float, ...]], w: Sequence[float],
             all_out_rows: Sequence[_StabilityRow] = ()) -> bool:
    """Whether the ordered top list (``top_rows``, baseline order) breaks under weights ``w``: a member drops
    out, two neighbours swap, or an outsider (from ``out_rows``) overtakes the last member. A weight of 0 that
    leaves no priority at all with a total (``all_out_rows`` are all the outsiders) is not a new order."""
    comb = _combined_rows(top_rows, masks, w)
    if None in comb:
        if all(c is None for c in comb):
            return any(c is not None for c in _combined_rows(all_out_rows, masks, w))
        return True
    keys = [(round(c, _ROUND), -row.position) for row, c in zip(top_rows, cast(list[float], comb), strict=True)]
    if any(not keys[i] > keys[i + 1] for i in range(len(keys) - 1)):
        return True
    if out_rows:
        last = keys[-1]
        for row, c in zip(out_rows, _combined_rows(out_rows, masks, w), strict=True):
            if c is not None and (round(c, _ROUND), -row.position) > last:
                return True
    return False


_Sums = tuple[float, float, tuple[float, ...], tuple[float, ...]]  # per leader: Σw·n, Σw·mask, n, mask
_Parts = tuple[float, float, float, float]  # per leader, for weight k: (A, C, a, c), see _SingleWeightSearch


class _SingleWeightSearch:
    """The smallest single weight move that changes the ordered top N (see the module docstring).

    Each leader's total is, as a function of one weight's factor f, 100·(A + f·a)/(C + f·c) with C, c ≥ 0:
    monotonic in f. So over a range of steps, a priority's combined total lies between its values at the
    range's ends. A range in which every comparison that keeps the top N in order is certain from those
    bounds is skipped whole; the others are halved down to single 1 % steps, which are checked exactly (with
    the same arithmetic as compute_results), and only against the outsiders that might still overtake.
    """

    def __init__(self, masks: Sequence[tuple[float, ...]], base_w: Sequence[float],
                 top_rows: Sequence[_StabilityRow], out_rows: Sequence[_StabilityRow]) -> None:
        self.masks, self.base_w = masks, base_w
        self.top_rows, self.out_rows = top_rows, out_rows
        # Pruning relies on the monotonicity above, which needs non-negative weights.
        self.prune = all(w >= 0 for w in base_w)
        # Neighbours scored exactly alike keep their tie (and so their agenda order) under any weights.
        self.twin_pairs = [a.leaders() == b.leaders() for a, b in pairwise(top_rows)]
        # Likewise an outsider scored exactly like the last member and later on the agenda never passes it.
        last = top_rows[-1]
        self.twin_out = {j for j, r in enumerate(out_rows)
                         if r.leaders() == last.leaders() and r.position > last.position}
        self._sums = {id(r): self._leader_sums(r) for r in (*top_rows, *out_rows)}
        self._parts: dict[int, tuple[list[list[_Parts]], list[list[_Parts]]]] = {}

    def weights(self, k: int, factor: float) -> list[float]:
        w = list(self.base_w)
        w[k] = self.base_w[k] * factor
        return w

    def differs(self, k: int, factor: float, live: Sequence[int]) -> bool:
        return _differs(self.top_rows, [self.out_rows[j] for j in live], self.masks, self.weights(k, factor),
                        self.out_rows)

    def _leader_sums(self, row: _StabilityRow) -> tuple[_Sums, ...]:
        return tuple((sum(map(mul, self.base_w, n)), sum(map(mul, self.base_w, self.masks[m])), n, self.masks[m])
                     for n, m in row.leaders())

    def _parts_for(self, k: int) -> tuple[list[list[_Parts]], list[list[_Parts]]]:
        """Per row, per leader, (A, C, a, c) for weight k, top rows and outsiders; cached per criterion."""
        if k not in self._parts:
            wk = self.base_w[k]

            def parts(row: _StabilityRow) -> list[_Parts]:
                out = []
                for a_all, c_all, n, m in self._sums[id(row)]:
                    c = wk * m[k]
                    out.append((a_all - c * n[k], c_all - c, c * n[k], c))
                return out
            self._parts[k] = ([parts(r) for r in self.top_rows], [parts(r) for r in self.out_rows])
        return self._parts[k]

    @staticmethod
    def _range(leaders: Sequence[_Parts], f1: float, f2: float) -> tuple[float, float, bool]:
        """Bounds of a combined total for factors between f1 and f2, and whether a leader's total may vanish
        (weight k was that leader's only weight, and the range reaches f = 0)."""
        lo = hi = 0.0
        for a0, c0, a, c in leaders:
            d1, d2 = c0 + f1 * c, c0 + f2 * c
            if min(d1, d2) <= 1e-12 * c:
                return 0.0, 100.0, True
            t1, t2 = 100.0 * (a0 + f1 * a) / d1, 100.0 * (a0 + f2 * a) / d2
            if t1 <= t2:
                lo, hi = lo + t1, hi + t2
            else:
                lo, hi = lo + t2, hi + t1
        return lo / 2, hi / 2, False

    def _narrow(self, k: int, sign: int, s_lo: int, s_hi: int, live: Sequence[int]) -> tuple[bool, list[int]]:
        """For moves of s_lo … s_hi %: whether the top N's own order is certain to hold, and the outsiders
        (from ``live``) that might overtake its last member."""
        if not self.prune:
            return False, list(live)
        top_parts, out_parts = self._parts_for(k)
        f1, f2 = 1.0 + sign * s_lo / 100, 1.0 + sign * s_hi / 100
        ranges = [self._range(p, f1, f2) for p in top_parts]
        certain = not any(r[2] for r in ranges) and all(
            twin or ranges[i][0] - ranges[i + 1][1] > _MARGIN for i, twin in enumerate(self.twin_pairs))
        floor = ranges[-1][0]
        still = []
        for j in live:
            if j in self.twin_out:
                continue
            _lo, hi, vanish = self._range(out_parts[j], f1, f2)
            if vanish or floor - hi <= _MARGIN:
                still.append(j)
        return certain, still

    def first_change(self, k: int, sign: int, limit: int) -> int | None:
        """The smallest step s (1 … limit, in % of the weight) at which moving weight k by sign·s % changes
        the ordered top N; None if none does."""
        if limit < 1:
            return None
        return self._search(k, sign, 1, limit, range(len(self.out_rows)))

    def _search(self, k: int, sign: int, s_lo: int, s_hi: int, live: Sequence[int]) -> int | None:
        certain, live = self._narrow(k, sign, s_lo, s_hi, live)
        if certain and not live:
            return None
        if s_lo == s_hi:
            return s_lo if self.differs(k, 1.0 + sign * s_lo / 100, live) else None
        mid = (s_lo + s_hi) // 2
        found = self._search(k, sign, s_lo, mid, live)
        return found if found is not None else self._search(k, sign, mid + 1, s_hi, live)

    def refine(self, k: int, sign: int, step: int) -> float:
        """Narrow the move down between step − 1 % (order kept) and step % (order changed): the smallest
        relative move found (0.0 … 3.0) at which the order is changed."""
        _certain, live = self._narrow(k, sign, step - 1, step, range(len(self.out_rows)))
        lo, hi = (step - 1) / 100, step / 100
        for _ in range(_REFINE):
            mid = (lo + hi) / 2
            if self.differs(k, 1.0 + sign * mid, live):
                hi = mid
            else:
                lo = mid
        return hi


def rank_stability(priority_ids: Sequence[int], criteria: Sequence[Criterion], scores: Iterable[Score],
                   top_n: int = 5, samples: int = 1000, spread: float = 0.20, seed: int = 0) -> Stability:
    """How stable the top N is under weight changes; the method is in the module docstring."""
    if top_n < 1:
        raise ValueError("top_n must be at least 1")
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if not 0 <= spread <= 1:
        raise ValueError("spread must be between 0 and 1")
    criteria = list(criteria)
    base_w = [float(c.weight) for c in criteria]
    rows, masks = _stability_rows(priority_ids, criteria, list(scores))
    base = _combined_rows(rows, masks, base_w)
    # only priorities with a combined total take part
    rows = [r for r, c in zip(rows, base, strict=True) if c is not None]
    if not rows:
        return Stability(top_n, 0, 1.0, None, ())
    base = [c for c in base if c is not None]
    baseline = _ordered_top(rows, base, top_n)

    # How often the top-N set holds under random weights. The rows are put baseline-top first, so that in
    # each draw the set holds when the weakest of them still beats the strongest of the rest; only a draw
    # where those two are within float noise of each other needs the full ordering.
    draws = min(samples, max(_MIN_SAMPLES, _BUDGET // (2 * len(rows) * max(1, len(criteria)))))
    rng = random.Random(seed)
    wanted = set(baseline)
    ordered_rows = sorted(rows, key=lambda r: r.priority_id not in wanted)  # stable: agenda order kept
    cut = len(wanted)
    held = 0
    for _ in range(draws):
        w = [bw * rng.uniform(1 - spread, 1 + spread) for bw in base_w]
        comb = _combined_rows(ordered_rows, masks, w)
        if None not in comb:
            if cut == len(comb):
                held += 1
                continue
            totals = cast(list[float], comb)
            gap = min(totals[:cut]) - max(totals[cut:])
            if gap > _NOISE:
                held += 1
                continue
            if gap < -_NOISE:
                continue
        if set(_ordered_top(ordered_rows, comb, top_n)) == wanted:
            held += 1

    # The smallest single weight move that changes the ordered top N.
    position = {pid: i for i, pid in enumerate(baseline)}
    by_id = {r.priority_id: r for r in rows}
    top_rows = [by_id[pid] for pid in baseline]
    out_rows = [r for r in rows if r.priority_id not in position]
    search = _SingleWeightSearch(masks, base_w, top_rows, out_rows)
    best_step = _UP_STEPS + 1
    found: list[tuple[int, int]] = []  # (criterion index, sign) whose first change is at best_step
    for k, bw in enumerate(base_w):
        if bw <= 0:
            continue  # moving a zero weight by a percentage changes nothing
        for sign, steps in ((-1, _DOWN_STEPS), (+1, _UP_STEPS)):
            step = search.first_change(k, sign, min(steps, best_step))
            if step is None:
                continue
            if step < best_step:
                best_step, found = step, []
            found.append((k, sign))
    change = None
    if found:
        candidates = sorted((search.refine(k, sign, best_step), k, sign) for k, sign in found)
        rel, k, sign = candidates[0]
        factor = 1.0 + sign * rel
        after = _ordered_top(rows, _combined_rows(rows, masks, search.weights(k, factor)), top_n)
        change = SingleChange(criteria[k].id, factor, after)
    return Stability(top_n, draws, held / draws, change, baseline)


def result_text(value: float | None) -> str:
    """A total, a combined score or a divergence as every view and document prints it: one decimal; "—" where
    there is none."""
    return "—" if value is None else f"{value:.1f}"
