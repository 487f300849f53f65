"""Taking an attempt: one question per page, saved on every answer, submit once, review."""
from __future__ import annotations

from flask import Blueprint, abort, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from werkzeug.wrappers import Response

from lms import db
from lms.assessment import engine, question_nav
from lms.assessment.models import Attempt, Slot
from lms.db import utcnow

bp = Blueprint("attempts", __name__, template_folder="templates")


def _own_attempt(attempt_id: int, with_questions: bool = False) -> Attempt:
    attempt = engine.load(db.session(), attempt_id, with_questions)
    if attempt is None or attempt.user_id != current_user.id:
        abort(404)
    engine.enforce_deadline(db.session(), attempt, utcnow())
    return attempt


def _own_slot(attempt_id: int, position: int) -> Slot:
    """One slot of the learner's own attempt, read with its attempt in one query (pages about one question)."""
    slot = engine.load_slot(db.session(), attempt_id, position)
    if slot is None or slot.attempt.user_id != current_user.id:
        abort(404)
    engine.enforce_deadline(db.session(), slot.attempt, utcnow())
    return slot


def _question_url(attempt_id: int) -> str:
    """The question page's address with the position left off the end."""
    return url_for("attempts.question", attempt_id=attempt_id, position=1)[:-1]


@bp.get("/attempts/<int:attempt_id>")
@login_required
def resume(attempt_id: int) -> Response:
    attempt = _own_attempt(attempt_id)
    if attempt.state != engine.IN_PROGRESS:
        return redirect(url_for("attempts.review", attempt_id=attempt_id))
    first_open = next((s.position for s in attempt.slots if s.response is None), 1)
    return redirect(url_for("attempts.question", attempt_id=attempt_id, position=first_open))


@bp.get("/attempts/<int:attempt_id>/q/<int:position>")
@login_required
def question(attempt_id: int, position: int = 1) -> str | Response:
    slot = _own_slot(attempt_id, position)
    attempt = slot.attempt
    if attempt.state != engine.IN_PROGRESS:
        flash("This attempt is closed." if attempt.state == engine.SUBMITTED else
              "Time ran out: the attempt was graded with the answers saved before the deadline.", "info")
        return redirect(url_for("attempts.review", attempt_id=attempt_id))
    show_feedback = attempt.spec.feedback == "immediate" and slot.response is not None
    states = engine.slot_states(db.session(), attempt_id)
    return render_template("assessment/attempt.html", attempt=attempt, slot=slot, show_feedback=show_feedback,
                           count=len(states), nav=question_nav.render(states, position, _question_url(attempt_id)),
                           now=utcnow())


@bp.post("/attempts/<int:attempt_id>/q/<int:position>")
@login_required
def save(attempt_id: int, position: int) -> Response:
    slot = _own_slot(attempt_id, position)
    attempt = slot.attempt
    values = {key: request.form.getlist(key) for key in request.form}
    try:
        engine.save_answer(db.session(), attempt, slot, values, utcnow(), flagged=bool(request.form.get("flag")),
                           confidence=request.form.get("confidence"))
    except engine.AttemptError as exc:
        if request.headers.get("X-Autosave"):
            return jsonify(saved=False, message=str(exc)), 409
        flash(str(exc), "error")
        return redirect(url_for("attempts.review", attempt_id=attempt_id))
    if request.headers.get("X-Autosave"):
        return jsonify(saved=True, answered=slot.response is not None, flagged=slot.flagged)
    target = request.form.get("go", "")
    if target == "submit":
        return redirect(url_for("attempts.confirm", attempt_id=attempt_id))
    if attempt.spec.feedback == "immediate" and target == "check":
        return redirect(url_for("attempts.question", attempt_id=attempt_id, position=position))
    step = {"next": 1, "previous": -1}.get(target, 0)
    goto = int(target) if target.isdigit() else position + step
    goto = min(max(goto, 1), attempt.max_score)
    return redirect(url_for("attempts.question", attempt_id=attempt_id, position=goto))


@bp.get("/attempts/<int:attempt_id>/submit")
@login_required
def confirm(attempt_id: int) -> str | Response:
    attempt = _own_attempt(attempt_id)
    if attempt.state != engine.IN_PROGRESS:
        return redirect(url_for("attempts.review", attempt_id=attempt_id))
    unanswered = [s for s in attempt.slots if s.response is None]
    return render_template("assessment/confirm.html", attempt=attempt, unanswered=unanswered,
                           flagged=[s for s in attempt.slots if s.flagged])


@bp.post("/attempts/<int:attempt_id>/submit")
@login_required
def submit(attempt_id: int) -> Response:
    attempt = _own_attempt(attempt_id, with_questions=True)  # grading reads every question
    engine.finish(db.session(), attempt, utcnow())  # a second submit finds it graded and changes nothing
    return redirect(url_for("attempts.review", attempt_id=attempt_id))


@bp.get("/attempts/<int:attempt_id>/review")
@login_required
def review(attempt_id: int) -> str | Response:
    attempt = _own_attempt(attempt_id, with_questions=True)
    if attempt.state == engine.IN_PROGRESS:
        return redirect(url_for("attempts.resume", attempt_id=attempt_id))
    show = attempt.spec.review != "never"
    return render_template("assessment/review.html", attempt=attempt, show=show,
                           domains=engine.domain_scores(attempt))
