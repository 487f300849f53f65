"""SQLite writers queue on the write lock file: the second waits for the first's commit or rollback."""
import itertools
import sqlite3
import threading

import pytest
from sqlalchemy import text

from lms.db import make_engine
from lms import sqlite_writes
from lms.sqlite_writes import GatedConnection


@pytest.fixture
def db_file(tmp_path):
    path = tmp_path / "gate.sqlite3"
    con = GatedConnection(str(path))
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    con.commit()
    con.close()
    return path


def _second_writer_waits_for(db_file, end):
    first = GatedConnection(str(db_file))
    second = GatedConnection(str(db_file), check_same_thread=False)
    first.begin_write()
    first.execute("INSERT INTO t (v) VALUES ('a')")
    entered, done = threading.Event(), threading.Event()

    def write():
        second.begin_write()
        entered.set()
        second.execute("INSERT INTO t (v) VALUES ('b')")
        second.commit()
        done.set()

    worker = threading.Thread(target=write)
    worker.start()
    assert not entered.wait(0.3)  # waiting on the lock file, before it ever reaches SQLite's busy handler
    end(first)
    assert done.wait(5)
    worker.join()
    rows = [v for (v,) in second.execute("SELECT v FROM t ORDER BY id")]
    first.close()
    second.close()
    return rows


def test_a_commit_lets_the_next_writer_in(db_file):
    assert _second_writer_waits_for(db_file, lambda con: con.commit()) == ["a", "b"]


def test_a_rollback_lets_the_next_writer_in(db_file):
    assert _second_writer_waits_for(db_file, lambda con: con.rollback()) == ["b"]


def test_the_engine_takes_the_lock_before_a_write_and_gives_it_back(db_file):
    engine = make_engine(f"sqlite:///{db_file}")
    with engine.connect() as conn:
        raw = conn.connection.dbapi_connection
        assert isinstance(raw, GatedConnection)
        conn.execute(text("SELECT count(*) FROM t"))
        assert not raw._held  # reading takes no lock
        conn.execute(text("INSERT INTO t (v) VALUES ('c')"))
        assert raw._held
        conn.commit()
        assert not raw._held
    engine.dispose()


def test_memory_databases_are_not_gated():
    con = GatedConnection(":memory:")
    con.begin_write()
    assert not con._held
    con.close()


def test_without_a_usable_lock_file_writes_go_on_unqueued(db_file):
    (db_file.parent / f"{db_file.name}-writelock").mkdir()  # a directory where the lock file should be
    con = GatedConnection(str(db_file))
    con.begin_write()
    con.execute("INSERT INTO t (v) VALUES ('d')")
    con.commit()
    assert not con._held and [v for (v,) in con.execute("SELECT v FROM t")] == ["d"]
    con.close()


@pytest.fixture
def wal_db(tmp_path):
    """A WAL database whose writer never checkpoints by itself, and that writer."""
    path = tmp_path / "wal.sqlite3"
    con = GatedConnection(str(path))
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA wal_autocheckpoint=0")
    con.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)")
    con.commit()
    yield path, con
    con.close()


def _write(con, rows=1):
    con.begin_write()
    con.executemany("INSERT INTO t (v) VALUES (?)", [("x" * 200,)] * rows)
    con.commit()


def test_a_checkpoint_copies_the_log_into_the_database_file(wal_db):
    path, con = wal_db
    _write(con, rows=500)
    before = path.stat().st_size
    busy, log, done = sqlite_writes.checkpoint(str(path))
    assert busy == 0 and log == done > 0
    assert path.stat().st_size > before  # the new pages are in the database file now, not only in the log


def test_every_nth_write_commit_queues_a_background_checkpoint(wal_db, monkeypatch):
    path, con = wal_db
    ran = []
    monkeypatch.setattr(sqlite_writes, "CHECKPOINT_EVERY", 3)
    monkeypatch.setattr(sqlite_writes, "_commits", itertools.count(1))
    monkeypatch.setattr(sqlite_writes, "checkpoint", lambda p: ran.append((p, threading.current_thread().name)))
    for _ in range(7):
        _write(con)
    con.execute("SELECT count(*) FROM t").fetchone()
    con.commit()  # a transaction that only read is not counted
    con.begin_write()
    con.execute("INSERT INTO t (v) VALUES ('rolled back')")
    con.rollback()  # nor is one rolled back
    sqlite_writes._checkpoints.run(lambda: None)  # one background thread: the queued checkpoints ran before this
    assert ran == [(str(path), "lms-sqlite-checkpoint_0")] * 2


def test_engine_connections_leave_checkpoints_to_the_background(db_file):
    engine = make_engine(f"sqlite:///{db_file}")
    with engine.connect() as conn:
        assert conn.execute(text("PRAGMA wal_autocheckpoint")).scalar() == sqlite_writes.AUTOCHECKPOINT_PAGES
    engine.dispose()


def test_a_checkpoint_never_makes_a_database_that_is_gone(tmp_path, caplog):
    gone = tmp_path / "removed.sqlite3"
    with pytest.raises(sqlite3.OperationalError):
        sqlite_writes.checkpoint(str(gone))
    sqlite_writes._queued_checkpoint(str(gone))  # on the background thread: logged, not raised
    assert not gone.exists() and "background checkpoint" in caplog.text
