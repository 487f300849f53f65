"""Uploaded files: their type is decided by their first bytes, never by their name."""
from __future__ import annotations

SIGNATURES = [(b"%PDF-", "application/pdf", ".pdf"), (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
              (b"\xff\xd8\xff", "image/jpeg", ".jpg")]


class UploadError(ValueError):
    """An upload that is refused; the message is safe to show."""


def detect(data: bytes, allowed: tuple[str, ...] = ("application/pdf", "image/png", "image/jpeg")) -> tuple[str, str]:
    """(content type, extension) from the file's first bytes; UploadError for anything not in `allowed`."""
    for magic, content_type, extension in SIGNATURES:
        if data.startswith(magic) and content_type in allowed:
            return content_type, extension
    kinds = ", ".join(t.split("/")[1].upper() for t in allowed)
    raise UploadError(f"The file must be {kinds} (checked by its content, not its name).")
