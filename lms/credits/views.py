"""The CE ledger: entries, external credit with proof, reversals, proof files, transcripts."""
from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from lms import db
from lms.credits import ledger, proofs, settings, transcript
from lms.credits.forms import ExternalCreditForm, PeriodForm, ReverseForm
from lms.credits.models import Certificate, LedgerEntry, License, ProofFile
from lms.credits.pdf import transcript_pdf
from lms.uploads import UploadError

bp = Blueprint("credits", __name__, template_folder="templates")


def _codes(user_id: int) -> dict[int, str]:
    return dict(db.session().execute(select(Certificate.id, Certificate.code).where(Certificate.user_id == user_id)).all())


@bp.get("/credits", endpoint="ledger")
@login_required
def ledger_page() -> str:
    entries = ledger.entries(db.session(), current_user.id)
    effective = ledger.effective(entries)
    licenses = db.session().scalars(select(License).where(License.user_id == current_user.id)).all()
    return render_template("credits/ledger.html", entries=entries, effective_ids={e.id for e in effective},
                           total=sum(float(e.hours) for e in effective), codes=_codes(current_user.id),
                           licenses=licenses, profiles=settings.profiles(), period=PeriodForm(request.args),
                           reverse_form=ReverseForm())



@bp.route("/credits/external", methods=["GET", "POST"])
@login_required
def external() -> str | Response:
    form = ExternalCreditForm()
    if form.validate_on_submit():
        upload = form.proof.data
        try:
            proof = proofs.store(db.session(), settings.proof_folder(), current_user.id, upload.filename or "proof",
                                 upload.read(proofs.MAX_BYTES + 1))
            ledger.append(db.session(), user_id=current_user.id, title=form.title.data.strip(),
                          provider_name=form.provider_name.data.strip(),
                          provider_number=(form.provider_number.data or "").strip(), hours=form.hours.data,
                          categories=form.categories.data or [], delivery=form.delivery.data,
                          completed_on=form.completed_on.data, source="external", proof_id=proof.id,
                          recorded_by_id=current_user.id, reason="Logged by the learner with proof")
        except (UploadError, ledger.LedgerError) as exc:
            db.session().rollback()
            form.proof.errors.append(str(exc))
        else:
            flash("Your external CE credit is recorded.", "success")
            return redirect(url_for("credits.ledger"))
    return render_template("credits/external.html", form=form)


@bp.post("/credits/entries/<int:entry_id>/reverse")
@login_required
def reverse(entry_id: int) -> Response:
    entry = db.session().get(LedgerEntry, entry_id)
    if entry is None or (entry.user_id != current_user.id and not current_user.is_admin):
        abort(404)
    if entry.source == "platform" and not current_user.is_admin:
        abort(403)  # credit earned here is corrected by an admin (e.g. by revoking the certificate)
    form = ReverseForm()
    try:
        if not form.validate_on_submit():
            raise ledger.LedgerError("Give a reason for the reversal.")
        ledger.reverse(db.session(), entry, current_user.id, form.reason.data)
        flash("The entry is reversed. Add a corrected entry if needed.", "success")
    except ledger.LedgerError as exc:
        flash(str(exc), "error")
    return redirect(url_for("credits.ledger"))


@bp.get("/credits/proofs/<int:proof_id>")
@login_required
def proof(proof_id: int) -> Response:
    item = db.session().get(ProofFile, proof_id)
    if item is None or (item.user_id != current_user.id and not current_user.is_admin):
        abort(404)
    return send_from_directory(settings.proof_folder(), item.stored_name, mimetype=item.content_type,
                               as_attachment=True, download_name=item.original_name)


@bp.get("/credits/transcript.<fmt>")
@login_required
def transcript_file(fmt: str) -> Response:
    period = PeriodForm(request.args)
    if fmt not in ("csv", "pdf") or not period.validate():
        abort(400)
    entries = transcript.in_period(ledger.entries(db.session(), current_user.id), period.start.data, period.end.data)
    label = f"{period.start.data or 'start'} to {period.end.data or 'today'}"
    if fmt == "csv":
        body, mimetype = transcript.to_csv(entries, _codes(current_user.id)), "text/csv"
    else:
        body, mimetype = transcript_pdf(current_user.full_name, label, entries), "application/pdf"
    return Response(body, mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="ce-transcript.{fmt}"'})
