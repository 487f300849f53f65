"""Cohorts, members, assignments, invitations, school settings and the audit log."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from lms.db import Base, utcnow


class Cohort(Base):
    __tablename__ = "cohorts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))  # e.g. "Evening class, spring intake"
    instructor_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # owning instructor
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # creation time

    members: Mapped[list[CohortMember]] = relationship(back_populates="cohort", order_by="CohortMember.id")
    assignments: Mapped[list[Assignment]] = relationship(back_populates="cohort", order_by="Assignment.id")


class CohortMember(Base):
    __tablename__ = "cohort_members"
    __table_args__ = (UniqueConstraint("cohort_id", "user_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)  # cohort
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # learner
    added_at: Mapped[datetime] = mapped_column(default=utcnow)  # when added

    cohort: Mapped[Cohort] = relationship(back_populates="members")


class Assignment(Base):
    __tablename__ = "assignments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    cohort_id: Mapped[int] = mapped_column(ForeignKey("cohorts.id"), index=True)  # cohort assigned to
    title: Mapped[str] = mapped_column(String(300))  # shown to learners
    kind: Mapped[str] = mapped_column(String(20))  # course | quiz
    course_id: Mapped[int | None] = mapped_column(ForeignKey("courses.id"), default=None)  # course to complete
    spec_id: Mapped[int | None] = mapped_column(ForeignKey("quiz_specs.id"), default=None)  # quiz to take
    grading: Mapped[str] = mapped_column(String(10), default="best")  # best | latest attempt counts
    opens_at: Mapped[datetime] = mapped_column(default=utcnow)  # attempts count from here
    due_at: Mapped[datetime | None] = mapped_column(default=None)  # later work is marked late
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # instructor who assigned it
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # creation time

    cohort: Mapped[Cohort] = relationship(back_populates="assignments")


class Invitation(Base):
    __tablename__ = "invitations"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)  # unguessable link token
    email: Mapped[str] = mapped_column(String(254))  # who is invited
    role: Mapped[str] = mapped_column(String(20))  # role given on acceptance
    cohort_id: Mapped[int | None] = mapped_column(ForeignKey("cohorts.id"), default=None)  # cohort to join
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # inviter
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # sent
    expires_at: Mapped[datetime] = mapped_column()  # link stops working after
    accepted_at: Mapped[datetime | None] = mapped_column(default=None)  # single use


class SchoolSettings(Base):
    """One row: branding and provider details set in the admin UI (empty fields fall back to config)."""

    __tablename__ = "school_settings"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")  # school / site name
    primary_color: Mapped[str] = mapped_column(String(7), default="")  # header colour, #rrggbb (AA contrast)
    logo_file: Mapped[str] = mapped_column(String(80), default="")  # stored logo (instance/branding)
    provider_name: Mapped[str] = mapped_column(String(200), default="")  # CE provider name
    provider_number: Mapped[str] = mapped_column(String(80), default="")  # CE provider approval number
    provider_contact: Mapped[str] = mapped_column(String(300), default="")  # provider address or email
    signer_name: Mapped[str] = mapped_column(String(200), default="")  # certificate signer
    signature_file: Mapped[str] = mapped_column(String(80), default="")  # stored signature image
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)  # last change


class AuditEvent(Base):
    __tablename__ = "audit_events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)  # who (None: system)
    action: Mapped[str] = mapped_column(String(60))  # what, e.g. user.role_changed
    target: Mapped[str] = mapped_column(String(200), default="")  # on what, e.g. user:12
    detail: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)  # particulars
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)  # when
