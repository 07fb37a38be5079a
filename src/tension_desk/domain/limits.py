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
CSV_FILE = 20 * 1024 * 1024  # bytes of a priorities CSV
CSV_ROWS = 10_000  # rows of a priorities CSV, good and bad together
WORKSPACE_FILE = 200 * 1024 * 1024  # bytes of a workspace file: import-workspace reads no more, export-workspace
# writes no more (a larger store moves whole with its SQLite backups or copy-store, which have no such cap)

# -- numbers ---------------------------------------------------------------------------------------
EFFORT_WEEKS = 10_000.0  # person-weeks of one priority
TOTAL_WEEKS = 100_000  # person-weeks of one quarter's capacity
SHARE = 100  # percent
WEIGHT = 1000  # a criterion's weight
SCALE = (0, 9)  # a criterion's scale: a score is one key press
STEP_MINUTES = 240  # a meeting step's time box: longer than four hours is a typo
STEP_SPENT_SECONDS = 7 * 24 * 3600  # a timer left running for a week still stores; beyond that it is broken
INTEGER = 2**31 - 1  # an id or other whole number: the tables' Integer on PostgreSQL (SQLite's holds 2**63 - 1)
COUNTED = 2**30 - 1  # the highest id, or criterion or agenda position, a workspace file may bring: the app numbers
# each new row on from the highest one, so an import leaves room for a billion more below INTEGER (at INTEGER - 1 the
# second new row would be past what a server holds, and past what a file imports again)

# -- each stored text field, by (list in the workspace file, field) ---------------------------------------
# One-line text (no line break, no control character) and its most characters. Validation checks a field
# against its entry here, and workspace import checks the file against the same entries.
ONE_LINE = {
    ("workspace", "name"): TITLE, ("leaders", "name"): LEADER_NAME, ("leaders", "title"): LEADER_TITLE,
    ("leaders", "colour"): LEADER_COLOUR, ("criteria", "name"): CRITERION_NAME, ("sessions", "title"): TITLE,
    ("priorities", "title"): TITLE, ("priorities", "link"): LINK, ("decisions", "owner"): OWNER,
}
# Every other text field is multi-line, up to TEXT, but these.
LONG_TEXT = {("sessions", "notes"): NOTES, ("session_revisions", "record_json"): SEALED_RECORD}

# -- the values each enumerated field may hold ------------------------------------------------------
SIDES = tuple(s.value for s in Side)
PRIORITY_STATUSES = tuple(s.value for s in PriorityStatus)
SESSION_STATUSES = tuple(s.value for s in SessionStatus)
TENSION_STATUSES = tuple(s.value for s in TensionStatus)
CRITERION_KINDS = tuple(k.value for k in CriterionKind)
DECISION_STATUSES = tuple(s.value for s in DecisionStatus)
REVIEW_OUTCOMES = ("held", "revisit", "reversed")
SCORING_TURNS = ("", *SIDES)  # "" while nobody's scores are masked
