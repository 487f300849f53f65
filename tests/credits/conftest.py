"""A CE course with two modules and a post-test bank, loaded for credit tests."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from lms.assessment import banksync, engine
from lms.assessment.posttests import post_test_spec
from lms.content import progress, sync
from lms.content.loader import load_tree
from lms.blueprint import load
from lms.content.models import Course
from lms.db import utcnow
from tests.assessment.conftest import single
from tests.content.conftest import COURSE_YML, MODULE, write_course

CE_YML = COURSE_YML.replace("exam-prep", "ce").replace("Kinesiology Basics", "Proprioception in Practice") + (
    "ce:\n  hours: 1\n  categories: [science]\n  delivery: home-study\n  approval_number: \"AP-123\"\n"
    "post_test:\n  items: 4\n  pass_mark: 75\n  attempts: 3\n  time_limit_minutes: 20\n  minutes_per_item: 15\n")


@pytest.fixture
def ce_course(session, tmp_path):
    root = tmp_path / "ce-courses"
    write_course(root, slug="ce-proprio", course_yml=CE_YML, modules={
        "01-a": MODULE.format(title="Part A", extra=""), "02-b": MODULE.format(title="Part B", extra="")})
    specs, problems = load_tree(root, load())
    assert problems == []
    sync.apply(session, specs)
    banksync.apply(session, [single(f"pt-{n}", "kinesiology", "proprioceptors", key=0,
                                    tags=["post-test:ce-proprio"]) for n in range(5)])
    return session.scalar(select(Course).where(Course.slug == "ce-proprio"))


def read_everything(session, user, course, seconds=600):
    start = utcnow() - timedelta(hours=2)
    for module in course.modules:
        progress.open_page(session, user.id, module, now=start)
        progress.mark_complete(session, user.id, module, now=start + timedelta(seconds=seconds))


def pass_post_test(session, user, course, correct=True):
    attempt = engine.start(session, user.id, post_test_spec(session, course), utcnow())
    for slot in attempt.slots:
        engine.save_answer(session, attempt, slot, {"answer": ["a" if correct else "b"]}, utcnow())
    engine.finish(session, attempt, utcnow())
    return attempt
