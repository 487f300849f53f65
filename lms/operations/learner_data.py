"""A learner's data: export as JSON, and deletion that anonymizes while keeping what the law requires.

Records kept after deletion: NCBTMB requires Approved Providers to keep certificates, rosters and attendance
records for six years (Texas providers: five, Florida providers: four). Certificates completed within the
last six years therefore stay verifiable, shown as "issued to a deleted account"; older ones are removed.
Attempts stay, detached from any name, so item statistics remain correct."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from lms.accounts.models import User
from lms.assessment.models import Attempt
from lms.content.models import Course, Enrollment, Module, ModuleProgress
from lms.credits.models import Certificate, LedgerEntry, License, ProofFile
from lms.db import utcnow
from lms.readiness import cards

RETENTION_YEARS = 6
DELETED_HOLDER = "a deleted account"


def _iso(value: object) -> object:
    return value.isoformat() if hasattr(value, "isoformat") else value


def export(db: Session, user: User) -> dict[str, Any]:
    attempts = db.scalars(select(Attempt).where(Attempt.user_id == user.id).order_by(Attempt.id)).all()
    progress = db.execute(select(Course.slug, Module.slug, ModuleProgress.seconds_spent, ModuleProgress.completed_at)
                          .join(Module, Module.id == ModuleProgress.module_id).join(Course, Course.id == Module.course_id)
                          .where(ModuleProgress.user_id == user.id)).all()
    return {
        "profile": {"email": user.email, "full_name": user.full_name, "role": user.role.value,
                    "time_zone": user.time_zone, "created_at": _iso(user.created_at)},
        "enrollments": [{"course_id": e.course_id, "active": e.active, "enrolled_at": _iso(e.enrolled_at)}
                        for e in db.scalars(select(Enrollment).where(Enrollment.user_id == user.id))],
        "reading": [{"course": c, "module": m, "seconds": s, "completed_at": _iso(done)} for c, m, s, done in progress],
        "attempts": [{"quiz": a.spec.title, "state": a.state, "started_at": _iso(a.started_at),
                      "finished_at": _iso(a.finished_at), "score": float(a.score) if a.score is not None else None,
                      "answers": [{"position": s.position, "question": s.version.question.key, "response": s.response,
                                   "answered_at": _iso(s.answered_at), "fraction": float(s.fraction)
                                   if s.fraction is not None else None} for s in a.slots]} for a in attempts],
        "ce_ledger": [{"id": e.id, "title": e.title, "provider": e.provider_name, "hours": float(e.hours),
                       "categories": e.categories, "delivery": e.delivery, "completed_on": _iso(e.completed_on),
                       "source": e.source, "reverses": e.reverses_id, "reason": e.reason}
                      for e in db.scalars(select(LedgerEntry).where(LedgerEntry.user_id == user.id))],
        "certificates": [{"code": c.code, "course": c.course_title, "hours": float(c.hours),
                          "completed_on": _iso(c.completed_on), "revoked_at": _iso(c.revoked_at)}
                         for c in db.scalars(select(Certificate).where(Certificate.user_id == user.id))],
        "review_cards": cards.export(db, user.id),
        "licenses": [{"profile": lic.profile_key, "number": lic.license_number, "cycle_end": _iso(lic.cycle_end)}
                     for lic in db.scalars(select(License).where(License.user_id == user.id))],
    }


def delete_learner(db: Session, user: User, proof_folder: Path, today: date | None = None) -> dict[str, int]:
    """Anonymize the account; keep certificates inside the retention period, remove the rest of the personal data."""
    today = today or utcnow().date()
    cutoff = today - timedelta(days=365 * RETENTION_YEARS + 2)
    kept = removed = 0
    for cert in db.scalars(select(Certificate).where(Certificate.user_id == user.id)).all():
        if cert.completed_on >= cutoff:
            cert.holder_name = DELETED_HOLDER
            kept += 1
        else:
            db.execute(delete(LedgerEntry).where(LedgerEntry.certificate_id == cert.id))
            db.delete(cert)
            removed += 1
    for proof in db.scalars(select(ProofFile).where(ProofFile.user_id == user.id)).all():
        (proof_folder / proof.stored_name).unlink(missing_ok=True)
        proof.original_name = "deleted"
    db.execute(delete(License).where(License.user_id == user.id))
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.email_key = user.email
    user.full_name = "Deleted learner"
    user.password_hash = "!deleted"
    user.active = False
    db.commit()
    return {"certificates_kept": kept, "certificates_removed": removed}
