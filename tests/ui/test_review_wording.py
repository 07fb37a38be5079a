"""The quarterly review screen says the capacity verdict and the squeeze in the words of the Capacity tab and of
the review document (one source: domain.capacity)."""
from __future__ import annotations

from tension_desk.domain.capacity import capacity_fit, capacity_verdict, squeeze_warning
from tension_desk.services.sample import add_sample


def test_the_review_screen_words_the_squeeze_as_the_capacity_tab_and_the_document_do(make_window):
    w = make_window()
    desk = w.ctx.desk
    add_sample(desk)
    w.refresh_sessions()
    w.show_review()
    review = w.review_view.review
    review.quarter.setCurrentText("2026-Q3")  # the sample's squeezed quarter: 18% against 30% agreed

    fit = capacity_fit(desk.capacity.plan("2026-Q3"), desk.priorities.list(), "2026-Q3")
    warning = squeeze_warning(fit, closed=True)
    assert warning and "18%" in warning
    text = review.summary.text()
    assert capacity_verdict(fit, closed=True) in text
    assert warning in text
    assert "Engineering got" not in text  # no second wording of the same fact
