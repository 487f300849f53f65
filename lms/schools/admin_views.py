"""Admin pages: users, invitations, roster import, branding, audit log."""
from __future__ import annotations

import secrets
from datetime import timedelta
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import or_, select

from lms import db
from lms.accounts.models import Role, User
from lms.uploads import UploadError
from lms.db import utcnow
from lms.schools import audit, branding, cohorts, roster, site
from lms.schools.forms import BrandingForm, InvitationForm, RoleForm, RosterForm
from lms.schools.models import Invitation
from lms.accounts.access import admin_required, staff_required
from lms.web.form_choices import select_choices

bp = Blueprint("admin", __name__, template_folder="templates")


def _uploads() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / "uploads"


@bp.get("/admin/users")
@admin_required
def users() -> str:
    q = (request.args.get("q") or "").strip()[:100]
    query = select(User).order_by(User.full_name).limit(200)
    if q:
        like = f"%{q.lower()}%"
        query = query.where(or_(User.email_key.like(like), User.full_name.ilike(like)))
    return render_template("schools/users.html", users=db.session().scalars(query).all(), q=q, role_form=RoleForm())


@bp.post("/admin/users/<int:user_id>/role")
@admin_required
def change_role(user_id: int) -> Response:
    user, form = db.session().get(User, user_id) or abort(404), RoleForm()
    if form.validate_on_submit() and user.id != current_user.id:
        old, user.role = user.role.value, Role(form.role.data)
        audit.record(db.session(), current_user.id, "user.role_changed", f"user:{user.id}", old=old, new=user.role.value)
        db.session().commit()
        flash(f"{user.full_name} is now {user.role.value}.", "success")
    else:
        flash("You cannot change your own role here.", "error")
    return redirect(url_for("admin.users"))


@bp.post("/admin/users/<int:user_id>/active")
@admin_required
def set_active(user_id: int) -> Response:
    user = db.session().get(User, user_id) or abort(404)
    if user.id == current_user.id:
        flash("You cannot deactivate your own account.", "error")
        return redirect(url_for("admin.users"))
    user.active = request.form.get("active") == "1"
    audit.record(db.session(), current_user.id, "user.activated" if user.active else "user.deactivated",
                 f"user:{user.id}")
    db.session().commit()
    flash(f"{user.full_name} is {'active' if user.active else 'deactivated; their records are kept'}.", "success")
    return redirect(url_for("admin.users"))


@bp.route("/admin/invitations", methods=["GET", "POST"])
@admin_required
def invitations() -> str | Response:
    form = InvitationForm()
    form.cohort.choices = select_choices([("", "No cohort")] + [(str(c.id), c.name) for c in cohorts.visible_to(db.session(), current_user)])
    link = None
    if form.validate_on_submit():
        invitation = Invitation(token=secrets.token_urlsafe(24), email=form.email.data.strip(), role=form.role.data,
                                cohort_id=int(form.cohort.data) if form.cohort.data else None,
                                created_by_id=current_user.id, expires_at=utcnow() + timedelta(days=14))
        db.session().add(invitation)
        audit.record(db.session(), current_user.id, "invitation.created", invitation.email, role=invitation.role)
        db.session().commit()
        link = url_for("invites.accept", token=invitation.token, _external=True)
    pending = db.session().scalars(select(Invitation).order_by(Invitation.id.desc()).limit(50)).all()
    return render_template("schools/invitations.html", form=form, link=link, pending=pending)


def _grantable() -> set[Role] | None:
    return None if current_user.is_admin else {Role.learner}


@bp.route("/admin/roster", methods=["GET", "POST"])
@staff_required
def roster_upload() -> str:
    form, checked, token = RosterForm(), None, None
    if form.validate_on_submit():
        text = form.file.data.read(2 * 1024 * 1024).decode("utf-8", errors="replace")
        checked = roster.check(db.session(), text, _grantable())
        if checked.ok:
            token = secrets.token_hex(16)
            _uploads().mkdir(parents=True, exist_ok=True)
            (_uploads() / f"roster-{token}.csv").write_text(text, encoding="utf-8")
    return render_template("schools/roster.html", form=form, checked=checked, token=token)


@bp.post("/admin/roster/<token>")
@staff_required
def roster_confirm(token: str) -> Response:
    path = _uploads() / f"roster-{token}.csv"
    if not token.isalnum() or not path.is_file():
        abort(404)
    checked = roster.check(db.session(), path.read_text(encoding="utf-8"), _grantable())
    if not checked.ok:
        flash("The roster changed since the preview; upload it again.", "error")
        return redirect(url_for("admin.roster_upload"))
    created = roster.apply(db.session(), checked, current_user)
    path.unlink()
    flash(f"Roster imported: {len(created)} new accounts, {len(checked.rows) - len(created)} existing.", "success")
    return redirect(url_for("admin.users" if current_user.is_admin else "teaching.cohorts"))


@bp.route("/admin/branding", methods=["GET", "POST"])
@admin_required
def branding_page() -> str | Response:
    current = branding.current(db.session())
    form = BrandingForm(obj=current)
    if form.validate_on_submit():
        values = {k: (getattr(form, k).data or "").strip() for k in
                  ("name", "primary_color", "provider_name", "provider_number", "provider_contact", "signer_name")}
        try:
            folder = Path(current_app.config["INSTANCE_PATH"]) / "branding"
            for field, name in (("logo", "logo"), ("signature", "signature")):
                upload = getattr(form, field).data
                if upload and getattr(upload, "filename", ""):
                    values[f"{name}_file"] = branding.store_image(folder, name, upload.read(branding.MAX_IMAGE_BYTES + 1))
            branding.save(db.session(), values)
        except (ValueError, UploadError) as exc:
            db.session().rollback()
            form.primary_color.errors.append(str(exc))
        else:
            audit.record(db.session(), current_user.id, "branding.updated", "school", **values)
            db.session().commit()
            site.forget()
            flash("School settings saved.", "success")
            return redirect(url_for("admin.branding_page"))
    return render_template("schools/branding.html", form=form)


@bp.get("/admin/audit")
@admin_required
def audit_log() -> str:
    events = audit.recent(db.session())
    names = {u.id: u.full_name for u in db.session().scalars(select(User).where(
        User.id.in_({e.actor_id for e in events if e.actor_id})))}
    return render_template("schools/audit.html", events=events, names=names)
