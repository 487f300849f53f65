"""What an instructor sees of one learner: progress per course, mock-exam history, weakest domains."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.accounts.models import User
from lms.assessment import bands
from lms.blueprint import Blueprint
from lms.assessment.history import recent
from lms.assessment.models import Attempt, Question, QuestionVersion, Slot
from lms.content import progress


@dataclass
class DomainRow:
    key: str
    name: str
    percent: float
    answers: int

    @property
    def band(self) -> str:
        return bands.band(self.percent) if self.answers >= 10 else "not enough data"


@dataclass
class LearnerReport:
    user: User
    courses: list[progress.CourseProgress]
    mocks: list[Attempt]
    domains: list[DomainRow]


def build(db: Session, user_id: int, blueprint: Blueprint) -> LearnerReport:
    user = db.get(User, user_id)
    rows = db.execute(select(Question.domain, func.avg(Slot.fraction), func.count(Slot.id))
                      .join(QuestionVersion, QuestionVersion.question_id == Question.id)
                      .join(Slot, Slot.version_id == QuestionVersion.id).join(Attempt, Attempt.id == Slot.attempt_id)
                      .where(Attempt.user_id == user_id, Slot.fraction.is_not(None)).group_by(Question.domain))
    names = {a.key: a.name for a in blueprint.areas}
    domains = sorted((DomainRow(d, names.get(d, d), float(avg or 0) * 100, n) for d, avg, n in rows),
                     key=lambda r: r.percent)
    return LearnerReport(user, progress.enrolled_progress(db, user_id), recent(db, user_id, kind="mock"), domains)
