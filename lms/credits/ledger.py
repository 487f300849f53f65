"""The CE ledger: append entries, reverse them (never edit or delete), read the effective entries."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.credits.models import LedgerEntry


class LedgerError(ValueError):
    """A ledger request that cannot be granted; the message is safe to show."""


@dataclass(frozen=True)
class Credit:
    """What a requirement rule needs to know about one effective entry."""

    hours: Decimal
    categories: tuple[str, ...]
    delivery: str
    completed_on: date


def append(db: Session, **values: object) -> LedgerEntry:
    entry = LedgerEntry(**values)
    if entry.hours is None or Decimal(str(entry.hours)) <= 0:
        raise LedgerError("Hours must be more than zero.")
    db.add(entry)
    db.commit()
    return entry


def reverse(db: Session, entry: LedgerEntry, by_user_id: int, reason: str) -> LedgerEntry:
    """Undo an entry by appending its negative, with who and why."""
    if not reason.strip():
        raise LedgerError("Say why the entry is reversed.")
    if entry.reverses_id is not None:
        raise LedgerError("A reversal cannot itself be reversed; add a new entry instead.")
    if db.scalar(select(LedgerEntry.id).where(LedgerEntry.reverses_id == entry.id)) is not None:
        raise LedgerError("This entry has already been reversed.")
    reversal = LedgerEntry(user_id=entry.user_id, title=entry.title, provider_name=entry.provider_name,
                           provider_number=entry.provider_number, hours=-Decimal(entry.hours),
                           categories=list(entry.categories), delivery=entry.delivery, completed_on=entry.completed_on,
                           source=entry.source, certificate_id=entry.certificate_id, proof_id=entry.proof_id,
                           reverses_id=entry.id, recorded_by_id=by_user_id, reason=reason.strip())
    db.add(reversal)
    db.commit()
    return reversal


def entries(db: Session, user_id: int) -> list[LedgerEntry]:
    """Every entry, reversals included, oldest first (the full audit trail)."""
    return list(db.scalars(select(LedgerEntry).where(LedgerEntry.user_id == user_id)
                           .order_by(LedgerEntry.completed_on, LedgerEntry.id)))


def effective(all_entries: list[LedgerEntry]) -> list[LedgerEntry]:
    """Entries that count: not reversals and not reversed."""
    reversed_ids = {e.reverses_id for e in all_entries if e.reverses_id is not None}
    return [e for e in all_entries if e.reverses_id is None and e.id not in reversed_ids]


def credits(all_entries: list[LedgerEntry]) -> list[Credit]:
    return [Credit(Decimal(e.hours), tuple(e.categories), e.delivery, e.completed_on) for e in effective(all_entries)]
