"""The session JSON of DESIGN.md: its shape, its numbers (recomputed here from the JSON alone), its text taken
literally, its determinism, and the `export --format json` command."""
from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

import tension_desk
from tension_desk.domain.blind import ScoringState
from tension_desk.domain.model import PriorityDraft, PriorityStatus, Side
from tension_desk.export.json_export import fingerprint, session_dict, session_json
from tension_desk.services.record import build_session_record
from tension_desk.services.sample import add_sample

HOSTILE = "<b>x</b> & <script>"

KEYS = {
    "session": ["id", "title", "date", "quarter", "status"],
    "leaders": ["role", "name", "title"],
    "criteria": ["id", "name", "weight", "kind", "scale_min", "scale_max"],
    "priorities": ["id", "title", "side", "description", "effort_weeks", "status", "quarter", "idea_date",
                   "delivered_date"],
    "scores": ["priority_id", "criterion_id", "leader_role", "value"],
    "results": ["priority_id", "total_product", "total_engineering", "combined", "divergence", "rank"],
    "tensions": ["id", "statement", "priority_ids", "status"],
    "decisions": ["id", "tension_id", "outcome", "rationale", "tradeoffs", "owner", "review_date", "status"],
    "capacity": ["quarter", "total_weeks", "product_share", "engineering_share", "accepted_product_weeks",
                 "accepted_engineering_weeks", "fits"],
}
# What the canonical record adds after DESIGN.md's keys: every other field a document of the session prints.
ADDED = {
    "": ["carried_over", "revision", "scores_sealed"],
    "session": ["notes"], "leaders": ["colour"], "criteria": ["description"], "priorities": ["link"],
    "scores": ["comment"], "results": [], "tensions": [],
    "decisions": ["context", "options", "cost_of_not", "success_signal", "ack_product", "ack_engineering",
                  "decided_on", "review_outcome", "reviewed_in_session_id", "evidence"],
    "capacity": ["product_fits", "engineering_fits", "product_over_weeks", "engineering_over_weeks",
                 "engineering_actual_share", "engineering_squeezed"],
}


# -- DESIGN.md's scoring, written out again here from the JSON alone (deliberately not scoring.py) ----------

def recompute(data: dict) -> dict[int, dict]:
    """priority id → total_product, total_engineering, combined, divergence, rank, from the JSON's criteria
    and scores with the formula of DESIGN.md "Scoring"."""
    criteria = {c["id"]: c for c in data["criteria"]}
    given: dict[tuple[int, str], dict[int, int]] = {}
    for s in data["scores"]:
        given.setdefault((s["priority_id"], s["leader_role"]), {})[s["criterion_id"]] = s["value"]

    def n(c: dict, s: float) -> float:
        lo, hi = c["scale_min"], c["scale_max"]
        return (s - lo) / (hi - lo) if c["kind"] == "benefit" else (hi - s) / (hi - lo)

    def total(values: dict[int, int]) -> float | None:
        scored = [cid for cid in values if cid in criteria]
        weight_sum = sum(criteria[cid]["weight"] for cid in scored)
        if not scored or weight_sum == 0:
            return None
        return 100 * sum(criteria[cid]["weight"] * n(criteria[cid], values[cid]) for cid in scored) / weight_sum

    out = {}
    for p in data["priorities"]:
        a, b = given.get((p["id"], "product"), {}), given.get((p["id"], "engineering"), {})
        tp, te = total(a), total(b)
        both = [cid for cid in criteria if cid in a and cid in b]
        out[p["id"]] = {
            "total_product": tp,
            "total_engineering": te,
            "combined": None if tp is None or te is None else (tp + te) / 2,
            "divergence": (sum(100 * abs(a[cid] - b[cid]) / (criteria[cid]["scale_max"] - criteria[cid]["scale_min"])
                               for cid in both) / len(both)) if both else None,
        }
    for r in out.values():  # rank 1 for the highest combined; equal combined totals share a rank
        c = r["combined"]
        r["rank"] = None if c is None else 1 + sum(
            1 for o in out.values() if o["combined"] is not None and o["combined"] > c + 1e-9)
    return out


def assert_results_agree(data: dict) -> None:
    mine = recompute(data)
    assert [r["priority_id"] for r in data["results"]] == [p["id"] for p in data["priorities"]]
    for r in data["results"]:
        expected = mine[r["priority_id"]]
        for key in ("total_product", "total_engineering", "combined", "divergence"):
            if expected[key] is None:
                assert r[key] is None, (r["priority_id"], key)
            else:  # the JSON carries totals rounded to 4 decimals
                assert r[key] == pytest.approx(round(expected[key], 4), abs=1e-9), (r["priority_id"], key)
        assert r["rank"] == expected["rank"], r["priority_id"]


