"""Reading progress: enrollment, server-measured seat time, completion, percent complete."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.content.models import Course, Enrollment, Module, ModuleProgress
from lms.db import utcnow

HEARTBEAT_CAP_SECONDS = 120  # a heartbeat credits at most this long since the last sign of life


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


def _progress(db: Session, user_id: int, module_id: int) -> ModuleProgress:
    row = db.scalar(select(ModuleProgress).where(ModuleProgress.user_id == user_id,
                                                 ModuleProgress.module_id == module_id))
    if row is None:
        row = ModuleProgress(user_id=user_id, module_id=module_id, seconds_spent=0, last_seen_at=utcnow())
        db.add(row)
        db.flush()
    return row


def open_page(db: Session, user_id: int, module: Module, now: datetime | None = None) -> ModuleProgress:
    """The learner opened the module page: a new interval starts now."""
    row = _progress(db, user_id, module.id)
    row.last_seen_at = now or utcnow()
    db.commit()
    return row


def credit_time(db: Session, user_id: int, module: Module, cap_seconds: int, now: datetime | None = None) -> int:
    """Add the time since the last sign of life, at most `cap_seconds`; returns the new total."""
    now = now or utcnow()
    row = _progress(db, user_id, module.id)
    gap = max(0, int((now - row.last_seen_at).total_seconds()))
    row.seconds_spent += min(gap, cap_seconds)
    row.last_seen_at = now
    db.commit()
    return row.seconds_spent


def heartbeat(db: Session, user_id: int, module: Module, now: datetime | None = None) -> int:
    return credit_time(db, user_id, module, HEARTBEAT_CAP_SECONDS, now)


def mark_complete(db: Session, user_id: int, module: Module, now: datetime | None = None) -> ModuleProgress:
    """Completion also closes the page interval (capped at the module's estimated minutes)."""
    credit_time(db, user_id, module, module.minutes * 60, now)
    row = _progress(db, user_id, module.id)
    if row.completed_at is None:
        row.completed_at = now or utcnow()
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


def course_progress(db: Session, user_id: int, course: Course) -> CourseProgress:
    modules = [m for m in course.modules if m.retired_at is None]
    rows = {r.module_id: r for r in db.scalars(select(ModuleProgress).where(
        ModuleProgress.user_id == user_id, ModuleProgress.module_id.in_([m.id for m in modules])))}
    done = [m for m in modules if m.id in rows and rows[m.id].completed_at]
    upcoming = next((m for m in modules if not (m.id in rows and rows[m.id].completed_at)), None)
    return CourseProgress(course, len(done), len(modules), sum(r.seconds_spent for r in rows.values()), upcoming)


def completed_module_ids(db: Session, user_id: int, module_ids: list[int]) -> set[int]:
    return set(db.scalars(select(ModuleProgress.module_id).where(
        ModuleProgress.user_id == user_id, ModuleProgress.module_id.in_(module_ids),
        ModuleProgress.completed_at.is_not(None))))


def enrolled_progress(db: Session, user_id: int) -> list[CourseProgress]:
    """Progress in each active enrollment, most recently read first ("continue where you left off")."""
    last_seen = (select(Module.course_id, func.max(ModuleProgress.last_seen_at).label("seen"))
                 .join(Module, Module.id == ModuleProgress.module_id).where(ModuleProgress.user_id == user_id)
                 .group_by(Module.course_id).subquery())
    courses = db.scalars(select(Course).join(Enrollment, Enrollment.course_id == Course.id)
                         .outerjoin(last_seen, last_seen.c.course_id == Course.id)
                         .where(Enrollment.user_id == user_id, Enrollment.active.is_(True), Course.retired_at.is_(None))
                         .order_by(last_seen.c.seen.desc().nulls_last(), Course.title)).all()
    return [course_progress(db, user_id, c) for c in courses]
