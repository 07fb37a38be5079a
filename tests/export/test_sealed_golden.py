"""A record sealed by an earlier version keeps its fingerprint forever.

``tests/data/sealed_september.json`` is the sample's closed September session exactly as sealing stored it
on 2026-12-01 (``record_json``), and ``sealed_september.sha256`` the fingerprint stored beside it and printed
on its documents. Today's code must read that record back to the same bytes: a key added to the canonical
record without the "only when not the default" rule (docs/ARCHITECTURE.md, adding a field, step 6) changes
them, and every paper copy's fingerprint would stop matching.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tension_desk.export.documents import session_document
from tension_desk.services.canonical import canonical_bytes, fingerprint, record_from_dict, session_dict
from tension_desk.services.desk import Desk
from tension_desk.services.sample import add_sample
from tension_desk.services.workspace_io import import_workspace, workspace_json
from tension_desk.store.engine import open_store

DATA = Path(__file__).parent.parent / "data"
GOLDEN = (DATA / "sealed_september.json").read_bytes()
GOLDEN_FINGERPRINT = (DATA / "sealed_september.sha256").read_text(encoding="ascii").strip()


def test_the_golden_record_is_the_one_its_fingerprint_was_made_of():
    assert hashlib.sha256(GOLDEN).hexdigest() == GOLDEN_FINGERPRINT


def test_a_record_sealed_earlier_reads_back_byte_for_byte_with_its_fingerprint():
    reread = session_dict(record_from_dict(json.loads(GOLDEN)))  # how sealing re-reads a sealed record
    assert canonical_bytes(reread) == GOLDEN
    assert fingerprint(reread) == GOLDEN_FINGERPRINT


def test_the_documents_of_a_record_sealed_earlier_print_its_fingerprint(desk, tmp_path):
    """The golden record arrives as a sealed record does from an earlier version (a workspace file), and
    the session's JSON and Markdown, made today, still carry its bytes and its fingerprint."""
    september = add_sample(desk)[0]
    doc = json.loads(workspace_json(desk))
    (rev,) = [r for r in doc["session_revisions"] if r["session_id"] == september]
    rev["record_json"], rev["fingerprint"] = GOLDEN.decode("utf-8"), GOLDEN_FINGERPRINT
    engine = open_store(tmp_path / "golden")
    try:
        golden = Desk(engine)
        import_workspace(golden, json.dumps(doc).encode("utf-8"))
        printed = json.loads(session_document(golden, september, "json"))
        assert canonical_bytes(printed) == GOLDEN
        assert fingerprint(printed) == GOLDEN_FINGERPRINT
        assert GOLDEN_FINGERPRINT in session_document(golden, september, "md").decode("utf-8")
    finally:
        engine.dispose()
