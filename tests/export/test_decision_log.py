"""The decision log, on paper, in Markdown and on screen: newest first by the day each decision was taken,
every field of the record with both acknowledgements, and reviews that are due or overdue said in words."""
from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt

from tension_desk.domain.dates import day
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.export.markdown import decision_log_markdown
from tension_desk.export.pdf import decision_log_pdf_bytes
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.log import build_log_entries

TODAY = dt.date(2026, 12, 1)


def text_of(pdf: bytes) -> str:
    return re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in PdfReader(io.BytesIO(pdf)).pages))


def decide(desk, session, outcome: str, on: dt.date, review: dt.date, **fields):
    a, b = desk.priorities.add_many(session.id, [PriorityDraft(f"{outcome} product", Side.PRODUCT),
                                            PriorityDraft(f"{outcome} engineering", Side.ENGINEERING)])
    t = desk.tensions.add(session.id, f"Tension behind {outcome}", [a.id, b.id])
    return desk.decisions.take(session.id, t.id, DecisionDraft(outcome=outcome, review_date=review, **fields),
                              on=on)[0]


@pytest.fixture
def log(desk, leaders):
    """September's decision was taken last (at a follow-up on 5 Nov); October's on two days."""
    desk.workspace.set_leaders(*leaders)
    sep = desk.sessions.create("September session", dt.date(2026, 9, 15))
    octo = desk.sessions.create("October session", dt.date(2026, 10, 13))
    decide(desk, octo, "Early October call", dt.date(2026, 10, 13), dt.date(2026, 11, 20))  # overdue
    decide(desk, sep, "Late September call", dt.date(2026, 11, 5), dt.date(2026, 12, 10),  # due within two weeks
           context="Two deals wait on SSO.", options="1) SSO first; 2) Postgres first.",
           cost_of_not="Losing 18% of the pipeline.", success_signal="Both deals signed by 30 Sep.",
           rationale="The deals close this quarter.", tradeoffs="Replica work slips.", owner="Daniel Okafor",
           ack_product=True)
    decide(desk, octo, "Mid October call", dt.date(2026, 10, 20), dt.date(2027, 3, 1))  # not due yet
    return desk


ORDER = ["Late September call", "Mid October call", "Early October call"]


def test_the_log_lists_decisions_newest_first_by_the_day_each_was_taken(qapp, log):
    entries = build_log_entries(log)
    assert [e.decision.outcome for e in entries] == ORDER
    md = decision_log_markdown(entries, log.workspace.leaders(), TODAY)
    pdf = text_of(decision_log_pdf_bytes(entries, leaders=log.workspace.leaders(), today=TODAY))
    for doc in (md, pdf):
        positions = [doc.index(o) for o in ORDER]
        assert positions == sorted(positions), doc
    # the day it was taken, beside the session's own date
    assert "Decided 5 Nov 2026 · September session (session of 15 Sep 2026)" in md
    assert "Decided 5 Nov 2026 · September session (session of 15 Sep 2026)" in pdf


def test_the_log_prints_every_field_of_the_record_and_both_acknowledgements(qapp, log):
    entries = build_log_entries(log)
    md = decision_log_markdown(entries, log.workspace.leaders(), TODAY)
    pdf = text_of(decision_log_pdf_bytes(entries, leaders=log.workspace.leaders(), today=TODAY))
    for doc in (md, pdf):
        for text in ("Two deals wait on SSO.", "SSO first; 2) Postgres first.", "Losing 18% of the pipeline.",
                     "Both deals signed by 30 Sep.", "The deals close this quarter.", "Replica work slips.",
                     "Maya Chen (CPO): acknowledged", "Daniel Okafor (CTO): not yet acknowledged"):
            assert text in doc, text
        for label in ("Context", "Options considered", "Cost of not doing the other thing",
                      "How we will know it held", "Acknowledged"):
            assert label in doc


def test_reviews_due_or_overdue_are_said_in_words_on_paper_and_on_screen(qapp, log):
    from tension_desk.ui.models.decision_log import COL_REVIEW, DecisionLogModel

    entries = build_log_entries(log)
    md = decision_log_markdown(entries, log.workspace.leaders(), TODAY)
    pdf = text_of(decision_log_pdf_bytes(entries, leaders=log.workspace.leaders(), today=TODAY))
    for doc in (md, pdf):
        assert "Review overdue since 20 Nov 2026" in doc
        assert "Review due on 10 Dec 2026" in doc
        assert "2 due or overdue for review on 1 Dec 2026" in doc
        assert "Review due on 1 Mar 2027" not in doc and "overdue since 1 Mar 2027" not in doc
    model = DecisionLogModel(today=TODAY)
    model.set_entries(entries)
    shown = [model.index(r, COL_REVIEW).data() for r in range(model.rowCount())]
    assert shown == ["Review due on 10 Dec 2026", "1 Mar 2027", "Review overdue since 20 Nov 2026"]


