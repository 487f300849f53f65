"""Flask-Login wiring: how a session cookie becomes a user."""
from __future__ import annotations

from flask import Flask
from flask_login import LoginManager

from lms import db
from lms.accounts.models import User


def init_login(app: Flask, manager: LoginManager) -> None:
    manager.init_app(app)
    manager.login_view = "accounts.sign_in"
    manager.login_message = "Please sign in to see that page."
    manager.login_message_category = "info"
    manager.session_protection = "basic"

    @manager.user_loader
    def load_user(user_id: str) -> User | None:
        if not user_id.isdigit():
            return None
        user = db.session().get(User, int(user_id))
        return user if user is not None and user.active else None
