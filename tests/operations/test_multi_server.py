"""Two app server processes on different ports against one database and one Redis: a session made on one
works on the other, and sign-in rate limits are counted across both."""
import os
import uuid

import pytest

import lms
from lms import db
from lms.accounts import service
from tests.conftest import PASSWORD, empty_tables, make_config, require
from tests.operations.live_servers import free_port, opener, redis_up, sign_in, start_gunicorn, status, stop


@pytest.fixture
def servers(database_url, tmp_path):
    require(redis_up(), "Redis is not answering on 127.0.0.1:6379")
    env = dict(os.environ, LMS_DATABASE_URL=database_url, LMS_SECRET_KEY="shared-secret-" + "z" * 40,
               LMS_RATELIMIT_STORAGE_URI="redis://127.0.0.1:6379", LMS_INSTANCE_PATH=str(tmp_path / "instance"),
               LMS_RATELIMIT_ENABLED="true")
    app = lms.create_app(make_config(database_url, tmp_path / "seed"))
    with app.app_context():
        service.create_user(db.session(), "both@example.com", "Both Servers", PASSWORD)
    ports, processes = [free_port(), free_port()], []
    try:
        for port in ports:  # two gunicorn servers, as in docs/operations.md
            processes.append(start_gunicorn(port, env, tmp_path / f"gunicorn-{port}.log", workers=1))
        yield [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        for process in processes:
            stop(process)
        empty_tables(app.extensions["lms.engine"])
        app.extensions["lms.engine"].dispose()


def test_session_works_on_either_server(servers):
    one, two = servers
    browser = opener()
    assert sign_in(browser, one, "both@example.com", PASSWORD) == 302
    assert status(browser, two + "/dashboard")[0] == 200  # the same cookie, the other server


def test_rate_limits_are_shared_through_redis(servers):
    browser = opener()
    victim = f"victim-{uuid.uuid4().hex[:8]}@example.com"  # a fresh account key: counters in Redis outlive a run
    codes = [sign_in(browser, servers[n % 2], victim, "wrong-password-1") for n in range(10)]
    assert codes[0] == 200 and 429 in codes and codes.index(429) <= 8  # 8 a minute per account, across both
