"""Credits settings read from the app config (provider details, folders, seat-time share)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from lms import db

from lms.credits.certificates import Provider
from lms.credits.requirements import PROFILES, Profile, load_profiles
from lms.schools import branding


def provider() -> Provider:
    """Provider details from the admin's branding page, falling back to config."""
    school = branding.effective(db.session(), current_app.config)
    return Provider(school.provider_name, school.provider_number, school.provider_contact, school.signer)


def proof_folder() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / "proofs"


def profiles() -> dict[str, Profile]:
    return load_profiles([PROFILES, Path(current_app.config["INSTANCE_PATH"]) / "profiles"])


def seat_share() -> float:
    return float(current_app.config.get("CE_SEAT_TIME_SHARE", 0.5))
