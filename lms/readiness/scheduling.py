"""Spaced repetition for review cards, delegated to the `fsrs` package (FSRS, py-fsrs 6.x).

A card's state travels as the JSON-serialisable dict produced by `fsrs.Card.to_dict` so the caller can
keep it in a JSON column; `review` turns an answer into an FSRS rating and returns the next state.

Datetimes: every datetime returned is timezone-aware UTC. A naive datetime passed in is taken to be UTC
(SQLite hands back naive values for columns written as UTC); an aware one is converted to UTC.

Due counts: "today" is the current calendar day in `tz` (UTC unless given), so `due_today` counts every
card due before the next midnight in that zone, overdue cards included. `due_next_7_days` is cumulative:
cards due before midnight at the end of the seventh calendar day counting today (today plus six days),
again overdue cards included, so `due_today <= due_next_7_days` always.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, time, timedelta, tzinfo
from typing import Any, TypeVar

import fsrs

K = TypeVar("K")

# Package defaults: 90% desired retention, 1 and 10 minute learning steps, interval fuzzing on
# (fuzzing spreads cards learned together over neighbouring days).
SCHEDULER = fsrs.Scheduler()

WEEK_DAYS = 7


def as_utc(when: datetime) -> datetime:
    """`when` as an aware UTC datetime; naive values are taken to be UTC already."""
    if when.tzinfo is None:
        return when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


def rating_for(correct: bool, confidence: str | None) -> fsrs.Rating:
    """Wrong -> Again; right -> Hard with "low" confidence, Easy with "high", otherwise Good."""
    if not correct:
        return fsrs.Rating.Again
    if confidence == "low":
        return fsrs.Rating.Hard
    if confidence == "high":
        return fsrs.Rating.Easy
    return fsrs.Rating.Good


def new_card_state(now: datetime | None = None, *, card_id: int = 0) -> dict[str, Any]:
    """A never-reviewed card, due at `now` (default: the current time).

    `card_id` only labels FSRS review logs, which we do not keep; the caller's own key identifies the card.
    Passing it also avoids fsrs's default id, which sleeps a millisecond per new card.
    """
    due = as_utc(now) if now is not None else datetime.now(UTC)
    return dict(fsrs.Card(card_id=card_id, due=due).to_dict())


def review(state: dict[str, Any] | None, correct: bool, confidence: str | None, when: datetime,
           scheduler: fsrs.Scheduler | None = None) -> dict[str, Any]:
    """The card's next state after an answer at `when`; `state=None` means a card seen for the first time."""
    when = as_utc(when)
    card = fsrs.Card.from_dict(state) if state is not None else fsrs.Card(card_id=0, due=when)  # type: ignore[arg-type]
    card, _log = (scheduler or SCHEDULER).review_card(card, rating_for(correct, confidence), review_datetime=when)
    return dict(card.to_dict())


def due_of(state: dict[str, Any]) -> datetime:
    """When the card is next due, as an aware UTC datetime."""
    return as_utc(datetime.fromisoformat(state["due"]))


def order_due(cards: Iterable[tuple[K, datetime]], now: datetime) -> list[K]:
    """Keys of the cards due at or before `now`, most overdue (earliest due) first; ties keep input order."""
    now = as_utc(now)
    due = [(as_utc(when), key) for key, when in cards if as_utc(when) <= now]
    return [key for _when, key in sorted(due, key=lambda pair: pair[0])]


def _next_midnight(now: datetime, days: int, tz: tzinfo) -> datetime:
    """Midnight in `tz` starting the day `days` after the local date of `now`."""
    local_date = as_utc(now).astimezone(tz).date()
    return datetime.combine(local_date + timedelta(days=days), time(0), tzinfo=tz)


def due_boundaries(now: datetime, tz: tzinfo | None = None) -> tuple[datetime, datetime]:
    """A card is due today if due before the first instant, within the week if before the second."""
    zone = tz or UTC
    return _next_midnight(now, 1, zone), _next_midnight(now, WEEK_DAYS, zone)


def due_counts(dues: Sequence[datetime], now: datetime, tz: tzinfo | None = None) -> tuple[int, int]:
    """(due_today, due_next_7_days), both counting overdue cards; see the module docstring for the days."""
    end_of_today, end_of_week = due_boundaries(now, tz)
    instants = [as_utc(d) for d in dues]
    return sum(d < end_of_today for d in instants), sum(d < end_of_week for d in instants)
