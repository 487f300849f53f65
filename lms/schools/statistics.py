"""Item and quiz statistics (after Moodle's quiz statistics report). Pure functions on plain numbers.

Item scores are fractions 0..1; a test score is the sum of its item scores.
- facility: mean item score.
- discrimination: corrected item-total correlation, Pearson r between the item score and the rest of the
  test (total minus this item), so the item does not correlate with itself.
- discriminative efficiency: the covariance of item and rest divided by the largest covariance the same
  two sets of scores could have (both sorted in the same order), as Moodle defines it.
- Cronbach's alpha (KR-20 when every item is scored 0/1): k/(k-1) * (1 - sum of item variances / variance of totals),
  only meaningful when every attempt answered the same items.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from math import sqrt

ALPHA_GOOD = 0.75
ALPHA_POOR = 0.64
TOO_EASY = 0.90
TOO_HARD = 0.25
LOW_DISCRIMINATION = 0.20


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def variance(values: Sequence[float]) -> float:
    """Population variance (divide by n), as in KR-20."""
    if not values:
        return 0.0
    m = mean(values)
    return sum((v - m) ** 2 for v in values) / len(values)


def sample_sd(values: Sequence[float]) -> float:
    if len(values) < 2:
        return 0.0
    m = mean(values)
    return sqrt(sum((v - m) ** 2 for v in values) / (len(values) - 1))


def covariance(xs: Sequence[float], ys: Sequence[float]) -> float:
    mx, my = mean(xs), mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / len(xs) if xs else 0.0


def correlation(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    vx, vy = variance(xs), variance(ys)
    if vx == 0 or vy == 0:
        return None
    return covariance(xs, ys) / sqrt(vx * vy)


def discrimination(item: Sequence[float], totals: Sequence[float]) -> float | None:
    rest = [t - x for x, t in zip(item, totals)]
    return correlation(item, rest)


def discriminative_efficiency(item: Sequence[float], totals: Sequence[float]) -> float | None:
    rest = [t - x for x, t in zip(item, totals)]
    best = covariance(sorted(item), sorted(rest))
    return covariance(item, rest) / best if best > 0 else None


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """`matrix[attempt][item]`; None when fewer than 2 items or 2 attempts, or no spread in totals."""
    if len(matrix) < 2 or len(matrix[0]) < 2:
        return None
    k = len(matrix[0])
    totals = [sum(row) for row in matrix]
    total_var = variance(totals)
    if total_var == 0:
        return None
    item_vars = sum(variance([row[j] for row in matrix]) for j in range(k))
    return k / (k - 1) * (1 - item_vars / total_var)


def alpha_reading(alpha: float | None) -> str:
    if alpha is None:
        return "not computed"
    if alpha > ALPHA_GOOD:
        return "good"
    if alpha < ALPHA_POOR:
        return "unsatisfactory"
    return "acceptable"


@dataclass
class ItemStats:
    key: str
    responses: int
    facility: float
    sd: float
    discrimination: float | None
    efficiency: float | None
    choice_counts: dict[str, int] = field(default_factory=dict)  # choice id -> times picked
    flags: list[str] = field(default_factory=list)


def item_stats(key: str, item: Sequence[float], totals: Sequence[float], choice_counts: dict[str, int],
               correct_ids: set[str]) -> ItemStats:
    stats = ItemStats(key, len(item), mean(item), sample_sd(item), discrimination(item, totals),
                      discriminative_efficiency(item, totals), dict(choice_counts))
    stats.flags = flags(stats, correct_ids)
    return stats


def flags(stats: ItemStats, correct_ids: set[str]) -> list[str]:
    """What an author should look at, in plain words."""
    found = []
    if stats.responses == 0:
        return found
    if stats.facility >= TOO_EASY:
        found.append(f"too easy: {stats.facility:.0%} score it right")
    if stats.facility <= TOO_HARD:
        found.append(f"too hard: only {stats.facility:.0%} score it right")
    if stats.discrimination is not None and stats.discrimination < 0:
        found.append(f"negative discrimination ({stats.discrimination:.2f}): strong learners miss it more often")
    elif stats.discrimination is not None and stats.discrimination < LOW_DISCRIMINATION:
        found.append(f"low discrimination ({stats.discrimination:.2f})")
    if stats.choice_counts and correct_ids:
        key_picks = max(stats.choice_counts.get(c, 0) for c in correct_ids)
        for choice, picks in sorted(stats.choice_counts.items()):
            if choice in correct_ids:
                continue
            if picks == 0 and stats.responses >= 10:
                found.append(f"distractor {choice.upper()} was never picked")
            elif picks > key_picks:
                found.append(f"distractor {choice.upper()} was picked more often than the key")
    return found
