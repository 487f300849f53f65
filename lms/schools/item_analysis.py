"""Item analysis for one quiz: gathers first attempts with SQL, then applies the pure statistics."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from lms.assessment.models import Attempt, Question, QuestionVersion, QuizSpec, Slot
from lms.schools import statistics as st


@dataclass
class VersionReport:
    version: QuestionVersion
    question: Question
    stats: st.ItemStats


@dataclass
class QuizReport:
    spec: QuizSpec
    attempts: int
    mean_percent: float
    sd_percent: float
    alpha: float | None
    alpha_reading: str
    alpha_note: str
    items: list[VersionReport] = field(default_factory=list)


def first_attempt_ids(db: Session, spec_id: int, user_ids: list[int] | None = None) -> list[int]:
    """Each learner's first graded attempt at the quiz (the Moodle default)."""
    query = (select(func.min(Attempt.id)).where(Attempt.spec_id == spec_id, Attempt.state != "in-progress")
             .group_by(Attempt.user_id))
    if user_ids is not None:
        query = query.where(Attempt.user_id.in_(user_ids))
    return list(db.scalars(query))


def analyse(db: Session, spec: QuizSpec, user_ids: list[int] | None = None) -> QuizReport:
    attempt_ids = first_attempt_ids(db, spec.id, user_ids)
    rows = db.execute(select(Slot.attempt_id, Slot.version_id, Slot.fraction, Slot.response)
                      .where(Slot.attempt_id.in_(attempt_ids))).all() if attempt_ids else []
    totals: dict[int, float] = defaultdict(float)
    sizes: dict[int, int] = defaultdict(int)
    by_version: dict[int, list[tuple[int, float, dict | None]]] = defaultdict(list)
    for attempt_id, version_id, fraction, response in rows:
        score = float(fraction or 0)
        totals[attempt_id] += score
        sizes[attempt_id] += 1
        by_version[version_id].append((attempt_id, score, response))
    versions = {v.id: v for v in db.scalars(select(QuestionVersion).where(QuestionVersion.id.in_(list(by_version))))}
    questions = {q.id: q for q in db.scalars(select(Question).where(
        Question.id.in_([v.question_id for v in versions.values()])))}
    report = _quiz_summary(spec, attempt_ids, totals, sizes, by_version)
    for version_id, answers in by_version.items():
        version = versions[version_id]
        item = [a[1] for a in answers]
        item_totals = [totals[a[0]] for a in answers]
        counts, correct = _choice_counts(version, answers)
        stats = st.item_stats(version.question.key if version.question else str(version_id), item, item_totals,
                              counts, correct)
        report.items.append(VersionReport(version, questions[version.question_id], stats))
    report.items.sort(key=lambda r: (-len(r.stats.flags), r.question.key))
    return report


def _quiz_summary(spec: QuizSpec, attempt_ids: list[int], totals: dict[int, float], sizes: dict[int, int],
                  by_version: dict[int, list]) -> QuizReport:
    percents = [100 * totals[a] / sizes[a] for a in attempt_ids if sizes[a]]
    items_of: dict[int, set[int]] = defaultdict(set)  # one pass over the answers: linear, not attempts x answers
    for version_id, answers in by_version.items():
        for attempt_id, _score, _response in answers:
            items_of[attempt_id].add(version_id)
    same_items = len({frozenset(items_of[a]) for a in attempt_ids}) == 1
    alpha, note = None, "attempts drew different questions, so internal consistency is not computed"
    if same_items and attempt_ids:
        order = sorted(by_version)
        lookup = {(a, v): s for v, answers in by_version.items() for a, s, _ in answers}
        alpha = st.cronbach_alpha([[lookup[(a, v)] for v in order] for a in attempt_ids])
        note = "Cronbach's alpha (KR-20 for right/wrong items) over first attempts"
    return QuizReport(spec, len(attempt_ids), st.mean(percents), st.sample_sd(percents), alpha,
                      st.alpha_reading(alpha), note)


def _choice_counts(version: QuestionVersion, answers: list[tuple[int, float, dict | None]]) -> tuple[dict[str, int], set[str]]:
    choices = version.rendered.get("choices")
    if not choices:
        return {}, set()
    counts = {c["id"]: 0 for c in choices}
    for _attempt, _score, response in answers:
        for picked in ([response.get("choice")] if response and "choice" in response else
                       (response or {}).get("choices", [])):
            if picked in counts:
                counts[picked] += 1
    return counts, {c["id"] for c in choices if c["correct"]}
