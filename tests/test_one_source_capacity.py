"""One rule and one wording for a side of the capacity split (domain.capacity): the gauge (screen and PDF),
the session documents and a decision's frozen evidence all say "fits", "over by N weeks" or "no plan" alike."""
from __future__ import annotations

import io
import json
from dataclasses import replace
from pathlib import Path

import pytest

from tension_desk.domain.capacity import capacity_fit
from tension_desk.domain.model import CapacityPlan, Priority, PriorityStatus, Side
from tension_desk.export.wording import capacity_lines
from tension_desk.render.gauge import GaugeBar, verdict
from tension_desk.services.canonical import record_from_dict
from tension_desk.services.log import evidence_lines

QUARTER = "2026-Q4"
RECORD = record_from_dict(json.loads((Path(__file__).parent / "data" / "sealed_september.json").read_bytes()))


def accepted(pid: int, side: Side, weeks: float) -> Priority:
    return Priority(pid, f"P{pid}", side, "", weeks, None, PriorityStatus.ACCEPTED, QUARTER, None, "")


@pytest.mark.parametrize(("product", "engineering", "said"), [
    (80, 10, {Side.PRODUCT: "over by 10 weeks", Side.ENGINEERING: "fits"}),
    (70, 30, {Side.PRODUCT: "fits", Side.ENGINEERING: "fits"}),  # exactly on the budget fits
    (70, 30.5, {Side.PRODUCT: "fits", Side.ENGINEERING: "over by 0.5 weeks"}),
])
def test_the_gauge_the_documents_and_the_evidence_word_each_side_alike(product, engineering, said):
    plan = CapacityPlan(QUARTER, 100, 70, 30)
    fit = capacity_fit(plan, [accepted(1, Side.PRODUCT, product), accepted(2, Side.ENGINEERING, engineering)],
                       QUARTER)
    assert {side: fit.side_verdict(side) for side in Side} == said
    lines = capacity_lines(replace(RECORD, capacity=fit))
    decision = RECORD.decisions[0].with_evidence({"capacity": {
        "quarter": QUARTER, "total_weeks": 100, "product_share": 70, "engineering_share": 30,
        "accepted_product_weeks": product, "accepted_engineering_weeks": engineering, "fits": fit.fits}})
    (evidence,) = evidence_lines(decision)
    for side in Side:
        assert verdict(GaugeBar(side, side.label, fit.used(side), fit.budget(side))).endswith(f"· {said[side]}")
        assert any(line.startswith(f"{side.marker} {side.label}:") and line.endswith(f"— {said[side]}.")
                   for line in lines)
        assert f"{side.value} {fit.used(side):g} weeks — {said[side]}" in evidence


def test_without_a_plan_the_gauge_says_no_plan():
    assert verdict(GaugeBar(Side.PRODUCT, "Product", 12, None)) == "12 weeks accepted · no plan"


def test_every_place_words_the_plan_as_domain_capacity_does(qtbot, desk):
    """The Capacity tab, the quarterly review on screen and on paper, and the session documents all say the plan
    with plan_wording, so a change of its wording shows in every place."""
    from pypdf import PdfReader

    from tension_desk.domain.capacity import plan_vs_actual, plan_wording
    from tension_desk.export.pdf import quarterly_review_pdf_bytes
    from tension_desk.ui.widgets.capacity_view import CapacityView
    from tension_desk.ui.widgets.review_view import QuarterlyReview

    desk.capacity.set_plan(QUARTER, 120.5, 62.5, 37.5)
    plan = desk.capacity.plan(QUARTER)
    wording = plan_wording(120.5, 62.5, 37.5)
    assert wording == "120.5 person-weeks · ● product 62.5% · ▲ engineering 37.5%"
    fit = capacity_fit(plan, [accepted(1, Side.PRODUCT, 50)], QUARTER)

    tab = CapacityView()
    qtbot.addWidget(tab)
    tab.load(QUARTER, plan, fit, {}, {})
    assert tab.plan_line.text() == f"{wording} · not reviewed yet"

    review = QuarterlyReview()
    qtbot.addWidget(review)
    review.load([QUARTER], {QUARTER: plan}, {QUARTER: plan_vs_actual(plan, [], QUARTER)}, [], [], {QUARTER: fit})
    assert review.summary.text().startswith(f"{QUARTER}: {wording} — not reviewed yet.")

    pdf = PdfReader(io.BytesIO(quarterly_review_pdf_bytes(desk, QUARTER)))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages)
    assert f"Plan: {wording} — not reviewed yet." in text

    assert capacity_lines(replace(RECORD, capacity=fit))[0] == f"Plan for {QUARTER}: {wording}."


def test_the_review_heads_plan_against_actual_alike_on_screen_and_on_paper(qtbot, desk):
    """'Accepted' on paper counted what the screen calls 'Accepted (not yet delivered)': both head the table with
    domain.capacity.PLAN_VS_ACTUAL."""
    from pypdf import PdfReader

    from tension_desk.domain.capacity import PLAN_VS_ACTUAL, plan_vs_actual
    from tension_desk.export.pdf import quarterly_review_pdf_bytes
    from tension_desk.ui.widgets.review_view import QuarterlyReview

    desk.capacity.set_plan(QUARTER, 120, 70, 30)
    plan = desk.capacity.plan(QUARTER)
    review = QuarterlyReview()
    qtbot.addWidget(review)
    review.load([QUARTER], {QUARTER: plan}, {QUARTER: plan_vs_actual(plan, [], QUARTER)}, [], [],
                {QUARTER: capacity_fit(plan, [], QUARTER)})
    table = review.table
    assert tuple(table.horizontalHeaderItem(c).text() for c in range(table.columnCount())) == PLAN_VS_ACTUAL
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(io.BytesIO(quarterly_review_pdf_bytes(desk, QUARTER))).pages)
    assert "Side Planned weeks Accepted (not yet delivered) Delivered" in text
