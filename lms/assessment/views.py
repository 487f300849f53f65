"""Practice by topic, mock exams and course post-tests: choosing and starting quizzes."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from lms import db
from lms.assessment import engine, history
from lms.blueprint import load as load_blueprint
from lms.assessment.posttests import post_test_spec
from lms.content import catalog
from lms.db import utcnow

bp = Blueprint("assessment", __name__, template_folder="templates")


def _start(spec, chosen=None) -> Response:
    try:
        attempt = engine.start(db.session(), current_user.id, spec, utcnow(), chosen=chosen)
    except engine.AttemptError as exc:
        flash(str(exc), "error")
        return redirect(request.referrer or url_for("assessment.practice"))
    return redirect(url_for("attempts.resume", attempt_id=attempt.id))


@bp.get("/practice")
@login_required
def practice() -> str:
    return render_template("assessment/practice.html", blueprint=load_blueprint(),
                           attempts=history.recent(db.session(), current_user.id, kind="practice"))


@bp.post("/practice")
@login_required
def start_practice() -> Response:
    blueprint = load_blueprint()
    domains = [d for d in request.form.getlist("domain") if d in blueprint.area_keys]
    topics = [t for t in request.form.getlist("topic") if any(t in a.subtopics for a in blueprint.areas)]
    try:
        count = max(1, min(50, int(request.form.get("count", "10"))))
    except ValueError:
        flash("Number of questions: enter a whole number from 1 to 50.", "error")
        return redirect(url_for("assessment.practice"))
    spec = engine.ensure_spec(db.session(), "practice")
    return _start(spec, {"domains": domains, "topics": topics, "count": count})


@bp.get("/exams")
@login_required
def exams() -> str:
    spec = engine.ensure_spec(db.session(), "mock-mblex")
    return render_template("assessment/exams.html", spec=spec, blueprint=load_blueprint(),
                           open_attempt=engine.open_attempt(db.session(), current_user.id, spec),
                           attempts=history.recent(db.session(), current_user.id, kind="mock"))


@bp.post("/exams/mock")
@login_required
def start_mock() -> Response:
    return _start(engine.ensure_spec(db.session(), "mock-mblex"))


@bp.post("/courses/<slug>/post-test")
@login_required
def start_post_test(slug: str) -> Response:
    course = catalog.get_course(db.session(), slug)
    if course is None or course.retired_at is not None or not course.post_test:
        abort(404)
    return _start(post_test_spec(db.session(), course))
