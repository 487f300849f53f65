"""Spaced repetition: rating mapping, state round trip through JSON, due ordering and due counts."""
from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import fsrs
import pytest

from lms.readiness import scheduling
from lms.readiness.scheduling import (
    due_counts,
    due_of,
    new_card_state,
    order_due,
    rating_for,
    review,
)

NOW = datetime(2025, 3, 12, 15, 30, tzinfo=UTC)  # a Wednesday afternoon


@pytest.mark.parametrize(("correct", "confidence", "expected"), [
    (False, None, fsrs.Rating.Again),
    (False, "low", fsrs.Rating.Again),
    (False, "high", fsrs.Rating.Again),
    (True, None, fsrs.Rating.Good),
    (True, "medium", fsrs.Rating.Good),
    (True, "low", fsrs.Rating.Hard),
    (True, "high", fsrs.Rating.Easy),
])
def test_rating_mapping(correct, confidence, expected):
    assert rating_for(correct, confidence) is expected


def test_new_card_is_due_now_and_json_serialisable():
    state = new_card_state(NOW)
    assert json.loads(json.dumps(state)) == state
    assert due_of(state) == NOW
    assert due_of(state).tzinfo is not None


def test_state_round_trips_through_json_and_keeps_scheduling():
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    state = review(None, True, None, NOW, scheduler)
    state = review(json.loads(json.dumps(state)), True, None, NOW + timedelta(minutes=10), scheduler)
    stored = json.loads(json.dumps(state))
    assert stored == state
    assert fsrs.Card.from_dict(stored).to_dict() == state  # the package's own (de)serialisation
    assert due_of(stored) > NOW + timedelta(days=1)  # graduated to a review interval


def test_wrong_answer_comes_back_sooner_than_right_one():
    right = review(None, True, "high", NOW)
    wrong = review(None, False, None, NOW)
    assert due_of(wrong) < due_of(right)
    assert due_of(wrong) - NOW <= timedelta(minutes=10)


def test_lapse_after_a_long_interval_resets_to_minutes():
    scheduler = fsrs.Scheduler(enable_fuzzing=False)
    state = review(None, True, "high", NOW, scheduler)
    later = due_of(state)
    lapsed = review(state, False, None, later, scheduler)
    assert due_of(lapsed) - later <= timedelta(minutes=10)


def test_naive_and_non_utc_times_are_taken_as_utc():
    naive = review(None, True, None, NOW.replace(tzinfo=None))
    eastern = review(None, True, None, NOW.astimezone(ZoneInfo("America/New_York")))
    assert due_of(naive) == due_of(eastern)
    assert due_of(naive).utcoffset() == timedelta(0)


def test_order_due_most_overdue_first_and_excludes_future():
    cards = [
        ("tomorrow", NOW + timedelta(days=1)),
        ("a-minute-ago", NOW - timedelta(minutes=1)),
        ("last-week", NOW - timedelta(days=7)),
        ("exactly-now", NOW),
        ("yesterday", NOW - timedelta(days=1)),
        ("in-a-second", NOW + timedelta(seconds=1)),
    ]
    assert order_due(cards, NOW) == ["last-week", "yesterday", "a-minute-ago", "exactly-now"]


def test_order_due_works_with_stored_states_and_any_key():
    states = {101: new_card_state(NOW - timedelta(hours=2)), 102: new_card_state(NOW - timedelta(hours=5)),
              103: new_card_state(NOW + timedelta(hours=1))}
    assert order_due([(key, due_of(state)) for key, state in states.items()], NOW) == [102, 101]
    assert order_due([], NOW) == []


def test_due_counts_utc_day_and_seven_days():
    dues = [
        NOW - timedelta(days=3),  # overdue: today and week
        NOW,  # today
        datetime(2025, 3, 12, 23, 59, 59, tzinfo=UTC),  # end of today
        datetime(2025, 3, 13, 0, 0, tzinfo=UTC),  # tomorrow: week only
        datetime(2025, 3, 18, 23, 59, tzinfo=UTC),  # 7th calendar day counting today
        datetime(2025, 3, 19, 0, 0, tzinfo=UTC),  # 8th day: neither
    ]
    assert due_counts(dues, NOW) == (3, 5)
    assert due_counts([], NOW) == (0, 0)


def test_due_counts_in_a_local_time_zone():
    tz = ZoneInfo("America/Los_Angeles")  # NOW is 08:30 local on 12 March (PDT, UTC-7)
    late_local = datetime(2025, 3, 13, 6, 0, tzinfo=UTC)  # 23:00 on 12 March local, tomorrow in UTC
    assert due_counts([late_local], NOW, tz=tz) == (1, 1)
    assert due_counts([late_local], NOW) == (0, 1)


def test_default_scheduler_is_the_package_one():
    assert isinstance(scheduling.SCHEDULER, fsrs.Scheduler)
