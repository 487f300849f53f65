"""SQLite write tail latency with and without the write lock file of lms/sqlite_writes.py.

    python bench/sqlite_writes.py [--seconds 8] [--processes 4] [--threads 4]

Each of P processes runs T threads; each thread loops: think 5-30 ms, then one write transaction (INSERT,
UPDATE, COMMIT) on a WAL database in /tmp/lms-bench/. Prints the transaction latency p50/p95/p99/max without
the lock (SQLite's busy handler alone) and with it, twice each.
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import random
import sqlite3
import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from lms.sqlite_writes import GatedConnection  # noqa: E402

DB = Path("/tmp/lms-bench/sqlite-writes.sqlite3")


def _worker(gated: bool, seconds: float, threads: int, out: mp.Queue) -> None:
    latencies: list[float] = []

    def loop() -> None:
        con = GatedConnection(str(DB), timeout=5) if gated else sqlite3.connect(str(DB), timeout=5)
        rng, end = random.Random(), time.time() + seconds
        while time.time() < end:
            time.sleep(rng.uniform(0.005, 0.03))
            t0 = time.perf_counter()
            if gated:
                con.begin_write()
            con.execute("INSERT INTO t (v) VALUES (?)", ("x" * 200,))
            con.execute("UPDATE t SET v = ? WHERE id = (SELECT max(id) FROM t)", ("y" * 200,))
            con.commit()
            latencies.append(time.perf_counter() - t0)
        con.close()

    pool = [threading.Thread(target=loop) for _ in range(threads)]
    for t in pool:
        t.start()
    for t in pool:
        t.join()
    out.put(latencies)


def run(gated: bool, seconds: float, processes: int, threads: int) -> list[float]:
    DB.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-writelock"):
        Path(f"{DB}{suffix}").unlink(missing_ok=True)
    con = sqlite3.connect(str(DB))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    con.commit()
    con.close()
    out: mp.Queue = mp.Queue()
    procs = [mp.Process(target=_worker, args=(gated, seconds, threads, out)) for _ in range(processes)]
    for p in procs:
        p.start()
    latencies = sorted(x for _ in procs for x in out.get())
    for p in procs:
        p.join()
    return latencies


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=float, default=8)
    p.add_argument("--processes", type=int, default=4)
    p.add_argument("--threads", type=int, default=4)
    a = p.parse_args()
    print(f"{a.processes} processes x {a.threads} threads, {a.seconds:.0f} s each run, os.cpu_count() = {os.cpu_count()}")
    for gated in (False, True, False, True):
        lat = run(gated, a.seconds, a.processes, a.threads)
        n = len(lat)
        print(f"  {'with the lock file ' if gated else 'busy handler only  '} {n:6d} transactions  "
              f"p50 {1000 * lat[n // 2]:5.1f} ms  p95 {1000 * lat[int(n * .95)]:5.1f}  "
              f"p99 {1000 * lat[int(n * .99)]:5.1f}  max {1000 * lat[-1]:6.1f}")


if __name__ == "__main__":
    main()
