"""A decision form names each priority with its status and effort, '(Proposed · 7 wk)'; wrapped in a narrow
pane that phrase moves to the next line whole: the effort's number and unit were split, '7' ending one line and
'wk' alone on the next (the sample's November 'Retire the legacy reporting service' at 1280 px)."""
from __future__ import annotations

from PySide6.QtGui import QTextLayout
from PySide6.QtWidgets import QLabel

from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import Tab


def _lines(label: QLabel, width: int) -> list[str]:
    text = label.text()
    layout = QTextLayout(text, label.font())
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def test_a_priority_s_status_and_effort_wrap_as_one_phrase(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    november = add_sample(desk)[-1]
    w = make_window()
    w.select_session(november)
    w.session_view.show_tab(Tab.DECISIONS)
    view = w.session_view.decisions
    tension = next(t for t in desk.tensions.of_session(november) if "legacy reporting" in t.statement)
    assert view.select("tension", tension.id)
    label = next(lb for lb in view.form.priorities_box.findChildren(QLabel) if "legacy reporting" in lb.text())
    full = label.fontMetrics().horizontalAdvance(label.text())
    for cut in range(20, 200, 4):  # every width that wraps the end of the line
        last = _lines(label, full - cut)[-1].replace("\u00a0", " ")
        assert last.endswith("(Proposed · 7 wk)"), (full - cut, last)
