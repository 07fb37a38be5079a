"""A test run that is killed never stops its throwaway PostgreSQL cluster: the next cluster started stops it
(and only it: the clusters of runs still going are theirs)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import pg

# Another test run: it starts a cluster, says where, and stops it when its standard input closes.
RUN = ("import sys, pg; c = pg.Cluster(pg.server_bindir()).start(); print(c.root, flush=True); "
       "sys.stdin.read(); c.stop()")


def start_run() -> tuple[subprocess.Popen[str], Path]:
    env = {**os.environ, "PYTHONPATH": str(Path(pg.__file__).parent)}
    run = subprocess.Popen([sys.executable, "-c", RUN], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                           env=env)
    assert run.stdout is not None
    return run, Path(run.stdout.readline().strip())


def server_pid(root: Path) -> int:
    return int((root / "data" / "postmaster.pid").read_text().split()[0])


def test_a_cluster_left_by_a_killed_run_is_stopped_when_the_next_one_starts():
    bindir = pg.server_bindir()
    if bindir is None:
        reason = "PostgreSQL server binaries (initdb, pg_ctl) not found: apt-get install postgresql"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    killed, killed_root = start_run()
    going, going_root = start_run()
    with killed, going:  # on leaving, their input closes: a run still going stops its own cluster
        server = server_pid(killed_root)
        killed.kill()
        killed.wait()
        assert pg._alive(server), "a killed run leaves its server running"

        stopped = pg.stop_stale(bindir)

        # pg_ctl waited for the server to stop; its data and socket are gone with its folder
        assert killed_root in stopped and not killed_root.exists()
        assert going_root not in stopped and pg._alive(server_pid(going_root)), "a run still going keeps its own"
        assert not any(n.read_text() == str(killed_root) for n in pg.RUNNING.iterdir())
    assert not going_root.exists()
