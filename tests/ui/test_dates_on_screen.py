"""Dates on screen read as on paper: one English form ("17 Nov 2026"), never ISO ("2026-11-17"); ISO stays in
JSON and CSV."""
from __future__ import annotations

import re

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QLabel, QWidget

from tension_desk.services.sample import add_sample
from tension_desk.ui.widgets.session_view import Tab

ISO = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")


def texts(window: QWidget) -> list[str]:
    """Every text a user can read in the window: labels, tooltips, and every cell and tooltip of every list,
    table and tree."""
    out = [window.windowTitle()]
    for w in window.findChildren(QWidget):
        if not w.isVisible():
            continue
        out.append(w.toolTip())
        if isinstance(w, QLabel):
            out.append(w.text())
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            model = w.model()

            def walk(parent: QModelIndex, model=model) -> None:
                for r in range(model.rowCount(parent)):
                    for c in range(model.columnCount(parent)):
                        i = model.index(r, c, parent)
                        for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                            value = i.data(role)
                            if isinstance(value, str):
                                out.append(value)
                    walk(model.index(r, 0, parent))

            walk(QModelIndex())
    return out


def iso_dates(window: QWidget, where: str) -> list[str]:
    return [f"{where}: {t!r}" for t in texts(window) if t and ISO.search(t)]


def test_no_view_of_the_sample_shows_an_iso_date(make_window, qtbot):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    problems: list[str] = []
    for sid in ids:
        w.select_session(sid)
        view = w.session_view
        for i in range(view.tabs.count()):
            view.tabs.setCurrentIndex(i)
            qtbot.wait(1)
            where = f"{view.session.title} / {view.tabs.tabText(i).replace('&', '')}"
            problems += iso_dates(w, where)
            if view.tabs.currentWidget() is view.pages[Tab.DECISIONS]:  # every entry of the agenda, its form shown
                tree = view.decisions.tree
                for top in range(tree.topLevelItemCount()):
                    parent = tree.topLevelItem(top)
                    for c in range(parent.childCount()):
                        tree.setCurrentItem(parent.child(c))
                        qtbot.wait(1)
                        problems += iso_dates(w, f"{where} / {parent.child(c).text(0)[:30]}")
    w.show_decision_log()
    problems += iso_dates(w, "decision log")
    w.show_review()
    review = w.review_view.review
    for i in range(review.quarter.count()):
        review.quarter.setCurrentIndex(i)
        problems += iso_dates(w, f"review {review.quarter.currentText()}")
    assert not problems, "\n".join(dict.fromkeys(problems))
