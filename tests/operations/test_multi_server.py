"""Two app server processes on different ports against one database and one Redis: a session made on one
works on the other, and sign-in rate limits are counted across both."""
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

import lms
from lms import db
from lms.accounts import service
from tests.conftest import PASSWORD, empty_tables, make_config, require


def redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, process: subprocess.Popen) -> None:
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(process.stdout.read().decode(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"server on {port} did not start")


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
        for port in ports:
            process = subprocess.Popen([sys.executable, "-m", "flask", "--app", "lms", "run", "--port", str(port),
                                        "--no-reload"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            processes.append(process)
            wait_for(port, process)
        yield [f"http://127.0.0.1:{p}" for p in ports]
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        empty_tables(app.extensions["lms.engine"])
        app.extensions["lms.engine"].dispose()


def opener() -> urllib.request.OpenerDirector:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # keep 302s visible
            return None
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)


def status(browser, url, data=None) -> tuple[int, str]:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        with browser.open(url, data=body, timeout=10) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace")


def sign_in(browser, base, email, password) -> int:
    _, page = status(browser, base + "/sign-in")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    return status(browser, base + "/sign-in", {"email": email, "password": password, "csrf_token": token})[0]


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
