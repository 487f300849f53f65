"""Reading progress: enrollment, server-measured seat time, completion, percent complete."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Select, bindparam, func, select
from sqlalchemy.orm import Session

from lms.content.catalog import modules_without_bodies
from lms.content.models import Course, Enrollment, Module, ModuleProgress
from lms.db import utcnow

HEARTBEAT_CAP_SECONDS = 120  # a heartbeat credits at most this long since the last sign of life
REOPEN_GRACE_SECONDS = 30  # a page reopened this soon after a sign of life continues its interval


def enroll(db: Session, user_id: int, course: Course) -> Enrollment:
    enrollment = db.scalar(select(Enrollment).where(Enrollment.user_id == user_id, Enrollment.course_id == course.id))
    if enrollment is None:
        enrollment = Enrollment(user_id=user_id, course_id=course.id)
        db.add(enrollment)
    enrollment.active, enrollment.enrolled_at = True, utcnow()
    db.commit()
    return enrollment


def unenroll(db: Session, user_id: int, course: Course) -> None:
    enrollment = db.scalar(select(Enrollment).where(Enrollment.user_id == user_id, Enrollment.course_id == course.id))
    if enrollment is not None:
        enrollment.active = False
        db.commit()


def is_enrolled(db: Session, user_id: int, course_id: int) -> bool:
    return db.scalar(select(Enrollment.active).where(Enrollment.user_id == user_id,
                                                      Enrollment.course_id == course_id)) is True


@functools.cache
def _find_query() -> Select[tuple[ModuleProgress]]:
    """Built once per process: every module page and heartbeat runs it."""
    return select(ModuleProgress).where(ModuleProgress.user_id == bindparam("user_id"),
                                        ModuleProgress.module_id == bindparam("module_id"))


def _find(db: Session, user_id: int, module_id: int) -> ModuleProgress | None:
    return db.scalar(_find_query(), {"user_id": user_id, "module_id": module_id})


def _progress(db: Session, user_id: int, module_id: int) -> ModuleProgress:
    row = _find(db, user_id, module_id)
    if row is None:
        row = ModuleProgress(user_id=user_id, module_id=module_id, seconds_spent=0, last_seen_at=utcnow())
        db.add(row)
        db.flush()
    return row


def open_page(db: Session, user_id: int, module: Module, now: datetime | None = None) -> ModuleProgress:
    """The learner opened the module page: a new interval starts now. A reopen less than
    REOPEN_GRACE_SECONDS after the last sign of life (a reload, a step back from the next module) continues the
    interval the page was already in, and writes nothing."""
    now = now or utcnow()
    row = _find(db, user_id, module.id)
    if row is None:
        row = ModuleProgress(user_id=user_id, module_id=module.id, seconds_spent=0, last_seen_at=now)
        db.add(row)
    elif 0 <= (now - row.last_seen_at).total_seconds() < REOPEN_GRACE_SECONDS:
        return row
    else:
        row.last_seen_at = now
    db.commit()
    return row


def _credit(row: ModuleProgress, cap_seconds: int, now: datetime) -> None:
    gap = max(0, int((now - row.last_seen_at).total_seconds()))
    row.seconds_spent += min(gap, cap_seconds)
    row.last_seen_at = now


def credit_time(db: Session, user_id: int, module: Module, cap_seconds: int, now: datetime | None = None) -> int:
    """Add the time since the last sign of life, at most `cap_seconds`; returns the new total."""
    row = _progress(db, user_id, module.id)
    _credit(row, cap_seconds, now or utcnow())
    db.commit()
    return row.seconds_spent


def heartbeat(db: Session, user_id: int, module: Module, now: datetime | None = None) -> int:
    return credit_time(db, user_id, module, HEARTBEAT_CAP_SECONDS, now)


def mark_complete(db: Session, user_id: int, module: Module, now: datetime | None = None) -> ModuleProgress:
    """Completion also closes the page interval (capped at the module's estimated minutes)."""
    now = now or utcnow()
    row = _progress(db, user_id, module.id)
    _credit(row, module.minutes * 60, now)
    if row.completed_at is None:
        row.completed_at = now
    db.commit()
    return row


@dataclass(frozen=True)
class CourseProgress:
    course: Course
    completed: int
    total: int
    seconds: int
    next_module: Module | None

    @property
    def percent(self) -> int:
        return round(100 * self.completed / self.total) if self.total else 0


def _progress_of(course: Course, rows: dict[int, ModuleProgress]) -> CourseProgress:
    modules = [m for m in course.modules if m.retired_at is None]
    done = [m for m in modules if m.id in rows and rows[m.id].completed_at]
    upcoming = next((m for m in modules if not (m.id in rows and rows[m.id].completed_at)), None)
    seconds = sum(rows[m.id].seconds_spent for m in modules if m.id in rows)
    return CourseProgress(course, len(done), len(modules), seconds, upcoming)


def _rows(db: Session, user_id: int, courses: list[Course]) -> dict[int, ModuleProgress]:
    ids = [m.id for c in courses for m in c.modules]
    return {r.module_id: r for r in db.scalars(select(ModuleProgress).where(
        ModuleProgress.user_id == user_id, ModuleProgress.module_id.in_(ids)))} if ids else {}


def progress_of_courses(db: Session, user_id: int, courses: list[Course]) -> list[CourseProgress]:
    """Progress in several courses with one query (modules should be loaded with the courses)."""
    rows = _rows(db, user_id, courses)
    return [_progress_of(c, rows) for c in courses]


def course_progress(db: Session, user_id: int, course: Course) -> CourseProgress:
    return _progress_of(course, _rows(db, user_id, [course]))


def completed_module_ids(db: Session, user_id: int, module_ids: list[int]) -> set[int]:
    return set(db.scalars(select(ModuleProgress.module_id).where(
        ModuleProgress.user_id == user_id, ModuleProgress.module_id.in_(module_ids),
        ModuleProgress.completed_at.is_not(None))))


def enrolled_progress(db: Session, user_id: int) -> list[CourseProgress]:
    """Progress in each active enrollment, most recently read first ("continue where you left off")."""
    last_seen = (select(Module.course_id, func.max(ModuleProgress.last_seen_at).label("seen"))
                 .join(Module, Module.id == ModuleProgress.module_id).where(ModuleProgress.user_id == user_id)
                 .group_by(Module.course_id).subquery())
    courses = db.scalars(select(Course).options(modules_without_bodies())
                         .join(Enrollment, Enrollment.course_id == Course.id)
                         .outerjoin(last_seen, last_seen.c.course_id == Course.id)
                         .where(Enrollment.user_id == user_id, Enrollment.active.is_(True), Course.retired_at.is_(None))
                         .order_by(last_seen.c.seen.desc().nulls_last(), Course.title)).all()
    return progress_of_courses(db, user_id, list(courses))  # one query for every course, not one per course
