"""The daily backup of a shared workspace is a workspace file, under the same cap as every other one."""
from __future__ import annotations

import datetime as dt

from tension_desk.domain import limits
from tension_desk.domain.model import PriorityDraft, Side
from tension_desk.services.shared import daily_backup, shared_backups_dir
from tension_desk.services.workspace_io import parse_workspace, workspace_json


def test_a_daily_backup_larger_than_import_reads_is_not_written_and_the_user_is_told(desk, leaders, tmp_path,
                                                                                     monkeypatch):
    desk.workspace.set_leaders(*leaders)
    session = desk.sessions.create("November session", dt.date(2026, 11, 17))
    desk.priorities.add(session.id, PriorityDraft("Usage billing", Side.PRODUCT))
    size = len(workspace_json(desk).encode("utf-8"))
    warnings: list[str] = []
    # The rule is the same at any size; at the real cap (200 MB) the store would take minutes to fill.
    monkeypatch.setattr(limits, "WORKSPACE_FILE", size - 1)

    assert daily_backup(desk, tmp_path / "too-big", warnings.append) is None
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert warnings[0].startswith("today's backup of the shared workspace was not made: the workspace would be a "
                                  "0 MB file, and import-workspace reads at most 0 MB")
    folder = shared_backups_dir(tmp_path / "too-big")
    assert not folder.exists() or list(folder.iterdir()) == []

    monkeypatch.setattr(limits, "WORKSPACE_FILE", size)  # at the cap: written, and read again
    written = daily_backup(desk, tmp_path / "at-cap", warnings.append)
    assert written is not None and len(warnings) == 1
    assert parse_workspace(written.read_bytes())["priorities"][0]["title"] == "Usage billing"
