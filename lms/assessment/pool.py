"""Candidate questions for a blueprint-weighted draw, found without reading the whole bank.

A mock exam needs about a hundred questions; reading every live id of a 50,000-question bank to pick them
makes assembly grow with the bank. Instead we probe random ids through the primary-key index: the live
questions among the probes are a uniform random sample of each area's questions, and the draw picks from
that sample exactly as it would from the whole area (unseen questions first). An area the probes cannot
fill with enough unseen questions (a small area in a large bank, a learner who has seen most of it) is read
in full, so the result is the same as reading everything, only cheaper when the bank is large.
"""
from __future__ import annotations

import random
from collections.abc import Mapping

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from lms.assessment.models import Question

PROBES_PER_ITEM = 4  # random ids probed per question wanted (scaled up by the share already seen)
PROBE_CHUNK = 900  # ids per IN (...) list: well under every database's parameter limit


def live_questions() -> Select[tuple[int, str]]:
    """(id, area) of every question not retired: what every draw starts from."""
    return select(Question.id, Question.domain).where(Question.retired_at.is_(None))


def blueprint_pool(db: Session, wanted: Mapping[str, int], seen: set[int], rng: random.Random) -> dict[str, list[int]]:
    """Live question ids per area: a uniform random sample with enough unseen ids for `wanted`, or every id."""
    domains = list(wanted)
    pool: dict[str, list[int]] = {d: [] for d in domains}
    low, high = db.execute(select(func.min(Question.id), func.max(Question.id))).one()
    span = 0 if low is None else high - low + 1
    total = sum(wanted.values())
    probes = PROBES_PER_ITEM * total * span // max(span - len(seen), total, 1)  # more when much was seen
    if low is None or span <= probes:  # a small bank: reading it is as cheap as probing it
        for qid, domain in db.execute(live_questions().where(Question.domain.in_(domains))):
            pool[domain].append(qid)
        return pool
    ids = rng.sample(range(low, high + 1), probes)
    for start in range(0, len(ids), PROBE_CHUNK):  # by primary key only: an area filter would tempt the
        probe = live_questions().where(Question.id.in_(ids[start:start + PROBE_CHUNK]))  # planner into its index
        for qid, domain in db.execute(probe):
            if domain in pool:
                pool[domain].append(qid)
    for domain, count in wanted.items():
        if sum(1 for qid in pool[domain] if qid not in seen) < count:  # too few unseen among the probes
            pool[domain] = [qid for qid, _ in db.execute(live_questions().where(Question.domain == domain))]
    return pool
