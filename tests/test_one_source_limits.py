"""One source for every limit: a number changed in domain/limits.py is the one every editor, validation and
workspace import apply. Each test moves a limit and checks that everyone follows it."""
from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QDoubleSpinBox, QStyleOptionViewItem, QWidget

from tension_desk.domain import limits
from tension_desk.domain.model import CapacityPlan, Criterion, PriorityDraft, Side
from tension_desk.domain.validation import ValidationError, validate_priority
from tension_desk.services.workspace_io import WorkspaceImportError, parse_workspace, workspace_json


def test_every_editor_stops_at_the_limit_domain_limits_sets(qtbot, monkeypatch):
    from tension_desk.ui.dialogs.criteria import CriterionDialog
    from tension_desk.ui.dialogs.plan import PlanDialog
    from tension_desk.ui.dialogs.priority import PriorityDialog
    from tension_desk.ui.widgets.weights_view import WeightDelegate

    monkeypatch.setattr(limits, "EFFORT_WEEKS", 77.0)
    monkeypatch.setattr(limits, "WEIGHT", 33)
    monkeypatch.setattr(limits, "SCALE", (1, 7))
    monkeypatch.setattr(limits, "TOTAL_WEEKS", 555)
    monkeypatch.setattr(limits, "SHARE", 50)
    monkeypatch.setattr(limits, "TITLE", 44)

    priority = PriorityDialog(PriorityDraft(title="", side=Side.PRODUCT))
    criterion = CriterionDialog(Criterion(0, "", 1.0, scale_min=1, scale_max=5))
    plan = PlanDialog(CapacityPlan("2026-Q4", 10, 20, 30), is_new=True)
    parent = QWidget()
    weight = WeightDelegate().createEditor(parent, QStyleOptionViewItem(), QModelIndex())
    for widget in (priority, criterion, plan, parent):
        qtbot.addWidget(widget)

    assert (priority.title.maxLength(), priority.effort.maximum()) == (44, 77.0)
    assert isinstance(weight, QDoubleSpinBox)
    assert criterion.weight.maximum() == 33 and weight.maximum() == 33
    assert (criterion.scale_min.minimum(), criterion.scale_min.maximum()) == (1, 6)
    assert (criterion.scale_max.minimum(), criterion.scale_max.maximum()) == (2, 7)
    assert (plan.total.maximum(), plan.product.maximum()) == (555, 50)


def test_validation_and_workspace_import_apply_the_same_limit_to_a_field(desk, monkeypatch):
    session = desk.sessions.create("Planning", dt.date(2026, 11, 2))
    desk.priorities.add(session.id, PriorityDraft(title="Sixsix", side=Side.PRODUCT))
    file = workspace_json(desk).encode("utf-8")

    monkeypatch.setitem(limits.ONE_LINE, ("priorities", "title"), 5)
    with pytest.raises(ValidationError, match=r"^the title is 6 characters long; at most 5$"):
        validate_priority(PriorityDraft(title="Sixsix", side=Side.PRODUCT))
    with pytest.raises(WorkspaceImportError, match=r"priorities\[0\]: title is 6 characters long; at most 5"):
        parse_workspace(file)
