"""Wires the credits area into the app: blueprints, course panel, template helpers, CLI."""
from __future__ import annotations

from flask import Flask
from flask_login import current_user

from lms import db
from lms.credits import certificate_views, certificates, license_views, settings, views
from lms.credits.cli import remind
from lms.web.navigation import register_panel


def init_app(app: Flask) -> None:
    for blueprint in (views.bp, certificate_views.bp, license_views.bp):
        app.register_blueprint(blueprint)
    register_panel(app, "credits/_course_panel.html", page="course")
    app.context_processor(lambda: {
        "ce_status": lambda course: certificates.completion_status(db.session(), current_user.id, course,
                                                                   settings.seat_share()),
        "certificate_for": lambda course: certificates.certificate_for(db.session(), current_user.id, course.id),
    })
    app.cli.add_command(remind)
