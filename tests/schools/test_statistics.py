"""Every statistic against a worked example computed by hand.

Five learners, three 0/1 items:
            i1 i2 i3 | total
  learner A  1  1  1 |  3
  learner B  1  1  0 |  2
  learner C  1  0  1 |  2
  learner D  0  1  0 |  1
  learner E  0  0  0 |  0
Item 1: facility 3/5 = 0.6. Rest scores (total - i1): 2, 1, 1, 1, 0 (mean 1.0).
  cov(i1, rest) = [(.4)(1) + (.4)(0) + (.4)(0) + (-.6)(0) + (-.6)(-1)] / 5 = 1.0/5 = 0.2
  var(i1) = 0.24, var(rest) = (1+0+0+0+1)/5 = 0.4 -> r = 0.2 / sqrt(0.096) = 0.6455
  sorted pairing: i1 (0,0,1,1,1) with rest (0,1,1,1,2): cov = [(-.6)(-1)+(-.6)(0)+(.4)(0)+(.4)(0)+(.4)(1)]/5 = 0.2
  -> efficiency 1.0
Totals 3,2,2,1,0: mean 1.6, variance (1.96+.16+.16+.36+2.56)/5 = 1.04.
Item variances: i1 .24, i2 .24 (3/5), i3 .24 (2/5... facility .4 -> .24): sum .72.
KR-20 = 3/2 * (1 - .72/1.04) = 1.5 * 0.30769 = 0.4615
"""
import pytest

from lms.schools import statistics as st

MATRIX = [[1, 1, 1], [1, 1, 0], [1, 0, 1], [0, 1, 0], [0, 0, 0]]
TOTALS = [sum(r) for r in MATRIX]


def column(j):
    return [row[j] for row in MATRIX]


def test_facility_and_discrimination():
    assert st.mean(column(0)) == pytest.approx(0.6)
    assert st.discrimination(column(0), TOTALS) == pytest.approx(0.2 / (0.096 ** 0.5))
    assert st.discriminative_efficiency(column(0), TOTALS) == pytest.approx(1.0)


def test_alpha_kr20_and_reading():
    alpha = st.cronbach_alpha(MATRIX)
    assert alpha == pytest.approx(1.5 * (1 - 0.72 / 1.04))
    assert st.alpha_reading(alpha) == "unsatisfactory"
    assert st.alpha_reading(0.8) == "good" and st.alpha_reading(0.7) == "acceptable"
    assert st.cronbach_alpha([[1, 0]]) is None


def test_quiz_mean_and_sd():
    assert st.mean(TOTALS) == pytest.approx(1.6)
    assert st.sample_sd(TOTALS) == pytest.approx((5.2 / 4) ** 0.5)


def test_no_spread_means_no_correlation():
    assert st.discrimination([1, 1, 1], [3, 2, 1]) is None


def test_negative_discrimination_flag():
    item = [0, 0, 1, 1]
    totals = [5, 4, 1, 1]  # the strongest learners miss it
    stats = st.item_stats("q", item, totals, {"a": 2, "b": 2}, {"a"})
    assert stats.discrimination < 0 and any("negative discrimination" in f for f in stats.flags)


def test_flags_for_easy_items_and_distractors():
    stats = st.item_stats("q", [1] * 10, list(range(10, 20)), {"a": 10, "b": 0, "c": 0, "d": 0}, {"a"})
    assert "too easy: 100% score it right" in stats.flags
    assert "distractor B was never picked" in stats.flags
    strong = st.item_stats("q2", [0, 0, 0, 1], [1, 2, 3, 4], {"a": 1, "b": 3}, {"a"})
    assert "distractor B was picked more often than the key" in strong.flags
    assert any(f.startswith("too hard") for f in strong.flags)
