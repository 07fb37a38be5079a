"""The walking skeleton as a user lives it: leaders, a session, both lists, a tension, undo, relaunch."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QToolButton

from tension_desk.domain.model import Leader, PriorityDraft, PriorityStatus, Side
from tension_desk.ui.dialogs.leaders import LeadersDialog
from tension_desk.ui.dialogs.priority import PriorityDialog
from tension_desk.ui.dialogs.session import NewSession, SessionDialog
from tension_desk.ui.dialogs.tension import TensionAnswer, TensionDialog


def titles(window, side):
    model = window.session_view.priorities.panels[side].model
    return [model.priority(r).title for r in range(model.rowCount())]


def test_first_launch_to_a_saved_session_and_back(make_window, monkeypatch, qtbot, no_dialogs):
    asked = []
    monkeypatch.setattr(LeadersDialog, "ask", classmethod(lambda cls, parent, current=None: asked.append(1) or (
        Leader(Side.PRODUCT, "Maya Chen", "CPO"), Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))))
    w = make_window()
    qtbot.waitUntil(lambda: asked == [1])  # first launch asks for the two leaders
    assert w.ctx.desk.workspace.has_leaders()
    assert w.stack.currentWidget() is w.welcome and w.welcome.new_button.isEnabled()

    monkeypatch.setattr(SessionDialog, "ask", classmethod(
        lambda cls, parent, title, date, prev: NewSession("November session", dt.date(2026, 11, 17), False)))
    w.welcome.new_button.click()
    assert w.stack.currentWidget() is w.session_view
    assert w.session_view.session.title == "November session"
    assert "2026-Q4" in w.session_view.meta.text()

    drafts = iter([
        PriorityDraft("Usage-based billing", Side.PRODUCT, "Bill by use", 10, dt.date(2026, 4, 14)),
        PriorityDraft("Mobile approvals", Side.PRODUCT, effort_weeks=8),
        PriorityDraft("Split the billing monolith", Side.ENGINEERING, effort_weeks=12),
    ])
    monkeypatch.setattr(PriorityDialog, "ask", classmethod(lambda cls, parent, draft, new=True: next(drafts)))
    product = w.session_view.priorities.panels[Side.PRODUCT]
    engineering = w.session_view.priorities.panels[Side.ENGINEERING]
    qtbot.mouseClick(w.findChild(QToolButton, "product_add"), Qt.MouseButton.LeftButton)
    product.tool_actions["add"].trigger()
    engineering.tool_actions["add"].trigger()
    assert titles(w, Side.PRODUCT) == ["Usage-based billing", "Mobile approvals"]
    assert titles(w, Side.ENGINEERING) == ["Split the billing monolith"]
    assert "Engineering".upper() in engineering.heading.text() and "Daniel Okafor (CTO)" in engineering.heading.text()

    # reorder the product list with the keyboard action, then undo it
    product.select(product.model.ids()[1])
    product.tool_actions["up"].trigger()
    assert titles(w, Side.PRODUCT) == ["Mobile approvals", "Usage-based billing"]
    w.undo_action.trigger()
    assert titles(w, Side.PRODUCT) == ["Usage-based billing", "Mobile approvals"]

    # a tension between a product and an engineering priority
    ids = {p.title: p.id for p in w.ctx.desk.priorities.agenda(w.current_session_id())}
    monkeypatch.setattr(TensionDialog, "ask", classmethod(
        lambda cls, parent, priorities, statement="", selected=(), new=True: TensionAnswer(
            "Both need the billing team in Q4", [ids["Usage-based billing"], ids["Split the billing monolith"]])))
    tensions = w.session_view.tensions
    tensions.tool_actions["add"].trigger()
    assert tensions.model.rowCount() == 1
    assert "▲ Engineering: Split the billing monolith" in tensions.model.index(0, 1).data()
    # each priority shows its tensions
    row = product.model.row_of(ids["Usage-based billing"])
    assert product.model.index(row, 6).data() == "1"
    tensions.filter.setCurrentIndex(tensions.filter.findData(ids["Mobile approvals"]))
    assert tensions.proxy.rowCount() == 0
    tensions.filter.setCurrentIndex(tensions.filter.findData(ids["Usage-based billing"]))
    assert tensions.proxy.rowCount() == 1

    # edit a priority; undo and redo it
    monkeypatch.setattr(PriorityDialog, "ask", classmethod(lambda cls, parent, draft, new=True: PriorityDraft(
        "Usage-based billing v1", draft.side, draft.description, 9, draft.idea_date, PriorityStatus.ACCEPTED,
        "2026-Q4")))
    product.select(ids["Usage-based billing"])
    product.tool_actions["edit"].trigger()
    assert titles(w, Side.PRODUCT)[0] == "Usage-based billing v1"
    w.undo_action.trigger()
    assert titles(w, Side.PRODUCT)[0] == "Usage-based billing"
    w.redo_action.trigger()
    assert titles(w, Side.PRODUCT)[0] == "Usage-based billing v1"

    # delete with confirmation; undo brings it back with its tension link
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(lambda *a, **k: True))
    engineering.select(ids["Split the billing monolith"])
    engineering.tool_actions["delete"].trigger()
    assert titles(w, Side.ENGINEERING) == []
    w.undo_action.trigger()
    assert titles(w, Side.ENGINEERING) == ["Split the billing monolith"]
    assert w.ctx.desk.tensions.of_session(w.current_session_id())[0].priority_ids == (
        ids["Usage-based billing"], ids["Split the billing monolith"])

    # quit and relaunch on the same data dir: everything is there
    session_id = w.current_session_id()
    w.close()
    w.ctx.desk.engine.dispose()
    w2 = make_window()
    assert w2.session_model.session_ids() == [session_id]
    w2.select_session(session_id)
    assert titles(w2, Side.PRODUCT) == ["Usage-based billing v1", "Mobile approvals"]
    assert titles(w2, Side.ENGINEERING) == ["Split the billing monolith"]
    assert w2.session_view.tensions.model.rowCount() == 1


def test_session_list_new_rename_delete_with_undo(make_window, desk, leaders, monkeypatch, no_dialogs):
    desk.workspace.set_leaders(*leaders)
    desk.sessions.create("September", dt.date(2026, 9, 15))
    desk.sessions.create("October", dt.date(2026, 10, 13))
    w = make_window()
    model = w.session_model
    assert [model.item(r).text() for r in range(model.rowCount())] == ["2026 Q4", "2026 Q3"]
    october = w.session_model.session_ids()[0]
    w.select_session(october)
    monkeypatch.setattr(no_dialogs, "ask_text", staticmethod(lambda *a, **k: "October review"))
    w.rename_action.trigger()
    assert w.ctx.desk.sessions.get(october).title == "October review"
    assert "October review" in w.windowTitle()
    answers = iter([False, True])
    monkeypatch.setattr(no_dialogs, "confirm", staticmethod(lambda *a, **k: next(answers)))
    w.delete_action.trigger()  # cancelled: nothing happens
    assert len(w.session_model.session_ids()) == 2
    w.delete_action.trigger()
    assert len(w.session_model.session_ids()) == 1 and w.stack.currentWidget() is w.welcome
    w.undo_action.trigger()
    assert len(w.session_model.session_ids()) == 2
    w.undo_action.trigger()
    assert w.ctx.desk.sessions.get(october).title == "October"


def test_open_the_sample_session_from_the_welcome_page(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    w.welcome.sample_button.click()
    assert w.session_view.session.title == "November tension session"
    assert len(titles(w, Side.PRODUCT)) >= 8 and len(titles(w, Side.ENGINEERING)) >= 8
    w.undo_action.trigger()
    assert w.session_model.session_ids() == []


def test_a_bad_edit_shows_a_message_and_changes_nothing(make_window, desk, leaders, monkeypatch, no_dialogs):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("S", dt.date(2026, 11, 1))
    w = make_window()
    w.select_session(s.id)
    shown = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda parent, exc, *a: shown.append(str(exc))))
    monkeypatch.setattr(PriorityDialog, "ask", classmethod(
        lambda cls, parent, draft, new=True: PriorityDraft("x" * 300, Side.PRODUCT)))
    w.session_view.priorities.panels[Side.PRODUCT].tool_actions["add"].trigger()
    assert shown and "at most 200" in shown[0]
    assert desk.priorities.agenda(s.id) == [] and not w.ctx.undo_stack.canUndo()


def test_import_csv_from_the_file_menu_offers_the_valid_rows(make_window, desk, leaders, monkeypatch, no_dialogs,
                                                             tmp_path):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("S", dt.date(2026, 11, 1))
    f = tmp_path / "p.csv"
    f.write_text("title,side,effort_weeks\nGood one,product,2\nBad,nobody,1\nGood two,engineering,3\n")
    w = make_window()
    w.select_session(s.id)
    questions = []
    monkeypatch.setattr(no_dialogs, "ask_csv_file", staticmethod(lambda parent: str(f)))
    monkeypatch.setattr(no_dialogs, "confirm",
                        staticmethod(lambda parent, title, text, action="": questions.append(text) or True))
    w.import_action.trigger()
    assert "line 3: side 'nobody'" in questions[0] and "Import the 2 valid row(s)" in questions[0]
    assert titles(w, Side.PRODUCT) == ["Good one"] and titles(w, Side.ENGINEERING) == ["Good two"]
    w.undo_action.trigger()
    assert desk.priorities.agenda(s.id) == []


def test_session_notes_are_saved_and_undone_as_one_edit(make_window, desk, leaders, qtbot):
    import datetime as dt

    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("S", dt.date(2026, 11, 1))
    w = make_window()
    w.select_session(s.id)
    notes = w.session_view.notes
    qtbot.keyClicks(notes, "Both leaders present.")
    qtbot.waitUntil(lambda: desk.sessions.get(s.id).notes == "Both leaders present.")
    assert w.ctx.undo_stack.count() == 1
    w.undo_action.trigger()
    assert desk.sessions.get(s.id).notes == "" and notes.toPlainText() == ""
