"""Security headers on every response."""
from __future__ import annotations

from flask import Flask, Response, abort, request

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


def _has_nul(values: object) -> bool:
    return any("\x00" in value for _key, value in values.items(multi=True))  # type: ignore[attr-defined]


def init_app(app: Flask) -> None:
    @app.before_request
    def refuse_nul_bytes() -> None:
        """No text column can hold a NUL byte (PostgreSQL refuses them): a request carrying one is malformed."""
        if _has_nul(request.args) or (request.method == "POST" and _has_nul(request.form)):
            abort(400)

    @app.after_request
    def add_headers(response: Response) -> Response:
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        response.headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response
