"""Scoring arithmetic (DESIGN.md "Scoring"): worked examples checked by hand, properties, the incremental grid,
weight lenses and rank stability."""
from __future__ import annotations

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tension_desk.domain.model import Criterion, CriterionKind, Score, Side
from tension_desk.domain.scoring import (
    PriorityResult,
    ScoreGrid,
    SingleChange,
    Stability,
    assign_ranks,
    compute_results,
    divergence,
    leader_total,
    lens_rankings,
    rank_stability,
)

P, E = Side.PRODUCT, Side.ENGINEERING
BENEFIT, COST = CriterionKind.BENEFIT, CriterionKind.COST

VALUE = Criterion(1, "Value", 3, BENEFIT, 0, 5)
EFFORT = Criterion(2, "Effort", 2, COST, 0, 5)
RISK = Criterion(3, "Risk reduction", 1, BENEFIT, 1, 9)   # a scale that does not start at 0
CRITERIA = [VALUE, EFFORT, RISK]

# The properties that build a whole session per example draw a fifth of the profile's examples (tests/domain/
# conftest.py: 20 in CI, 40 under `make mutation`); every other property draws the profile's full count.
slow_property = settings(max_examples=max(10, settings.default.max_examples // 5), deadline=None,
                         suppress_health_check=[HealthCheck.too_slow])


def scored(pid: int, role: Side, values: dict[int, int]) -> list[Score]:
    return [Score(pid, cid, role, v) for cid, v in values.items()]


# p1: fully scored by both. p2: partially scored. p3: scored by product only. p4: not scored at all.
HAND_SCORES = (
    scored(1, P, {1: 4, 2: 1, 3: 5}) + scored(1, E, {1: 2, 2: 4, 3: 9})
    + scored(2, P, {1: 5}) + scored(2, E, {1: 3, 2: 5})
    + scored(3, P, {1: 0, 2: 0, 3: 1})
)


# -- worked examples, checked by hand ---------------------------------------------------------------------

def test_worked_example_by_hand():
    r1, r2, r3, r4 = compute_results([1, 2, 3, 4], CRITERIA, HAND_SCORES)
    # p1 product: Value 4 → 4/5 = 0.8; Effort 1 (cost) → (5−1)/5 = 0.8; Risk 5 on 1..9 → (5−1)/8 = 0.5
    #   Σw·n = 3·0.8 + 2·0.8 + 1·0.5 = 2.4 + 1.6 + 0.5 = 4.5; Σw = 6 → 100 × 4.5/6 = 75
    assert r1.total_product == pytest.approx(75.0)
    # p1 engineering: Value 2 → 0.4; Effort 4 → (5−4)/5 = 0.2; Risk 9 → (9−1)/8 = 1.0
    #   Σw·n = 1.2 + 0.4 + 1.0 = 2.6 → 100 × 2.6/6 = 43.333…
    assert r1.total_engineering == pytest.approx(260 / 6)
    # combined = (75 + 43.333…)/2 = 59.1666…
    assert r1.combined == pytest.approx((75 + 260 / 6) / 2)
    # divergence = mean(100·|4−2|/5, 100·|1−4|/5, 100·|5−9|/8) = mean(40, 60, 50) = 50
    assert r1.divergence == pytest.approx(50.0)

    # p2, partially scored: product scored Value only → 100 × 3·1/3 = 100
    #   engineering: Value 3 → 0.6, Effort 5 (cost) → 0 → 100 × (1.8 + 0)/(3 + 2) = 36
    #   combined (100 + 36)/2 = 68; divergence over Value only (the one both scored) = 100·|5−3|/5 = 40
    assert (r2.total_product, r2.total_engineering) == (pytest.approx(100.0), pytest.approx(36.0))
    assert r2.combined == pytest.approx(68.0)
    assert r2.divergence == pytest.approx(40.0)

    # p3, scored by product only: Value 0 → 0, Effort 0 (cost) → 1, Risk 1 → 0 → 100 × 2/6 = 33.33…
    #   no engineering total → no combined, no rank, no divergence
    assert r3.total_product == pytest.approx(100 / 3)
    assert (r3.total_engineering, r3.combined, r3.divergence, r3.rank) == (None, None, None, None)
    # p4, not scored at all
    assert r4 == PriorityResult(4, None, None, None, None, None)

    # ranks: p2 (68) first, p1 (59.17) second
    assert (r1.rank, r2.rank) == (2, 1)


def test_a_grid_ignores_scores_of_priorities_or_criteria_it_does_not_hold_and_does_not_count_them():
    strangers = [Score(99, 1, P, 5), Score(99, 1, E, 5), Score(1, 42, P, 0), Score(1, 42, E, 0)]
    grid = ScoreGrid([1, 2, 3, 4], CRITERIA, [*HAND_SCORES, *strangers])
    plain = ScoreGrid([1, 2, 3, 4], CRITERIA, HAND_SCORES)
    assert grid.results() == plain.results()
    assert (grid.scored_count(P), grid.scored_count(E)) == (plain.scored_count(P), plain.scored_count(E))


def test_results_follow_the_given_priority_order_and_ignore_strangers():
    extra = [*HAND_SCORES, Score(99, 1, P, 5), Score(99, 1, E, 5), Score(1, 42, P, 0)]  # unknown priority/criterion
    ids = [4, 2, 1, 3]
    results = compute_results(ids, CRITERIA, extra)
    assert [r.priority_id for r in results] == ids
    assert {r.priority_id: r for r in results} == {r.priority_id: r for r in compute_results([1, 2, 3, 4], CRITERIA,
                                                                                              HAND_SCORES)}


def test_cost_criterion_counts_inversely():
    # Effort alone: score 0 (no effort) is the best, 5 the worst; 2 → (5−2)/5 = 0.6 → 60
    assert leader_total([EFFORT], {2: 0}) == pytest.approx(100.0)
    assert leader_total([EFFORT], {2: 5}) == pytest.approx(0.0)
    assert leader_total([EFFORT], {2: 2}) == pytest.approx(60.0)
    # the same score on a benefit criterion counts the other way: 2/5 → 40
    assert leader_total([VALUE], {1: 2}) == pytest.approx(40.0)


def test_leader_total_weights_override_and_zero_weight():
    values = {1: 4, 2: 1, 3: 5}  # n = 0.8, 0.8, 0.5 as in the worked example
    # lens weights {Value 1, Effort 0, Risk 0}: only Value counts → 80
    assert leader_total(CRITERIA, values, {1: 1, 2: 0, 3: 0}) == pytest.approx(80.0)
    # a criterion missing from the override keeps its own weight: Value 3, Effort 0, Risk 1
    #   → (2.4 + 0 + 0.5)/(3 + 0 + 1) = 2.9/4 = 72.5
    assert leader_total(CRITERIA, values, {2: 0}) == pytest.approx(72.5)
    # nothing scored → no total; the scored criteria weigh 0 in all → no total
    assert leader_total(CRITERIA, {}) is None
    assert leader_total(CRITERIA, {2: 3}, {2: 0}) is None
    assert leader_total([Criterion(9, "Zero", 0)], {9: 5}) is None
    # a score for a criterion that is not in the list is ignored
    assert leader_total([VALUE], {1: 5, 77: 0}) == pytest.approx(100.0)


def test_divergence_by_hand():
    # only the criteria both scored count: Value alone, 100·|5−0|/5 = 100
    assert divergence(CRITERIA, {1: 5, 3: 1}, {1: 0, 2: 3}) == pytest.approx(100.0)
    # Value |3−2|/5 = 20, Risk |3−7|/8 = 50 → mean 35
    assert divergence(CRITERIA, {1: 3, 3: 3}, {1: 2, 3: 7}) == pytest.approx(35.0)
    assert divergence(CRITERIA, {1: 3}, {2: 3}) is None
    assert divergence(CRITERIA, {}, {}) is None


def test_equal_totals_share_a_rank_despite_float_noise():
    only_value = [VALUE]
    scores = (scored(10, P, {1: 5}) + scored(10, E, {1: 0})     # (100 + 0)/2 = 50
              + scored(11, P, {1: 4}) + scored(11, E, {1: 1})   # (80 + 20)/2 = 50, in floats 50.00000000000001
              + scored(12, P, {1: 1}) + scored(12, E, {1: 1}))  # (20 + 20)/2 = 20
    r10, r11, r12 = compute_results([10, 11, 12], only_value, scores)
    assert r10.combined != r11.combined            # the float noise is really there …
    assert (r10.rank, r11.rank, r12.rank) == (1, 1, 3)  # … and does not split the tie


def test_assign_ranks_competition_style():
    ranks = assign_ranks({1: 0.1 + 0.2, 2: 0.3, 3: 0.1, 4: None, 5: 0.7})
    assert ranks == {5: 1, 1: 2, 2: 2, 3: 4, 4: None}
    assert list(ranks) == [1, 2, 3, 4, 5]  # keys kept in the given order
    assert assign_ranks({7: 10.0, 8: 10.0, 9: 5.0}) == {7: 1, 8: 1, 9: 3}
    assert assign_ranks({}) == {}


def test_totals_equal_to_9_decimals_share_a_rank_and_further_apart_do_not():
    assert assign_ranks({1: 50.0, 2: 50.0000000003}) == {1: 1, 2: 1}
    assert assign_ranks({1: 50.0, 2: 50.000000002}) == {1: 2, 2: 1}


def test_lens_rankings_by_hand():
    crits = [VALUE, EFFORT]  # Value w3 benefit, Effort w2 cost
    scores = (scored(1, P, {1: 5, 2: 5}) + scored(1, E, {1: 5, 2: 5})    # n = 1, 0
              + scored(2, P, {1: 2, 2: 0}) + scored(2, E, {1: 2, 2: 0})  # n = 0.4, 1
              + scored(3, P, {1: 5}))                                      # one leader only: never ranked
    lenses = {"agreed": {1: 3, 2: 2}, "product": {1: 1, 2: 0}, "engineering": {1: 1, 2: 4}}
    ranks = lens_rankings([1, 2, 3], crits, scores, lenses)
    # agreed: p1 = (3·1 + 2·0)/5 = 60, p2 = (3·0.4 + 2·1)/5 = 64 → p2 first
    # product (Value only): p1 = 100, p2 = 40 → p1 first
    # engineering (1, 4): p1 = 1/5 = 20, p2 = (0.4 + 4)/5 = 88 → p2 first
    assert ranks == {"agreed": {1: 2, 2: 1, 3: None}, "product": {1: 1, 2: 2, 3: None},
                     "engineering": {1: 2, 2: 1, 3: None}}


# -- the incremental grid, by hand --------------------------------------------------------------------------

def test_score_grid_by_hand():
    grid = ScoreGrid([1, 2, 3, 4], CRITERIA, HAND_SCORES)
    assert grid.results() == compute_results([1, 2, 3, 4], CRITERIA, HAND_SCORES)
    assert grid.scored_count(P) == 7 and grid.scored_count(E) == 5
    assert grid.value(1, 2, E) == 4 and grid.value(3, 1, E) is None
    # divergence: p1 50, p2 40, p3 and p4 none
    assert grid.discussion_order() == [1, 2, 3, 4]

    # engineering scores p3's Value 5 → 100; p3 combined = (33.33… + 100)/2 = 66.67; divergence |0−5|/5 = 100
    grid.set_score(3, 1, E, 5)
    r3 = grid.result(3)
    assert r3.combined == pytest.approx((100 / 3 + 100) / 2)
    assert r3.divergence == pytest.approx(100.0)
    # ranks now: p2 68 → 1, p3 66.67 → 2, p1 59.17 → 3
    assert [r.rank for r in grid.results()] == [3, 1, 2, None]
    assert grid.discussion_order() == [3, 1, 2, 4]
    assert grid.scored_count(E) == 6

    grid.set_score(3, 1, E, None)  # clearing puts everything back
    assert grid.results() == compute_results([1, 2, 3, 4], CRITERIA, HAND_SCORES)
    assert grid.scored_count(E) == 5
    grid.set_score(3, 1, E, None)  # clearing an empty cell changes nothing
    assert grid.scored_count(E) == 5

    with pytest.raises(KeyError, match="priority 99 is not in this grid"):
        grid.set_score(99, 1, P, 3)
    with pytest.raises(KeyError, match="criterion 99 is not in this grid"):
        grid.set_score(1, 99, P, 3)
    assert grid.scored_count(P) == 7


def test_discussion_order_ties_follow_priority_order():
    scores = (scored(5, P, {1: 0}) + scored(5, E, {1: 5})    # divergence 100
              + scored(6, P, {1: 1}) + scored(6, E, {1: 2})  # 20
              + scored(7, P, {1: 2}) + scored(7, E, {1: 3})  # 20
              + scored(8, P, {1: 2}))                        # none
    grid = ScoreGrid([8, 7, 6, 5], [VALUE], scores)
    assert grid.discussion_order() == [5, 7, 6, 8]


# -- properties ---------------------------------------------------------------------------------------------

weights_st = st.one_of(st.sampled_from([0, 0.5, 1, 2, 3]), st.floats(0.01, 10, allow_nan=False))


@st.composite
def criteria_st(draw, max_size=5):
    out = []
    for i in range(draw(st.integers(1, max_size))):
        lo = draw(st.integers(0, 3))
        hi = draw(st.integers(lo + 1, 9))
        out.append(Criterion(10 + 3 * i, f"c{i}", draw(weights_st), draw(st.sampled_from([BENEFIT, COST])), lo, hi))
    return out


@st.composite
def leader_values(draw, criteria, min_size=0):
    chosen = draw(st.lists(st.sampled_from(criteria), unique=True, min_size=min_size))
    return {c.id: draw(st.integers(c.scale_min, c.scale_max)) for c in chosen}


@st.composite
def one_leader(draw):
    criteria = draw(criteria_st())
    return criteria, draw(leader_values(criteria))


@st.composite
def sessions(draw, max_priorities=6, max_criteria=4):
    criteria = draw(criteria_st(max_criteria))
    count = draw(st.integers(1, max_priorities))
    ids = draw(st.permutations([100 + 7 * i for i in range(count)]))  # ids that are not list positions
    scores = []
    for pid in ids:
        for side in Side:
            scores += scored(pid, side, draw(leader_values(criteria)))
    return list(ids), criteria, scores


@st.composite
def raising(draw, kind):
    """One leader's scores and a criterion of ``kind`` among them, with a lower and a higher score for it."""
    criteria, values = draw(one_leader())
    i = draw(st.integers(0, len(criteria) - 1))
    c = criteria[i]
    c = Criterion(c.id, c.name, c.weight, kind, c.scale_min, c.scale_max)
    criteria = [*criteria[:i], c, *criteria[i + 1:]]
    low = draw(st.integers(c.scale_min, c.scale_max - 1))
    high = draw(st.integers(low + 1, c.scale_max))
    return criteria, values, c, low, high


@given(raising(BENEFIT))
def test_raising_a_benefit_score_never_lowers_the_total(case):
    criteria, values, c, low, high = case
    before = leader_total(criteria, {**values, c.id: low})
    after = leader_total(criteria, {**values, c.id: high})
    if before is None:  # the scored weights add up to 0
        assert after is None
        return
    assert after >= before
    if c.weight > 0:
        assert after > before


@given(raising(COST))
def test_raising_a_cost_score_never_raises_the_total(case):
    criteria, values, c, low, high = case
    before = leader_total(criteria, {**values, c.id: low})
    after = leader_total(criteria, {**values, c.id: high})
    if before is None:
        assert after is None
        return
    assert after <= before
    if c.weight > 0:
        assert after < before


@given(one_leader(), st.floats(1e-3, 1e3))
def test_scaling_all_weights_changes_nothing(case, factor):
    criteria, values = case
    before = leader_total(criteria, values)
    after = leader_total(criteria, values, {c.id: c.weight * factor for c in criteria})
    if before is None:
        assert after is None
    else:
        assert after == pytest.approx(before, rel=1e-9, abs=1e-9)


@given(one_leader())
def test_totals_are_within_0_and_100(case):
    criteria, values = case
    total = leader_total(criteria, values)
    scored_weight = sum(c.weight for c in criteria if c.id in values)
    assert (total is None) == (scored_weight <= 0)
    if total is not None:
        assert 0.0 <= total <= 100.0


@given(criteria_st(), st.data())
def test_divergence_is_within_0_and_100_and_symmetric(criteria, data):
    a = data.draw(leader_values(criteria))
    b = data.draw(leader_values(criteria))
    d = divergence(criteria, a, b)
    assert d == divergence(criteria, b, a)
    assert (d is None) == (not set(a) & set(b))
    if d is not None:
        assert 0.0 <= d <= 100.0
    assert divergence(criteria, a, a) in (None, 0.0)


def check_ranks(results: list[PriorityResult]) -> None:
    ranked = [r for r in results if r.combined is not None]
    for r in results:
        if r.combined is None:
            assert r.rank is None
            continue
        higher = sum(1 for o in ranked if round(o.combined, 9) > round(r.combined, 9))
        assert r.rank == 1 + higher
    for a in ranked:
        for b in ranked:
            if round(a.combined, 9) > round(b.combined, 9):
                assert a.rank < b.rank
            elif round(a.combined, 9) == round(b.combined, 9):
                assert a.rank == b.rank


@given(sessions(max_priorities=8))
def test_combined_is_the_mean_within_0_and_100_and_ranks_follow_it(session):
    results = compute_results(*session)
    for r in results:
        assert (r.combined is None) == (r.total_product is None or r.total_engineering is None)
        if r.combined is not None:
            assert 0.0 <= r.combined <= 100.0
            assert r.combined == (r.total_product + r.total_engineering) / 2
    check_ranks(results)


@given(st.dictionaries(st.integers(0, 50), st.none() | st.floats(0, 100) | st.sampled_from([0.3, 0.1 + 0.2]),
                       max_size=12))
def test_assign_ranks_property(combined):
    ranks = assign_ranks(combined)
    assert list(ranks) == list(combined)
    check_ranks([PriorityResult(pid, None, None, v, None, ranks[pid]) for pid, v in combined.items()])


@slow_property
@given(sessions(), st.data())
def test_grid_after_random_edits_equals_a_fresh_computation(session, data):
    ids, criteria, scores = session
    weights = data.draw(st.none() | st.fixed_dictionaries({c.id: weights_st for c in criteria}))
    grid = ScoreGrid(ids, criteria, scores, weights)
    cells = {(s.priority_id, s.criterion_id, s.leader_role): s.value for s in scores}
    for _ in range(data.draw(st.integers(1, 15))):
        pid = data.draw(st.sampled_from(ids))
        c = data.draw(st.sampled_from(criteria))
        side = data.draw(st.sampled_from([P, E]))
        value = data.draw(st.none() | st.integers(c.scale_min, c.scale_max))
        grid.set_score(pid, c.id, side, value)
        if value is None:
            cells.pop((pid, c.id, side), None)
        else:
            cells[(pid, c.id, side)] = value
        # read a result between edits too, so that kept results must be brought up to date
        grid.result(data.draw(st.sampled_from(ids)))
    fresh_scores = [Score(pid, cid, side, v) for (pid, cid, side), v in cells.items()]
    fresh = compute_results(ids, criteria, fresh_scores, weights)
    assert grid.results() == fresh
    check_ranks(grid.results())
    for side in Side:
        assert grid.scored_count(side) == sum(1 for (_p, _c, s) in cells if s is side)
    for (pid, cid, side), v in cells.items():
        assert grid.value(pid, cid, side) == v
    position = {pid: i for i, pid in enumerate(ids)}
    expected = sorted(ids, key=lambda pid: (fresh[position[pid]].divergence is None,
                                            -(fresh[position[pid]].divergence or 0.0), position[pid]))
    assert grid.discussion_order() == expected


# -- rank stability -----------------------------------------------------------------------------------------

def ordered_top(ids, criteria, scores, weights, n):
    """The reference: top n by combined (rounded to 9 decimals), ties by priority order."""
    position = {pid: i for i, pid in enumerate(ids)}
    ranked = sorted((r for r in compute_results(ids, criteria, scores, weights) if r.combined is not None),
                    key=lambda r: (-round(r.combined, 9), position[r.priority_id]))
    return tuple(r.priority_id for r in ranked[:n])


def reference_share(ids, criteria, scores, top_n, samples, seed):
    """The documented Monte Carlo, done plainly: each draw multiplies every weight, in criteria order, by its own
    uniform factor in [0.8, 1.2]; the share of draws whose top-N set is the baseline's."""
    baseline = set(ordered_top(ids, criteria, scores, None, top_n))
    rng = random.Random(seed)
    held = 0
    for _ in range(samples):
        w = {c.id: c.weight * rng.uniform(0.8, 1.2) for c in criteria}
        held += set(ordered_top(ids, criteria, scores, w, top_n)) == baseline
    return held / samples


def changed_weights(criteria, change: SingleChange):
    return {c.id: c.weight * (change.factor if c.id == change.criterion_id else 1) for c in criteria}


def both(pid, values):
    return scored(pid, P, values) + scored(pid, E, values)


def test_stability_far_ahead_top_1_is_fully_stable():
    crits = [VALUE, EFFORT, RISK]
    scores = both(1, {1: 5, 2: 0, 3: 9})  # the best possible on every criterion: 100 under any weights
    rng = random.Random(2)
    for pid in range(2, 12):
        scores += scored(pid, P, {1: rng.randint(0, 2), 2: rng.randint(3, 5), 3: rng.randint(1, 4)})
        scores += scored(pid, E, {1: rng.randint(0, 2), 2: rng.randint(3, 5), 3: rng.randint(1, 4)})
    st_ = rank_stability(list(range(1, 12)), crits, scores, top_n=1)
    assert st_ == Stability(top_n=1, samples=1000, stable_share=1.0, smallest_change=None, baseline_top=(1,))


def test_stability_near_tie_flips_and_its_smallest_change_really_reorders():
    a, b = Criterion(1, "A", 1.0), Criterion(2, "B", 1.02)
    crits = [a, b]
    scores = both(1, {1: 5, 2: 0}) + both(2, {1: 0, 2: 5}) + both(3, {1: 1, 2: 1})
    # p1 = 100·1/2.02 = 49.50, p2 = 100·1.02/2.02 = 50.50, p3 = 20 → top 1 is p2
    st_ = rank_stability([1, 2, 3], crits, scores, top_n=1)
    assert st_.baseline_top == (2,)
    # p2 stays on top only while 1.02·u_B > u_A: about half the draws
    assert 0.3 < st_.stable_share < 0.8
    assert st_.stable_share == reference_share([1, 2, 3], crits, scores, 1, 1000, 0)
    ch = st_.smallest_change
    # B down to 1/1.02 (−1.96 %) ties them, and a tie goes to p1 (listed first); A up needs +2 %
    assert ch.criterion_id == 2
    assert ch.factor == pytest.approx(1 / 1.02, abs=1e-4)
    assert ch.percent == pytest.approx(-100 * (1 - 1 / 1.02), abs=1e-2)
    # verify by recomputing from scratch with that weight changed …
    assert ordered_top([1, 2, 3], crits, scores, changed_weights(crits, ch), 1) == (1,) == ch.top_after
    # … and a slightly smaller move keeps the order
    smaller = SingleChange(2, 1 - 0.98 * (1 - ch.factor))
    assert ordered_top([1, 2, 3], crits, scores, changed_weights(crits, smaller), 1) == (2,)


def test_stability_order_change_within_a_stable_set():
    a, b = Criterion(1, "A", 1.0), Criterion(2, "B", 1.1)
    crits = [a, b]
    scores = both(1, {1: 5, 2: 4}) + both(2, {1: 4, 2: 5}) + both(3, {1: 0, 2: 1}) + both(4, {1: 1, 2: 0})
    # n: p1 (1, 0.8) → 100·(1 + 1.1·0.8)/2.1 = 89.52; p2 (0.8, 1) → 100·(0.8 + 1.1)/2.1 = 90.48;
    # p3 (0, 0.2) → 10.48, p4 (0.2, 0) → 9.52: the top-2 set never changes
    st_ = rank_stability([1, 2, 3, 4], crits, scores, top_n=2)
    assert st_.baseline_top == (2, 1)
    assert st_.stable_share == 1.0
    # … but its order does: with B × f, p1 = p2 when 1 + 0.88f = 0.8 + 1.1f, f = 1/1.1 (−9.09 %), and the tie
    # goes to p1 (listed first); A × g needs g = 1.1 (+10 %)
    ch = st_.smallest_change
    assert ch.criterion_id == 2 and ch.factor == pytest.approx(1 / 1.1, abs=1e-4)
    assert ordered_top([1, 2, 3, 4], crits, scores, changed_weights(crits, ch), 2) == (1, 2) == ch.top_after


def test_stability_counts_only_priorities_with_a_combined_total():
    scores = scored(1, P, {1: 5}) + both(2, {1: 2}) + both(3, {1: 3})  # p1: product only, would be first
    st_ = rank_stability([1, 2, 3], [VALUE], scores, top_n=1)
    assert st_.baseline_top == (3,)
    assert st_.stable_share == 1.0
    # a single criterion: moving its weight scales all totals alike, so nothing reorders (at 0 nobody has a
    # total, which is no new order either)
    assert st_.smallest_change is None
    empty = rank_stability([1], [VALUE], scored(1, P, {1: 5}))
    assert (empty.samples, empty.stable_share, empty.smallest_change, empty.baseline_top) == (0, 1.0, None, ())


def test_stability_weight_to_zero_drops_a_priority_scored_on_that_criterion_only():
    a, b = Criterion(1, "A", 1.0), Criterion(2, "B", 1.0)
    # p1 scored only on A (100); p2 on both (80, 60 → 70); p3 on both (20, 20 → 20)
    scores = both(1, {1: 5}) + both(2, {1: 4, 2: 3}) + both(3, {1: 1, 2: 1})
    st_ = rank_stability([1, 2, 3], [a, b], scores, top_n=1)
    assert st_.baseline_top == (1,)
    # p1 is 100 whatever A weighs above 0, and p2 stays between 60 and 80 under any weights, so only A's weight
    # at 0 (−100 %), which leaves p1 without a total, reorders the top 1
    assert st_.smallest_change == SingleChange(1, 0.0, (2,))


def test_a_weight_at_zero_that_leaves_one_of_the_top_2_without_a_total_reorders_the_top_2():
    a, b = Criterion(1, "A", 1.0), Criterion(2, "B", 1.0)
    # p1 scored only on A (100); p2 on both (80, 80 → 80); p3 on both (20): p1 and p2 keep their totals under
    # any weights above 0, so only A at 0 (p1 without a total, p3 moving up) changes the top 2
    scores = both(1, {1: 5}) + both(2, {1: 4, 2: 4}) + both(3, {1: 1, 2: 1})
    st_ = rank_stability([1, 2, 3], [a, b], scores, top_n=2)
    assert st_.baseline_top == (1, 2)
    assert st_.smallest_change == SingleChange(1, 0.0, (2, 3))


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"top_n": 0}, "top_n must be at least 1"), ({"samples": 0}, "samples must be at least 1"),
    ({"spread": 1.01}, "spread must be between 0 and 1"), ({"spread": -0.01}, "spread must be between 0 and 1"),
])
def test_stability_arguments_are_checked(kwargs, message):
    with pytest.raises(ValueError, match=message):
        rank_stability([1, 2], CRITERIA, HAND_SCORES, **kwargs)


