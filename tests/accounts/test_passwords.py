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

    name, priority = passwords.hashing.run(where)
    assert name.startswith("lms-password-hash")
    if sys.platform.startswith("linux"):  # a thread's nice value is its own there
        own = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
        assert priority == max(own, passwords.HASHING_NICE)


def test_hashing_pool_runs_in_a_forked_child():
    assert passwords.hashing.run(lambda: 1) == 1  # the parent's pool has its threads
    pid = os.fork()
    if pid == 0:  # the child: the parent's threads are not here, so only a fresh pool can run the hash
        try:
            ok = passwords.hashing.submit(lambda: verify_password(hash_password("sunny-table-river-42"),
                                                                  "sunny-table-river-42")).result(timeout=20)
        except BaseException:
            ok = False
        os._exit(0 if ok else 1)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
