"""Help → Keyboard shortcuts says every key in the words a user reads: a blind-scoring key says what its button
shows, never an object name."""
from __future__ import annotations

import re

from PySide6.QtCore import QCoreApplication, QEvent

from tension_desk.services.sample import add_sample
from tension_desk.ui.dialogs.about import key_rows
from tension_desk.ui.plain import shown_text
from tension_desk.ui.widgets.matrix_view import BLIND_KEYS


def test_every_shortcut_is_listed_in_words_and_a_blind_key_as_its_button_says(make_window):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[0])
    bar = w.session_view.matrix.blind_bar
    for row in key_rows(w):
        assert not re.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)+", row.what), row  # no object name
        assert "_" not in row.what, row
    listed = {row.keys: row.what for row in key_rows(w)}
    for name, key in BLIND_KEYS.items():
        assert listed[key] == shown_text(bar.pressed[name].text()).strip(), (key, listed[key])
        assert bar.keys[name].text() == bar.pressed[name].text()  # the action itself says it, for every reader
    assert listed[BLIND_KEYS["finish"]] == "Done scoring — hide my scores"


def test_the_presentation_windows_keys_are_listed_under_presentation_mode(make_window):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[0])
    listed = {(row.keys, row.what) for row in key_rows(w) if row.where == "Presentation mode"}
    assert {("Esc, F11", "Exit presentation mode"), ("C", "Show the 2×2 chart or the matrix"),
            ("F9", "Reveal the scores")} <= listed
    assert any(what == "Larger" and "Ctrl+=" in keys for keys, what in listed)
    assert any(what == "Smaller" and "Ctrl+-" in keys for keys, what in listed)
    assert w.session_view.presentation is None  # the one read for the list is not shown, and it is gone:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    model = w.session_view.matrix.model
    model.dataChanged.emit(model.index(0, 0), model.index(0, 0))  # a score typed after: nothing calls it

    w.session_view.present()  # an open one: each of its keys says what it does
    shown = w.session_view.presentation
    keyed = [a for a in shown.actions() if not all(k.isEmpty() for k in a.shortcuts())]
    assert keyed and all(shown_text(a.text()).strip() for a in keyed)
    assert {(r.keys, r.what) for r in key_rows(w) if r.where == "Presentation mode"} == listed
    shown.close()


def test_every_key_listed_is_a_key_combination_never_a_keyboards_own_command_key(make_window):
    """Undo's and Redo's standard keys include the "Redo" key some keyboards have: listed, it read as a word among
    the keys ("Ctrl+Shift+Z, Redo, Ctrl+Y")."""
    w = make_window()
    listed = {row.what: row.keys for row in key_rows(w)}
    assert "Ctrl+Z" in listed["Undo"] and "Ctrl+Y" in listed["Redo"]
    for row in key_rows(w):
        for key in row.keys.split(", "):
            assert re.fullmatch(r"((Ctrl|Shift|Alt|Meta)\+)*([A-Z0-9]|F\d+|Esc|Del|Ins|Space|Return|Enter|Tab|"
                                r"Backspace|Home|End|PgUp|PgDown|Up|Down|Left|Right|[^\w\s]|\+)", key), row
