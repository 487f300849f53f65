"""Licenses held and the renewal dashboard per license."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from lms import db
from lms.credits import ledger, settings
from lms.credits.forms import LicenseForm
from lms.credits.models import License
from lms.credits.requirements import evaluate
from lms.db import utcnow
from lms.web.form_choices import select_choices

bp = Blueprint("licenses", __name__, template_folder="templates")


@bp.route("/credits/licenses", methods=["GET", "POST"])
@login_required
def licenses() -> str | Response:
    profiles = settings.profiles()
    form = LicenseForm()
    form.profile_key.choices = select_choices((k, p.name) for k, p in sorted(profiles.items(), key=lambda kv: kv[1].name))
    if form.validate_on_submit():
        db.session().add(License(user_id=current_user.id, profile_key=form.profile_key.data,
                                 license_number=form.license_number.data.strip(), cycle_end=form.cycle_end.data))
        db.session().commit()
        flash("License saved.", "success")
        return redirect(url_for("licenses.licenses"))
    held = db.session().scalars(select(License).where(License.user_id == current_user.id)).all()
    return render_template("credits/licenses.html", form=form, held=held, profiles=profiles)


@bp.get("/credits/licenses/<int:license_id>")
@login_required
def dashboard(license_id: int) -> str:
    license_ = db.session().get(License, license_id)
    profile = settings.profiles().get(license_.profile_key) if license_ else None
    if license_ is None or license_.user_id != current_user.id or profile is None:
        abort(404)
    credits = ledger.credits(ledger.entries(db.session(), current_user.id))
    result = evaluate(profile, credits, license_.cycle_end, utcnow().date())
    return render_template("credits/license.html", license=license_, profile=profile, result=result)
