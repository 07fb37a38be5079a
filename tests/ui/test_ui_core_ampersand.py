"""An "&" in user text stays an "&" on buttons and menu items: Qt reads a single one there as the mark of an
Alt+letter shortcut, so "R&D budget" would show "RD budget" and grab Alt+D."""
from __future__ import annotations

import pytest
from PySide6.QtGui import QKeySequence

from tension_desk.domain.model import Leader, PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd

TITLE = "R&D budget"


@pytest.fixture
def november(make_window, desk):
    sid = add_sample(desk)[-1]
    desk.workspace.set_leaders(Leader(Side.PRODUCT, "Smith & Co", "CPO"), Leader(Side.ENGINEERING, "Ada", "CTO"))
    w = make_window()
    w.select_session(sid)
    return w, sid


def test_undo_and_redo_name_a_title_with_an_ampersand_as_it_is(november):
    w, sid = november
    assert w.ctx.run(w, cmd.AddPriorities, sid, [PriorityDraft(TITLE, Side.PRODUCT)])
    undo = w.undo_action
    assert undo.text() == "&Undo Add “R&&D budget”"  # the menu shows one "&" and Alt+U stays Undo's key
    assert undo.iconText() == "Undo Add “R&D budget”"  # Qt's own reading of the text, as the menu shows it
    assert undo.toolTip() == "Undo Add “R&D budget”" and w.undo_tool.toolTip() == "Undo Add “R&D budget”"
    assert QKeySequence.mnemonic(undo.text()) == QKeySequence("Alt+U")
    assert w.ctx.undo_stack.command(0).text() == "Add “R&D budget”"  # the edit's own name is unchanged

    w.undo_action.trigger()
    assert w.redo_action.iconText() == "Redo Add “R&D budget”"
    assert w.redo_action.toolTip() == "Redo Add “R&D budget”"


def test_a_leader_named_with_an_ampersand_shows_whole_on_the_buttons(november):
    w, sid = november
    start = w.session_view.matrix.blind_bar.start[Side.PRODUCT]
    assert start.text() == "● Smith && Co scores again"
    assert QKeySequence.mnemonic(start.text()).isEmpty()  # no Alt+Space grabbed by the name's "&"

    tension = w.ctx.desk.tensions.of_session(sid)[0]
    assert w.session_view.decisions.select("tension", tension.id)
    ack = w.session_view.decisions.form.acks[Side.PRODUCT]
    assert "Smith && Co (CPO) stands behind this decision" in ack.text()
    assert QKeySequence.mnemonic(ack.text()).isEmpty()
