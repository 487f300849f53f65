"""Password policy and hashing (Werkzeug's scrypt KDF)."""
from __future__ import annotations

from werkzeug.security import check_password_hash, generate_password_hash

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


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def verify_password(password_hash: str, password: str) -> bool:
    return check_password_hash(password_hash, password)
