"""Blueprint draws probe a large bank instead of reading it, with the same result as reading it."""
import random

import pytest
from sqlalchemy import insert, select

from lms.assessment import pool
from lms.assessment.models import Question
from lms.db import utcnow


@pytest.fixture
def big_bank(session):
    """600 questions in area a, 300 in b, 3 in c (ids interleaved), 30 retired ones in a."""
    rows = []
    for n in range(933):
        domain = "c" if n % 311 == 5 else ("b" if n % 3 == 1 else "a")
        rows.append({"key": f"q{n}", "domain": domain, "topic": "t", "type": "single", "difficulty": 1,
                     "tags": [], "retired_at": utcnow() if domain == "a" and n % 20 == 0 else None})
    session.execute(insert(Question), rows)
    session.commit()
    live = {}
    for qid, domain, retired in session.execute(select(Question.id, Question.domain, Question.retired_at)):
        if retired is None:
            live.setdefault(domain, set()).add(qid)
    return live


def test_probes_give_a_live_sample_per_area_and_read_small_areas_whole(session, big_bank):
    drawn = pool.blueprint_pool(session, {"a": 10, "b": 5, "c": 3}, set(), random.Random(3))
    assert set(drawn["a"]) <= big_bank["a"] and set(drawn["b"]) <= big_bank["b"]
    assert 10 <= len(drawn["a"]) < len(big_bank["a"]) and 5 <= len(drawn["b"]) < len(big_bank["b"])
    assert set(drawn["c"]) == big_bank["c"]  # the probes cannot fill c: read in full


def test_an_area_the_learner_has_mostly_seen_is_read_in_full(session, big_bank):
    seen = set(sorted(big_bank["b"])[:-3])  # all but three questions of b
    drawn = pool.blueprint_pool(session, {"a": 10, "b": 3}, seen, random.Random(5))
    assert set(drawn["b"]) == big_bank["b"]  # the three unseen ones are certainly there


def test_a_small_bank_is_read_whole(session, big_bank):
    drawn = pool.blueprint_pool(session, {"a": 200, "b": 100, "c": 3}, set(), random.Random(1))
    assert {d: set(ids) for d, ids in drawn.items()} == big_bank


def test_samples_are_uniform_over_an_area(session, big_bank):
    hits = dict.fromkeys(big_bank["b"], 0)
    rng = random.Random(11)
    for _ in range(300):
        for qid in pool.blueprint_pool(session, {"a": 5, "b": 5}, set(), rng)["b"]:
            hits[qid] += 1
    counts = sorted(hits.values())
    assert counts[0] > 0 and counts[-1] < 4 * (sum(counts) / len(counts))  # every question drawn, none favoured
