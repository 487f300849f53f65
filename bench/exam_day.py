"""Exam day: N learners take a mock exam at once while others read modules and dashboards.

    python bench/exam_day.py --database-url sqlite:////tmp/lms-bench/exam.sqlite3 --generate
    python bench/exam_day.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench --generate
    python bench/exam_day.py ... --kill-worker        # SIGKILL one gunicorn worker mid-run

What it does, in one run:

1. (--generate) fills the database with bench/generate.py (small defaults) unless it already has learners.
2. Starts the LMS under gunicorn (-w 4 -k gthread --threads 4 by default) on a free port, and the FLOOR
   (bench/floor_app.py: a trivial Flask app returning N bytes) under the same gunicorn configuration.
3. Page throughput: closed-loop clients fetch the module page, then the floor with the module page's exact
   size, then the dashboard and its floor; reports requests/second and the ratio page/floor.
4. The scenario (bounded by --duration): --learners learners sign in, start the mock exam
   (POST /exams/mock), for each question GET the page and save an answer with the autosave request
   (X-Autosave: 1 + X-CSRFToken; JSON {"saved": true}) after a think time, sometimes change an answer,
   then submit (a few learners double-submit concurrently, as a double click would). --readers background
   learners read module pages and the dashboard. With --kill-worker one gunicorn worker gets SIGKILL in the
   middle; a learner whose request fails retries, and we record whether its next request succeeded.
5. Reports throughput and p50/p95/p99 latency per request kind, errors, then CHECKS THE DATABASE: every
   acknowledged answer is the slot's response (the latest acknowledged one) and is in response_steps;
   every submitted attempt is graded once: state submitted, finished_at set, score = sum of slot fractions.

The client (this process, asyncio + aiohttp) runs on the same 2-core machine as the servers: see RESULTS.md.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import urllib.error
import urllib.request
from collections.abc import Mapping

import aiohttp
from sqlalchemy import Integer, func, select

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402
from lms.accounts.models import User  # noqa: E402
from lms.assessment.models import Attempt, ResponseStep, Slot  # noqa: E402
from lms.content.models import Course, Module  # noqa: E402
from lms.db import make_engine  # noqa: E402

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
ANSWER = re.compile(r'<input type="(radio|checkbox)" name="answer" value="([^"]+)"')
ATTEMPT = re.compile(r"/attempts/(\d+)")
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))


# ------------------------------------------------------------------------------------------------ servers

def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# How fast the simulated learners go. The real MBLEx allows 110 minutes for 100 questions (66 s each).
# stress: a whole mock in about a minute (0.2-1.0 s per question, all 50 arriving within 5 s): some 100 times
#   the real pace, so 50 learners send the requests of thousands; it shows where the machine saturates.
# class: 1-3 s per question (still 20-60 times the real pace) and a room signing in over 30 s.
PACES: dict[str, dict[str, float]] = {
    "stress": {"think_min": 0.2, "think_max": 1.0, "ramp": 5.0, "duration": 150.0},
    "class": {"think_min": 1.0, "think_max": 3.0, "ramp": 30.0, "duration": 300.0},
}


class Server:
    def __init__(self, name: str, app: str, env: dict[str, str], workers: int, threads: int, cwd: Path,
                 log: Path, worker_class: str = "gthread") -> None:
        self.name, self.port = name, free_port()
        self.log = log.open("w")
        self.proc = subprocess.Popen(
            [GUNICORN, "-w", str(workers), "-k", worker_class,
             *(["--threads", str(threads)] if worker_class == "gthread" else []), "-b", f"127.0.0.1:{self.port}",
             "--graceful-timeout", "5", "--timeout", "60", "--log-level", "warning", app],
            cwd=cwd, env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def wait_ready(self, path: str = "/", timeout: float = 60) -> None:
        end = time.time() + timeout
        while time.time() < end:
            if self.proc.poll() is not None:
                raise SystemExit(f"{self.name} exited early; see {self.log.name}")
            try:
                with urllib.request.urlopen(self.url + path, timeout=2):
                    return
            except urllib.error.HTTPError as exc:
                if exc.code < 500:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise SystemExit(f"{self.name} not ready after {timeout}s; see {self.log.name}")

    def workers(self) -> list[int]:
        try:
            text = Path(f"/proc/{self.proc.pid}/task/{self.proc.pid}/children").read_text()
        except OSError:
            return []
        return [int(p) for p in text.split()]

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


# ------------------------------------------------------------------------------------------------ metrics

@dataclass
class Metrics:
    samples: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    error_log: list[tuple[float, str, str]] = field(default_factory=list)
    timeline: list[tuple[float, str, float]] = field(default_factory=list)  # (finished at, kind, seconds)

    def ok(self, kind: str, seconds: float) -> None:
        self.samples[kind].append(seconds)
        self.timeline.append((time.time(), kind, seconds))

    def fail(self, kind: str, seconds: float, why: str) -> None:
        self.samples[kind].append(seconds)
        self.timeline.append((time.time(), kind, seconds))
        self.errors[kind] += 1
        self.error_log.append((time.time(), kind, why[:200]))


def pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    s = sorted(values)
    return s[min(len(s) - 1, max(0, int(round(p / 100 * len(s) + 0.5)) - 1))]


class RequestFailed(Exception):
    pass


@dataclass
class Reply:
    """What the scenario reads of a response."""

    status_code: int
    headers: Mapping[str, str]
    content: bytes

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")

    def json(self) -> dict:
        return json.loads(self.content)


class Client:
    """One simulated browser: its own cookies and at most 4 keep-alive connections to one server.

    aiohttp, because the load generator shares the 2 cores with the servers it measures: the less CPU the
    client spends per request, the more is left to the servers (RESULTS.md gives the figures)."""

    def __init__(self, base: str) -> None:
        # An idle connection is dropped after 1.5 s, before gunicorn's keep-alive (2 s) closes it: reusing a
        # connection the server is closing fails the request (a browser retries it; aiohttp does not), and a
        # proxy in front of gunicorn follows the same rule (docs/operations.md).
        self.session = aiohttp.ClientSession(base_url=base, cookie_jar=aiohttp.CookieJar(unsafe=True),
                                             timeout=aiohttp.ClientTimeout(total=30),
                                             connector=aiohttp.TCPConnector(limit=4, keepalive_timeout=1.5))

    async def request(self, method: str, url: str, data: dict | None = None,
                      headers: dict[str, str] | None = None) -> Reply:
        form = [(k, v) for k, values in data.items() for v in (values if isinstance(values, list) else [values])] \
            if data else None
        async with self.session.request(method, url, data=form, headers=headers, allow_redirects=False) as r:
            return Reply(r.status, r.headers, await r.read())

    async def get(self, url: str) -> Reply:
        return await self.request("GET", url)

    async def aclose(self) -> None:
        await self.session.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()


async def call(client: Client, m: Metrics, kind: str, method: str, url: str, expect: tuple[int, ...],
               **kw) -> Reply:
    t0 = time.perf_counter()
    try:
        r = await client.request(method, url, **kw)
    except (aiohttp.ClientError, asyncio.TimeoutError) as exc:
        m.fail(kind, time.perf_counter() - t0, f"{type(exc).__name__}: {exc}")
        raise RequestFailed(kind) from exc
    dt = time.perf_counter() - t0
    if r.status_code not in expect:
        m.fail(kind, dt, f"HTTP {r.status_code} {r.text[:120]!r}")
        raise RequestFailed(kind)
    m.ok(kind, dt)
    return r


def client_for(base: str) -> Client:
    return Client(base)


async def sign_in(client: Client, m: Metrics, email: str) -> str:
    page = await call(client, m, "sign-in page", "GET", "/sign-in", (200,))
    token = CSRF.search(page.text).group(1)
    await call(client, m, "sign-in post", "POST", "/sign-in", (302, 303),
               data={"email": email, "password": generate.BENCH_PASSWORD, "csrf_token": token})
    page = await call(client, m, "dashboard", "GET", "/dashboard", (200,))
    return CSRF.search(page.text).group(1)


# ------------------------------------------------------------------------------------------------ scenario

@dataclass
class Shared:
    deadline: float
    think: tuple[float, float]
    answers: int
    acked: dict[tuple[int, int], tuple[str, list[str]]] = field(default_factory=dict)  # (attempt, pos) -> (type, values)
    ack_count: int = 0
    submitted: set[int] = field(default_factory=set)
    double_submitted: set[int] = field(default_factory=set)
    unfinished: list[int] = field(default_factory=list)
    affected: dict[str, list[str]] = field(default_factory=dict)  # learner -> outcomes of the request after a failure
    kill_time: float | None = None
    started: int = 0
    began: float = field(default_factory=time.time)  # when the scenario started


async def with_retry(shared: Shared, who: str, coro_factory, attempts: int = 6):
    """Run a request; on failure record it and retry (what a browser's autosave / a learner's reload does)."""
    for n in range(attempts):
        try:
            result = await coro_factory()
            if n:
                shared.affected.setdefault(who, []).append(f"recovered after {n} failure(s)")
            return result
        except RequestFailed:
            if time.time() > shared.deadline + 30:  # 30 s grace for the submits
                raise
            await asyncio.sleep(0.5 * (n + 1))
    shared.affected.setdefault(who, []).append("gave up")
    raise RequestFailed(who)


async def learner(base: str, email: str, shared: Shared, m: Metrics, rng: random.Random, ramp: float,
                  double_submit: bool) -> None:
    await asyncio.sleep(rng.uniform(0, ramp))
    async with client_for(base) as client:
        try:
            token = await with_retry(shared, email, lambda: sign_in(client, m, email))
            headers = {"X-CSRFToken": token}
            await with_retry(shared, email, lambda: call(client, m, "exams page", "GET", "/exams", (200,)))
            r = await with_retry(shared, email, lambda: call(client, m, "start mock", "POST", "/exams/mock", (302, 303),
                                                             data={"csrf_token": token}))
            attempt_id = int(ATTEMPT.search(r.headers["location"]).group(1))
            shared.started += 1
            position, last = 1, None
            while position <= shared.answers:
                if time.time() > shared.deadline:  # time is up: submit what was saved, as on the day
                    shared.unfinished.append(attempt_id)
                    break
                page = await with_retry(shared, email, lambda: call(
                    client, m, "question page", "GET", f"/attempts/{attempt_id}/q/{position}", (200,)))
                inputs = ANSWER.findall(page.text)
                if not inputs:
                    break  # fewer questions than asked for
                await asyncio.sleep(rng.uniform(*shared.think))
                for _change in range(2 if rng.random() < 0.1 else 1):  # 10 %: change one's mind
                    kind = "truefalse" if {v for _, v in inputs} == {"true", "false"} else inputs[0][0]
                    values = [rng.choice(inputs)[1]] if kind != "checkbox" else \
                        sorted(rng.sample([v for _, v in inputs], 2))
                    r = await with_retry(shared, email, lambda: call(
                        client, m, "answer save", "POST", f"/attempts/{attempt_id}/q/{position}", (200,),
                        data={"answer": values, "csrf_token": token}, headers=headers | {"X-Autosave": "1"}))
                    if r.json().get("saved") is True:
                        shared.acked[(attempt_id, position)] = (kind, values)
                        shared.ack_count += 1
                    else:
                        m.fail("answer save", 0, f"saved is not true: {r.text[:100]}")
                position += 1
            async def submit():
                return await call(client, m, "submit", "POST", f"/attempts/{attempt_id}/submit", (302, 303),
                                  data={"csrf_token": token})
            if double_submit:
                results = await asyncio.gather(submit(), submit(), return_exceptions=True)
                if any(not isinstance(x, Exception) for x in results):
                    shared.submitted.add(attempt_id)
                    shared.double_submitted.add(attempt_id)
                else:
                    await with_retry(shared, email, submit)
                    shared.submitted.add(attempt_id)
            else:
                await with_retry(shared, email, submit)
                shared.submitted.add(attempt_id)
            await with_retry(shared, email, lambda: call(client, m, "review page", "GET",
                                                         f"/attempts/{attempt_id}/review", (200,)))
        except RequestFailed:
            pass


async def reader(base: str, email: str, pages: list[str], shared: Shared, m: Metrics, rng: random.Random) -> None:
    async with client_for(base) as client:
        try:
            await with_retry(shared, email, lambda: sign_in(client, m, email))
        except RequestFailed:
            return
        while time.time() < shared.deadline and (shared.started == 0 or len(shared.submitted) < shared.started):
            url, kind = (rng.choice(pages), "module page") if rng.random() < 0.7 else ("/dashboard", "dashboard")
            try:
                await with_retry(shared, email, lambda: call(client, m, kind, "GET", url, (200,)))
            except RequestFailed:
                pass
            await asyncio.sleep(rng.uniform(0.3, 1.5))


async def killer(server: Server, at: float, shared: Shared, log: list[str]) -> None:
    await asyncio.sleep(at)
    workers = server.workers()
    if not workers:
        log.append("kill-worker: no worker found")
        return
    victim = workers[0]
    os.kill(victim, signal.SIGKILL)
    shared.kill_time = time.time()
    log.append(f"kill-worker: SIGKILL worker pid {victim} at t={at:.1f}s (workers were {workers})")
    await asyncio.sleep(3)
    log.append(f"kill-worker: workers 3 s later: {server.workers()}")


# ------------------------------------------------------------------------------------------------ throughput vs floor

async def closed_loop(clients: list[Client], url: str, seconds: float, m: Metrics, kind: str) -> float:
    end = time.perf_counter() + seconds
    done = 0

    async def loop(client):
        nonlocal done
        while time.perf_counter() < end:
            try:
                await call(client, m, kind, "GET", url, (200,))
                done += 1
            except RequestFailed:
                pass
    t0 = time.perf_counter()
    await asyncio.gather(*(loop(c) for c in clients))
    return done / (time.perf_counter() - t0)


async def throughput_phase(app: Server, floor: Server, emails: list[str], module_url: str, seconds: float,
                           m: Metrics) -> dict:
    clients = [client_for(app.url) for _ in emails]
    try:
        await asyncio.gather(*(sign_in(c, m, e) for c, e in zip(clients, emails)))
        sizes = {}
        for name, url in (("module page", module_url), ("dashboard", "/dashboard")):
            r = await clients[0].get(url)
            sizes[name] = len(r.content)
        out = {}
        floor_clients = [client_for(floor.url) for _ in emails]
        try:
            for name, url in (("module page", module_url), ("dashboard", "/dashboard")):
                for c in clients:  # warm up
                    await c.get(url)
                page_rps = await closed_loop(clients, url, seconds, m, f"tp {name}")
                floor_url = f"/bytes/{sizes[name]}"
                for c in floor_clients:
                    await c.get(floor_url)
                floor_rps = await closed_loop(floor_clients, floor_url, seconds, m, f"tp floor {name}")
                out[name] = {"bytes": sizes[name], "rps": page_rps, "floor_rps": floor_rps,
                             "ratio": page_rps / floor_rps if floor_rps else float("nan"),
                             "p50_ms": 1000 * pct(m.samples[f"tp {name}"], 50),
                             "floor_p50_ms": 1000 * pct(m.samples[f"tp floor {name}"], 50)}
        finally:
            for c in floor_clients:
                await c.aclose()
        return out
    finally:
        for c in clients:
            await c.aclose()


# ------------------------------------------------------------------------------------------------ database check

def expected_response(kind: str, values: list[str]) -> dict:
    if kind == "truefalse":
        return {"value": values[0] == "true"}
    if kind == "checkbox":
        return {"choices": sorted(values)}
    return {"choice": values[0]}


def check_database(url: str, shared: Shared) -> dict:
    engine = make_engine(url)
    lost, mismatched, missing_step = [], [], []
    with engine.connect() as conn:
        attempt_ids = sorted({a for a, _ in shared.acked} | shared.submitted | set(shared.unfinished))
        slots = {}
        for i in range(0, len(attempt_ids), 500):
            part = attempt_ids[i:i + 500]
            for sid, aid, pos, resp in conn.execute(select(Slot.id, Slot.attempt_id, Slot.position, Slot.response)
                                                    .where(Slot.attempt_id.in_(part))):
                slots[(aid, pos)] = (sid, resp)
        steps = defaultdict(list)
        slot_ids = [sid for sid, _ in slots.values()]
        for i in range(0, len(slot_ids), 2000):
            for sid, resp in conn.execute(select(ResponseStep.slot_id, ResponseStep.response)
                                          .where(ResponseStep.slot_id.in_(slot_ids[i:i + 2000]))):
                steps[sid].append(resp)
        for key, (kind, values) in shared.acked.items():
            want = expected_response(kind, values)
            if key not in slots or slots[key][1] is None:
                lost.append(key)
            elif slots[key][1] != want:
                mismatched.append((key, want, slots[key][1]))
            if key in slots and want not in steps[slots[key][0]]:
                missing_step.append(key)
        bad_grading = []
        rows = {}
        for i in range(0, len(attempt_ids), 500):
            part = attempt_ids[i:i + 500]
            for row in conn.execute(select(Attempt.id, Attempt.state, Attempt.finished_at, Attempt.score)
                                    .where(Attempt.id.in_(part))):
                rows[row.id] = row
        sums = {}
        for i in range(0, len(attempt_ids), 500):
            part = attempt_ids[i:i + 500]
            for aid, total, nulls in conn.execute(
                    select(Slot.attempt_id, func.sum(Slot.fraction),
                           func.sum(func.cast(Slot.fraction.is_(None), Integer)))
                    .where(Slot.attempt_id.in_(part)).group_by(Slot.attempt_id)):
                sums[aid] = (total, nulls)
        for aid in sorted(shared.submitted):
            row = rows.get(aid)
            total, nulls = sums.get(aid, (None, None))
            if row is None or row.state != "submitted" or row.finished_at is None or row.score is None \
                    or nulls or total is None or abs(float(total) - float(row.score)) > 1e-6:
                bad_grading.append((aid, row.state if row else None, row.score if row else None, total, nulls))
        unfinished_states = {aid: rows[aid].state for aid in shared.unfinished if aid in rows}
    engine.dispose()
    return {"acknowledged": len(shared.acked), "acks_total": shared.ack_count, "lost": lost,
            "mismatched": mismatched, "missing_step": missing_step, "submitted": len(shared.submitted),
            "double_submitted": len(shared.double_submitted), "bad_grading": bad_grading,
            "unfinished": unfinished_states}


# ------------------------------------------------------------------------------------------------ main

def pick_users(url: str, n: int) -> list[str]:
    """Bench learners with no open attempt (so every run starts fresh exams, also when re-run)."""
    engine = make_engine(url)
    with engine.connect() as conn:
        busy = select(Attempt.user_id).where(Attempt.state == "in-progress")
        emails = list(conn.execute(select(User.email).where(User.email.like("%@bench.example"), User.id.not_in(busy))
                                   .order_by(User.id.desc()).limit(n)).scalars())
        modules = [f"/courses/{c}/{m}" for c, m in conn.execute(
            select(Course.slug, Module.slug).join(Module, Module.course_id == Course.id)
            .where(Module.retired_at.is_(None), Course.retired_at.is_(None)).order_by(Module.id))]
    engine.dispose()
    if len(emails) < n:
        raise SystemExit(f"need {n} bench learners without an open attempt, found {len(emails)}: generate more")
    return emails, modules


async def scenario(args, app: Server, emails: list[str], modules: list[str], m: Metrics, log: list[str]) -> tuple[Shared, float]:
    rng = random.Random(args.seed)
    shared = Shared(deadline=time.time() + args.duration, think=(args.think_min, args.think_max),
                    answers=args.answers)
    takers, readers = emails[:args.learners], emails[args.learners:args.learners + args.readers]
    tasks = [learner(app.url, e, shared, m, random.Random(rng.random()), args.ramp, double_submit=i % 10 == 0)
             for i, e in enumerate(takers)]
    tasks += [reader(app.url, e, modules, shared, m, random.Random(rng.random())) for e in readers]
    if args.kill_worker:
        at = args.kill_at if args.kill_at else args.ramp + args.answers * (args.think_min + args.think_max) / 4
        tasks.append(killer(app, at, shared, log))
    t0 = time.perf_counter()
    await asyncio.gather(*tasks)
    return shared, time.perf_counter() - t0


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default="sqlite:////tmp/lms-bench/exam.sqlite3")
    p.add_argument("--generate", action="store_true", help="fill the database first if it has no learners")
    p.add_argument("--learners", type=int, default=50)
    p.add_argument("--readers", type=int, default=6)
    p.add_argument("--answers", type=int, default=100, help="questions each learner answers (mock has 100)")
    p.add_argument("--pace", choices=sorted(PACES), default="stress",
                   help="think times, arrival ramp and time bound together (the options below override them)")
    p.add_argument("--think-min", type=float, help="seconds; stress 0.2, class 1")
    p.add_argument("--think-max", type=float, help="seconds; stress 1.0, class 3")
    p.add_argument("--ramp", type=float, help="learners arrive over this many seconds; stress 5, class 30")
    p.add_argument("--duration", type=float, help="hard bound on the scenario, seconds; stress 150, class 300")
    p.add_argument("--workers", type=int, default=4)
    p.add_argument("--threads", type=int, default=4)
    p.add_argument("--worker-class", default="gthread", choices=["gthread", "sync"],
                   help="gunicorn worker type (sync: one request at a time per process, no keep-alive)")
    p.add_argument("--floor-seconds", type=float, default=8.0, help="per page in the throughput phase (0: skip)")
    p.add_argument("--floor-clients", type=int, default=8)
    p.add_argument("--kill-worker", action="store_true")
    p.add_argument("--kill-at", type=float, default=0.0, help="seconds into the scenario (default: the middle)")
    p.add_argument("--redis", default="", help="e.g. redis://127.0.0.1:6379: keep rate limits on, shared in Redis")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json-out", default="")
    args = p.parse_args(argv)
    for name, value in PACES[args.pace].items():
        if getattr(args, name) is None:
            setattr(args, name, value)

    workdir = Path("/tmp/lms-bench")
    workdir.mkdir(parents=True, exist_ok=True)
    url = args.database_url
    engine = generate.prepare(url)  # always migrate to head (new migrations may have appeared)
    with engine.connect() as conn:
        has = conn.execute(select(func.count()).select_from(User.__table__)).scalar()
    engine.dispose()
    if args.generate:
        if not has:
            generate.generate(url, learners=500, attempts=2000, questions=2000, ce_entries=1000, seed=args.seed)
    emails, modules = pick_users(url, args.learners + args.readers + args.floor_clients)
    env = os.environ | {"LMS_DATABASE_URL": url, "LMS_SECRET_KEY": "bench-secret-key-" + "x" * 32,
                        "LMS_INSTANCE_PATH": str(workdir / "instance"), "LMS_ENV": "development",
                        "LMS_RATELIMIT_ENABLED": "true" if args.redis else "false",
                        "LMS_RATELIMIT_STORAGE_URI": args.redis or "memory://", "PYTHONUNBUFFERED": "1"}
    log: list[str] = []
    app = Server("lms", "lms:create_app()", env, args.workers, args.threads, ROOT, workdir / "gunicorn-lms.log",
                 args.worker_class)
    floor = Server("floor", "floor_app:app", env, args.workers, args.threads, BENCH, workdir / "gunicorn-floor.log",
                   args.worker_class)
    try:
        app.wait_ready()
        floor.wait_ready()
        m = Metrics()
        tp = {}
        if args.floor_seconds > 0:
            tp_emails = emails[args.learners + args.readers:]
            tp = asyncio.run(throughput_phase(app, floor, tp_emails, modules[0], args.floor_seconds, m))
        m2 = Metrics()
        shared, elapsed = asyncio.run(scenario(args, app, emails, modules, m2, log))
    finally:
        app.stop()
        floor.stop()
    check = check_database(url, shared)
    report = build_report(args, url, tp, m2, shared, elapsed, check, log)
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(report, indent=2, default=str))
    return report


def print_windows(m: Metrics, shared: Shared, width: float = 10.0) -> None:
    """Answer-save latency per 10-second window of the scenario: shows whether the tail comes from the
    arrival burst (sign-ins, exam starts) or from the steady state."""
    saves = [(t, dt) for t, kind, dt in m.timeline if kind == "answer save"]
    if not saves:
        return
    t0 = shared.began
    print(f"\n  answer save by {width:.0f}-s window of the scenario (also: sign-ins and mock starts in the window)")
    print(f"  {'window':<10} {'saves':>6} {'p50 ms':>7} {'p99 ms':>7} {'sign-ins':>8} {'starts':>6}")
    last = max(t for t, _ in saves)
    start = 0.0
    while t0 + start <= last:
        inside = [dt for t, dt in saves if start <= t - t0 < start + width]
        signs = sum(1 for t, k, _ in m.timeline if k == "sign-in post" and start <= t - t0 < start + width)
        starts = sum(1 for t, k, _ in m.timeline if k == "start mock" and start <= t - t0 < start + width)
        if inside:
            print(f"  {start:>3.0f}-{start + width:<4.0f}s {len(inside):>6} {1000 * pct(inside, 50):>7.1f} "
                  f"{1000 * pct(inside, 99):>7.1f} {signs:>8} {starts:>6}")
        start += width


def build_report(args, url, tp, m: Metrics, shared: Shared, elapsed: float, check: dict, log: list[str]) -> dict:
    db = url.split(":", 1)[0]
    print(f"\n== exam day on {db}: {args.learners} learners, {args.readers} readers, gunicorn -w {args.workers} "
          f"-k {args.worker_class}{f' --threads {args.threads}' if args.worker_class == 'gthread' else ''}"
          f"{', kill-worker' if args.kill_worker else ''}")
    print(f"   pace {args.pace}: think {args.think_min:g}-{args.think_max:g} s per question, arrivals over "
          f"{args.ramp:g} s, bound {args.duration:g} s")
    if tp:
        print("\npage throughput vs floor (closed loop, "
              f"{args.floor_clients} clients, {args.floor_seconds:.0f} s each)")
        print(f"  {'page':<12} {'bytes':>7} {'req/s':>8} {'floor req/s':>12} {'ratio':>6} {'p50 ms':>7} {'floor p50':>9}")
        for name, r in tp.items():
            print(f"  {name:<12} {r['bytes']:>7} {r['rps']:>8.1f} {r['floor_rps']:>12.1f} {r['ratio']:>6.0%} "
                  f"{r['p50_ms']:>7.1f} {r['floor_p50_ms']:>9.1f}")
    total = sum(len(v) for v in m.samples.values())
    print(f"\nscenario: {elapsed:.1f} s, {total} requests, {total / elapsed:.1f} req/s overall")
    print(f"  {'kind':<15} {'count':>6} {'req/s':>6} {'p50 ms':>7} {'p95 ms':>7} {'p99 ms':>7} {'max ms':>7} {'errors':>6}")
    kinds = {}
    for kind in sorted(m.samples):
        v = m.samples[kind]
        kinds[kind] = {"count": len(v), "rps": len(v) / elapsed, "p50_ms": 1000 * pct(v, 50),
                       "p95_ms": 1000 * pct(v, 95), "p99_ms": 1000 * pct(v, 99), "max_ms": 1000 * max(v),
                       "errors": m.errors.get(kind, 0)}
        k = kinds[kind]
        print(f"  {kind:<15} {k['count']:>6} {k['rps']:>6.1f} {k['p50_ms']:>7.1f} {k['p95_ms']:>7.1f} "
              f"{k['p99_ms']:>7.1f} {k['max_ms']:>7.1f} {k['errors']:>6}")
    print_windows(m, shared)
    errors = sum(m.errors.values())
    print(f"  errors: {errors}")
    for t, kind, why in m.error_log[:10]:
        rel = f"{t - shared.kill_time:+.2f}s from kill" if shared.kill_time else time.strftime('%H:%M:%S', time.localtime(t))
        print(f"    [{rel}] {kind}: {why}")
    for line in log:
        print("  " + line)
    if shared.affected:
        print(f"  learners affected by a failed request: {len(shared.affected)}; "
              f"next request succeeded for {sum(1 for v in shared.affected.values() if 'gave up' not in v)}")
    print("\ndatabase check")
    print(f"  answers acknowledged (saved: true): {check['acks_total']} saves on {check['acknowledged']} questions")
    print(f"  lost (slot has no response): {len(check['lost'])}; stored response differs from the last ack: "
          f"{len(check['mismatched'])}; ack missing from response_steps: {len(check['missing_step'])}")
    print(f"  submitted attempts: {check['submitted']} (double-submitted: {check['double_submitted']}); "
          f"not graded exactly once / score mismatch: {len(check['bad_grading'])}")
    if check["unfinished"]:
        print(f"  attempts cut short by --duration (submitted with fewer answers): {len(check['unfinished'])} "
              f"(states now {sorted(set(check['unfinished'].values()))})")
    for item in (check["lost"][:5] + check["mismatched"][:5] + check["bad_grading"][:5]):
        print(f"    {item}")
    # With --kill-worker, failures within 2 s of the SIGKILL are the point of the exercise: they must be
    # followed by a successful request (the learner resumes); any other error still fails the run.
    kill_errors = [e for e in m.error_log if shared.kill_time and -0.5 <= e[0] - shared.kill_time <= 2.0]
    other_errors = errors - len(kill_errors)
    resumed = all("gave up" not in v for v in shared.affected.values())
    ok = not other_errors and resumed and not check["lost"] and not check["mismatched"] \
        and not check["missing_step"] and not check["bad_grading"]
    if shared.kill_time:
        print(f"  errors caused by the killed worker (within 2 s): {len(kill_errors)}; other errors: {other_errors}; "
              f"every affected learner resumed: {resumed}")
    print(f"  VERDICT: {'PASS' if ok else 'FAIL'} (zero errors{' besides the kill' if shared.kill_time else ''}, "
          f"zero lost answers, every submit graded once)")
    return {"database": db, "args": vars(args), "throughput": tp, "elapsed": elapsed, "requests": total,
            "kinds": kinds, "errors": errors, "error_log": m.error_log[:50], "log": log,
            "affected": shared.affected, "check": check}


if __name__ == "__main__":
    main()
