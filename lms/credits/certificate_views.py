"""Completing a CE course, certificates (HTML and PDF), public verification, admin revocation and zip export."""
from __future__ import annotations

import io
import zipfile

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required
from sqlalchemy import Select, select

from lms import db
from lms.content import catalog
from lms.credits import certificates, settings
from lms.credits.forms import PeriodForm, RevokeForm
from lms.credits.models import Certificate
from lms.credits.pdf import certificate_pdf
from lms.accounts.access import admin_required

bp = Blueprint("certificates", __name__, template_folder="templates")


def _own_or_admin(code: str) -> Certificate:
    cert = certificates.by_code(db.session(), code)
    if cert is None or (cert.user_id != current_user.id and not current_user.is_admin):
        abort(404)
    return cert


def _verify_url(cert: Certificate) -> str:
    return url_for("certificates.verify", code=cert.code, _external=True)


@bp.post("/courses/<slug>/certificate")
@login_required
def claim(slug: str) -> Response:
    course = catalog.get_course(db.session(), slug)
    if course is None or course.kind != "ce":
        abort(404)
    status = certificates.completion_status(db.session(), current_user.id, course, settings.seat_share())
    if not status.complete:
        flash("The course is not complete yet: finish every module and pass the post-test.", "error")
        return redirect(url_for("content.course_page", slug=slug))
    cert = certificates.issue(db.session(), current_user, course, settings.provider())
    return redirect(url_for("certificates.show", code=cert.code))


@bp.get("/certificates/<code>")
@login_required
def show(code: str) -> str:
    cert = _own_or_admin(code)
    return render_template("credits/certificate.html", cert=cert, verify_url=_verify_url(cert))


@bp.get("/certificates/<code>/pdf")
@login_required
def pdf(code: str) -> Response:
    cert = _own_or_admin(code)
    return Response(certificate_pdf(cert, _verify_url(cert)), mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="certificate-{cert.id}.pdf"'})


@bp.get("/verify/<code>")
def verify(code: str) -> tuple[str, int]:
    cert = certificates.by_code(db.session(), code)
    return render_template("credits/verify.html", cert=cert, code=code), 200 if cert else 404


def _filtered(period: PeriodForm) -> Select[tuple[Certificate]]:
    """Certificates matching the admin's filters (completion date range, exact course title), in SQL."""
    query = select(Certificate)
    if period.start.data:
        query = query.where(Certificate.completed_on >= period.start.data)
    if period.end.data:
        query = query.where(Certificate.completed_on <= period.end.data)
    if request.args.get("course"):
        query = query.where(Certificate.course_title == request.args["course"])
    return query


@bp.get("/admin/certificates")
@admin_required
def admin_list() -> str:
    period = PeriodForm(request.args)
    period.validate()
    certs = db.session().scalars(_filtered(period).order_by(Certificate.issued_at.desc()).limit(1000)).all()
    return render_template("credits/admin_certificates.html", certs=certs, period=period, revoke_form=RevokeForm())


@bp.post("/admin/certificates/<code>/revoke")
@admin_required
def revoke(code: str) -> Response:
    cert = certificates.by_code(db.session(), code) or abort(404)
    form = RevokeForm()
    if form.validate_on_submit():
        certificates.revoke(db.session(), cert, current_user.id, form.reason.data)
        flash("The certificate is revoked; its verification page now says so.", "success")
    else:
        flash("Give a reason for revoking the certificate.", "error")
    return redirect(url_for("certificates.admin_list"))


@bp.get("/admin/certificates.zip")
@admin_required
def admin_zip() -> Response:
    period = PeriodForm(request.args)
    period.validate()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for cert in db.session().scalars(_filtered(period).order_by(Certificate.id)):
            archive.writestr(f"certificate-{cert.id}-{cert.code[:8]}.pdf", certificate_pdf(cert, _verify_url(cert)))
    return Response(buffer.getvalue(), mimetype="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="certificates.zip"'})
