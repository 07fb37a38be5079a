"""File → Verify a record…, and closing / reopening a session from the Session → Status menu."""
from __future__ import annotations

import pytest

from tension_desk.domain.model import SessionStatus
from tension_desk.export.documents import session_document
from tension_desk.services import sealing
from tension_desk.services.sample import add_sample
from tension_desk.ui.dialogs.verify import VerifyPrompts


@pytest.fixture
def answers(monkeypatch):
    """The verify prompts answered: the file to choose, and every verdict shown."""
    shown: list[tuple[str, bool]] = []
    chosen: list[str] = []
    monkeypatch.setattr(VerifyPrompts, "ask_file", staticmethod(lambda parent: chosen.pop(0)))
    monkeypatch.setattr(VerifyPrompts, "show", staticmethod(lambda parent, text, ok: shown.append((text, ok))))
    return chosen, shown


def test_file_verify_a_record_says_verified_or_names_the_problem(make_window, desk, answers, tmp_path):
    chosen, shown = answers
    ids = add_sample(desk)
    good = tmp_path / "october.pdf"
    good.write_bytes(session_document(desk, ids[1], "pdf"))
    (tmp_path / "notes.pdf").write_text("<b>not a pdf</b>", encoding="utf-8")
    w = make_window()
    assert w.verify_action.text() == "&Verify a record…"
    chosen += [str(good), str(tmp_path / "notes.pdf")]
    w.verify_action.trigger()
    w.verify_action.trigger()
    (text, ok), (bad, bad_ok) = shown
    assert ok and text.startswith("Verified: October tension session, revision 1, sealed ")  # a sentence
    assert not bad_ok and bad == "notes.pdf: is not a PDF"


def test_closing_seals_and_reopening_asks_why_and_who_and_undo_puts_it_back(make_window, desk, no_dialogs,
                                                                            monkeypatch):
    ids = add_sample(desk)
    november = ids[-1]
    w = make_window()
    w.select_session(november)
    w.status_actions["closed"].trigger()
    assert desk.sessions.get(november).status is SessionStatus.CLOSED and len(sealing.revisions(desk, november)) == 1
    asked = []
    replies = ["Scores were entered for the wrong priority.", "Daniel Okafor"]
    monkeypatch.setattr(no_dialogs, "ask_text",
                        staticmethod(lambda parent, title, label, text="": asked.append(label) or replies.pop(0)))
    w.status_actions["live"].trigger()
    assert "Why reopen it?" in asked[0] and asked[1] == "Who reopens it?"
    assert desk.sessions.get(november).status is SessionStatus.LIVE
    md = session_document(desk, november, "md").decode()
    assert "Revision 2 — reopened on" in md and "by Daniel Okafor: Scores were entered for the wrong priority." in md
    w.undo_action.trigger()  # undo the reopening: closed under its first seal
    assert desk.sessions.get(november).status is SessionStatus.CLOSED
    assert [r["number"] for r in sealing.revisions(desk, november)] == [1]
    w.undo_action.trigger()  # undo the closing: no seal, live again
    assert desk.sessions.get(november).status is SessionStatus.LIVE and sealing.revisions(desk, november) == []
