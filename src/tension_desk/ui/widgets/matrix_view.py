"""The Matrix view: blind scoring turns, the reveal, the heat-map, "Discuss next", and rank stability."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRectF, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QColor, QFont, QKeyEvent, QKeySequence, QPen
from PySide6.QtWidgets import (
    QAbstractItemView, QComboBox, QFrame, QHBoxLayout, QHeaderView, QLabel, QPushButton, QSpinBox,
    QStyle, QStyledItemDelegate, QTableView, QVBoxLayout, QWidget,
)

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Leader, Side
from tension_desk.render.heatmap import paint_cell
from tension_desk.ui.models.matrix import COL_RANK, COL_TITLE, CellRole, MatrixModel, TurnRole
from tension_desk.ui.models.roles import SortRole
from tension_desk.ui.plain import plain_label


class ScoreDelegate(QStyledItemDelegate):
    """Paints a criterion cell: both leaders' scores over the divergence heat colour."""

    def paint(self, painter, option, index) -> None:
        cell = index.data(CellRole)
        if cell is None:
            super().paint(painter, option, index)
            return
        painter.save()
        turn = index.data(TurnRole)
        if turn is not None:  # a masked turn: only the scoring leader's value, nothing of the other
            turn = Side(turn)
            value = cell.product if turn is Side.PRODUCT else cell.engineering
            painter.fillRect(option.rect, QColor("#FFFFFF"))
            painter.setPen(QColor("#1D232B") if value is not None else QColor("#A9B1BC"))
            font = QFont(option.font)
            font.setBold(value is not None)
            painter.setFont(font)
            painter.drawText(option.rect, Qt.AlignmentFlag.AlignCenter,
                             f"{turn.short} {value}" if value is not None else f"{turn.short} ·")
        else:
            masked = cell.product is None and cell.engineering is None and index.data() == "•"
            paint_cell(painter, QRectF(option.rect), cell, option.font, masked=masked)
        if option.state & (QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected):
            pen = QPen(QColor("#E8590C"))
            pen.setWidth(3)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
        painter.restore()


class MatrixTable(QTableView):
    """Keyboard scoring: a digit scores the current cell and moves right; Delete clears."""

    score_entered = Signal(QModelIndex, object)  # proxy index, value (int or None)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        index = self.currentIndex()
        text = event.text()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if index.isValid() and mods == Qt.KeyboardModifier.NoModifier:
            if len(text) == 1 and text.isdigit():
                self.score_entered.emit(index, int(text))
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
                self.score_entered.emit(index, None)
                return
        super().keyPressEvent(event)


class BlindBar(QFrame):
    """The scoring turn: who is scoring, done, reveal — told in words and markers, not only colour."""

    start_requested = Signal(object)  # Side
    finish_requested = Signal()
    reveal_requested = Signal()
    restart_requested = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("blind_bar")
        self.label = plain_label(name="blind_label", word_wrap=True)
        self.start = {side: QPushButton() for side in Side}
        for side, b in self.start.items():
            b.setObjectName(f"start_{side.value}")
            b.clicked.connect(lambda _=False, s=side: self.start_requested.emit(s))
        self.finish = QPushButton("Done scoring — hide my scores")
        self.finish.setObjectName("finish_turn")
        self.finish.clicked.connect(self.finish_requested)
        self.reveal = QPushButton("Reveal both leaders' scores")
        self.reveal.setObjectName("reveal")
        self.reveal.clicked.connect(self.reveal_requested)
        self.restart = QPushButton("Score blind again")
        self.restart.setObjectName("restart_blind")
        self.restart.clicked.connect(self.restart_requested)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 8, 12, 8)
        row.addWidget(self.label, 1)
        for w in (*self.start.values(), self.finish, self.reveal, self.restart):
            row.addWidget(w)

    def set_state(self, state: ScoringState, leaders: dict[Side, Leader]) -> None:
        def who(side):
            leader = leaders.get(side)
            return f"{side.marker} {leader.display if leader else side.label}"

        self.setProperty("mode", "revealed" if state.revealed else ("turn" if state.turn else "blind"))
        self.style().unpolish(self)
        self.style().polish(self)
        for side, b in self.start.items():
            done = state.done(side)
            b.setText(f"{who(side)} scores" + (" again" if done else ""))
            b.setVisible(not state.revealed and state.turn is None)
        self.finish.setVisible(state.turn is not None)
        self.reveal.setVisible(not state.revealed and state.turn is None)
        self.reveal.setEnabled(state.can_reveal)
        self.restart.setVisible(state.revealed)
        if state.revealed:
            self.label.setText("Scores revealed. Darker cells: the leaders agree; brighter: they disagree.")
        elif state.turn is not None:
            other = state.turn.other
            self.label.setText(f"{who(state.turn)} is scoring. {who(other)}'s scores are hidden. "
                               "Type 0–5 in a cell; Delete clears; arrows and Tab move.")
        else:
            ticks = "  ".join(f"{who(s)}: {'✓ done' if state.done(s) else 'not yet'}" for s in Side)
            self.label.setText(f"Blind scoring. Each leader scores in turn, unseen by the other. {ticks}")


