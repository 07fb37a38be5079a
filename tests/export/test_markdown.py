"""User text in the Markdown exports stays text: never a heading, rule, list, quote, code, link or HTML."""
from __future__ import annotations

import datetime as dt

import markdown_it
import pytest

from tension_desk.domain.dates import day
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.export.documents import log_document, session_document
from tension_desk.export.markdown import md
from tension_desk.services.decisions import DecisionDraft

STRUCTURE = ("Setext heading?\n===\nAnother one\n---\n# ATX heading\n> a quote\n- a list\n+ another\n* a third\n"
             "1. numbered\n2) numbered\n    indented code\n```\nfenced\n```\n~~~\n***\n___\n<div>html</div>\n"
             "a | table\n--|--\n[link](https://x) ![img](file:///etc/passwd) `code` *em* _em_ ~~del~~ &amp; \\ done")


def parse(text: str):
    return markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(text)


def shown(inline) -> str:
    """What a viewer shows for an inline token (escapes resolved)."""
    return "".join(c.content if c.type in ("text", "text_special") else "\n" if "break" in c.type else ""
                   for c in inline.children)


def headings(tokens) -> list[str]:
    return [shown(tokens[i + 1]) for i, t in enumerate(tokens) if t.type == "heading_open"]


def inline_kinds(tokens) -> set[str]:
    return {c.type for t in tokens if t.type == "inline" for c in t.children}


@pytest.fixture
def hostile(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("### Not a heading", dt.date(2026, 10, 13))
    a = desk.priorities.add(s.id, PriorityDraft("- not a list", Side.PRODUCT, effort_weeks=2))
    b = desk.priorities.add(s.id, PriorityDraft("Usage-based billing", Side.ENGINEERING, effort_weeks=2))
    t = desk.tensions.add(s.id, STRUCTURE, [a.id, b.id])
    desk.decisions.take(s.id, t.id, DecisionDraft(outcome=STRUCTURE, rationale="=====", owner="> Maya"))
    return desk, s


def test_structure_in_user_text_does_not_become_structure_in_the_decision_log(hostile):
    desk, _s = hostile
    text = log_document(desk, "md").decode()
    tokens = parse(text)
    decided = day(dt.date.today())  # taken today, in a session of 13 Oct
    assert headings(tokens) == ["Decision log", f"Decided {decided} · ### Not a heading (session of 13 Oct 2026)"], text
    blocks = {t.type for t in tokens if t.nesting >= 0 and t.type != "inline"}
    assert blocks <= {"heading_open", "paragraph_open", "bullet_list_open", "list_item_open"}, text
    # the app's own fields only: outcome, rationale, owner, review, status, acknowledged, evidence
    assert sum(t.type == "list_item_open" for t in tokens) == 7
    assert not inline_kinds(tokens) & {"link_open", "image", "code_inline", "html_inline", "s_open"}
    assert not any(c.type == "em_open" for t in tokens if t.type == "inline" for c in t.children)


def test_structure_in_user_text_does_not_become_structure_in_the_session_record(hostile):
    desk, s = hostile
    text = session_document(desk, s.id, "md").decode()
    tokens = parse(text)
    assert headings(tokens) == ["### Not a heading", "What we decided", "Capacity split", "Priorities on the agenda",
                                "Scoring matrix", "Value versus cost", "Tensions and decisions",
                                "1. " + " ".join(x.strip() for x in STRUCTURE.splitlines()),
                                "Carried over to the next session"], text
    assert not {t.type for t in tokens} & {"blockquote_open", "ordered_list_open", "code_block", "fence", "html_block"}
    assert sum(t.type == "hr" for t in tokens) == 1  # the app's own, above the fingerprint
    assert not inline_kinds(tokens) & {"link_open", "image", "html_inline", "s_open"}
    assert sum(c.type == "code_inline" for t in tokens if t.type == "inline" for c in t.children) == 1  # fingerprint
    # what we decided (header, one decision), the agenda and the matrix (header, two priorities each)
    assert sum(t.type == "tr_open" for t in tokens) == 8


def test_user_text_reads_back_as_written_and_is_not_over_escaped():
    tokens = parse(md(STRUCTURE))
    [paragraph] = [t for t in tokens if t.type == "inline"]
    assert shown(paragraph).replace("\u00a0", " ") == STRUCTURE  # indentation kept as no-break spaces
    assert md("Usage-based billing from 2026-10-13 (v2.0), 50% + 3! #1 ok") == \
        "Usage-based billing from 2026-10-13 (v2.0), 50% + 3! #1 ok"
    assert md("AT&T") == "AT&T" and md("a\n\nb") == "a  \nb"


def test_indented_lines_of_user_text_keep_their_indentation():
    text = "Steps:\n  1. migrate the billing tables\n    - keep the old ones a week\n\t- then drop them"
    for document, label in ((md(text), ""), ("- **Outcome:** " + md(text, after_text=True), "Outcome: ")):
        tokens = parse(document)
        [paragraph] = [t for t in tokens if t.type == "inline"]
        assert shown(paragraph).replace("\u00a0", " ") == label + text.replace("\t", "    ")
        assert not {t.type for t in tokens} & {"code_block", "ordered_list_open"}
