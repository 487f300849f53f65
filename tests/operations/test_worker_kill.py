"""Exam day with a crash: the app under gunicorn (the documented set-up, read from gunicorn.conf.py), a learner
saving answers as fast as the autosave sends them, and every worker killed with SIGKILL in the middle.
No acknowledged answer is lost, the learner carries on (an answer whose save failed is sent again), and the
attempt is graded once."""
from __future__ import annotations

import gc
import json
import os
import re
import runpy
import signal
import subprocess
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import func, select

import lms
from lms import db
from lms.accounts import service
from lms.assessment import banksync
from lms.assessment.models import Attempt, ResponseStep, Slot
from lms.db import make_engine
from tests.assessment.conftest import bank
from tests.conftest import PASSWORD, empty_tables, make_config
from tests.operations.live_servers import CONNECTION_ERRORS, CSRF, ROOT, free_port, opener, request, sign_in, \
    start_gunicorn, stop

ANSWER = re.compile(r'<input type="radio" name="answer" value="([^"]+)"')
EMAIL = "exam-day@example.com"


def workers_of(master: subprocess.Popen) -> set[int]:
    return {int(pid) for pid in Path(f"/proc/{master.pid}/task/{master.pid}/children").read_text().split()}


@pytest.fixture
def gunicorn(database_url, tmp_path):
    app = lms.create_app(make_config(database_url, tmp_path / "seed"))
    with app.app_context():
        service.create_user(db.session(), EMAIL, "Exam Day", PASSWORD)
        banksync.apply(db.session(), bank(per_domain=5))
    env = dict(os.environ, LMS_DATABASE_URL=database_url, LMS_SECRET_KEY="kill-test-secret-" + "k" * 40,
               LMS_RATELIMIT_ENABLED="false", LMS_INSTANCE_PATH=str(tmp_path / "instance"))
    port = free_port()
    master = start_gunicorn(port, env, tmp_path / "gunicorn.log")
    try:
        yield f"http://127.0.0.1:{port}", master
    finally:
        stop(master)
        empty_tables(app.extensions["lms.engine"])
        app.extensions["lms.engine"].dispose()


def save_until_acknowledged(browser, url: str, token: str, value: str) -> None:
    """POST one autosave until the server says saved (after a failed save the page sends the answer again with
    the form when the learner moves on; here it is simply sent again)."""
    give_up = time.monotonic() + 30
    while True:
        try:
            code, _headers, body = request(browser, url, {"answer": value, "csrf_token": token},
                                           {"X-Autosave": "1", "X-CSRFToken": token})
            if code == 200 and json.loads(body).get("saved") is True:
                return
        except CONNECTION_ERRORS:
            pass
        assert time.monotonic() < give_up, f"{url} never saved after the kill"
        time.sleep(0.05)


def test_a_killed_worker_loses_no_acknowledged_answer_and_the_learner_carries_on(gunicorn, database_url):
    base, master = gunicorn
    browser = opener()
    assert sign_in(browser, base, EMAIL, PASSWORD) == 302
    token = CSRF.search(request(browser, base + "/exams")[2]).group(1)
    code, headers, _ = request(browser, base + "/exams/mock", {"csrf_token": token})
    assert code == 302
    attempt = int(re.search(r"/attempts/(\d+)", headers["Location"]).group(1))
    engine = make_engine(database_url)
    with engine.connect() as conn:
        positions = list(conn.scalars(select(Slot.position).where(Slot.attempt_id == attempt).order_by(Slot.position)))
    assert len(positions) >= 20
    choices = {p: ANSWER.findall(request(browser, f"{base}/attempts/{attempt}/q/{p}")[2]) for p in positions}

    before = workers_of(master)
    acked: dict[int, str] = {}  # position -> the last answer the server acknowledged
    saves, saved_at_kill = 4 * len(positions), []

    def kill() -> None:
        saved_at_kill.append(len(done))
        for pid in before:
            os.kill(pid, signal.SIGKILL)

    done: list[int] = []  # positions, one per acknowledged save
    killer = threading.Timer(0.4, kill)
    killer.start()
    for n in range(saves):  # each question answered four times, a different choice each time
        position = positions[n % len(positions)]
        value = choices[position][n // len(positions) % len(choices[position])]
        save_until_acknowledged(browser, f"{base}/attempts/{attempt}/q/{position}", token, value)
        acked[position] = value
        done.append(position)
        if n == saves // 2:
            killer.join()  # on a slow machine, wait for the kill: it must land with half the saves still to come
    assert saved_at_kill[0] < saves and before.isdisjoint(workers_of(master))  # killed mid-exam; new workers

    with engine.connect() as conn:
        stored = dict(conn.execute(select(Slot.position, Slot.response).where(Slot.attempt_id == attempt)).all())
        steps = conn.execute(select(Slot.position, ResponseStep.response).join(Slot, Slot.id == ResponseStep.slot_id)
                             .where(Slot.attempt_id == attempt)).all()
    assert {p: r["choice"] for p, r in stored.items()} == acked  # nothing acknowledged is lost or out of date
    assert {(p, v) for p, v in acked.items()} <= {(p, r["choice"]) for p, r in steps}  # and it is in the history

    for _ in range(2):  # a double submit after the crash still grades once
        assert request(browser, f"{base}/attempts/{attempt}/submit", {"csrf_token": token})[0] == 302
    assert request(browser, f"{base}/attempts/{attempt}/review")[0] == 200
    with engine.connect() as conn:
        state, score = conn.execute(select(Attempt.state, Attempt.score).where(Attempt.id == attempt)).one()
        total = conn.scalar(select(func.sum(Slot.fraction)).where(Slot.attempt_id == attempt))
    engine.dispose()
    assert state == "submitted" and score == total


def test_the_gunicorn_settings_file_serves_the_documented_set_up():
    settings = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    assert (settings["workers"], settings["worker_class"], settings["threads"]) == (4, "gthread", 4)
    assert gc.get_freeze_count() == 0
    try:
        settings["post_worker_init"](None)
        assert gc.get_freeze_count() > 0  # the start-up objects left the collector's sweeps
    finally:
        gc.unfreeze()