def test_stability_arguments_at_their_limits_are_accepted():
    for kwargs in ({"top_n": 1}, {"samples": 1}, {"spread": 0.0}, {"spread": 1.0}):
        assert rank_stability([1, 2], CRITERIA, HAND_SCORES, **kwargs).baseline_top
    # no spread: every draw is the agreed weights, so the top always holds
    assert rank_stability([1, 2], CRITERIA, HAND_SCORES, top_n=1, spread=0.0).stable_share == 1.0


# Raising B by exactly 10 % ties p1 and p2: 3·1 + 10·0 + 8·1 = 11 = 3·0 + 11·1 + 8·0. Lowering A needs −33 %
# (to 2), lowering C −12.5 % (to 7): the smallest change is a weight increase.
RAISE_CRITERIA = [Criterion(1, "A", 3), Criterion(2, "B", 10), Criterion(3, "C", 8)]
RAISE_SCORES = both(1, {1: 5, 2: 0, 3: 5}) + both(2, {1: 0, 2: 5, 3: 0}) + both(3, {1: 1, 2: 1, 3: 1})


def test_smallest_change_by_hand_is_a_weight_increase_and_a_tie_goes_to_the_priority_listed_first():
    # p1 = 100·11/21 = 52.38, p2 = 100·10/21 = 47.62, p3 = 20; agenda order p2, p1, p3
    st_ = rank_stability([2, 1, 3], RAISE_CRITERIA, RAISE_SCORES, top_n=1)
    assert st_.baseline_top == (1,)
    # at +10 % exactly the two tie, and the tie goes to p2, listed first: +10 % is the answer, exactly
    assert st_.smallest_change == SingleChange(2, 1.1, (2,))
    assert st_.smallest_change.percent == pytest.approx(10.0, abs=1e-9)


