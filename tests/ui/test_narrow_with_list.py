"""A smaller laptop, or a window shared beside notes: with the session list shown, the window goes down to
1100 px wide. It stopped at 1154 because the blind-scoring banner kept its buttons beside its text at any width
(and even there a decision's form scrolled sideways and a title was cut). What sets the minimum now is what the
content needs: the matrix's columns at their least with every title in two lines, and the session list.
At 1100 px, and at the narrowest the window allows, every view of the sample is walked as the layout audit
walks it at 1280×720: nothing cut, nothing scrolling sideways."""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from tension_desk.services.sample import add_sample
from ui.test_layout_audit import every_view

HEIGHT = 690  # a 720 px high screen under a window manager's title bar


@pytest.fixture
def data_dir(monkeypatch):
    """A data dir whose path is as long as a user's ("/home/maya/.local/share/tension-desk", 36 characters;
    this one 48): the status bar shows it whole beside the other messages (a test's tmp_path is ~80)."""
    root = Path(tempfile.mkdtemp())
    d = root / "maya" / ".local" / "share" / "tension-desk"
    monkeypatch.setenv("TENSION_DESK_DATA_DIR", str(d))
    monkeypatch.setenv("XDG_DATA_HOME", str(root / "xdg-data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(root / "xdg-config"))
    yield d
    shutil.rmtree(root, ignore_errors=True)


def with_the_list(make_window):
    w = make_window()
    w.sidebar_action.setChecked(True)
    ids = add_sample(w.ctx.desk)  # through the window's own desk (see test_layout_audit)
    w.refresh_sessions()
    w.select_session(ids[-1])  # November: the banner offers both leaders' turns and the reveal
    return w, ids


def test_with_the_session_list_shown_a_1100_px_window_shows_every_view_whole(make_window, qtbot):
    w, ids = with_the_list(make_window)
    w.resize(1100, HEIGHT)
    qtbot.waitUntil(lambda: (w.width(), w.height()) == (1100, HEIGHT))
    problems = every_view(w, qtbot, ids, "1100×690", whole_matrix=False)
    assert w.sidebar.isVisible() and w.width() == 1100  # no view needed a wider window
    assert not problems, "\n".join(dict.fromkeys(problems))


def test_at_the_narrowest_the_window_allows_nothing_is_cut(make_window, qtbot):
    w, ids = with_the_list(make_window)
    w.resize(600, HEIGHT)  # as narrow as it goes: each view widens it as far as it needs
    qtbot.waitUntil(lambda: w.width() == w.minimumWidth() < 1154)
    problems = every_view(w, qtbot, ids, "narrowest", whole_matrix=False)
    assert w.sidebar.isVisible() and w.width() <= 1100
    assert not problems, "\n".join(dict.fromkeys(problems))
