import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from lms.assessment import banksync, engine
from lms.assessment.models import Attempt, ResponseStep
from lms.db import utcnow
from tests.assessment.conftest import bank


def mock_spec(session, items=7, minutes=10):
    return engine.ensure_spec(session, "mock-test", kind="mock", title="Mock", items=items,
                              time_limit_minutes=minutes, selection={"blueprint": "mblex"})


def answer_correctly(session, attempt, slot, now):
    key = next(c["id"] for c in slot.version.rendered["choices"] if c["correct"])
    engine.save_answer(session, attempt, slot, {"answer": [key]}, now)


def test_mock_exam_draws_blueprint_shares(session, learner):
    banksync.apply(session, bank(per_domain=20))
    spec = mock_spec(session, items=100)
    attempt = engine.start(session, learner.id, spec, utcnow(), random.Random(3))
    domains = {}
    for slot in attempt.slots:
        domains[slot.version.question.domain] = domains.get(slot.version.question.domain, 0) + 1
    assert domains == {"anatomy-physiology": 11, "kinesiology": 12, "pathology-contraindications": 14,
                       "benefits-effects": 15, "client-assessment": 17, "ethics-laws": 16, "professional-practice": 15}


def test_mock_exam_degrades_clearly_when_a_domain_is_short(session, learner):
    banksync.apply(session, bank(per_domain=3))
    attempt = engine.start(session, learner.id, mock_spec(session, items=100), utcnow(), random.Random(1))
    assert attempt.max_score == 21
    assert attempt.selection["shortfalls"]["client-assessment"] == [17, 3]


def test_choice_order_is_pinned_and_version_is_kept(session, learner, loaded_bank):
    attempt = engine.start(session, learner.id, mock_spec(session), utcnow(), random.Random(5))
    slot = attempt.slots[0]
    order, version_id = list(slot.choice_order), slot.version_id
    edited = bank()
    for q in edited:
        q.stem += " (edited)"
    banksync.apply(session, edited)
    session.expire_all()
    again = engine.load(session, attempt.id)
    assert again.slots[0].choice_order == order and again.slots[0].version_id == version_id
    assert "(edited)" not in again.slots[0].version.rendered["stem"]


def test_deadline_is_enforced_with_a_frozen_clock(session, learner, loaded_bank):
    start = utcnow()
    attempt = engine.start(session, learner.id, mock_spec(session, minutes=10), start, random.Random(2))
    answer_correctly(session, attempt, attempt.slots[0], start + timedelta(minutes=9))
    with pytest.raises(engine.AttemptError):
        answer_correctly(session, attempt, attempt.slots[1], start + timedelta(minutes=10, seconds=1))
    assert attempt.state == engine.EXPIRED
    assert float(attempt.score) == 1.0  # graded with what was saved in time


def test_second_submit_grades_nothing(session, learner, loaded_bank):
    attempt = engine.start(session, learner.id, mock_spec(session), utcnow(), random.Random(2))
    answer_correctly(session, attempt, attempt.slots[0], utcnow())
    assert engine.finish(session, attempt, utcnow()) is True
    first = (attempt.score, attempt.finished_at)
    assert engine.finish(session, attempt, utcnow() + timedelta(seconds=5)) is False
    assert (attempt.score, attempt.finished_at) == first


def test_a_finished_attempt_in_memory_matches_the_database(app, session, learner, loaded_bank):
    attempt = engine.start(session, learner.id, mock_spec(session), utcnow(), random.Random(2))
    answer_correctly(session, attempt, attempt.slots[0], utcnow())
    assert engine.finish(session, attempt, utcnow()) is True
    with app.extensions["lms.sessionmaker"]() as other:
        stored = other.get(Attempt, attempt.id)
        assert (stored.state, stored.finished_at, stored.score, stored.passed) == \
            (attempt.state, attempt.finished_at, attempt.score, attempt.passed) == \
            (engine.SUBMITTED, attempt.finished_at, 1, None)
        assert [s.fraction for s in stored.slots] == [s.fraction for s in attempt.slots]


def test_two_tabs_submitting_at_once_grade_once(app, learner, loaded_bank):
    maker = app.extensions["lms.sessionmaker"]
    with maker() as s:
        attempt_id = engine.start(s, learner.id, mock_spec(s), utcnow(), random.Random(2)).id
    results, barrier = [], threading.Barrier(2)

    def submit():
        with maker() as s:
            attempt = engine.load(s, attempt_id)
            barrier.wait()
            try:
                results.append(engine.finish(s, attempt, utcnow()))
            except Exception as exc:  # SQLite may refuse the second writer: that is "not graded twice" too
                results.append(type(exc).__name__)

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count(True) == 1
    with maker() as s:
        assert s.scalar(select(Attempt.state).where(Attempt.id == attempt_id)) == engine.SUBMITTED


def test_every_answer_is_an_appended_step(session, learner, loaded_bank):
    attempt = engine.start(session, learner.id, mock_spec(session), utcnow(), random.Random(2))
    slot = attempt.slots[0]
    for cid in ("a", "b", "c"):
        engine.save_answer(session, attempt, slot, {"answer": [cid]}, utcnow())
    assert session.scalar(select(func.count()).select_from(ResponseStep)) == 3
    assert slot.response == {"choice": "c"}


def test_immediate_feedback_locks_the_first_answer(session, learner, loaded_bank):
    spec = engine.ensure_spec(session, "practice")
    attempt = engine.start(session, learner.id, spec, utcnow(), random.Random(2), chosen={"count": 3})
    slot = attempt.slots[0]
    engine.save_answer(session, attempt, slot, {"answer": ["a"]}, utcnow())
    graded = slot.fraction
    engine.save_answer(session, attempt, slot, {"answer": ["b"]}, utcnow())
    assert slot.response == {"choice": "a"} and slot.fraction == graded


def test_attempt_limit(session, learner, loaded_bank):
    spec = mock_spec(session)
    spec.attempts_allowed = 1
    session.commit()
    attempt = engine.start(session, learner.id, spec, utcnow())
    engine.finish(session, attempt, utcnow())
    with pytest.raises(engine.AttemptError, match="all 1 attempts"):
        engine.start(session, learner.id, spec, utcnow())


def test_practice_filters_by_domain(session, learner, loaded_bank):
    spec = engine.ensure_spec(session, "practice")
    attempt = engine.start(session, learner.id, spec, utcnow(), chosen={"domains": ["ethics-laws"], "count": 10})
    assert {s.version.question.domain for s in attempt.slots} == {"ethics-laws"} and attempt.max_score == 3
