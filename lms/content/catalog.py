"""Read-side queries for the catalog and course pages."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from lms.content.models import Course, Module, ModuleProgress


def list_courses(db: Session, kind: str | None = None, domain: str | None = None,
                 include_retired: bool = False) -> list[Course]:
    query = select(Course).options(selectinload(Course.modules).defer(Module.body_html).defer(Module.body_text)).order_by(Course.kind.desc(), Course.title)
    if not include_retired:
        query = query.where(Course.retired_at.is_(None))
    if kind in ("exam-prep", "ce"):
        query = query.where(Course.kind == kind)
    courses = list(db.scalars(query))
    return [c for c in courses if not domain or domain in c.exam_domains]


def get_course(db: Session, slug: str) -> Course | None:
    """The course with its module list; module bodies load only when a page shows one."""
    return db.scalar(select(Course).options(selectinload(Course.modules).defer(Module.body_html)
                                            .defer(Module.body_text)).where(Course.slug == slug))


def get_module(course: Course, slug: str) -> Module | None:
    return next((m for m in course.modules if m.slug == slug), None)


def live_modules(course: Course) -> list[Module]:
    return [m for m in course.modules if m.retired_at is None]


def has_history(db: Session, user_id: int, module_id: int) -> bool:
    """A learner who read a module keeps access to it after it is retired."""
    return db.scalar(select(ModuleProgress.id).where(ModuleProgress.user_id == user_id,
                                                     ModuleProgress.module_id == module_id)) is not None
