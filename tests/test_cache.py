"""The per-process cache: built once per key, least recently used entry evicted first, safe across threads."""
import threading

from lms.cache import ProcessCache


def test_builds_once_per_key_and_evicts_the_least_recently_used():
    built = []
    cache = ProcessCache[str](size=2)

    def build(key):
        built.append(key)
        return f"<p>{key}</p>"

    assert cache.get("a", lambda: build("a")) == "<p>a</p>"
    assert cache.get("a", lambda: build("a")) == "<p>a</p>"
    cache.get("b", lambda: build("b"))
    cache.get("a", lambda: build("a"))  # a is now the most recent
    cache.get("c", lambda: build("c"))  # evicts b
    cache.get("a", lambda: build("a"))
    cache.get("b", lambda: build("b"))
    assert built == ["a", "b", "c", "b"] and len(cache) == 2


def test_threads_share_it_without_losing_entries():
    cache = ProcessCache[int](size=1000)

    def work(offset):
        for n in range(300):
            assert cache.get((offset + n) % 500, lambda n=n: (offset + n) % 500) == (offset + n) % 500

    threads = [threading.Thread(target=work, args=(k * 37,)) for k in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(cache) == 500


def test_entries_with_a_lifetime_are_rebuilt_once_it_has_passed_and_clear_forgets_them():
    now = [100.0]
    built = []
    cache = ProcessCache[int](size=4, ttl=10, clock=lambda: now[0])

    def build():
        built.append(now[0])
        return len(built)

    assert cache.get("settings", build) == 1
    now[0] = 109.9
    assert cache.get("settings", build) == 1  # still fresh
    now[0] = 110.0
    assert cache.get("settings", build) == 2  # ten seconds old: built again
    cache.clear()
    assert cache.get("settings", build) == 3 and built == [100.0, 110.0, 110.0]
