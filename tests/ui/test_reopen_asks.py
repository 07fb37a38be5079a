"""Reopening a closed session asks why and who in dialogs that take no blank answer: OK stays disabled while the
answer is blank (a blank reason was taken, the next question asked, and only then refused: 'The reason for
reopening is empty.'), and each dialog is wide enough for its title (the 'Who reopens it?' window was so narrow
the desktop cut its title to 'Reope… ssion')."""
from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLineEdit

from tension_desk.domain.model import SessionStatus
from tension_desk.services.sample import add_sample
from tension_desk.ui import errors

real_ask_text = errors.Prompts.__dict__["ask_text"]  # read before any test's no_dialogs replaces it


def test_reopening_takes_no_blank_reason_or_name_and_reopens_with_both(make_window, desk, leaders, qtbot,
                                                                       monkeypatch):
    desk.workspace.set_leaders(*leaders)
    october = add_sample(desk)[1]  # closed
    monkeypatch.setattr(errors.Prompts, "ask_text", real_ask_text)  # the real dialogs, answered below
    w = make_window()
    w.select_session(october)
    seen: list[tuple[str, bool, bool]] = []  # title, OK enabled when blank, OK enabled once answered
    answers = iter(["a late estimate", "Daniel Okafor"])

    def answer() -> None:
        dlg = QApplication.activeModalWidget()
        if dlg is None or not dlg.isVisible():
            return
        ok = dlg.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
        edit = dlg.findChild(QLineEdit)
        title_room = dlg.width() >= dlg.fontMetrics().horizontalAdvance(dlg.windowTitle()) + 120
        edit.setText("   ")
        blank_ok = ok.isEnabled()
        edit.setText(next(answers))
        seen.append((dlg.windowTitle(), blank_ok, ok.isEnabled() and title_room))
        ok.click()

    timer = QTimer()
    timer.timeout.connect(answer)
    timer.start(10)
    w.status_actions[SessionStatus.LIVE].trigger()
    timer.stop()

    assert seen == [("Reopen session", False, True), ("Reopen session", False, True)]
    s = desk.sessions.get(october)
    assert s.status is SessionStatus.LIVE
