import os
import sys
import threading

from lms.accounts import passwords
from lms.accounts.passwords import hash_password, problems_with, verify_password


def test_short_common_and_personal_passwords_are_refused():
    assert problems_with("short1!") and "at least 10" in problems_with("short1!")[0]
    assert "too common" in " ".join(problems_with("password123"))
    assert "email or name" in " ".join(problems_with("janedoe-is-great", email="janedoe@example.com"))
    assert problems_with("aaaaaaaaaaaa")


def test_a_reasonable_password_passes():
    assert problems_with("sunny-table-river-42", email="x@example.com", name="Ann Lee") == []


def test_hash_is_a_modern_kdf_and_verifies():
    hashed = hash_password("sunny-table-river-42")
    assert hashed.startswith("scrypt:")
    assert verify_password(hashed, "sunny-table-river-42")
    assert not verify_password(hashed, "sunny-table-river-43")


def test_hashing_runs_on_a_pool_thread_the_kernel_schedules_lower():
    def where() -> tuple[str, int]:
        return threading.current_thread().name, os.getpriority(os.PRIO_PROCESS, threading.get_native_id())

    name, priority = passwords._on_hashing_thread(where)
    assert name.startswith("lms-password-hash")
    if sys.platform.startswith("linux"):  # a thread's nice value is its own there
        own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        assert priority == max(own, passwords.HASHING_NICE)


def test_a_forked_process_makes_its_own_hashing_pool(monkeypatch):
    parent = passwords._executor()
    assert passwords._executor() is parent
    monkeypatch.setattr(passwords.os, "getpid", lambda: -1)  # as a gunicorn worker forked from a preloaded app
    child = passwords._executor()
    assert child is not parent and child.submit(lambda: 7).result() == 7
