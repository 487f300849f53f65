"""One writer at a time on SQLite, queued by the kernel rather than by SQLite's busy handler.

SQLite lets one connection write at a time. The others get SQLITE_BUSY, and the busy handler retries after
sleeping 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 ms: under an exam-day burst a waiting answer save can
sleep through many short transactions and come back 100 ms or more late. Here each connection takes an
exclusive `flock` on a file beside the database before its first writing statement and releases it when its
transaction ends, so waiting writers sleep in the kernel and the next one wakes the moment the lock is free.
Readers never take it (WAL lets them read while one connection writes). Other programs that write without
the lock (a CLI sync while the server runs) still meet SQLite's own locking: nothing is lost, only slower.
"""
from __future__ import annotations

import os
import sqlite3
from typing import Any

try:
    import fcntl
except ImportError:  # not on POSIX: SQLite's busy handler alone
    fcntl = None  # type: ignore[assignment]

WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


class GatedConnection(sqlite3.Connection):
    """A sqlite3 connection that holds the database's write lock file from its first write to commit/rollback."""

    def __init__(self, database: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(database, *args, **kwargs)
        name = os.fspath(database) if isinstance(database, (str, os.PathLike)) else ""
        self._gate_path = f"{name}-writelock" if fcntl and name and name != ":memory:" \
            and not name.startswith("file:") else None
        self._gate: int | None = None
        self._held = False

    def begin_write(self) -> None:
        """Wait for the write lock unless this connection's transaction already holds it."""
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
        self._held = False

    def commit(self) -> None:
        try:
            super().commit()
        finally:
            self._end_write()

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
