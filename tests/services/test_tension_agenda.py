"""A tension links priorities of its own session's agenda, and nothing else."""
from __future__ import annotations

import datetime as dt

import pytest

from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.domain.validation import ValidationError


def test_a_tension_refuses_a_priority_from_another_sessions_agenda(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    october = desk.sessions.create("October session", dt.date(2026, 10, 13))
    november = desk.sessions.create("November session", dt.date(2026, 11, 17))
    sso = desk.priorities.add(november.id, PriorityDraft("SSO", Side.PRODUCT)).id
    upgrade = desk.priorities.add(october.id, PriorityDraft("Postgres upgrade", Side.ENGINEERING)).id

    with pytest.raises(ValidationError, match=r"^the priority “Postgres upgrade” is not on the agenda of the "
                                              r"session “November session”[^\n]*$"):
        desk.tensions.add(november.id, "SSO or the upgrade?", [sso, upgrade])

    assert desk.tensions.list() == []
    tension = desk.tensions.add(october.id, "Hmm", [upgrade, desk.priorities.add(october.id, PriorityDraft(
        "Billing", Side.PRODUCT)).id])
    assert desk.tensions.of_session(october.id) == [tension]


def test_updating_a_tension_refuses_a_priority_off_its_sessions_agenda_and_leaves_it_unchanged(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    october = desk.sessions.create("October session", dt.date(2026, 10, 13))
    november = desk.sessions.create("November session", dt.date(2026, 11, 17))
    sso = desk.priorities.add(november.id, PriorityDraft("SSO", Side.PRODUCT)).id
    ci = desk.priorities.add(november.id, PriorityDraft("CI speed", Side.ENGINEERING)).id
    upgrade = desk.priorities.add(october.id, PriorityDraft("Postgres upgrade", Side.ENGINEERING)).id
    tension = desk.tensions.add(november.id, "SSO or CI speed?", [sso, ci])

    with pytest.raises(ValidationError, match=r"^the priority “Postgres upgrade” is not on the agenda of the "
                                              r"session “November session”[^\n]*$"):
        desk.tensions.update(tension.id, "SSO or the upgrade?", [sso, upgrade])

    assert desk.tensions.get(tension.id) == tension
