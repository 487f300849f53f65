"""A small per-process cache for values that are costly to build and named by what they depend on.

Callers put the identity of the underlying data in the key (a module's content hash, a learner's latest
graded answer), so a change makes a new key: an entry is never stale, nothing needs invalidating, and several
servers need not tell each other anything. Each app keeps its own caches in `app.extensions`.

Where the identity would itself cost a query (the school's settings, read by every page), a cache may instead
keep entries for `ttl` seconds: a change made on another server shows there within that time, and the worker
that made the change calls `clear()`.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class ProcessCache(Generic[T]):
    """A least-recently-used cache, safe to share between a worker's threads."""

    def __init__(self, size: int = 256, ttl: float | None = None,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.size = size
        self.ttl = ttl  # seconds an entry lives; None: until evicted
        self._clock = clock
        self._items: OrderedDict[Hashable, tuple[T, float]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value stored under `key`; built (outside the lock) and stored when missing or expired."""
        now = self._clock()
        with self._lock:
            entry = self._items.get(key)
            if entry is not None and (self.ttl is None or now - entry[1] < self.ttl):
                self._items.move_to_end(key)
                return entry[0]
        value = build()
        with self._lock:
            self._items[key] = (value, now)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)
