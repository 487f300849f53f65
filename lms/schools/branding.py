"""School branding and provider details stored in the database, falling back to config."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.uploads import UploadError, detect
from lms.db import utcnow
from lms.schools.models import SchoolSettings

MAX_IMAGE_BYTES = 1024 * 1024


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_color: str) -> float:
    r, g, b = (int(hex_color[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast_ratio(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def current(db: Session) -> SchoolSettings:
    row = db.scalar(select(SchoolSettings).order_by(SchoolSettings.id).limit(1))
    return row if row is not None else SchoolSettings(id=0)


@dataclass(frozen=True)
class Effective:
    site_name: str
    primary_color: str
    provider_name: str
    provider_number: str
    provider_contact: str
    signer: str
    has_logo: bool


def effective(db: Session, config: dict) -> Effective:
    s = current(db)
    return Effective(s.name or config["SITE_NAME"], s.primary_color or "", s.provider_name or config["PROVIDER_NAME"],
                     s.provider_number or config["PROVIDER_NUMBER"], s.provider_contact or config["PROVIDER_CONTACT"],
                     s.signer_name or config["CERTIFICATE_SIGNER"], bool(s.logo_file))


def store_image(folder: Path, name: str, data: bytes) -> str:
    if len(data) > MAX_IMAGE_BYTES:
        raise UploadError("Images can be at most 1 MB.")
    _content_type, extension = detect(data, allowed=("image/png", "image/jpeg"))
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{name}{extension}"
    (folder / stored).write_bytes(data)
    return stored


def save(db: Session, values: dict[str, str]) -> SchoolSettings:
    if values.get("primary_color") and contrast_ratio(values["primary_color"], "#ffffff") < 4.5:
        raise ValueError(f"Header colour: {values['primary_color']} is too light for white text "
                         f"(contrast {contrast_ratio(values['primary_color'], '#ffffff'):.1f}:1, at least 4.5:1 needed).")
    row = db.scalar(select(SchoolSettings).order_by(SchoolSettings.id).limit(1))
    if row is None:
        row = SchoolSettings()
        db.add(row)
    for key, value in values.items():
        setattr(row, key, value)
    row.updated_at = utcnow()
    db.flush()
    return row
