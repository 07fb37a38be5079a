"""The Matrix view: blind scoring turns, the reveal, the heat-map, "Discuss next", and rank stability."""
from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QRectF,
    QSize,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QColor, QFont, QFontMetrics, QKeyEvent, QKeySequence, QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QBoxLayout,
    QComboBox,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Criterion, Leader, Priority, Score, Side
from tension_desk.domain.scoring import result_text
from tension_desk.domain.seats import Seat, visible_roles
from tension_desk.render.heatmap import cell_room, paint_cell
from tension_desk.render.palette import INK, MUTED, PAPER
from tension_desk.ui.closed import reopen_to
from tension_desk.ui.models.matrix import COL_RANK, COL_TITLE, FIRST_CRITERION, CellRole, MatrixModel, TurnRole
from tension_desk.ui.models.roles import IdRole, SortRole
from tension_desk.ui.plain import button_text, plain_label, plain_tip
from tension_desk.ui.widgets.empty_state import EmptyHint
from tension_desk.ui.widgets.heat_legend import HeatLegend
from tension_desk.ui.widgets.kept_sort import KeptSort
from tension_desk.ui.widgets.wrap_header import PAD_X, PAD_Y, WrapHeader, label_height, label_words

DISCUSSED = QColor("#E8590C")  # the row under discussion: an outline, not a fill (the heat colours stay)
TITLE_LINES = 2  # a priority title wraps onto two lines before it is ever elided
CELL_PAD = 5  # horizontal padding of a cell's text, each side
ROW_PAD = 2  # px above and below a row's text: 20 rows fit a 1280×720 window under a window manager's title bar
WRAP_FLAGS = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)


class ScoreDelegate(QStyledItemDelegate):
    """Paints a criterion cell: both leaders' scores over the divergence heat colour. The row under
    discussion (``discussing()`` gives its priority id) is outlined across every cell."""

    def __init__(self, parent: QObject | None = None, discussing: Callable[[], int | None] = lambda: None) -> None:
        super().__init__(parent)
        self.discussing = discussing

    def paint(self, painter: QPainter, option: QStyleOptionViewItem,
              index: QModelIndex | QPersistentModelIndex) -> None:
        self._paint_cell(painter, option, index)
        pid = self.discussing()
        if pid is not None and index.data(IdRole) == pid:
            painter.save()
            painter.setPen(QPen(DISCUSSED, 3))
            r = option.rect.adjusted(0, 1, 0, -2)
            painter.drawLine(r.topLeft(), r.topRight())
            painter.drawLine(r.bottomLeft(), r.bottomRight())
            if index.column() == 0:
                painter.drawLine(r.topLeft(), r.bottomLeft())
            if index.column() == index.model().columnCount() - 1:
                painter.drawLine(r.topRight(), r.bottomRight())
            painter.restore()

    def _paint_cell(self, painter: QPainter, option: QStyleOptionViewItem,
                    index: QModelIndex | QPersistentModelIndex) -> None:
        cell = index.data(CellRole)
        if cell is None:
            super().paint(painter, option, index)
            return
        painter.save()
        turn = index.data(TurnRole)
        if turn is not None:  # a masked turn: only the scoring leader's value, nothing of the other
            turn = Side(turn)
            value = cell.product if turn is Side.PRODUCT else cell.engineering
            painter.fillRect(option.rect, PAPER)
            painter.setPen(INK if value is not None else MUTED)  # "P ·": not scored yet, still readable
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


class FitTable(QTableView):
    """A table that says when its size changed (its columns are then laid out again)."""

    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class MatrixTable(FitTable):
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


# Keys for the blind-scoring steps (each also has a mnemonic where its label is fixed: Alt+H, Alt+R).
BLIND_KEYS = {"start_product": "F5", "start_engineering": "F6", "finish": "F7", "reveal": "F9"}


