"""Mastery, trends, readiness and study suggestions on small fixtures."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from lms.readiness.mastery import (
    NOT_ENOUGH,
    Answer,
    domain_mastery,
    readiness,
    score_of,
    study_next,
    trend,
    wilson_interval,
)

NOW = datetime(2025, 3, 12, 15, 0, tzinfo=UTC)  # Wednesday; its week starts Monday 10 March
WEIGHTS = {"anatomy": 40, "pathology": 35, "ethics": 25}


def answers(domain: str, right: int, wrong: int, source: str = "practice", topic: str = "t",
            start: datetime = NOW - timedelta(days=1)) -> list[Answer]:
    """`right` correct then `wrong` incorrect answers, one minute apart, ending before `start`."""
    results = [1.0] * right + [0.0] * wrong
    return [Answer(domain, topic, fraction, start - timedelta(minutes=i), source) for i, fraction in enumerate(results)]


def test_wilson_interval_known_values():
    low, high = wilson_interval(8, 10)
    assert low == pytest.approx(0.4902, abs=1e-3) and high == pytest.approx(0.9433, abs=1e-3)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    low, high = wilson_interval(10, 10)
    assert high == 1.0 and 0.69 < low < 0.73


def test_few_answers_are_not_enough_data_with_a_wide_interval():
    mastery = domain_mastery(answers("anatomy", 3, 0))
    score = mastery["anatomy"].score
    assert score.count == 3 and score.percent == 100.0
    assert score.band == NOT_ENOUGH
    assert score.high - score.low > 50  # 43.9% .. 100%
    assert score.low == pytest.approx(43.85, abs=0.1)


def test_bands_from_ten_answers_and_recent_window():
    old_bad = answers("anatomy", 0, 20, start=NOW - timedelta(days=30))
    recent_good = answers("anatomy", 24, 6)  # 80% over the latest 30
    mastery = domain_mastery(old_bad + recent_good)
    assert mastery["anatomy"].score.count == 30
    assert mastery["anatomy"].score.percent == pytest.approx(80.0)
    assert mastery["anatomy"].score.band == "good"
    assert domain_mastery(answers("ethics", 7, 3))["ethics"].score.band == "borderline"  # 70%, 10 answers
    assert domain_mastery(answers("ethics", 5, 5))["ethics"].score.band == "poor"
    assert domain_mastery(old_bad + recent_good, recent=50)["anatomy"].score.percent == pytest.approx(48.0)


def test_topics_get_their_own_scores_and_partial_credit_counts():
    data = answers("anatomy", 9, 3, topic="muscles") + answers("anatomy", 1, 1, topic="bones")
    data.append(Answer("anatomy", "bones", 0.5, NOW, "practice"))
    mastery = domain_mastery(data)["anatomy"]
    assert set(mastery.topics) == {"bones", "muscles"}
    assert mastery.topics["muscles"].percent == pytest.approx(75.0) and mastery.topics["muscles"].band == "good"
    assert mastery.topics["bones"].count == 3 and mastery.topics["bones"].percent == pytest.approx(50.0)
    assert mastery.topics["bones"].band == NOT_ENOUGH
    assert mastery.score.count == 15


def test_no_answers_no_domains():
    assert domain_mastery([]) == {}
    empty = score_of([])
    assert empty.percent is None and (empty.low, empty.high) == (0.0, 100.0) and empty.band == NOT_ENOUGH


def test_answer_validation():
    with pytest.raises(ValueError):
        Answer("anatomy", "t", 1.5, NOW, "practice")
    with pytest.raises(ValueError):
        Answer("anatomy", "t", 1.0, NOW, "homework")  # type: ignore[arg-type]


def test_trend_weekly_buckets():
    data = (answers("anatomy", 2, 2, start=NOW)  # this week: 50%
            + answers("anatomy", 3, 0, start=datetime(2025, 3, 9, 23, 0, tzinfo=UTC))  # Sunday: previous week
            + answers("ethics", 0, 1, start=NOW)  # other domain
            + answers("anatomy", 1, 0, start=NOW - timedelta(weeks=9)))  # outside the 8 weeks
    points = trend(data, "anatomy", now=NOW)
    assert len(points) == 8
    assert points[0].week_start == date(2025, 1, 20) and points[-1].week_start == date(2025, 3, 10)
    assert all(p.week_start.weekday() == 0 for p in points)
    assert (points[-1].percent, points[-1].count) == (50.0, 4)
    assert (points[-2].percent, points[-2].count) == (100.0, 3)
    assert all(p.percent is None and p.count == 0 for p in points[:-2])
    everything = trend(data, weeks=2, now=NOW)
    assert [p.count for p in everything] == [3, 5] and everything[-1].percent == pytest.approx(40.0)
    with pytest.raises(ValueError):
        trend(data, weeks=0, now=NOW)


def test_readiness_without_data_claims_nothing():
    result = readiness([], WEIGHTS)
    assert result.percent is None and result.confidence == "low" and result.band == NOT_ENOUGH
    assert (result.low, result.high) == (0.0, 100.0)
    assert set(result.unknown_domains) == set(WEIGHTS)
    assert "cannot be estimated" in result.explanation


def test_readiness_is_blueprint_weighted_with_high_confidence():
    data = answers("anatomy", 27, 3) + answers("pathology", 18, 12) + answers("ethics", 15, 15)
    result = readiness(data, WEIGHTS)
    assert result.percent == pytest.approx(0.40 * 90 + 0.35 * 60 + 0.25 * 50)
    assert result.confidence == "high" and result.band == "borderline"
    assert result.low < result.percent < result.high
    assert result.answers == 90 and result.covered == pytest.approx(100.0) and result.unknown_domains == ()
    assert "mock-exam answers counting twice" in result.explanation
    assert "70%" in result.explanation and "90 answers" in result.explanation


def test_mock_answers_weigh_double():
    data = answers("anatomy", 10, 0, source="practice") + answers("anatomy", 0, 10, source="mock",
                                                                   start=NOW - timedelta(days=2))
    result = readiness(data, {"anatomy": 100})
    assert result.percent == pytest.approx(100 * 10 / 30)  # 10 right x1 against 10 wrong x2
    estimate = result.domains[0]
    assert estimate.answers == 20 and estimate.basis == "answers"
    review_only = readiness(answers("anatomy", 10, 0, source="review") + answers("anatomy", 0, 10, source="practice",
                                                                                  start=NOW - timedelta(days=2)),
                            {"anatomy": 100})
    assert review_only.percent == pytest.approx(50.0)


def test_unknown_domains_lower_confidence_and_widen_the_range():
    full = answers("anatomy", 24, 6) + answers("pathology", 24, 6) + answers("ethics", 24, 6)
    partial = answers("anatomy", 24, 6) + answers("pathology", 24, 6)
    complete, missing = readiness(full, WEIGHTS), readiness(partial, WEIGHTS)
    assert complete.confidence == "high" and missing.confidence == "medium"  # 75% of the exam covered
    assert missing.unknown_domains == ("ethics",)
    assert missing.high - missing.low > complete.high - complete.low
    assert missing.low < complete.low and missing.high > complete.high
    assert "No answers yet in ethics (25% of the exam)" in missing.explanation
    assert "Ethics (25%" in readiness(partial, WEIGHTS, names={"ethics": "Ethics"}).explanation
    only_one = readiness(answers("anatomy", 24, 6), WEIGHTS)
    assert only_one.confidence == "low" and only_one.band == NOT_ENOUGH
    assert only_one.percent == pytest.approx(80.0)  # over what is known; the range shows the rest
    assert only_one.low < 40 and only_one.high > 90


def test_mock_summary_fills_a_domain_without_answers_but_not_confidence():
    partial = answers("anatomy", 24, 6) + answers("pathology", 24, 6)
    result = readiness(partial, WEIGHTS, {"ethics": 40.0, "anatomy": 0.0})
    assert result.percent == pytest.approx(0.40 * 80 + 0.35 * 80 + 0.25 * 40)  # anatomy's answers win
    assert result.unknown_domains == () and result.confidence == "medium"
    ethics = next(d for d in result.domains if d.domain == "ethics")
    assert ethics.basis == "mock summary" and (ethics.low, ethics.high) == (0.0, 100.0)
    assert "last mock-exam score is used: ethics (40%)" in result.explanation


def test_answers_outside_the_blueprint_are_reported_not_counted():
    result = readiness(answers("anatomy", 24, 6) + answers("astrology", 1, 0), {"anatomy": 100})
    assert result.answers == 30 and "1 answer in domains outside the exam blueprint" in result.explanation
    with pytest.raises(ValueError):
        readiness([], {})


def test_study_next_unknown_first_then_weighted_weakness():
    weights = {"anatomy": 40, "pathology": 30, "ethics": 20, "business": 10}
    mastery = domain_mastery(answers("anatomy", 18, 12)  # 60%, big share
                             + answers("pathology", 15, 15)  # 50%
                             + answers("business", 2, 8))  # 20%, small share
    picks = study_next(mastery, weights)
    assert [p.domain for p in picks] == ["ethics", "anatomy", "pathology"]
    assert picks[0].reason == "No answers yet; 20% of the exam."
    assert picks[1].priority > picks[2].priority
    assert picks[1].reason == ("Accuracy 60% over your last 30 answers (borderline; could be as low as 42%); "
                               "40% of the exam.")
    everything = study_next(mastery, weights, limit=10)
    assert [p.domain for p in everything] == ["ethics", "anatomy", "pathology", "business"]


def test_study_next_mentions_few_answers_and_ignores_domains_off_the_exam():
    mastery = domain_mastery(answers("anatomy", 2, 1) + answers("astrology", 0, 30) + answers("ethics", 30, 0))
    picks = study_next(mastery, {"anatomy": 50, "ethics": 50}, limit=5)
    assert [p.domain for p in picks] == ["anatomy", "ethics"]
    assert picks[0].reason.startswith("Only 3 answers so far (accuracy 67%, could be as low as ")
    assert study_next(mastery, {"anatomy": 50}, limit=0) == []
