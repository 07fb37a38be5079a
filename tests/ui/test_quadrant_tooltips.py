"""On screen, a name the 2×2 chart had to shorten is whole in the tooltip: over its label, and over its entry
in the key of a crowded chart."""
from __future__ import annotations

from PySide6.QtCore import QPoint
from PySide6.QtWidgets import QToolTip

from tension_desk.render import quadrant
from tension_desk.services.record import build_session_record
from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget


def november_chart(desk, qtbot, width: int, height: int) -> QuadrantWidget:
    sid = add_sample(desk)[-1]
    record = build_session_record(desk, sid)
    chart = QuadrantWidget()
    qtbot.addWidget(chart)
    chart.resize(width, height)
    chart.set_data(quadrant.quadrant_data(record.priorities, record.results, record.session.title))
    chart.show()
    qtbot.waitExposed(chart)
    return chart


def tooltip_at(qtbot, chart: QuadrantWidget, pos: QPoint) -> str:
    QToolTip.hideText()
    qtbot.mouseMove(chart, pos)
    qtbot.waitUntil(QToolTip.isVisible)
    return QToolTip.text()


def test_pointing_at_a_shortened_name_in_the_key_shows_it_whole(desk, qtbot):
    chart = november_chart(desk, qtbot, 576, 416)  # a small pane: numbered markers and a key beside the chart
    lay = quadrant.chart_layout(chart.chart_rect(), chart.data)
    shortened = [e for e in lay.key if e.text != " ".join(e.point.label.split())]
    assert lay.key and shortened
    for entry in shortened:
        tip = tooltip_at(qtbot, chart, entry.rect.center().toPoint())
        assert entry.point.label in tip and entry.point.side.label in tip


def test_pointing_at_a_shortened_label_shows_it_whole(desk, qtbot):
    chart = november_chart(desk, qtbot, 916, 576)  # the chart pane at 1280×720: one name is still cut
    lay = quadrant.chart_layout(chart.chart_rect(), chart.data)
    titles = {p.priority_id: p.label for p in chart.data.points}
    shortened = [label for label in lay.labels if label.text != titles[label.priority_id]]
    assert lay.numbers == {} and shortened
    for label in shortened:
        assert titles[label.priority_id] in tooltip_at(qtbot, chart, label.rect.center().toPoint())