class BlindBar(QFrame):
    """The scoring turn: who is scoring, done, reveal — told in words and markers, not only colour.

    One line (``row``: what is going on, then the buttons) where it fits; in a narrower window the buttons go
    on a line of their own under it, so the bar needs only its wider line's width, never both side by side."""

    start_requested = Signal(object)  # Side
    finish_requested = Signal()
    reveal_requested = Signal()
    restart_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("blind_bar")
        self.label = plain_label(name="blind_label", word_wrap=True)
        self.start = {side: QPushButton() for side in Side}
        for side, b in self.start.items():
            b.setObjectName(f"start_{side.value}")
            b.clicked.connect(lambda _=False, s=side: self.start_requested.emit(s))
        self.finish = QPushButton("Done scoring — &hide my scores")
        self.finish.setObjectName("finish_turn")
        self.finish.clicked.connect(self.finish_requested)
        self.reveal = QPushButton("&Reveal the scores")
        self.reveal.setObjectName("reveal")
        self.reveal.clicked.connect(self.reveal_requested)
        self.restart = QPushButton("Score blind again")
        self.restart.setObjectName("restart_blind")
        self.restart.clicked.connect(self.restart_requested)
        self.finish.setToolTip(f"End this turn and hide the scores just typed ({BLIND_KEYS['finish']}, Alt+H)")
        self.reveal.setToolTip(f"Show both leaders' scores side by side ({BLIND_KEYS['reveal']}, Alt+R)")
        self.pressed = {"start_product": self.start[Side.PRODUCT], "start_engineering": self.start[Side.ENGINEERING],
                        "finish": self.finish, "reveal": self.reveal}  # the button each key of BLIND_KEYS presses
        self.keys = {name: self._key(button, BLIND_KEYS[name]) for name, button in self.pressed.items()}
        self.row = row = QHBoxLayout()
        row.addWidget(self.label, 1)
        self.buttons = QHBoxLayout()
        self.buttons.addStretch(1)  # on a line of their own the buttons stay at the right
        for w in (*self.start.values(), self.finish, self.reveal, self.restart):
            self.buttons.addWidget(w)
        self.lines = _OneOrTwoLines(row, self.buttons, self)
        self.lines.setContentsMargins(10, 2, 6, 2)
        self.set_state(ScoringState(), {})  # only the buttons of a turn's state count towards its width

    def minimumSizeHint(self) -> QSize:
        """As narrow as the wider of its two lines (the buttons under the rest); as high as it is laid out."""
        return QSize(self.lines.narrowest(), super().minimumSizeHint().height())

    def _key(self, button: QPushButton, key: str) -> QAction:
        """A window-wide key for a blind-scoring step: it presses the step's button when that step is offered."""
        action = QAction(self)  # its text is its button's (``_keys_say_buttons``): what Help lists it as
        action.setObjectName(f"{button.objectName()}_key")
        action.setShortcut(QKeySequence(key))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)

        def press() -> None:
            if button.isVisibleTo(self) and button.isEnabled():
                button.click()

        action.triggered.connect(press)
        self.addAction(action)
        return action

    def set_state(self, state: ScoringState, leaders: dict[Side, Leader], seat: Seat | None = None) -> None:
        def who(side: Side) -> str:  # the name alone: the banner is one line on a 1280×720 screen
            leader = leaders.get(side)
            return f"{side.marker} {leader.name if leader else side.label}"

        if seat is not None:
            self._set_seat_state(state, seat, who)
        else:
            self._set_turn_state(state, who)
        self._keys_say_buttons()

    def _keys_say_buttons(self) -> None:
        """Each key's action says what its button now shows (one source: the button's text)."""
        for name, action in self.keys.items():
            action.setText(self.pressed[name].text())

    def _set_turn_state(self, state: ScoringState, who: Callable[[Side], str]) -> None:
        """One laptop: the leaders take turns at it, each one's scores hidden from the other."""
        self.setProperty("mode", "revealed" if state.revealed else ("turn" if state.turn else "blind"))
        self.style().unpolish(self)
        self.style().polish(self)
        for side, b in self.start.items():
            done = state.done(side)
            b.setText(button_text(f"{who(side)} scores" + (" again" if done else "")))
            b.setToolTip(plain_tip(f"{who(side)} scores, unseen by the other leader "
                                   f"({BLIND_KEYS[f'start_{side.value}']})"))
            b.setVisible(not state.revealed and state.turn is None)
        self.finish.setVisible(state.turn is not None)
        self.reveal.setVisible(not state.revealed and state.turn is None)
        self.reveal.setEnabled(state.can_reveal)
        self.restart.setVisible(state.revealed)
        if state.revealed:
            self.label.setText("Scores revealed. Darker cells: the leaders agree; brighter: they disagree.")
        elif state.turn is not None:
            other = state.turn.other
            self.label.setText(f"{who(state.turn)} is scoring; {who(other)}'s scores are hidden. "
                               "Type 0–5; Delete clears; arrows and Tab move.")
        else:
            self.label.setText(f"Blind scoring — {_ticks(state, who)}")

    def _set_seat_state(self, state: ScoringState, seat: Seat, who: Callable[[Side], str]) -> None:
        """A shared workspace: the leaders score on their own laptops at once; no turns, and the second
        "done" reveals on every screen. Each side's progress shows as done / not yet, never as a count."""
        self.setProperty("mode", "revealed" if state.revealed else ("turn" if seat.side else "blind"))
        self.style().unpolish(self)
        self.style().polish(self)
        for b in self.start.values():
            b.setVisible(False)
        self.reveal.setVisible(False)
        mine = seat.side
        self.finish.setText("D&one scoring")  # on one's own laptop nothing is hidden from anyone in the room
        self.finish.setToolTip(f"Say your side is finished; the scores are revealed on every screen once both "
                               f"leaders are done; Undo takes it back ({BLIND_KEYS['finish']}, Alt+O)")
        self.finish.setVisible(mine is not None and not state.revealed and not state.done(mine))
        self.restart.setVisible(state.revealed)
        if state.revealed:
            self.label.setText("Scores revealed. Darker cells: the leaders agree; brighter: they disagree.")
        elif mine is None:
            self.label.setText(f"Blind scoring on the leaders' laptops — {_ticks(state, who)}. "
                               "The scores show here when both are done.")
        else:
            self.label.setText(f"You score as {who(mine)}; only you see your scores until both are done — "
                               f"{_ticks(state, who)}")


