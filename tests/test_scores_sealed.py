"""Whether a session's blind scores are sealed (no export while they are), asked by the window's state on every
live refresh: a cold start's first-frame desk answers it without the ORM (``store.quick``), and its answer is the
services' own."""
from __future__ import annotations

import datetime as dt
import sqlite3

import pytest

from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import SessionStatus, Side

STATES = {
    "not started": ScoringState(),
    "product's turn": ScoringState(turn=Side.PRODUCT),
    "product done": ScoringState(product_done=True),
    "both done": ScoringState(product_done=True, engineering_done=True),
    "revealed": ScoringState(product_done=True, engineering_done=True, revealed=True),
}


def _first_frame_desk(data_dir):
    """The desk a cold start reads the store through, which fails the test if anything loads the ORM."""
    from tension_desk.services.first_frame import FirstFrameDesk
    from tension_desk.store.engine import check_local_store

    return FirstFrameDesk(check_local_store(data_dir, daily_backup=False),
                          lambda: pytest.fail("the ORM was loaded"))


def test_the_first_frame_reads_the_blind_scoring_of_every_session_as_the_services_do(data_dir, desk):
    from tension_desk.services import sealing
    from tension_desk.services.sample import add_sample
    from tension_desk.services.types import scores_sealed

    sessions = [desk.sessions.get(sid) for sid in add_sample(desk)]
    sessions.append(desk.sessions.create("Nothing scored yet", dt.date(2027, 1, 4)))
    assert any(desk.scoring.scores(s.id) for s in sessions) and any(not desk.scoring.scores(s.id) for s in sessions)
    open_ones = [s for s in sessions if s.status is not SessionStatus.CLOSED]
    quick = _first_frame_desk(data_dir)
    seen = set()
    for name, state in STATES.items():
        for s in open_ones:
            desk.scoring.set_state(s.id, state)
        for s in sessions:
            assert quick.scoring.state(s.id) == desk.scoring.state(s.id), (name, s.title)
            assert sorted(quick.scoring.scores(s.id), key=repr) == sorted(desk.scoring.scores(s.id), key=repr)
            sealed = scores_sealed(quick, s.id)
            assert sealed == sealing.scores_sealed(desk, s.id), (name, s.title)
            seen.add(sealed)
    assert seen == {True, False} and not quick.loaded
    with pytest.raises(LookupError, match="there is no session 1000000"):
        quick.scoring.state(10**6)
    quick.dispose()


@pytest.mark.parametrize("state", ["product done", "revealed"])
def test_a_live_refresh_on_a_cold_start_tells_sealed_scores_without_loading_the_orm(first_frame_window, sample_dir,
                                                                                      state):
    """Another process renames the session on screen: the live refresh updates the window's state (export off
    while the scores are sealed) from the first-frame desk, as the services would, and loads no ORM for it."""
    from tension_desk.services import sealing
    from tension_desk.store.engine import store_path

    window = first_frame_window
    desk = window.ctx.desk
    window.show()
    live = next(s for s in desk.sessions.list() if s.status is not SessionStatus.CLOSED)
    window.session_tree.setCurrentIndex(window.session_model.index_of(live.id))
    s = STATES[state]
    conn = sqlite3.connect(store_path(sample_dir))
    try:
        with conn:
            conn.execute("UPDATE session SET title = 'Renamed elsewhere', product_done = ?, engineering_done = ?, "
                         "revealed = ?, version = version + 1 WHERE id = ?",
                         (s.product_done, s.engineering_done, s.revealed, live.id))
    finally:
        conn.close()
    window.live._poll()  # its timer's tick
    assert window.windowTitle().startswith("Renamed elsewhere")
    hidden = not window.hidden_label.isHidden()
    assert not desk.loaded, "the live refresh loaded the ORM"
    assert hidden == sealing.scores_sealed(desk.load(), live.id) == (state == "product done")
    assert all(a.isEnabled() is not hidden for a in window.export_actions.values())
