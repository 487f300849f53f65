"""Small thread pools that belong to one process, for work a request should not do on its own thread.

A pool starts its threads on first use. A forked child (a gunicorn worker forked from a preloaded app) gets
a fresh pool: the parent's threads do not exist there, so its copy of the parent's pool would never run a job.
"""
from __future__ import annotations

import os
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class ProcessPool:
    """A lazily started ThreadPoolExecutor, made anew after a fork."""

    def __init__(self, threads: int, name: str, initializer: Callable[[], None] | None = None) -> None:
        self._threads, self._name, self._initializer = threads, name, initializer
        self._executor: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        os.register_at_fork(after_in_child=self._forget)

    def _forget(self) -> None:
        self._lock = threading.Lock()  # a parent's thread may have held it at the fork
        self._executor = None

    def submit(self, work: Callable[[], T]) -> Future[T]:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(self._threads, self._name, self._initializer)
            return self._executor.submit(work)

    def run(self, work: Callable[[], T]) -> T:
        """Run `work` on a pool thread and wait for its result (or its exception)."""
        return self.submit(work).result()
