"""Mastery per exam domain and topic, weekly trends, an exam-readiness estimate and what to study next.

Inputs are plain `Answer` records (one graded answer: 0..1 credit, when, and where it came from).
Percentages are 0..100 throughout. Uncertainty is shown with the 95% Wilson score interval, which stays
sensible for small counts and for accuracies near 0% or 100%; partial credit enters it as fractional
successes.

Choices:
- Mastery and readiness look at the most recent `recent` (default 30) answers per domain (and per topic
  for topic mastery): recent work says more about the learner today than last month's.
- Below `MIN_ANSWERS` (10) answers the band is "not enough data" (the same rule as the instructor's
  learner report); the interval is still given and is wide.
- In `readiness`, a mock-exam answer weighs twice a practice or review answer (`MOCK_WEIGHT`): mock items
  are timed, mixed and closer to the real exam. The domain interval uses the Kish effective sample size
  of those weights, so weighting never pretends there were more answers than there were.
- Domains are combined by blueprint weight. The point estimate averages the domains that have an estimate;
  the overall range adds each domain's Wilson bounds weighted by exam share (cautious: wider than a
  stratified interval) and counts any domain without answers as anywhere from 0% to 100%.
- Trends bucket answers into weeks starting Monday, in UTC.
"""
from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal

from lms.assessment.bands import band
from lms.readiness.scheduling import as_utc

Source = Literal["practice", "mock", "review"]
SOURCES: tuple[str, ...] = ("practice", "mock", "review")

RECENT = 30
MIN_ANSWERS = 10
CONFIDENT_ANSWERS = 20  # per domain, for "high" confidence
MEDIUM_COVERAGE = 75.0  # % of exam weight with at least MIN_ANSWERS answers, for "medium"
MOCK_WEIGHT = 2.0
Z95 = 1.959964
NOT_ENOUGH = "not enough data"


@dataclass(frozen=True)
class Answer:
    domain: str
    topic: str
    correct_fraction: float  # 0..1 credit
    answered_at: datetime
    source: Source

    def __post_init__(self) -> None:
        if not 0.0 <= self.correct_fraction <= 1.0:
            raise ValueError(f"correct_fraction must be within 0..1, got {self.correct_fraction}")
        if self.source not in SOURCES:
            raise ValueError(f"source must be one of {SOURCES}, got {self.source!r}")


@dataclass(frozen=True)
class Score:
    """Accuracy over `count` answers with its 95% Wilson interval, all in percent."""
    count: int
    percent: float | None  # None without answers
    low: float  # 0 without answers
    high: float  # 100 without answers
    band: str  # good | borderline | poor | not enough data


@dataclass(frozen=True)
class DomainMastery:
    domain: str
    score: Score
    topics: dict[str, Score] = field(default_factory=dict)


@dataclass(frozen=True)
class TrendPoint:
    week_start: date  # a Monday (UTC)
    percent: float | None  # None in a week without answers
    count: int


@dataclass(frozen=True)
class DomainEstimate:
    domain: str
    share: float  # % of the exam (normalised blueprint weight)
    percent: float | None  # mock-weighted accuracy, or the mock summary, or None when unknown
    answers: int  # answers behind `percent` (0 for a mock summary or unknown)
    low: float
    high: float
    basis: Literal["answers", "mock summary", "unknown"]


@dataclass(frozen=True)
class Readiness:
    percent: float | None  # blueprint-weighted accuracy over the domains with an estimate; None without data
    low: float  # cautious 95% range; unknown domains count as 0..100
    high: float
    confidence: Literal["low", "medium", "high"]
    band: str  # bands.band(percent) unless confidence is low, then "not enough data"
    answers: int
    covered: float  # % of exam weight whose domains have at least MIN_ANSWERS answers
    unknown_domains: tuple[str, ...]
    domains: tuple[DomainEstimate, ...]
    explanation: str


@dataclass(frozen=True)
class StudyPick:
    domain: str
    priority: float  # (1 - lower bound) * exam share; unknown domains rank first regardless
    reason: str


def wilson_interval(successes: float, n: float, z: float = Z95) -> tuple[float, float]:
    """Wilson score interval for a proportion, as fractions 0..1; (0, 1) when n is 0."""
    if n <= 0:
        return 0.0, 1.0
    p = min(max(successes / n, 0.0), 1.0)
    denominator = 1 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denominator
    low = 0.0 if p == 0.0 else max(0.0, centre - half)  # exact at the edges, free of rounding
    high = 1.0 if p == 1.0 else min(1.0, centre + half)
    return low, high


