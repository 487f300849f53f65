"""Issuing, revoking and verifying certificates; completion of a CE course issues one, once."""
from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms.accounts.models import User
from lms.assessment.models import Attempt, QuizSpec
from lms.content.models import Course, ModuleProgress
from lms.credits import ledger
from lms.credits.models import Certificate, LedgerEntry
from lms.db import utcnow


@dataclass(frozen=True)
class Provider:
    """The CE provider printed on certificates (from settings)."""

    name: str
    number: str
    contact: str
    signer: str


@dataclass
class CompletionStatus:
    modules_done: int
    modules_total: int
    seat_time_short: list[str]     # module titles whose seat time is below the required share
    post_test_passed: bool

    @property
    def complete(self) -> bool:
        return self.modules_done == self.modules_total and not self.seat_time_short and self.post_test_passed


def completion_status(db: Session, user_id: int, course: Course, seat_share: float) -> CompletionStatus:
    """A CE course is complete when every module is complete with enough server-measured seat time and
    the post-test is passed."""
    modules = [m for m in course.modules if m.retired_at is None]
    rows = {r.module_id: r for r in db.scalars(select(ModuleProgress).where(
        ModuleProgress.user_id == user_id, ModuleProgress.module_id.in_([m.id for m in modules])))}
    done = [m for m in modules if m.id in rows and rows[m.id].completed_at]
    short = [m.title for m in modules if m.id not in rows or rows[m.id].seconds_spent < seat_share * m.minutes * 60]
    passed = db.scalar(select(Attempt.id).join(QuizSpec, QuizSpec.id == Attempt.spec_id).where(
        Attempt.user_id == user_id, QuizSpec.slug == f"post-test:{course.slug}", Attempt.passed.is_(True))) is not None
    return CompletionStatus(len(done), len(modules), short, passed)


def certificate_for(db: Session, user_id: int, course_id: int) -> Certificate | None:
    return db.scalar(select(Certificate).where(Certificate.user_id == user_id, Certificate.course_id == course_id))


def issue(db: Session, user: User, course: Course, provider: Provider, on: date | None = None) -> Certificate:
    """Issue the certificate and its ledger entry, once: a second call (double click, second tab, second
    server) returns the certificate already issued; the unique (user, course) constraint decides races."""
    existing = certificate_for(db, user.id, course.id)
    if existing is not None:
        return existing
    completed = on or utcnow().date()
    certificate = Certificate(code=secrets.token_urlsafe(18), user_id=user.id, course_id=course.id,
                              holder_name=user.full_name, course_title=course.title,
                              hours=Decimal(course.ce_hours or 0), delivery=course.delivery or "home-study",
                              categories=list(course.ce_categories), completed_on=completed,
                              provider_name=provider.name, provider_number=course.approval_number or provider.number,
                              provider_contact=provider.contact, signer=provider.signer)
    try:
        db.add(certificate)
        db.flush()
        db.add(LedgerEntry(user_id=user.id, title=course.title, provider_name=provider.name,
                           provider_number=certificate.provider_number, hours=certificate.hours,
                           categories=list(course.ce_categories), delivery=certificate.delivery, completed_on=completed,
                           source="platform", certificate_id=certificate.id, recorded_by_id=user.id,
                           reason="Completed on this platform"))
        db.commit()
    except IntegrityError:
        db.rollback()
        winner = certificate_for(db, user.id, course.id)
        if winner is None:
            raise
        return winner
    return certificate


def revoke(db: Session, certificate: Certificate, by_user_id: int, reason: str) -> None:
    """Revocation is recorded (never deleted) and its ledger entry is reversed."""
    if not reason.strip():
        raise ledger.LedgerError("Give a reason for revoking the certificate.")
    if certificate.revoked_at is not None:
        return
    certificate.revoked_at, certificate.revoked_reason, certificate.revoked_by_id = utcnow(), reason.strip(), by_user_id
    db.commit()
    entry = db.scalar(select(LedgerEntry).where(LedgerEntry.certificate_id == certificate.id,
                                                LedgerEntry.reverses_id.is_(None)))
    if entry is not None and db.scalar(select(LedgerEntry.id).where(LedgerEntry.reverses_id == entry.id)) is None:
        ledger.reverse(db, entry, by_user_id, f"Certificate revoked: {reason.strip()}")


def by_code(db: Session, code: str) -> Certificate | None:
    if not code or len(code) > 40:
        return None
    return db.scalar(select(Certificate).where(Certificate.code == code))
