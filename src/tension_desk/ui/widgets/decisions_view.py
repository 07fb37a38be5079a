"""The Decisions view: the session's agenda of tensions (carried over ones first, with their age),
the decision record for each (MADR shape), both leaders' acknowledgement, and "did it hold?" reviews."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from tension_desk.domain import limits
from tension_desk.domain.dates import day
from tension_desk.domain.model import Decision, DecisionStatus, Leader, Priority, Side, Tension
from tension_desk.services.log import evidence_heading, evidence_lines
from tension_desk.services.types import CarriedTension, DecisionDraft, SessionAgenda
from tension_desk.ui.dialogs.dates import date_edit, from_qdate, to_qdate
from tension_desk.ui.plain import button_text, limit_length, plain_label, plain_tip
from tension_desk.ui.widgets.badges import Badge, BadgeDelegate, BadgesRole, badges_text
from tension_desk.ui.widgets.when_shown import WhenShown

KIND_TENSION, KIND_REVIEW = "tension", "review"
PICK = "Pick a tension on the left to record its decision."
CLOSED = "This session is closed and its record sealed: reopen it (Session → Status → Live) to change it."
NOTHING_YET = ("Nothing to decide yet: record where your priorities conflict on the Tensions tab (+ New tension); "
               "each tension's decision is taken here.")
FIELDS = (
    ("context", "Context", "What forces are at play? Why does this need a decision now?"),
    ("options", "Options considered", "1) … 2) … 3) …"),
    ("outcome", "Outcome", "What we decided, in one or two sentences."),
    ("rationale", "Rationale", "Why this option over the others."),
    ("tradeoffs", "Trade-offs and consequences", "What we accept by deciding this."),
    ("cost_of_not", "Cost of not doing the other thing", "What the option we did not pick will cost us."),
    ("success_signal", "How we will know it held", "A signal we can check at the review."),
)
PRIORITY_CHOICES = (("leave", "leave as it is"), ("accept", "accept for the quarter"), ("defer", "defer"))


class DecisionForm(QWidget):
    """One tension's decision record. Emits requests; the session view makes them commands."""

    take_requested = Signal(int, object, list, list)  # tension id, DecisionDraft, accept ids, defer ids
    save_requested = Signal(int, object)  # decision id, DecisionDraft

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tension: Tension | None = None
        self.decision: Decision | None = None
        self.closed = False  # the session on screen is closed: it refuses edits, so the form takes none
        self.closed_note = plain_label(CLOSED, "decision_closed", word_wrap=True)
        self.closed_note.setVisible(False)
        self.heading = QLabel()
        self.heading.setObjectName("decision_heading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.badge = QLabel()
        self.badge.setObjectName("decision_badge")
        self.badge.setTextFormat(Qt.TextFormat.PlainText)
        self.badge.setWordWrap(True)  # a long carried-over line wraps; the form never grows wider than its pane
        self.priorities_box = QGroupBox("Priorities in this tension — what the decision does to them")
        # a grid, not a form layout: a priority's wrapped label gets the height its lines need
        self.priorities_form = QGridLayout(self.priorities_box)
        self.priorities_form.setColumnStretch(0, 1)
        self.choices: dict[int, QComboBox] = {}
        self.texts: dict[str, QPlainTextEdit] = {}
        record = QGroupBox("Decision record")
        form = QFormLayout(record)
        # in a narrow window a field wider than the room beside its label (a leader's "stands behind this
        # decision") goes under the label, never out of sight sideways
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        for key, label, hint in FIELDS:
            edit = limit_length(QPlainTextEdit(), limits.TEXT)
            edit.setObjectName(f"decision_{key}")
            edit.setPlaceholderText(hint)
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(64 if key not in ("outcome", "rationale") else 76)
            self.texts[key] = edit
            form.addRow(label, edit)
        self.owner = QLineEdit()
        self.owner.setObjectName("decision_owner")
        self.owner.setMaxLength(limits.OWNER)
        self.review = date_edit()
        self.review.setObjectName("decision_review_date")
        self.status = QComboBox()
        self.status.setObjectName("decision_status")
        for st in DecisionStatus:
            self.status.addItem(st.label, st.value)
        form.addRow("Owner", self.owner)
        form.addRow("Review on", self.review)
        form.addRow("Status", self.status)
        self.acks = {side: QCheckBox() for side in Side}
        for side, box in self.acks.items():
            box.setObjectName(f"ack_{side.value}")
            form.addRow("" if side is Side.ENGINEERING else "Stands behind it", box)
        self.evidence = QLabel()
        self.evidence.setObjectName("decision_evidence")
        self.evidence.setWordWrap(True)
        self.evidence.setTextFormat(Qt.TextFormat.PlainText)
        self.take = QPushButton("Take decision")
        self.take.setObjectName("take_decision")
        self.take.setDefault(True)
        self.take.clicked.connect(self._take)
        self.save = QPushButton("Save changes")
        self.save.setObjectName("save_decision")
        self.save.clicked.connect(self._save)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.take)
        buttons.addWidget(self.save)
        inner = QWidget()
        layout = QVBoxLayout(inner)
        layout.addWidget(self.closed_note)
        layout.addWidget(self.heading)
        layout.addWidget(self.badge)
        layout.addWidget(self.priorities_box)
        layout.addWidget(record)
        layout.addWidget(self.evidence)
        layout.addLayout(buttons)
        layout.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def show_tension(self, tension: Tension, priorities: dict[int, Priority], decision: Decision | None,
                     leaders: dict[Side, Leader], default_review: dt.date, badge: str = "",
                     evidence_hidden: bool = False) -> None:
        self.tension, self.decision = tension, decision
        self.heading.setText(tension.statement)
        self.badge.setText(badge)
        self.badge.setVisible(bool(badge))
        while (item := self.priorities_form.takeAt(0)) is not None:
            if (widget := item.widget()) is not None:
                widget.hide()
                widget.deleteLater()
        self.choices = {}
        for pid in tension.priority_ids:
            p = priorities.get(pid)
            if p is None:
                continue
            combo = QComboBox()
            combo.setObjectName(f"choice_{pid}")
            for key, text in PRIORITY_CHOICES:
                combo.addItem(text, key)
            combo.setEnabled(decision is None and not self.closed)
            combo.setFixedWidth(190)
            self.choices[pid] = combo
            effort = "" if p.effort_weeks is None else f" · {p.effort_weeks:g} wk"
            state = f"({p.status.label}{effort})".replace(" ", "\u00a0")  # wrapped as one phrase, never '7 | wk'
            label = QLabel(f"{p.side.marker} {p.side.label}: {p.title} {state}")
            label.setTextFormat(Qt.TextFormat.PlainText)
            label.setWordWrap(True)
            row = len(self.choices) - 1
            self.priorities_form.addWidget(label, row, 0)
            self.priorities_form.addWidget(combo, row, 1, Qt.AlignmentFlag.AlignTop)
        d = DecisionDraft.of(decision) if decision else DecisionDraft(outcome="", review_date=default_review)
        for key, edit in self.texts.items():
            edit.setPlainText(getattr(d, key))
        self.owner.setText(d.owner)
        self.review.setDate(to_qdate(d.review_date or default_review))
        self.status.setCurrentIndex(self.status.findData(DecisionStatus(d.status).value))
        for side, box in self.acks.items():
            leader = leaders.get(side)
            box.setText(button_text(f"{side.marker} {leader.display if leader else side.label} stands behind "
                                    "this decision"))
            box.setChecked(d.ack_product if side is Side.PRODUCT else d.ack_engineering)
        self.take.setVisible(decision is None)
        self.save.setVisible(decision is not None)
        self._show_closed()
        if decision is not None and evidence_hidden:
            self.evidence.setText("The frozen evidence (scores, totals, divergence) is hidden while the leaders "
                                  "score blind; it shows after the reveal.")
            return
        self.evidence.setText(describe_evidence(decision) if decision else
                              "Taking the decision freezes its evidence: both leaders' scores, the weights, the "
                              "divergence and the capacity impact as they are now.")

    def _show_closed(self) -> None:
        self.closed_note.setVisible(self.closed)
        for text in self.texts.values():
            text.setReadOnly(self.closed)
        self.owner.setReadOnly(self.closed)
        self.review.setReadOnly(self.closed)
        for widget in (self.status, *self.acks.values(), self.take, self.save):
            widget.setEnabled(not self.closed)

    def draft(self) -> DecisionDraft:
        values = {key: edit.toPlainText().replace("\x00", "") for key, edit in self.texts.items()}
        return DecisionDraft(owner=self.owner.text(), review_date=from_qdate(self.review.date()),
                             status=DecisionStatus(self.status.currentData()),
                             ack_product=self.acks[Side.PRODUCT].isChecked(),
                             ack_engineering=self.acks[Side.ENGINEERING].isChecked(), **values)

    def _take(self) -> None:
        accept = [pid for pid, c in self.choices.items() if c.currentData() == "accept"]
        defer = [pid for pid, c in self.choices.items() if c.currentData() == "defer"]
        if self.tension is not None:
            self.take_requested.emit(self.tension.id, self.draft(), accept, defer)

    def _save(self) -> None:
        if self.decision is not None:
            self.save_requested.emit(self.decision.id, self.draft())


