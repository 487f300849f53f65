"""Wires the schools area into the app."""
from __future__ import annotations

from flask import Flask
from flask_login import current_user

from lms import db
from lms.schools import admin_views, assignments, cohort_views, invite_views, learner_views, site
from lms.web.navigation import register_panel


def init_app(app: Flask) -> None:
    site.init_app(app)
    for module in (admin_views, cohort_views, invite_views, learner_views):
        app.register_blueprint(module.bp)
    register_panel(app, "schools/dashboard_panel.html")
    app.context_processor(lambda: {
        "my_assignments": lambda: assignments.for_learner(db.session(), current_user.id),
        "school": site.shown,
    })
