"""`tension-desk verify FILE.pdf`, run as a recipient of the record would: a new process, one line, exit code.
On each store: the record's session lives in the embedded store or in a shared workspace (``--store URL``)."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import subprocess
import sys

import pytest
from pypdf import PdfReader, PdfWriter

from tension_desk.domain.dates import day
from tension_desk.export.documents import session_document
from tension_desk.export.json_export import fingerprint, record_from_dict
from tension_desk.export.pdf import RECORD_ATTACHMENT, session_pdf_bytes
from tension_desk.services.sample import add_sample


def verify(path, data_dir, store_url=None):
    """``verify`` against the store in ``data_dir``, or the shared workspace at ``store_url``."""
    env = {k: v for k, v in os.environ.items() if k not in ("TENSION_DESK_DATA_DIR", "TENSION_DESK_STORE")}
    store = ["--store", store_url] if store_url else []
    return subprocess.run([sys.executable, "-m", "tension_desk", "verify", str(path), "--data-dir", str(data_dir),
                           *store], capture_output=True, text=True, env=env, timeout=120)


def one_line(r) -> str:
    assert "Traceback" not in r.stderr
    out = (r.stdout + r.stderr).strip()
    assert len(out.splitlines()) == 1, out
    return out


def with_embedded(pdf: bytes, change) -> bytes:
    """The same PDF with its embedded record's bytes edited afterwards, as a forger would."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    stream = names[names.index(RECORD_ATTACHMENT) + 1].get_object()["/EF"]["/F"].get_object()
    stream.set_data(change(stream.get_data()))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture
def october(qapp, desk_on_each_store, data_dir, tmp_path):
    """The sample's October record (closed, sealed, with a decision) as a PDF, and its canonical record."""
    desk = desk_on_each_store
    sid = add_sample(desk)[1]
    pdf = session_document(desk, sid, "pdf")
    return desk, sid, pdf, json.loads(session_document(desk, sid, "json"))


def test_a_good_pdf_is_verified_in_one_line(october, data_dir, store_url, tmp_path):
    _desk, _sid, pdf, data = october
    (tmp_path / "october.pdf").write_bytes(pdf)
    r = verify(tmp_path / "october.pdf", data_dir, store_url)
    sealed = day(dt.date.fromisoformat(data["revision"]["sealed_on"]))  # the day the record says
    assert r.returncode == 0 and one_line(r) == f"verified: October tension session, revision 1, sealed {sealed}"
    # with no store at hand, the PDF alone is enough
    r = verify(tmp_path / "october.pdf", tmp_path / "no-store-here")
    assert r.returncode == 0 and one_line(r).startswith("verified: October tension session, revision 1")


def test_an_embedded_record_edited_afterwards_is_caught(october, data_dir, store_url, tmp_path):
    _desk, _sid, pdf, _data = october
    forged = with_embedded(pdf, lambda raw: raw.replace(b'"owner":"Maya Chen"', b'"owner":"Somebody Else"'))
    (tmp_path / "forged.pdf").write_bytes(forged)
    r = verify(tmp_path / "forged.pdf", data_dir, store_url)
    assert r.returncode == 1
    assert "the printed fingerprint" in one_line(r) and "is not the SHA-256 of the embedded record" in r.stderr


def test_a_printed_fingerprint_that_is_not_the_records_is_caught(october, data_dir, store_url, tmp_path):
    _desk, _sid, _pdf, data = october
    (tmp_path / "edited.pdf").write_bytes(session_pdf_bytes(record_from_dict(data), "0" * 64, canonical=data))
    r = verify(tmp_path / "edited.pdf", data_dir, store_url)
    assert r.returncode == 1 and "the printed fingerprint (000000000000…) is not the SHA-256" in one_line(r)


def test_an_embedded_record_that_disagrees_with_the_printed_facts_is_caught(october, data_dir, store_url, tmp_path):
    _desk, _sid, _pdf, data = october
    changed = json.loads(json.dumps(data))
    changed["decisions"][0]["outcome"] = "Ship usage-based billing on the monolith now."
    # the pages print the real outcome; the embedded record (and the printed fingerprint) say otherwise
    pdf = session_pdf_bytes(record_from_dict(data), fingerprint(changed), canonical=changed)
    (tmp_path / "swapped.pdf").write_bytes(pdf)
    r = verify(tmp_path / "swapped.pdf", data_dir, store_url)
    assert r.returncode == 1
    assert one_line(r).startswith("differs: the outcome of decision 1 printed differs from the embedded record")


def test_a_consistent_forgery_is_caught_by_the_stores_seal(october, data_dir, store_url, tmp_path):
    _desk, sid, _pdf, data = october
    forged = json.loads(json.dumps(data))
    forged["decisions"][0]["owner"] = "Somebody Else"
    pdf = session_pdf_bytes(record_from_dict(forged), fingerprint(forged), canonical=forged)
    (tmp_path / "forged.pdf").write_bytes(pdf)
    r = verify(tmp_path / "forged.pdf", data_dir, store_url)
    assert r.returncode == 1
    sealed = fingerprint(data)[:12]
    assert f"the store's sealed revision 1 of session {sid} has the fingerprint {sealed}…" in one_line(r)
    # elsewhere, without the store, nothing contradicts it
    assert verify(tmp_path / "forged.pdf", tmp_path / "elsewhere").returncode == 0


def test_a_file_that_is_not_a_pdf_or_has_no_record_gets_one_line(october, data_dir, store_url, tmp_path):
    desk, _sid, _pdf, _data = october
    (tmp_path / "notes.pdf").write_text("just some text\n", encoding="utf-8")
    r = verify(tmp_path / "notes.pdf", data_dir, store_url)
    assert r.returncode == 1 and one_line(r) == f"tension-desk: {tmp_path / 'notes.pdf'}: is not a PDF"
    from tension_desk.export.documents import log_document

    (tmp_path / "log.pdf").write_bytes(log_document(desk, "pdf"))  # a PDF, but no session record in it
    r = verify(tmp_path / "log.pdf", data_dir, store_url)
    assert r.returncode == 1 and "is a PDF without a Tension Desk session record" in one_line(r)
    r = verify(tmp_path / "missing.pdf", data_dir, store_url)
    assert r.returncode == 1 and one_line(r) == f"tension-desk: {tmp_path / 'missing.pdf'}: no such file"
