from datetime import timedelta

from sqlalchemy import select

from lms.content import progress
from lms.content.models import Course, Module
from lms.db import utcnow
from tests.content.test_sync import run_sync


def test_seat_time_is_measured_by_the_server_and_capped(session, tree, learner):
    run_sync(session, tree)
    module = session.scalar(select(Module).where(Module.slug == "spindles"))
    start = utcnow()
    progress.open_page(session, learner.id, module, now=start)
    assert progress.heartbeat(session, learner.id, module, now=start + timedelta(seconds=30)) == 30
    # a tab left open for an hour without a heartbeat earns at most the cap
    assert progress.heartbeat(session, learner.id, module, now=start + timedelta(hours=1)) == 30 + 120
    row = progress.mark_complete(session, learner.id, module, now=start + timedelta(hours=1, seconds=40))
    assert row.seconds_spent == 190 and row.completed_at is not None


def test_percent_complete_and_continue(session, tree, learner):
    run_sync(session, tree)
    course = session.scalar(select(Course))
    progress.enroll(session, learner.id, course)
    first, second = sorted(course.modules, key=lambda m: m.position)
    progress.mark_complete(session, learner.id, first)
    state = progress.enrolled_progress(session, learner.id)[0]
    assert (state.percent, state.next_module.slug) == (50, second.slug)
    progress.unenroll(session, learner.id, course)
    assert progress.enrolled_progress(session, learner.id) == []


def test_a_reopen_soon_after_a_sign_of_life_continues_the_interval(session, tree, learner):
    run_sync(session, tree)
    module = session.scalar(select(Module).where(Module.slug == "spindles"))
    start = utcnow()
    progress.open_page(session, learner.id, module, now=start)
    progress.heartbeat(session, learner.id, module, now=start + timedelta(seconds=30))
    # a reload 10 s after the heartbeat writes nothing: the next heartbeat credits the whole 30 s
    row = progress.open_page(session, learner.id, module, now=start + timedelta(seconds=40))
    assert row.last_seen_at == start + timedelta(seconds=30) and not session.dirty
    assert progress.heartbeat(session, learner.id, module, now=start + timedelta(seconds=60)) == 60
    # a reopen after a long absence starts a new interval: the absence earns nothing
    progress.open_page(session, learner.id, module, now=start + timedelta(hours=2))
    assert progress.heartbeat(session, learner.id, module, now=start + timedelta(hours=2, seconds=30)) == 90
