"""Seats on a shared workspace: remembered per laptop and per workspace, and blind scoring on the leaders' own
laptops at the same time (two Desks, each on its leader's login), then the reveal."""
from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.exc import DBAPIError

from tension_desk.domain.model import Leader, PriorityDraft, Side
from tension_desk.domain.seats import Seat, progress, visible_roles
from tension_desk.services import seats
from tension_desk.services.desk import Desk
from tension_desk.store.engine import open_server_store


def test_a_laptop_remembers_its_seat_per_workspace_in_its_own_config_not_the_database(data_dir, tmp_path):
    one, two = "postgresql+psycopg://maya@db.example/tension", "postgresql+psycopg://maya@db.example/other"
    assert seats.seat_of(one) is None
    seats.remember_seat(one, Seat.PRODUCT)
    seats.remember_seat(two, Seat.SCREEN)
    assert (seats.seat_of(one), seats.seat_of(two)) == (Seat.PRODUCT, Seat.SCREEN)
    seats.remember_seat(one, Seat.ENGINEERING)  # changed from the menu
    assert seats.seat_of(one) is Seat.ENGINEERING
    assert seats.seats_file().is_relative_to(tmp_path / "xdg-config")


def test_a_damaged_seats_file_means_the_laptop_is_asked_again(data_dir):
    url = "postgresql+psycopg://maya@db.example/tension"
    seats.seats_file().parent.mkdir(parents=True)
    seats.seats_file().write_text("{not json", encoding="utf-8")
    assert seats.seat_of(url) is None
    seats.remember_seat(url, Seat.SCREEN)
    assert seats.seat_of(url) is Seat.SCREEN


def test_what_each_seat_may_see_before_and_after_the_reveal():
    from tension_desk.domain.blind import ScoringState

    blind = ScoringState(product_done=True)
    assert visible_roles(blind, Seat.PRODUCT) == {Side.PRODUCT}
    assert visible_roles(blind, Seat.ENGINEERING) == {Side.ENGINEERING}
    assert visible_roles(blind, Seat.SCREEN) == frozenset()
    assert progress(blind) == {Side.PRODUCT: True, Side.ENGINEERING: False}
    revealed = ScoringState(product_done=True, engineering_done=True, revealed=True)
    assert all(visible_roles(revealed, s) == set(Side) for s in Seat)


@pytest.fixture
def two_laptops(seated_workspace):
    """The owner sets up a session; Maya's and Daniel's laptops each open it with their own login."""
    owner = Desk(seated_workspace.owner)
    owner.workspace.set_leaders(Leader(Side.PRODUCT, "Maya Chen", "CPO"),
                                Leader(Side.ENGINEERING, "Daniel Okafor", "CTO"))
    session = owner.sessions.create("November session", dt.date(2026, 11, 17))
    sso = owner.priorities.add(session.id, PriorityDraft(title="SSO", side=Side.PRODUCT))
    laptops = [Desk(open_server_store(seated_workspace.url(login)))
               for login in (seated_workspace.logins.product, seated_workspace.logins.engineering)]
    yield owner, *laptops, session.id, sso.id, [c.id for c in owner.scoring.criteria(session.id)]
    for desk in laptops:
        desk.engine.dispose()


def _seen(desk, sid) -> set[tuple[str, int]]:
    return {(s.leader_role.value, s.value) for s in desk.scoring.scores(sid)}


def test_both_leaders_score_blind_at_once_then_both_done_reveals_on_every_laptop(two_laptops):
    owner, maya, daniel, sid, pid, crits = two_laptops
    for i, c in enumerate(crits[:3]):  # interleaved, as two people typing at the same time
        maya.scoring.set_score(sid, pid, c, Side.PRODUCT, 4)
        daniel.scoring.set_score(sid, pid, c, Side.ENGINEERING, i)
    assert _seen(maya, sid) == {("product", 4)}
    assert _seen(daniel, sid) == {("engineering", 0), ("engineering", 1), ("engineering", 2)}

    seats.set_done(maya.unit, sid, Side.PRODUCT)
    after = maya.scoring.state(sid)
    assert (after.product_done, after.engineering_done, after.revealed) == (True, False, False)
    assert daniel.scoring.state(sid).done(Side.PRODUCT) and _seen(daniel, sid) == {
        ("engineering", 0), ("engineering", 1), ("engineering", 2)}

    seats.set_done(daniel.unit, sid, Side.ENGINEERING)
    assert daniel.scoring.state(sid).revealed
    assert _seen(maya, sid) == _seen(daniel, sid) == _seen(owner, sid) == {
        ("product", 4), ("engineering", 0), ("engineering", 1), ("engineering", 2)}


def test_a_leader_s_laptop_cannot_write_the_other_side_s_scores(two_laptops):
    _owner, maya, _daniel, sid, pid, crits = two_laptops
    with pytest.raises(DBAPIError, match="row-level security"):
        maya.scoring.set_score(sid, pid, crits[0], Side.ENGINEERING, 5)
    assert _seen(maya, sid) == set()


def test_undoing_done_hides_the_scores_again(two_laptops):
    _owner, maya, daniel, sid, pid, crits = two_laptops
    maya.scoring.set_score(sid, pid, crits[0], Side.PRODUCT, 4)
    daniel.scoring.set_score(sid, pid, crits[0], Side.ENGINEERING, 1)
    seats.set_done(maya.unit, sid, Side.PRODUCT)
    before = seats.set_done(daniel.unit, sid, Side.ENGINEERING)
    seats.undo_done(daniel.unit, sid, Side.ENGINEERING, before)
    after = daniel.scoring.state(sid)
    assert (after.product_done, after.engineering_done, after.revealed) == (True, False, False)
    assert _seen(maya, sid) == {("product", 4)}


def test_done_on_a_session_that_is_gone_says_so(two_laptops):
    _owner, maya, *_ = two_laptops
    with pytest.raises(LookupError, match="there is no session 999"):
        seats.set_done(maya.unit, 999, Side.PRODUCT)
