"""SQLite writers queue on the write lock file: the second waits for the first's commit or rollback."""
import threading

import pytest
from sqlalchemy import text

from lms.db import make_engine
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
