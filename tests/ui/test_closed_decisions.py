"""A closed session's decisions are shown read-only, with a line saying why and how to change them: every field
of the decision record looked editable and 'Save changes' was enabled, and only a click on it said that the
session is closed (what was typed could not be kept). Reopened, the form takes edits again."""
from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tension_desk.services.sample import add_sample
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.session_view import Tab


def _editable(form) -> list[str]:
    fields = [*form.texts.values(), form.owner, form.review]
    named = [f.objectName() for f in fields if not f.isReadOnly()]
    named += [w.objectName() for w in (form.status, *form.acks.values(), form.save) if w.isEnabled()]
    return named


def test_a_closed_session_s_decision_is_read_only_until_the_session_is_reopened(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    october = add_sample(desk)[1]  # closed, one decision taken
    w = make_window()
    w.select_session(october)
    w.session_view.show_tab(Tab.DECISIONS)
    view = w.session_view.decisions
    decided = next(d for d in desk.decisions.list() if d.session_id == october)
    assert view.select("tension", decided.tension_id)
    form = view.form
    note = form.findChild(QLabel, "decision_closed")
    assert _editable(form) == []
    assert note.isVisibleTo(form) and "closed" in note.text() and "reopen" in note.text()

    assert w.ctx.run(w, cmd.ReopenSession, october, "October", "a late estimate", "Ada")
    assert view.select("tension", decided.tension_id)
    assert "decision_outcome" in _editable(form) and "save_decision" in _editable(form)
    assert not note.isVisibleTo(form)