@pytest.fixture
def sample(desk):
    ids = add_sample(desk)
    # the sample's November awaits its reveal, and no export carries scores before it: reveal them here
    desk.scoring.set_state(ids[-1], ScoringState(product_done=True, engineering_done=True, revealed=True))
    return desk, ids


def test_the_sample_results_recompute_from_the_json_alone(sample):
    desk, ids = sample
    data = json.loads(session_json(desk, ids[-1]))
    assert len(data["results"]) == 20 and all(r["combined"] is not None for r in data["results"])
    assert_results_agree(data)
    # and at full precision against the record the JSON was made from
    record = build_session_record(desk, ids[-1])
    mine = recompute(data)
    for r in record.results:
        for key in ("total_product", "total_engineering", "combined", "divergence"):
            assert getattr(r, key) == pytest.approx(mine[r.priority_id][key], abs=1e-9)
    # the sample's November has equal combined totals: they share a rank and the next rank skips (1, 2, 2, 4)
    ranks = sorted(r["rank"] for r in data["results"])
    assert len(set(ranks)) < len(ranks)
    assert all(rank == ranks.index(rank) + 1 for rank in ranks)


def test_every_sample_session_recomputes(sample):
    desk, ids = sample
    for sid in ids:
        assert_results_agree(json.loads(session_json(desk, sid)))


def test_the_keys_are_exactly_those_of_design_md_in_order(sample):
    desk, ids = sample
    data = json.loads(session_json(desk, ids[1]))
    assert list(data) == list(KEYS) + ADDED[""]
    assert list(data["session"]) == KEYS["session"] + ADDED["session"]
    assert list(data["capacity"]) == KEYS["capacity"] + ADDED["capacity"]
    for key in ("leaders", "criteria", "priorities", "scores", "results", "tensions", "decisions"):
        assert data[key], key
        assert all(list(item) == KEYS[key] + ADDED[key] for item in data[key]), key


def design(item: dict, key: str) -> dict:
    """An object of the session JSON with only DESIGN.md's keys."""
    return {k: item[k] for k in KEYS[key]}


def test_values_dates_and_numbers_by_hand(sample):
    desk, ids = sample
    data = json.loads(session_json(desk, ids[-1]))
    assert data["session"]["notes"] == "" and data["scores_sealed"] is False
    assert design(data["session"], "session") == {"id": ids[-1], "title": "November tension session",
                                                  "date": "2026-11-17", "quarter": "2026-Q4", "status": "live"}
    assert [design(x, "leaders") for x in data["leaders"]] == [{"role": "product", "name": "Maya Chen", "title": "CPO"},
                               {"role": "engineering", "name": "Daniel Okafor", "title": "CTO"}]
    assert [(c["name"], c["weight"], c["kind"], c["scale_min"], c["scale_max"]) for c in data["criteria"]][-1] == \
        ("Effort (cost)", 1.0, "cost", 0, 5)
    assert all(isinstance(c["weight"], float) for c in data["criteria"])
    pg = next(p for p in data["priorities"] if p["title"] == "Postgres 13 → 16 upgrade")
    assert design(pg, "priorities") == {"id": pg["id"], "title": "Postgres 13 → 16 upgrade", "side": "engineering",
                  "description": "Version 13 leaves support in November; blocks the new replicas.",
                  "effort_weeks": 5.0, "status": "delivered", "quarter": "2026-Q4", "idea_date": "2026-04-01",
                  "delivered_date": "2026-10-09"}
    mobile = next(p for p in data["priorities"] if p["title"] == "Mobile approvals")
    assert mobile["quarter"] is None and mobile["delivered_date"] is None  # unknown: null
    # Q4: product 10 + 7 + 5 = 22 weeks of 130 × 65% = 84.5; engineering 5 + 12 + 4 + 6 + 5 = 32 of 45.5
    assert design(data["capacity"], "capacity") == {"quarter": "2026-Q4", "total_weeks": 130.0, "product_share": 65.0,
                                "engineering_share": 35.0, "accepted_product_weeks": 22.0,
                                "accepted_engineering_weeks": 32.0, "fits": True}
    for r in data["results"]:
        for key in ("total_product", "total_engineering", "combined", "divergence"):
            assert isinstance(r[key], float) and round(r[key], 4) == r[key]
    october = json.loads(session_json(desk, ids[1]))
    (decision,) = october["decisions"]
    assert decision["review_date"] == "2027-01-05" and decision["owner"] == "Maya Chen"
    assert decision["status"] == "decided" and decision["tension_id"] in {t["id"] for t in october["tensions"]}


