"""A learner's graded answers and mock-exam results, read from attempts for the mastery computations."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.assessment.models import Attempt, Question, QuestionVersion, QuizSpec, Slot
from lms.readiness.mastery import Answer

SOURCE_BY_KIND = {"mock": "mock", "review": "review"}  # every other quiz kind counts as practice


HISTORY_LIMIT = 3000  # the most recent answers are enough: mastery looks at the last 30 per domain, trends at 8 weeks


def graded_answers(db: Session, user_id: int) -> list[Answer]:
    rows = db.execute(select(Question.domain, Question.topic, Slot.fraction, Slot.answered_at, Attempt.finished_at,
                             QuizSpec.kind)
                      .join(QuestionVersion, QuestionVersion.question_id == Question.id)
                      .join(Slot, Slot.version_id == QuestionVersion.id).join(Attempt, Attempt.id == Slot.attempt_id)
                      .join(QuizSpec, QuizSpec.id == Attempt.spec_id)
                      .where(Attempt.user_id == user_id, Slot.fraction.is_not(None))
                      .order_by(Slot.id.desc()).limit(HISTORY_LIMIT))
    return [Answer(domain, topic, min(1.0, max(0.0, float(fraction))), answered or finished,
                   SOURCE_BY_KIND.get(kind, "practice"))  # type: ignore[arg-type]
            for domain, topic, fraction, answered, finished, kind in rows if (answered or finished)]


@dataclass(frozen=True)
class MockResult:
    finished_at: datetime
    percent: float


def mock_results(db: Session, user_id: int) -> list[MockResult]:
    attempts = db.scalars(select(Attempt).join(QuizSpec, QuizSpec.id == Attempt.spec_id)
                          .where(Attempt.user_id == user_id, QuizSpec.kind == "mock", Attempt.state != "in-progress")
                          .order_by(Attempt.finished_at))
    return [MockResult(a.finished_at, a.percent or 0.0) for a in attempts if a.finished_at is not None]
