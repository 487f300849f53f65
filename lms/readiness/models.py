"""Spaced-repetition review cards: one per learner and question answered."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from lms.db import Base, utcnow


class ReviewCard(Base):
    __tablename__ = "review_cards"
    __table_args__ = (UniqueConstraint("user_id", "question_id"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)  # learner
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id"), index=True)  # question reviewed
    state: Mapped[dict[str, Any]] = mapped_column(JSON)  # FSRS card state (fsrs Card.to_dict)
    due_at: Mapped[datetime] = mapped_column(index=True)  # next review, copied from state for queries
    reviews: Mapped[int] = mapped_column(Integer, default=0)  # answers recorded on this card
    last_reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)  # most recent answer
