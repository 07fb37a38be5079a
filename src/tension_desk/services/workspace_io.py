"""The whole workspace as JSON: a backup, or a move to another machine.

export → import into an empty store → export gives the same JSON, byte for byte. An import checks
everything first (format, types, ids, references, enums, dates, numbers, text limits) and then writes all
rows in one transaction, keeping their ids; into a store that is not empty it is refused.
"""
from __future__ import annotations

import datetime as dt
import json
import math
from typing import Any

from sqlalchemy import func, insert, select

from tension_desk.store import tables as t

FORMAT = "tension-desk-workspace"
VERSION = 1
MAX_TEXT = 20_000


class WorkspaceImportError(ValueError):
    pass


# (json key, table, columns: name -> kind) in parent-before-child order
_D, _DT, _S, _I, _F, _B, _J = "date", "datetime", "str", "int", "float", "bool", "json"
SPEC: list[tuple[str, Any, dict[str, tuple[str, bool]]]] = [
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
]
ENUMS = {
    ("leaders", "role"): {"product", "engineering"},
    ("criteria", "kind"): {"benefit", "cost"},
    ("sessions", "status"): {"draft", "live", "closed"},
    ("sessions", "scoring_turn"): {"", "product", "engineering"},
    ("priorities", "side"): {"product", "engineering"},
    ("priorities", "status"): {"proposed", "accepted", "deferred", "rejected", "delivered"},
    ("tensions", "status"): {"open", "decided", "carried_over"},
    ("scores", "leader_role"): {"product", "engineering"},
    ("decisions", "status"): {"decided", "revisit", "reversed"},
    ("decisions", "review_outcome"): {"", "held", "revisit", "reversed"},
}
# (list, column) -> (referenced list, referenced column)
REFERENCES = {
    ("session_criteria", "session_id"): "sessions", ("session_criteria", "criterion_id"): "criteria",
    ("agenda", "session_id"): "sessions", ("agenda", "priority_id"): "priorities",
    ("tensions", "session_id"): "sessions",
    ("tension_priorities", "tension_id"): "tensions", ("tension_priorities", "priority_id"): "priorities",
    ("scores", "session_id"): "sessions", ("scores", "priority_id"): "priorities",
    ("scores", "criterion_id"): "criteria",
    ("decisions", "tension_id"): "tensions", ("decisions", "session_id"): "sessions",
    ("decisions", "reviewed_in_session_id"): "sessions",
}


def _out(kind: str, value):
    if value is None:
        return None
    if kind == _D:
        return value.isoformat()
    if kind == _DT:
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.timezone.utc)
        return value.astimezone(dt.timezone.utc).isoformat()
    if kind == _J:
        return json.loads(value or "{}")
    if kind == _F:
        return float(value)
    return value


def export_workspace(desk) -> dict:
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION}
    with desk._read() as db:
        for key, table, columns in SPEC:
            keys = [c.name for c in table.__table__.primary_key.columns]
            rows = db.execute(select(table.__table__).order_by(*[table.__table__.c[k] for k in keys])).mappings()
            data[key] = [{name: _out(kind, row[name]) for name, (kind, _null) in columns.items()} for row in rows]
    return data


def workspace_json(desk) -> str:
    return json.dumps(export_workspace(desk), indent=2, ensure_ascii=False) + "\n"


def _problem(key: str, index: int, message: str) -> WorkspaceImportError:
    return WorkspaceImportError(f"{key}[{index}]: {message}")


