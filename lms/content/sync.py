"""Apply a validated course tree to the database in one transaction: add, change, retire (never delete)."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.content import search
from lms.content.loader import CourseSpec, ModuleSpec
from lms.content.models import Course, Module
from lms.markdown_render import render_markdown
from lms.db import utcnow
from lms.sync_summary import SyncSummary


def _digest(payload: object) -> str:
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def _course_fields(spec: CourseSpec) -> dict[str, object]:
    ce = spec.ce or {}
    return {"title": spec.title, "summary": spec.summary, "kind": spec.kind, "exam_domains": spec.exam_domains,
            "audience": spec.audience, "objectives": spec.objectives,
            "ce_hours": Decimal(str(ce["hours"])) if ce.get("hours") is not None else None,
            "ce_categories": list(ce.get("categories") or []), "delivery": ce.get("delivery"),
            "approval_number": ce.get("approval_number") or None, "post_test": spec.post_test,
            "word_count": spec.word_count}


def _module_fields(spec: ModuleSpec, course_slug: str) -> dict[str, object]:
    rendered = render_markdown(spec.markdown, course_slug)
    return {"position": spec.position, "title": spec.title, "minutes": spec.minutes, "subtopics": spec.subtopics,
            "objectives": spec.objectives, "references": spec.references, "body_html": rendered.html,
            "toc": [list(t) for t in rendered.toc], "body_text": rendered.text, "word_count": spec.word_count}


def apply(db: Session, specs: list[CourseSpec], progress: Callable[[str], None] = lambda _label: None) -> SyncSummary:
    """Upsert every course and module, retire what is gone; commits once, or rolls back on any error."""
    summary = SyncSummary()
    existing = {c.slug: c for c in db.scalars(select(Course))}
    try:
        for spec in specs:
            progress(spec.slug)
            course = _upsert_course(db, spec, existing.get(spec.slug), summary)
            _sync_modules(db, course, spec, summary)
        on_disk = {s.slug for s in specs}
        for slug, course in existing.items():
            if slug not in on_disk and course.retired_at is None:
                course.retired_at = utcnow()
                summary.retired.append(slug)
        db.flush()
        search.reindex(db)
        db.commit()
    except Exception:
        db.rollback()
        raise
    return summary


def _upsert_course(db: Session, spec: CourseSpec, course: Course | None, summary: SyncSummary) -> Course:
    fields = _course_fields(spec)
    digest = _digest(fields)
    if course is None:
        course = Course(slug=spec.slug, content_hash=digest, **fields)
        db.add(course)
        db.flush()
        summary.added.append(spec.slug)
    elif course.content_hash != digest or course.retired_at is not None:
        for key, value in fields.items():
            setattr(course, key, value)
        course.content_hash, course.retired_at, course.updated_at = digest, None, utcnow()
        summary.changed.append(spec.slug)
    else:
        summary.unchanged += 1
    return course


def _sync_modules(db: Session, course: Course, spec: CourseSpec, summary: SyncSummary) -> None:
    """Upsert the course's modules; any change to them also stamps the course (its outline changed)."""
    current = {m.slug: m for m in db.scalars(select(Module).where(Module.course_id == course.id))}
    changes_before = len(summary.added) + len(summary.changed) + len(summary.retired)
    for module_spec in spec.modules:
        name = f"{spec.slug}/{module_spec.slug}"
        digest = _digest([module_spec.file_stem, module_spec.markdown, module_spec.title, module_spec.minutes,
                          module_spec.subtopics, module_spec.objectives, module_spec.references])
        module = current.get(module_spec.slug)
        if module is None:
            db.add(Module(course_id=course.id, slug=module_spec.slug, content_hash=digest,
                          **_module_fields(module_spec, spec.slug)))
            summary.added.append(name)
        elif module.content_hash != digest or module.retired_at is not None:
            for key, value in _module_fields(module_spec, spec.slug).items():
                setattr(module, key, value)
            module.content_hash, module.retired_at, module.updated_at = digest, None, utcnow()
            summary.changed.append(name)
        else:
            summary.unchanged += 1
    on_disk = {m.slug for m in spec.modules}
    for slug, module in current.items():
        if slug not in on_disk and module.retired_at is None:
            module.retired_at = utcnow()
            summary.retired.append(f"{spec.slug}/{slug}")
    if len(summary.added) + len(summary.changed) + len(summary.retired) > changes_before:
        course.updated_at = utcnow()
