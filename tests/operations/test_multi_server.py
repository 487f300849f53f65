"""Two app servers against one database and one Redis: a session works on either, rate limits are shared."""
import socket
import uuid

import pytest

import lms
from lms import db
from lms.accounts import service
from tests.conftest import PASSWORD, empty_tables, require, make_config


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def two_servers(database_url, tmp_path):
    require(redis_up(), "Redis is not answering on 127.0.0.1:6379")
    shared = {"RATELIMIT_ENABLED": True, "RATELIMIT_STORAGE_URI": "redis://127.0.0.1:6379",
              "RATELIMIT_KEY_PREFIX": f"test-{uuid.uuid4().hex}", "SECRET_KEY": "shared-secret-" + "y" * 32}
    apps = [lms.create_app(make_config(database_url, tmp_path / f"i{n}", **shared)) for n in (1, 2)]
    yield apps
    empty_tables(apps[0].extensions["lms.engine"])
    for app in apps:
        app.extensions["lms.engine"].dispose()


def test_session_from_one_server_works_on_the_other(two_servers):
    one, two = two_servers
    with one.app_context():
        service.create_user(db.session(), "both@example.com", "Both Servers", PASSWORD)
    first = one.test_client()
    assert first.post("/sign-in", data={"email": "both@example.com", "password": PASSWORD}).status_code == 302
    cookie = first.get_cookie("session", domain="lms.test")
    second = two.test_client()
    second.set_cookie("session", cookie.value, domain="lms.test")
    assert second.get("/dashboard").status_code == 200


def test_rate_limits_are_shared_through_redis(two_servers):
    one, two = two_servers
    clients = [one.test_client(), two.test_client()]
    statuses = [clients[n % 2].post("/sign-in", data={"email": "victim@example.com", "password": "wrong-pass-1"})
                .status_code for n in range(10)]
    assert 429 in statuses and statuses.index(429) <= 8  # 8 per minute per account, counted across both servers