def test_when_the_leader_is_listed_first_the_tie_keeps_it_on_top():
    st_ = rank_stability([1, 2, 3], RAISE_CRITERIA, RAISE_SCORES, top_n=1)
    ch = st_.smallest_change
    # at +10 % p1 keeps the top (a tie goes to the priority listed first), so the change is just above +10 %
    assert ch.criterion_id == 2 and ch.top_after == (2,)
    assert 1.1 < ch.factor <= 1.1 + 1e-6
    assert ordered_top([1, 2, 3], RAISE_CRITERIA, RAISE_SCORES, changed_weights(RAISE_CRITERIA, SingleChange(2, 1.1)),
                       1) == (1,)


def test_the_smallest_change_lowers_a_weight_when_that_is_the_smaller_move():
    # the same priorities with B weighing 14 instead of 10: p2 = 14/25 is first, p1 = 11/25 second.
    # Lowering B to 11 (−21.4 %) ties them and, p1 listed first, puts it on top; raising A needs +100 %, C +37.5 %
    crits = [Criterion(1, "A", 3), Criterion(2, "B", 14), Criterion(3, "C", 8)]
    st_ = rank_stability([1, 2, 3], crits, RAISE_SCORES, top_n=1)
    assert st_.baseline_top == (2,)
    ch = st_.smallest_change
    assert ch.criterion_id == 2 and ch.top_after == (1,)
    assert ch.factor == pytest.approx(11 / 14, abs=1e-6) and ch.factor <= 11 / 14 + 1e-12


