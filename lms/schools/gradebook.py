"""A cohort's gradebook: learners x assignments, per-domain averages, and a CSV that matches the screen.
A fixed number of queries whatever the cohort's size (no query per learner or per cell)."""
from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.accounts.models import User
from lms.assessment.models import Attempt, Question, QuestionVersion, Slot
from lms.content.models import Module, ModuleProgress
from lms.spreadsheet import safe_cell
from lms.schools.models import Assignment, Cohort


@dataclass
class Cell:
    percent: float | None = None  # counted score (best or latest)
    attempts: int = 0
    complete: bool = False
    late: bool = False

    def text(self) -> str:
        if not self.complete and self.percent is None:
            return "not started" if not self.attempts else "in progress"
        score = f"{self.percent:.0f}%" if self.percent is not None else "complete"
        return score + (" (late)" if self.late else "")


@dataclass
class Gradebook:
    cohort: Cohort
    learners: list[User]
    assignments: list[Assignment]
    cells: dict[tuple[int, int], Cell] = field(default_factory=dict)
    domains: dict[int, dict[str, float]] = field(default_factory=dict)  # learner -> domain -> percent

    def cell(self, user_id: int, assignment_id: int) -> Cell:
        return self.cells.get((user_id, assignment_id), Cell())


def build(db: Session, cohort: Cohort) -> Gradebook:
    learners = list(db.scalars(select(User).where(User.id.in_([m.user_id for m in cohort.members]))
                               .order_by(User.full_name)))
    book = Gradebook(cohort, learners, list(cohort.assignments))
    ids = [u.id for u in learners]
    quiz = {a.spec_id: a for a in book.assignments if a.kind == "quiz" and a.spec_id}
    if ids and quiz:
        _quiz_cells(db, book, ids, quiz)
        _domain_averages(db, book, ids, quiz)
    courses = {a.course_id: a for a in book.assignments if a.kind == "course" and a.course_id}
    if ids and courses:
        _course_cells(db, book, ids, courses)
    return book


def _counted_attempts(db: Session, ids: list[int], quiz: dict[int, Assignment]) -> list[Attempt]:
    attempts = db.scalars(select(Attempt).where(Attempt.user_id.in_(ids), Attempt.spec_id.in_(list(quiz)))
                          .order_by(Attempt.id))
    return [a for a in attempts if a.started_at >= quiz[a.spec_id].opens_at]


def _quiz_cells(db: Session, book: Gradebook, ids: list[int], quiz: dict[int, Assignment]) -> None:
    graded: dict[tuple[int, int], list[Attempt]] = defaultdict(list)
    for attempt in _counted_attempts(db, ids, quiz):
        assignment = quiz[attempt.spec_id]
        cell = book.cells.setdefault((attempt.user_id, assignment.id), Cell())
        cell.attempts += 1
        if attempt.state != "in-progress":
            graded[(attempt.user_id, assignment.id)].append(attempt)
    for key, attempts in graded.items():
        assignment = next(a for a in book.assignments if a.id == key[1])
        counted = attempts[-1] if assignment.grading == "latest" else max(attempts, key=lambda a: a.percent or 0)
        cell = book.cells[key]
        cell.percent, cell.complete = counted.percent, True
        cell.late = bool(assignment.due_at and counted.finished_at and counted.finished_at > assignment.due_at)


def _domain_averages(db: Session, book: Gradebook, ids: list[int], quiz: dict[int, Assignment]) -> None:
    rows = db.execute(select(Attempt.user_id, Question.domain, func.avg(Slot.fraction))
                      .join(Slot, Slot.attempt_id == Attempt.id)
                      .join(QuestionVersion, QuestionVersion.id == Slot.version_id)
                      .join(Question, Question.id == QuestionVersion.question_id)
                      .where(Attempt.user_id.in_(ids), Attempt.spec_id.in_(list(quiz)), Attempt.state != "in-progress")
                      .group_by(Attempt.user_id, Question.domain))
    for user_id, domain, average in rows:
        book.domains.setdefault(user_id, {})[domain] = float(average or 0) * 100


def _course_cells(db: Session, book: Gradebook, ids: list[int], courses: dict[int, Assignment]) -> None:
    totals = dict(db.execute(select(Module.course_id, func.count(Module.id)).where(
        Module.course_id.in_(list(courses)), Module.retired_at.is_(None)).group_by(Module.course_id)).all())
    rows = db.execute(select(ModuleProgress.user_id, Module.course_id, func.count(ModuleProgress.id),
                             func.max(ModuleProgress.completed_at))
                      .join(Module, Module.id == ModuleProgress.module_id)
                      .where(ModuleProgress.user_id.in_(ids), Module.course_id.in_(list(courses)),
                             Module.retired_at.is_(None), ModuleProgress.completed_at.is_not(None))
                      .group_by(ModuleProgress.user_id, Module.course_id))
    for user_id, course_id, done, last in rows:
        assignment = courses[course_id]
        total = totals.get(course_id, 0)
        cell = Cell(percent=100 * done / total if total else None, attempts=done, complete=total > 0 and done >= total)
        cell.late = bool(cell.complete and assignment.due_at and last and last > assignment.due_at)
        book.cells[(user_id, assignment.id)] = cell


def to_csv(book: Gradebook, domain_names: dict[str, str]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    domains = sorted({d for per in book.domains.values() for d in per})
    writer.writerow(["Learner", "Email"] + [safe_cell(a.title) for a in book.assignments]
                    + [f"{domain_names.get(d, d)} average" for d in domains])
    for user in book.learners:
        writer.writerow([safe_cell(user.full_name), safe_cell(user.email)]
                        + [book.cell(user.id, a.id).text() for a in book.assignments]
                        + [f"{book.domains.get(user.id, {}).get(d, 0):.0f}%" if d in book.domains.get(user.id, {})
                           else "" for d in domains])
    return out.getvalue()
