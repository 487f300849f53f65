"""CE ledger (append-only), certificates, proof files, licenses held and reminders sent."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, ForeignKey, Integer, Numeric, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.db import Base, utcnow


class Certificate(Base):
    """A snapshot at issue: later renames of the course or the learner do not change it."""

    __tablename__ = "certificates"
    __table_args__ = (UniqueConstraint("user_id", "course_id"),)  # one certificate per learner and course

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)  # unguessable public verification code
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # holder's account
    course_id: Mapped[int] = mapped_column(ForeignKey("courses.id"), index=True)  # course completed
    holder_name: Mapped[str] = mapped_column(String(200))  # participant name at issue
    course_title: Mapped[str] = mapped_column(String(300))  # course title at issue
    hours: Mapped[Decimal] = mapped_column(Numeric(5, 2))  # approved CE hours
    delivery: Mapped[str] = mapped_column(String(20))  # home-study | live | webinar
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)  # CE categories
    completed_on: Mapped[date] = mapped_column(Date)  # completion date
    provider_name: Mapped[str] = mapped_column(String(200))  # approved provider's name at issue
    provider_number: Mapped[str] = mapped_column(String(80))  # provider / course approval number
    provider_contact: Mapped[str] = mapped_column(String(300))  # provider address or email
    signer: Mapped[str] = mapped_column(String(200))  # name of the signing provider representative
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)  # time of issue
    revoked_at: Mapped[datetime | None] = mapped_column(default=None)  # set on revocation (never deleted)
    revoked_reason: Mapped[str | None] = mapped_column(Text, default=None)  # why it was revoked
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), default=None)  # admin who revoked


class ProofFile(Base):
    __tablename__ = "proof_files"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # owner
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)  # random name under instance/proofs
    original_name: Mapped[str] = mapped_column(String(255))  # name the learner uploaded
    content_type: Mapped[str] = mapped_column(String(40))  # detected from the bytes, not the name
    size: Mapped[int] = mapped_column(Integer)  # bytes
    sha256: Mapped[str] = mapped_column(String(64))  # integrity
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)  # upload time


class LedgerEntry(Base):
    """Append-only: never edited or deleted; a correction is a reversal plus a new entry."""

    __tablename__ = "ledger_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # learner credited
    title: Mapped[str] = mapped_column(String(300))  # course title
    provider_name: Mapped[str] = mapped_column(String(200))  # provider
    provider_number: Mapped[str] = mapped_column(String(80), default="")  # provider approval number
    hours: Mapped[Decimal] = mapped_column(Numeric(6, 2))  # CE hours; negative on a reversal
    categories: Mapped[list[str]] = mapped_column(JSON, default=list)  # ethics, laws-and-rules, ...
    delivery: Mapped[str] = mapped_column(String(20))  # home-study | live | webinar
    completed_on: Mapped[date] = mapped_column(Date)  # completion date (counts toward the cycle holding it)
    source: Mapped[str] = mapped_column(String(20))  # platform | external
    certificate_id: Mapped[int | None] = mapped_column(ForeignKey("certificates.id"), default=None)  # our certificate
    proof_id: Mapped[int | None] = mapped_column(ForeignKey("proof_files.id"), default=None)  # uploaded proof
    reverses_id: Mapped[int | None] = mapped_column(ForeignKey("ledger_entries.id"), default=None)  # entry undone
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))  # who recorded it
    reason: Mapped[str] = mapped_column(Text, default="")  # why (required for reversals)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was recorded


class License(Base):
    __tablename__ = "licenses"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # holder
    profile_key: Mapped[str] = mapped_column(String(60))  # requirement profile (board)
    license_number: Mapped[str] = mapped_column(String(60))  # number issued by the board
    cycle_end: Mapped[date] = mapped_column(Date)  # end of the current renewal cycle
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was recorded


class ReminderSent(Base):
    __tablename__ = "reminders_sent"
    __table_args__ = (UniqueConstraint("license_id", "cycle_end", "days_before"),)  # never the same reminder twice

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    license_id: Mapped[int] = mapped_column(ForeignKey("licenses.id"), index=True)  # license reminded about
    cycle_end: Mapped[date] = mapped_column(Date)  # cycle the reminder was for
    days_before: Mapped[int] = mapped_column(Integer)  # threshold: 90, 30 or 7
    sent_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was sent
