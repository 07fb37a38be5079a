"""The session record's 2×2 chart is nearly square on the page, so a crowded chart's numbers find room by their
markers instead of printing over other numbers and markers."""
from __future__ import annotations

import random

from PySide6.QtCore import QRectF

from tension_desk.domain.model import Side
from tension_desk.export.pdf import CHART_ASPECT, _open
from tension_desk.render.quadrant import QuadrantData, QuadrantPoint, chart_layout


def crowded(seed: int) -> QuadrantData:
    """100 priorities as the PDF names them ("#31b", numbered by their matrix rows), values and efforts spread."""
    rng = random.Random(seed)
    sides = (Side.PRODUCT, Side.ENGINEERING)
    return QuadrantData(points=tuple(
        QuadrantPoint(i, f"#{i}b", sides[i % 2], rng.uniform(20, 80), round(rng.uniform(0.5, 15) * 2) / 2, f"{i}b")
        for i in range(1, 101)))


def test_a_crowded_charts_numbers_seldom_print_over_other_numbers_or_markers(qapp):
    page = _open("Chart", "Chart", None)
    width = page.body.width()
    rect = QRectF(0, 0, width, width * CHART_ASPECT)
    covered = 0
    for seed in range(6):
        lay = chart_layout(rect, crowded(seed), device=page.writer)
        assert len(lay.numbers) == 100 and not lay.key
        labels = lay.labels
        covered += sum(a.rect.intersects(b.rect) for i, a in enumerate(labels) for b in labels[i + 1:])
        covered += sum(a.rect.intersects(m) for a in labels for pid, m in lay.markers.items() if pid != a.priority_id)
    assert covered <= 60  # of 600 numbers; 156 on the chart as wide as it was (0.72 of its width high)
    page.painter.end()
