"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a temp dir, a Unix socket only.

``initdb`` and ``pg_ctl`` refuse to run as root, so as root they run as the ``postgres`` user. The cluster
listens on no TCP address at all (``listen_addresses=''``): only on a socket in its own temp dir. Each test
gets a fresh database (``Cluster.create_database``), so tests stay independent.

A run that is killed (SIGKILL, a closed terminal) never stops its cluster. So each started cluster is noted in
``RUNNING`` (a file named after the test process, holding the cluster's folder), and ``start`` first stops and
removes every noted cluster whose test process is gone; the clusters of runs still going are left alone.
"""
from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

PREFIX = "tension-desk-pg-"  # each cluster's folder in the temp dir
RUNNING = Path(tempfile.gettempdir()) / "tension-desk-pg-running"  # <test process id>-<folder name>: its folder
SUPERUSER = "postgres"
PASSWORD_USER = "td_password_user"  # the one login the cluster asks a password of (scram-sha-256)
PORT = 5432  # only names the socket file (.s.PGSQL.5432) in the cluster's own socket dir


def server_bindir() -> Path | None:
    """Where initdb and pg_ctl are: ``pg_config --bindir``, else the newest /usr/lib/postgresql/*/bin."""
    candidates = []
    if shutil.which("pg_config"):
        out = subprocess.run(["pg_config", "--bindir"], capture_output=True, text=True, check=False)
        candidates.append(out.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]), reverse=True)
    for c in candidates:
        if c and (Path(c) / "initdb").exists() and (Path(c) / "pg_ctl").exists():
            return Path(c)
    return None


class Cluster:
    """One started cluster; ``url(db)`` is a SQLAlchemy URL for a database on it."""

    def __init__(self, bindir: Path, tcp_port: int | None = None, note: Path | None = None):
        """``tcp_port``: listen on 127.0.0.1 at that port as well (the benchmarks' loopback; never in tests).
        ``note``: the note in ``RUNNING`` of a cluster started before, by another test process (to stop it)."""
        self.bindir = bindir
        self.tcp_port = tcp_port
        self.root = Path(note.read_text().strip()) if note else Path(tempfile.mkdtemp(prefix=PREFIX))
        self.note = note or RUNNING / f"{os.getpid()}-{self.root.name}"
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.log = self.root / "server.log"
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)
        if note:
            return
        self.socket_dir.mkdir()
        if self._as_postgres:  # the server's files belong to postgres; root can still reach the socket
            pw = pwd.getpwnam("postgres")
            for p in (self.root, self.socket_dir):
                os.chown(p, pw.pw_uid, pw.pw_gid)

    def _run(self, *args: str) -> None:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        r = subprocess.run(cmd, capture_output=True, text=True, check=False, timeout=120)
        if r.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"{' '.join(args[:2])} failed: {r.stderr.strip()}\n{log}")

    def start(self) -> Cluster:
        stop_stale(self.bindir)
        self._note()
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        settings = {"listen_addresses": "'127.0.0.1'" if self.tcp_port else "''",
                    "unix_socket_directories": f"'{self.socket_dir}'", "port": self.tcp_port or PORT,
                    "fsync": "off", "synchronous_commit": "off", "full_page_writes": "off",
                    "shared_buffers": "'32MB'", "max_connections": 60}
        with open(self.data / "postgresql.conf", "a") as fh:
            fh.writelines(f"{k} = {v}\n" for k, v in settings.items())
        hba = self.data / "pg_hba.conf"  # one login that must give a password; every other one is trusted
        hba.write_text(f"local all {PASSWORD_USER} scram-sha-256\n" + hba.read_text())
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "start")
        return self

    def restart(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-m", "fast", "restart")

    def halt(self) -> None:
        """Stop the server (fast: it closes every connection) and keep its data, for ``resume``."""
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")

    def resume(self) -> None:
        """Start the server ``halt`` stopped."""
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "start")

    def stop(self) -> None:
        try:
            if (self.data / "postmaster.pid").exists():
                self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.note.unlink(missing_ok=True)

    def _note(self) -> None:
        """Note this cluster as started by this test process, before it starts (a kill may come at any time)."""
        RUNNING.mkdir(mode=0o700, exist_ok=True)
        self.note.write_text(str(self.root))

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        if self.tcp_port:
            return f"postgresql+psycopg://{user}@127.0.0.1:{self.tcp_port}/{database}"
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}&port={PORT}"

    def admin(self):
        """An autocommit psycopg connection as the superuser, for CREATE DATABASE and checks."""
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=self.tcp_port or PORT, user=SUPERUSER,
                               dbname="postgres", autocommit=True)

    def create_database(self, template: str | None = None) -> str:
        """A new empty database, or a copy of ``template`` (a database nobody is connected to); returns its name."""
        name = f"td_test_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def stop_stale(bindir: Path) -> list[Path]:
    """Stop and remove every cluster noted in ``RUNNING`` whose test process is gone (a killed run);
    returns their folders."""
    stopped = []
    for note in sorted(RUNNING.glob("*-*")) if RUNNING.is_dir() else []:
        owner, _, name = note.name.partition("-")
        if not owner.isdigit() or _alive(int(owner)):
            continue
        if Path(note.read_text().strip()) != Path(tempfile.gettempdir()) / name or not name.startswith(PREFIX):
            note.unlink()  # not a note this module wrote: remove nothing else
            continue
        stale = Cluster(bindir, note=note)
        try:
            stale.stop()
        except (RuntimeError, subprocess.TimeoutExpired):  # it would not stop: forget it all the same
            shutil.rmtree(stale.root, ignore_errors=True)
            note.unlink(missing_ok=True)
        stopped.append(stale.root)
    return stopped
