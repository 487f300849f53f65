"""A small per-process cache for values that are costly to build and named by what they depend on.

Callers put the identity of the underlying data in the key (a module's content hash, a learner's latest
graded answer), so a change makes a new key: an entry is never stale, nothing needs invalidating, and several
servers need not tell each other anything. Each app keeps its own caches in `app.extensions`.
"""
from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

T = TypeVar("T")


class ProcessCache(Generic[T]):
    """A least-recently-used cache, safe to share between a worker's threads."""

    def __init__(self, size: int = 256) -> None:
        self.size = size
        self._items: OrderedDict[Hashable, T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value stored under `key`; built (outside the lock) and stored when missing."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        value = build()
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def __len__(self) -> int:
        return len(self._items)
