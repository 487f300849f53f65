"""The development outbox: admins read mail that was not sent by SMTP (an accounts page over lms.mail)."""
from __future__ import annotations

from flask import Blueprint, render_template
from sqlalchemy import select

from lms import db
from lms.mail.models import OutboxMessage
from lms.accounts.access import admin_required

bp = Blueprint("mail", __name__, template_folder="templates")


@bp.get("/admin/outbox")
@admin_required
def outbox() -> str:
    messages = db.session().scalars(select(OutboxMessage).order_by(OutboxMessage.id.desc()).limit(100)).all()
    return render_template("accounts/outbox.html", messages=messages)
