"""Instructor pages: import questions from Moodle formats with a preview, export a filtered set."""
from __future__ import annotations

import secrets
from pathlib import Path

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, StringField
from wtforms.validators import Length, Optional

from lms import db
from lms.assessment import importing
from lms.blueprint import load as load_blueprint
from lms.accounts.access import staff_required
from lms.web.form_choices import select_choices

bp = Blueprint("questionbank", __name__, template_folder="templates")
FORMATS = [("gift", "GIFT"), ("aiken", "Aiken"), ("moodlexml", "Moodle XML")]


class ImportForm(FlaskForm):
    file = FileField("Question file", validators=[FileRequired("Choose a file.")])
    format = SelectField("Format", choices=select_choices(FORMATS))
    domain = SelectField("Exam content area for questions that name none", choices=[])
    topic = StringField("Sub-topic key for questions that name none", validators=[Optional(), Length(max=60)])


def _uploads() -> Path:
    return Path(current_app.config["INSTANCE_PATH"]) / "uploads"


def _import_form() -> ImportForm:
    form = ImportForm()
    form.domain.choices = select_choices([("", "—")] + [(a.key, a.name) for a in load_blueprint().areas])
    return form


@bp.route("/questions/import", methods=["GET", "POST"])
@staff_required
def import_page() -> str:
    form, preview, token = _import_form(), None, None
    if form.validate_on_submit():
        text = form.file.data.read(5 * 1024 * 1024).decode("utf-8", errors="replace")
        preview = importing.preview(text, form.format.data, load_blueprint(), form.domain.data, form.topic.data or "")
        if preview.ok:
            token = secrets.token_hex(16)
            _uploads().mkdir(parents=True, exist_ok=True)
            (_uploads() / f"questions-{token}.txt").write_text(text, encoding="utf-8")
    return render_template("assessment/import.html", form=form, preview=preview, token=token, blueprint=load_blueprint())


@bp.post("/questions/import/<token>")
@staff_required
def import_confirm(token: str) -> Response:
    path = _uploads() / f"questions-{token}.txt"
    if not token.isalnum() or not path.is_file():
        abort(404)
    form = request.form
    preview = importing.preview(path.read_text(encoding="utf-8"), form.get("format", ""), load_blueprint(),
                                form.get("domain", ""), form.get("topic", ""))
    if not preview.ok:
        flash("The file no longer passes the checks; upload it again.", "error")
        return redirect(url_for("questionbank.import_page"))
    summary = importing.save(db.session(), preview, form.get("name") or "upload")
    path.unlink()
    flash(f"Imported: {len(summary.added)} new, {len(summary.changed)} changed.", "success")
    return redirect(url_for("questionbank.import_page"))


@bp.get("/questions/export")
@staff_required
def export() -> Response:
    fmt = request.args.get("format", "gift")
    if fmt not in dict(FORMATS):
        abort(400)
    body = importing.export(db.session(), fmt, request.args.get("domain") or None, request.args.get("topic") or None,
                            request.args.get("tag") or None)
    extension = {"gift": "gift", "aiken": "txt", "moodlexml": "xml"}[fmt]
    return Response(body, mimetype="text/plain" if fmt != "moodlexml" else "application/xml",
                    headers={"Content-Disposition": f'attachment; filename="questions.{extension}"'})
