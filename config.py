"""Settings, read from environment variables with safe defaults for a single machine.

Every setting is listed in README.md. `create_app(config)` accepts a mapping that
overrides these values (tests use it).
"""
from __future__ import annotations

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
DEFAULT_SECRET_KEY = "dev-only-insecure-key-change-me"


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _int(name: str, default: int) -> int:
    value = os.environ.get(name)
    return int(value) if value not in (None, "") else default


def from_environment() -> dict[str, object]:
    """Build the app's settings from the process environment."""
    instance = Path(os.environ.get("LMS_INSTANCE_PATH", BASE_DIR / "instance"))
    env = os.environ.get("LMS_ENV", "development")
    return {
        "LMS_ENV": env,
        "INSTANCE_PATH": str(instance),
        "SECRET_KEY": os.environ.get("LMS_SECRET_KEY", DEFAULT_SECRET_KEY),
        "DATABASE_URL": os.environ.get("LMS_DATABASE_URL", f"sqlite:///{instance / 'lms.sqlite3'}"),
        "RATELIMIT_STORAGE_URI": os.environ.get("LMS_RATELIMIT_STORAGE_URI", "memory://"),
        "RATELIMIT_ENABLED": _bool("LMS_RATELIMIT_ENABLED", True),
        "MAIL_SERVER": os.environ.get("LMS_MAIL_SERVER", ""),
        "MAIL_PORT": _int("LMS_MAIL_PORT", 587),
        "MAIL_USERNAME": os.environ.get("LMS_MAIL_USERNAME", ""),
        "MAIL_PASSWORD": os.environ.get("LMS_MAIL_PASSWORD", ""),
        "MAIL_USE_TLS": _bool("LMS_MAIL_USE_TLS", True),
        "MAIL_SENDER": os.environ.get("LMS_MAIL_SENDER", "no-reply@localhost"),
        "SITE_NAME": os.environ.get("LMS_SITE_NAME", "Massage Therapy Learning"),
        "PROVIDER_NAME": os.environ.get("LMS_PROVIDER_NAME", "Massage Therapy Learning"),
        "PROVIDER_NUMBER": os.environ.get("LMS_PROVIDER_NUMBER", ""),
        "PROVIDER_CONTACT": os.environ.get("LMS_PROVIDER_CONTACT", "no-reply@localhost"),
        "CERTIFICATE_SIGNER": os.environ.get("LMS_CERTIFICATE_SIGNER", ""),
        "CONTENT_PATH": os.environ.get("LMS_CONTENT_PATH", str(BASE_DIR / "courses")),
        "QUESTION_BANK_PATH": os.environ.get("LMS_QUESTION_BANK_PATH", str(BASE_DIR / "question_bank")),
        "CE_SEAT_TIME_SHARE": float(os.environ.get("LMS_CE_SEAT_TIME_SHARE", "0.5")),
        "PASSWORD_RESET_MAX_AGE": _int("LMS_PASSWORD_RESET_MAX_AGE", 3600),
        "SETTINGS_CACHE_SECONDS": _int("LMS_SETTINGS_CACHE_SECONDS", 10),
        "SESSION_COOKIE_SECURE": env == "production",
    }
