"""The window opens where it was closed: the place saved is the place restored, with the same reference (the
client area, below the title bar), so a window with a frame does not creep down by its title bar each launch.
The offscreen platform gives windows a frame of a few pixels, enough to tell frame from client area. Its screen
(800 px wide) is narrower than the window's minimum, which a relaunch puts at the screen's left edge: the window is
closed there, as narrow as it goes, so that the place saved fits the screen (one that does not is brought onto it,
tests/ui/test_window_fits.py)."""
from __future__ import annotations

from PySide6.QtCore import QPoint, QSize


def test_a_window_relaunched_three_times_opens_exactly_where_it_was_closed(make_window):
    w = make_window()
    w.resize(QSize(w.minimumWidth(), 640))
    w.move(QPoint(0, 30))
    assert w.frameGeometry() != w.geometry()  # the window has a frame: the two references differ
    closed_at = w.geometry()
    w.close()
    for _ in range(3):
        again = make_window()
        assert again.geometry() == closed_at  # was 2 px lower and righter on each launch
        again.close()
