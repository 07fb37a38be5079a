"""The tables and columns the app reads, and the kind of value each column holds, as plain data.

Opening a store checks every value before anything reads it (``engine._check_values``); with this list it
does so with the standard library's sqlite3 alone, without importing SQLAlchemy or SQLModel (a command that
reads a sealed record needs neither). ``store/tables.py`` is the schema; a test checks that this list is
the same, table for table and column for column, so the two cannot drift.
"""
from __future__ import annotations

from typing import Literal

Kind = Literal["int", "float", "bool", "date", "datetime", "text"]

# (table, ((column, kind), ...)), parents before children (SQLModel.metadata.sorted_tables' order)
COLUMNS: tuple[tuple[str, tuple[tuple[str, Kind], ...]], ...] = (
    ("capacity_ledger", (("id", "int"), ("quarter", "text"), ("changed_at", "datetime"), ("total_weeks", "float"),
        ("product_share", "float"), ("engineering_share", "float"), ("reason", "text"))),
    ("capacity_plan", (("version", "int"), ("id", "int"), ("quarter", "text"), ("total_weeks", "float"),
        ("product_share", "float"), ("engineering_share", "float"), ("reviewed_on", "date"), ("note", "text"))),
    ("criterion", (("version", "int"), ("id", "int"), ("name", "text"), ("description", "text"), ("weight", "float"),
        ("kind", "text"), ("scale_min", "int"), ("scale_max", "int"), ("position", "int"), ("archived", "bool"))),
    ("leader", (("id", "int"), ("role", "text"), ("name", "text"), ("title", "text"), ("colour", "text"))),
    ("priority", (("version", "int"), ("id", "int"), ("title", "text"), ("description", "text"), ("side", "text"),
        ("effort_weeks", "float"), ("idea_date", "date"), ("status", "text"), ("quarter", "text"),
        ("delivered_date", "date"), ("link", "text"), ("created_at", "datetime"))),
    ("session", (("version", "int"), ("id", "int"), ("title", "text"), ("date", "date"), ("quarter", "text"),
        ("status", "text"), ("notes", "text"), ("scoring_turn", "text"), ("product_done", "bool"),
        ("engineering_done", "bool"), ("revealed", "bool"), ("created_at", "datetime"))),
    ("workspace", (("id", "int"), ("name", "text"), ("created_at", "datetime"))),
    ("score", (("session_id", "int"), ("priority_id", "int"), ("criterion_id", "int"), ("leader_role", "text"),
        ("value", "int"), ("comment", "text"))),
    ("session_criterion", (("version", "int"), ("session_id", "int"), ("criterion_id", "int"), ("weight", "float"),
        ("product_weight", "float"), ("engineering_weight", "float"), ("position", "int"))),
    ("session_priority", (("session_id", "int"), ("priority_id", "int"), ("position", "int"))),
    ("session_revision", (("session_id", "int"), ("revision", "int"), ("record_json", "text"),
        ("fingerprint", "text"), ("sealed_at", "datetime"), ("reopened_at", "datetime"), ("reopened_by", "text"),
        ("reopen_reason", "text"))),
    ("session_step", (("session_id", "int"), ("kind", "text"), ("position", "int"), ("minutes", "int"),
        ("spent_seconds", "int"))),
    ("tension", (("version", "int"), ("id", "int"), ("session_id", "int"), ("statement", "text"), ("status", "text"),
        ("created_at", "datetime"))),
    ("decision", (("version", "int"), ("id", "int"), ("tension_id", "int"), ("session_id", "int"),
        ("context", "text"), ("options", "text"), ("outcome", "text"), ("rationale", "text"), ("tradeoffs", "text"),
        ("cost_of_not", "text"), ("success_signal", "text"), ("owner", "text"), ("review_date", "date"),
        ("status", "text"), ("ack_product", "bool"), ("ack_engineering", "bool"), ("evidence_json", "text"),
        ("decided_on", "date"), ("review_outcome", "text"), ("reviewed_in_session_id", "int"))),
    ("tension_priority", (("tension_id", "int"), ("priority_id", "int"))),
)