def describe_evidence(decision: Decision) -> str:
    """The decision's frozen evidence, in the words of every document (``services.log``)."""
    if not decision.evidence:
        return "No evidence was frozen when this decision was taken."
    return "\n".join([f"{evidence_heading(decision)}:", *evidence_lines(decision)])


class ReviewPanel(QWidget):
    """Did it hold? A decision whose review date has come."""

    review_requested = Signal(int, object)  # decision id, outcome (held / revisit / reversed, or None)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.decision: Decision | None = None
        self.closed_note = plain_label(CLOSED, "review_closed", word_wrap=True)
        self.closed_note.setVisible(False)
        self.text = QLabel()
        self.text.setObjectName("review_text")
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.PlainText)
        self.answer = plain_label(name="review_answer")
        self.buttons: dict[str, QPushButton] = {}
        row = QHBoxLayout()
        for outcome, label in (("held", "✓ It held"), ("revisit", "↻ Revisit"), ("reversed", "✗ Reversed")):
            b = QPushButton(label)
            b.setObjectName(f"review_{outcome}")
            b.clicked.connect(lambda _=False, o=outcome: self._answer(o))
            self.buttons[outcome] = b
            row.addWidget(b)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        q = QLabel("Did it hold?")
        q.setObjectName("review_question")
        layout.addWidget(self.closed_note)
        layout.addWidget(q)
        layout.addWidget(self.text)
        layout.addLayout(row)
        layout.addWidget(self.answer)
        layout.addStretch(1)

    def _answer(self, outcome: str) -> None:
        if self.decision is not None:
            self.review_requested.emit(self.decision.id, outcome)

    def show_decision(self, decision: Decision, tension: Tension | None, closed: bool = False) -> None:
        """``closed``: the session on screen is closed; it takes no answer (it refuses edits)."""
        self.decision = decision
        self.closed_note.setVisible(closed)
        for b in self.buttons.values():
            b.setEnabled(not closed)
        parts = [f"Tension: {tension.statement}" if tension else "",
                 f"Decided {day(decision.decided_on, '—')}: {decision.outcome}"]
        if decision.success_signal:
            parts.append(f"How we said we would know: {decision.success_signal}")
        if decision.owner:
            parts.append(f"Owner: {decision.owner} · review due {day(decision.review_date, '—')}")
        self.text.setText("\n\n".join(p for p in parts if p))
        self.answer.setText(f"Answered: {decision.review_outcome}" if decision.review_outcome else "")


