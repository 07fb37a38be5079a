"""The whole workspace as JSON: a backup, or a move to another machine.

export → import into an empty store → export gives the same JSON, byte for byte. An import checks
everything first (format, types, ids, references, enums, dates, numbers, text limits) and then writes all
rows in one transaction, keeping their ids; into a store that is not empty it is refused and changes nothing.

The checks mirror what the app itself guarantees when it writes (domain/validation.py, Desk), so any store
the app can produce imports, and nothing imports that the app could not have written.
"""
from __future__ import annotations

import datetime as dt
import json
import math
import re
import sqlite3
from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session as DbSession
from sqlmodel import SQLModel

from tension_desk.domain import limits
from tension_desk.domain.script import StepKind
from tension_desk.domain.validation import control_problem
from tension_desk.services import sealing
from tension_desk.services.unit import Row, table_of
from tension_desk.store import tables as t
from tension_desk.store.engine import advance_sequences, begin_on_server

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

FORMAT = "tension-desk-workspace"
VERSION = 1


class WorkspaceImportError(ValueError):
    """A workspace that cannot be imported (a bad file, a store that is not empty); one line."""


class WorkspaceFileError(WorkspaceImportError):
    """What is wrong in the file itself; the message names the list, the index and the problem."""


# Kinds of column, as they appear in the JSON.
_D, _DT, _S, _I, _F, _B, _J = "date", "datetime", "text", "int", "number", "bool", "json"

# (json key, table, columns: name -> (kind, nullable)), parents before children; the key order of
# each object in the file is the order here. `priorities` starts with the session JSON's fields.
# Every column is kept; a decision's evidence_json (JSON text in the store) appears parsed, as an object.
SPEC: list[tuple[str, type[SQLModel], dict[str, tuple[str, bool]]]] = [
    ("workspace", t.WorkspaceRow, {"id": (_I, False), "name": (_S, False), "created_at": (_DT, False)}),
    ("leaders", t.LeaderRow, {"id": (_I, False), "role": (_S, False), "name": (_S, False), "title": (_S, False),
                              "colour": (_S, False)}),
    ("criteria", t.CriterionRow, {"id": (_I, False), "name": (_S, False), "description": (_S, False),
                                  "weight": (_F, False), "kind": (_S, False), "scale_min": (_I, False),
                                  "scale_max": (_I, False), "position": (_I, False), "archived": (_B, False)}),
    ("sessions", t.SessionRow, {"id": (_I, False), "title": (_S, False), "date": (_D, False), "quarter": (_S, False),
                                "status": (_S, False), "notes": (_S, False), "scoring_turn": (_S, False),
                                "product_done": (_B, False), "engineering_done": (_B, False),
                                "revealed": (_B, False), "created_at": (_DT, False)}),
    ("priorities", t.PriorityRow, {"id": (_I, False), "title": (_S, False), "side": (_S, False),
                                   "description": (_S, False), "effort_weeks": (_F, True), "status": (_S, False),
                                   "quarter": (_S, True), "idea_date": (_D, True), "delivered_date": (_D, True),
                                   "link": (_S, False), "created_at": (_DT, False)}),
    ("session_criteria", t.SessionCriterionRow, {"session_id": (_I, False), "criterion_id": (_I, False),
                                                 "weight": (_F, False), "product_weight": (_F, True),
                                                 "engineering_weight": (_F, True), "position": (_I, False)}),
    ("agenda", t.AgendaRow, {"session_id": (_I, False), "priority_id": (_I, False), "position": (_I, False)}),
    ("tensions", t.TensionRow, {"id": (_I, False), "session_id": (_I, False), "statement": (_S, False),
                                "status": (_S, False), "created_at": (_DT, False)}),
    ("tension_priorities", t.TensionPriorityRow, {"tension_id": (_I, False), "priority_id": (_I, False)}),
    ("scores", t.ScoreRow, {"session_id": (_I, False), "priority_id": (_I, False), "criterion_id": (_I, False),
                            "leader_role": (_S, False), "value": (_I, False), "comment": (_S, False)}),
    ("decisions", t.DecisionRow, {"id": (_I, False), "tension_id": (_I, False), "session_id": (_I, False),
                                  "context": (_S, False), "options": (_S, False), "outcome": (_S, False),
                                  "rationale": (_S, False), "tradeoffs": (_S, False), "cost_of_not": (_S, False),
                                  "success_signal": (_S, False), "owner": (_S, False), "review_date": (_D, True),
                                  "status": (_S, False), "ack_product": (_B, False), "ack_engineering": (_B, False),
                                  "evidence_json": (_J, False), "decided_on": (_D, True),
                                  "review_outcome": (_S, False), "reviewed_in_session_id": (_I, True)}),
    ("capacity_plans", t.CapacityPlanRow, {"id": (_I, False), "quarter": (_S, False), "total_weeks": (_F, False),
                                           "product_share": (_F, False), "engineering_share": (_F, False),
                                           "reviewed_on": (_D, True), "note": (_S, False)}),
    ("capacity_ledger", t.CapacityLedgerRow, {"id": (_I, False), "quarter": (_S, False), "changed_at": (_DT, False),
                                              "total_weeks": (_F, False), "product_share": (_F, False),
                                              "engineering_share": (_F, False), "reason": (_S, False)}),
    ("session_revisions", t.SessionRevisionRow, {"session_id": (_I, False), "revision": (_I, False),
                                                 "record_json": (_S, True), "fingerprint": (_S, True),
                                                 "sealed_at": (_DT, True), "reopened_at": (_DT, True),
                                                 "reopened_by": (_S, False), "reopen_reason": (_S, False)}),
    ("session_steps", t.SessionStepRow, {"session_id": (_I, False), "kind": (_S, False), "position": (_I, False),
                                         "minutes": (_I, False), "spent_seconds": (_I, False)}),
]
# Lists added to format 1 after files were first written: a file without one has no such rows.
OPTIONAL_LISTS = {"session_steps"}
LISTS = [key for key, _table, _columns in SPEC]