def _most_recent(answers: Iterable[Answer], limit: int) -> list[Answer]:
    return sorted(answers, key=lambda a: as_utc(a.answered_at), reverse=True)[:limit]


def score_of(window: Sequence[Answer]) -> Score:
    """Plain accuracy of the given answers (every answer counts once)."""
    n = len(window)
    if n == 0:
        return Score(0, None, 0.0, 100.0, NOT_ENOUGH)
    credit = sum(a.correct_fraction for a in window)
    low, high = wilson_interval(credit, n)
    percent = 100 * credit / n
    return Score(n, percent, 100 * low, 100 * high, band(percent) if n >= MIN_ANSWERS else NOT_ENOUGH)


def _group(answers: Iterable[Answer], key: str) -> dict[str, list[Answer]]:
    groups: dict[str, list[Answer]] = defaultdict(list)
    for answer in answers:
        groups[getattr(answer, key)].append(answer)
    return groups


def domain_mastery(answers: Iterable[Answer], recent: int = RECENT) -> dict[str, DomainMastery]:
    """Per domain (sorted by key): accuracy over its `recent` latest answers, and the same per topic."""
    result = {}
    for domain, group in sorted(_group(answers, "domain").items()):
        topics = {topic: score_of(_most_recent(items, recent))
                  for topic, items in sorted(_group(group, "topic").items())}
        result[domain] = DomainMastery(domain, score_of(_most_recent(group, recent)), topics)
    return result


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def trend(answers: Iterable[Answer], domain: str | None = None, weeks: int = 8, *,
          now: datetime) -> list[TrendPoint]:
    """Weekly accuracy for the `weeks` weeks ending with the current one (oldest first), optionally one domain."""
    if weeks < 1:
        raise ValueError("weeks must be at least 1")
    this_week = _monday(as_utc(now).date())
    starts = [this_week - timedelta(weeks=back) for back in range(weeks - 1, -1, -1)]
    buckets: dict[date, list[float]] = {start: [] for start in starts}
    for answer in answers:
        if domain is None or answer.domain == domain:
            bucket = buckets.get(_monday(as_utc(answer.answered_at).date()))
            if bucket is not None:
                bucket.append(answer.correct_fraction)
    return [TrendPoint(start, 100 * sum(b) / len(b) if b else None, len(b))
            for start, b in ((s, buckets[s]) for s in starts)]


def _weighted_estimate(domain: str, share: float, window: Sequence[Answer]) -> DomainEstimate:
    weights = [MOCK_WEIGHT if a.source == "mock" else 1.0 for a in window]
    total = sum(weights)
    p = sum(w * a.correct_fraction for w, a in zip(weights, window)) / total
    effective_n = total * total / sum(w * w for w in weights)
    low, high = wilson_interval(p * effective_n, effective_n)
    return DomainEstimate(domain, share, 100 * p, len(window), 100 * low, 100 * high, "answers")


def _domain_estimates(answers: Iterable[Answer], weights: Mapping[str, int],
                      mocks: Mapping[str, float], recent: int) -> list[DomainEstimate]:
    total_weight = sum(weights.values())
    if not weights or total_weight <= 0:
        raise ValueError("weights must contain at least one domain with a positive weight")
    groups = _group(answers, "domain")
    estimates = []
    for domain, weight in weights.items():
        share = 100 * weight / total_weight
        window = _most_recent(groups.get(domain, []), recent)
        if window:
            estimates.append(_weighted_estimate(domain, share, window))
        elif domain in mocks:
            estimates.append(DomainEstimate(domain, share, float(mocks[domain]), 0, 0.0, 100.0, "mock summary"))
        else:
            estimates.append(DomainEstimate(domain, share, None, 0, 0.0, 100.0, "unknown"))
    return estimates


def _confidence(estimates: Sequence[DomainEstimate], covered: float, recent: int) -> Literal["low", "medium", "high"]:
    if all(e.answers >= min(CONFIDENT_ANSWERS, recent) for e in estimates):
        return "high"
    if covered >= MEDIUM_COVERAGE:
        return "medium"
    return "low"


def _pct(value: float) -> str:
    return f"{value:.0f}%"