def test_a_review_answered_is_no_longer_flagged(qapp, log):
    overdue = next(e for e in build_log_entries(log) if e.decision.outcome == "Early October call")
    later = log.sessions.create("December session", dt.date(2026, 12, 1))
    log.decisions.review(overdue.decision.id, "held", later.id)
    entry = next(e for e in build_log_entries(log) if e.decision.outcome == "Early October call")
    assert entry.review_flag(TODAY) == ""
    assert "20 Nov 2026 · held" in decision_log_markdown([entry], log.workspace.leaders(), TODAY)


def test_a_decision_is_dated_the_day_it_is_taken(desk):
    s = desk.sessions.create("Past session", dt.date(2026, 9, 15))
    a, b = desk.priorities.add_many(s.id, [PriorityDraft("A", Side.PRODUCT), PriorityDraft("B", Side.ENGINEERING)])
    t = desk.tensions.add(s.id, "A or B", [a.id, b.id])
    d, _ = desk.decisions.take(s.id, t.id, DecisionDraft(outcome="A first"))
    assert d.decided_on == dt.date.today() != s.date


def test_a_decision_taken_during_blind_scoring_shows_no_hidden_score_until_the_reveal(qapp, desk, leaders):
    from tension_desk.domain.blind import ScoringState
    from tension_desk.export.documents import log_document

    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Blind", dt.date(2026, 11, 10))
    a, b = desk.priorities.add_many(s.id, [PriorityDraft("Alpha", Side.PRODUCT, effort_weeks=2),
                                      PriorityDraft("Beta", Side.ENGINEERING, effort_weeks=3)])
    for side, value in ((Side.PRODUCT, 5), (Side.ENGINEERING, 1)):
        desk.scoring.set_state(s.id, ScoringState(product_done=side is Side.ENGINEERING, turn=side))
        for p in (a, b):
            for c in desk.scoring.criteria(s.id):
                desk.scoring.set_score(s.id, p.id, c.id, side, value)
    t = desk.tensions.add(s.id, "Alpha or Beta", [a.id, b.id])
    desk.decisions.take(s.id, t.id, DecisionDraft(outcome="Alpha first"), accept=[a.id])  # the turn is still masked

    def printed() -> list[str]:
        [entry] = build_log_entries(desk)
        return [decision_log_markdown([entry], desk.workspace.leaders(), TODAY), text_of(log_document(desk, "pdf")),
                log_document(desk, "md").decode()]

    for text in printed():
        assert "Alpha" in text and "Evidence frozen on" in text  # the evidence is there, its scores are not
        assert not re.search(r"combined|divergence|rank \d", text), text
    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    for text in printed():
        assert re.search(r"Alpha: combined [\d.]+, divergence [\d.]+, rank 1", text), text


def test_the_log_keeps_every_revision_of_a_reopened_session_with_its_fingerprint_and_reason(qapp, log):
    from tension_desk.domain.model import SessionStatus
    from tension_desk.services import sealing
    from tension_desk.ui.models.decision_log import COL_SESSION, DecisionLogModel

    sep = next(s for s in log.sessions.list() if s.title == "September session")
    log.sessions.update(sep.id, status=SessionStatus.CLOSED)
    sealing.reopen_session(log, sep.id, "The owner was wrong.", "Maya Chen")
    log.sessions.update(sep.id, status=SessionStatus.CLOSED)
    first, second = sealing.revisions(log, sep.id)
    assert first["fingerprint"] != second["fingerprint"]
    reopened_on = day(sealing.local_day(second["reopened_at"]))  # the day where it was reopened, as its record says
    reopened = f"Revision 2 — reopened on {reopened_on} by Maya Chen: The owner was wrong."
    entries = build_log_entries(log)
    model = DecisionLogModel(today=TODAY)
    model.set_entries(entries)
    row = [e.decision.outcome for e in entries].index("Late September call")
    documents = {"md": decision_log_markdown(entries, log.workspace.leaders(), TODAY),
                 "pdf": text_of(decision_log_pdf_bytes(entries, leaders=log.workspace.leaders(), today=TODAY)),
                 "screen": model.index(row, COL_SESSION).data(Qt.ItemDataRole.ToolTipRole)}
    for where, text in documents.items():
        flat = re.sub(r"\s+", "", text)
        for rev in (first, second):
            assert rev["fingerprint"] in flat, where
        assert re.sub(r"\s+", "", reopened) in flat, where
    # the October session was never closed: its entries say nothing of revisions
    october = next(e for e in entries if e.session.title == "October session")
    assert october.revisions == ()


def test_every_page_of_the_log_says_when_and_by_what_it_was_exported_and_which_page_of_how_many(qapp, log):
    from tension_desk import __version__

    pdf = decision_log_pdf_bytes(build_log_entries(log), leaders=log.workspace.leaders(), today=TODAY)
    pages = [re.sub(r"\s+", " ", p.extract_text() or "") for p in PdfReader(io.BytesIO(pdf)).pages]
    for n, text in enumerate(pages, 1):
        assert f"exported 1 Dec 2026 · Tension Desk {__version__}" in text, n
        assert f"Page {n} of {len(pages)}" in text