ENUMS = {
    ("leaders", "role"): limits.SIDES,
    ("criteria", "kind"): limits.CRITERION_KINDS,
    ("sessions", "status"): limits.SESSION_STATUSES,
    ("sessions", "scoring_turn"): limits.SCORING_TURNS,
    ("priorities", "side"): limits.SIDES,
    ("priorities", "status"): limits.PRIORITY_STATUSES,
    ("tensions", "status"): limits.TENSION_STATUSES,
    ("scores", "leader_role"): limits.SIDES,
    ("decisions", "status"): limits.DECISION_STATUSES,
    ("decisions", "review_outcome"): ("", *limits.REVIEW_OUTCOMES),
    ("session_steps", "kind"): tuple(k.value for k in StepKind),
}
# Text fields: limits.ONE_LINE (no control characters, no line breaks) and limits.LONG_TEXT, the entries
# validation uses; every other text field is multi-line (newline and tab, no other control character), up to
# limits.TEXT.
NOT_EMPTY = {("leaders", "name"), ("criteria", "name"), ("sessions", "title"), ("priorities", "title"),
             ("tensions", "statement")}
QUARTERS = {("sessions", "quarter"), ("priorities", "quarter"), ("capacity_plans", "quarter"),
            ("capacity_ledger", "quarter")}
# Number ranges the app applies when it writes.
RANGES = {
    ("criteria", "weight"): (0, limits.WEIGHT), ("criteria", "scale_min"): limits.SCALE,
    ("criteria", "scale_max"): limits.SCALE,
    ("session_criteria", "weight"): (0, limits.WEIGHT), ("session_criteria", "product_weight"): (0, limits.WEIGHT),
    ("session_criteria", "engineering_weight"): (0, limits.WEIGHT),
    ("priorities", "effort_weeks"): (0, limits.EFFORT_WEEKS),
    ("capacity_plans", "total_weeks"): (0, limits.TOTAL_WEEKS), ("capacity_plans", "product_share"): (0, limits.SHARE),
    ("capacity_plans", "engineering_share"): (0, limits.SHARE),
    ("capacity_ledger", "total_weeks"): (0, limits.TOTAL_WEEKS),
    ("capacity_ledger", "product_share"): (0, limits.SHARE),
    ("capacity_ledger", "engineering_share"): (0, limits.SHARE),
    ("session_steps", "minutes"): (1, limits.STEP_MINUTES),
    ("session_steps", "spent_seconds"): (0, limits.STEP_SPENT_SECONDS),
}
# (list, column) -> the list whose ids it refers to
REFERENCES = {
    ("session_criteria", "session_id"): "sessions", ("session_criteria", "criterion_id"): "criteria",
    ("agenda", "session_id"): "sessions", ("agenda", "priority_id"): "priorities",
    ("tensions", "session_id"): "sessions",
    ("tension_priorities", "tension_id"): "tensions", ("tension_priorities", "priority_id"): "priorities",
    ("scores", "session_id"): "sessions", ("scores", "priority_id"): "priorities",
    ("scores", "criterion_id"): "criteria",
    ("decisions", "tension_id"): "tensions", ("decisions", "session_id"): "sessions",
    ("decisions", "reviewed_in_session_id"): "sessions", ("session_steps", "session_id"): "sessions",
}
# Whole numbers the app counts on from the highest when it adds a row: each table's id (the store's next id), a
# criterion's and an agenda entry's position (services/criteria.py, priorities.py). A file brings them up to
# limits.COUNTED, so the rows added after an import still fit either store and export to a file that imports again.
COUNTED = {(key, "id") for key, _table, columns in SPEC if "id" in columns} | {("criteria", "position"),
                                                                              ("agenda", "position")}
