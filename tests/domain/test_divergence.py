"""Divergence, ranks and the ranked order: each computed by one domain function that the matrix on screen, the
PDF's heat-map and every ranked table share."""
import pytest

from tension_desk.domain.model import Criterion, CriterionKind, Priority, Score, Side
from tension_desk.domain.scoring import (
    PriorityResult,
    ScoreGrid,
    assign_ranks,
    by_rank,
    compute_results,
    divergence,
    gap,
    rank_among,
    rank_key,
)

WIDE = Criterion(1, "Reach", 1.0, scale_min=1, scale_max=10)
COST = Criterion(2, "Effort", 1.0, CriterionKind.COST, scale_min=0, scale_max=5)


@pytest.mark.parametrize(("criterion", "a", "b", "expected"), [
    (WIDE, 1, 10, 100.0),   # opposite ends of the scale
    (WIDE, 4, 7, 100 * 3 / 9),
    (WIDE, 7, 4, 100 * 3 / 9),  # symmetric
    (COST, 5, 5, 0.0),      # agreement, whatever the kind
    (COST, 1, 3, 40.0),     # a cost criterion's gap is not inverted
])
def test_the_gap_on_one_criterion_is_the_share_of_its_scale_between_the_two_scores(criterion, a, b, expected):
    assert gap(criterion, a, b) == pytest.approx(expected)


@pytest.mark.parametrize(("a", "b"), [(None, 3), (3, None), (None, None)])
def test_there_is_no_gap_unless_both_leaders_scored(a, b):
    assert gap(WIDE, a, b) is None


def test_divergence_is_the_mean_gap_over_the_criteria_both_scored():
    product = {WIDE.id: 1, COST.id: 1}
    engineering = {WIDE.id: 10}  # Effort scored by one leader only: not counted
    assert divergence([WIDE, COST], product, engineering) == pytest.approx(100.0)
    engineering[COST.id] = 3
    assert divergence([WIDE, COST], product, engineering) == pytest.approx((100.0 + 40.0) / 2)
    assert divergence([WIDE, COST], product, {}) is None


def test_ranks_share_on_equal_totals_after_rounding_and_skip_the_next():
    combined = {1: 80.0, 2: 90.0, 3: 80.0 + 1e-12, 4: None, 5: 70.0}
    assert assign_ranks(combined) == {1: 2, 2: 1, 3: 2, 4: None, 5: 4}
    ascending = sorted(k for v in combined.values() if (k := rank_key(v)) is not None)
    assert [rank_among(rank_key(v), ascending) for v in combined.values()] == [2, 1, 2, None, 4]


def test_the_incremental_grid_ranks_as_the_batch_does_after_every_edit():
    ids = [1, 2, 3]
    scores = [Score(pid, WIDE.id, side, v) for pid, v in ((1, 5), (2, 9), (3, 5)) for side in Side]
    grid = ScoreGrid(ids, [WIDE], scores)
    assert [r.rank for r in grid.results()] == [2, 1, 2]
    grid.set_score(3, WIDE.id, Side.PRODUCT, 10)
    scores = [s for s in scores if not (s.priority_id == 3 and s.leader_role is Side.PRODUCT)]
    scores.append(Score(3, WIDE.id, Side.PRODUCT, 10))
    assert grid.results() == compute_results(ids, [WIDE], scores)
    assert [r.rank for r in grid.results()] == [3, 1, 2]  # 3 now (100 + 44.4) / 2, still below 2


def test_the_ranked_order_puts_rank_one_first_and_the_unranked_last_in_agenda_order():
    priorities = [Priority(i, f"P{i}", Side.PRODUCT) for i in (1, 2, 3, 4, 5)]
    results = [PriorityResult(1, None, None, None, None, None),
               PriorityResult(2, 1, 1, 60.0, 0, 2),
               PriorityResult(3, 1, 1, 90.0, 0, 1),
               PriorityResult(5, 1, 1, 60.0, 0, 2)]  # 4 has no result at all
    assert [p.id for p in by_rank(priorities, results)] == [3, 2, 5, 1, 4]
