"""Friendly error pages; no stack trace ever reaches a user."""
from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger("lms.errors")

MESSAGES = {
    400: ("Something was wrong with that request", "Please go back, reload the page and try again."),
    403: ("You do not have access to this page", "If you think you should, ask your school's administrator."),
    404: ("Page not found", "The page may have moved, or the address may be mistyped."),
    405: ("That action is not allowed here", "Please go back and use the page's own buttons."),
    413: ("That file is too large", "Please choose a smaller file."),
    429: ("Too many attempts", "Please wait a few minutes before trying again."),
    500: ("Something went wrong on our side", "The problem has been logged. Please try again in a moment."),
}


def _page(code: int, detail: str | None = None) -> tuple[str, int]:
    title, text = MESSAGES.get(code, MESSAGES[500] if code >= 500 else MESSAGES[400])
    return render_template("web/error.html", code=code, title=title, text=detail or text), code


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf_error(exc: CSRFError) -> tuple[str, int]:
        return _page(400, "The form had expired or was not sent from this site. Reload the page and try again.")

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException) -> tuple[str, int]:
        return _page(exc.code or 500)

    @app.errorhandler(Exception)
    def unexpected(exc: Exception) -> tuple[str, int]:
        log.exception("unhandled error", exc_info=exc)
        return _page(InternalServerError.code)
