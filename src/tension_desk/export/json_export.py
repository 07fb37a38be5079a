"""The session JSON of DESIGN.md: the canonical record (``services/canonical.py``), indented in the key order
DESIGN.md lists, so it reads well and is deterministic byte for byte. Its fingerprint is that of the
canonical record: re-serialise it with sorted keys and no whitespace, then SHA-256 (see the README).
"""
from __future__ import annotations

import json

from tension_desk.services.canonical import (  # noqa: F401  (re-exported: one import site for the exports)
    canonical_bytes,
    fingerprint,
    record_from_dict,
    session_dict,
)


def dumps(data: dict) -> str:
    """Keys in the order DESIGN.md lists them (never sorted), text as written, one trailing newline."""
    return json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n"


def session_json(desk, session_id: int) -> str:
    from tension_desk.services.sealing import session_data

    return dumps(session_data(desk, session_id))
