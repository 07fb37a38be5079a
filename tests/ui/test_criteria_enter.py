"""Enter in the Scoring criteria dialog closes it, as its Close button is the default: 'Add…' showed as the
default button and Enter opened the new-criterion form."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tension_desk.ui.dialogs.criteria import CriteriaDialog, CriterionDialog


def test_enter_in_the_criteria_dialog_closes_it_and_adds_nothing(make_window, desk, qtbot, monkeypatch):
    w = make_window()
    asked = []
    monkeypatch.setattr(CriterionDialog, "ask", classmethod(lambda cls, *a: asked.append(a)))
    dlg = CriteriaDialog(w.ctx, w)
    dlg.show()
    qtbot.waitExposed(dlg)
    dlg.activateWindow()
    qtbot.waitUntil(dlg.isActiveWindow)
    before = [c.name for c in desk.criteria.list()]
    qtbot.keyClick(dlg.focusWidget() or dlg, Qt.Key.Key_Return)
    assert asked == [] and not dlg.isVisible()
    assert [c.name for c in desk.criteria.list()] == before
