"""Proof files for external CE: type checked by content, size-limited, stored outside the web root."""
from __future__ import annotations

import hashlib
import secrets
from pathlib import Path

from sqlalchemy.orm import Session

from lms.credits.models import ProofFile
from lms.uploads import UploadError, detect

MAX_BYTES = 5 * 1024 * 1024


def store(db: Session, folder: Path, user_id: int, original_name: str, data: bytes) -> ProofFile:
    if len(data) > MAX_BYTES:
        raise UploadError(f"Proof files can be at most {MAX_BYTES // (1024 * 1024)} MB.")
    if not data:
        raise UploadError("The proof file is empty.")
    content_type, extension = detect(data)
    folder.mkdir(parents=True, exist_ok=True)
    stored = secrets.token_hex(16) + extension
    (folder / stored).write_bytes(data)
    proof = ProofFile(user_id=user_id, stored_name=stored, original_name=Path(original_name).name[:255] or "proof",
                      content_type=content_type, size=len(data), sha256=hashlib.sha256(data).hexdigest())
    db.add(proof)
    db.flush()
    return proof
