"""Renewal reminders at 90, 30 and 7 days: each sent once per license, cycle and threshold, even from two servers."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from lms.accounts.models import User
from lms.credits import ledger
from lms.credits.models import License, ReminderSent
from lms.credits.requirements import Evaluation, Profile, evaluate

THRESHOLDS = (90, 30, 7)


def threshold_for(days_left: int) -> int | None:
    """The most urgent threshold reached (7 before 30 before 90), or None when more than 90 days remain or past."""
    reached = [t for t in THRESHOLDS if 0 <= days_left <= t]
    return min(reached) if reached else None


def run(db: Session, profiles: dict[str, Profile], today: date,
        send: Callable[[User, License, Evaluation, int], None]) -> int:
    """Send the reminders due today; returns how many were sent."""
    sent = 0
    for license_ in db.scalars(select(License).order_by(License.id)).all():
        profile = profiles.get(license_.profile_key)
        threshold = threshold_for((license_.cycle_end - today).days)
        if profile is None or threshold is None:
            continue
        user = db.get(User, license_.user_id)
        if user is None or not user.active:
            continue
        result = evaluate(profile, ledger.credits(ledger.entries(db, user.id)), license_.cycle_end, today)
        if result.complete:
            continue
        try:
            db.add(ReminderSent(license_id=license_.id, cycle_end=license_.cycle_end, days_before=threshold))
            db.flush()  # the unique constraint claims this reminder before anything is sent
        except IntegrityError:
            db.rollback()
            continue
        send(user, license_, result, threshold)
        db.commit()
        sent += 1
    return sent
