"""The session script on screen: the countdown in the toolbar and in presentation mode, F8 to the next step
and its view, time boxes undoable, time spent kept and printed. The clock is a fake one, moved by hand."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from tension_desk.domain.model import SessionStatus
from tension_desk.domain.script import StepKind
from tension_desk.export.documents import session_document
from tension_desk.services import script
from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import Tab


class FakeClock:
    def __init__(self):
        self.now = 5000.0

    def __call__(self) -> float:
        return self.now


def open_november(make_window, desk, qtbot):
    ids = add_sample(desk)
    w = make_window()
    w.resize(1280, 720)  # the shared screen
    w.select_session(ids[-1])
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)  # keys go to the active window
    clock = FakeClock()
    bar = w.session_view.script_bar
    bar.clock = clock
    return w, bar, clock, ids[-1]


def press(qtbot, w, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    """Press ``key`` on the focused widget of the window, as a user would."""
    qtbot.keyClick(w.focusWidget() or w, key, modifier)


def spent(desk, sid) -> dict:
    return {s.kind: s.spent_seconds for s in script.steps(desk, sid)}


def test_the_meeting_runs_step_by_step_with_a_countdown_and_f8(make_window, desk, qtbot):
    w, bar, clock, sid = open_november(make_window, desk, qtbot)
    assert bar.isVisible()
    assert bar.steps.count() == 7
    assert bar.steps.currentText() == "1. Review carried-over items"
    assert bar.minutes.value() == 5
    assert bar.countdown.text() == "05:00 left"
    press(qtbot, w, Qt.Key.Key_F8, Qt.KeyboardModifier.ShiftModifier)  # start the clock
    assert bar.timer.running and bar.start_action.text() == "Pause"
    clock.now += 433
    bar.tick()
    assert bar.countdown.text() == "+02:13 over"
    assert bar.countdown.property("overtime") is True
    press(qtbot, w, Qt.Key.Key_F8)  # next step: blind scores, on the matrix
    assert bar.steps.currentText() == "2. Blind scores"
    assert bar.countdown.text() == "10:00 left"
    assert bar.countdown.property("overtime") is False
    assert w.session_view.tabs.currentWidget() is w.session_view.pages[Tab.MATRIX]
    assert spent(desk, sid)[StepKind.CARRIED] == 433  # saved as the step changed
    assert w.ctx.undo_stack.count() == 0  # the clock is not an edit
    for _ in range(4):  # reveal, top disagreements, decide: the decisions tab, capacity check: the capacity tab
        press(qtbot, w, Qt.Key.Key_F8)
    assert bar.timer.step.kind is StepKind.CAPACITY
    assert w.session_view.tabs.currentWidget() is w.session_view.pages[Tab.CAPACITY]
    bar.go_to(0)  # choosing a step in the list goes back to it
    assert w.session_view.tabs.currentWidget() is w.session_view.pages[Tab.DECISIONS]


def test_time_spent_is_saved_while_the_clock_runs_and_kept_across_a_relaunch(make_window, desk, qtbot):
    _w, bar, clock, sid = open_november(make_window, desk, qtbot)
    bar.toggle()
    clock.now += 20
    bar.tick()  # past the save interval: stored without waiting for a step change
    assert spent(desk, sid)[StepKind.CARRIED] == 20
    bar.next_step()
    clock.now += 70
    bar.toggle()  # pause: saved
    assert spent(desk, sid)[StepKind.BLIND] == 70
    clock.now += 600
    bar.tick()
    assert bar.countdown.text() == "08:50 left"  # paused: nothing more counted
    again = make_window()
    again.select_session(sid)
    bar2 = again.session_view.script_bar
    assert bar2.timer.step.kind is StepKind.BLIND  # picks up where the meeting was
    assert bar2.steps.itemData(0, Qt.ItemDataRole.ToolTipRole) == ("Review carried-over items: time box 5 min, "
                                                                  "time spent 00:20")
    assert bar2.countdown.text() == "08:50 left"


def test_a_time_box_is_edited_per_session_and_undone(make_window, desk, qtbot):
    w, bar, _clock, sid = open_november(make_window, desk, qtbot)
    bar.next_step()
    bar.minutes.setValue(11)
    bar.minutes.setValue(12)  # stepping through values is one edit
    assert w.ctx.undo_stack.count() == 1
    assert w.ctx.undo_stack.undoText() == "Set the time box of Blind scores to 12 min"
    assert {s.kind: s.minutes for s in script.steps(desk, sid)}[StepKind.BLIND] == 12
    assert bar.countdown.text() == "12:00 left"
    assert bar.minutes.value() == 12
    w.ctx.undo(w)
    assert {s.kind: s.minutes for s in script.steps(desk, sid)}[StepKind.BLIND] == 10
    assert bar.countdown.text() == "10:00 left"
    assert bar.minutes.value() == 10


def test_closing_the_meeting_prints_its_time_in_the_record_and_stops_the_clock(make_window, desk, qtbot):
    w, bar, clock, sid = open_november(make_window, desk, qtbot)
    bar.toggle()
    clock.now += 200
    bar.next_step()
    clock.now += 725  # still running when the session is closed
    w.status_actions[SessionStatus.CLOSED].trigger()
    assert not bar.timer.running
    assert not bar.next_action.isEnabled() and not bar.minutes.isEnabled()
    md = session_document(desk, sid, "md").decode()
    assert "## Meeting time" in md
    assert "| Review carried-over items | 5 min | 03:20 | 01:40 under |" in md
    assert "| Blind scores | 10 min | 12:05 | +02:05 over |" in md


def test_presentation_mode_shows_the_countdown_and_f8_moves_on_there(make_window, desk, qtbot):
    w, bar, clock, _sid = open_november(make_window, desk, qtbot)
    bar.toggle()
    clock.now += 310
    bar.tick()
    w.session_view.present()
    shown = w.session_view.presentation
    qtbot.waitExposed(shown)
    assert shown.countdown.text() == "Review carried-over items · +00:10 over"
    assert shown.countdown.property("overtime") is True
    shown.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is shown)
    press(qtbot, shown, Qt.Key.Key_F8)
    assert shown.countdown.text() == "Blind scores · 10:00 left"
    shown.close()


def test_the_bar_fits_the_toolbar_at_1280_by_720(make_window, desk, qtbot):
    w, bar, _clock, _sid = open_november(make_window, desk, qtbot)
    w.resize(1278, 690)  # a 1280×720 screen under a window manager: its borders and title bar take their share
    qtbot.waitUntil(lambda: (w.width(), w.height()) == (1278, 690))
    w.layout().activate()
    assert bar.isVisible()
    assert bar.width() >= bar.sizeHint().width()
    assert bar.mapTo(w, bar.rect().topRight()).x() <= w.width()
    for child in (bar.steps, bar.countdown, bar.start_button, bar.next_button, bar.minutes):
        assert child.isVisible() and child.width() >= child.minimumSizeHint().width(), child.objectName()


def test_without_a_session_there_is_no_step_or_time_box_to_edit(make_window, desk, qtbot):
    w = make_window()
    # the meeting laptop's client area; on the 800×600 offscreen screen the window opens at its minimum width
    w.resize(1278, 690)
    qtbot.waitUntil(lambda: w.width() == 1278)
    bar = w.session_view.script_bar
    assert bar.isVisible() and not bar.minutes.isVisible() and not bar.steps.isVisible()  # no session, no step
    x = bar.next_button.mapTo(w, bar.next_button.rect().topLeft()).x()
    ids = add_sample(desk)
    w.refresh_sessions()
    w.select_session(ids[-1])
    assert bar.minutes.isVisible() and bar.minutes.value() == 5 and bar.steps.isVisible()
    assert bar.next_button.mapTo(w, bar.next_button.rect().topLeft()).x() == x  # nothing in the toolbar moved


def test_a_closed_session_shows_the_time_its_meeting_took_not_a_countdown(make_window, desk, qtbot):
    w, bar, clock, _sid = open_november(make_window, desk, qtbot)
    bar.toggle()
    clock.now += 200
    bar.next_step()
    clock.now += 725
    w.status_actions[SessionStatus.CLOSED].trigger()
    assert bar.countdown.text() == "15:25 spent"  # 03:20 + 12:05, no clock running on a closed session
    assert "Review carried-over items 03:20" in bar.countdown.toolTip()
    assert "Blind scores 12:05" in bar.countdown.toolTip()
    assert bar.countdown.property("overtime") is False  # 12:05 of 10 min: over, but the meeting is over too
    w.session_view.present()
    shown = w.session_view.presentation
    qtbot.waitExposed(shown)
    assert shown.countdown.text() == ""
    shown.close()
    september = next(s.id for s in desk.sessions.list() if s.title.startswith("September"))
    w.select_session(september)  # closed, never timed
    assert bar.countdown.text() == "not timed"