def _explain(r: Readiness, recent: int, outside: int, names: Mapping[str, str]) -> str:
    if r.percent is None:
        return ("No answers yet, so exam readiness cannot be estimated. "
                "Answer practice questions in every exam domain to get an estimate.")
    parts = [
        (f"Estimated readiness {_pct(r.percent)} (cautious 95% range {_pct(r.low)} to {_pct(r.high)}), "
         f"confidence {r.confidence}."),
        (f"Each exam domain's accuracy uses your most recent {recent} answers in it, with mock-exam answers "
         "counting twice as much as practice or review answers; domains are then combined by their share of "
         "the exam."),
        (f"Based on {r.answers} answer{'s' if r.answers != 1 else ''}; domains making up {_pct(r.covered)} of "
         f"the exam have at least {MIN_ANSWERS} answers."),
    ]
    summaries = [e for e in r.domains if e.basis == "mock summary"]
    if summaries:
        parts.append("For domains without individual answers, your last mock-exam score is used: " + ", ".join(
            f"{names.get(e.domain, e.domain)} ({_pct(e.percent or 0)})" for e in summaries) + ".")
    if r.unknown_domains:
        shares = {e.domain: e.share for e in r.domains}
        missing = ", ".join(f"{names.get(d, d)} ({_pct(shares[d])} of the exam)" for d in r.unknown_domains)
        parts.append(f"No answers yet in {missing}: counted as unknown, which widens the range and lowers confidence.")
    if outside:
        parts.append(f"{outside} answer{'s' if outside != 1 else ''} in domains outside the exam blueprint "
                     "were not counted.")
    if r.confidence == "low":
        parts.append("Too little data to call this a readiness verdict yet.")
    return " ".join(parts)


def readiness(answers: Iterable[Answer], weights: Mapping[str, int],
              mock_percents_by_domain: Mapping[str, float] | None = None, *, recent: int = RECENT,
              names: Mapping[str, str] | None = None) -> Readiness:
    """Blueprint-weighted exam readiness with a cautious range, a confidence label and an explanation.

    `weights`: blueprint weight per domain (any positive scale; normalised). `mock_percents_by_domain`:
    per-domain percents from a mock-exam report, used only for a domain with no answer records (so a mock
    whose answers are already in `answers` is never counted twice); having no item count, such a domain
    keeps the 0..100 range and does not count as covered. `names`: display names for the explanation.
    """
    answers = list(answers)
    estimates = _domain_estimates(answers, weights, mock_percents_by_domain or {}, recent)
    known = [e for e in estimates if e.percent is not None]
    known_share = sum(e.share for e in known)
    percent = sum(e.share * (e.percent or 0) for e in known) / known_share if known_share else None
    covered = sum(e.share for e in estimates if e.answers >= MIN_ANSWERS)
    counted = sum(e.answers for e in estimates)
    confidence = _confidence(estimates, covered, recent) if percent is not None else "low"
    draft = Readiness(
        percent=percent,
        low=sum(e.share * e.low for e in estimates) / 100,
        high=sum(e.share * e.high for e in estimates) / 100,
        confidence=confidence,
        band=band(percent) if percent is not None and confidence != "low" else NOT_ENOUGH,
        answers=counted,
        covered=covered,
        unknown_domains=tuple(e.domain for e in estimates if e.basis == "unknown"),
        domains=tuple(estimates),
        explanation="",
    )
    outside = sum(1 for a in answers if a.domain not in weights)
    return replace(draft, explanation=_explain(draft, recent, outside, names or {}))


def _reason(score: Score | None, share: float) -> str:
    exam = f"{_pct(share)} of the exam"
    if score is None or score.count == 0:
        return f"No answers yet; {exam}."
    floor = f"could be as low as {_pct(score.low)}"
    if score.count < MIN_ANSWERS:
        plural = "s" if score.count != 1 else ""
        return f"Only {score.count} answer{plural} so far (accuracy {_pct(score.percent or 0)}, {floor}); {exam}."
    return (f"Accuracy {_pct(score.percent or 0)} over your last {score.count} answers "
            f"({score.band}; {floor}); {exam}.")


def study_next(mastery: Mapping[str, DomainMastery], weights: Mapping[str, int], limit: int = 3) -> list[StudyPick]:
    """The exam domains most worth studying: unknown ones first (largest share first), then by
    (1 - Wilson lower bound) x exam share, so weak, uncertain and heavily weighted domains rise."""
    total_weight = sum(weights.values())
    if total_weight <= 0:
        raise ValueError("weights must contain at least one domain with a positive weight")
    ranked: list[tuple[bool, float, str, StudyPick]] = []
    for domain, weight in weights.items():
        share = 100 * weight / total_weight
        entry = mastery.get(domain)
        score = entry.score if entry else None
        known = score is not None and score.count > 0
        priority = (1 - (score.low / 100 if score is not None else 0.0)) * share
        ranked.append((known, -priority, domain, StudyPick(domain, priority, _reason(score, share))))
    ranked.sort(key=lambda item: item[:3])
    return [pick for *_key, pick in ranked[:max(limit, 0)]]
