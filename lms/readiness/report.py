"""Everything the readiness and dashboard views show, assembled from the pure computations."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.blueprint import Blueprint
from lms.cache import ProcessCache
from lms.content.models import Course, Module
from lms.readiness import answers, cards, charts, mastery


@dataclass
class StudyLink:
    pick: mastery.StudyPick
    name: str
    modules: list[tuple[str, str, str]]  # (course slug, module slug, title)


@dataclass
class ReadinessReport:
    due_today: int
    due_week: int
    readiness: mastery.Readiness
    mastery: dict[str, mastery.DomainMastery]
    study: list[StudyLink]
    mastery_chart: str
    trend_chart: str
    names: dict[str, str]


def _lessons_by_domain(db: Session) -> dict[str, list[tuple[str, str, str]]]:
    """The first three live exam-prep lessons of each domain, read in one query."""
    rows = db.execute(select(Course.slug, Module.slug, Module.title, Course.exam_domains)
                      .join(Module, Module.course_id == Course.id)
                      .where(Course.kind == "exam-prep", Course.retired_at.is_(None), Module.retired_at.is_(None))
                      .order_by(Module.position))
    lessons: dict[str, list[tuple[str, str, str]]] = {}
    for course, module, title, domains in rows:
        for domain in domains:
            if len(lessons.setdefault(domain, [])) < 3:
                lessons[domain].append((course, module, title))
    return lessons


@dataclass(frozen=True)
class HistorySummary:
    """What the learner's graded answers and mock results say: the costly part of the report."""

    readiness: mastery.Readiness
    mastery: dict[str, mastery.DomainMastery]
    picks: list[mastery.StudyPick]
    mastery_chart: str
    trend_chart: str


def summarize(db: Session, user_id: int, blueprint: Blueprint) -> HistorySummary:
    weights = {a.key: a.weight for a in blueprint.areas}
    names = {a.key: a.name for a in blueprint.areas}
    given = answers.graded_answers(db, user_id)
    per_domain = mastery.domain_mastery(given)
    bars = [(names[k], per_domain[k].score.percent if k in per_domain else None,
             f"{per_domain[k].score.count} answers, {per_domain[k].score.band}" if k in per_domain else "no answers yet")
            for k in weights]
    points = [(m.finished_at.strftime("%d %b"), m.percent) for m in answers.mock_results(db, user_id)[-10:]]
    return HistorySummary(
        mastery.readiness(given, weights, names=names), per_domain, mastery.study_next(per_domain, weights),
        charts.bar_chart("Mastery by content area", "Accuracy over your most recent answers in each MBLEx content area.",
                         bars, id_prefix="mastery"),
        charts.line_chart("Mock exam scores", "Your score on each mock exam, oldest first.", points, id_prefix="trend",
                          headings=("Mock exam", "Score")))


def build(db: Session, user_id: int, blueprint: Blueprint, now: datetime,
          cache: ProcessCache[HistorySummary] | None = None) -> ReadinessReport:
    """The report; with a cache, the history summary is rebuilt only after the learner's history changed."""
    if cache is None:
        summary = summarize(db, user_id, blueprint)
    else:
        key = (user_id, blueprint.key, cards.history_marker(db, user_id))
        summary = cache.get(key, lambda: summarize(db, user_id, blueprint))
    names = {a.key: a.name for a in blueprint.areas}
    due_today, due_week = cards.due_counts(db, user_id, now)
    lessons = _lessons_by_domain(db) if summary.picks else {}
    study = [StudyLink(p, names.get(p.domain, p.domain), lessons.get(p.domain, [])) for p in summary.picks]
    return ReadinessReport(due_today, due_week, summary.readiness, summary.mastery, study, summary.mastery_chart,
                           summary.trend_chart, names)
