"""One writer at a time on SQLite, queued by the kernel rather than by SQLite's busy handler.

SQLite lets one connection write at a time. The others get SQLITE_BUSY, and the busy handler retries after
sleeping 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms: under an exam-day burst a waiting answer save can
sleep through many short transactions and come back 100 ms or more late. Here each connection takes an
exclusive `flock` on a file beside the database before its first writing statement and releases it when its
transaction ends, so waiting writers sleep in the kernel and the next one wakes the moment the lock is free.
Readers never take it (WAL lets them read while one connection writes). Other programs that write without
the lock (a CLI sync while the server runs) still meet SQLite's own locking: nothing is lost, only slower.

Checkpoints (copying the write-ahead log back into the database file) leave the request path too. SQLite runs
one inside the commit that takes the log past 1,000 pages, so one answer save in a few hundred did the copy
while holding the write lock, and every writer behind it waited. Here a process hands a passive checkpoint
(which blocks neither readers nor writers) to a background thread after every CHECKPOINT_EVERY of its write
transactions; SQLite's own checkpoint stays as a fallback at AUTOCHECKPOINT_PAGES.
"""
from __future__ import annotations

import itertools
import logging
import os
import sqlite3
import threading
from pathlib import Path
from typing import Any

from lms.background import ProcessPool

try:
    import fcntl
except ImportError:  # not on POSIX: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")
AUTOCHECKPOINT_PAGES = 10_000  # SQLite's checkpoint inside a commit: only if the background ones fall behind
CHECKPOINT_EVERY = 200  # write transactions a process commits between two background checkpoints

log = logging.getLogger(__name__)
_checkpoints = ProcessPool(1, "lms-sqlite-checkpoint")
_commits = itertools.count(1)  # write transactions this process has committed
_waiting: set[str] = set()  # databases with a checkpoint queued and not yet run
_waiting_lock = threading.Lock()


def checkpoint(path: str) -> tuple[int, int, int]:
    """One passive checkpoint of the database at `path`, on a connection of its own: (busy, pages in the log,
    pages checkpointed), as SQLite reports them. A database that is no longer there is not made anew."""
    con = sqlite3.connect(Path(path).resolve().as_uri() + "?mode=rw", uri=True, timeout=5)
    try:
        busy, pages, done = con.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
    finally:
        con.close()
    return busy, pages, done


def _queued_checkpoint(path: str) -> None:
    with _waiting_lock:
        _waiting.discard(path)
    try:
        checkpoint(path)
    except sqlite3.Error as exc:  # the next one may succeed; SQLite's own checkpoint stays as the fallback
        log.warning("background checkpoint of %s failed: %s", path, exc)


def _after_write(path: str) -> None:
    """A write transaction was committed: every CHECKPOINT_EVERY of them, queue one checkpoint (at most one
    waits per database)."""
    if next(_commits) % CHECKPOINT_EVERY:
        return
    with _waiting_lock:
        if path in _waiting:
            return
        _waiting.add(path)
    _checkpoints.submit(lambda: _queued_checkpoint(path))


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that holds the database's write lock file from its first write to commit/rollback."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        name = os.fspath(database) if isinstance(database, (str, os.PathLike)) else ""
        self._file = name if name and name != ":memory:" and not name.startswith("file:") else None
        self._gate_path = f"{name}-writelock" if fcntl and self._file else None
        self._gate: int | None = None
        self._held = False  # this transaction holds the lock file
        self._writing = False  # this transaction has written (whether or not a lock file gates it)

    def begin_write(self) -> None:
        """Wait for the write lock unless this connection's transaction already holds it."""
        self._writing = True
        if self._gate_path is None or self._held:
            return
        if self._gate is None:
            try:
                self._gate = os.open(self._gate_path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError:  # cannot make the lock file: write as SQLite alone would (busy handler)
                self._gate_path = None
                return
        fcntl.flock(self._gate, fcntl.LOCK_EX)
        self._held = True

    def _end_write(self) -> None:
        if self._held and self._gate is not None:
            fcntl.flock(self._gate, fcntl.LOCK_UN)
        self._held = self._writing = False

    def commit(self) -> None:
        wrote = self._writing
        try:
            super().commit()
        finally:
            self._end_write()
        if wrote and self._file:
            _after_write(self._file)

    def rollback(self) -> None:
        try:
            super().rollback()
        finally:
            self._end_write()

    def close(self) -> None:
        try:
            super().close()
        finally:
            self._end_write()
            if self._gate is not None:
                os.close(self._gate)
                self._gate = None


def before_execute(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
    """SQLAlchemy `before_cursor_execute` hook: a writing statement first takes the write lock."""
    if statement.lstrip()[:7].upper().startswith(WRITES):
        dbapi = conn.connection.dbapi_connection
        if isinstance(dbapi, GatedConnection):
            dbapi.begin_write()
