"""The Weights tab: agreed and per-leader weights, and the ranking under each lens side by side."""
from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.model import Criterion, Priority, Side
from tension_desk.ui.models.weights import COL_NAME, LensRanksModel, WeightsModel
from tension_desk.ui.plain import plain_label
from tension_desk.ui.widgets.when_shown import WhenShown
from tension_desk.ui.widgets.wrap_header import WrapHeader, fit_to_words


class WeightDelegate(QStyledItemDelegate):
    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem,
                     index: QModelIndex | QPersistentModelIndex) -> QWidget:
        editor = QDoubleSpinBox(parent)
        editor.setRange(0, limits.WEIGHT)
        editor.setDecimals(2)
        editor.setSingleStep(0.5)
        return editor


class WeightsView(QWidget):
    weight_requested = Signal(int, float, object)  # criterion id, weight, lens

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.weights = WeightsModel(self)
        self.weights.weight_edited.connect(self.weight_requested)
        self.weights_table = QTableView()
        self.weights_table.setObjectName("weights_table")
        self.weights_table.setModel(self.weights)
        self.weights_table.setItemDelegate(WeightDelegate(self.weights_table))
        self.weights_table.verticalHeader().hide()
        self.weights_table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                           | QAbstractItemView.EditTrigger.EditKeyPressed
                                           | QAbstractItemView.EditTrigger.AnyKeyPressed)
        self.weights_table.setHorizontalHeader(WrapHeader(self.weights_table))
        self.lenses = LensRanksModel(self)
        self.lens_table = QTableView()
        self.lens_table.setObjectName("lens_table")
        self.lens_table.setModel(self.lenses)
        self.lens_table.verticalHeader().hide()
        self.lens_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lens_table.setHorizontalHeader(WrapHeader(self.lens_table))
        self.summary = plain_label(name="lens_summary", word_wrap=True)
        left = QVBoxLayout()
        t1 = QLabel("<b>Weights</b> — the agreed weights give the official ranking; each leader may keep their own.")
        t1.setWordWrap(True)
        left.addWidget(t1)
        left.addWidget(self.weights_table, 1)
        right = QVBoxLayout()
        t2 = QLabel("<b>Ranking under each lens</b> — same scores, different weights.")
        t2.setWordWrap(True)
        right.addWidget(t2)
        right.addWidget(self.lens_table, 1)
        right.addWidget(self.summary)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addLayout(left, 6)
        row.addSpacing(12)
        row.addLayout(right, 5)
        self._fit = WhenShown(self, self._fit_tables)

    def load(self, criteria: list[Criterion], lenses: dict[Side, dict[int, float]], agreed_editable: bool,
             priorities: list[Priority], ranks: dict[str, dict[int, int | None]] | None, top_n: int = 5) -> None:
        self.weights.load(criteria, lenses, agreed_editable)
        if ranks is None:
            self.lenses.load([], {})
            self.summary.setText("The rankings appear after the reveal.")
        else:
            self.lenses.load(priorities, ranks)
            self.summary.setText(lens_summary(priorities, ranks, top_n))
        self._fit()

    def _fit_tables(self) -> None:
        """Both side by side at 1280×720 without scrolling sideways: the weights and ranks take the width of
        their values and of their labels' longest words; the criterion names and titles take the rest, wrapped."""
        fit_to_words(self.weights_table, COL_NAME)
        fit_to_words(self.lens_table, 0)


def lens_summary(priorities: list[Priority], ranks: dict[str, dict[int, int | None]], top_n: int) -> str:
    def top(key: str) -> set[int]:
        r = ranks.get(key, {})
        return {pid for pid, v in r.items() if v is not None and v <= top_n}

    agreed, prod, eng = top("agreed"), top("product"), top("engineering")
    if not agreed:
        return "No priority has been scored by both leaders yet."
    if agreed == prod == eng:
        return (f"All three lenses pick the same top {top_n}: where the leaders disagree, it is about the "
                "scores, not about what matters.")
    titles = {p.id: p.title for p in priorities}
    parts = []
    for label, s in (("product leader's", prod), ("engineering leader's", eng)):
        gained = sorted(titles[i] for i in s - agreed if i in titles)
        if gained:
            parts.append(f"the {label} weights bring in {', '.join(gained)}")
    return (f"The lenses differ on the top {top_n}: " + "; ".join(parts)
            + ". The disagreement is partly about what matters.")
