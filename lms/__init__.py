"""The LMS application factory."""
from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from flask import Flask
from flask_login import current_user

import config as settings
from lms import db
from lms.accounts.loader import init_login
from lms.accounts.views import bp as accounts_bp
from lms.cli import register as register_cli
from lms.assessment import attempt_views, bank_views, history
from lms.assessment import views as assessment_views
from lms.content import views as content_views
from lms.credits import setup as credits_setup
from lms.readiness import views as readiness_views
from lms.schools import setup as schools_setup
from lms.extensions import csrf, limiter, login_manager
from lms.accounts.outbox_views import bp as mail_bp
from lms.web import errors, navigation, security
from lms.web.views import bp as web_bp


class ConfigurationError(RuntimeError):
    """The app was asked to start with settings that would be unsafe."""


def create_app(config: Mapping[str, Any] | None = None) -> Flask:
    app = Flask(__name__, static_folder="web/static", template_folder="web/templates")
    _load_config(app, config)
    _check_production_settings(app)
    db.init_app(app)
    _init_extensions(app)
    _register_blueprints(app)
    _register_cli(app)
    return app


def _load_config(app: Flask, overrides: Mapping[str, Any] | None) -> None:
    app.config.update(settings.from_environment())
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=16 * 1024 * 1024,
        WTF_CSRF_TIME_LIMIT=None,
    )
    if overrides:
        app.config.update(overrides)
    app.config["REMEMBER_COOKIE_SECURE"] = app.config["SESSION_COOKIE_SECURE"]
    Path(app.config["INSTANCE_PATH"]).mkdir(parents=True, exist_ok=True)
    logging.basicConfig(level=logging.INFO)


def _check_production_settings(app: Flask) -> None:
    if app.config["LMS_ENV"] != "production":
        return
    key = app.config.get("SECRET_KEY") or ""
    if key == settings.DEFAULT_SECRET_KEY or len(key) < 32:
        raise ConfigurationError(
            "LMS_SECRET_KEY must be set to a random value of at least 32 characters in production."
        )


def _init_extensions(app: Flask) -> None:
    csrf.init_app(app)
    limiter.init_app(app)
    init_login(app, login_manager)


def _register_blueprints(app: Flask) -> None:
    for blueprint in (web_bp, accounts_bp, mail_bp):
        app.register_blueprint(blueprint)
    content_views.init_app(app)
    _init_assessment(app)
    credits_setup.init_app(app)
    readiness_views.init_app(app)
    schools_setup.init_app(app)
    security.init_app(app)
    navigation.init_app(app)
    errors.init_app(app)


def _register_cli(app: Flask) -> None:
    register_cli(app)


def _init_assessment(app: Flask) -> None:
    app.register_blueprint(assessment_views.bp)
    app.register_blueprint(attempt_views.bp)
    app.register_blueprint(bank_views.bp)
    navigation.register_panel(app, "assessment/dashboard_panel.html")
    app.context_processor(lambda: {"open_attempts": lambda: history.open_attempts(db.session(), current_user.id)})