class _OneOrTwoLines(QBoxLayout):
    """``first`` and ``second`` side by side, or ``second`` under ``first`` where the width given does not fit
    both or where that is lower (``first`` wraps its text onto fewer lines across the whole width)."""

    def __init__(self, first: QHBoxLayout, second: QHBoxLayout, parent: QWidget) -> None:
        super().__init__(QBoxLayout.Direction.LeftToRight, parent)
        self.first, self.second = first, second
        self.addLayout(first, 1)
        self.addLayout(second)

    def _margins(self) -> int:
        m = self.contentsMargins()
        return m.left() + m.right()

    def narrowest(self) -> int:
        return max(self.first.minimumSize().width(), self.second.minimumSize().width()) + self._margins()

    def _first_height(self, width: int) -> int:
        first = self.first
        return first.heightForWidth(width) if first.hasHeightForWidth() else first.sizeHint().height()

    def _one_line(self, width: int) -> bool:
        inner, gap, second = width - self._margins(), self.spacing(), self.second
        if inner < self.first.minimumSize().width() + gap + second.minimumSize().width():
            return False
        beside = max(self._first_height(inner - gap - second.sizeHint().width()), second.sizeHint().height())
        return beside <= self._first_height(inner) + gap + second.sizeHint().height()

    def setGeometry(self, rect: QRect) -> None:
        one_line = self._one_line(rect.width())
        direction = QBoxLayout.Direction.LeftToRight if one_line else QBoxLayout.Direction.TopToBottom
        if self.direction() != direction:
            self.setDirection(direction)  # laid out again, and the bar's height hint told to its parent
        super().setGeometry(rect)


def _ticks(state: ScoringState, who: Callable[[Side], str]) -> str:
    """Each leader's progress as one unbreakable phrase: a wrapped banner breaks between them, never inside."""
    return " · ".join(f"{who(s)}: {'✓ done' if state.done(s) else 'not yet'}".replace(" ", "\u00a0") for s in Side)


