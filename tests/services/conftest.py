"""The services suite runs on both stores: the embedded SQLite store and a PostgreSQL workspace."""
from __future__ import annotations

import pytest


@pytest.fixture
def desk(data_dir, store_url):
    from tension_desk.services.desk import Desk
    from tension_desk.store.engine import open_store

    engine = open_store(data_dir, url=store_url)
    yield Desk(engine)
    engine.dispose()
