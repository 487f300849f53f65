"""The audit log of admin and instructor actions."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.schools.models import AuditEvent


def record(db: Session, actor_id: int | None, action: str, target: str = "", **detail: Any) -> None:
    """Add an event to the session; it is committed with the change it describes."""
    db.add(AuditEvent(actor_id=actor_id, action=action, target=target, detail=detail))


def recent(db: Session, limit: int = 200, action: str | None = None) -> list[AuditEvent]:
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if action:
        query = query.where(AuditEvent.action == action)
    return list(db.scalars(query))
