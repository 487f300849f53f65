"""Proof files for external CE: type checked by content, size-limited, stored outside the web root."""
from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from sqlalchemy.orm import Session

from lms.credits.models import ProofFile

MAX_BYTES = 5 * 1024 * 1024
SIGNATURES = [(b"%PDF-", "application/pdf", ".pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
              (b"\xff\xd8\xff", "image/jpeg", ".jpg")]


class ProofError(ValueError):
    """An upload that is refused; the message is safe to show."""


def detect(data: bytes) -> tuple[str, str]:
    """(content type, extension) from the file's first bytes; ProofError for anything else."""
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic):
            return content_type, extension
    raise ProofError("Proof must be a PDF, PNG or JPEG file (checked by its content, not its name).")


def store(db: Session, folder: Path, user_id: int, original_name: str, data: bytes) -> ProofFile:
    if len(data) > MAX_BYTES:
        raise ProofError(f"Proof files can be at most {MAX_BYTES // (1024 * 1024)} MB.")
    if not data:
        raise ProofError("The proof file is empty.")
    content_type, extension = detect(data)
    folder.mkdir(parents=True, exist_ok=True)
    stored = secrets.token_hex(16) + extension
    (folder / stored).write_bytes(data)
    proof = ProofFile(user_id=user_id, stored_name=stored, original_name=Path(original_name).name[:255] or "proof",
                      content_type=content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    db.add(proof)
    db.flush()
    return proof