def badged_item(text: str, badges: list[Badge]) -> QTreeWidgetItem:
    """An agenda entry: its status badges above its text, read out as words."""
    item = QTreeWidgetItem([text])
    item.setData(0, BadgesRole, badges)
    item.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{badges_text(badges)}: {text}")
    item.setToolTip(0, plain_tip(f"{badges_text(badges)}\n{text}"))
    return item


@dataclass
class AgendaContext:
    """What the agenda was last loaded with: the form and the review panel show from it."""

    priorities: dict[int, Priority] = field(default_factory=dict)
    decisions: dict[int, Decision] = field(default_factory=dict)
    leaders: dict[Side, Leader] = field(default_factory=dict)
    default_review: dt.date = field(default_factory=dt.date.today)
    tensions: dict[int, Tension] = field(default_factory=dict)
    carried: dict[int, CarriedTension] = field(default_factory=dict)
    blind_session: int | None = None
    closed: bool = False  # the session is closed: its decisions and reviews take no edit


class DecisionsView(QWidget):
    take_requested = Signal(int, object, list, list)
    save_requested = Signal(int, object)
    review_requested = Signal(int, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setObjectName("decision_agenda")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Tensions and reviews on this session's agenda")
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(BadgeDelegate(self.tree))
        self.tree.currentItemChanged.connect(self._on_current)
        self.form = DecisionForm()
        self.review = ReviewPanel()
        self.empty = QLabel(PICK)
        self.empty.setObjectName("decisions_empty")
        self.empty.setTextFormat(Qt.TextFormat.PlainText)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.pages = QStackedWidget()
        for w in (self.empty, self.form, self.review):
            self.pages.addWidget(w)
        split = QSplitter()
        split.addWidget(self.tree)
        split.addWidget(self.pages)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([380, 620])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(split)
        self.form.take_requested.connect(self.take_requested)
        self.form.save_requested.connect(self.save_requested)
        self.review.review_requested.connect(self.review_requested)
        self._context = AgendaContext()
        self._agenda: SessionAgenda | None = None  # loaded, not yet in the tree (the tab was not on screen)
        self._wanted: tuple[str, int] | None = None  # the entry to select again once it is
        self._build_when_shown = WhenShown(self, self._build_tree)

    def load(self, agenda: SessionAgenda, priorities: dict[int, Priority], decisions: dict[int, Decision],
             leaders: dict[Side, Leader], default_review: dt.date, tensions: dict[int, Tension],
             blind_session: int | None = None, closed: bool = False) -> None:
        """``closed``: the session is closed (sealed): the form and the review panel are read-only.
        ``blind_session``: the id of this session while its scores are not revealed (its decisions'
        evidence then stays hidden: it holds both leaders' scores). The agenda's tree is built at once while
        the tab shows, else once it is next shown or looked into (a late session's agenda holds hundreds of
        reviews due; opening a session on another tab built them all for nothing)."""
        current = self._wanted if self._agenda is not None else self._tree_key()
        self._context = AgendaContext(priorities, decisions, leaders, default_review, tensions,
                                      {c.tension.id: c for c in agenda.carried}, blind_session, closed)
        shown = ({(KIND_REVIEW, d.id) for d in agenda.due_reviews}
                 | {(KIND_TENSION, t.id) for t in [*agenda.own, *(c.tension for c in agenda.carried)]})
        self._agenda, self._wanted = agenda, current if current in shown else None
        self._build_when_shown()

    def _build_tree(self) -> None:
        agenda, wanted = self._agenda, self._wanted
        if agenda is None:
            return
        self._agenda = None
        tensions, decisions = self._context.tensions, self._context.decisions
        self.tree.blockSignals(True)
        self.tree.clear()
        bold = QFont(self.tree.font())
        bold.setBold(True)

        def section(title: str) -> QTreeWidgetItem:
            item = QTreeWidgetItem([title])
            item.setFont(0, bold)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.tree.addTopLevelItem(item)
            return item

        if agenda.due_reviews:
            head = section(f"Reviews due — did it hold? ({len(agenda.due_reviews)})")
            for d in agenda.due_reviews:
                t = tensions.get(d.tension_id)
                item = badged_item(d.outcome, [Badge(f"Review: {d.review_outcome}" if d.review_outcome
                                                     else "Review due", "review")])
                item.setData(0, Qt.ItemDataRole.UserRole, (KIND_REVIEW, d.id))
                item.setToolTip(0, plain_tip(t.statement if t else d.outcome))
                head.addChild(item)
        if agenda.carried:
            head = section(f"Carried over ({len(agenda.carried)})")
            for c in agenda.carried:
                head.addChild(self._tension_item(c.tension, decisions, c))
        head = section(f"Raised in this session ({len(agenda.own)})")
        for t in agenda.own:
            head.addChild(self._tension_item(t, decisions, None))
        self.tree.expandAll()
        self.tree.blockSignals(False)
        anything = bool(agenda.due_reviews or agenda.carried or agenda.own)
        self.empty.setText(PICK if anything else NOTHING_YET)
        if wanted is not None and self.select(*wanted):
            return
        self.pages.setCurrentWidget(self.empty)

    def _tension_item(self, t: Tension, decisions: dict[int, Decision],
                      carried: CarriedTension | None) -> QTreeWidgetItem:
        d = decisions.get(t.id)
        badges = [Badge("✓ Decided", "decided") if d else Badge("Open", "open")]
        if carried is not None and not d:
            badges.append(Badge(f"{carried.age} sessions", "age"))
            if carried.escalate:
                badges.append(Badge("⚠ Escalate", "escalate"))
        item = badged_item(t.statement, badges)
        item.setData(0, Qt.ItemDataRole.UserRole, (KIND_TENSION, t.id))
        return item

    def current_key(self) -> tuple[str, int] | None:
        """The entry on screen: (KIND_TENSION or KIND_REVIEW, its id), or None."""
        self._build_tree()
        return self._tree_key()

    def _tree_key(self) -> tuple[str, int] | None:
        item = self.tree.currentItem()
        key = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        return key if isinstance(key, tuple) else None

    def select(self, kind: str, ident: int) -> bool:
        self._build_tree()
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for child in (head.child(j) for j in range(head.childCount())) if head else ():
                if child is not None and child.data(0, Qt.ItemDataRole.UserRole) == (kind, ident):
                    self.tree.setCurrentItem(child)
                    self._on_current(child, None)
                    return True
        return False

    def _on_current(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        key = item.data(0, Qt.ItemDataRole.UserRole) if item else None
        if not key:
            self.pages.setCurrentWidget(self.empty)
            return
        kind, ident = key
        ctx = self._context
        if kind == KIND_REVIEW:
            d = next((d for d in ctx.decisions.values() if d.id == ident), None)
            if d is None:
                return
            self.review.show_decision(d, ctx.tensions.get(d.tension_id), ctx.closed)
            self.pages.setCurrentWidget(self.review)
            return
        t = ctx.tensions[ident]
        carried = ctx.carried.get(ident)
        badge = ""
        if carried is not None:
            badge = f"Carried over from “{carried.origin.title}” — open for {carried.age} sessions"
            if carried.escalate:
                badge += ". Open for three sessions or more: escalate it."
        decision = ctx.decisions.get(ident)
        hidden = decision is not None and decision.session_id == ctx.blind_session
        self.form.closed = ctx.closed
        self.form.show_tension(t, ctx.priorities, decision, ctx.leaders, ctx.default_review, badge, hidden)
        self.pages.setCurrentWidget(self.form)
