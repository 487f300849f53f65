"""Mail outbox table (development and closed networks without SMTP)."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from lms.db import Base, utcnow


class OutboxMessage(Base):
    __tablename__ = "outbox_messages"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    to: Mapped[str] = mapped_column(String(254))  # recipient address
    subject: Mapped[str] = mapped_column(String(200))  # subject line
    body: Mapped[str] = mapped_column(Text)  # plain-text body
    created_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it was "sent"
