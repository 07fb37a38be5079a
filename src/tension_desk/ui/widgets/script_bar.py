"""The session script in one slim bar: the step list, the countdown (overtime in words and a sign), start or
pause, the next step (F8), and the current step's time box.

The timer is ``domain.script.MeetingTimer`` on an injected clock; a QTimer only repaints it once a second
(tests call ``tick()`` instead). Time spent is saved as the meeting goes (on every step change, on pause,
every ``SAVE_EVERY`` seconds while running, and before the session changes or closes): that is not a user
edit, so it is no undo step. A changed time box is one (``SetStepMinutes``).
"""
from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QSpinBox, QToolButton, QWidget

from tension_desk.domain import limits
from tension_desk.domain.model import Session
from tension_desk.domain.script import MeetingTimer, Step, StepKind, clock_text
from tension_desk.services.types import script_of
from tension_desk.ui import commands as cmd
from tension_desk.ui.closed import is_closed
from tension_desk.ui.context import Context
from tension_desk.ui.errors import show_error
from tension_desk.ui.plain import plain_tip

SAVE_EVERY = 15.0  # seconds of meeting between two saves of the time spent while the clock runs
NEXT_KEY = "F8"
START_KEY = "Shift+F8"
START, PAUSE = "Start", "Pause"  # the clock button's labels (stopped, running)


def step_item_text(index: int, step: Step) -> str:
    """A line of the step list: ``3. Reveal`` (its time box is in the spin box beside it)."""
    return f"{index + 1}. {step.title}"


def step_item_tip(step: Step) -> str:
    spent = clock_text(step.spent_seconds) if step.spent_seconds else "nothing yet"
    return f"{step.title}: time box {step.minutes} min, time spent {spent}"


