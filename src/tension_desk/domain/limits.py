"""Every limit on what the app stores, in one place.

Validation and the services refuse what is over a limit, the widgets stop typing at it, and a workspace file
is checked against the same numbers, so whatever the app stores, its own backup imports again.
Text lengths count characters (Python ``len``); numbers are inclusive ranges.
"""
from __future__ import annotations

from tension_desk.domain.model import (
    CriterionKind,
    DecisionStatus,
    PriorityStatus,
    SessionStatus,
    Side,
    TensionStatus,
)

# -- one-line text ---------------------------------------------------------------------------------
TITLE = 200  # a priority's title, a session's title, the workspace's name
LEADER_NAME = 120
LEADER_TITLE = 60
LEADER_COLOUR = 64
CRITERION_NAME = 80
LINK = 2000
OWNER = 120  # a decision's owner

# -- multi-line text -------------------------------------------------------------------------------
TEXT = 20_000  # descriptions, tension statements, decision text, capacity notes, ledger reasons, comments
NOTES = 1_000_000  # a session's notes
EVIDENCE = 1_000_000  # a decision's frozen evidence, as stored (JSON text)
SEALED_RECORD = 50_000_000  # a closed session's sealed canonical record (JSON text), in a workspace file

# -- numbers ---------------------------------------------------------------------------------------
EFFORT_WEEKS = 10_000.0  # person-weeks of one priority
TOTAL_WEEKS = 100_000  # person-weeks of one quarter's capacity
SHARE = 100  # percent
WEIGHT = 1000  # a criterion's weight
SCALE = (0, 9)  # a criterion's scale: a score is one key press

# -- the values each enumerated field may hold ------------------------------------------------------
SIDES = tuple(s.value for s in Side)
PRIORITY_STATUSES = tuple(s.value for s in PriorityStatus)
SESSION_STATUSES = tuple(s.value for s in SessionStatus)
TENSION_STATUSES = tuple(s.value for s in TensionStatus)
CRITERION_KINDS = tuple(k.value for k in CriterionKind)
DECISION_STATUSES = tuple(s.value for s in DecisionStatus)
REVIEW_OUTCOMES = ("held", "revisit", "reversed")
SCORING_TURNS = ("", *SIDES)  # "" while nobody's scores are masked
