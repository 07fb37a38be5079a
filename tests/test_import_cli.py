"""import-workspace of a file whose ids leave no room for new rows: one line naming the file, the list, the
field and the value, on either store; nothing is imported."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from tension_desk.domain import limits


def run(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    env.pop("TENSION_DESK_DATA_DIR", None)
    return subprocess.run([sys.executable, "-m", "tension_desk", *map(str, args)], capture_output=True, text=True,
                          env=env, timeout=120)


def test_a_file_whose_id_leaves_no_room_is_refused_in_one_line_naming_the_file_and_field(tmp_path, new_store):
    a, out = tmp_path / "a", tmp_path / "team workspace.json"
    store = new_store()
    assert run("sample", "--data-dir", a, *store).returncode == 0
    assert run("export-workspace", "-o", out, "--data-dir", a, *store).returncode == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    doc["sessions"][0]["id"] = limits.INTEGER  # nothing need refer to it: the id is refused first
    out.write_text(json.dumps(doc), encoding="utf-8")

    fresh, new = new_store(), tmp_path / "new"
    r = run("import-workspace", out, "--data-dir", new, *fresh)
    assert r.returncode == 1 and r.stdout == "", r.stderr
    assert r.stderr == (f"tension-desk: {out}: sessions[0]: id {limits.INTEGER} leaves too little room for new "
                        f"rows, which are numbered on from the highest: at most {limits.COUNTED}\n")
    r = run("sessions", "--json", "--data-dir", new, *fresh)
    assert r.returncode == 0 and json.loads(r.stdout) == []  # nothing was imported
