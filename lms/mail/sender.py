"""Send a plain-text message: by SMTP when LMS_MAIL_SERVER is set, else to the log and the outbox table."""
from __future__ import annotations

import logging
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy.orm import Session

from lms.mail.models import OutboxMessage

log = logging.getLogger("lms.mail")


@dataclass(frozen=True)
class MailSettings:
    server: str
    port: int
    username: str
    password: str
    use_tls: bool
    sender: str

    @classmethod
    def from_config(cls, config: dict) -> "MailSettings":
        return cls(config["MAIL_SERVER"], config["MAIL_PORT"], config["MAIL_USERNAME"],
                   config["MAIL_PASSWORD"], config["MAIL_USE_TLS"], config["MAIL_SENDER"])


def send(db: Session, settings: MailSettings, to: str, subject: str, body: str) -> None:
    if settings.server:
        _send_smtp(settings, to, subject, body)
        return
    log.info("mail to %s: %s\n%s", to, subject, body)
    db.add(OutboxMessage(to=to, subject=subject, body=body))
    db.commit()


def _send_smtp(settings: MailSettings, to: str, subject: str, body: str) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = settings.sender, to, subject
    message.set_content(body)
    with smtplib.SMTP(settings.server, settings.port, timeout=20) as smtp:
        if settings.use_tls:
            smtp.starttls()
        if settings.username:
            smtp.login(settings.username, settings.password)
        smtp.send_message(message)
