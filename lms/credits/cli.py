"""`flask --app lms remind`: renewal reminders, meant to run daily from cron."""
from __future__ import annotations

import click
from flask import current_app, url_for
from flask.cli import with_appcontext

from lms import db
from lms.credits import reminders, settings
from lms.db import utcnow
from lms.mail.sender import MailSettings, send


@click.command("remind")
@with_appcontext
def remind() -> None:
    """Email learners whose license cycle ends within 90, 30 or 7 days with requirements missing (once each)."""
    session = db.session()
    mail = MailSettings.from_config(current_app.config)

    def deliver(user, license_, result, threshold) -> None:  # noqa: ANN001
        with current_app.test_request_context():
            courses = url_for("content.catalog", kind="ce", _external=True)
            dashboard = url_for("licenses.dashboard", license_id=license_.id, _external=True)
        missing = "\n".join(f"- {m}" for m in result.missing)
        body = (f"Hello {user.full_name},\n\nYour {result.profile.name} renewal cycle ends on "
                f"{license_.cycle_end.isoformat()} ({result.days_left} days from today). Still missing:\n{missing}\n\n"
                f"Your progress: {dashboard}\nCE courses: {courses}\n")
        send(session, mail, user.email, f"{threshold}-day reminder: CE still needed for {result.profile.name}", body)

    count = reminders.run(session, settings.profiles(), utcnow().date(), deliver)
    click.echo(f"Reminders sent: {count}")
