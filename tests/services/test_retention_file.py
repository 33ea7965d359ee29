"""After a clean-up run the deleted pupils are nowhere in the database FILE (SQLCipher only).

A copy of the encrypted file is decrypted page by page (SQLCipher 4: AES-256-CBC per page, the IV in the
page's reserved tail, the raw key used as is), so freed pages and the free space inside pages are read
too, not only the live rows a query or an export would show.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from ibp_desktop.security import keys
from ibp_desktop.services.location import read_info
from ibp_desktop.store.models import AuditEntry
from tests.conftest import SchoolDb
from tests.services.retention_helpers import GONE, GUARDIANS, RECENT, UNTIL, build

PAGE_SIZE = 4096
RESERVE = 80  # 16 bytes IV + 64 bytes HMAC-SHA512 (SQLCipher 4 defaults)
SALT = 16


def decrypted_pages(path: Path, key: bytes) -> bytes:
    ciphers = pytest.importorskip("cryptography.hazmat.primitives.ciphers")
    raw = path.read_bytes()
    assert len(raw) % PAGE_SIZE == 0
    plain = bytearray()
    for start in range(0, len(raw), PAGE_SIZE):
        page = raw[start : start + PAGE_SIZE]
        skip = SALT if start == 0 else 0
        iv = page[PAGE_SIZE - RESERVE : PAGE_SIZE - RESERVE + 16]
        decryptor = ciphers.Cipher(ciphers.algorithms.AES(key), ciphers.modes.CBC(iv)).decryptor()
        plain += decryptor.update(page[skip : PAGE_SIZE - RESERVE]) + decryptor.finalize()
    # Page 1 starts (after the salt) with the rest of the SQLite header: page size 4096, reserve 80.
    assert plain[0:2] == PAGE_SIZE.to_bytes(2, "big") and plain[4] == RESERVE, "decryption failed"
    return bytes(plain)


def test_deleted_pupils_leave_no_trace_in_the_file_or_the_audit_log(sqlcipher_school: SchoolDb) -> None:
    school = sqlcipher_school
    rs = build(school)
    copy_before = school.location.db_path.with_name("before.db")
    shutil.copyfile(school.location.db_path, copy_before)
    proposed = rs.runs(rs.admin).propose(school.school_id, UNTIL)
    rs.runs(rs.director).approve(proposed.run.id)
    rs.runs(rs.admin).execute(proposed.run.id)
    with school.database.transaction() as session:
        carried = session.scalars(
            select(AuditEntry.details).where(AuditEntry.action == "retention_run_carried_out")
        ).one()
        audit_values = " ".join(
            f"{e.username} {e.action} {e.entity} {e.entity_id} {e.details}"
            for e in session.scalars(select(AuditEntry))
        ).encode("utf-8")
    school.database.dispose()
    # The run's audit entry: its number and counts, nothing else.
    assert json.loads(carried)["after"] == {
        "number": proposed.run.number,
        "deleted": {"consent_decisions": 20, "incident_timeline": 2, "incidents": 1, "pupils": 2},
    }

    db_path = school.location.db_path
    for suffix in ("-journal", "-wal", "-shm"):
        assert not db_path.with_name(db_path.name + suffix).exists(), f"{suffix} left behind"
    copy = db_path.with_name("copy.db")
    shutil.copyfile(db_path, copy)
    key = keys.load_database_key(read_info(school.location).database_id)
    assert key is not None

    gone = [part for first, _infix, last, _n in GONE for part in (first, last)] + list(GUARDIANS.values())
    before, after = decrypted_pages(copy_before, key), decrypted_pages(copy, key)
    for text in gone:
        needle = text.encode("utf-8")
        assert needle in before, f"{text} was never in the file: the test proves nothing"
        assert needle not in after, f"{text} is still in the database file"
        assert needle not in audit_values, f"{text} is in the audit log"
    # What stays is still readable, so the decryption really works on the later file.
    assert RECENT[0].encode("utf-8") in after and b"Sollicitaties" not in after
    assert "OBS Şükrü & Łucja".encode() in after
