"""How the question-bank code scales: mock-exam assembly, item analysis, GIFT import.

    python bench/scale.py                                          # SQLite file under /tmp/lms-bench
    python bench/scale.py --database-url postgresql+psycopg://postgres@127.0.0.1/bench_scale --reset

1. Mock-exam assembly (lms.assessment.engine.start on the built-in "mock-mblex" spec: 100 items drawn by
   blueprint weight) with 1k, 10k and 50k bank items; draw_questions alone is timed too. Each learner has a
   history of --history graded mock attempts, so the "prefer unseen" rule has work to do.
2. Item analysis (lms.schools.item_analysis.analyse) at 10k and 100k responses: 50-item quizzes, one
   first attempt per learner (200 / 2,000 learners), items drawn from a 200-question pool per attempt
   ("random form") and, separately, the same 50 items for everyone ("fixed form").
3. GIFT import: a 10,000-question file made with lms.assessment.formats gift.export, then
   get_format("gift").parse and banksync.apply (the import path, retire_missing=False), timed separately.

The growth exponent k of t ~ n^k between two sizes is printed: k < 1 is sublinear.
--reset empties the target first (deletes the SQLite file; on PostgreSQL drops and recreates schema public).
"""
from __future__ import annotations

import argparse
import json
import math
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

from sqlalchemy import delete, func, select, text
from sqlalchemy.orm import Session

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))
sys.path.insert(0, str(BENCH.parent))

import generate  # noqa: E402
from lms.assessment import banksync, engine as attempt_engine  # noqa: E402
from lms.assessment.formats import get_format  # noqa: E402
from lms.assessment.models import Attempt, QuizSpec, Slot  # noqa: E402
from lms.db import make_engine, utcnow  # noqa: E402
from lms.schools import item_analysis  # noqa: E402


def exponent(n1: float, t1: float, n2: float, t2: float) -> float:
    return math.log(t2 / t1) / math.log(n2 / n1) if t1 > 0 and t2 > 0 else float("nan")


def reset(url: str) -> None:
    if url.startswith("sqlite"):
        path = Path(url.split("sqlite:///", 1)[1])
        for suffix in ("", "-wal", "-shm"):
            Path(str(path) + suffix).unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
        return
    if url.rstrip("/").rsplit("/", 1)[-1] == "test":
        raise SystemExit("refusing to reset the test suite's database")
    eng = make_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


def timed(fn, repeat: int) -> tuple[float, float, list[float]]:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), min(times), times


# ---------------------------------------------------------------------------------------------------- assembly

def bench_assembly(eng, sizes: list[int], repeat: int, history: int, rng: random.Random, counts) -> list[dict]:
    specs = generate.ensure_specs(eng)
    mock_id = specs["mock-mblex"]
    with eng.begin() as conn:
        users = generate.insert_users(conn, repeat * len(sizes) * 2, rng, counts, first_number=90001)
    out, bank, have = [], [], 0
    user_iter = iter(users)
    for size in sizes:
        with eng.begin() as conn:
            bank += generate.insert_questions(conn, size - have, rng, counts, prefix=f"scale{size}")
        have = size
        generate.fix_sequences(eng)
        learners = [next(user_iter) for _ in range(repeat * 2)]
        if history:
            with eng.begin() as conn:  # a realistic past: some graded mocks per learner
                generate.insert_attempts(conn, history * len(learners), rng, counts, learners, bank,
                                         [(mock_id, 100, 1.0)])
            generate.fix_sequences(eng)
        draw_times, start_times = [], []
        with Session(eng, expire_on_commit=False) as db:
            spec = db.get(QuizSpec, mock_id)
            for uid in learners[:repeat]:
                t0 = time.perf_counter()
                draw = attempt_engine.draw_questions(db, spec, uid, random.Random(uid))
                draw_times.append(time.perf_counter() - t0)
                assert len(draw.chosen) == 100, draw.shortfalls
                db.rollback()
            for uid in learners[repeat:]:
                t0 = time.perf_counter()
                attempt = attempt_engine.start(db, uid, spec, utcnow(), random.Random(uid))
                start_times.append(time.perf_counter() - t0)
                assert attempt.max_score == 100
        row = {"bank": size, "draw_ms": 1000 * statistics.median(draw_times),
               "start_ms": 1000 * statistics.median(start_times), "start_min_ms": 1000 * min(start_times)}
        out.append(row)
        print(f"  bank {size:>6}: draw_questions {row['draw_ms']:7.1f} ms   engine.start {row['start_ms']:7.1f} ms "
              f"(median of {repeat}; min {row['start_min_ms']:.1f})", flush=True)
    return out


