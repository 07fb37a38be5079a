"""A new session's suggested name is English whatever the locale, as every other date in the app."""
from __future__ import annotations

import datetime as dt
import locale
from types import SimpleNamespace

import pytest

from tension_desk.ui import session_actions
from tension_desk.ui.dialogs.session import SessionDialog


@pytest.fixture
def german_time():
    """LC_TIME set to a locale whose month names are not English; the test is skipped where none is installed."""
    before = locale.setlocale(locale.LC_TIME)
    for name in ("de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"):
        try:
            locale.setlocale(locale.LC_TIME, name)
            break
        except locale.Error:
            continue
    else:
        pytest.skip("no German or French locale installed")
    yield
    locale.setlocale(locale.LC_TIME, before)


class December(dt.date):
    @classmethod
    def today(cls) -> December:
        return cls(2026, 12, 1)


def test_the_suggested_session_name_is_english_under_a_german_locale(make_window, monkeypatch, leaders,
                                                                        german_time):
    assert f"{dt.date(2026, 12, 1):%B}" != "December"  # strftime's %B follows this locale
    monkeypatch.setattr(session_actions, "dt", SimpleNamespace(date=December))
    suggested = []
    monkeypatch.setattr(SessionDialog, "ask", classmethod(
        lambda cls, parent, title, date, prev: suggested.append(title)))  # then cancel
    w = make_window()
    w.ctx.desk.workspace.set_leaders(*leaders)
    w.session_actions.new_session()
    assert suggested == ["December 2026 tension session"]
