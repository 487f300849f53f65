"""Drawing questions: blueprint shares by largest remainder, stratified sampling preferring unseen items."""
from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction


def largest_remainder(weights: Mapping[str, int | float], total: int) -> dict[str, int]:
    """Split `total` items in proportion to `weights` (Hamilton's method); ties go to the larger weight, then key."""
    weight_sum = sum(weights.values())
    if total <= 0 or weight_sum <= 0:
        return {k: 0 for k in weights}
    quotas = {k: Fraction(str(w)) * total / Fraction(str(weight_sum)) for k, w in weights.items()}
    counts = {k: int(q) for k, q in quotas.items()}
    left = total - sum(counts.values())
    order = sorted(weights, key=lambda k: (quotas[k] - counts[k], weights[k], k), reverse=True)
    for key in order[:left]:
        counts[key] += 1
    return counts


@dataclass
class Draw:
    chosen: list[int]                                   # question ids, grouped by stratum
    shortfalls: dict[str, tuple[int, int]] = field(default_factory=dict)  # stratum -> (wanted, available)

    @property
    def complete(self) -> bool:
        return not self.shortfalls


def stratified(pool: Mapping[str, Sequence[int]], counts: Mapping[str, int], seen: set[int],
               rng: random.Random) -> Draw:
    """Draw counts[stratum] ids from pool[stratum], unseen ids first; report strata that run short."""
    draw = Draw([])
    for stratum, wanted in counts.items():
        available = list(pool.get(stratum, ()))
        fresh = [q for q in available if q not in seen]
        old = [q for q in available if q in seen]
        rng.shuffle(fresh)
        rng.shuffle(old)
        picked = (fresh + old)[:wanted]
        if len(picked) < wanted:
            draw.shortfalls[stratum] = (wanted, len(available))
        draw.chosen.extend(picked)
    return draw
