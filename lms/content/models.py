"""Course, module, enrollment and reading-progress tables."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.db import Base, utcnow


class Course(Base):
    __tablename__ = "courses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)  # folder name; permanent id
    title: Mapped[str] = mapped_column(String(300))  # as printed on certificates
    summary: Mapped[str] = mapped_column(Text)  # catalog blurb
    kind: Mapped[str] = mapped_column(String(20))  # exam-prep | ce
    exam_domains: Mapped[list[str]] = mapped_column(JSON)  # blueprint area keys covered
    audience: Mapped[str] = mapped_column(Text)  # who the course is for
    objectives: Mapped[list[str]] = mapped_column(JSON)  # learning objectives
    ce_hours: Mapped[Decimal | None] = mapped_column(Numeric(5, 2))  # CE hours stated (CE courses)
    ce_categories: Mapped[list[str]] = mapped_column(JSON, default=list)  # e.g. ethics, pathology
    delivery: Mapped[str | None] = mapped_column(String(20))  # home-study | live | webinar
    approval_number: Mapped[str | None] = mapped_column(String(80))  # course approval no.; None = site provider no.
    post_test: Mapped[dict[str, Any] | None] = mapped_column(JSON)  # post-test settings from course.yml
    word_count: Mapped[int] = mapped_column(Integer, default=0)  # reading volume of all live modules
    content_hash: Mapped[str] = mapped_column(String(64))  # hash of course.yml data: detects changes
    retired_at: Mapped[datetime | None] = mapped_column(default=None)  # removed from disk: hidden, kept
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)  # last sync change to it or its modules

    modules: Mapped[list[Module]] = relationship(back_populates="course", order_by="Module.position")


class Module(Base):
    __tablename__ = "modules"
    __table_args__ = (UniqueConstraint("course_id", "slug"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)  # owning course
    slug: Mapped[str] = mapped_column(String(80))  # name after "NN-": permanent id within the course
    position: Mapped[int] = mapped_column(Integer)  # the NN of the file name
    title: Mapped[str] = mapped_column(String(300))  # from front matter
    minutes: Mapped[int] = mapped_column(Integer)  # estimated reading minutes
    subtopics: Mapped[list[str]] = mapped_column(JSON)  # blueprint sub-topic keys taught
    objectives: Mapped[list[str]] = mapped_column(JSON)  # module objectives
    references: Mapped[list[str]] = mapped_column(JSON)  # public sources
    body_html: Mapped[str] = mapped_column(Text)  # sanitized HTML rendered at sync time
    toc: Mapped[list[list[Any]]] = mapped_column(JSON)  # [level, anchor, text] per heading
    body_text: Mapped[str] = mapped_column(Text)  # plain text for search
    word_count: Mapped[int] = mapped_column(Integer)  # words in the body
    content_hash: Mapped[str] = mapped_column(String(64))  # hash of the source file: detects changes
    retired_at: Mapped[datetime | None] = mapped_column(default=None)  # removed from disk: hidden, kept
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)  # last change applied by sync

    course: Mapped[Course] = relationship(back_populates="modules")


class Enrollment(Base):
    __tablename__ = "enrollments"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # learner
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)  # course
    enrolled_at: Mapped[datetime] = mapped_column(default=utcnow)  # first or latest enrollment
    active: Mapped[bool] = mapped_column(default=True)  # False after unenrolling (progress is kept)


class ModuleProgress(Base):
    __tablename__ = "module_progress"
    __table_args__ = (UniqueConstraint("user_id", "module_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # learner
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id"), index=True)  # module read
    seconds_spent: Mapped[int] = mapped_column(Integer, default=0)  # server-measured seat time
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)  # last page open or heartbeat
    completed_at: Mapped[datetime | None] = mapped_column(default=None)  # "mark complete" time
