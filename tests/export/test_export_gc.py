"""Building a session's document holds off Python's cyclic garbage collector, and lets it run again after."""
from __future__ import annotations

import gc

import pytest

from tension_desk.export.documents import session_document
from tension_desk.services.sample import add_sample
from tension_desk.services.unit import NotFound


@pytest.fixture
def collections():
    """The generations of the cyclic collections that start while the test runs."""
    seen: list[int] = []

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            seen.append(info["generation"])

    gc.callbacks.append(note)
    yield seen
    gc.callbacks.remove(note)


def test_no_cyclic_collection_walks_the_app_while_a_session_pdf_is_built_and_the_collector_runs_after(
        qapp, desk, collections):
    october = add_sample(desk)[1]
    gc.collect(0)  # the youngest generation's count starts from nothing
    collections.clear()
    pdf = session_document(desk, october, "pdf")
    assert pdf.startswith(b"%PDF")
    assert len(collections) <= 1 and 2 not in collections  # at most one young collection, once it runs again
    assert gc.isenabled()


def test_the_collector_runs_again_after_a_failed_export_and_stays_off_where_it_was_off(qapp, desk):
    with pytest.raises(NotFound, match="there is no session 99"):
        session_document(desk, 99, "pdf")
    assert gc.isenabled()
    gc.disable()
    try:
        session_document(desk, add_sample(desk)[1], "md")
        assert not gc.isenabled()  # whoever turned it off turns it back on
    finally:
        gc.enable()
