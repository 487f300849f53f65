"""Fill a database with a realistic volume of LMS data, reproducibly from a seed (SQLite or PostgreSQL).

    python bench/generate.py --database-url sqlite:////tmp/bench/lms.sqlite3 --seed 1
    python bench/generate.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench \
        --learners 5000 --attempts 50000 --questions 20000 --ce-entries 10000 --seed 1

The schema is migrated first (lms.migrate.upgrade), the shipped courses are loaded with the real content
sync (so module pages exist), then learners, questions, historical attempts (with slots and response
steps), enrollments, reading progress, CE ledger entries and licenses are written with SQLAlchemy Core
bulk inserts in chunks. Ids are assigned here (so rows can refer to each other without RETURNING) and the
PostgreSQL sequences are moved past them at the end.

Every generated learner is `learnerNNNNN@bench.example` with the password BENCH_PASSWORD.
The target database should be empty (use --reset-sqlite for a SQLite file, or create a fresh PostgreSQL db).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import random
import sys
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from sqlalchemy import Engine, func, inspect, select, text
from sqlalchemy.orm import Session

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

import lms.models  # noqa: E402,F401  (every table on Base.metadata)
from lms import migrate  # noqa: E402
from lms.accounts.models import Role, User  # noqa: E402
from lms.assessment import engine as attempt_engine  # noqa: E402
from lms.blueprint import load as load_blueprint  # noqa: E402
from lms.assessment.items import Choice, QuestionData  # noqa: E402
from lms.assessment.models import Attempt, Question, QuestionVersion, ResponseStep, Slot  # noqa: E402
from lms.assessment.rendering import source_of  # noqa: E402
from lms.content.models import Enrollment, Module, ModuleProgress, Course  # noqa: E402
from lms.credits.models import LedgerEntry, License  # noqa: E402
from lms.db import make_engine  # noqa: E402

BENCH_PASSWORD = "bench-exam-day-2026"
EPOCH = datetime(2026, 1, 1, tzinfo=timezone.utc)  # fixed "now" of the history: same rows for the same seed
CHUNK = 5000

WORDS = ("muscle tendon fascia ligament client therapist effleurage petrissage friction tapotement vibration "
         "contraindication circulation lymph nerve receptor posture gait palpation range motion joint flexion "
         "extension abduction adduction rotation scapula humerus femur pelvis lumbar cervical thoracic "
         "inflammation edema hypertension diabetes pregnancy consent boundaries ethics documentation SOAP "
         "notes assessment treatment plan session draping hygiene sanitation referral scope practice").split()
FIRST = "Ana Ben Chloe Diego Emma Farid Grace Hiro Ines Jamal Kira Liam Maya Noor Omar Priya Quinn Rosa Sam Tara".split()
LAST = "Adams Brown Chen Diaz Evans Fischer Garcia Hughes Ito Jones Kim Lopez Martin Nguyen Ortiz Patel Reyes Smith".split()


def email_for(n: int) -> str:
    return f"learner{n:05d}@bench.example"


def password_hash(rng: random.Random) -> str:
    """One scrypt hash of BENCH_PASSWORD (Werkzeug format) with a seeded salt, shared by every bench account."""
    salt = "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") for _ in range(16))
    try:
        from werkzeug.security import _hash_internal  # type: ignore[attr-defined]
        digest, method = _hash_internal("scrypt", salt, BENCH_PASSWORD)
        return f"{method}${salt}${digest}"
    except Exception:  # pragma: no cover - a Werkzeug without the private helper
        from lms.accounts.passwords import hash_password
        return hash_password(BENCH_PASSWORD)


def sentence(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize()


@dataclass
class BankItem:
    question_id: int
    version_id: int
    domain: str
    type: str
    ids: list[str]          # shuffleable ids (choices a..d, or true/false)
    correct: set[str]


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n


def next_id(conn, table) -> int:
    return (conn.execute(select(func.max(table.c.id))).scalar() or 0) + 1


def insert_chunked(conn, table, rows_iter, counts: Counts | None = None) -> int:
    n, chunk = 0, []
    for row in rows_iter:
        chunk.append(row)
        if len(chunk) >= CHUNK:
            conn.execute(table.insert(), chunk)
            n += len(chunk)
            chunk = []
    if chunk:
        conn.execute(table.insert(), chunk)
        n += len(chunk)
    if counts is not None:
        counts.add(table.name, n)
    return n


# --------------------------------------------------------------------------------------------- schema, content

def prepare(url: str, reset_sqlite: bool = False) -> Engine:
    if url.startswith("sqlite") and reset_sqlite:
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(url)
    migrate.upgrade(engine)
    return engine


def load_courses(engine: Engine) -> int:
    """The shipped course tree, through the real loader and content sync (module pages need real HTML)."""
    from lms.content import loader, sync
    specs, problems = loader.load_tree(ROOT / "courses", load_blueprint())
    if problems:
        print(f"  course tree: {len(problems)} problem(s), first: {problems[0]}", file=sys.stderr)
    with Session(engine, expire_on_commit=False) as db:
        sync.apply(db, specs)
        return db.scalar(select(func.count(Module.id))) or 0


def ensure_specs(engine: Engine) -> dict[str, int]:
    with Session(engine, expire_on_commit=False) as db:
        return {slug: attempt_engine.ensure_spec(db, slug).id for slug in ("practice", "mock-mblex")}


# --------------------------------------------------------------------------------------------------- rows

def insert_users(conn, n: int, rng: random.Random, counts: Counts, first_number: int = 1) -> list[int]:
    table = User.__table__
    start = next_id(conn, table)
    pw = password_hash(rng)

    def rows():
        for i in range(n):
            created = EPOCH - timedelta(days=rng.uniform(1, 900))
            yield {"id": start + i, "email": email_for(first_number + i), "email_key": email_for(first_number + i),
                   "full_name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "password_hash": pw,
                   "role": Role.learner, "time_zone": rng.choice(["UTC", "America/New_York", "America/Chicago",
                                                                  "America/Denver", "America/Los_Angeles"]),
                   "active": True, "created_at": created, "password_changed_at": created,
                   "last_sign_in_at": created + timedelta(days=rng.uniform(0, 30))}
    insert_chunked(conn, table, rows(), counts)
    return list(range(start, start + n))


def question_data(key: str, domain: str, topic: str, kind: str, rng: random.Random) -> QuestionData:
    stem = sentence(rng, rng.randint(12, 30)) + "?"
    if kind == "truefalse":
        return QuestionData(id=key, type=kind, stem=stem, answer=rng.random() < 0.5, domain=domain, topic=topic,
                            difficulty=rng.randint(1, 3), rationale=sentence(rng, 25) + ".",
                            references=["OpenStax Anatomy and Physiology 2e"])
    n_choices = 4
    correct = {rng.randrange(n_choices)} if kind == "single" else set(rng.sample(range(n_choices), 2))
    choices = [Choice(sentence(rng, rng.randint(2, 8)), i in correct, sentence(rng, 10) + ".") for i in range(n_choices)]
    return QuestionData(id=key, type=kind, stem=stem, choices=choices, domain=domain, topic=topic,
                        difficulty=rng.randint(1, 3), rationale=sentence(rng, 25) + ".",
                        references=["OpenStax Anatomy and Physiology 2e"], tags=["scenario"] if rng.random() < 0.2 else [])


def fast_rendered(q: QuestionData) -> dict:
    """What lms.assessment.rendering.render_question stores, without running Markdown 20,000 times."""
    out = {"stem": f"<p>{q.stem}</p>", "rationale": f"<p>{q.rationale}</p>", "references": list(q.references)}
    if q.type in ("single", "multiple"):
        out["choices"] = [{"id": chr(ord("a") + i), "html": f"<p>{c.text}</p>", "correct": c.correct,
                           "feedback": f"<p>{c.feedback}</p>"} for i, c in enumerate(q.choices)]
    else:
        out.update(answer=q.answer, feedback_true="", feedback_false="")
    return out


def make_questions(n: int, rng: random.Random, prefix: str = "bench") -> list[QuestionData]:
    areas = load_blueprint().areas
    weights = [a.weight for a in areas]
    out = []
    for i in range(n):
        area = rng.choices(areas, weights)[0]
        kind = rng.choices(["single", "multiple", "truefalse"], [80, 12, 8])[0]
        out.append(question_data(f"{prefix}-{i + 1:06d}", area.key, rng.choice(list(area.subtopics)), kind, rng))
    return out


def insert_questions(conn, n: int, rng: random.Random, counts: Counts, prefix: str = "bench") -> list[BankItem]:
    qt, vt = Question.__table__, QuestionVersion.__table__
    q0, v0 = next_id(conn, qt), next_id(conn, vt)
    items: list[BankItem] = []
    qrows, vrows = [], []
    modules = [f"{c}/{m}" for c, m in (("kinesiology", "02-proprioceptors"), ("anatomy-physiology", "01-cells"))]
    for i, q in enumerate(make_questions(n, rng, prefix)):
        created = EPOCH - timedelta(days=rng.uniform(30, 700))
        source = source_of(q)
        rendered = fast_rendered(q)
        qrows.append({"id": q0 + i, "key": q.id, "domain": q.domain, "topic": q.topic, "type": q.type,
                      "difficulty": q.difficulty, "module_ref": rng.choice(modules), "tags": list(q.tags),
                      "source_path": f"bench/{q.domain}.yml", "source_line": 1 + 12 * i, "current_version": 1,
                      "retired_at": None, "created_at": created})
        vrows.append({"id": v0 + i, "question_id": q0 + i, "number": 1,
                      "content_hash": hashlib.sha256(json.dumps(source, sort_keys=True).encode()).hexdigest(),
                      "source": source, "rendered": rendered, "created_at": created})
        if q.type == "truefalse":
            items.append(BankItem(q0 + i, v0 + i, q.domain, q.type, ["true", "false"], {str(q.answer).lower()}))
        else:
            ids = [c["id"] for c in rendered["choices"]]
            items.append(BankItem(q0 + i, v0 + i, q.domain, q.type, ids,
                                  {c["id"] for c in rendered["choices"] if c["correct"]}))
    insert_chunked(conn, qt, iter(qrows), counts)
    insert_chunked(conn, vt, iter(vrows), counts)
    return items


def _response(item: BankItem, rng: random.Random, skill: float) -> tuple[dict, float]:
    if item.type == "truefalse":
        value = next(iter(item.correct)) if rng.random() < skill else rng.choice(item.ids)
        return {"value": value == "true"}, 1.0 if value in item.correct else 0.0
    if item.type == "multiple":
        chosen = set(item.correct) if rng.random() < skill else set(rng.sample(item.ids, 2))
        raw = (len(chosen & item.correct) - len(chosen - item.correct)) / len(item.correct)
        return {"choices": sorted(chosen)}, max(0.0, min(1.0, raw))
    choice = next(iter(item.correct)) if rng.random() < skill else rng.choice(item.ids)
    return {"choice": choice}, 1.0 if choice in item.correct else 0.0


def insert_attempts(conn, n: int, rng: random.Random, counts: Counts, user_ids: list[int], bank: list[BankItem],
                    specs: list[tuple[int, int, float]], fixed_items: list[BankItem] | None = None,
                    user_sequence: list[int] | None = None, pick=None) -> list[int]:
    """`n` graded attempts; specs = [(spec_id, items per attempt, share)]. Slots and response steps included.

    user_sequence: the i-th attempt belongs to user_sequence[i] (else a random learner of user_ids);
    pick: a callable returning the items of one attempt (else random, or blueprint-weighted for mocks)."""
    at, st_, rt = Attempt.__table__, Slot.__table__, ResponseStep.__table__
    a_id, s_id, r_id = next_id(conn, at), next_id(conn, st_), next_id(conn, rt)
    skill = {u: rng.uniform(0.4, 0.9) for u in list(user_ids) + list(user_sequence or [])}
    by_domain: dict[str, list[BankItem]] = {}
    for item in bank:
        by_domain.setdefault(item.domain, []).append(item)
    weights = {a.key: a.weight for a in load_blueprint().areas}
    attempts, slots, steps = [], [], []
    ids = []

    def flush():
        insert_chunked(conn, at, iter(attempts), counts)
        insert_chunked(conn, st_, iter(slots), counts)
        insert_chunked(conn, rt, iter(steps), counts)
        attempts.clear(), slots.clear(), steps.clear()

    for i in range(n):
        spec_id, size, _share = rng.choices(specs, [s[2] for s in specs])[0]
        user = user_sequence[i] if user_sequence else rng.choice(user_ids)
        if fixed_items is not None:
            chosen = list(fixed_items)
        elif pick is not None:
            chosen = list(pick())
        elif size >= 50:  # mock: blueprint-weighted
            chosen = []
            for domain, w in weights.items():
                pool = by_domain.get(domain, [])
                chosen += rng.sample(pool, min(len(pool), round(size * w / 100)))
        else:
            chosen = rng.sample(bank, min(size, len(bank)))
        rng.shuffle(chosen)
        started = EPOCH - timedelta(days=rng.uniform(0, 365), seconds=rng.uniform(0, 86400))
        finished = started + timedelta(seconds=len(chosen) * rng.uniform(20, 70))
        total = 0.0
        for pos, item in enumerate(chosen, 1):
            response, fraction = _response(item, rng, skill[user])
            total += fraction
            answered = started + (finished - started) * pos / len(chosen)
            order = list(item.ids)
            rng.shuffle(order)
            slots.append({"id": s_id, "attempt_id": a_id, "position": pos, "version_id": item.version_id,
                          "choice_order": order, "flagged": rng.random() < 0.03, "response": response,
                          "answered_at": answered, "fraction": Decimal(str(round(fraction, 4))), "confidence": None})
            steps.append({"id": r_id, "slot_id": s_id, "response": response, "created_at": answered})
            s_id += 1
            r_id += 1
        attempts.append({"id": a_id, "user_id": user, "spec_id": spec_id, "state": "submitted",
                         "started_at": started, "deadline": started + timedelta(minutes=110) if size >= 50 else None,
                         "finished_at": finished, "score": Decimal(str(round(total, 4))), "max_score": len(chosen),
                         "passed": None, "selection": {"shortfalls": {}}})
        ids.append(a_id)
        a_id += 1
        if len(slots) >= 4 * CHUNK:
            flush()
    flush()
    return ids


def insert_reading(conn, rng: random.Random, counts: Counts, user_ids: list[int]) -> None:
    courses = conn.execute(select(Course.__table__.c.id)).scalars().all()
    modules: dict[int, list[int]] = {}
    for mid, cid in conn.execute(select(Module.__table__.c.id, Module.__table__.c.course_id)):
        modules.setdefault(cid, []).append(mid)
    if not courses:
        return
    enrollments, progress = [], []
    e_id, p_id = next_id(conn, Enrollment.__table__), next_id(conn, ModuleProgress.__table__)
    for user in user_ids:
        for course in rng.sample(courses, min(len(courses), rng.randint(1, 3))):
            when = EPOCH - timedelta(days=rng.uniform(0, 300))
            enrollments.append({"id": e_id, "user_id": user, "course_id": course, "enrolled_at": when, "active": True})
            e_id += 1
            for module in modules.get(course, [])[: rng.randint(0, len(modules.get(course, [])))]:
                seen = when + timedelta(days=rng.uniform(0, 30))
                progress.append({"id": p_id, "user_id": user, "module_id": module,
                                 "seconds_spent": rng.randint(60, 2400), "last_seen_at": seen,
                                 "completed_at": seen if rng.random() < 0.7 else None})
                p_id += 1
    insert_chunked(conn, Enrollment.__table__, iter(enrollments), counts)
    insert_chunked(conn, ModuleProgress.__table__, iter(progress), counts)


def insert_ce(conn, n: int, rng: random.Random, counts: Counts, user_ids: list[int]) -> None:
    practitioners = user_ids[: max(1, len(user_ids) // 3)]
    e0, l0 = next_id(conn, LedgerEntry.__table__), next_id(conn, License.__table__)
    licenses = [{"id": l0 + i, "user_id": u, "profile_key": rng.choice(["ncbtmb", "texas", "florida", "new-york"]),
                 "license_number": f"MT{rng.randint(10000, 99999)}",
                 "cycle_end": date(2026, 1, 1) + timedelta(days=rng.randint(30, 720)),
                 "created_at": EPOCH - timedelta(days=rng.uniform(0, 400))} for i, u in enumerate(practitioners)]
    insert_chunked(conn, License.__table__, iter(licenses), counts)

    def rows():
        for i in range(n):
            user = rng.choice(practitioners)
            done = (EPOCH - timedelta(days=rng.uniform(0, 1000))).date()
            yield {"id": e0 + i, "user_id": user, "title": sentence(rng, 5), "provider_name": "Bench Provider",
                   "provider_number": f"{rng.randint(1000, 9999)}", "hours": Decimal(rng.choice(["1.00", "2.00", "3.00", "6.00"])),
                   "categories": rng.sample(["ethics", "pathology", "laws-and-rules", "technique"], rng.randint(0, 2)),
                   "delivery": rng.choice(["home-study", "live", "webinar"]), "completed_on": done,
                   "source": "external", "certificate_id": None, "proof_id": None, "reverses_id": None,
                   "recorded_by_id": user, "reason": "", "created_at": datetime.combine(done, datetime.min.time(), timezone.utc)}
    insert_chunked(conn, LedgerEntry.__table__, rows(), counts)


def fix_sequences(engine: Engine) -> None:
    """PostgreSQL: explicit ids do not move the SERIAL sequences; move them past the data."""
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as conn:
        for table in inspect(conn).get_table_names():
            cols = {c["name"] for c in inspect(conn).get_columns(table)}
            if "id" in cols:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"))
        conn.execute(text("ANALYZE"))


def generate(url: str, learners: int, attempts: int, questions: int, ce_entries: int, seed: int,
             reset_sqlite: bool = False, quiet: bool = False) -> dict[str, int]:
    say = (lambda *a: None) if quiet else (lambda *a: print(*a, flush=True))
    rng = random.Random(seed)
    t0 = time.perf_counter()
    engine = prepare(url, reset_sqlite)
    with engine.connect() as conn:
        if conn.execute(select(func.count()).select_from(User.__table__)).scalar():
            raise SystemExit(f"{url}: users already present; generate into an empty database")
    say(f"schema migrated ({time.perf_counter() - t0:.1f}s)")
    modules = load_courses(engine)
    specs = ensure_specs(engine)
    say(f"shipped courses loaded: {modules} modules ({time.perf_counter() - t0:.1f}s)")
    counts = Counts()
    with engine.begin() as conn:
        users = insert_users(conn, learners, rng, counts)
    say(f"learners: {learners} ({time.perf_counter() - t0:.1f}s)")
    with engine.begin() as conn:
        bank = insert_questions(conn, questions, rng, counts)
    say(f"questions: {questions} ({time.perf_counter() - t0:.1f}s)")
    # Practice attempts of 10 items, mock exams of 100 (blueprint-weighted): 85 / 15.
    done = 0
    while done < attempts:
        step = min(10000, attempts - done)
        with engine.begin() as conn:
            insert_attempts(conn, step, rng, counts, users, bank,
                            [(specs["practice"], 10, 0.85), (specs["mock-mblex"], 100, 0.15)])
        done += step
        say(f"attempts: {done}/{attempts} ({time.perf_counter() - t0:.1f}s)")
    with engine.begin() as conn:
        insert_reading(conn, rng, counts, users)
        insert_ce(conn, ce_entries, rng, counts, users)
    fix_sequences(engine)
    say(f"done in {time.perf_counter() - t0:.1f}s: " + ", ".join(f"{k}={v}" for k, v in counts.rows.items()))
    engine.dispose()
    return counts.rows


def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default="sqlite:////tmp/lms-bench/lms.sqlite3")
    p.add_argument("--learners", type=int, default=500)
    p.add_argument("--attempts", type=int, default=2000)
    p.add_argument("--questions", type=int, default=2000)
    p.add_argument("--ce-entries", type=int, default=1000)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--reset-sqlite", action="store_true", help="delete the SQLite file first")
    a = p.parse_args(argv)
    generate(a.database_url, a.learners, a.attempts, a.questions, a.ce_entries, a.seed, a.reset_sqlite)


if __name__ == "__main__":
    main()
