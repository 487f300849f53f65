"""Review what is due (spaced repetition) and the readiness view."""
from __future__ import annotations

from flask import Blueprint, Flask, current_app, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from lms import db
from lms.assessment import engine
from lms.blueprint import load as load_blueprint
from lms.cache import ProcessCache
from lms.db import utcnow
from lms.readiness import cards, report
from lms.web.navigation import register_panel

bp = Blueprint("readiness", __name__, template_folder="templates")
REVIEW_SIZE = 20


@bp.get("/review")
@login_required
def review() -> str:
    today, week = cards.due_counts(db.session(), current_user.id, utcnow())
    return render_template("readiness/review.html", due_today=today, due_week=week)


@bp.post("/review")
@login_required
def start_review() -> Response:
    due = cards.due_question_ids(db.session(), current_user.id, utcnow(), REVIEW_SIZE)
    if not due:
        flash("Nothing is due for review right now.", "info")
        return redirect(url_for("readiness.review"))
    spec = engine.ensure_spec(db.session(), "review", kind="review", title="Review due questions",
                              feedback="immediate", shuffle_questions=False, items=REVIEW_SIZE)
    attempt = engine.start(db.session(), current_user.id, spec, utcnow(),
                           chosen={"question_ids": due, "count": len(due)})
    return redirect(url_for("attempts.resume", attempt_id=attempt.id))


@bp.get("/readiness")
@login_required
def overview() -> str:
    return render_template("readiness/overview.html",
                           report=_report())


def _report() -> report.ReadinessReport:
    return report.build(db.session(), current_user.id, load_blueprint(), utcnow(),
                        cache=current_app.extensions["lms.history_summaries"])


def init_app(app: Flask) -> None:
    engine.on_graded(cards.record)  # every graded answer schedules its review card
    app.extensions["lms.history_summaries"] = ProcessCache[report.HistorySummary](size=512)
    app.register_blueprint(bp)
    register_panel(app, "readiness/dashboard_panel.html")
    app.context_processor(lambda: {
        "readiness_report": _report})
