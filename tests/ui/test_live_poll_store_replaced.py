"""The live refresh's tick that finds the store replaced by a file that is not a store tells the store's one line
itself, once, and raises nothing into the event loop (under pytest-qt an exception there fails the test, as the
app's excepthook would show the unexpected-error dialog when the line could not be told)."""
from __future__ import annotations

from PySide6.QtWidgets import QApplication

from tension_desk.store.engine import store_path


def test_ticks_on_a_replaced_store_tell_one_line_and_raise_nothing(first_frame_window, sample_dir, no_dialogs,
                                                                    monkeypatch):
    w = first_frame_window
    told: list[str] = []
    monkeypatch.setattr(no_dialogs, "show_error", staticmethod(lambda _parent, exc, *a: told.append(str(exc))))
    w.show()
    QApplication.processEvents()
    path = store_path(sample_dir)
    kept = path.read_bytes()
    path.write_bytes(b"not a store " * 400)
    for _ in range(3):
        w.live._poll()  # the timer's ticks while the store is replaced
    QApplication.processEvents()
    assert len(told) == 1 and "could not be used" in told[0] and "\n" not in told[0], told
    path.write_bytes(kept)
    w.live._poll()
    QApplication.processEvents()
    assert len(told) == 1
