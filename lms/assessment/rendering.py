"""Turn a QuestionData into the stored, sanitized form a version shows (ids for choices and matches)."""
from __future__ import annotations

import html
from dataclasses import asdict
from typing import Any

from lms.assessment.items import Choice, Pair, QuestionData
from lms.markdown_render import render_inline, sanitize


def _html(text: str, text_format: str) -> str:
    if not text.strip():
        return ""
    if text_format == "html":
        return sanitize(text)
    if text_format == "plain":
        return "<p>" + html.escape(text) + "</p>"
    return render_inline(text)


def render_question(q: QuestionData) -> dict[str, Any]:
    fmt = q.text_format
    out: dict[str, Any] = {"stem": _html(q.stem, fmt), "rationale": _html(q.rationale, fmt),
                           "references": list(q.references)}
    if q.type in ("single", "multiple"):
        out["choices"] = [{"id": chr(ord("a") + i), "html": _html(c.text, fmt), "correct": c.correct,
                           "feedback": _html(c.feedback, fmt)} for i, c in enumerate(q.choices)]
    elif q.type == "truefalse":
        out.update(answer=q.answer, feedback_true=_html(q.feedback_true, fmt), feedback_false=_html(q.feedback_false, fmt))
    elif q.type == "matching":
        texts = [p.match for p in q.pairs] + [d for d in q.distractors if d not in {p.match for p in q.pairs}]
        ids = {text: f"m{i + 1}" for i, text in enumerate(texts)}
        out["matches"] = [{"id": ids[t], "html": _html(t, fmt)} for t in texts]
        out["prompts"] = [{"id": f"p{i + 1}", "html": _html(p.prompt, fmt), "match": ids[p.match]}
                          for i, p in enumerate(q.pairs)]
    return out


def source_of(q: QuestionData) -> dict[str, Any]:
    data = asdict(q)
    data.pop("line", None)
    return data


def from_source(data: dict[str, Any]) -> QuestionData:
    values = dict(data)
    values["choices"] = [Choice(**c) for c in values.get("choices", [])]
    values["pairs"] = [Pair(**p) for p in values.get("pairs", [])]
    return QuestionData(**values)
