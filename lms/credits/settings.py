"""Credits settings read from the app config (provider details, folders, seat-time share)."""
from __future__ import annotations

from pathlib import Path

from flask import current_app

from lms.credits.certificates import Provider
from lms.credits.requirements import PROFILES, Profile, load_profiles


def provider() -> Provider:
    c = current_app.config
    return Provider(c["PROVIDER_NAME"], c["PROVIDER_NUMBER"], c["PROVIDER_CONTACT"], c["CERTIFICATE_SIGNER"])


def proof_folder() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / "proofs"


def profiles() -> dict[str, Profile]:
    return load_profiles([PROFILES, Path(current_app.config["INSTANCE_PATH"]) / "profiles"])


def seat_share() -> float:
    return float(current_app.config.get("CE_SEAT_TIME_SHARE", 0.5))
