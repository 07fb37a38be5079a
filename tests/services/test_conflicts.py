"""No lost update (issue 13 §5): two laptops, two independent desks on one workspace, the same row edited
twice. The second save is refused with theirs and yours, and nothing either of them wrote is lost."""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import event

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.conflicts import Conflict, written
from tension_desk.services.decisions import DecisionDraft
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_store


@pytest.fixture
def laptops(desk, data_dir, store_url, leaders):
    """This laptop's desk and the other laptop's, each with its own engine, on one workspace."""
    desk.workspace.set_leaders(*leaders)
    engine = open_store(data_dir, url=store_url)
    yield desk, Desk(engine)
    engine.dispose()


@pytest.fixture
def session_id(laptops) -> int:
    return laptops[0].sessions.create("November", dt.date(2026, 11, 24)).id


def draft(title: str, effort: float = 2.0) -> PriorityDraft:
    return PriorityDraft(title=title, side=Side.PRODUCT, effort_weeks=effort)


def test_the_second_save_of_a_priority_is_refused_with_theirs_and_yours_and_nothing_is_lost(laptops, session_id):
    mine, theirs = laptops
    p = mine.priorities.add(session_id, draft("Faster search"))
    seen_here, seen_there = mine.priorities.get(p.id), theirs.priorities.get(p.id)
    theirs.priorities.update(p.id, draft("Faster search (EU first)"), seen=seen_there.version)
    yours = draft("Faster search", effort=5.0)
    with pytest.raises(Conflict, match="“Faster search \\(EU first\\)” was changed by someone else") as refused:
        mine.priorities.update(p.id, yours, seen=seen_here.version)
    assert refused.value.theirs.title == "Faster search (EU first)" and refused.value.yours == yours
    assert mine.priorities.get(p.id).title == "Faster search (EU first)"  # theirs kept whole
    mine.priorities.update(p.id, yours, seen=refused.value.version)  # "use mine": retried over their version
    assert theirs.priorities.get(p.id).effort_weeks == 5.0


def test_the_second_save_of_a_decision_is_refused(laptops, session_id):
    mine, theirs = laptops
    a, b = (mine.priorities.add(session_id, draft(title)) for title in ("Search", "Uptime"))
    tension = mine.tensions.add(session_id, "Search or uptime?", [a.id, b.id])
    decision, _ = mine.decisions.take(session_id, tension.id, DecisionDraft(outcome="Uptime first"))
    seen = mine.decisions.get(decision.id)
    theirs.decisions.update(decision.id, replace(DecisionDraft.of(seen), owner="Daniel"), seen=seen.version)
    with pytest.raises(Conflict, match=r"decision .* was changed by someone else"):
        mine.decisions.update(decision.id, replace(DecisionDraft.of(seen), owner="Maya"), seen=seen.version)
    assert mine.decisions.get(decision.id).owner == "Daniel"


def test_the_second_change_of_a_weight_is_refused(laptops, session_id):
    mine, theirs = laptops
    criterion = mine.scoring.criteria(session_id)[0]
    theirs.scoring.set_weight(session_id, criterion.id, 4.0, seen=criterion.version)
    with pytest.raises(Conflict, match=rf"the weights of {criterion.name} .*changed by someone else") as refused:
        mine.scoring.set_weight(session_id, criterion.id, 1.0, seen=criterion.version)
    assert refused.value.differences() == [("Agreed weight", "4", "1")]
    assert mine.scoring.criteria(session_id)[0].weight == 4.0
    assert mine.scoring.criteria(session_id)[0].version == refused.value.version


def test_an_undo_after_someone_elses_change_is_refused(laptops, session_id):
    mine, theirs = laptops
    p = mine.priorities.add(session_id, draft("Faster search"))
    before = mine.priorities.update(p.id, draft("Faster search, EU"), seen=p.version)
    theirs.priorities.update(p.id, draft("Faster search, US"), seen=theirs.priorities.get(p.id).version)
    with pytest.raises(Conflict, match="changed by someone else"):
        mine.priorities.update(p.id, PriorityDraft.of(before), seen=written(before.version))  # what an undo does
    assert mine.priorities.get(p.id).title == "Faster search, US"


def test_an_undo_of_ones_own_edit_goes_through(laptops, session_id):
    mine, _theirs = laptops
    p = mine.priorities.add(session_id, draft("Faster search"))
    before = mine.priorities.update(p.id, draft("Faster search, EU"), seen=p.version)
    mine.priorities.update(p.id, PriorityDraft.of(before), seen=written(before.version))
    assert mine.priorities.get(p.id).title == "Faster search"


def test_a_change_landing_between_the_read_and_the_write_is_a_conflict_too(laptops, session_id):
    mine, theirs = laptops
    p = mine.priorities.add(session_id, draft("Faster search"))
    saved_first = []

    def the_other_laptop_saves_first(conn, cursor, statement, *args):
        if statement.startswith("UPDATE priority") and not saved_first:
            saved_first.append(theirs.priorities.update(p.id, draft("Faster search, US")))

    event.listen(mine.engine, "before_cursor_execute", the_other_laptop_saves_first)
    try:
        with pytest.raises(Conflict, match="changed by someone else") as refused:
            mine.priorities.update(p.id, draft("Faster search, EU"), seen=p.version)
    finally:
        event.remove(mine.engine, "before_cursor_execute", the_other_laptop_saves_first)
    assert saved_first
    assert refused.value.theirs.title == "Faster search, US"
    assert mine.priorities.get(p.id).title == "Faster search, US"


def test_the_version_check_costs_no_extra_round_trip(laptops, session_id):
    """The version is read with the row and checked in the UPDATE's WHERE: an edit of a priority is still a
    read and a write, a weight the session, its row and the write (issue 13 §8: a laptop 30 ms away)."""
    mine, _theirs = laptops
    p = mine.priorities.add(session_id, draft("Faster search"))
    criterion = mine.scoring.criteria(session_id)[0]
    statements: list[str] = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(mine.engine, "before_cursor_execute", count)
    try:
        mine.priorities.update(p.id, draft("Faster search, EU"), seen=p.version)
        assert len(statements) == 2, statements
        mine.scoring.set_weight(session_id, criterion.id, 2.5, seen=criterion.version)
        assert len(statements) == 2 + 3, statements
    finally:
        event.remove(mine.engine, "before_cursor_execute", count)
    assert [s.split()[0] for s in statements] == ["SELECT", "UPDATE", "SELECT", "SELECT", "UPDATE"]
