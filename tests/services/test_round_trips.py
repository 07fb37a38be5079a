"""Round trips to the store, counted with SQLAlchemy's before_cursor_execute on both stores: on a laptop 30 ms
from its server every statement is felt, so a score edit is one transaction of at most 3 statements and
opening a session takes at most 5."""
from __future__ import annotations

import datetime as dt
from contextlib import contextmanager

import pytest
from sqlalchemy import event

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.sample import add_sample
from tension_desk.services.tensions import session_agenda


@contextmanager
def counted(engine):
    """The SQL statements run on ``engine`` inside the block, and the transactions they ran in."""
    seen: dict[str, list] = {"statements": [], "commits": []}

    def statement(conn, cursor, sql, params, context, executemany):
        seen["statements"].append(sql)

    def commit(conn):
        seen["commits"].append(len(seen["statements"]))

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(engine, "commit", commit)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", statement)
        event.remove(engine, "commit", commit)


@pytest.fixture
def november(desk):
    sid = add_sample(desk)[-1]
    return sid, desk.priorities.agenda(sid)[0].id, desk.scoring.criteria(sid)[0].id


@pytest.mark.parametrize("before, value", [(None, 4), (4, 2), (2, None)], ids=["new", "changed", "cleared"])
def test_a_score_edit_is_one_transaction_of_at_most_three_statements(desk, november, before, value):
    sid, pid, cid = november
    desk.scoring.set_score(sid, pid, cid, Side.ENGINEERING, before)
    with counted(desk.engine) as seen:
        assert desk.scoring.set_score(sid, pid, cid, Side.ENGINEERING, value) == before
    assert len(seen["commits"]) == 1 and len(seen["statements"]) <= 3, "\n".join(seen["statements"])
    mine = [s.value for s in desk.scoring.scores_of(sid, pid)
            if s.criterion_id == cid and s.leader_role is Side.ENGINEERING]
    assert mine == ([] if value is None else [value])


@pytest.mark.parametrize("revealed, seen_before", [(False, False), (True, True)],
                         ids=["blind-first-time", "revealed-again"])
def test_opening_a_session_takes_at_most_five_statements(desk, november, data_dir, store_url, qtbot, no_dialogs,
                                                         revealed, seen_before):
    """A click on a session in the sidebar, as the window runs it: the session, its script, and every tab
    loaded (agenda, tensions, decisions, matrix, weights, capacity, and the rank stability its timer computes
    just after), from one read of at most 5 statements."""
    from tension_desk.app import build_window, make_application

    make_application()
    window = build_window(data_dir, store_url)
    qtbot.addWidget(window)
    sessions = desk.sessions.list()  # newest first: November (blind scoring), October (revealed), September
    sid, other = (sessions[1].id, sessions[2].id) if revealed else (november[0], sessions[-1].id)
    try:
        for opened in ([sid, other] if seen_before else [other]):
            window.session_tree.setCurrentIndex(window.session_model.index_of(opened))
        view = window.session_view
        with counted(window.ctx.desk.engine) as seen:
            window.session_tree.setCurrentIndex(window.session_model.index_of(sid))
            assert view.matrix_tab.timer.isActive()
            view.matrix_tab.update_stability()  # what the timer runs when it fires
        assert len(seen["statements"]) <= 5, "\n".join(seen["statements"])
        assert view.session.id == sid and view.matrix.model.priorities() == desk.priorities.agenda(sid)
        assert view.matrix.model.criteria() == desk.scoring.criteria(sid)
        assert ("after the reveal" not in view.matrix.stability.text()) is revealed
    finally:
        window.close()
        window.ctx.desk.engine.dispose()


def test_opening_a_session_reads_none_of_the_later_sessions_rows(desk, november):
    """September, the oldest session, shows only its own tensions and decisions, and only the priorities of its
    agenda, its quarter and its tensions: October's and November's rows stay in the store (on a five-year
    store, reading them all made opening a session three times slower)."""
    september = desk.sessions.list()[-1]
    snap = desk.sessions.open(september.id)
    own = desk.tensions.of_session(september.id)
    assert snap.tensions == own
    assert snap.decisions == [d for d in desk.decisions.list() if d.tension_id in {x.id for x in own}]
    shown = ({p.id for p in desk.priorities.agenda(september.id)} | {pid for x in own for pid in x.priority_ids}
             | {p.id for p in desk.priorities.of_quarter(september.quarter)})
    assert set(snap.priorities) == shown < {p.id for p in desk.priorities.list()}
    assert len(desk.decisions.list()) > len(snap.decisions) and len(desk.tensions.list()) > len(own)
    for s in desk.sessions.list():  # what each agenda shows (own, carried over, reviews due) is all there
        snap = desk.sessions.open(s.id)
        assert (session_agenda(s.id, snap.sessions, snap.tensions, snap.decisions)
                == session_agenda(s.id, snap.sessions, desk.tensions.list(), desk.decisions.list()))


def test_adding_many_priorities_is_one_transaction_whatever_their_number(desk, november):
    """A CSV import of many rows: the priorities and their agenda places go in as batches, so the statements
    do not grow with the rows; each lands at the end of its side's list, in the order given, at version 1."""
    sid = desk.sessions.create("December", dt.date(2026, 12, 15)).id
    drafts = [PriorityDraft(f"Imported {i}", Side.PRODUCT if i % 3 else Side.ENGINEERING) for i in range(60)]
    with counted(desk.engine) as seen:
        added = desk.priorities.add_many(sid, drafts)
    assert len(seen["commits"]) == 1 and len(seen["statements"]) <= 10, "\n".join(seen["statements"])
    assert [p.title for p in added] == [d.title for d in drafts] and {p.version for p in added} == {1}
    assert [p.id for p in added] == sorted(p.id for p in added)
    agenda = desk.priorities.agenda(sid)
    assert agenda == ([p for p in added if p.side is Side.PRODUCT] + [p for p in added if p.side is Side.ENGINEERING])


def test_adding_no_priorities_adds_nothing_and_raises_nothing(desk, november):
    """An import whose rows all turned out empty adds nothing: no error, the agenda as it was (SQLAlchemy
    refuses an INSERT of no rows, which the presentation tests met as a deprecation warning made an error)."""
    sid = desk.sessions.create("December", dt.date(2026, 12, 15)).id
    before = desk.priorities.agenda(sid)
    assert desk.priorities.add_many(sid, []) == []
    assert desk.priorities.agenda(sid) == before
