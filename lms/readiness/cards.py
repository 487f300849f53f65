"""Review cards in the database: every graded answer updates the learner's card for that question."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from lms.assessment.engine import GradedAnswer
from lms.assessment.models import Attempt
from lms.readiness import scheduling
from lms.readiness.models import ReviewCard

CORRECT_AT = 0.999  # partial credit counts as a miss for scheduling: the item needs another look


def record(db: Session, user_id: int, answers: list[GradedAnswer]) -> None:
    """Rate each answer (wrong: Again; right: Good, or Hard/Easy by stated confidence) and reschedule its card.
    Adds to the session; the caller commits with the grading it belongs to."""
    if not answers:
        return
    ids = [a.question_id for a in answers]
    cards = {c.question_id: c for c in db.scalars(select(ReviewCard).where(
        ReviewCard.user_id == user_id, ReviewCard.question_id.in_(ids)))}
    new: dict[int, dict[str, Any]] = {}  # question id -> the row of a card this learner did not have yet
    for answer in answers:
        card, row = cards.get(answer.question_id), new.get(answer.question_id)
        before = card.state if card else row["state"] if row else None
        state = scheduling.review(before, answer.fraction >= CORRECT_AT, answer.confidence, answer.when)
        if card is not None:
            card.state, card.due_at = state, scheduling.due_of(state)
            card.reviews += 1
            card.last_reviewed_at = answer.when
        else:
            new[answer.question_id] = {"user_id": user_id, "question_id": answer.question_id, "state": state,
                                       "due_at": scheduling.due_of(state), "last_reviewed_at": answer.when,
                                       "reviews": (row["reviews"] if row else 0) + 1}
    if new:  # one batched INSERT: the unit of work would send one statement per card to learn its id
        db.execute(insert(ReviewCard), list(new.values()))


def due_question_ids(db: Session, user_id: int, now: datetime, limit: int = 20) -> list[int]:
    """Questions whose card is due, most overdue first."""
    rows = db.execute(select(ReviewCard.question_id, ReviewCard.due_at).where(
        ReviewCard.user_id == user_id, ReviewCard.due_at <= now).order_by(ReviewCard.due_at, ReviewCard.id))
    return scheduling.order_due([(qid, due) for qid, due in rows], now)[:limit]


def due_counts(db: Session, user_id: int, now: datetime) -> tuple[int, int]:
    """(due today, due within 7 days), counted by the database (scheduling.due_counts sets the days)."""
    today, week = (b.astimezone(UTC) for b in scheduling.due_boundaries(now))
    row = db.execute(select(func.count().filter(ReviewCard.due_at < today), func.count().filter(ReviewCard.due_at < week))
                     .where(ReviewCard.user_id == user_id)).one()
    return int(row[0]), int(row[1])


def history_marker(db: Session, user_id: int) -> tuple[object, ...]:
    """Changes whenever one of the learner's answers is graded (grading updates a review card) or an attempt
    closes: what a cached summary of the learner's history is keyed by."""
    closed = select(func.count(Attempt.id)).where(Attempt.user_id == user_id, Attempt.state != "in-progress")
    row = db.execute(select(func.count(ReviewCard.id), func.coalesce(func.sum(ReviewCard.reviews), 0),
                            func.max(ReviewCard.last_reviewed_at), closed.scalar_subquery())
                     .where(ReviewCard.user_id == user_id)).one()
    return tuple(row)


def export(db: Session, user_id: int) -> list[dict[str, object]]:
    return [{"question_id": c.question_id, "due_at": c.due_at.isoformat(), "reviews": c.reviews, "state": c.state}
            for c in db.scalars(select(ReviewCard).where(ReviewCard.user_id == user_id).order_by(ReviewCard.id))]
