"""Load questions into the database: a changed question gets a new immutable version; removed ones retire."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable

from sqlalchemy import select
from sqlalchemy.orm import Session

from lms.assessment.items import QuestionData
from lms.assessment.models import Question, QuestionVersion
from lms.assessment.rendering import render_question, source_of
from lms.db import utcnow
from lms.sync_summary import SyncSummary

IMPORTED = "import:"  # source_path prefix of questions imported through the web or CLI (never retired by sync)


def content_hash(question: QuestionData) -> str:
    data = source_of(question)
    data.pop("category", None)
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


def apply(db: Session, questions: list[QuestionData], source_root: str = "", retire_missing: bool = True,
          progress: Callable[[int], None] = lambda _n: None) -> SyncSummary:
    """Upsert every question in one transaction (commit once, roll back on any error)."""
    summary = SyncSummary(noun="questions")
    existing = {q.key: q for q in db.scalars(select(Question))}
    try:
        for index, data in enumerate(questions, 1):
            _upsert(db, data, existing.get(data.id), source_root, summary)
            if index % 50 == 0:
                progress(50)
        progress(len(questions) % 50)
        if retire_missing:
            keys = {q.id for q in questions}
            for key, question in existing.items():
                if key not in keys and question.retired_at is None and not question.source_path.startswith(IMPORTED):
                    question.retired_at = utcnow()
                    summary.retired.append(key)
        db.commit()
    except Exception:
        db.rollback()
        raise
    return summary


def _upsert(db: Session, data: QuestionData, question: Question | None, root: str, summary: SyncSummary) -> None:
    digest = content_hash(data)
    source_path = f"{root}/{data.category}" if root and data.category else (data.category or root)
    meta = {"domain": data.domain, "topic": data.topic, "type": data.type, "difficulty": data.difficulty,
            "module_ref": data.module, "tags": list(data.tags), "source_path": source_path, "source_line": data.line}
    if question is None:
        question = Question(key=data.id, current_version=1, **meta)
        db.add(question)
        db.flush()
        db.add(QuestionVersion(question_id=question.id, number=1, content_hash=digest, source=source_of(data),
                               rendered=render_question(data)))
        summary.added.append(data.id)
        return
    latest = db.scalar(select(QuestionVersion).where(QuestionVersion.question_id == question.id)
                       .order_by(QuestionVersion.number.desc()).limit(1))
    for key, value in meta.items():
        setattr(question, key, value)
    if latest is None or latest.content_hash != digest:
        number = (latest.number if latest else 0) + 1
        db.add(QuestionVersion(question_id=question.id, number=number, content_hash=digest, source=source_of(data),
                               rendered=render_question(data)))
        question.current_version = number
        question.retired_at = None
        summary.changed.append(data.id)
    elif question.retired_at is not None:
        question.retired_at = None
        summary.changed.append(data.id)
    else:
        summary.unchanged += 1
