"""Creating assignments, and a learner's assignments with due dates and late marks."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lms.assessment.engine import ensure_spec
from lms.assessment.models import Attempt
from lms.assessment.posttests import post_test_spec
from lms.content import catalog, progress
from lms.content.models import Course
from lms.db import utcnow
from lms.schools import audit
from lms.schools.models import Assignment, Cohort, CohortMember


class AssignmentError(ValueError):
    def __init__(self, message: str, field: str) -> None:
        super().__init__(message)
        self.field = field


def _utc(value: datetime | None) -> datetime | None:
    return value.replace(tzinfo=timezone.utc) if value is not None and value.tzinfo is None else value


def create(db: Session, cohort: Cohort, actor_id: int, data: dict[str, Any]) -> Assignment:
    kind = data["kind"]
    course = catalog.get_course(db, data.get("course") or "") if data.get("course") else None
    opens, due = _utc(data.get("opens_at")) or utcnow(), _utc(data.get("due_at"))
    if due is not None and due <= opens:
        raise AssignmentError("The due date must be after the opening date.", "due_at")
    assignment = Assignment(cohort_id=cohort.id, title=data["title"].strip(), grading=data.get("grading") or "best",
                            opens_at=opens, due_at=due, created_by_id=actor_id, kind="quiz")
    if kind == "course":
        if course is None:
            raise AssignmentError("Choose the course to assign.", "course")
        assignment.kind, assignment.course_id = "course", course.id
    elif kind == "post-test":
        if course is None or not course.post_test:
            raise AssignmentError("Choose a CE course that has a post-test.", "course")
        assignment.spec_id = post_test_spec(db, course).id
    elif kind == "mock":
        assignment.spec_id = ensure_spec(db, "mock-mblex").id
    else:
        if not data.get("domains"):
            raise AssignmentError("Choose at least one content area for the practice set.", "domains")
        db.add(assignment)
        db.flush()
        spec = ensure_spec(db, f"assigned-{assignment.id}", kind="assigned", title=assignment.title,
                           feedback=data.get("feedback") or "immediate", items=int(data.get("items") or 10),
                           time_limit_minutes=int(data.get("time_limit") or 0),
                           attempts_allowed=int(data.get("attempts") or 0), selection={"domains": list(data["domains"])})
        assignment.spec_id = spec.id
    db.add(assignment)
    db.flush()
    audit.record(db, actor_id, "assignment.created", f"cohort:{cohort.id}", title=assignment.title, kind=kind)
    db.commit()
    return assignment


@dataclass
class LearnerAssignment:
    assignment: Assignment
    done: bool
    late: bool
    overdue: bool


def for_learner(db: Session, user_id: int) -> list[LearnerAssignment]:
    """The learner's assignments with done / late / overdue, in a fixed number of queries."""
    rows = list(db.scalars(select(Assignment).join(CohortMember, CohortMember.cohort_id == Assignment.cohort_id)
                           .where(CohortMember.user_id == user_id)
                           .order_by(Assignment.due_at.is_(None), Assignment.due_at, Assignment.id)))
    spec_ids = [a.spec_id for a in rows if a.spec_id]
    finished: dict[int, list[tuple[datetime, datetime]]] = {}
    if spec_ids:
        for spec_id, started, done_at in db.execute(select(Attempt.spec_id, Attempt.started_at, Attempt.finished_at).where(
                Attempt.user_id == user_id, Attempt.spec_id.in_(spec_ids), Attempt.state != "in-progress")):
            finished.setdefault(spec_id, []).append((started, done_at))
    courses = list(db.scalars(select(Course).options(selectinload(Course.modules))
                              .where(Course.id.in_([a.course_id for a in rows if a.course_id and not a.spec_id]))))
    states = {p.course.id: p for p in progress.progress_of_courses(db, user_id, courses)}
    now, out = utcnow(), []
    for a in rows:
        if a.spec_id:
            times = sorted(done for started, done in finished.get(a.spec_id, []) if started >= a.opens_at and done)
            first = times[0] if times else None
            done = first is not None
        else:
            state = states.get(a.course_id)
            first, done = None, bool(state and state.total and state.completed >= state.total)
        late = bool(done and a.due_at and first and first > a.due_at)
        out.append(LearnerAssignment(a, done, late, bool(not done and a.due_at and a.due_at < now)))
    return out
