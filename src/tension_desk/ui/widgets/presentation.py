"""Presentation mode for the screen share: the matrix and the 2×2 chart full-screen in large type.

Nothing but the session is on screen (no session list, no file paths, no menus). It shows the same
models as the session view, so the blind turn masks it exactly as it masks the matrix.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QCloseEvent, QFont, QFontInfo, QFontMetrics, QKeySequence, QShowEvent
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from tension_desk.render.fonts import ui_font
from tension_desk.ui.models.matrix import COL_TITLE
from tension_desk.ui.plain import plain_label, plain_tip
from tension_desk.ui.widgets.matrix_view import (
    FitTable,
    MatrixView,
    ScoreDelegate,
    fit_columns,
    fit_rows,
)
from tension_desk.ui.widgets.presentation_sort import PresentationSort
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget
from tension_desk.ui.widgets.wrap_header import WrapHeader

if TYPE_CHECKING:
    from tension_desk.ui.widgets.script_bar import ScriptBar

MIN_PX, MAX_PX = 14, 32  # the matrix fits the screen in text of 14 px or more, at most what reads comfortably
SMALLEST_PX = 10  # zooming out goes no smaller
ROW_PAD = 1  # px above and below a row's text: tight, so 30 rows of 14 px text fit a 720 px high screen
FIT_ROWS = 30  # up to this many rows fit the screen; more scroll to the row under discussion
HEADER_LINES = 3  # a criterion's label wraps onto at most this many lines (the text is smaller when it would not)
SIDE_MARGIN = 16  # px left and right of the window's contents
MAX_FITS = 3  # passes of apply_zoom, at most, while its own work resizes the table's viewport
HEAD_SPACING = 6  # px between the header's title, countdown and buttons
TEXT_SLACK = 4  # px a label may ask for beyond its text's advance (its bounding box)
ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


def px_font(px: int, bold: bool = False) -> QFont:
    font = ui_font(10, bold)
    font.setPixelSize(px)
    return font


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(self, matrix: MatrixView, chart: QuadrantWidget, title: str, script: ScriptBar | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setWindowTitle(f"{title} — presentation")
        self.matrix = matrix
        self._zoom = ZOOM_STEPS.index(1.0)
        self._fitting = False  # apply_zoom under way (it resizes the table, whose resize would call it again)
        self._title_text = title  # shown whole, or elided with the whole title in its tooltip (see _fit_head)
        self._countdown_text = ""
        self.title = plain_label(title, "presentation_title")
        self.state = plain_label(name="presentation_state", word_wrap=True)
        self.discuss = QPushButton("Discuss next ▶")
        self.discuss.setObjectName("presentation_discuss")
        self.discuss.clicked.connect(self._discuss)
        self.discussing = plain_label(name="presentation_discussing", word_wrap=True)
        # While a leader scores on this laptop, their scores stay off the shared screen: this page covers them.
        self.cover = plain_label(name="presentation_cover", word_wrap=True)
        self.cover.setAlignment(Qt.AlignmentFlag.AlignCenter)
        zoom_out = QPushButton("A−")
        zoom_out.setToolTip("Smaller (Ctrl+-)")
        zoom_out.clicked.connect(lambda: self.zoom(-1))
        zoom_in = QPushButton("A+")
        zoom_in.setToolTip("Larger (Ctrl+=)")
        zoom_in.clicked.connect(lambda: self.zoom(+1))
        self.toggle = QPushButton("Show the 2×2 chart (C)")
        self.toggle.setObjectName("presentation_toggle")
        self.toggle.clicked.connect(self.toggle_page)
        leave = QPushButton("Exit (Esc)")
        leave.setObjectName("presentation_exit")
        leave.clicked.connect(self.close)
        self._buttons = (self.discuss, self.toggle, zoom_out, zoom_in, leave)  # the header's right, after a stretch
        self.head = head = QHBoxLayout()
        head.setSpacing(HEAD_SPACING)
        head.addWidget(self.title)
        # the session script's countdown (a ScriptBar), so the room sees the time box; F8 moves on here too
        self.script = script
        self.countdown = plain_label(name="presentation_countdown")
        if script is not None:
            head.addWidget(self.countdown)
            self.addActions([script.start_action, script.next_action])
            script.changed.connect(self._show_countdown)
            self._show_countdown()
        head.addStretch(1)
        for w in self._buttons:
            head.addWidget(w)

        self.table = FitTable()
        self.table.setObjectName("presentation_table")
        self.header = WrapHeader(self.table)
        self.table.setHorizontalHeader(self.header)
        # Its own sorted view of the same model, kept per session: ranked order for the audience after the reveal
        # unless the room chose another, the matrix tab untouched.
        self.sorting = PresentationSort(self.table, matrix.model, matrix.session_id, self)
        self.proxy = self.sorting.proxy
        self.table.setItemDelegate(ScoreDelegate(self.table, lambda: matrix.discussing_id))
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.sorting.keep_chosen()
        self.table.resized.connect(self.apply_zoom)
        self._fit_px = MIN_PX
        self.chart = QuadrantWidget()
        self.chart.set_data(chart.data)
        chart_source = chart
        self._chart_source = chart_source
        self._page: QWidget = self.table  # the page the room chose (matrix or chart), shown when not covered
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.chart)
        self.pages.addWidget(self.cover)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(SIDE_MARGIN, 8, SIDE_MARGIN, 8)
        layout.setSpacing(6)
        layout.addLayout(head)
        layout.addWidget(self.state)  # the scoring state, or (in its place) the priority under discussion
        layout.addWidget(self.discussing)
        layout.addWidget(self.pages, 1)

        for keys, step in (([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")], +1),
                           ([QKeySequence("Ctrl+-")], -1)):
            # one action per direction (two actions on one key would be an ambiguous shortcut)
            standard = QKeySequence.StandardKey.ZoomIn if step > 0 else QKeySequence.StandardKey.ZoomOut
            extra = QKeySequence.keyBindings(standard)
            action = QAction("Larger" if step > 0 else "Smaller", self)  # Help → Keyboard shortcuts says it
            action.setShortcuts([QKeySequence(k) for k in dict.fromkeys(k.toString() for k in keys + list(extra))])
            action.triggered.connect(lambda _=False, s=step: self.zoom(s))
            self.addAction(action)
        leave_key = QAction("Exit presentation mode", self)
        leave_key.setShortcuts([QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_F11)])
        leave_key.triggered.connect(self.close)
        self.addAction(leave_key)
        toggle = QAction("Show the 2×2 chart or the matrix", self)
        toggle.setShortcut(QKeySequence(Qt.Key.Key_C))
        toggle.triggered.connect(self.toggle_page)
        self.addAction(toggle)
        # The reveal is the room's moment: its key (F9) works here too. A leader's turn does not: it would put
        # that leader's scores on the shared screen.
        self.addAction(matrix.blind_bar.keys["reveal"])
        discuss = QAction(self.discuss.text(), self)
        discuss.setShortcuts([QKeySequence("Ctrl+D"), QKeySequence(Qt.Key.Key_Space)])
        discuss.triggered.connect(self._discuss)
        self.addAction(discuss)
        matrix.destroyed.connect(self.deleteLater)  # it shows the window's matrix: it goes with it
        matrix.model.modelReset.connect(self.refresh)
        matrix.model.dataChanged.connect(self._data_changed)  # a method: disconnected when this window goes
        matrix.banner_changed.connect(self._follow_discussion)
        self.apply_zoom()
        self.refresh()

    @property
    def zoom_factor(self) -> float:
        return ZOOM_STEPS[self._zoom]

    def zoom(self, step: int) -> None:
        self._zoom = max(0, min(len(ZOOM_STEPS) - 1, self._zoom + step))
        self.apply_zoom()

    @property
    def text_px(self) -> int:
        return QFontInfo(self.table.font()).pixelSize()

    def _set_px(self, px: int, room: int | None = None, lines: int = 2) -> tuple[int, int]:
        """Set the matrix text to ``px`` and lay the columns out in ``room``, the labels on ``lines`` or more; the
        height the header and the first FIT_ROWS rows then need, and the lines of the header's longest label."""
        # The app style sheet sets table fonts, so the size is a style sheet too (it wins over setFont).
        self.table.setStyleSheet(f"QTableView, QHeaderView {{ font-size: {px}px; }}")
        self.table.horizontalHeader().ensurePolished()
        lines = fit_columns(self.table, self.matrix.model, room, least_lines=lines)
        fit_rows(self.table, ROW_PAD)
        rows = min(self.proxy.rowCount(), FIT_ROWS)
        return (self.header.needed_height() + 2 * self.table.frameWidth()
                + sum(self.table.rowHeight(r) for r in range(rows))), lines

    def _fit(self) -> int:
        """The largest text size at which the header and up to FIT_ROWS rows fit the table's height, with no
        header label on more than HEADER_LINES lines."""
        def fits(px: int) -> bool:
            height, lines = self._set_px(px)
            return height <= self.table.height() and lines <= HEADER_LINES

        lo, hi = MIN_PX, MAX_PX
        while lo < hi:
            mid = (lo + hi + 1) // 2
            lo, hi = (mid, hi) if fits(mid) else (lo, mid - 1)
        return lo

    def apply_zoom(self) -> None:
        """Fit the matrix to the screen, then zoom it: the text and every column scale together (the table
        scrolls sideways when zoomed past the screen's width). The fit's trials resize the table's viewport (its
        header's height, its scroll bars): not a new screen, so not fitted again inside; the fit runs again after
        only if the viewport ended at another size, a few times at most (a scroll bar may flip on and off)."""
        if self._fitting:
            return
        self._fitting = True
        try:
            for _ in range(MAX_FITS):
                before = self.table.viewport().size()
                z = self.zoom_factor
                fit = self._fit()
                _, lines = self._set_px(fit)  # zoomed, the labels keep these lines: the columns scale together
                px = max(SMALLEST_PX, round(fit * z))
                self._set_px(px, round(self.table.viewport().width() * px / fit), lines)
                self._size_labels()
                self.chart.set_scale(1.3 * z)
                if self.table.viewport().size() == before:
                    break
        finally:
            self._fitting = False

    def _size_labels(self) -> None:
        """The lines around the matrix in pixels: ≥ 14 px whatever the zoom or DPI. Again after the style sheet
        polished them (showing the window, the countdown going overtime), which sets their font back."""
        z = self.zoom_factor
        for label, size, bold in ((self.state, 16, False), (self.discussing, 16, True), (self.cover, 24, True)):
            label.setFont(px_font(max(MIN_PX, round(size * z)), bold))
        self._fit_head()

    def _fit_head(self) -> None:
        """The header stays one line within the window (a 1280 px screen): the title and the countdown grow with
        the zoom as far as that line has room, then stay at the largest step that fits while the matrix zooms on
        (it scrolls sideways). A title too long for the unzoomed size is elided there, whole in its tooltip; the
        countdown (the agenda step's name and its time) is never cut. Measured before any font is set, so the header
        changes once (a label resized on the way would resize the table, which fits the matrix and this again)."""
        shown = [(self.title, self._title_text, 24)]
        if self.script is not None:
            shown.append((self.countdown, self._countdown_text, 21))
        # what a label asks for beyond its text (the style sheet's padding and border)
        pads = [label.sizeHint().width() - QFontMetrics(label.font()).horizontalAdvance(label.text())
                for label, _, _ in shown]
        others = (sum(button.sizeHint().width() for button in self._buttons) + sum(pads) + TEXT_SLACK * len(shown)
                  + self.head.spacing() * (len(self._buttons) + len(shown) - 1))
        room = self.width() - 2 * SIDE_MARGIN - others  # for the texts themselves

        def fonts(z: float) -> list[QFont]:
            return [px_font(max(MIN_PX, round(size * z)), True) for _, _, size in shown]

        def width(z: float) -> int:
            return sum(QFontMetrics(font).horizontalAdvance(text)
                       for font, (_, text, _) in zip(fonts(z), shown, strict=True))

        # the largest step up to the zoom that fits; never smaller than unzoomed (a long title is elided there)
        least = min(self.zoom_factor, 1.0)
        steps = [z for z in ZOOM_STEPS if least <= z <= self.zoom_factor]
        chosen = fonts(next((z for z in reversed(steps) if width(z) <= room), least))
        texts = [text for _, text, _ in shown]  # the countdown whole; the title in the room it leaves
        room -= sum(QFontMetrics(font).horizontalAdvance(text)
                    for font, text in zip(chosen[1:], texts[1:], strict=True))
        texts[0] = QFontMetrics(chosen[0]).elidedText(texts[0], Qt.TextElideMode.ElideRight, room)
        for (label, text, _), font, shown_text in zip(shown, chosen, texts, strict=True):
            label.setFont(font)
            label.setText(shown_text)
            label.setToolTip("" if shown_text == text else plain_tip(text))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._size_labels()  # shown, the labels were polished: the matrix's resize did it, a covered one does not

    def refresh(self) -> None:
        self.sorting.restore()
        self.apply_zoom()
        self.refresh_state()

    def _data_changed(self, *_: object) -> None:
        self.refresh_state()

    def refresh_state(self) -> None:
        self.sorting.follow_reveal()  # the reveal brings the ranked default
        self.chart.set_data(self._chart_source.data)
        self.state.setText(self.matrix.blind_bar.label.text())
        self.discuss.setEnabled(self.matrix.discuss.isEnabled())
        self.discussing.setText(self.matrix.discuss_label.text())
        self.discussing.setVisible(bool(self.discussing.text()))
        self.state.setVisible(not self.discussing.text())
        self._cover_a_turn()
        self.table.viewport().update()

    def _cover_a_turn(self) -> None:
        """A leader scoring in a turn on this laptop: their scores are covered (the matrix would put them on
        the screen share, before the reveal, in front of the other leader)."""
        turn = self.matrix.state.turn if self.matrix.seat is None else None
        if turn is not None:
            leader = self.matrix.leaders.get(turn)
            name = leader.name if leader else f"The {turn.label.lower()} leader"
            self.cover.setText(f"{turn.marker} {name} is scoring. The scores stay off the shared screen until both "
                               "leaders are done and their scores are revealed.")
        self.pages.setCurrentWidget(self.cover if turn is not None else self._page)

    def toggle_page(self) -> None:
        chart = self._page is self.table
        self._page = self.chart if chart else self.table
        self.toggle.setText("Show the matrix (C)" if chart else "Show the 2×2 chart (C)")
        self._cover_a_turn()

    def _discuss(self) -> None:
        if self.matrix.discuss.isEnabled():
            self.matrix.discuss_next()  # the window's matrix moves on; _follow_discussion shows it here

    def _follow_discussion(self) -> None:
        """The row under discussion, wherever "Discuss next" was pressed: outlined, current and on screen."""
        self.refresh_state()
        pid = self.matrix.discussing_id
        self.chart.highlight(pid)
        row = self.matrix.model.row_of(pid) if pid is not None else -1
        if row >= 0:
            index = self.proxy.mapFromSource(self.matrix.model.index(row, COL_TITLE))
            self.table.setCurrentIndex(index)
            self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _show_countdown(self) -> None:
        """``Reveal · 01:10 left`` or ``Reveal · +02:13 over``, in words and a sign, not colour alone; nothing on
        a closed session (its meeting is over)."""
        text = ""
        if self.script is not None and self.script.timer is not None and self.script.editable:  # closed: no clock
            text = f"{self.script.timer.step.title} · {self.script.countdown_text()}"
        self._countdown_text = text
        self.countdown.setText(text)
        over = self.script is not None and self.script.overtime()
        if self.countdown.property("overtime") != over:  # its style changes (and its font is set back): once
            self.countdown.setProperty("overtime", over)
            self.countdown.style().unpolish(self.countdown)
            self.countdown.style().polish(self.countdown)
        self._fit_head()  # each second: the header's line only (the other labels keep their fonts)

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.script is not None:
            self.script.changed.disconnect(self._show_countdown)
        super().closeEvent(event)
        self.closed.emit()
