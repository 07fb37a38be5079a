"""A total, a combined score and a divergence are printed one way (domain.scoring.result_text) by the matrix on
screen, the PDF and Markdown matrices, and a decision's frozen evidence: the evidence said "divergence 17" of the
priority the matrix above it shows at 16.7."""
from __future__ import annotations

import json
from pathlib import Path

from tension_desk.domain.scoring import result_text
from tension_desk.services.canonical import record_from_dict
from tension_desk.services.log import evidence_lines

RECORD = record_from_dict(json.loads((Path(__file__).parent / "data" / "sealed_september.json").read_bytes()))


def test_the_evidence_prints_a_divergence_as_the_matrix_does():
    decision = RECORD.decisions[0].with_evidence({"priorities": [
        {"title": "Mobile approvals", "side": "product", "combined": 68.333333, "divergence": 16.666667, "rank": 2},
        {"title": "Audit log export", "side": "product", "combined": None, "divergence": None, "rank": None}]})
    first, second = evidence_lines(decision)[:2]
    assert first == "● Mobile approvals: combined 68.3, divergence 16.7, rank 2"
    assert second == "● Audit log export: combined —, divergence —, rank —"
    assert (result_text(16.666667), result_text(None), result_text(0.0)) == ("16.7", "—", "0.0")