def test_scores_are_sorted_and_complete(sample):
    desk, ids = sample
    data = json.loads(session_json(desk, ids[-1]))
    keys = [(s["priority_id"], s["criterion_id"], s["leader_role"]) for s in data["scores"]]
    assert keys == sorted(keys) and len(keys) == len(set(keys)) == len(desk.scoring.scores(ids[-1]))
    assert {s["leader_role"] for s in data["scores"]} == {"product", "engineering"}


def test_the_same_store_gives_the_same_bytes(sample, data_dir):
    desk, ids = sample
    first = session_json(desk, ids[-1])
    assert session_json(desk, ids[-1]) == first
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(data_dir)  # a second, fresh connection to the same store
    try:
        assert session_json(Desk(engine), ids[-1]) == first
    finally:
        engine.dispose()
    assert first.endswith("}\n") and not first.endswith("\n\n")
    assert first == json.dumps(json.loads(first), indent=2, ensure_ascii=False) + "\n"
    assert session_dict(build_session_record(desk, ids[-1])) == json.loads(first)


def test_the_fingerprint_is_the_sha256_of_the_canonical_record(sample):
    desk, ids = sample
    text = session_json(desk, ids[-1])
    fp = fingerprint(json.loads(text))
    canonical = json.dumps(json.loads(text), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert fp == hashlib.sha256(canonical.encode("utf-8")).hexdigest() and len(fp) == 64
    assert fingerprint(json.loads(session_json(desk, ids[-1]))) == fp
    first_priority, first_criterion = desk.priorities.agenda(ids[-1])[0], desk.scoring.criteria(ids[-1])[0]
    desk.scoring.set_score(ids[-1], first_priority.id, first_criterion.id, Side.PRODUCT, 0)
    assert fingerprint(json.loads(session_json(desk, ids[-1]))) != fp  # any change to the record changes it


def test_ties_share_a_rank_and_partial_scores_are_counted_as_designed(desk, leaders):
    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create("Ties", dt.date(2026, 11, 2))
    crit = desk.scoring.criteria(s.id)
    desk.scoring.set_weight(s.id, crit[0].id, 1.5)
    desk.scoring.set_weight(s.id, crit[1].id, 0.7)
    p = desk.priorities.add_many(s.id, [PriorityDraft(f"P{i}", Side.PRODUCT if i % 2 else Side.ENGINEERING)
                                   for i in range(1, 6)])
    a, b = [5, 4, 3, 1, 2, 4], [2, 3, 5, 4, 1, 0]

    def score(priority, role, values):
        for c, v in zip(crit, values, strict=True):
            if v is not None:
                desk.scoring.set_score(s.id, priority.id, c.id, role, v)

    score(p[0], Side.PRODUCT, a)        # P1 and P2: the two leaders' scores swapped, so equal combined totals
    score(p[0], Side.ENGINEERING, b)
    score(p[1], Side.PRODUCT, b)
    score(p[1], Side.ENGINEERING, a)
    score(p[2], Side.PRODUCT, [1, 1, 1, 1, 1, 5])  # low on everything: ranked after the tie
    score(p[2], Side.ENGINEERING, [0, 1, 0, 1, 0, 5])
    score(p[3], Side.PRODUCT, [5, 5, 5, 5, 5, 0])  # one leader only: a total, no combined, no rank
    score(p[4], Side.PRODUCT, [1, None, 4, None, 2, None])      # partial: totals over what each scored,
    score(p[4], Side.ENGINEERING, [None, 1, 2, None, 5, 3])     # divergence over the criteria both scored
    desk.scoring.set_state(s.id, ScoringState(product_done=True, engineering_done=True, revealed=True))
    data = json.loads(session_json(desk, s.id))
    assert_results_agree(data)
    res = {r["priority_id"]: r for r in data["results"]}
    assert res[p[0].id]["combined"] == res[p[1].id]["combined"]
    assert res[p[0].id]["rank"] == res[p[1].id]["rank"] == 1
    assert res[p[4].id]["rank"] == 3 and res[p[2].id]["rank"] == 4
    assert res[p[3].id]["total_product"] == 100.0
    assert (res[p[3].id]["total_engineering"], res[p[3].id]["combined"], res[p[3].id]["divergence"],
            res[p[3].id]["rank"]) == (None, None, None, None)
    # P5: the criteria both scored are #3 (4 vs 2) and #5 (2 vs 5): (40 + 60) / 2
    assert res[p[4].id]["divergence"] == 50.0
    assert [c["weight"] for c in data["criteria"]][:2] == [1.5, 0.7]
    # nothing planned and no capacity plan: unknowns are null
    assert design(data["capacity"], "capacity") == {"quarter": "2026-Q4", "total_weeks": None, "product_share": None,
                                "engineering_share": None, "accepted_product_weeks": 0.0,
                                "accepted_engineering_weeks": 0.0, "fits": None}
    assert all(x["effort_weeks"] is None and x["idea_date"] is None for x in data["priorities"])


def test_user_text_stays_literal(desk, leaders):
    from tension_desk.services.decisions import DecisionDraft

    desk.workspace.set_leaders(*leaders)
    s = desk.sessions.create(HOSTILE, dt.date(2026, 11, 2))
    a = desk.priorities.add(s.id, PriorityDraft(HOSTILE, Side.PRODUCT, description=f'"quoted" \\ {HOSTILE}'))
    b = desk.priorities.add(s.id, PriorityDraft("Ünïcødé → ✓", Side.ENGINEERING))
    t = desk.tensions.add(s.id, f"Tension {HOSTILE}", [a.id, b.id])
    desk.decisions.take(s.id, t.id, DecisionDraft(outcome=f"Outcome {HOSTILE}", rationale=HOSTILE,
                                                 tradeoffs=HOSTILE, owner=HOSTILE))
    text = session_json(desk, s.id)
    assert HOSTILE in text and "Ünïcødé → ✓" in text  # no HTML escaping, no \u escapes
    assert "&amp;" not in text and "&lt;" not in text and "\\u003c" not in text
    data = json.loads(text)
    assert data["session"]["title"] == HOSTILE
    assert data["priorities"][0]["title"] == HOSTILE
    assert data["priorities"][0]["description"] == f'"quoted" \\ {HOSTILE}'
    assert data["tensions"][0]["statement"] == f"Tension {HOSTILE}"
    d = data["decisions"][0]
    assert (d["outcome"], d["rationale"], d["tradeoffs"], d["owner"]) == (f"Outcome {HOSTILE}", HOSTILE, HOSTILE,
                                                                          HOSTILE)


# -- the command line ---------------------------------------------------------------------------------------

def run_cli(*args, cwd):
    env = dict(os.environ)
    src = str(Path(tension_desk.__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [src, env.get("PYTHONPATH")]))
    env.pop("TENSION_DESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True,
                          text=True, env=env, cwd=cwd, timeout=120)


def test_cli_export_json_writes_the_same_json(sample, data_dir, tmp_path):
    desk, ids = sample
    expected = session_json(desk, ids[-1])
    desk.engine.dispose()
    out = tmp_path / "out" / "november.json"
    out.parent.mkdir()
    r = run_cli("export", "--session", ids[-1], "--format", "json", "-o", out, "--data-dir", data_dir, cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert r.stderr == ""
    raw = out.read_bytes()
    assert raw.decode("utf-8") == expected  # byte-identical to the in-process export of the same store
    data = json.loads(raw)
    assert data["session"]["id"] == ids[-1]
    assert_results_agree(data)
    assert sorted(p.name for p in out.parent.iterdir()) == ["november.json"]  # no temporary file left


@pytest.mark.parametrize("where", ["missing folder", "a folder as target", "unknown session"])
def test_cli_export_failure_is_one_line_and_leaves_nothing(where, sample, data_dir, tmp_path):
    desk, ids = sample
    desk.engine.dispose()
    place = tmp_path / "place"
    place.mkdir()
    session = ids[-1]
    if where == "missing folder":
        target = place / "no-such-folder" / "s.json"
    elif where == "a folder as target":
        target = place / "taken"
        target.mkdir()
    else:
        target, session = place / "s.json", 4242
    r = run_cli("export", "--session", session, "--format", "json", "-o", target, "--data-dir", data_dir,
                cwd=tmp_path)
    assert r.returncode != 0
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("tension-desk: "), r.stderr
    assert "Traceback" not in r.stderr and r.stdout == ""
    left = sorted(str(p.relative_to(place)) for p in place.rglob("*"))
    assert left == (["taken"] if where == "a folder as target" else [])
    assert not (place / "no-such-folder").exists()


def test_priorities_follow_the_agenda_and_statuses_are_plain_words(sample):
    desk, ids = sample
    data = json.loads(session_json(desk, ids[-1]))
    assert [p["id"] for p in data["priorities"]] == [p.id for p in desk.priorities.agenda(ids[-1])]
    assert {p["status"] for p in data["priorities"]} <= {s.value for s in PriorityStatus}
    assert {p["side"] for p in data["priorities"]} == {"product", "engineering"}
    assert all(t["status"] in {"open", "decided", "carried_over"} for t in data["tensions"])