# Unique columns besides the primary key (the store's UNIQUE constraints).
UNIQUE = {("leaders", "role"), ("capacity_plans", "quarter")}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_QUARTER = re.compile(r"^\d{4}-Q[1-4]$")


# -- export --------------------------------------------------------------------------------------------
def _out(kind: str, value: Any) -> Any:
    """A stored value as the file holds it (JSON)."""
    if value is None:
        return None
    if kind == _D:
        return value.isoformat()
    if kind == _DT:  # UTC (the column type gives it with an offset; older rows may come without)
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        return value.astimezone(dt.UTC).isoformat()
    if kind == _J:
        return json.loads(value or "{}")
    if kind == _F:
        return float(value)
    return value


def _begin(db: DbSession, how: str = "") -> None:
    """Start the driver's transaction now (sqlite3 would otherwise run reads outside one, and start a
    transaction only at the first write): ``BEGIN`` for a consistent snapshot across several reads,
    ``BEGIN IMMEDIATE`` to hold the write lock from a check to the writes that depend on it."""
    conn = db.connection()
    if conn.dialect.name == "postgresql":
        begin_on_server(conn, write=bool(how))
        return
    driver = conn.connection.driver_connection  # sqlite3's own connection: the only other store
    if isinstance(driver, sqlite3.Connection) and not driver.in_transaction:
        conn.exec_driver_sql(f"BEGIN {how}".strip())


def export_workspace(desk: Desk) -> dict[str, Any]:
    """Everything in the store, one list per table, each sorted by its primary key."""
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    with desk.unit.reading() as db:
        _begin(db)  # every table from the same moment, even if another process writes meanwhile
        for key, table, columns in SPEC:
            tbl = table_of(table)
            rows = db.execute(select(tbl).order_by(*tbl.primary_key.columns)).mappings()
            data[key] = [{name: _out(kind, row[name]) for name, (kind, _null) in columns.items()}
                         for row in rows]
    return data


def workspace_json(desk: Desk) -> str:
    """The workspace file's text: deterministic, so the same store always gives the same bytes."""
    return json.dumps(export_workspace(desk), indent=2, ensure_ascii=False, allow_nan=False) + "\n"


class WorkspaceTooLarge(ValueError):
    """A store whose workspace file would be larger than import-workspace reads; ``reason`` says by how much."""

    def __init__(self, size: int):
        mb = 1024 * 1024
        self.reason = (f"the workspace would be a {size / mb:,.0f} MB file, and import-workspace reads at most "
                       f"{limits.WORKSPACE_FILE // mb} MB")
        super().__init__(f"{self.reason}, so none was written; `tension-desk backups` and copy-store keep a store "
                         "of any size")


def workspace_file(desk: Desk) -> bytes:
    """The workspace file's bytes, refused over limits.WORKSPACE_FILE: a file import-workspace would not read
    again is never written (the store's own backups and copy-store carry any size)."""
    data = workspace_json(desk).encode("utf-8")
    if len(data) > limits.WORKSPACE_FILE:
        raise WorkspaceTooLarge(len(data))
    return data


# -- import: checking ----------------------------------------------------------------------------------
def _problem(key: str, index: int, message: str) -> WorkspaceFileError:
    return WorkspaceFileError(f"{key}[{index}]: {message}")


