"""The on-screen heat-map explains its colours, as the PDF does: shown once the scores are revealed."""
from __future__ import annotations

from PySide6.QtGui import QColor

from tension_desk.render.palette import MISSING, cividis
from tension_desk.services.sample import add_sample


def near(c: QColor, target: QColor, tol: int = 6) -> bool:
    return all(abs(a - b) <= tol for a, b in zip(c.getRgb()[:3], target.getRgb()[:3], strict=True))


def test_the_revealed_matrix_shows_a_colour_legend(desk, make_window):
    ids = add_sample(desk)
    w = make_window()
    revealed = next(sid for sid in ids if desk.scoring.state(sid).revealed)
    w.select_session(revealed)
    legend = w.session_view.matrix.legend
    assert legend.isVisibleTo(w.session_view.matrix)
    img = legend.grab().toImage()
    pixels = [img.pixelColor(x, y) for x in range(img.width()) for y in range(img.height())]
    for colour in (cividis(0.0), cividis(1.0), MISSING):  # both ends of the scale, and the missing-score swatch
        assert any(near(p, colour) for p in pixels), colour.name()
    hidden = next((sid for sid in ids if not desk.scoring.state(sid).revealed), None)
    if hidden is not None:
        w.select_session(hidden)
        assert not legend.isVisibleTo(w.session_view.matrix)
