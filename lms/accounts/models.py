"""Account tables."""
from __future__ import annotations

import enum
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import Boolean, Enum, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from lms.db import Base, utcnow


class Role(str, enum.Enum):
    learner = "learner"
    instructor = "instructor"
    admin = "admin"


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    email: Mapped[str] = mapped_column(String(254))  # as the user typed it, for display and mail
    email_key: Mapped[str] = mapped_column(String(254), unique=True)  # lower-cased email: uniqueness and look-up
    full_name: Mapped[str] = mapped_column(String(200))  # legal name as printed on certificates
    password_hash: Mapped[str] = mapped_column(String(255))  # Werkzeug scrypt hash
    role: Mapped[Role] = mapped_column(Enum(Role, name="user_role", native_enum=False, length=20), default=Role.learner)
    time_zone: Mapped[str] = mapped_column(String(64), default="UTC")  # IANA zone for showing times
    active: Mapped[bool] = mapped_column(Boolean, default=True)  # deactivated users cannot sign in
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # sign-up time
    password_changed_at: Mapped[datetime] = mapped_column(default=utcnow)  # ends reset links issued before it
    last_sign_in_at: Mapped[datetime | None] = mapped_column(default=None)  # most recent successful sign-in

    @property
    def is_active(self) -> bool:  # Flask-Login refuses inactive users
        return self.active

    @property
    def is_admin(self) -> bool:
        return self.role is Role.admin

    @property
    def is_staff(self) -> bool:
        return self.role in (Role.admin, Role.instructor)

    @staticmethod
    def key_for(email: str) -> str:
        return email.strip().lower()