def test_a_weight_is_never_moved_below_0():
    # p1 (A 5, B 3) beats p2 (A 0, B 3) while A weighs anything above 0; at 0 they tie and p1, listed first,
    # keeps the top. Only a negative weight for A would put p2 first, and weights never go below 0.
    a, b = Criterion(1, "A", 1.0), Criterion(2, "B", 1.0)
    scores = both(1, {1: 5, 2: 3}) + both(2, {1: 0, 2: 3})
    assert rank_stability([1, 2], [a, b], scores, top_n=1).smallest_change is None


@pytest.mark.parametrize(("weight", "agenda", "factor"), [
    (2.0025, [1, 2], None),   # B would need +300.5 %: beyond the +300 % searched
    (2.0, [2, 1], 4.0),       # B at exactly +300 % ties them, and the tie goes to p2, listed first
    (2.0, [1, 2], None),      # … or to p1, listed first: no change
])
def test_a_weight_is_moved_up_to_four_times_and_no_further(weight, agenda, factor):
    # p1 (A 5, B 0, C 5) against p2 (A 0, B 5, C 0): p1 leads while B weighs less than A + C = 2 × weight
    crits = [Criterion(1, "A", weight), Criterion(2, "B", 1.0), Criterion(3, "C", weight)]
    scores = both(1, {1: 5, 2: 0, 3: 5}) + both(2, {1: 0, 2: 5, 3: 0})
    ch = rank_stability(agenda, crits, scores, top_n=1).smallest_change
    assert ch == (None if factor is None else SingleChange(2, factor, (2,)))


