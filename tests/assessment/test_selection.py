import random

from lms.blueprint import load
from lms.assessment.selection import largest_remainder, stratified


def test_blueprint_counts_for_100_items_are_exact():
    weights = {a.key: a.weight for a in load().areas}
    assert largest_remainder(weights, 100) == weights


def test_largest_remainder_sums_and_rounds_fairly():
    counts = largest_remainder({"a": 11, "b": 12, "c": 14, "d": 15, "e": 17, "f": 16, "g": 15}, 20)
    assert sum(counts.values()) == 20
    assert counts == {"a": 2, "b": 2, "c": 3, "d": 3, "e": 4, "f": 3, "g": 3}


def test_unseen_items_come_first_and_shortfalls_are_reported():
    rng = random.Random(1)
    draw = stratified({"x": [1, 2, 3, 4], "y": [5]}, {"x": 2, "y": 3}, seen={1, 2}, rng=rng)
    assert sorted(draw.chosen[:2]) == [3, 4]
    assert draw.shortfalls == {"y": (3, 1)} and not draw.complete