# ---------------------------------------------------------------------------------------------------- analysis

def bench_item_analysis(eng, sizes: list[int], items: int, pool_size: int, repeat: int, rng: random.Random,
                        counts) -> list[dict]:
    out = []
    with eng.begin() as conn:
        pool = generate.insert_questions(conn, pool_size, rng, counts, prefix="analysis")
        learners = generate.insert_users(conn, max(sizes) // items, rng, counts, first_number=200001)
    for form in ("random", "fixed"):
        fixed = pool[:items]
        for n in sizes:
            slug = f"bench-analysis-{form}-{n}"
            with Session(eng, expire_on_commit=False) as db:
                spec = attempt_engine.ensure_spec(db, slug, kind="assigned", title=slug, items=items)
                spec_id = spec.id
            with eng.begin() as conn:
                generate.insert_attempts(conn, n // items, rng, counts, [], pool,
                                         [(spec_id, items, 1.0)], fixed_items=fixed if form == "fixed" else None,
                                         user_sequence=learners[: n // items], pick=lambda: rng.sample(pool, items))
            generate.fix_sequences(eng)
            with Session(eng, expire_on_commit=False) as db:
                spec = db.get(QuizSpec, spec_id)
                responses = db.scalar(select(func.count(Slot.id)).join(Attempt, Attempt.id == Slot.attempt_id)
                                      .where(Attempt.spec_id == spec_id))
                holder = {}

                def run():
                    db.expunge_all()
                    holder["report"] = item_analysis.analyse(db, db.get(QuizSpec, spec_id))
                med, best, _ = timed(run, repeat)
                report = holder["report"]
            row = {"form": form, "responses": responses, "attempts": report.attempts, "items": len(report.items),
                   "alpha": report.alpha, "analyse_ms": 1000 * med, "analyse_min_ms": 1000 * best}
            out.append(row)
            print(f"  {form:>6} form, {responses:>6} responses ({report.attempts} attempts, {len(report.items)} "
                  f"items): analyse {1000 * med:9.1f} ms (median of {repeat})", flush=True)
    return out


# ---------------------------------------------------------------------------------------------------- GIFT

def bench_gift(eng, n: int, rng: random.Random, workdir: Path) -> dict:
    questions = generate.make_questions(n, rng, prefix="gift")
    for q in questions:
        q.text_format = "markdown"
    fmt = get_format("gift")
    t0 = time.perf_counter()
    source = fmt.export(questions)
    export_s = time.perf_counter() - t0
    path = workdir / f"bench-{n}.gift"
    path.write_text(source, encoding="utf-8")
    t0 = time.perf_counter()
    result = fmt.parse(path.read_text(encoding="utf-8"))
    parse_s = time.perf_counter() - t0
    if result.errors or len(result.questions) != n:
        print(f"  parse: {len(result.questions)} questions, {len(result.errors)} errors, first: "
              f"{result.errors[:1]}", file=sys.stderr)
    with Session(eng, expire_on_commit=False) as db:
        t0 = time.perf_counter()
        summary = banksync.apply(db, result.questions, source_root=banksync.IMPORTED.rstrip("/"), retire_missing=False)
        apply_s = time.perf_counter() - t0
    row = {"questions": n, "bytes": len(source.encode()), "export_s": export_s, "parse_s": parse_s, "apply_s": apply_s,
           "added": len(summary.added), "parse_qps": n / parse_s, "apply_qps": n / apply_s,
           "total_qps": n / (parse_s + apply_s)}
    print(f"  GIFT {n} questions ({row['bytes'] / 1e6:.1f} MB): parse {parse_s:.2f} s ({row['parse_qps']:.0f} q/s), "
          f"banksync.apply {apply_s:.2f} s ({row['apply_qps']:.0f} q/s), total {row['total_qps']:.0f} q/s; "
          f"added {row['added']}", flush=True)
    return row


def main(argv: list[str] | None = None) -> dict:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--database-url", default="sqlite:////tmp/lms-bench/scale.sqlite3")
    p.add_argument("--reset", action="store_true", help="empty the target database first (always for the default)")
    p.add_argument("--bank-sizes", default="1000,10000,50000")
    p.add_argument("--history", type=int, default=5, help="graded mock attempts per learner before the timed start")
    p.add_argument("--responses", default="10000,100000")
    p.add_argument("--items", type=int, default=50)
    p.add_argument("--pool", type=int, default=200)
    p.add_argument("--gift-questions", type=int, default=10000)
    p.add_argument("--repeat", type=int, default=5)
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--only", default="assembly,analysis,gift")
    p.add_argument("--json-out", default="")
    a = p.parse_args(argv)
    workdir = Path("/tmp/lms-bench")
    workdir.mkdir(parents=True, exist_ok=True)
    if a.reset or a.database_url == p.get_default("database_url"):
        reset(a.database_url)
    rng = random.Random(a.seed)
    eng = generate.prepare(a.database_url)
    counts = generate.Counts()
    only = set(a.only.split(","))
    report: dict = {"database": a.database_url.split(":", 1)[0], "args": vars(a)}
    if "assembly" in only:
        print("mock-exam assembly (100 items, blueprint-weighted)", flush=True)
        rows = bench_assembly(eng, [int(s) for s in a.bank_sizes.split(",")], a.repeat, a.history, rng, counts)
        first, last = rows[0], rows[-1]
        k = exponent(first["bank"], first["start_ms"], last["bank"], last["start_ms"])
        kd = exponent(first["bank"], first["draw_ms"], last["bank"], last["draw_ms"])
        print(f"  growth {first['bank']} -> {last['bank']}: engine.start x{last['start_ms'] / first['start_ms']:.1f} "
              f"(k = {k:.2f}), draw_questions x{last['draw_ms'] / first['draw_ms']:.1f} (k = {kd:.2f}); "
              f"{'sublinear' if k < 1 else 'NOT sublinear'}")
        report["assembly"] = {"rows": rows, "k_start": k, "k_draw": kd}
    if "analysis" in only:
        print("item analysis (lms.schools.item_analysis.analyse)", flush=True)
        rows = bench_item_analysis(eng, [int(s) for s in a.responses.split(",")], a.items, a.pool, max(1, a.repeat // 2),
                                   rng, counts)
        report["analysis"] = {"rows": rows}
        for form in ("random", "fixed"):
            r = [x for x in rows if x["form"] == form]
            k = exponent(r[0]["responses"], r[0]["analyse_ms"], r[-1]["responses"], r[-1]["analyse_ms"])
            report["analysis"][f"k_{form}"] = k
            print(f"  growth {form} form {r[0]['responses']} -> {r[-1]['responses']}: "
                  f"x{r[-1]['analyse_ms'] / r[0]['analyse_ms']:.1f} (k = {k:.2f}); "
                  f"{'sublinear' if k < 1 else 'NOT sublinear'}")
    if "gift" in only:
        print("GIFT import", flush=True)
        report["gift"] = bench_gift(eng, a.gift_questions, rng, workdir)
    eng.dispose()
    if a.json_out:
        Path(a.json_out).write_text(json.dumps(report, indent=2, default=str))
    return report


if __name__ == "__main__":
    main()
