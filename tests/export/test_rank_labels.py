"""Every point of the paper 2×2 chart is told apart, in black and white, and matched to one row of the scoring
matrix: ranks tie (the sample's November has three 7s and two 10s), so each priority is labelled by
``rank_labels`` — its rank, with a letter where ranks tie — on the PDF's chart, matrix and agenda, in the
Markdown, and in the matrix's "#" column on screen."""
from __future__ import annotations

import io
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pypdf import PdfReader

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Criterion, Priority, Score, Side
from tension_desk.domain.scoring import PriorityResult, rank_labels
from tension_desk.export import pdf
from tension_desk.export.documents import session_document
from tension_desk.services.record import build_session_record
from tension_desk.services.sample import add_sample
from tension_desk.ui.models.matrix import COL_RANK, MatrixModel


@pytest.fixture
def november(desk):
    """The sample's November session, revealed (no export carries scores before the reveal), and its record."""
    sid = add_sample(desk)[-1]
    desk.scoring.set_state(sid, ScoringState(product_done=True, engineering_done=True, revealed=True))
    return desk, sid, build_session_record(desk, sid)


def test_every_point_of_the_paper_chart_is_labelled_as_exactly_one_row_of_the_matrix(qapp, november):
    _, _, record = november
    ranks = [r.rank for r in record.results]
    assert ranks.count(7) == 3 and ranks.count(10) == 2  # the ties the chart has to tell apart
    chart = [p.label for p in pdf._chart_points(record).points]
    matrix = [row[0] for row in pdf._heat_cells(record).rows]
    assert len(chart) == 20 and len(set(chart)) == len(chart), chart
    for label in chart:
        assert label.startswith("#") and matrix.count(label[1:]) == 1, (label, matrix)
    # each point's label is its own priority's row
    points = {p.priority_id: p.label[1:] for p in pdf._chart_points(record).points}
    titles = {p.id: p.title for p in record.priorities}
    rows = {row[1][2:]: row[0] for row in pdf._heat_cells(record).rows}  # "● title" -> label
    assert {titles[pid]: label for pid, label in points.items()} == {titles[pid]: rows[titles[pid]] for pid in points}
    assert matrix[:10] == ["1", "2", "3", "4a", "4b", "6", "7a", "7b", "7c", "10a"]


def test_the_pdf_prints_the_tied_labels_on_the_chart_and_in_the_matrix(qapp, november):
    desk, sid, _ = november
    pages = [re.sub(r"\s+", " ", page.extract_text() or "")
             for page in PdfReader(io.BytesIO(session_document(desk, sid, "pdf"))).pages]
    matrix_page = next(t for t in pages if "Scoring matrix" in t)
    chart_page = next(t for t in pages if "Value versus cost" in t)
    for label in ("7a", "7b", "7c", "10a", "10b"):
        assert re.search(rf" {label} [●▲] ", matrix_page), label
        assert f" #{label} " in f" {chart_page} ", label
    assert not re.search(r"#(7|10) ", chart_page)


def test_the_markdown_labels_its_ranked_tables_as_the_pdf_does(november):
    desk, sid, record = november
    md = session_document(desk, sid, "md").decode("utf-8")
    matrix = md.split("## Scoring matrix")[1].split("##")[0]
    chart = md.split("## Value versus cost")[1].split("##")[0]
    titles = {p.id: p.title for p in record.priorities}
    for pid, label in rank_labels(record.priorities, record.results).items():
        assert f"| {label} | {titles[pid]} |" in matrix, label
        assert re.search(rf"^\| {label} \| [●▲] {re.escape(titles[pid])} \|", chart, re.M), label


def test_the_screens_matrix_labels_each_row_as_the_paper_does(qapp, november):
    _, _, record = november
    m = MatrixModel()
    m.load(list(record.priorities), list(record.criteria), record.scores, frozenset(Side))
    paper = {row[1][2:]: row[0] for row in pdf._heat_cells(record).rows}
    screen = {m.priority_at(r).title: m.index(r, COL_RANK).data() for r in range(m.rowCount())}
    assert screen == paper


def test_an_edit_that_makes_a_tie_relabels_both_rows_on_screen(qapp):
    a, b, c = (Priority(i, t, Side.PRODUCT) for i, t in ((1, "Alpha"), (2, "Beta"), (3, "Gamma")))
    value = Criterion(1, "Value", 1.0)
    scores = [Score(p.id, 1, side, v) for p, v in ((a, 4), (b, 3), (c, 1)) for side in Side]
    m = MatrixModel()
    m.load([a, b, c], [value], scores, frozenset(Side))
    assert [m.index(r, COL_RANK).data() for r in range(3)] == ["1", "2", "3"]
    signalled: list[int] = []
    m.dataChanged.connect(lambda first, last: signalled.extend(range(first.row(), last.row() + 1))
                          if first.column() <= COL_RANK <= last.column() else None)
    for side in Side:
        m.apply_score(b.id, 1, side, 4)  # Beta ties with Alpha: both rank 1
    assert [m.index(r, COL_RANK).data() for r in range(3)] == ["1a", "1b", "3"]
    assert {0, 1} <= set(signalled)  # Alpha's rank stayed 1, but its label changed: its "#" cell is repainted


@pytest.mark.parametrize(("ranks", "expected"), [
    ([1, 2, 3], ["1", "2", "3"]),
    ([1, 1, 3], ["1a", "1b", "3"]),
    ([2, 1, None, 2], ["2a", "1", None, "2b"]),  # ties lettered in agenda order; the unranked have none
    ([1] * 28, [*"abcdefghijklmnopqrstuvwxyz", "aa", "ab"]),
])
def test_rank_labels_are_the_rank_and_a_letter_only_where_ranks_tie(ranks, expected):
    priorities = [Priority(i + 1, f"P{i}", Side.PRODUCT) for i in range(len(ranks))]
    results = [PriorityResult(p.id, None, None, None, None, k) for p, k in zip(priorities, ranks, strict=True)]
    labels = rank_labels(priorities, results)
    if len(ranks) == 28:
        expected = [f"1{x}" for x in expected]
    assert [labels.get(p.id) for p in priorities] == expected


@given(st.lists(st.one_of(st.none(), st.integers(1, 6)), max_size=30), st.randoms(use_true_random=False))
def test_tied_ranks_are_lettered_in_the_order_by_rank_lists_them(ranks, rng):
    """``rank_labels`` sorts on its own (it is faster): its letters still follow ``by_rank``'s order, so "7a" is
    the first of the tied rows every ranked table shows."""
    from tension_desk.domain.scoring import by_rank

    ids = list(range(1, len(ranks) + 1))
    rng.shuffle(ids)  # the given order, which ties keep
    priorities = [Priority(pid, f"P{pid}", Side.PRODUCT) for pid in ids]
    results = [PriorityResult(pid, None, None, None, None, rank) for pid, rank in zip(ids, ranks, strict=True)]
    labels = rank_labels(priorities, results)
    listed = [p.id for p in by_rank(priorities, results) if p.id in labels]
    assert listed == sorted(labels, key=lambda pid: (int(labels[pid].rstrip("abcdefghijklmnopqrstuvwxyz")),
                                                      len(labels[pid]), labels[pid]))