@pytest.mark.parametrize(("count", "k", "draws"), [(130, 10, 961), (1300, 10, 100), (1300, 1, 961)])
def test_very_large_sessions_draw_fewer_samples_but_at_least_100(count, k, draws):
    # at most about 2,500,000 multiply-adds: 2,500,000 // (2 leaders × count × k criteria) draws, never below 100
    ids, crits, scores = random_session(random.Random(4), count, k)
    st_ = rank_stability(ids, crits, scores, top_n=3, samples=1000)
    assert st_.samples == draws
    fewer = rank_stability(ids, crits, scores, top_n=3, samples=50)
    assert fewer.samples == 50  # asking for fewer than the budget allows gives what was asked


def test_stability_looks_at_the_top_5_unless_told_otherwise():
    ids, crits, scores = random_session(random.Random(11), 12, 4)
    st_ = rank_stability(ids, crits, scores)
    assert st_.top_n == 5 and len(st_.baseline_top) == 5


def test_a_result_cannot_be_changed_after_the_fact():
    import dataclasses
    r = compute_results([1], CRITERIA, HAND_SCORES)[0]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'rank'"):
        r.rank = 9  # type: ignore[misc]
    st_ = rank_stability([1, 2], CRITERIA, HAND_SCORES, top_n=1)
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'stable_share'"):
        st_.stable_share = 1.0  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError, match="cannot assign to field 'factor'"):
        SingleChange(1, 1.1).factor = 2.0  # type: ignore[misc]


