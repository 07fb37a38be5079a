"""The services suite runs on both stores: the embedded SQLite store and a PostgreSQL workspace."""
from __future__ import annotations

import pytest


@pytest.fixture
def desk(desk_on_each_store):
    return desk_on_each_store
