"""Opening a session lays out only the tab on screen: the others fit their rows and columns to their text, and the
Decisions tab builds its agenda, once they are shown (issue 15, figure 3). Shown later, a tab holds what it would
have held had it been on screen when the session opened, and its rows and columns fit its text as laid out."""
from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QTableView, QTreeWidgetItem

from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import SessionView, Tab
from tension_desk.ui.widgets.wrap_header import fit_to_words

LAID_OUT = (Tab.PRIORITIES, Tab.TENSIONS, Tab.DECISIONS, Tab.WEIGHTS)


def _cells(table: QTableView) -> tuple[str, ...]:
    model = table.model()
    return tuple(str(model.index(r, c).data()) for r in range(model.rowCount()) for c in range(model.columnCount()))


def _entries(item: QTreeWidgetItem) -> tuple:
    return (item.text(0), tuple(_entries(item.child(i)) for i in range(item.childCount())))


def _content(view: SessionView, tab: Tab) -> tuple:
    """What the tab shows (its text, not where Qt's layout happened to put it)."""
    if tab is Tab.PRIORITIES:
        return tuple(_cells(panel.table) for panel in view.priorities.panels.values())
    if tab is Tab.TENSIONS:
        return _cells(view.tensions.table)
    if tab is Tab.DECISIONS:
        tree = view.decisions.tree
        return (tuple(_entries(tree.topLevelItem(i)) for i in range(tree.topLevelItemCount())),
                view.decisions.current_key(), view.decisions.pages.currentIndex())
    return _cells(view.weights.weights_table), _cells(view.weights.lens_table), view.weights.summary.text()


def _geometry(tables: list[QTableView]) -> list[tuple]:
    return [(tuple(t.rowHeight(r) for r in range(t.model().rowCount())),
             tuple(t.columnWidth(c) for c in range(t.model().columnCount()))) for t in tables]


def _fitted_anew(view: SessionView, tab: Tab) -> tuple[list[tuple], list[tuple]]:
    """The tab's rows and columns as they are, and as fitting them to their text again makes them."""
    if tab is Tab.PRIORITIES:
        tables = [panel.table for panel in view.priorities.panels.values()]
        refit = [panel._fit_rows for panel in view.priorities.panels.values()]
    elif tab is Tab.TENSIONS:
        tables, refit = [view.tensions.table], [view.tensions.table.resizeRowsToContents]
    else:
        tables = [view.weights.weights_table, view.weights.lens_table]
        refit = [lambda: fit_to_words(view.weights.weights_table, 0), lambda: fit_to_words(view.weights.lens_table, 0)]
    before = _geometry(tables)
    for fit in refit:
        fit()
    return before, _geometry(tables)


def _settle() -> None:
    for _ in range(3):
        QApplication.processEvents()  # the views' own delayed layout: what the user then sees


