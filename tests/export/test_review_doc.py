"""The quarterly review on paper: the slowest list is the chosen quarter's, and the decisions taken are
marked (◆) as on screen, from the one builder both use; its charts are vector with searchable text."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader

from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.export.documents import review_document
from tension_desk.render import trends
from tension_desk.services.decisions import DecisionDraft

D = dt.date


def pages_of(pdf: bytes) -> list:
    return PdfReader(io.BytesIO(pdf)).pages


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in pages_of(pdf)))


@pytest.fixture
def workspace(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Summer session", D(2026, 8, 4))
    delivered = [("Slow in Q3", D(2026, 1, 2), D(2026, 8, 20)), ("Quick in Q3", D(2026, 7, 1), D(2026, 7, 20)),
                 ("Slow in Q4", D(2025, 1, 2), D(2026, 11, 2)), ("Slow in 2025-Q1", D(2024, 1, 2), D(2025, 2, 1))]
    ids = []
    for title, idea, done in delivered:
        p = desk.priorities.add_many(s.id, [PriorityDraft(title, Side.PRODUCT, effort_weeks=3, idea_date=idea)])[0]
        desk.priorities.update(p.id, PriorityDraft(title, Side.PRODUCT, effort_weeks=3, idea_date=idea,
                                                 status=PriorityStatus.DELIVERED, delivered_date=done))
        ids.append(p.id)
    for n in range(2):
        t = desk.tensions.add(s.id, f"Tension {n}", ids[:2])
        desk.decisions.take(s.id, t.id, DecisionDraft(outcome=f"Decision {n}"), on=D(2026, 8, 5))
    desk.capacity.set_plan("2026-Q3", 100, 70, 30, reason="the agreed 70/30")
    return desk


def test_the_slowest_list_comes_from_the_chosen_quarter(qapp, workspace):
    q3, q4 = text_of(review_document(workspace, "2026-Q3")), text_of(review_document(workspace, "2026-Q4"))
    assert "Slow in Q3 — " not in q3  # a table row, not a sentence
    assert "Slow in Q3" in q3 and "230 days" in q3 and "Quick in Q3" in q3
    assert "Slow in Q4" not in q3 and "Slow in 2025-Q1" not in q3
    assert "Slow in Q4" in q4 and "Slow in Q3" not in q4
    assert "Nothing with an idea date was delivered in 2025-Q2" in text_of(review_document(workspace, "2025-Q2"))


def test_decisions_taken_are_marked_on_paper_as_on_screen(qapp, workspace):
    from tension_desk.ui.widgets.review_view import WorkspaceReviewView

    points = trends.outcome_points(workspace.priorities.list(), workspace.decisions.list())
    assert [(p.quarter, p.decisions) for p in points if p.decisions] == [("2026-Q3", 2)]
    view = WorkspaceReviewView()
    view.load(workspace)
    assert view.outcomes.trend.points == points  # the screen's chart shows the builder's points
    text = text_of(review_document(workspace, "2026-Q3"))
    assert "◆ = decisions taken" in text and "◆ 2" in text


def test_the_review_charts_are_vector_with_searchable_labels(qapp, workspace):
    pdf = review_document(workspace, "2026-Q3")
    assert all(not page.images for page in pages_of(pdf))
    text = text_of(pdf)
    assert "2026-Q3" in text and "P 70%" in text and "days" in text


def test_the_review_gives_the_capacity_tabs_verdict_and_squeeze_of_its_quarter(qapp, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    desk.capacity.set_plan("2026-Q3", 100, 70, 30, reason="agreed")
    s = desk.sessions.create("July", D(2026, 7, 7))
    for title, side, weeks in (("Feature", Side.PRODUCT, 60), ("Fix", Side.ENGINEERING, 5)):
        desk.priorities.add(s.id, PriorityDraft(title, side, effort_weeks=weeks, status=PriorityStatus.ACCEPTED,
                                              quarter="2026-Q3"))
    text = text_of(review_document(desk, "2026-Q3"))
    assert "⚠ The 2026-Q3 decisions fitted the totals, but platform work was squeezed." in text
    assert "Engineering's actual share was 8% of the accepted work, below the agreed 30%." in text


def test_every_page_of_the_review_says_when_and_by_what_it_was_exported(qapp, workspace):
    from tension_desk import __version__
    from tension_desk.domain.dates import day

    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in pages_of(review_document(workspace, "2026-Q3"))]
    for n, text in enumerate(pages, 1):
        assert f"exported {day(dt.date.today())} · Tension Desk {__version__}" in text, n
        assert f"Page {n} of {len(pages)}" in text