def test_stability_is_deterministic_for_a_seed():
    ids, crits, scores = random_session(random.Random(11), 12, 4)
    assert rank_stability(ids, crits, scores, top_n=3, seed=5) == rank_stability(ids, crits, scores, top_n=3, seed=5)


def random_session(rng, count, k):
    crits = [Criterion(i + 1, f"c{i}", rng.choice([1, 2, 3]), COST if i == k - 1 else BENEFIT) for i in range(k)]
    scores = [Score(p, c.id, s, rng.randint(0, 5)) for p in range(1, count + 1) for c in crits for s in Side]
    return list(range(1, count + 1)), crits, scores


def test_a_usual_session_gets_all_1000_draws():
    # (how long it takes is measured by `make bench`, never asserted here)
    ids, crits, scores = random_session(random.Random(8), 40, 8)
    st_ = rank_stability(ids, crits, scores, top_n=5, samples=1000)
    assert st_.samples == 1000


@slow_property
@given(sessions(max_priorities=6, max_criteria=3), st.integers(1, 3), st.integers(0, 2**16))
def test_monte_carlo_matches_the_documented_method(session, top_n, seed):
    ids, criteria, scores = session
    result = rank_stability(ids, criteria, scores, top_n=top_n, samples=30, seed=seed)
    baseline = ordered_top(ids, criteria, scores, None, top_n)
    assert result.baseline_top == baseline
    if not baseline:
        assert result.samples == 0
        return
    assert (result.samples, result.stable_share) == (30, reference_share(ids, criteria, scores, top_n, 30, seed))


