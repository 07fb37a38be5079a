"""The session JSON of DESIGN.md: the canonical record (``services/canonical.py``), indented in the key order
DESIGN.md lists, so it reads well and is deterministic byte for byte. Its fingerprint is that of the
canonical record: re-serialise it with sorted keys and no whitespace, then SHA-256 (see the README).
"""
from __future__ import annotations

import json
from typing import TYPE_CHECKING

from tension_desk.services.canonical import (  # re-exported: one import site for the exports
    CanonicalRecord,
    canonical_bytes,
    fingerprint,
    record_from_dict,
    session_dict,
)

if TYPE_CHECKING:
    from tension_desk.services.desk import Desk

__all__ = ["canonical_bytes", "dumps", "fingerprint", "record_from_dict", "session_dict", "session_json"]


def dumps(data: CanonicalRecord) -> str:
    """Keys in the order DESIGN.md lists them (never sorted), text as written, one trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def session_json(desk: Desk, session_id: int) -> str:
    from tension_desk.services.sealing import session_data

    return dumps(session_data(desk, session_id))
