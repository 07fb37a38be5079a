"""The command-line suite runs on both stores where the behaviour does not depend on the store: the embedded
SQLite store (in the data dir) and a PostgreSQL workspace on the suite's throwaway cluster (``--store URL``).
What only the SQLite file has (a damaged file, the store path as an export target) stays SQLite-only."""
from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

NewStore = Callable[[], list[str]]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def new_store(request) -> Iterator[NewStore]:
    """Make a new, empty store of one kind: a function that returns the command-line arguments naming it (none
    for the embedded store, which lives in the data dir); each PostgreSQL one is its own database, dropped at
    the end of the module."""
    if request.param == "sqlite":
        yield lambda: []
        return
    cluster = request.getfixturevalue("pg_cluster")
    made: list[str] = []

    def make() -> list[str]:
        made.append(cluster.create_database())
        return ["--store", cluster.url(made[-1])]

    yield make
    for name in made:
        cluster.drop_database(name)