class ScriptBar(QWidget):
    view_requested = Signal(str)  # the session view's tab that serves the step now current
    changed = Signal()  # the countdown or the step changed (presentation mode mirrors it)

    def __init__(self, ctx: Context, clock: Callable[[], float] = time.monotonic,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("script_bar")
        self.ctx = ctx
        self.clock = clock
        self.session: Session | None = None
        self.timer: MeetingTimer | None = None
        self._saved_at = 0.0
        self._stored: dict[StepKind, int] = {}  # the time spent per step as the store has it (read or saved)
        self.steps = QComboBox()
        self.steps.setObjectName("script_steps")
        self.steps.setAccessibleName("Meeting step")
        self.steps.setToolTip("The meeting's steps; choose one to go to it")
        self.steps.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.steps.addItems([step_item_text(i, Step(k, limits.STEP_MINUTES)) for i, k in enumerate(StepKind)])
        self.steps.setFixedWidth(self.steps.sizeHint().width())  # the longest step as the style draws it, no more
        self.steps.activated.connect(self.go_to)
        self.countdown = QLabel()
        self.countdown.setObjectName("script_countdown")
        self.countdown.setTextFormat(Qt.TextFormat.PlainText)
        self.countdown.setAccessibleName("Time left in this step (a closed session: the time its meeting took)")
        self.countdown.setMinimumWidth(self.countdown.fontMetrics().horizontalAdvance("+0:00:00 over") + 12)
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.minutes = QSpinBox()
        self.minutes.setObjectName("script_minutes")
        self.minutes.setRange(1, limits.STEP_MINUTES)
        self.minutes.setSuffix(" min")
        self.minutes.setAccessibleName("Time box of this step")
        self.minutes.setToolTip("The time box of this step (undoable)")
        self.minutes.setKeyboardTracking(False)
        self.minutes.valueChanged.connect(self._minutes_edited)
        self.start_action = QAction(START, self)
        self.start_action.setObjectName("script_start")
        self.start_action.setShortcut(QKeySequence(START_KEY))
        self.start_action.triggered.connect(self.toggle)
        self.next_action = QAction("Next ▶", self)
        self.next_action.setObjectName("script_next")
        self.next_action.setShortcut(QKeySequence(NEXT_KEY))
        self.next_action.setToolTip(f"On to the next step of the meeting ({NEXT_KEY})")
        self.next_action.triggered.connect(self.next_step)
        start, nxt = QToolButton(), QToolButton()
        start.setDefaultAction(self.start_action)
        nxt.setDefaultAction(self.next_action)
        self.start_button, self.next_button = start, nxt
        # As wide as its widest label as the style draws it: Start → Pause moves nothing beside it.
        widths: list[int] = []
        for label in (PAUSE, START):  # ends on its first label
            self.start_action.setText(label)
            widths.append(start.sizeHint().width())
        start.setFixedWidth(max(widths))
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)  # the whole toolbar fits a 1280 px screen less a window manager's borders
        for w in (self.steps, self.countdown, start, nxt, self.minutes):
            layout.addWidget(w)
        self._ticker = QTimer(self)
        self._ticker.setInterval(1000)
        self._ticker.timeout.connect(self.tick)
        ctx.notifier.script_changed.connect(self._on_script_changed)
        for w in (self.steps, self.minutes):  # hidden without a session, and nothing beside them moves
            keep_place = w.sizePolicy()
            keep_place.setRetainSizeWhenHidden(True)
            w.setSizePolicy(keep_place)
        self.set_session(None)
        self.setFixedWidth(self.sizeHint().width())  # the toolbar never squeezes it, and it never moves

    # -- the session ----------------------------------------------------------------------------------
    def set_session(self, session: Session | None, stored: list[Step] | None = None) -> None:
        """Show ``session``'s script (saving the time spent on the one shown before). The clock starts paused;
        a closed session's script shows its times but does not run. ``stored``: its steps as stored, when
        the caller has read them already."""
        if session is not None and self.session is not None and session.id == self.session.id \
                and self.timer is not None:
            self.session = session
            if is_closed(session):
                self.pause()
            self._refresh()
            return
        self.save()
        self.pause()
        self.session = session
        self.timer = None
        if session is not None:
            if stored is None:
                from tension_desk.services import script  # imports the ORM: not before the desk's first read of it

                steps = script.steps(self.ctx.desk, session.id)
            else:
                steps = script_of(stored)
            self.timer = MeetingTimer(steps, lambda: self.clock())  # tests swap the clock
            self._stored = self.timer.spent()
        self._refresh()

    @property
    def editable(self) -> bool:
        return self.session is not None and not is_closed(self.session)

    # -- the clock ------------------------------------------------------------------------------------
    def toggle(self) -> None:
        if self.timer is None or not self.editable:
            return
        if self.timer.running:
            self.pause()
        else:
            self.timer.start()
            self._saved_at = self.clock()
            self._ticker.start()
            self._refresh()

    def pause(self) -> None:
        self._ticker.stop()
        if self.timer is not None and self.timer.running:
            self.timer.pause()
            self.save()
        self._refresh()

    def tick(self) -> None:
        """Once a second while running: repaint, and now and then save the time spent."""
        if self.timer is not None and self.timer.running and self.clock() - self._saved_at >= SAVE_EVERY:
            self.save()
        self._refresh_countdown()

    def next_step(self) -> None:
        if self.timer is not None and not self.timer.is_last:
            self.go_to(self.timer.current + 1)

    def go_to(self, index: int) -> None:
        """Make step ``index`` current, bring up its view, and save the time spent so far."""
        if self.timer is None:
            return
        self.timer.go_to(index)
        self.save()
        self._refresh()
        self.view_requested.emit(self.timer.step.kind.view)

    def save(self) -> bool:
        """Store the time spent per step (no undo step). A failure says why once and pauses the clock."""
        if self.timer is None or self.session is None or not self.editable:
            return True
        self._saved_at = self.clock()
        spent = self.timer.spent()
        if spent == self._stored:  # nothing to store (a clock that never ran): no need of the ORM on a first frame
            return True
        from tension_desk.services import script  # imports the ORM: not before the desk's first read of it

        try:
            script.save_time_spent(self.ctx.desk, self.session.id, spent)
        except Exception as exc:  # the store refused (disk full…): say it, stop counting what cannot be kept
            self._ticker.stop()
            if self.timer.running:
                self.timer.pause()
            show_error(self.window(), exc)
            self._refresh()
            return False
        self._stored = spent
        return True

    # -- time boxes -----------------------------------------------------------------------------------
    def _minutes_edited(self, minutes: int) -> None:
        if self.timer is None or self.session is None or minutes == self.timer.step.minutes:
            return
        if self.ctx.run(self, cmd.SetStepMinutes, self.session.id, self.timer.step.kind, minutes) is None:
            self._refresh()  # refused: show the time box as it is

    def _on_script_changed(self, session_id: int) -> None:
        if self.timer is None or self.session is None or session_id != self.session.id:
            return
        from tension_desk.services import script  # imports the ORM: not before the desk's first read of it

        stored = {s.kind: s.minutes for s in script.steps(self.ctx.desk, session_id)}
        for i, step in enumerate(self.timer.steps):
            self.timer.set_minutes(i, stored[step.kind])
        self._refresh()

    # -- showing --------------------------------------------------------------------------------------
    def countdown_text(self) -> str:
        """The current step's countdown; a closed session has no meeting running: the time its meeting took."""
        if self.timer is None:
            return ""
        if not self.editable:
            total = sum(self.timer.spent().values())
            return f"{clock_text(total)} spent" if total else "not timed"
        return self.timer.countdown()

    def overtime(self) -> bool:
        return self.timer is not None and self.editable and self.timer.overtime() > 0

    def _refresh(self) -> None:
        t = self.timer
        on = t is not None and self.editable
        for w in (self.steps, self.minutes):
            w.setEnabled(on)
        self.start_action.setEnabled(on)
        self.next_action.setEnabled(on and t is not None and not t.is_last)
        for w in (self.steps, self.minutes):  # no session: no step to choose, no time box to show
            w.setVisible(t is not None)
        if t is None:
            self.steps.clear()
            self.countdown.setText("")
            self.changed.emit()
            return
        self.steps.blockSignals(True)
        self.steps.clear()
        for i, step in enumerate(t.with_spent()):
            self.steps.addItem(step_item_text(i, step))
            self.steps.setItemData(i, step_item_tip(step), Qt.ItemDataRole.ToolTipRole)
        self.steps.setCurrentIndex(t.current)
        self.steps.blockSignals(False)
        self.minutes.blockSignals(True)
        self.minutes.setValue(t.step.minutes)
        self.minutes.blockSignals(False)
        label = PAUSE if t.running else START
        self.start_action.setText(label)
        self.start_action.setToolTip(f"{label} the meeting's clock ({START_KEY})")
        self._refresh_countdown()

    def _refresh_countdown(self) -> None:
        if self.timer is None:
            return
        text = self.countdown_text()
        self.countdown.setText(text)
        if self.editable:
            paused = "" if self.timer.running else " (paused)"
            self.countdown.setToolTip(plain_tip(f"{self.timer.step.title}: {text}{paused}"))
        else:  # the meeting is over: the time spent per step
            self.countdown.setToolTip(plain_tip("Time spent: " + "; ".join(
                f"{s.title} {clock_text(s.spent_seconds)}" for s in self.timer.with_spent())))
        self.countdown.setProperty("overtime", self.overtime())
        self.countdown.style().unpolish(self.countdown)
        self.countdown.style().polish(self.countdown)
        self.changed.emit()