def _check_text(value: str) -> str | None:
    """What is wrong with a text value, or None."""
    if "\x00" in value:
        return "holds a NUL character"
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return "is not valid Unicode text (a lone surrogate)"
    return None


def _check_json_text(value: str) -> str | None:
    """What is wrong with a text inside a JSON field (evidence, a sealed record), or None: its escapes
    (``\\u001b``) hide from a check of the field's raw text, so each text is checked once decoded."""
    return _check_text(value) or control_problem(value, multiline=True)


def _check_evidence(value: Any) -> str | None:
    """A decision's frozen evidence or a sealed record: any JSON object, but finite numbers and valid text
    (no control character but newline and tab) only."""
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for k, v in item.items():
                if _check_json_text(k):
                    return f"has a key that {_check_json_text(k)}"
                stack.append(v)
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            return f"holds the number {item}, which is not finite"
        elif isinstance(item, str) and _check_json_text(item):
            return f"has text that {_check_json_text(item)}"
    return None


def _check_sealed(row: Row) -> str | None:
    """What is wrong with a session revision's sealed record, or None: it must be a session record, hold
    valid text only, match its stored fingerprint, so a record changed after it was sealed is refused, and be
    the record of that session's revision (a closed session's documents are made from it)."""
    from tension_desk.services.canonical import fingerprint, record_from_dict

    record, stored = row["record_json"], row["fingerprint"]
    if record is None:
        return None if stored is None else "has a fingerprint but no sealed record"
    sealed = None
    try:
        data = json.loads(record)
        problem = _check_evidence(data) if isinstance(data, dict) else "is not a JSON object"
        if problem is None:
            sealed = record_from_dict(data)
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        problem = "is not a sealed session record"
    if problem or sealed is None:
        return f"record_json {problem}"
    if stored != fingerprint(record.encode("utf-8")):
        return (f"the sealed record of session {row['session_id']}, revision {row['revision']}, does not match "
                "its fingerprint: it was changed after it was sealed")
    if (sealed.session.id, sealed.revision.number) != (row["session_id"], row["revision"]):
        return (f"the sealed record of session {row['session_id']}, revision {row['revision']}, is the record of "
                f"session {sealed.session.id}, revision {sealed.revision.number}")
    return None


