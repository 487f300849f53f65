"""Everything the readiness and dashboard views show, assembled from the pure computations."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.blueprint import Blueprint
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


def _modules_for(db: Session, domain: str) -> list[tuple[str, str, str]]:
    rows = db.execute(select(Course.slug, Module.slug, Module.title, Course.exam_domains)
                      .join(Module, Module.course_id == Course.id)
                      .where(Course.kind == "exam-prep", Course.retired_at.is_(None), Module.retired_at.is_(None))
                      .order_by(Module.position))
    return [(c, m, t) for c, m, t, domains in rows if domain in domains][:3]


def build(db: Session, user_id: int, blueprint: Blueprint, now: datetime) -> ReadinessReport:
    weights = {a.key: a.weight for a in blueprint.areas}
    names = {a.key: a.name for a in blueprint.areas}
    given = answers.graded_answers(db, user_id)
    per_domain = mastery.domain_mastery(given)
    estimate = mastery.readiness(given, weights, names=names)
    due_today, due_week = cards.due_counts(db, user_id, now)
    bars = [(names[k], per_domain[k].score.percent if k in per_domain else None,
             f"{per_domain[k].score.count} answers, {per_domain[k].score.band}" if k in per_domain else "no answers yet")
            for k in weights]
    mocks = answers.mock_results(db, user_id)
    points = [(m.finished_at.strftime("%d %b"), m.percent) for m in mocks[-10:]]
    study = [StudyLink(p, names.get(p.domain, p.domain), _modules_for(db, p.domain))
             for p in mastery.study_next(per_domain, weights)]
    return ReadinessReport(
        due_today, due_week, estimate, per_domain, study,
        charts.bar_chart("Mastery by content area", "Accuracy over your most recent answers in each MBLEx content area.",
                         bars, id_prefix="mastery"),
        charts.line_chart("Mock exam scores", "Your score on each mock exam, oldest first.", points, id_prefix="trend",
                          headings=("Mock exam", "Score")),
        names)