class MatrixView(QWidget):
    """The matrix tab. Emits requests; the session view turns them into commands."""

    score_requested = Signal(int, int, object, object)  # priority id, criterion id, role, value
    status_requested = Signal(int, str)  # priority id, new status (accepted / deferred / proposed)
    state_requested = Signal(object, str)  # new ScoringState, undo text
    top_n_changed = Signal(int)

    def __init__(self, parent=None):
        super().__init__(parent)
        self.model = MatrixModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setDynamicSortFilter(False)
        self.state = ScoringState()
        self.leaders: dict[Side, Leader] = {}
        self._discuss_pos = -1

        self.blind_bar = BlindBar()
        self.blind_bar.start_requested.connect(lambda s: self._request(self.state.start_turn(s), f"{s.label} leader scores"))
        self.blind_bar.finish_requested.connect(lambda: self._request(self.state.finish_turn(), "Finish scoring turn"))
        self.blind_bar.reveal_requested.connect(lambda: self._request(self.state.reveal(), "Reveal scores"))
        self.blind_bar.restart_requested.connect(lambda: self._request(self.state.restart(), "Score blind again"))

        self.table = MatrixTable()
        self.table.setObjectName("matrix_table")
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ScoreDelegate(self.table))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setAccessibleName("Scoring matrix")
        self.table.score_entered.connect(self._on_score_entered)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.status_actions = {}
        for status, text, key in (("accepted", "Accept for the session's quarter", "Ctrl+Shift+A"),
                                  ("deferred", "Defer", "Ctrl+Shift+F"), ("proposed", "Back to proposed", None)):
            action = QAction(text, self.table)
            if key:
                action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(lambda _=False, st=status: self._request_status(st))
            self.table.addAction(action)
            self.status_actions[status] = action
        header = self.table.horizontalHeader()
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        header.setMinimumHeight(78)

        self.scoring_as = QComboBox()
        self.scoring_as.setObjectName("scoring_as")
        self.scoring_as.setAccessibleName("Scoring as")
        for side in Side:
            self.scoring_as.addItem(f"{side.marker} {side.label}", side.value)
        self.discuss = QPushButton("Discuss next ▶")
        self.discuss.setObjectName("discuss_next")
        self.discuss.setShortcut("Ctrl+D")
        self.discuss.setToolTip("Step through the priorities from the largest disagreement down (Ctrl+D)")
        self.discuss.clicked.connect(self.discuss_next)
        self.discuss_label = plain_label(name="discuss_label")
        self.progress = plain_label(name="progress_label")
        tools = QHBoxLayout()
        self.scoring_as_label = QLabel("Scoring as")
        self.scoring_as_label.setBuddy(self.scoring_as)
        tools.addWidget(self.scoring_as_label)
        tools.addWidget(self.scoring_as)
        tools.addWidget(self.progress)
        tools.addStretch(1)
        tools.addWidget(self.discuss_label)
        tools.addWidget(self.discuss)

        self.stability = plain_label(name="stability_label", word_wrap=True)
        self.top_n = QSpinBox()
        self.top_n.setObjectName("top_n")
        self.top_n.setRange(1, 20)
        self.top_n.setValue(5)
        self.top_n.setPrefix("Top ")
        self.top_n.setAccessibleName("Top N for rank stability")
        self.top_n.valueChanged.connect(self.top_n_changed)
        stab_row = QHBoxLayout()
        stab_row.addWidget(QLabel("Rank stability:"))
        stab_row.addWidget(self.top_n)
        stab_row.addWidget(self.stability, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.blind_bar)
        layout.addLayout(tools)
        layout.addWidget(self.table, 1)
        layout.addLayout(stab_row)

    # -- state --------------------------------------------------------------------------------------
    def load(self, priorities, criteria, scores, state: ScoringState, leaders: dict[Side, Leader]) -> None:
        self.state, self.leaders = state, leaders
        self.model.load(priorities, criteria, scores, state.visible_roles)
        self._discuss_pos = -1
        self.discuss_label.setText("")
        self._layout_columns()
        self._update_controls()

    def set_state(self, state: ScoringState, leaders: dict[Side, Leader]) -> None:
        was_revealed = self.state.revealed
        self.state, self.leaders = state, leaders
        self.model.set_visible(state.visible_roles)
        if state.revealed and not was_revealed:
            self._discuss_pos = -1
        self._update_controls()

    def apply_score(self, priority_id: int, criterion_id: int, role: Side, value) -> None:
        self.model.apply_score(priority_id, criterion_id, role, value)
        self._update_progress()

    def active_role(self) -> Side | None:
        if self.state.turn is not None:
            return self.state.turn
        if self.state.revealed:
            return Side(self.scoring_as.currentData())
        return None

    def _update_controls(self) -> None:
        self.blind_bar.set_state(self.state, self.leaders)
        revealed = self.state.revealed
        self.scoring_as.setVisible(revealed)
        self.scoring_as_label.setVisible(revealed)
        self.discuss.setEnabled(revealed and self.model.rowCount() > 0)
        self.top_n.setEnabled(revealed)
        if not revealed:
            self.stability.setText("shown after the reveal.")
            self.discuss_label.setText("")
        self._update_progress()
        self.table.viewport().update()

    def _update_progress(self) -> None:
        role = self.state.turn
        if role is None:
            self.progress.setText("")
            return
        n = self.model.scored_count(role)
        total = self.model.rowCount() * len(self.model.criteria())
        self.progress.setText(f"{role.marker} {n} of {total} cells scored")

    def set_stability_text(self, text: str) -> None:
        self.stability.setText(text if self.state.revealed else "shown after the reveal.")

    def _layout_columns(self) -> None:
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_RANK, 46)
        for col in range(2, self.model.columnCount()):
            self.table.setColumnWidth(col, 78 if col < self.model.first_result_column else 74)
        self.table.verticalHeader().setDefaultSectionSize(30)

    # -- requests -----------------------------------------------------------------------------------
    def _request_status(self, status: str) -> None:
        pid = self.current_priority_id()
        if pid is not None:
            self.status_requested.emit(pid, status)

    def _request(self, state: ScoringState, text: str) -> None:
        self.state_requested.emit(state, text)

    def _on_score_entered(self, proxy_index: QModelIndex, value) -> None:
        source = self.proxy.mapToSource(proxy_index)
        criterion = self.model.criterion_at(source.column())
        if criterion is None:
            return
        role = self.active_role()
        if role is None:
            self.progress.setText("Choose who is scoring first.")
            return
        if value is not None and not criterion.scale_min <= value <= criterion.scale_max:
            self.progress.setText(f"{criterion.name}: scores go from {criterion.scale_min} to {criterion.scale_max}.")
            return
        priority = self.model.priority_at(source.row())
        self.score_requested.emit(priority.id, criterion.id, role, value)
        if value is not None:
            self._advance(proxy_index)

    def _advance(self, proxy_index: QModelIndex) -> None:
        row, col = proxy_index.row(), proxy_index.column()
        last_crit = self.model.first_result_column - 1
        if col < last_crit:
            col += 1
        elif row < self.proxy.rowCount() - 1:
            row, col = row + 1, 2
        self.table.setCurrentIndex(self.proxy.index(row, col))

    def discuss_next(self) -> None:
        order = self.model.discussion_order()
        if not order:
            return
        self._discuss_pos = (self._discuss_pos + 1) % len(order)
        pid = order[self._discuss_pos]
        self.select_priority(pid)
        row = self.model.row_of(pid)
        p = self.model.priority_at(row)
        div = next((r.divergence for r in self.model.results() if r.priority_id == pid), None)
        gap = "not scored by both" if div is None else f"gap {div:.0f}"
        self.discuss_label.setText(f"Discussing {self._discuss_pos + 1} of {len(order)}: {p.side.marker} {p.title} ({gap})")

    def current_priority_id(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        return self.model.priority_at(self.proxy.mapToSource(index).row()).id

    def select_priority(self, priority_id: int) -> None:
        row = self.model.row_of(priority_id)
        if row < 0:
            return
        index = self.proxy.mapFromSource(self.model.index(row, COL_TITLE))
        self.table.setCurrentIndex(index)
        self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)


def describe_stability(priorities, criteria, scores, top_n: int) -> str:
    """The rank-stability sentence shown next to the ranking (method stated, so nobody argues over it)."""
    from tension_desk.domain.scoring import rank_stability

    ids = [p.id for p in priorities]
    titles = {c.id: c.name for c in criteria}
    st = rank_stability(ids, criteria, scores, top_n=top_n)
    if st.samples == 0:
        return "needs priorities scored by both leaders."
    text = (f"the top {st.top_n} stays the same set in {st.stable_share * 100:.0f}% of {st.samples} draws "
            f"where every weight moves independently by up to ±20%.")
    if st.smallest_change is not None:
        ch = st.smallest_change
        pct = (ch.factor - 1) * 100
        if abs(pct) < 0.5:
            text += " Two of them are tied: the smallest change of any weight reorders them."
        else:
            text += f" Smallest single change that reorders it: {titles.get(ch.criterion_id, '?')} {pct:+.0f}%."
    else:
        text += " No single weight change within −100%…+300% reorders it."
    return text
