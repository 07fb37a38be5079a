"""A wrapped line breaks between phrases, never inside one: the blind-scoring banner of the sample's November
(both leaders done, the reveal next) at 1280×720 keeps "▲ Daniel Okafor: ✓ done" on one line, and a wrapped
column label keeps a side's marker with its word ("● Product's") and a slash with the word before it; in
presentation mode no label takes more than three lines."""
from __future__ import annotations

from PySide6.QtGui import QTextLayout, QTextOption
from PySide6.QtWidgets import QLabel

from tension_desk.domain.blind import ScoringState
from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import Tab
from tension_desk.ui.widgets.wrap_header import PAD_X, WrapHeader


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


def header_lines(header: WrapHeader, section: int) -> list[str]:
    """The lines a header label wraps into in its section (as WrapHeader paints it)."""
    text = header.label_text(section)
    layout = QTextLayout(text, header.label_font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    lines = []
    layout.beginLayout()
    while (line := layout.createLine()).isValid():
        line.setLineWidth(header.sectionSize(section) - 2 * PAD_X)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return lines


def test_a_wrapped_header_never_leaves_a_sides_marker_alone_on_a_line(make_window, qtbot):
    w = make_window()
    w.resize(1280, 720)
    qtbot.waitUntil(lambda: w.width() == 1280)
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[1])  # October: revealed, so the lens ranking is filled too
    view = w.session_view
    lone = []
    for tab in (Tab.WEIGHTS, Tab.MATRIX):
        view.show_tab(tab)
        qtbot.wait(1)
        for header in view.pages[tab].findChildren(WrapHeader):
            for section in range(header.count()):
                lone += [(header.label_text(section), line) for line in header_lines(header, section)
                         if line in ("●", "▲", "/")]
    assert not lone, f"labels with a line of their own for a side's marker or a slash: {lone}"


def test_presentation_headers_take_at_most_three_lines_and_no_slash_stands_alone(make_window, qtbot):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.ctx.desk.scoring.set_state(ids[-1], ScoringState(product_done=True, engineering_done=True, revealed=True))
    w.refresh_sessions()
    w.select_session(ids[-1])
    w.present_action.trigger()
    pres = w.session_view.presentation
    qtbot.addWidget(pres)
    pres.showNormal()
    pres.resize(1280, 720)
    qtbot.waitUntil(lambda: pres.table.height() > 500)
    pres.apply_zoom()
    header = pres.header
    wrapped = {header.label_text(s): header_lines(header, s) for s in range(header.count())}
    assert "Revenue\u00a0/ retention ×2" in wrapped
    assert all(len(lines) <= 3 for lines in wrapped.values()), wrapped
    assert not any(line in ("/", "●", "▲") for lines in wrapped.values() for line in lines), wrapped
