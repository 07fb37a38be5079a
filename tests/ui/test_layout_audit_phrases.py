"""A wrapped line breaks between phrases, never inside one: the blind-scoring banner of the sample's November
(both leaders done, the reveal next) at 1280×720 keeps "▲ Daniel Okafor: ✓ done" on one line."""
from __future__ import annotations

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from tension_desk.services.sample import add_sample


def shown_lines(label: QLabel) -> list[str]:
    """The lines the label's text breaks into at the label's width (normal spaces for no-break ones)."""
    layout = QTextLayout(label.text(), label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(label.contentsRect().width())
        lines.append(label.text()[line.textStart():line.textStart() + line.textLength()].replace("\u00a0", " "))
    layout.endLayout()
    return lines


def test_the_blind_scoring_banner_keeps_each_leaders_progress_whole(make_window, qtbot):
    w = make_window()
    w.resize(1280, 720)
    qtbot.waitUntil(lambda: w.width() == 1280)
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[-1])
    view = w.session_view
    view.tabs.setCurrentWidget(view.matrix)
    qtbot.wait(1)
    label = view.matrix.blind_bar.label
    lines = shown_lines(label)
    for phrase in ("● Maya Chen: ✓ done", "▲ Daniel Okafor: ✓ done"):
        assert any(phrase in line for line in lines), f"{phrase!r} is broken across the lines {lines}"
