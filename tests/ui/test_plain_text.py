"""User text is shown as plain text everywhere: markup in a title, a name or a note is never rendered.

Every user field is filled with markup that would make Qt open and paint a local file; then every view of
the window (and presentation mode) is opened and every label and every item tooltip is checked.
"""
from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QAbstractListModel, QAbstractTableModel, QEvent, QModelIndex, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtGui import Qt as GuiQt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLabel, QToolTip, QWidget

from tension_desk.domain.model import Leader, PriorityDraft, SessionStatus, Side
from tension_desk.render.quadrant import QuadrantData, QuadrantPoint, point_position
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.sample import add_sample
from tension_desk.services.sealing import reopen_session
from tension_desk.ui import commands as cmd
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget

RAW = '<img src="file:///etc/passwd">'


def markup(n: int) -> str:
    return f'{RAW}<b>x{n}</b>'


def fill_every_user_field_with_markup(desk) -> None:
    counter = iter(range(10_000))
    desk.workspace.set_leaders(Leader(Side.PRODUCT, markup(next(counter)), markup(next(counter))),
                     Leader(Side.ENGINEERING, markup(next(counter)), markup(next(counter))))
    for c in desk.criteria.list():
        desk.criteria.update(replace(c, name=markup(next(counter))[:40], description=markup(next(counter))))
    for plan in desk.capacity.plans():
        desk.capacity.set_plan(plan.quarter, plan.total_weeks, plan.product_share, plan.engineering_share,
                               markup(next(counter)), None, markup(next(counter)))
    for s in desk.sessions.list():
        status = s.status
        if status is SessionStatus.CLOSED:
            reopen_session(desk, s.id, markup(next(counter)), markup(next(counter))[:40])
        for p in desk.priorities.agenda(s.id):
            desk.priorities.update(p.id, replace(PriorityDraft.of(p), title=markup(next(counter)),
                                               description=markup(next(counter)),
                                               link=f"https://example.com/{markup(next(counter))}"))
        for t in desk.tensions.of_session(s.id):
            desk.tensions.update(t.id, markup(next(counter)), t.priority_ids, t.status)
        for d in desk.decisions.list(s.id):
            desk.decisions.update(d.id, replace(DecisionDraft.of(d), **{
                f: markup(next(counter)) for f in ("outcome", "context", "options", "rationale", "tradeoffs",
                                                   "cost_of_not", "success_signal", "owner")}))
        desk.sessions.update(s.id, title=markup(next(counter)), notes=markup(next(counter)), status=status)


FLAT = (QAbstractListModel, QAbstractTableModel)


def columns(model, parent=QModelIndex()) -> int:
    return 1 if isinstance(model, QAbstractListModel) else model.columnCount(parent)


def rows(model, parent=QModelIndex()):
    for r in range(model.rowCount(parent)):
        for c in range(columns(model, parent)):
            index = model.index(r, c, parent)
            yield index
            if c == 0 and not isinstance(model, FLAT) and model.rowCount(index):
                yield from rows(model, index)


class Inspector:
    """Walks what is on screen; counts user text seen, and lists any that Qt would render as markup."""

    def __init__(self):
        self.problems: set[str] = set()
        self.labels_seen = 0
        self.tips_seen = 0

    def tip(self, where: str, tip) -> None:
        if isinstance(tip, str) and "x" in tip and ("&lt;img" in tip or RAW in tip):
            self.tips_seen += 1
            if GuiQt.mightBeRichText(tip) and RAW in tip:
                self.problems.add(f"tooltip of {where}: {tip[:80]!r}")

    def walk(self, *tops: QWidget) -> None:
        for top in tops:
            for label in [top, *top.findChildren(QWidget)]:
                self.tip(f"widget {label.objectName() or type(label).__name__}", label.toolTip())
            for label in top.findChildren(QLabel):
                if RAW in label.text():
                    self.labels_seen += 1
                    if label.textFormat() != Qt.TextFormat.PlainText:
                        self.problems.add(f"label {label.objectName() or '(unnamed)'}: {label.text()[:80]!r}")
            for view in top.findChildren(QAbstractItemView):
                model = view.model()
                if model is None:
                    continue
                name = view.objectName() or type(view).__name__
                for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
                    count = (columns(model) if orientation == Qt.Orientation.Horizontal
                             else model.rowCount(QModelIndex()))
                    for section in range(count):
                        self.tip(f"{name} header {section}", model.headerData(section, orientation,
                                                                               Qt.ItemDataRole.ToolTipRole))
                for index in rows(model):
                    self.tip(f"{name} ({index.row()}, {index.column()})", index.data(Qt.ItemDataRole.ToolTipRole))


def test_markup_in_every_user_field_is_shown_as_plain_text(make_window, desk, qtbot):
    ids = add_sample(desk)
    fill_every_user_field_with_markup(desk)
    w = make_window()
    w.select_session(ids[-1])  # an edit whose name (in Undo's tooltip) holds user text
    w.ctx.run(w, cmd.AddPriorities, ids[-1], [PriorityDraft(markup(-1), Side.PRODUCT)])
    seen = Inspector()
    seen.walk(w)
    for sid in ids:
        w.select_session(sid)
        view = w.session_view
        for tab in range(view.tabs.count()):
            view.tabs.setCurrentIndex(tab)
            seen.walk(w)
        decisions = view.decisions
        for i in range(decisions.tree.topLevelItemCount()):
            head = decisions.tree.topLevelItem(i)
            for j in range(head.childCount()):
                decisions.select(*head.child(j).data(0, Qt.ItemDataRole.UserRole))
                seen.walk(w)
        view.matrix.discuss_next()
        w.present_action.trigger()
        assert view.presentation is not None
        seen.walk(w, view.presentation)
        view.presentation.toggle_page()
        seen.walk(view.presentation)
        view.presentation.close()
    w.show_decision_log()
    seen.walk(w)
    w.show_review()
    seen.walk(w)

    assert not seen.problems, "\n".join(sorted(seen.problems))
    assert seen.labels_seen >= 10 and seen.tips_seen >= 50  # the walk did reach the user's text


def test_hovering_a_point_of_the_chart_shows_its_title_as_plain_text(qtbot):
    chart = QuadrantWidget()
    qtbot.addWidget(chart)
    point = QuadrantPoint(7, markup(1), Side.PRODUCT, 80.0, 3.0)
    chart.set_data(QuadrantData(points=(point,), effort_split=10.0))
    chart.resize(600, 450)
    chart.show()
    qtbot.waitExposed(chart)
    at = point_position(chart.chart_rect(), chart.data, point, device=chart)
    QApplication.sendEvent(chart, QMouseEvent(QEvent.Type.MouseMove, at, chart.mapToGlobal(at),
                                              Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
                                              Qt.KeyboardModifier.NoModifier))
    seen = Inspector()
    seen.tip("the chart's point", QToolTip.text())
    assert seen.tips_seen == 1  # the hover did show the point's title
    assert not seen.problems, seen.problems
    QToolTip.hideText()