@pytest.mark.parametrize("seed", [1, 3, 7])
def test_monte_carlo_matches_the_documented_method_on_a_mid_sized_session(seed):
    ids, crits, scores = random_session(random.Random(seed), 15, 4)
    result = rank_stability(ids, crits, scores, top_n=4, samples=150, seed=seed)
    assert 0 < result.stable_share < 1  # a session where the draws do move the top 4
    assert result.stable_share == reference_share(ids, crits, scores, 4, 150, seed)


@slow_property
@given(sessions(max_priorities=5, max_criteria=3), st.integers(1, 3))
def test_smallest_change_matches_a_plain_1_percent_scan(session, top_n):
    assert_smallest_change_matches_a_plain_1_percent_scan(session, top_n)


def test_a_top_priority_scored_exactly_like_the_next_stays_first_in_every_draw():
    # p1 and p2 are twins: under any weights their totals tie and the tie goes to p1, listed first
    a, b = Criterion(1, "A", 1.0), Criterion(2, "B", 2.0)
    scores = both(1, {1: 3, 2: 4}) + both(2, {1: 3, 2: 4}) + both(3, {1: 1, 2: 1})
    st_ = rank_stability([1, 2, 3], [a, b], scores, top_n=1, samples=200)
    assert (st_.baseline_top, st_.samples, st_.stable_share) == ((1,), 200, 1.0)
    behind = rank_stability([2, 1, 3], [a, b], scores, top_n=1, samples=200)
    assert (behind.baseline_top, behind.stable_share) == ((2,), 1.0)


