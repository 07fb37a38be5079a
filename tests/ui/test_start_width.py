"""The toolbar's clock button holds its widest label: starting the meeting's clock (Start → Pause) moves
nothing on the toolbar."""
from __future__ import annotations

from tension_desk.services.sample import add_sample
from tension_desk.ui.plain import shown_text
from tension_desk.ui.widgets.script_bar import PAUSE, START


def test_start_and_pause_move_nothing_on_the_toolbar(make_window, qtbot):
    w = make_window()
    w.resize(1280, 720)
    w.show()
    qtbot.waitExposed(w)
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[-1])
    bar = w.session_view.script_bar
    placed = (bar.steps, bar.countdown, bar.start_button, bar.next_button, bar.minutes)

    def geometry():
        return [(x.mapTo(w, x.rect().topLeft()).x(), x.width()) for x in placed]

    assert shown_text(bar.start_action.text()) == START
    before = geometry()
    bar.toggle()
    assert shown_text(bar.start_action.text()) == PAUSE
    w.toolbar().layout().activate()
    bar.layout().activate()
    assert geometry() == before
    for label in (START, PAUSE):  # and each label is whole in it
        bar.start_action.setText(label)
        assert bar.start_button.sizeHint().width() <= bar.start_button.width(), label
