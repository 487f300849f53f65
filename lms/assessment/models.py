"""Question bank (questions and immutable versions), quiz specs, attempts, slots and response steps."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.db import Base, utcnow


class Question(Base):
    __tablename__ = "questions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(100), unique=True)  # stable id from the bank file
    domain: Mapped[str] = mapped_column(String(60), index=True)  # blueprint area key
    topic: Mapped[str] = mapped_column(String(60))  # blueprint sub-topic key
    type: Mapped[str] = mapped_column(String(20))  # single | multiple | truefalse | matching
    difficulty: Mapped[int] = mapped_column(Integer)  # 1-3
    module_ref: Mapped[str] = mapped_column(String(200), default="")  # course/module that teaches it
    tags: Mapped[list[str]] = mapped_column(JSON, default=list)  # e.g. scenario, post-test:<course>
    source_path: Mapped[str] = mapped_column(String(300), default="")  # file in the bank (or import name)
    source_line: Mapped[int] = mapped_column(Integer, default=0)  # line where the question starts
    current_version: Mapped[int] = mapped_column(Integer, default=1)  # newest version number
    retired_at: Mapped[datetime | None] = mapped_column(default=None)  # removed from the bank: kept for history
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # first sync or import

    versions: Mapped[list[QuestionVersion]] = relationship(back_populates="question", order_by="QuestionVersion.number")


class QuestionVersion(Base):
    """Immutable: an edit to a question makes a new version; attempts pin the version they showed."""

    __tablename__ = "question_versions"
    __table_args__ = (UniqueConstraint("question_id", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)  # the question
    number: Mapped[int] = mapped_column(Integer)  # 1, 2, ...
    content_hash: Mapped[str] = mapped_column(String(64))  # hash of the source data
    source: Mapped[dict[str, Any]] = mapped_column(JSON)  # the QuestionData as loaded (for export)
    rendered: Mapped[dict[str, Any]] = mapped_column(JSON)  # sanitized HTML of stem, choices, rationale...
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # when this version appeared

    question: Mapped[Question] = relationship(back_populates="versions")


class QuizSpec(Base):
    __tablename__ = "quiz_specs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(120), unique=True)  # e.g. mock-mblex, post-test:<course>
    kind: Mapped[str] = mapped_column(String(20))  # practice | mock | post-test | review | assigned
    title: Mapped[str] = mapped_column(String(300))  # shown to learners
    time_limit_minutes: Mapped[int] = mapped_column(Integer, default=0)  # 0 = untimed
    attempts_allowed: Mapped[int] = mapped_column(Integer, default=0)  # 0 = unlimited
    shuffle_questions: Mapped[bool] = mapped_column(Boolean, default=True)  # random question order
    shuffle_choices: Mapped[bool] = mapped_column(Boolean, default=True)  # random choice order, pinned per attempt
    feedback: Mapped[str] = mapped_column(String(20), default="deferred")  # immediate | deferred
    review: Mapped[str] = mapped_column(String(20), default="after-submit")  # after-submit | never
    pass_mark: Mapped[int] = mapped_column(Integer, default=0)  # percent; 0 = no pass/fail
    items: Mapped[int] = mapped_column(Integer, default=10)  # questions drawn per attempt
    selection: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # rules: blueprint, tag, domains...
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"), default=None)  # post-test's course
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # creation time


class Attempt(Base):
    __tablename__ = "attempts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # learner
    spec_id: Mapped[int] = mapped_column(ForeignKey("quiz_specs.id"), index=True)  # quiz taken
    state: Mapped[str] = mapped_column(String(20), default="in-progress")  # in-progress | submitted | expired
    started_at: Mapped[datetime] = mapped_column(default=utcnow)  # server time at start
    deadline: Mapped[datetime | None] = mapped_column(default=None)  # set by the server; None = untimed
    finished_at: Mapped[datetime | None] = mapped_column(default=None)  # when graded
    score: Mapped[Decimal | None] = mapped_column(Numeric(8, 4), default=None)  # sum of slot fractions
    max_score: Mapped[int] = mapped_column(Integer, default=0)  # number of slots
    passed: Mapped[bool | None] = mapped_column(Boolean, default=None)  # against the spec's pass mark
    selection: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # what the learner chose (practice)

    spec: Mapped[QuizSpec] = relationship()
    slots: Mapped[list[Slot]] = relationship(back_populates="attempt", order_by="Slot.position")

    @property
    def percent(self) -> float | None:
        return None if self.score is None or not self.max_score else float(self.score) * 100 / self.max_score


class Slot(Base):
    __tablename__ = "attempt_slots"
    __table_args__ = (UniqueConstraint("attempt_id", "position"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    attempt_id: Mapped[int] = mapped_column(ForeignKey("attempts.id"), index=True)  # attempt
    position: Mapped[int] = mapped_column(Integer)  # 1-based order shown
    version_id: Mapped[int] = mapped_column(ForeignKey("question_versions.id"), index=True)  # pinned version
    choice_order: Mapped[list[str]] = mapped_column(JSON)  # pinned order of choice / match ids
    flagged: Mapped[bool] = mapped_column(Boolean, default=False)  # learner flagged for review
    response: Mapped[dict[str, Any] | None] = mapped_column(JSON, default=None)  # latest saved answer
    answered_at: Mapped[datetime | None] = mapped_column(default=None)  # when it was last saved
    fraction: Mapped[Decimal | None] = mapped_column(Numeric(6, 4), default=None)  # 0..1 once graded
    confidence: Mapped[str | None] = mapped_column(String(10), default=None)  # low | high (optional)

    attempt: Mapped[Attempt] = relationship(back_populates="slots")
    version: Mapped[QuestionVersion] = relationship()


class ResponseStep(Base):
    """Append-only log of every answer given: regrading replays it; nothing is overwritten."""

    __tablename__ = "response_steps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slot_id: Mapped[int] = mapped_column(ForeignKey("attempt_slots.id"), index=True)  # slot answered
    response: Mapped[dict[str, Any]] = mapped_column(JSON)  # the answer as submitted
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # server time it was saved
