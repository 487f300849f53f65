"""A learner's past and open attempts."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lms.assessment.models import Attempt, QuizSpec


def recent(db: Session, user_id: int, kind: str | None = None, limit: int = 10) -> list[Attempt]:
    query = (select(Attempt).join(QuizSpec, QuizSpec.id == Attempt.spec_id).options(selectinload(Attempt.spec))
             .where(Attempt.user_id == user_id).order_by(Attempt.id.desc()).limit(limit))
    if kind:
        query = query.where(QuizSpec.kind == kind)
    return list(db.scalars(query))


def open_attempts(db: Session, user_id: int) -> list[Attempt]:
    return list(db.scalars(select(Attempt).options(selectinload(Attempt.spec))
                           .where(Attempt.user_id == user_id, Attempt.state == "in-progress").order_by(Attempt.id)))
