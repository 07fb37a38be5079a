"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a temp dir, a Unix socket only.

``initdb`` and ``pg_ctl`` refuse to run as root, so as root they run as the ``postgres`` user. The cluster
listens on no TCP address at all (``listen_addresses=''``): only on a socket in its own temp dir. Each test
gets a fresh database (``Cluster.create_database``), so tests stay independent.
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

    def __init__(self, bindir: Path):
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="tension-desk-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root / "socket"
        self.log = self.root / "server.log"
        self._as_postgres = os.geteuid() == 0
        self._names = itertools.count(1)
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
        self._run("initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "-E", "UTF8",
                  "--locale=C.UTF-8", "--no-sync")
        settings = {"listen_addresses": "''", "unix_socket_directories": f"'{self.socket_dir}'", "port": PORT,
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
            self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)

    def url(self, database: str = "postgres", user: str = SUPERUSER) -> str:
        return f"postgresql+psycopg://{user}@/{database}?host={self.socket_dir}&port={PORT}"

    def admin(self):
        """An autocommit psycopg connection as the superuser, for CREATE DATABASE and checks."""
        import psycopg

        return psycopg.connect(host=str(self.socket_dir), port=PORT, user=SUPERUSER, dbname="postgres",
                               autocommit=True)

    def create_database(self) -> str:
        """A new empty database; returns its name."""
        name = f"td_test_{os.getpid()}_{next(self._names)}"
        with self.admin() as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        with self.admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
