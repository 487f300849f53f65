"""Accepting an invitation link, and the public branding assets (stylesheet and logo)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, send_from_directory, url_for
from flask_login import login_user
from sqlalchemy import select

from lms import db
from lms.accounts import service
from lms.accounts.forms import SignUpForm
from lms.accounts.models import Role
from lms.db import utcnow
from lms.schools import audit, branding, cohorts, site
from lms.schools.models import Cohort, Invitation

bp = Blueprint("invites", __name__, template_folder="templates")


@bp.route("/invite/<token>", methods=["GET", "POST"])
def accept(token: str) -> str | Response:
    invitation = db.session().scalar(select(Invitation).where(Invitation.token == token[:64]))
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at < utcnow():
        flash("This invitation link is not valid any more. Ask your school for a new one.", "error")
        return redirect(url_for("accounts.sign_up"))
    form = SignUpForm(email=invitation.email)
    if form.validate_on_submit():
        try:
            user = service.create_user(db.session(), invitation.email, form.full_name.data, form.password.data,
                                       role=Role(invitation.role))
        except service.AccountError as exc:
            getattr(form, exc.field or "email").errors.append(str(exc))
        else:
            invitation.accepted_at = utcnow()
            if invitation.cohort_id and (cohort := db.session().get(Cohort, invitation.cohort_id)):
                cohorts.add_member(db.session(), cohort, user.id)
            audit.record(db.session(), user.id, "invitation.accepted", invitation.email)
            db.session().commit()
            login_user(user)
            return redirect(url_for("web.dashboard"))
    return render_template("schools/accept_invitation.html", form=form, invitation=invitation)


@bp.get("/branding.css")
def stylesheet() -> Response:
    school = site.shown()
    css = (f".site-header {{ background: {school.primary_color}; }}\n" if school.primary_color else "")
    return Response(css, mimetype="text/css", headers={"Cache-Control": "no-cache"})


@bp.get("/branding/logo")
def logo() -> Response:
    row = branding.current(db.session())
    if not row.logo_file:
        abort(404)
    return send_from_directory(Path(current_app.config["INSTANCE_PATH"]) / "branding", row.logo_file)
