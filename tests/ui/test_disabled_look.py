"""A control that is off looks off: the style sheet greys the text of a disabled choice box, number box and the
script's countdown, as it does buttons (a closed session's 'Scoring as', agenda and time boxes looked live)."""
from __future__ import annotations

from PySide6.QtGui import QImage


def picture(widget) -> QImage:
    return widget.grab().toImage()


def test_a_disabled_choice_number_box_and_countdown_look_unlike_enabled_ones(make_window):
    from tension_desk.services.sample import add_sample

    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[-1])
    w.session_view.tabs.setCurrentWidget(w.session_view.matrix)  # its 'Scoring as' laid out as on screen
    script = w.session_view.script_bar
    script.countdown.setText("05:00 left")
    for widget in (w.session_view.matrix.scoring_as, script.steps, script.minutes, script.countdown):
        widget.setEnabled(True)
        on = picture(widget)
        widget.setEnabled(False)
        off = picture(widget)
        assert on != off, widget.objectName()
