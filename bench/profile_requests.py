"""Where one request's time goes: in-process (Flask test client), no server, no network.

    python bench/profile_requests.py --database-url sqlite:////tmp/lms-bench/exam.sqlite3
    python bench/profile_requests.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench --top 25

Signs in a bench learner, starts a mock exam, then times N answer saves, N question pages, N module pages
and N dashboards (ms per request, single thread), and prints a cProfile of the answer saves and of the
module pages, plus the number of SQL statements each kind issues. Run it on a database made by generate.py.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import re
import sys
import time
from pathlib import Path

from sqlalchemy import event, select

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import generate  # noqa: E402
from exam_day import ANSWER, CSRF, pick_users  # noqa: E402
from lms import create_app  # noqa: E402


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default="sqlite:////tmp/lms-bench/exam.sqlite3")
    p.add_argument("-n", type=int, default=100)
    p.add_argument("--top", type=int, default=18)
    a = p.parse_args()
    generate.prepare(a.database_url).dispose()  # the schema at head (the tree moves: new migrations appear)
    (email,), modules = pick_users(a.database_url, 1)
    app = create_app({"DATABASE_URL": a.database_url, "RATELIMIT_ENABLED": False, "INSTANCE_PATH": "/tmp/lms-bench/instance"})
    statements = [0]
    event.listen(app.extensions["lms.engine"], "before_cursor_execute", lambda *args: statements.__setitem__(0, statements[0] + 1))
    c = app.test_client()
    token = CSRF.search(c.get("/sign-in").text).group(1)
    assert c.post("/sign-in", data={"email": email, "password": generate.BENCH_PASSWORD, "csrf_token": token}).status_code == 302
    token = CSRF.search(c.get("/dashboard").text).group(1)
    r = c.post("/exams/mock", data={"csrf_token": token})
    attempt = int(re.search(r"/attempts/(\d+)", r.headers["location"]).group(1))
    pages = {}

    def save(i):
        pos = i % 100 + 1
        if pos not in pages:
            pages[pos] = ANSWER.findall(c.get(f"/attempts/{attempt}/q/{pos}").text)
        value = pages[pos][0][1]
        r = c.post(f"/attempts/{attempt}/q/{pos}", data={"answer": value, "csrf_token": token},
                   headers={"X-Autosave": "1", "X-CSRFToken": token})
        assert r.json["saved"] is True, r.text

    kinds = {"answer save": save,
             "question page": lambda i: c.get(f"/attempts/{attempt}/q/{i % 100 + 1}"),
             "module page": lambda i: c.get(modules[i % len(modules)]),
             "dashboard": lambda i: c.get("/dashboard")}
    for i in range(100):  # warm-up, and cache the answer inputs of every page
        save(i)
    profiles = {}
    for kind, fn in kinds.items():
        fn(0)
        statements[0] = 0
        prof = cProfile.Profile()
        t0 = time.perf_counter()
        prof.enable()
        for i in range(a.n):
            fn(i)
        prof.disable()
        dt = (time.perf_counter() - t0) / a.n
        print(f"{kind:<14} {1000 * dt:7.2f} ms/request (profiled), {statements[0] / a.n:5.1f} SQL statements/request")
        profiles[kind] = prof
    for kind in ("answer save", "module page"):
        print(f"\n--- cProfile: {kind}, {a.n} requests, by cumulative time")
        pstats.Stats(profiles[kind]).sort_stats("cumulative").print_stats(a.top)


if __name__ == "__main__":
    main()
