"""Import questions from Moodle formats into the bank, and export any filtered set."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.assessment import banksync
from lms.blueprint import Blueprint
from lms.assessment.formats import get_format
from lms.assessment.items import Problem, QuestionData, assign_ids
from lms.assessment.models import Question, QuestionVersion
from lms.assessment.rendering import from_source
from lms.sync_summary import SyncSummary


ALIASES = {"moodlexml": "moodle_xml", "xml": "moodle_xml"}


def canonical_format(name: str) -> str:
    return ALIASES.get(name, name)


@dataclass
class ImportPreview:
    questions: list[QuestionData]
    errors: list[Problem]
    skipped: list[Problem]
    warnings: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors and bool(self.questions)


def preview(text: str, format_name: str, blueprint: Blueprint, default_domain: str = "",
            default_topic: str = "") -> ImportPreview:
    """Parse an uploaded file; questions without a known domain/topic take the defaults chosen on upload."""
    result = get_format(canonical_format(format_name)).parse(text)
    assign_ids(result.questions)
    errors = list(result.errors)
    for q in result.questions:
        q.domain = q.domain or default_domain
        q.topic = q.topic or default_topic
        area = blueprint.area(q.domain)
        if area is None or q.topic not in area.subtopics:
            errors.append(Problem(q.line, f"question '{q.id}': choose an exam domain and topic for it "
                                          f"(has '{q.domain or '-'}' / '{q.topic or '-'}')"))
    return ImportPreview(result.questions, errors, result.skipped, list(getattr(result, "warnings", [])))


def save(db: Session, imported: ImportPreview, file_name: str) -> SyncSummary:
    for question in imported.questions:
        question.category = Path(file_name).name
    return banksync.apply(db, imported.questions, source_root=banksync.IMPORTED.rstrip("/"), retire_missing=False)


def export(db: Session, format_name: str, domain: str | None = None, topic: str | None = None,
           tag: str | None = None) -> str:
    """The newest version of every live question matching the filters, written in `format_name`."""
    query = (select(QuestionVersion).join(Question, Question.id == QuestionVersion.question_id)
             .where(Question.retired_at.is_(None), QuestionVersion.number == Question.current_version)
             .order_by(Question.key))
    if domain:
        query = query.where(Question.domain == domain)
    if topic:
        query = query.where(Question.topic == topic)
    fmt = get_format(canonical_format(format_name))
    questions = [from_source(v.source) for v in db.scalars(query)]
    questions = [q for q in questions if q.type in fmt.exports and (not tag or tag in q.tags)]
    return fmt.export(questions)