def _in(key: str, index: int, name: str, kind: str, nullable: bool, value):
    if value is None:
        if nullable:
            return None
        raise _problem(key, index, f"{name} is missing")
    try:
        if kind == _I:
            if isinstance(value, bool) or not isinstance(value, int):
                raise TypeError
            if name.endswith("id") and value <= 0:
                raise _problem(key, index, f"{name} {value} is not a positive id")
            return value
        if kind == _F:
            if isinstance(value, bool) or not isinstance(value, (int, float)) or math.isnan(value) or math.isinf(value):
                raise TypeError
            if abs(value) > 1e9:
                raise _problem(key, index, f"{name} {value} is out of range")
            return float(value)
        if kind == _B:
            if not isinstance(value, bool):
                raise TypeError
            return value
        if kind == _S:
            if not isinstance(value, str):
                raise TypeError
            if len(value) > MAX_TEXT or "\x00" in value:
                raise _problem(key, index, f"{name} is too long or holds a NUL character")
            return value
        if kind == _D:
            return dt.date.fromisoformat(value)
        if kind == _DT:
            parsed = dt.datetime.fromisoformat(value)
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.timezone.utc)
        if kind == _J:
            if not isinstance(value, dict):
                raise TypeError
            return json.dumps(value, sort_keys=True)
    except (TypeError, ValueError) as exc:
        if isinstance(exc, WorkspaceImportError):
            raise
        raise _problem(key, index, f"{name} {value!r} is not a valid {kind}") from None
    raise AssertionError(kind)


def parse_workspace(data: bytes) -> dict[str, list[dict]]:
    """Check a workspace file completely; return rows ready to insert, or raise WorkspaceImportError."""
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise WorkspaceImportError("the file is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise WorkspaceImportError(f"the file is not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise WorkspaceImportError("this is not a Tension Desk workspace file (export one with export-workspace)")
    if doc.get("version") != VERSION:
        raise WorkspaceImportError(f"workspace format version {doc.get('version')!r} is not supported (expected {VERSION})")
    rows: dict[str, list[dict]] = {}
    ids: dict[str, set] = {}
    for key, table, columns in SPEC:
        items = doc.get(key)
        if not isinstance(items, list):
            raise WorkspaceImportError(f"the list {key!r} is missing")
        out = []
        keys = [c.name for c in table.__table__.primary_key.columns]
        seen = set()
        for i, item in enumerate(items):
            if not isinstance(item, dict):
                raise _problem(key, i, "is not an object")
            unknown = set(item) - set(columns)
            if unknown:
                raise _problem(key, i, f"unknown field(s) {sorted(unknown)}")
            row = {name: _in(key, i, name, kind, nullable, item.get(name)) for name, (kind, nullable) in columns.items()}
            for (list_key, col), allowed in ENUMS.items():
                if list_key == key and row[col] not in allowed:
                    raise _problem(key, i, f"{col} {row[col]!r} must be one of {sorted(allowed)}")
            pk = tuple(row[k] for k in keys)
            if pk in seen:
                raise _problem(key, i, f"duplicate id {pk if len(pk) > 1 else pk[0]}")
            seen.add(pk)
            out.append(row)
        rows[key] = out
        ids[key] = {r["id"] for r in out} if "id" in columns else set()
    for (key, col), target in REFERENCES.items():
        for i, row in enumerate(rows[key]):
            if row[col] is not None and row[col] not in ids[target]:
                raise _problem(key, i, f"{col} {row[col]} refers to no entry of {target}")
    for i, row in enumerate(rows["criteria"]):
        if row["scale_min"] >= row["scale_max"]:
            raise _problem("criteria", i, "scale_min must be below scale_max")
    scales = {r["id"]: (r["scale_min"], r["scale_max"]) for r in rows["criteria"]}
    for i, row in enumerate(rows["scores"]):
        lo, hi = scales[row["criterion_id"]]
        if not lo <= row["value"] <= hi:
            raise _problem("scores", i, f"value {row['value']} is outside the scale {lo}–{hi}")
    return rows


def store_is_empty(desk) -> bool:
    with desk._read() as db:
        for table in (t.LeaderRow, t.CriterionRow, t.SessionRow, t.PriorityRow, t.CapacityPlanRow):
            if db.execute(select(func.count()).select_from(table)).scalar_one():
                return False
    return True


def import_workspace(desk, data: bytes) -> dict[str, int]:
    """Fill an empty store from a workspace file; returns how many rows each list brought."""
    rows = parse_workspace(data)
    if not store_is_empty(desk):
        raise WorkspaceImportError("the store is not empty: import-workspace only fills a new store "
                                   "(use --data-dir with a new folder)")
    with desk._tx() as db:
        for key, table, _columns in SPEC:
            if rows[key]:
                db.execute(insert(table.__table__), rows[key])
    return {key: len(rows[key]) for key, _t, _c in SPEC}