@pytest.mark.parametrize("a_first", [False, True])
def test_the_smaller_of_two_moves_within_the_same_1_percent_step_is_reported_whichever_is_listed_first(a_first):
    # Totals 30 and 29.85. Raising B by 0.5025 % or lowering A by 0.5 % makes p2 first; both are within the
    # first 1 % step, and the smaller move (A's) is the answer.
    b, a = Criterion(1, "B", 1.0, BENEFIT, 0, 1000), Criterion(2, "A", 1.0, BENEFIT, 0, 1000)
    scores = both(1, {2: 600, 1: 0}) + both(2, {2: 0, 1: 597})
    ch = rank_stability([1, 2], [a, b] if a_first else [b, a], scores, top_n=1, samples=1).smallest_change
    assert ch is not None
    assert (ch.criterion_id, ch.top_after) == (2, (2,))
    assert ch.factor == pytest.approx(0.995, abs=1e-5)


def test_a_criterion_weighing_nothing_is_skipped_and_the_ones_after_it_are_still_searched():
    zero = Criterion(3, "Z", 0.0, BENEFIT, 0, 1000)
    b, a = Criterion(1, "B", 1.0, BENEFIT, 0, 1000), Criterion(2, "A", 1.0, BENEFIT, 0, 1000)
    scores = both(1, {2: 600, 1: 0, 3: 0}) + both(2, {2: 0, 1: 597, 3: 1000})
    ch = rank_stability([1, 2], [zero, b, a], scores, top_n=1, samples=1).smallest_change
    assert ch is not None
    assert (ch.criterion_id, ch.top_after) == (2, (2,))
    assert ch.factor == pytest.approx(0.995, abs=1e-5)


def test_an_outsider_scored_like_the_leader_never_hides_another_that_overtakes_it():
    # p2 is p1's twin (never passes it); p3 (70 → 68.6 against 71.4) overtakes when A loses 1/11 of its weight
    a, b = Criterion(1, "A", 1.1), Criterion(2, "B", 1.0)
    scores = both(1, {1: 5, 2: 2}) + both(2, {1: 5, 2: 2}) + both(3, {1: 2, 2: 5})
    ch = rank_stability([1, 2, 3], [a, b], scores, top_n=1, samples=1).smallest_change
    assert ch is not None
    assert (ch.criterion_id, ch.top_after) == (1, (3,))
    assert ch.factor == pytest.approx(1 / 1.1, abs=1e-5)


def test_a_negative_weight_turns_off_the_pruning_and_the_smallest_change_is_still_the_plain_scans():
    # The services store weights from 0 up; the function takes any, and its range pruning assumes none is
    # negative, so with one the search checks every step exactly.
    criteria = [Criterion(1, "A", 2.0), Criterion(2, "B", 1.0), Criterion(3, "C", -0.5)]
    scores = both(1, {1: 5, 2: 1, 3: 2}) + both(2, {1: 3, 2: 4, 3: 1}) + both(3, {1: 2, 2: 5, 3: 0})
    for top_n in (2, 3):  # with an outsider, and with every priority in the top (no outsider at all)
        assert_smallest_change_matches_a_plain_1_percent_scan(([1, 2, 3], criteria, scores), top_n)
        assert rank_stability([1, 2, 3], criteria, scores, top_n=top_n, samples=1).smallest_change is not None


def assert_smallest_change_matches_a_plain_1_percent_scan(session, top_n):
    ids, criteria, scores = session
    result = rank_stability(ids, criteria, scores, top_n=top_n, samples=1)
    baseline = result.baseline_top
    first = None  # the first 1 % step (over all criteria, down to −100 % and up to +300 %) that reorders
    for step in range(1, 301):
        for c in criteria:
            for sign in (-1, 1):
                if c.weight <= 0 or (sign < 0 and step > 100) or not baseline:
                    continue
                change = SingleChange(c.id, 1 + sign * step / 100)
                after = ordered_top(ids, criteria, scores, changed_weights(criteria, change), top_n)
                if after and after != baseline:  # (a weight at 0 that leaves nobody a total is no new order)
                    first = step
        if first is not None:
            break
    ch = result.smallest_change
    if first is None:
        assert ch is None
        return
    assert ch is not None
    assert first - 1 < abs(ch.percent) <= first + 1e-9
    after = ordered_top(ids, criteria, scores, changed_weights(criteria, ch), top_n)
    assert after != baseline and after == ch.top_after