def _in(key: str, index: int, name: str, kind: str, nullable: bool, value: Any) -> Any:
    """One field from the file, checked and converted to what the table stores."""
    where = (key, name)
    if value is None:
        if nullable:
            return None
        raise _problem(key, index, f"{name} must not be null")
    def wrong() -> WorkspaceFileError:
        return _problem(key, index, f"{name} {_short(value)} is not a valid {kind}")

    if kind == _I:
        if isinstance(value, bool) or not isinstance(value, int):
            raise wrong()
        if (name == "id" or name.endswith("_id")) and value <= 0:
            raise _problem(key, index, f"{name} {value} is not a positive id")
        if not -limits.INTEGER - 1 <= value <= limits.INTEGER:  # a file that fits one store fits the other
            raise _problem(key, index, f"{name} {value} is out of range")
        if where in COUNTED and value > limits.COUNTED:
            raise _problem(key, index, f"{name} {value} leaves too little room for new rows, which are "
                                       f"numbered on from the highest: at most {limits.COUNTED}")
    elif kind == _F:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise wrong()
        if isinstance(value, float) and not math.isfinite(value):
            raise _problem(key, index, f"{name} {value} is not a finite number")
        if isinstance(value, int) and abs(value) > 1e15:  # a huge int would overflow float()
            raise _problem(key, index, f"{name} {_short(value)} is out of range")
        value = float(value)
    elif kind == _B:
        if not isinstance(value, bool):
            raise wrong()
    elif kind == _S:
        if not isinstance(value, str):
            raise wrong()
        limit = limits.ONE_LINE.get(where) or limits.LONG_TEXT.get(where, limits.TEXT)
        if len(value) > limit:
            raise _problem(key, index, f"{name} is {len(value)} characters long; at most {limit}")
        if _check_text(value):
            raise _problem(key, index, f"{name} {_check_text(value)}")
        if control_problem(value, multiline=where not in limits.ONE_LINE):
            raise _problem(key, index, f"{name} {control_problem(value, multiline=where not in limits.ONE_LINE)}")
        if where in NOT_EMPTY and not value.strip():
            raise _problem(key, index, f"{name} is empty")
        if where in QUARTERS and not _QUARTER.match(value):
            raise _problem(key, index, f"{name} {_short(value)} is not a quarter like 2026-Q4")
        if where in ENUMS and value not in ENUMS[where]:
            raise _problem(key, index, f"{name} {_short(value)} must be one of {', '.join(map(repr, ENUMS[where]))}")
    elif kind == _D:
        if not isinstance(value, str) or not _DATE.match(value):
            raise _problem(key, index, f"{name} {_short(value)} is not a date like 2026-11-24")
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise _problem(key, index, f"{name} {_short(value)} is not a date like 2026-11-24") from None
    elif kind == _DT:
        try:
            if not isinstance(value, str) or len(value) > 64:
                raise ValueError
            parsed = dt.datetime.fromisoformat(value)
            # The column type stores UTC (and refuses a time without an offset): a time without one is taken as UTC.
            value = parsed.astimezone(dt.UTC) if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)
        except (ValueError, OverflowError):  # OverflowError: in UTC it would fall before year 1 or after 9999
            raise _problem(key, index, f"{name} {_short(value)} is not a date and time like "
                                       "2026-11-24T10:20:30+00:00") from None
    elif kind == _J:
        if not isinstance(value, dict):
            raise _problem(key, index, f"{name} must be a JSON object")
        if _check_evidence(value):
            raise _problem(key, index, f"{name} {_check_evidence(value)}")
        value = json.dumps(value, sort_keys=True)  # as the app stores it (services/decisions.py)
        if len(value) > limits.EVIDENCE:
            raise _problem(key, index, f"{name} is {len(value)} characters long; at most {limits.EVIDENCE}")
    if kind == _F and where in RANGES:
        lo, hi = RANGES[where]
        if not lo <= value <= hi:
            raise _problem(key, index, f"{name} {value:g} is outside {lo:g}–{hi:g}")
    if kind == _I and where in RANGES:
        lo, hi = RANGES[where]
        if not lo <= value <= hi:
            raise _problem(key, index, f"{name} {value} is outside {lo}–{hi}")
    return value


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _load(data: bytes) -> dict[str, Any]:
    if not isinstance(data, (bytes, bytearray)):
        raise WorkspaceFileError("a workspace file is read as bytes")
    try:
        doc = json.loads(bytes(data).decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise WorkspaceFileError("the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise WorkspaceFileError(f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: "
                                 f"{exc.msg})") from None
    except RecursionError:
        raise WorkspaceFileError("the file nests lists or objects too deeply to be a workspace") from None
    except ValueError as exc:  # e.g. an integer of thousands of digits
        raise WorkspaceFileError(f"the file is not usable JSON ({str(exc).split(':')[0]})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise WorkspaceFileError("this is not a Tension Desk workspace file (export one with export-workspace)")
    version = doc.get("version")
    if isinstance(version, bool) or version != VERSION:
        raise WorkspaceFileError(f"workspace format version {_short(version)} is not supported "
                                 f"(this app reads {VERSION})")
    unknown = set(doc) - {"format", "version", *LISTS}
    if unknown:
        raise WorkspaceFileError(f"unknown top-level key(s): {', '.join(sorted(map(repr, unknown)))}")
    return doc


def parse_workspace(data: bytes) -> dict[str, list[Row]]:
    """Check a workspace file completely; return its rows ready to insert (by list), or raise WorkspaceImportError."""
    doc = _load(data)
    rows: dict[str, list[Row]] = {}
    ids: dict[str, set[int]] = {}
    for key, table, columns in SPEC:
        items = doc.get(key, [] if key in OPTIONAL_LISTS else None)
        if items is None:
            raise WorkspaceFileError(f"the list {key!r} is missing")
        if not isinstance(items, list):
            raise WorkspaceFileError(f"{key!r} must be a list, not {type(items).__name__}")
        pk = [c.name for c in table_of(table).primary_key.columns]
        seen: set[tuple[Any, ...]] = set()
        unique: dict[str, set[Any]] = {col: set() for (k, col) in UNIQUE if k == key}
        out = []
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise _problem(key, i, "is not an object")
            unknown = set(item) - set(columns)
            if unknown:
                raise _problem(key, i, f"unknown field(s) {', '.join(sorted(map(repr, unknown)))}")
            missing = [name for name in columns if name not in item]
            if missing:
                raise _problem(key, i, f"missing field(s) {', '.join(map(repr, missing))}")
            row = {name: _in(key, i, name, kind, nullable, item[name])
                   for name, (kind, nullable) in columns.items()}
            ident = tuple(row[k] for k in pk)
            if ident in seen:
                raise _problem(key, i, f"duplicate {'id' if len(pk) == 1 else '(' + ', '.join(pk) + ')'} "
                                       f"{ident[0] if len(ident) == 1 else ident}")
            seen.add(ident)
            for col, values in unique.items():
                if row[col] in values:
                    raise _problem(key, i, f"a second entry with {col} {row[col]!r}")
                values.add(row[col])
            out.append(row)
        rows[key] = out
        ids[key] = {r["id"] for r in out} if "id" in columns else set()
    for (key, col), target in REFERENCES.items():
        for i, row in enumerate(rows[key]):
            if row[col] is not None and row[col] not in ids[target]:
                raise _problem(key, i, f"{col} {row[col]} refers to no entry of {target}")
    for i, row in enumerate(rows["criteria"]):
        if row["scale_min"] >= row["scale_max"]:
            raise _problem("criteria", i, f"scale_min {row['scale_min']} must be below scale_max {row['scale_max']}")
    scales = {r["id"]: (r["scale_min"], r["scale_max"]) for r in rows["criteria"]}
    for i, row in enumerate(rows["scores"]):
        lo, hi = scales[row["criterion_id"]]
        if not lo <= row["value"] <= hi:
            raise _problem("scores", i, f"value {row['value']} is outside the criterion's scale {lo}–{hi}")
    for key in ("capacity_plans", "capacity_ledger"):
        for i, row in enumerate(rows[key]):
            total = row["product_share"] + row["engineering_share"]
            if abs(total - 100) > 1e-6:
                raise _problem(key, i, f"the shares add up to {total:g}%, not 100%")
    revisions = Counter(row["session_id"] for row in rows["session_revisions"])
    for i, row in enumerate(rows["session_revisions"]):
        count = revisions[row["session_id"]]  # the app numbers a session's next revision on from how many it has
        if not 1 <= row["revision"] <= count:
            raise _problem("session_revisions", i, f"revision {row['revision']} of session {row['session_id']}: "
                                                   f"its {count} revision(s) are numbered 1 to {count}")
        problem = _check_sealed(row)
        if problem:
            raise _problem("session_revisions", i, problem)
    return rows


# -- import: writing -----------------------------------------------------------------------------------
def _is_empty(db: DbSession) -> bool:
    return not any(db.execute(select(func.count()).select_from(table_of(table))).scalar_one()
                   for _key, table, _columns in SPEC)


def store_is_empty(desk: Desk) -> bool:
    """No row in any table: no leaders, criteria, sessions, priorities, capacity plans…"""
    with desk.unit.reading() as db:
        return _is_empty(db)


def import_workspace(desk: Desk, data: bytes) -> dict[str, int]:
    """Fill an empty store from a workspace file, keeping every id; returns how many rows each list brought.

    Raises WorkspaceImportError (and writes nothing) for a bad file or a store that is not empty."""
    rows = parse_workspace(data)
    try:
        with desk.unit.transaction() as db:
            _begin(db, "IMMEDIATE")  # nobody can write between the check and the inserts
            if not _is_empty(db):
                raise WorkspaceImportError("the store is not empty: import-workspace only fills a new store "
                                           "(use --data-dir with a new folder)")
            for key, table, _columns in SPEC:
                if rows[key]:
                    db.execute(insert(table_of(table)), rows[key])
            advance_sequences(db.connection())  # ids were kept: new rows must not take them again
            sealing.seal_unsealed(desk)  # closed sessions of a file from before sealing: sealed on import
    except SQLAlchemyError as exc:  # the checks above should leave nothing for the database to refuse
        detail = str(getattr(exc, "orig", None) or exc).partition("\n")[0]  # the server's first line, not its DETAIL
        raise WorkspaceImportError(f"the store refused the workspace ({detail}); nothing was imported") from None
    return {key: len(rows[key]) for key in LISTS}
