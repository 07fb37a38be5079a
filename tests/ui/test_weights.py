"""Weight lenses and the criteria editor."""
from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import Criterion, CriterionKind, PriorityDraft, Side
from tension_desk.ui.dialogs.criteria import CriteriaDialog, CriterionDialog
from tension_desk.ui.models.weights import COL_AGREED, COL_PRODUCT


def test_a_leaders_own_weights_change_the_lens_ranking_not_the_official_one(make_window, desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Lenses", dt.date(2026, 11, 2))
    crits = desk.scoring.criteria(s.id)
    customer, platform = crits[0], crits[3]
    feature = desk.priorities.add(s.id, PriorityDraft("Feature", Side.PRODUCT))
    fix = desk.priorities.add(s.id, PriorityDraft("Platform fix", Side.ENGINEERING))
    for role in Side:  # the feature wins on customer value (weight 3), the fix on platform health (weight 2)
        desk.scoring.set_score(s.id, feature.id, customer.id, role, 5)
        desk.scoring.set_score(s.id, feature.id, platform.id, role, 0)
        desk.scoring.set_score(s.id, fix.id, customer.id, role, 1)
        desk.scoring.set_score(s.id, fix.id, platform.id, role, 5)
    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    w = make_window()
    w.select_session(s.id)
    view = w.session_view.weights
    lenses = view.lenses

    def ranks(col):
        return {lenses.index(r, 0).data().split(" ", 1)[1]: lenses.index(r, col).data().split()[0]
                for r in range(lenses.rowCount())}

    assert ranks(1) == {"Feature": "1", "Platform fix": "2"}
    assert "same top" in view.summary.text()
    # the engineering leader weighs platform health at 10: under that lens the fix comes first
    index = view.weights.index(3, COL_PRODUCT + 1)
    assert view.weights.setData(index, 10.0)
    assert ranks(3) == {"Feature": "2", "Platform fix": "1"}
    moves = {lenses.index(r, 0).data().split(" ", 1)[1]: lenses.index(r, 3).data() for r in range(lenses.rowCount())}
    assert moves == {"Feature": "2  (\u22121)", "Platform fix": "1  (+1)"}  # places moved, not ▲/▼ (a side's marker)
    assert ranks(1) == {"Feature": "1", "Platform fix": "2"}  # the official ranking is unchanged
    assert w.session_view.matrix.model.results()[0].rank == 1
    w.undo_action.trigger()
    assert ranks(3) == {"Feature": "1", "Platform fix": "2"}
    # the agreed weight of a closed session cannot change
    w.status_actions["closed"].trigger()
    assert desk.sessions.get(s.id).status.value == "closed"
    assert not (view.weights.flags(view.weights.index(0, COL_AGREED)) & Qt.ItemFlag.ItemIsEditable)


def test_the_criteria_editor_adds_and_edits_with_undo(make_window, desk, leaders, monkeypatch, no_dialogs):
    desk.workspace.set_leaders(*leaders)
    w = make_window()
    dlg = CriteriaDialog(w.ctx, w)
    monkeypatch.setattr(CriterionDialog, "ask", classmethod(lambda cls, parent, c: Criterion(
        id=0, name="Learning value", weight=1.5, kind=CriterionKind.BENEFIT, scale_min=0, scale_max=5)))
    dlg.add()
    assert [c.name for c in desk.criteria.list()][-1] == "Learning value"
    assert dlg.table.rowCount() == 7
    dlg.table.selectRow(0)
    monkeypatch.setattr(CriterionDialog, "ask", classmethod(lambda cls, parent, c: Criterion(
        id=c.id, name="Customer impact", weight=4.0, kind=c.kind, scale_min=c.scale_min, scale_max=c.scale_max)))
    dlg.edit()
    assert desk.criteria.list()[0].name == "Customer impact" and desk.criteria.list()[0].weight == 4.0
    w.undo_action.trigger()
    assert desk.criteria.list()[0].name == "Customer value"
    w.undo_action.trigger()
    assert "Learning value" not in [c.name for c in desk.criteria.list()]
    dlg.close()
