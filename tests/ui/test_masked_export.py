"""While the blind scores are hidden, File → Export of the session is off and the window says why."""
from __future__ import annotations

from PySide6.QtCore import Qt

from tension_desk.domain.model import Side
from tension_desk.services.sample import add_sample


def export_state(w) -> set[tuple[bool, str, str]]:
    return {(a.isEnabled(), a.toolTip(), a.statusTip()) for a in w.export_actions.values()}


def hidden(w) -> bool:
    off = export_state(w)
    reason = w.findChild(type(w.saved_label), "export_hidden_label")
    if all(not enabled and "reveal" in tip and tip == status for enabled, tip, status in off):
        assert not reason.isHidden() and "reveal both leaders' scores" in reason.text()
        return True
    assert all(enabled and "reveal" not in tip for enabled, tip, _s in off) and reason.isHidden()
    return False


def test_export_is_off_from_the_first_blind_turn_to_the_reveal(make_window, desk, qtbot, monkeypatch, no_dialogs,
                                                                tmp_path):
    ids = add_sample(desk)
    w = make_window()
    w.select_session(ids[1])  # October: revealed
    assert not hidden(w)
    w.select_session(ids[-1])  # November: both leaders scored blind and are done; the reveal is next
    assert hidden(w)
    bar = w.session_view.matrix.blind_bar
    text = bar.label.text().replace("\u00a0", " ")  # each leader's progress is one unbreakable phrase
    assert "Maya Chen: ✓ done" in text and "Daniel Okafor: ✓ done" in text
    assert bar.reveal.isEnabled()
    out = tmp_path / "out"
    out.mkdir()
    asked = []
    monkeypatch.setattr(no_dialogs, "ask_save_file", staticmethod(lambda *a: asked.append(a) or str(out / "x")))
    w.export_actions["pdf"].trigger()
    assert asked == [] and not list(out.iterdir())  # the menu item and Ctrl+E do nothing

    for side in (Side.PRODUCT, Side.ENGINEERING):
        qtbot.mouseClick(bar.start[side], Qt.MouseButton.LeftButton)
        assert hidden(w)
        qtbot.mouseClick(bar.finish, Qt.MouseButton.LeftButton)
        assert hidden(w)
    qtbot.mouseClick(bar.reveal, Qt.MouseButton.LeftButton)
    assert not hidden(w)
    w.export_actions["md"].trigger()
    assert (out / "x.md").exists()

    qtbot.mouseClick(bar.restart, Qt.MouseButton.LeftButton)  # score blind again: hidden again
    assert hidden(w)
    w.undo_action.trigger()  # undo the restart: revealed again
    assert not hidden(w)
