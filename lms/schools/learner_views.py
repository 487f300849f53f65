"""A learner starts an assigned quiz (only assignments of their own cohorts)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from lms import db
from lms.assessment import engine
from lms.assessment.models import QuizSpec
from lms.content.models import Course
from lms.db import utcnow
from lms.schools.models import Assignment, CohortMember

bp = Blueprint("assignments", __name__)


@bp.post("/assignments/<int:assignment_id>/start")
@login_required
def start(assignment_id: int) -> Response:
    assignment = db.session().get(Assignment, assignment_id)
    member = assignment and db.session().scalar(select(CohortMember.id).where(
        CohortMember.cohort_id == assignment.cohort_id, CohortMember.user_id == current_user.id))
    if not assignment or not member:
        abort(404)
    if assignment.course_id and not assignment.spec_id:
        return redirect(url_for("content.course_page", slug=db.session().get(Course, assignment.course_id).slug))
    if assignment.opens_at > utcnow():
        flash("This assignment is not open yet.", "error")
        return redirect(url_for("web.dashboard"))
    spec = db.session().get(QuizSpec, assignment.spec_id)
    try:
        attempt = engine.start(db.session(), current_user.id, spec, utcnow())
    except engine.AttemptError as exc:
        flash(str(exc), "error")
        return redirect(url_for("web.dashboard"))
    return redirect(url_for("attempts.resume", attempt_id=attempt.id))
