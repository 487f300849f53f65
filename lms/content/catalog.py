"""Read-side queries for the catalog and course pages."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Load, Session, contains_eager, defer, selectinload

from lms.content.models import Course, Module, ModuleProgress


def modules_without_bodies() -> Load:
    """Load a course's module list without module bodies or search text (what every list of modules needs)."""
    return selectinload(Course.modules).defer(Module.body_html).defer(Module.body_text)


def list_courses(db: Session, kind: str | None = None, domain: str | None = None,
                 include_retired: bool = False) -> list[Course]:
    query = select(Course).options(modules_without_bodies()).order_by(Course.kind.desc(), Course.title)
    if not include_retired:
        query = query.where(Course.retired_at.is_(None))
    if kind in ("exam-prep", "ce"):
        query = query.where(Course.kind == kind)
    courses = list(db.scalars(query))
    return [c for c in courses if not domain or domain in c.exam_domains]


def get_course(db: Session, slug: str) -> Course | None:
    """The course with its module list; module bodies load only when a page shows one."""
    return db.scalar(select(Course).options(modules_without_bodies()).where(Course.slug == slug))


@functools.cache
def _module_query() -> Select[tuple[Module]]:
    """Built once per process (composing it cost more than running it)."""
    return select(Module).join(Module.course) \
        .options(contains_eager(Module.course), defer(Module.body_html), defer(Module.body_text)) \
        .where(Course.slug == bindparam("course_slug"), Module.slug == bindparam("module_slug"))


def find_module(db: Session, course_slug: str, module_slug: str) -> Module | None:
    """A module and its course in one query; the body and search text load only if something reads them."""
    return db.scalar(_module_query(), {"course_slug": course_slug, "module_slug": module_slug})


@dataclass(frozen=True)
class ModuleLink:
    """Enough of a module to link to it."""

    slug: str
    title: str


def outline(db: Session, course_id: int) -> tuple[ModuleLink, ...]:
    """The course's live modules in order, as links."""
    return tuple(ModuleLink(slug, title) for slug, title in db.execute(
        select(Module.slug, Module.title).where(Module.course_id == course_id, Module.retired_at.is_(None))
        .order_by(Module.position)))


def neighbours(live: tuple[ModuleLink, ...], module: Module) -> tuple[ModuleLink | None, ModuleLink | None]:
    """The links before and after `module` in its course's outline (neither for a retired module)."""
    index = next((i for i, link in enumerate(live) if link.slug == module.slug), None)
    if module.retired_at is not None or index is None:
        return None, None
    return (live[index - 1] if index > 0 else None), (live[index + 1] if index + 1 < len(live) else None)


def live_modules(course: Course) -> list[Module]:
    return [m for m in course.modules if m.retired_at is None]


def has_history(db: Session, user_id: int, module_id: int) -> bool:
    """A learner who read a module keeps access to it after it is retired."""
    return db.scalar(select(ModuleProgress.id).where(ModuleProgress.user_id == user_id,
                                                     ModuleProgress.module_id == module_id)) is not None
