"""Presentation mode for the screen share: the matrix and the 2×2 chart full-screen in large type.

Nothing but the session is on screen (no session list, no file paths, no menus). It shows the same
models as the session view, so the blind turn masks it exactly as it masks the matrix.
"""
from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QPushButton, QStackedWidget, QTableView, QVBoxLayout, QWidget,
)

from tension_desk.render.fonts import ui_font
from tension_desk.ui.models.matrix import COL_RANK, COL_TITLE
from tension_desk.ui.models.roles import SortRole
from tension_desk.ui.widgets.matrix_view import MatrixView, ScoreDelegate
from tension_desk.ui.widgets.quadrant_widget import QuadrantWidget
from tension_desk.ui.plain import plain_label

BASE_POINTS = 14.0
ZOOM_STEPS = (0.7, 0.8, 0.9, 1.0, 1.15, 1.3, 1.5, 1.75, 2.0)


class PresentationWindow(QWidget):
    closed = Signal()

    def __init__(self, matrix: MatrixView, chart: QuadrantWidget, title: str, parent=None):
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("presentation")
        self.setWindowTitle(f"{title} — presentation")
        self.matrix = matrix
        self._zoom = ZOOM_STEPS.index(1.0)
        self.title = plain_label(title, "presentation_title")
        self.state = plain_label(name="presentation_state", word_wrap=True)
        self.discuss = QPushButton("Discuss next ▶")
        self.discuss.setObjectName("presentation_discuss")
        self.discuss.clicked.connect(self._discuss)
        self.discussing = plain_label(name="presentation_discussing")
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
        head = QHBoxLayout()
        head.addWidget(self.title)
        head.addStretch(1)
        for w in (self.discuss, self.toggle, zoom_out, zoom_in, leave):
            head.addWidget(w)

        self.table = QTableView()
        self.table.setObjectName("presentation_table")
        # Its own sorted view of the same model: ranked order for the audience, the matrix tab untouched.
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(matrix.model)
        self.proxy.setSortRole(SortRole)
        self.table.setModel(self.proxy)
        self.table.setItemDelegate(ScoreDelegate(self.table))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_RANK, Qt.SortOrder.AscendingOrder)
        self.table.horizontalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self.chart = QuadrantWidget()
        self.chart.set_data(chart.data)
        chart_source = chart
        self._chart_source = chart_source
        self.pages = QStackedWidget()
        self.pages.addWidget(self.table)
        self.pages.addWidget(self.chart)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(20, 14, 20, 14)
        layout.addLayout(head)
        layout.addWidget(self.state)
        layout.addWidget(self.discussing)
        layout.addWidget(self.pages, 1)

        for keys, step in (([QKeySequence("Ctrl+="), QKeySequence("Ctrl++")], +1),
                           ([QKeySequence("Ctrl+-")], -1)):
            # one action per direction (two actions on one key would be an ambiguous shortcut)
            extra = QKeySequence.keyBindings(QKeySequence.StandardKey.ZoomIn if step > 0 else QKeySequence.StandardKey.ZoomOut)
            action = QAction(self)
            action.setShortcuts(list(dict.fromkeys([k.toString() for k in keys + list(extra)])))
            action.triggered.connect(lambda _=False, s=step: self.zoom(s))
            self.addAction(action)
        for seq in (QKeySequence(Qt.Key.Key_Escape), QKeySequence(Qt.Key.Key_F11)):
            action = QAction(self)
            action.setShortcut(seq)
            action.triggered.connect(self.close)
            self.addAction(action)
        toggle = QAction(self)
        toggle.setShortcut(QKeySequence(Qt.Key.Key_C))
        toggle.triggered.connect(self.toggle_page)
        self.addAction(toggle)
        discuss = QAction(self)
        discuss.setShortcuts([QKeySequence("Ctrl+D"), QKeySequence(Qt.Key.Key_Space)])
        discuss.triggered.connect(self._discuss)
        self.addAction(discuss)
        matrix.model.modelReset.connect(self.refresh)
        matrix.model.dataChanged.connect(lambda *_: self.refresh_state())
        self.apply_zoom()
        self.refresh()

    @property
    def zoom_factor(self) -> float:
        return ZOOM_STEPS[self._zoom]

    def zoom(self, step: int) -> None:
        self._zoom = max(0, min(len(ZOOM_STEPS) - 1, self._zoom + step))
        self.apply_zoom()

    def apply_zoom(self) -> None:
        z = self.zoom_factor
        # The app style sheet sets table fonts, so the zoom is a style sheet too (it wins over setFont).
        self.table.setStyleSheet(
            f"QTableView {{ font-size: {BASE_POINTS * z:.1f}pt; }}"
            f"QHeaderView::section {{ font-size: {BASE_POINTS * z * 0.8:.1f}pt; font-weight: bold; }}")
        self.table.ensurePolished()
        self.title.setFont(ui_font(24 * z, bold=True))
        self.state.setFont(ui_font(12 * z))
        self.discussing.setFont(ui_font(14 * z, bold=True))
        self.table.verticalHeader().setDefaultSectionSize(int(34 * z))
        header = self.table.horizontalHeader()
        header.setMinimumHeight(int(84 * z))
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(COL_RANK, int(58 * z))
        first_result = self.matrix.model.first_result_column
        for col in range(2, self.matrix.model.columnCount()):
            self.table.setColumnWidth(col, int((86 if col < first_result else 84) * z))
        self.chart.set_scale(1.3 * z)

    def refresh(self) -> None:
        self.apply_zoom()
        self.refresh_state()

    def refresh_state(self) -> None:
        self.chart.set_data(self._chart_source.data)
        self.state.setText(self.matrix.blind_bar.label.text())
        self.discuss.setEnabled(self.matrix.discuss.isEnabled())
        self.discussing.setText(self.matrix.discuss_label.text())

    def toggle_page(self) -> None:
        chart = self.pages.currentWidget() is self.table
        self.pages.setCurrentWidget(self.chart if chart else self.table)
        self.toggle.setText("Show the matrix (C)" if chart else "Show the 2×2 chart (C)")

    def _discuss(self) -> None:
        if self.matrix.discuss.isEnabled():
            self.matrix.discuss_next()
            self.refresh_state()
            pid = self.matrix.current_priority_id()
            self.chart.highlight(pid)
            row = self.matrix.model.row_of(pid) if pid is not None else -1
            if row >= 0:
                index = self.proxy.mapFromSource(self.matrix.model.index(row, COL_TITLE))
                self.table.setCurrentIndex(index)
                self.table.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def closeEvent(self, event) -> None:
        super().closeEvent(event)
        self.closed.emit()
