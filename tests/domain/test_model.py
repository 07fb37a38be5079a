"""The domain's vocabulary: the sides and their markers, what a status change does to a priority's quarter,
how a score counts on its criterion's scale, the defaults a new object starts with, and that objects are
immutable values whose row version is not part of what they are."""
import dataclasses
import datetime as dt

import pytest

from tension_desk.domain.model import (
    CapacityPlan,
    Criterion,
    CriterionKind,
    Decision,
    Leader,
    LedgerEntry,
    Priority,
    PriorityDraft,
    PriorityStatus,
    Score,
    Session,
    Side,
    Tension,
    TensionStatus,
    status_change,
)

P, E = Side.PRODUCT, Side.ENGINEERING


def test_each_side_knows_the_other_and_its_colour_free_marker_and_letter():
    assert (P.other, E.other) == (E, P)
    assert (P.marker, E.marker) == ("\u25cf", "\u25b2")
    assert (P.short, E.short) == ("P", "E")


def test_a_status_label_reads_as_words():
    assert TensionStatus.CARRIED_OVER.label == "Carried over"
    assert P.label == "Product"


def test_a_leader_is_shown_with_their_title_when_they_have_one():
    assert Leader(P, "Ada", "CPO").display == "Ada (CPO)"
    assert Leader(E, "Linus", "").display == "Linus"


ITEM = Priority(7, "SSO", P, "single sign-on", 3.5, dt.date(2026, 1, 2), PriorityStatus.PROPOSED, None, None,
                "https://example.org/sso", version=4)


def test_a_draft_of_a_priority_carries_every_editable_field():
    assert PriorityDraft.of(ITEM) == PriorityDraft("SSO", P, "single sign-on", 3.5, dt.date(2026, 1, 2),
                                                   PriorityStatus.PROPOSED, None, None, "https://example.org/sso")


def test_accepting_a_priority_puts_it_in_the_session_quarter():
    draft = status_change(ITEM, PriorityStatus.ACCEPTED, "2026-Q4")
    assert draft == dataclasses.replace(PriorityDraft.of(ITEM), status=PriorityStatus.ACCEPTED, quarter="2026-Q4")


def test_accepting_again_in_another_quarter_moves_it_and_in_the_same_quarter_changes_nothing():
    accepted = dataclasses.replace(ITEM, status=PriorityStatus.ACCEPTED, quarter="2026-Q3")
    assert status_change(accepted, PriorityStatus.ACCEPTED, "2026-Q3") is None
    moved = status_change(accepted, PriorityStatus.ACCEPTED, "2026-Q4")
    assert moved is not None and (moved.status, moved.quarter) == (PriorityStatus.ACCEPTED, "2026-Q4")


def test_delivering_keeps_the_quarter_it_was_delivered_in_and_deferring_leaves_every_quarter():
    accepted = dataclasses.replace(ITEM, status=PriorityStatus.ACCEPTED, quarter="2026-Q3")
    delivered = status_change(accepted, PriorityStatus.DELIVERED, "2026-Q4")
    assert delivered is not None and (delivered.status, delivered.quarter) == (PriorityStatus.DELIVERED, "2026-Q3")
    deferred = status_change(accepted, PriorityStatus.DEFERRED, "2026-Q4")
    assert deferred is not None and (deferred.status, deferred.quarter) == (PriorityStatus.DEFERRED, None)


def test_a_status_that_differs_is_a_change_even_when_the_quarter_stays_none():
    assert status_change(ITEM, PriorityStatus.PROPOSED, "2026-Q4") is None
    rejected = status_change(ITEM, PriorityStatus.REJECTED, "2026-Q4")
    assert rejected is not None and (rejected.status, rejected.quarter) == (PriorityStatus.REJECTED, None)


def test_a_score_counts_as_its_place_on_the_scale_and_inversely_for_a_cost():
    reach = Criterion(1, "Reach", 1.0, CriterionKind.BENEFIT, 1, 9)
    effort = Criterion(2, "Effort", 1.0, CriterionKind.COST, 1, 9)
    assert [reach.normalised(v) for v in (1, 3, 9)] == [0.0, 0.25, 1.0]
    assert [effort.normalised(v) for v in (1, 3, 9)] == [1.0, 0.75, 0.0]


def test_a_new_criterion_is_a_benefit_on_the_default_0_to_5_scale():
    c = Criterion(1, "Value", 2.0)
    assert (c.kind, c.scale_min, c.scale_max) == (CriterionKind.BENEFIT, 0, 5)


def test_a_new_decision_is_acknowledged_by_nobody():
    d = Decision(1, 2, 3, "Ship SSO")
    assert (d.ack_product, d.ack_engineering) == (False, False)


FRESH = [
    Priority(1, "T", P), Session(1, "S", dt.date(2026, 1, 1), "2026-Q1"), Tension(1, 1, "x", (1,)),
    Criterion(1, "C", 1.0), Decision(1, 1, 1, "o"), CapacityPlan("2026-Q1", 10.0, 60.0, 40.0),
]


@pytest.mark.parametrize("obj", FRESH, ids=lambda o: type(o).__name__)
def test_an_object_not_read_from_the_store_has_version_0_and_the_version_is_not_part_of_equality(obj):
    assert obj.version == 0
    assert dataclasses.replace(obj, version=9) == obj


def test_a_decision_is_the_same_decision_whatever_evidence_it_froze_and_can_be_put_in_a_set():
    a, b = Decision(1, 2, 3, "Ship"), Decision(1, 2, 3, "Ship").with_evidence({"totals": [1, 2]})
    assert a == b
    assert len({a, b}) == 1


ALL = [*FRESH, Leader(P, "Ada", "CPO"), PriorityDraft("T", P), Score(1, 1, P, 3),
       LedgerEntry(1, "2026-Q1", None, 10.0, 60.0, 40.0, "why")]


@pytest.mark.parametrize("obj", ALL, ids=lambda o: type(o).__name__)
def test_every_domain_object_is_an_immutable_value(obj):
    name = dataclasses.fields(obj)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError, match=f"cannot assign to field '{name}'"):
        setattr(obj, name, None)
