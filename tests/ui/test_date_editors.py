"""Every date editor writes its date as the rest of the app does (``dates.day``: "1 Dec 2026"), not ISO
("2026-12-01"), with English month names whatever the locale: the new-session dialog, a priority's dates, a
quarter's plan, a decision's review date."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDateEdit, QWidget

from tension_desk.domain import dates
from tension_desk.domain.model import CapacityPlan, PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.ui.dialogs.dates import from_qdate
from tension_desk.ui.dialogs.plan import PlanDialog
from tension_desk.ui.dialogs.priority import PriorityDialog
from tension_desk.ui.dialogs.session import SessionDialog
from tension_desk.ui.widgets.session_view import Tab


@pytest.fixture
def german():
    """Qt's default locale German (Sept., Dez.) while the test runs."""
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    yield
    QLocale.setDefault(before)


def shown_as_on_paper(widget: QWidget) -> list[tuple[str, str]]:
    """(what each date editor of ``widget`` shows, what dates.day writes for its date)."""
    edits = widget.findChildren(QDateEdit)
    assert edits, f"no date editor in {type(widget).__name__}"
    return [(e.text(), dates.day(from_qdate(e.date()))) for e in edits]


@pytest.mark.parametrize("month", range(1, 13))
def test_every_date_editor_of_the_dialogs_shows_its_date_as_the_app_writes_it(qtbot, german, month):
    day = dt.date(2026, month, 1 + month)
    dialogs = [SessionDialog("Tension session", day, None),
               PriorityDialog(PriorityDraft("Faster exports", Side.PRODUCT, idea_date=day,
                                            delivered_date=day + dt.timedelta(days=3))),
               PlanDialog(CapacityPlan("2026-Q4", 40.0, 60.0, 40.0, reviewed_on=day), is_new=False)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        for shown, written in shown_as_on_paper(dialog):
            assert shown == written, type(dialog).__name__  # was '2026-09-10' for '10 Sep 2026'


def test_a_decision_s_review_date_shows_as_the_app_writes_it(make_window, german):
    w = make_window()
    ids = add_sample(w.ctx.desk)
    w.refresh_sessions()
    w.select_session(ids[0])
    w.session_view.show_tab(Tab.DECISIONS)
    tree = w.session_view.decisions.tree
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    form = w.findChild(QDateEdit, "decision_review_date")
    assert form is not None and form.isVisible()
    assert form.text() == dates.day(from_qdate(form.date()))  # was ISO


def test_every_date_editor_is_made_by_the_one_factory():
    """A date editor made elsewhere would write ISO again: only ui/dialogs/dates.date_edit makes one."""
    from pathlib import Path

    import tension_desk

    root = Path(tension_desk.__file__).parent
    makers = [str(p.relative_to(root)) for p in root.rglob("*.py") if "QDateEdit(" in p.read_text(encoding="utf-8")]
    assert makers == ["ui/dialogs/dates.py"]
