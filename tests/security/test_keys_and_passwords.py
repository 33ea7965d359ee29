from __future__ import annotations

import gc
import threading

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ibp_desktop.core.errors import BadInputError
from ibp_desktop.security import keys, passwords
from ibp_desktop.security.passwords import hash_password, verify_password


@given(st.binary(min_size=32, max_size=32))
def test_recovery_key_round_trip(key: bytes) -> None:
    text = keys.format_recovery_key(key)
    assert all(len(group) == 5 for group in text.split("-")[:-1])
    assert keys.parse_recovery_key(text) == key
    assert keys.parse_recovery_key(" " + text.lower().replace("-", "  ") + "\n") == key


@given(
    st.binary(min_size=32, max_size=32),
    st.integers(min_value=0, max_value=40),
    st.sampled_from("ABCDEFGH23456789"),
)
def test_one_wrong_character_is_detected(key: bytes, position: int, replacement: str) -> None:
    text = keys.format_recovery_key(key).replace("-", "")
    if text[position] == replacement:
        return
    broken = text[:position] + replacement + text[position + 1 :]
    try:
        parsed = keys.parse_recovery_key(broken)
    except BadInputError:
        return
    assert parsed != key or broken.upper() == text.upper()


def test_confusable_letters_are_forgiven() -> None:
    key = bytes(range(32))
    text = keys.format_recovery_key(key)
    confused = text.replace("0", "O").replace("1", "l")
    assert keys.parse_recovery_key(confused) == key


def test_real_password_hashes_are_memory_hard(monkeypatch: object) -> None:
    from argon2 import PasswordHasher, extract_parameters

    stored = PasswordHasher().hash("Lang-genoeg-wachtwoord")  # what the product uses, unpatched
    parameters = extract_parameters(stored)
    assert parameters.memory_cost >= 64 * 1024 and parameters.type.name == "ID"


def test_hash_and_verify() -> None:
    stored = hash_password("Lang-genoeg-wachtwoord")
    assert "Lang-genoeg" not in stored
    assert verify_password(stored, "Lang-genoeg-wachtwoord")
    assert not verify_password(stored, "lang-genoeg-wachtwoord")
    assert not verify_password("geen-hash", "x")


def test_work_meanwhile_runs_while_the_hash_is_checked_on_another_thread() -> None:
    """The check runs on another thread (argon2 releases the GIL) while ``meanwhile`` runs here: the
    meanwhile below waits for a sign from inside the check, which only comes if both run at once."""
    stored = hash_password("Lang-genoeg-wachtwoord")
    checking = threading.Event()
    seen: list[str] = []
    original = passwords._verify

    def verify(password_hash: str, password: str) -> bool:
        seen.append(threading.current_thread().name)
        checking.set()
        return original(password_hash, password)

    def meanwhile() -> None:
        assert checking.wait(timeout=30)
        seen.append("meanwhile")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_verify", verify)
        assert verify_password(stored, "Lang-genoeg-wachtwoord", meanwhile=meanwhile)
        assert not verify_password(stored, "Fout-wachtwoord", meanwhile=meanwhile)
    assert seen == ["argon2", "meanwhile", "argon2", "meanwhile"]


def test_a_failing_meanwhile_changes_no_answer(caplog: pytest.LogCaptureFixture) -> None:
    stored = hash_password("Lang-genoeg-wachtwoord")

    def broken() -> None:
        raise ImportError("reportlab")

    assert verify_password(stored, "Lang-genoeg-wachtwoord", meanwhile=broken)
    assert not verify_password(stored, "Fout-wachtwoord", meanwhile=broken)
    assert "preparation during the password check failed (ImportError)" in caplog.text
    assert "reportlab" not in caplog.text


def test_an_error_of_the_check_itself_reaches_the_caller() -> None:
    def out_of_memory(_hash: str, _password: str) -> bool:
        raise MemoryError("64 MiB")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(passwords, "_verify", lambda h, p: out_of_memory(h, p))
        with pytest.raises(MemoryError):
            verify_password("hash", "pw", meanwhile=lambda: None)


@pytest.mark.parametrize("kind", ["ID", "I"])
def test_the_check_on_one_core_answers_as_argon2_cffi_for_the_real_parameters(kind: str) -> None:
    """The product's own parameters (64 MiB, 3 passes, 4 lanes), any password: the same answers."""
    from argon2 import PasswordHasher, Type

    hasher = PasswordHasher(type=Type[kind])
    for password in ("Lang-genoeg-wachtwoord", "Şükrü Yılmaz ñ", ""):
        stored = hasher.hash(password)
        gc.collect()  # memory freed meanwhile must not be what the check reads (its buffers stay referenced)
        assert passwords._verify_on_one_core(stored, password)
        assert not passwords._verify_on_one_core(stored, password + " ")
        assert not passwords._verify_on_one_core(stored, password.upper() + "x")
    changed = stored[:-2] + ("AA" if not stored.endswith("AA") else "BB")  # one hash byte differs
    assert not passwords._verify_on_one_core(changed, "")


def test_the_check_on_one_core_computes_every_lane_on_one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher, low_level

    seen: list[tuple[int, int, int, int]] = []
    real_core = low_level.core

    def core(context: object, kind: int) -> int:
        seen.append((context.threads, context.lanes, context.m_cost, context.t_cost))  # type: ignore[attr-defined]
        return int(real_core(context, kind))

    monkeypatch.setattr(low_level, "core", core)
    stored = PasswordHasher().hash("Lang-genoeg-wachtwoord")
    assert passwords.PasswordCheck(stored, "Lang-genoeg-wachtwoord", one_core=True).result(lambda: None)
    assert seen == [(1, 4, 64 * 1024, 3)]  # the hash's own parameters, computed by one thread
    assert verify_password(stored, "Lang-genoeg-wachtwoord", meanwhile=lambda: None)
    assert len(seen) == 1  # without one_core libargon2 checks as it does (a thread per lane)


@pytest.mark.parametrize(
    "stored",
    [
        "geen-hash",
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ",  # no hash part
        "$argon2id$v=19$m=65536,t=3,p=4$!!!!$c2FsdHNhbHQ",  # not base64
        "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$YWJjZGVmZ2hpams",  # parameters argon2 refuses
        "$argon2x$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$YWJjZGVmZ2hpams",  # no Argon2 type
    ],
)
def test_a_damaged_hash_verifies_nothing_on_one_core(stored: str) -> None:
    assert not passwords.PasswordCheck(stored, "x", one_core=True).result()


def test_a_hash_of_an_older_argon2_version_is_checked_by_argon2_cffi_itself() -> None:
    from argon2.low_level import Type, hash_secret

    old = hash_secret(b"Lang-genoeg-wachtwoord", b"zoutzout", 1, 1024, 1, 32, Type.ID, version=0x10).decode()
    assert "$v=16$" in old
    assert passwords._verify_on_one_core(old, "Lang-genoeg-wachtwoord")
    assert not passwords._verify_on_one_core(old, "Fout-wachtwoord")