class MatrixView(QWidget):
    """The matrix tab. Emits requests; the session view turns them into commands."""

    score_requested = Signal(int, int, object, object)  # priority id, criterion id, role, value
    status_requested = Signal(int, str)  # priority id, new status (accepted / deferred / proposed)
    state_requested = Signal(object, str)  # new ScoringState, undo text
    done_requested = Signal(object)  # Side: a leader on their own laptop is done (a shared workspace)
    top_n_changed = Signal(int)
    banner_changed = Signal()  # the scoring state's line, Discuss next or the priority under discussion changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = MatrixModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setDynamicSortFilter(False)
        self.state = ScoringState()
        self.seat: Seat | None = None  # on a shared workspace: who sits at this laptop (None: turns on one laptop)
        self.leaders: dict[Side, Leader] = {}
        self._discuss_pos = -1
        self.discussing_id: int | None = None  # the priority under discussion
        self._session_id: int | None = None
        self.closed = False  # the session is closed: it refuses edits
        self._title_least: int | None = None  # the Priority column's least width (``fit_minimum``)

        self.blind_bar = BlindBar()
        self.blind_bar.start_requested.connect(
            lambda s: self._request(self.state.start_turn(s), f"{s.label} leader scores"))
        self.blind_bar.finish_requested.connect(self._finish)
        self.blind_bar.reveal_requested.connect(lambda: self._request(self.state.reveal(), "Reveal scores"))
        self.blind_bar.restart_requested.connect(lambda: self._request(self.state.restart(), "Score blind again"))

        self.table = MatrixTable()
        self.table.setObjectName("matrix_table")
        self.table.setHorizontalHeader(WrapHeader(self.table))
        self.table.setModel(self.proxy)
        self.empty_hint = EmptyHint(self.table, "No priorities to score yet — add them on the Priorities tab (or "
                                    "File → Import priorities from CSV…); then each leader scores in turn.")
        self.table.setItemDelegate(ScoreDelegate(self.table, lambda: self.discussing_id))
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setAccessibleName("Scoring matrix")
        self.table.score_entered.connect(self._on_score_entered)
        self.table.resized.connect(self._layout_columns)
        # ranked by default after the reveal; a chosen sort is kept per session
        self.sorting = KeptSort(self.table, self.proxy, self.model, "matrix_sort", self._refit, self._fit_rows)
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

        self.scoring_as = QComboBox()
        self.scoring_as.setObjectName("scoring_as")
        self.scoring_as.setAccessibleName("Scoring as")
        for side in Side:
            self.scoring_as.addItem(f"{side.marker} {side.label}", side.value)
        # The main window puts this action in its toolbar: no row of the matrix tab is spent on one button.
        self.discuss = QAction("Discuss next ▶", self)
        self.discuss.setObjectName("discuss_next")
        self.discuss.setShortcut("Ctrl+D")
        self.discuss.setToolTip("Step through the priorities from the largest disagreement down (Ctrl+D)")
        self.discuss.triggered.connect(self.discuss_next)
        self.discuss_label = plain_label(name="discuss_label", word_wrap=True)
        self.discuss_label.hide()
        self.progress = plain_label(name="progress_label")
        self.scoring_as_label = QLabel("Scoring as")
        self.scoring_as_label.setBuddy(self.scoring_as)
        # One compact banner: the scoring state (or the priority under discussion), who scores, the buttons.
        banner = self.blind_bar.row
        for i, w in enumerate((self.discuss_label, self.progress, self.scoring_as_label, self.scoring_as), 1):
            banner.insertWidget(i, w, 1 if w is self.discuss_label else 0)

        # One short line at 1280×720 (the details are in its tooltip); it wraps only in a narrower window.
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
        self.legend = HeatLegend()  # the colours explained, as in the PDF; shown once scores are revealed
        self.legend.setMinimumWidth(460)
        stab_row.addWidget(self.legend, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.blind_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(stab_row)

    # -- state --------------------------------------------------------------------------------------
    def load(self, priorities: list[Priority], criteria: list[Criterion], scores: list[Score], state: ScoringState,
             leaders: dict[Side, Leader],
             session_id: int | None = None, closed: bool = False) -> None:
        """``closed``: the session is closed, so its scoring cannot start again (it refuses edits)."""
        turn_started = session_id == self._session_id and state.turn not in (None, self.state.turn)
        self.state, self.leaders = state, leaders
        self._session_id = session_id
        self.closed = closed
        self.model.load(priorities, criteria, scores, self._visible())
        self._set_discussing(-1, "")
        self.sorting.restore(session_id)
        self._refit()
        self._update_controls()
        if turn_started:
            self._to_score_cell()

    def _set_discussing(self, pos: int, text: str) -> None:
        self._discuss_pos = pos
        order = self.model.discussion_order() if pos >= 0 else []
        self.discussing_id = order[pos] if 0 <= pos < len(order) else None
        self.discuss_label.setText(text)
        self.discuss_label.setVisible(bool(text))
        self.blind_bar.label.setVisible(not text)
        self.table.viewport().update()
        self.banner_changed.emit()

    @property
    def session_id(self) -> int | None:
        return self._session_id

    def set_state(self, state: ScoringState, leaders: dict[Side, Leader]) -> None:
        was_revealed, turn_started = self.state.revealed, state.turn not in (None, self.state.turn)
        self.state, self.leaders = state, leaders
        self.model.set_visible(self._visible())
        if state.revealed and not was_revealed:
            self._set_discussing(-1, "")
        self._update_controls()
        if turn_started:
            self._to_score_cell()

    def _to_score_cell(self) -> None:
        """A scoring turn starts with the keyboard in the table on a score cell (the first one unless a score
        cell is current), so the first digit typed scores, as the banner says (the pressed button is hidden)."""
        index = self.table.currentIndex()
        if self.proxy.rowCount() and (not index.isValid()
                                      or not FIRST_CRITERION <= index.column() < self.model.columns.first):
            self.table.setCurrentIndex(self.proxy.index(0, FIRST_CRITERION))
        self.table.setFocus(Qt.FocusReason.OtherFocusReason)

    def apply_score(self, priority_id: int, criterion_id: int, role: Side, value: int | None) -> None:
        self.model.apply_score(priority_id, criterion_id, role, value)
        self._update_progress()

    def _visible(self) -> frozenset[Side]:
        return self.state.visible_roles if self.seat is None else visible_roles(self.state, self.seat)

    def active_role(self) -> Side | None:
        if self.seat is not None and self.seat.side is not None:
            return self.seat.side  # a leader's laptop scores for its own side only
        if self.state.turn is not None:
            return self.state.turn
        if self.state.revealed:
            return Side(self.scoring_as.currentData())
        return None

    def _update_controls(self) -> None:
        self.blind_bar.set_state(self.state, self.leaders, self.seat)
        self.blind_bar.restart.setEnabled(not self.closed)
        self.blind_bar.restart.setToolTip("This session is closed: reopen it to score again" if self.closed
                                          else "Hide both leaders' scores and score blind again")
        revealed = self.state.revealed
        choose = revealed and (self.seat is None or self.seat.side is None)  # a leader's laptop scores its own side
        self.scoring_as.setVisible(choose)
        self.scoring_as_label.setVisible(choose)
        self.scoring_as.setEnabled(not self.closed)
        self.scoring_as.setToolTip(reopen_to("its scores") if self.closed
                                   else "Whose scores the digits you type change")
        self.discuss.setEnabled(revealed and self.model.rowCount() > 0)
        self.top_n.setEnabled(revealed)
        self.legend.setVisible(revealed)
        if not revealed:
            self.set_stability_text("")
            if self.discussing_id is not None:
                self._set_discussing(-1, "")
        self._update_progress()
        self.table.viewport().update()
        self.banner_changed.emit()

    def _update_progress(self) -> None:
        role = self.state.turn or (None if self.seat is None or self.state.revealed else self.seat.side)
        if role is None:
            self.progress.setText("")
            return
        n = self.model.scored_count(role)
        total = self.model.rowCount() * len(self.model.criteria())
        self.progress.setText(f"{role.marker} {n} of {total} cells scored")

    def set_stability_text(self, text: StabilityLine | str) -> None:
        """One line beside the Top N box; the method and the smallest change are in its tooltip."""
        shown = text if isinstance(text, StabilityLine) else StabilityLine(text)
        if not self.state.revealed:
            shown = StabilityLine("shown after the reveal.")
        self.stability.setText(shown.line)
        self.stability.setToolTip(plain_tip(shown.details))
        self.stability.setAccessibleDescription(shown.details)

    def _refit(self) -> None:
        """The table's least width (a sort arrow is part of its column's label), then its columns and rows."""
        self._title_least = fit_minimum(self.table, self.model)
        self._layout_columns()

    def _layout_columns(self) -> None:
        fit_columns(self.table, self.model, title_least=self._title_least)
        self._fit_rows()

    def _fit_rows(self) -> None:
        fit_rows(self.table, ROW_PAD)

    # -- requests -----------------------------------------------------------------------------------
    def _request_status(self, status: str) -> None:
        pid = self.current_priority_id()
        if pid is not None:
            self.status_requested.emit(pid, status)

    def _finish(self) -> None:
        if self.seat is None:
            self._request(self.state.finish_turn(), "Finish scoring turn")
        elif self.seat.side is not None:
            self.done_requested.emit(self.seat.side)

    def _request(self, state: ScoringState, text: str) -> None:
        self.state_requested.emit(state, text)

    def _on_score_entered(self, proxy_index: QModelIndex, value: int | None) -> None:
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
        last_crit = self.model.columns.first - 1
        if col < last_crit:
            col += 1
        elif row < self.proxy.rowCount() - 1:
            row, col = row + 1, 2
        self.table.setCurrentIndex(self.proxy.index(row, col))

    def discuss_next(self) -> None:
        order = self.model.discussion_order()
        if not order:
            return
        pos = (self._discuss_pos + 1) % len(order)
        pid = order[pos]
        self.select_priority(pid)
        p = self.model.priority_at(self.model.row_of(pid))
        div = next((r.divergence for r in self.model.results() if r.priority_id == pid), None)
        gap = "not scored by both" if div is None else f"gap {result_text(div)}"  # as the Div. column says it
        self._set_discussing(pos, f"Discussing {pos + 1} of {len(order)}: {p.side.marker} {p.title} ({gap})")

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


def fit_columns(table: QTableView, model: MatrixModel, room: int | None = None, title_least: int | None = None,
                least_lines: int = 2) -> int:
    """Column widths from the fonts, so they scale together with the text: each score and result column as
    wide as its values and the longest word of its label, then widened until every label takes as few lines
    as the room allows with the longest title on one line; the Priority column takes the rest (its titles
    wrap when that is too little), never less than ``title_least`` (default: 14 average characters). The
    header is then as tall as its tallest wrapped label, whose number of lines is returned. ``least_lines``: the
    fewest lines tried (a zoomed layout keeps the lines of the unzoomed one, so its columns keep their ratios)."""
    header = table.horizontalHeader()
    assert isinstance(header, WrapHeader), "the matrix table's header wraps its labels"
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    fm = QFontMetrics(table.font())
    font = header.label_font()
    fh = QFontMetrics(font)
    labels = {col: header.label_text(col) for col in range(model.columnCount())}

    def lines(col: int, width: int) -> int:
        height = label_height(font, labels[col], width) - 2 * PAD_Y
        return 1 + max(0, round((height - fh.height()) / fh.lineSpacing()))

    def width_for(col: int, most: int) -> int:
        """The narrowest width (from its minimum) at which the label of ``col`` takes at most ``most`` lines."""
        lo = minimum[col]
        hi = max(lo, max(fh.horizontalAdvance(x) for x in labels[col].split("\n")) + LABEL_PAD)
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if lines(col, mid) <= most else (mid + 1, hi)
        return lo

    minimum = column_minimums(table, model)
    titles = [str(model.data(model.index(r, COL_TITLE)) or "") for r in range(model.rowCount())]
    wanted = max((fm.horizontalAdvance(t) for t in titles), default=0) + 2 * CELL_PAD + 2
    room = table.viewport().width() if room is None else room
    widths = minimum
    for most in range(least_lines, 7):
        candidate = {col: width_for(col, most) for col in minimum}
        if sum(candidate.values()) + wanted <= room:
            widths = candidate
            break
    least = fm.averageCharWidth() * TITLE_ROOM[0] if title_least is None else title_least
    widths[COL_TITLE] = max(room - sum(widths.values()), least)
    for col, width in widths.items():
        table.setColumnWidth(col, width)
    header.updateGeometry()
    return max(lines(col, width) for col, width in widths.items())


LABEL_PAD = 2 * PAD_X + 2  # a header label's padding
TITLE_ROOM = (14, 30)  # the Priority column's least width, in average characters: at least 14, and more (up
# to 30) as far as a title needs to fit in TITLE_LINES lines; a longer title is elided (its tooltip is whole)


def column_minimums(table: QTableView, model: MatrixModel) -> dict[int, int]:
    """Each column's least width but the Priority column's: its values and the longest word of its label."""
    header = table.horizontalHeader()
    assert isinstance(header, WrapHeader), "the matrix table's header wraps its labels"
    fm = QFontMetrics(table.font())
    fh = QFontMetrics(header.label_font())
    cell = math.ceil(cell_room(table.font())) + 2 * CELL_PAD  # "P 5 · E 5" whole, its letters included
    value = fm.horizontalAdvance("100.0") + 2 * CELL_PAD
    minimum = {COL_RANK: fm.horizontalAdvance("000") + 2 * CELL_PAD}
    for col in range(FIRST_CRITERION, model.columnCount()):
        minimum[col] = cell if col < model.columns.first else value
    for col in minimum:
        words = label_words(header.label_text(col))
        minimum[col] = max(minimum[col], max((fh.horizontalAdvance(w) for w in words), default=0) + LABEL_PAD)
    return minimum


def title_minimum(fm: QFontMetrics, titles: list[str]) -> int:
    """The Priority column's least width (``TITLE_ROOM``): where every title fits in TITLE_LINES lines."""
    least, most = (fm.averageCharWidth() * n for n in TITLE_ROOM)
    need = least - 2 * CELL_PAD
    for text in titles:
        if fm.horizontalAdvance(text) <= need or _lines(fm, text, need) <= TITLE_LINES:
            continue  # it fits as wide as the column already has to be
        lo, hi = need + 1, most - 2 * CELL_PAD
        while lo < hi:
            mid = (lo + hi) // 2
            lo, hi = (lo, mid) if _lines(fm, text, mid) <= TITLE_LINES else (mid + 1, hi)
        need = lo
    return need + 2 * CELL_PAD


def _lines(fm: QFontMetrics, text: str, width: int) -> int:
    return max(1, round(fm.boundingRect(QRect(0, 0, max(1, width), 100_000), WRAP_FLAGS, text).height()
                        / fm.lineSpacing()))


def fit_minimum(table: QTableView, model: MatrixModel) -> int:
    """The table never narrower than its columns at their least (``column_minimums``), the Priority column's
    each title in TITLE_LINES lines (``title_minimum``, returned), its frame and a vertical scroll bar: a
    narrow window keeps the matrix whole instead of scrolling it sideways or cutting its titles."""
    titles = [str(model.data(model.index(r, COL_TITLE)) or "") for r in range(model.rowCount())]
    title = title_minimum(QFontMetrics(table.font()), titles)
    columns = sum(column_minimums(table, model).values()) + title
    table.setMinimumWidth(columns + 2 * table.frameWidth() + table.verticalScrollBar().sizeHint().width())
    return title


def fit_rows(table: QTableView, pad: int = 3, column: int = COL_TITLE, width: int | None = None,
             most: int = TITLE_LINES, lines_of: Callable[[QModelIndex, int], int] | None = None) -> None:
    """One line of text per row (``pad`` px above and below); a title (in ``column``, ``width`` px wide, else
    as wide as it is now) that needs more gets more, up to ``most`` lines (the style elides after that).
    ``lines_of(index, width)`` counts a cell's lines where its delegate is not the matrix's (text CELL_PAD in)."""
    fm = QFontMetrics(table.font())
    line = fm.lineSpacing()
    base = line + 2 * pad
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(1)
    rows.setDefaultSectionSize(base)
    width = table.columnWidth(column) if width is None else width

    def padded(index: QModelIndex, w: int) -> int:
        return _lines(fm, str(index.data() or ""), max(1, w - 2 * CELL_PAD))

    count = padded if lines_of is None else lines_of
    model = table.model()
    for r in range(model.rowCount()):
        lines = min(most, count(model.index(r, column), width))
        if lines > 1 or rows.sectionSize(r) != base:
            table.setRowHeight(r, base + (lines - 1) * line)


@dataclass(frozen=True)
class StabilityLine:
    """The rank stability beside the Top N box: ``line`` is one short line (never wrapped or elided, so the
    matrix keeps its rows); ``details`` states the method and the smallest change that reorders the top."""
    line: str
    details: str = ""


def describe_stability(priorities: list[Priority], criteria: list[Criterion], scores: list[Score],
                       top_n: int) -> StabilityLine:
    """The rank-stability line shown next to the ranking (method stated in its details, so nobody argues)."""
    from tension_desk.domain.scoring import rank_stability

    ids = [p.id for p in priorities]
    titles = {c.id: c.name for c in criteria}
    st = rank_stability(ids, criteria, scores, top_n=top_n)
    if st.samples == 0:
        return StabilityLine("needs priorities scored by both leaders.")
    line = f"stays the same set in {st.stable_share * 100:.0f}% of {st.samples} draws"
    text = (f"The top {st.top_n} stays the same set in {st.stable_share * 100:.0f}% of {st.samples} draws "
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
    return StabilityLine(line, text)