@pytest.fixture
def sample_window(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    ids = add_sample(desk)
    return make_window(), ids


@pytest.mark.parametrize("tab", LAID_OUT, ids=[t.name.lower() for t in LAID_OUT])
def test_a_tab_shown_after_the_session_opened_shows_what_it_would_have_shown_on_screen(sample_window, desk, tab):
    w, ids = sample_window
    view = w.session_view
    carried = next(c.tension.id for c in desk.tensions.agenda(ids[-1]).carried)
    for picked in (None, carried):  # the entry on screen stays so from one session to the next
        seen = {}
        for hidden in (False, True):
            view.show_tab(Tab.DECISIONS)
            w.select_session(ids[-1])
            if picked is not None:
                assert view.decisions.select("tension", picked)
            for sid in [*ids, ids[-1]]:  # every session opened in turn, the newest last
                view.show_tab(Tab.MATRIX if hidden else tab)
                w.select_session(sid)
            view.show_tab(tab)
            _settle()
            seen[hidden] = _content(view, tab)
        assert seen[True] == seen[False]
    assert tab is not Tab.DECISIONS or view.decisions.current_key() == ("tension", carried)


@pytest.mark.parametrize("tab", [Tab.PRIORITIES, Tab.TENSIONS, Tab.WEIGHTS], ids=["priorities", "tensions", "weights"])
@pytest.mark.parametrize("hidden", [False, True], ids=["on-screen", "hidden"])
def test_the_rows_and_columns_of_a_tab_fit_its_text_as_laid_out_once_shown(sample_window, tab, hidden):
    """Each session's rows get their own heights (a long title wraps onto a second line) in the columns' widths as
    they end up on screen, whether the tab showed while the session opened or only later."""
    w, ids = sample_window
    view = w.session_view
    for sid in [*ids, *ids]:
        view.show_tab(Tab.MATRIX if hidden else tab)
        w.select_session(sid)
        view.show_tab(tab)
        _settle()
        before, after = _fitted_anew(view, tab)
        assert before == after


def test_opening_a_session_on_the_matrix_tab_lays_out_no_other_tab(sample_window, monkeypatch):
    """What a tab not on screen is spared until it shows: measuring its rows' text, building the agenda's entries
    (on a five-year store, hundreds of reviews due). Its content is loaded all the same."""
    import tension_desk.ui.widgets.decisions_view as decisions_view
    import tension_desk.ui.widgets.priorities_view as priorities_view
    import tension_desk.ui.widgets.tensions_view as tensions_view
    import tension_desk.ui.widgets.weights_view as weights_view

    w, ids = sample_window
    view = w.session_view
    view.show_tab(Tab.MATRIX)
    _settle()
    # Tabs are built on first use: build them (hidden), and let their own first layout run, before the counters
    # go in (what is counted is what opening sessions does to tabs that are there but not on screen).
    assert view.priorities and view.tensions and view.decisions and view.weights
    _settle()
    calls: list[str] = []

    def counted(name, real):
        def call(*args, **kwargs):
            calls.append(name)
            return real(*args, **kwargs)
        return call

    monkeypatch.setattr(priorities_view, "fit_rows", counted("priority rows", priorities_view.fit_rows))
    monkeypatch.setattr(weights_view, "fit_to_words", counted("weights", weights_view.fit_to_words))
    monkeypatch.setattr(decisions_view, "badged_item", counted("agenda entry", decisions_view.badged_item))
    monkeypatch.setattr(tensions_view._WholeLinesDelegate, "sizeHint",
                        counted("tension row", tensions_view._WholeLinesDelegate.sizeHint))
    for sid in ids:
        w.select_session(sid)
        _settle()
    assert calls == []
    assert view.tensions.model.rowCount() and view.weights.weights.rowCount()
    view.show_tab(Tab.DECISIONS)
    assert "agenda entry" in calls and view.decisions.tree.topLevelItemCount()


@pytest.mark.parametrize("change", ["wider", "narrower", "session list hidden"])
def test_priority_rows_fit_their_titles_again_when_the_window_changed_while_the_tab_was_hidden(sample_window, change):
    """Laid out on screen, then hidden while the window is maximised, narrowed or loses its session list: once
    shown again, each priority row is as tall as its title wraps at the title column's new width (a title that
    wrapped in the narrow window takes one line in the wide one, and the other way round). Until today a hidden
    table's rows kept the heights of the width they were fitted at. (The Tensions and Weights tables size their
    rows from their header, ResizeToContents, and were never off.)"""
    w, ids = sample_window
    view = w.session_view
    w.resize(1600 if change == "narrower" else 1100, 690)
    view.show_tab(Tab.PRIORITIES)
    w.select_session(ids[-1])
    _settle()
    view.show_tab(Tab.MATRIX)
    if change == "session list hidden":
        w.sidebar_action.setChecked(False)
    else:
        w.resize(1600 if change == "wider" else 1100, 690)
    _settle()
    view.show_tab(Tab.PRIORITIES)
    _settle()
    before, after = _fitted_anew(view, Tab.PRIORITIES)
    assert before == after
