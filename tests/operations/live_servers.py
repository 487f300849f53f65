"""Helpers for tests that run the app as real server processes and talk to them over HTTP on 127.0.0.1."""
from __future__ import annotations

import http.cookiejar
import http.client
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


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


def wait_for(port: int, process: subprocess.Popen, log: Path) -> None:
    """Until the server accepts connections; its output (`log`) in the error if it exits first."""
    for _ in range(100):
        if process.poll() is not None:
            raise RuntimeError(log.read_text(errors="replace"))
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"server on {port} did not start")


def start_gunicorn(port: int, env: dict[str, str], log: Path, workers: int = 2, threads: int = 2) -> subprocess.Popen:
    """The app under gunicorn as deployed (gunicorn.conf.py in the project folder), its output in `log`; returns
    once it accepts connections."""
    with log.open("w") as out:
        master = subprocess.Popen([sys.executable, "-m", "gunicorn", "-w", str(workers), "--threads", str(threads),
                                   "-b", f"127.0.0.1:{port}", "--graceful-timeout", "3", "lms:create_app()"],
                                  cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    wait_for(port, master, log)
    return master


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=15)


def opener() -> urllib.request.OpenerDirector:
    """A browser of our own: keeps its cookies, shows redirects instead of following them."""
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # keep 302s visible
            return None
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)


def request(browser, url, data=None, headers=None) -> tuple[int, dict[str, str], str]:
    """(status, headers, body); `data` makes it a form POST."""
    body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
    try:
        with browser.open(urllib.request.Request(url, data=body, headers=headers or {}), timeout=10) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode(errors="replace")


def status(browser, url, data=None) -> tuple[int, str]:
    code, _headers, body = request(browser, url, data)
    return code, body


def sign_in(browser, base, email, password) -> int:
    _, page = status(browser, base + "/sign-in")
    return status(browser, base + "/sign-in", {"email": email, "password": password,
                                               "csrf_token": CSRF.search(page).group(1)})[0]


# What a request to a server whose worker was just killed can raise before any status arrives.
CONNECTION_ERRORS = (urllib.error.URLError, ConnectionError, http.client.HTTPException, TimeoutError)
