"""A cohort with two learners, a quiz assignment and graded attempts."""
from __future__ import annotations

import random
from datetime import timedelta

import pytest

from lms.assessment import engine
from lms.db import utcnow
from lms.schools import assignments
from lms.schools.models import Cohort, CohortMember
from tests.assessment.conftest import loaded_bank  # noqa: F401  (fixture shared with the assessment tests)


@pytest.fixture
def cohort(session, instructor, make_user, loaded_bank):
    c = Cohort(name="Evening class, spring intake", instructor_id=instructor.id)
    session.add(c)
    session.flush()
    learners = [make_user(name="Ann Able"), make_user(name="Ben Brown")]
    for learner in learners:
        session.add(CohortMember(cohort_id=c.id, user_id=learner.id))
    session.commit()
    c.learners = learners
    return c


def take(session, user, spec, correct: int, when=None):
    """Start and finish an attempt answering the first `correct` slots right and the rest wrong."""
    now = when or utcnow()
    attempt = engine.start(session, user.id, spec, now, random.Random(user.id))
    for index, slot in enumerate(attempt.slots):
        key = next(c["id"] for c in slot.version.rendered["choices"] if c["correct"])
        wrong = next(c["id"] for c in slot.version.rendered["choices"] if not c["correct"])
        engine.save_answer(session, attempt, slot, {"answer": [key if index < correct else wrong]}, now)
    engine.finish(session, attempt, now + timedelta(seconds=1))
    return attempt


@pytest.fixture
def practice_assignment(session, cohort, instructor):
    return assignments.create(session, cohort, instructor.id, {
        "kind": "practice", "title": "Kinesiology set", "domains": ["kinesiology"], "items": 3, "grading": "best",
        "opens_at": utcnow() - timedelta(days=1), "due_at": utcnow() + timedelta(days=1)})
