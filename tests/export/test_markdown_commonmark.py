"""The Markdown exports read as plain text and say what the PDF says: no needless backslashes, the PDF's
sections (agenda, squeeze warning, notes, evidence), and user text that a CommonMark parser gives back
exactly as it was written."""
from __future__ import annotations

import datetime as dt
import io
import re

import markdown_it
import pytest
from pypdf import PdfReader

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.export.documents import log_document, session_document
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.log import decision_fields
from tension_desk.services.sample import add_sample

SECTIONS = ["What we decided", "Capacity split", "Session notes", "Priorities on the agenda", "Scoring matrix",
            "Value versus cost", "Tensions and decisions", "Carried over to the next session"]


def parse(text: str):
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def shown_lines(text: str) -> list[str]:
    """What a viewer shows, one entry per line of each paragraph, heading and table cell."""
    out = []
    for t in parse(text):
        if t.type == "inline":
            line = ""
            for c in t.children:
                if c.type in ("text", "text_special", "code_inline"):
                    line += c.content
                elif c.type in ("softbreak", "hardbreak"):
                    out.append(line)
                    line = ""
            out.append(line)
    return out


def headings(text: str) -> list[str]:
    tokens = parse(text)
    return [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]


@pytest.fixture
def sample(desk):
    return desk, add_sample(desk)


def test_the_sample_markdown_has_no_needless_backslash(sample):
    desk, ids = sample
    for sid in ids:
        assert "\\" not in session_document(desk, sid, "md").decode()
    assert "\\" not in log_document(desk, "md").decode()


def test_the_markdown_has_the_sections_of_the_pdf(qapp, sample):
    desk, ids = sample
    sid = ids[0]  # September: engineering squeezed in Q3, a decision with frozen evidence
    md = session_document(desk, sid, "md").decode()
    pdf = re.sub(r"\s+", " ", " ".join(p.extract_text() or "" for p in
                                       PdfReader(io.BytesIO(session_document(desk, sid, "pdf"))).pages))
    expected = [h for h in SECTIONS if h != "Session notes" or desk.sessions.get(sid).notes.strip()]
    assert headings(md) == expected
    positions = [pdf.index(h) for h in expected]
    assert positions == sorted(positions)
    assert "Warning: Engineering's actual share" in md and "Warning: Engineering's actual share" in pdf
    assert "Evidence frozen on" in md and "Evidence frozen on" in pdf


def test_user_text_round_trips_through_a_commonmark_parser(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Q4 *planning* | the_big_one", dt.date(2026, 10, 13))
    tricky = ["# not a heading", "> not a quote", "- not a list", "+ not either", "1. not numbered",
              "2026-10-13 is Usage-based, mid-October.", "a | b | c", "*stars* and _under_ and `ticks`",
              "[not a link](https://x) <b>not html</b>", "3 < 4 > 2 & AT&T &amp; done"]
    a, b = desk.priorities.add_many(s.id, [PriorityDraft("*Bold* claim | piped", Side.PRODUCT, effort_weeks=2),
                                      PriorityDraft("_Under_ [bracket]", Side.ENGINEERING, effort_weeks=3)])
    t = desk.tensions.add(s.id, "Which goes first?\n" + "\n".join(tricky[:3]), [a.id, b.id])
    desk.decisions.take(s.id, t.id, DecisionDraft(
        outcome="\n".join(tricky), context="\n".join(reversed(tricky)), options="1) one\n2) two",
        rationale=tricky[7], tradeoffs=tricky[8], cost_of_not=tricky[9], success_signal=tricky[6],
        owner="Maya <Chen>", ack_product=True), on=dt.date(2026, 10, 13))
    desk.sessions.update(s.id, notes="\n".join(tricky) + "\n- only in the notes | *here*")
    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    md = session_document(desk, s.id, "md").decode()
    lines = shown_lines(md)
    text = "\n".join(lines)
    assert "Q4 *planning* | the_big_one" in lines
    for line in tricky:
        assert line in lines, line  # each line of the notes and the outcome, as written
    assert "1. Which goes first? # not a heading > not a quote - not a list" in lines  # the heading, one line
    assert "- only in the notes | *here*" in lines
    assert "*Bold* claim | piped" in text and "_Under_ [bracket]" in text
    [d] = desk.decisions.list(s.id)
    for label, value in decision_fields(d, desk.workspace.leaders()):
        for line in value.splitlines():
            assert line.strip() in text, (label, line)
    log_lines = shown_lines(log_document(desk, "md").decode())
    for line in tricky:
        assert line in log_lines, line
