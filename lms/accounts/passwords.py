"""Password policy and hashing (Werkzeug's scrypt KDF).

scrypt costs some 70 ms of CPU per sign-in by design. When a class signs in at once, those hashes would take
the cores from learners already answering an exam, so hashing runs on a small pool of threads per process
that the kernel schedules at a lower priority (nice +10, Linux; elsewhere at normal priority): a sign-in rush
takes longer, the answers saved meanwhile do not. scrypt releases the GIL, so the request thread simply waits.
"""
from __future__ import annotations

import os
import sys
import threading

from werkzeug.security import check_password_hash, generate_password_hash

from lms.background import ProcessPool

MIN_LENGTH = 10
MAX_LENGTH = 256
_COMMON = {
    "password", "password1", "password12", "password123", "passw0rd", "qwerty", "qwertyuiop",
    "1234567890", "123456789", "12345678", "iloveyou", "letmein", "welcome", "admin", "massage",
    "massagetherapy", "abc123", "football", "monkey", "dragon", "sunshine",
}


def problems_with(password: str, email: str = "", name: str = "") -> list[str]:
    """Plain-language reasons a password is too weak; empty when acceptable."""
    found: list[str] = []
    if len(password) < MIN_LENGTH:
        found.append(f"Use at least {MIN_LENGTH} characters.")
    if len(password) > MAX_LENGTH:
        found.append(f"Use at most {MAX_LENGTH} characters.")
    lowered = password.lower()
    if lowered in _COMMON or lowered.rstrip("0123456789!") in _COMMON:
        found.append("This password is too common.")
    if len(set(password)) < 4:
        found.append("Use more different characters.")
    local = email.split("@")[0].lower()
    if (local and len(local) >= 4 and local in lowered) or (name and name.lower().replace(" ", "") in lowered):
        found.append("Do not use your email or name in your password.")
    return found


HASHING_NICE = 10  # how much lower than the request threads the kernel schedules a hash
HASHING_THREADS = 2  # hashes at once per process (scrypt needs 32 MiB each)


def _lower_priority() -> None:
    """Runs in each new hashing thread. On Linux a thread's nice value is its own (setpriority on its id)."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), HASHING_NICE)
        except OSError:  # a sandbox may refuse it: hash at normal priority
            pass


hashing = ProcessPool(HASHING_THREADS, "lms-password-hash", _lower_priority)


def hash_password(password: str) -> str:
    return hashing.run(lambda: generate_password_hash(password, method="scrypt"))


def verify_password(password_hash: str, password: str) -> bool:
    return hashing.run(lambda: check_password_hash(password_hash, password))
