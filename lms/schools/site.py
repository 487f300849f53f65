"""The school's name, colour and logo as every page shows them, kept per worker for SETTINGS_CACHE_SECONDS.

Every page's header reads them, so reading the settings row each time cost a query per request. The worker
that saves new settings forgets its copy at once; other workers and servers show the change within the TTL.
Certificates and provider details read the row itself (`branding.effective`), never this copy.
"""
from __future__ import annotations

from flask import Flask, current_app

from lms import db
from lms.cache import ProcessCache
from lms.schools import branding

KEY = "lms.site_branding"


def shown() -> branding.Effective:
    cache: ProcessCache[branding.Effective] = current_app.extensions[KEY]
    return cache.get("school", lambda: branding.effective(db.session(), current_app.config))


def forget() -> None:
    """The settings changed in this worker: read them again on the next page."""
    current_app.extensions[KEY].clear()


def init_app(app: Flask) -> None:
    app.extensions[KEY] = ProcessCache[branding.Effective](size=1, ttl=app.config["SETTINGS_CACHE_SECONDS"])
