"""Plain data produced by every question importer and consumed by every exporter.

The classes here carry no behaviour tied to a file format. Besides the dataclasses, the
module holds the rules every format shares: what makes a question gradable by our
engine (:func:`question_problems`), how an id is derived when a file has none
(:func:`slugify`, :func:`assign_ids`), and which fields are our own metadata that a
format has to smuggle through Moodle (:func:`metadata_of`, :func:`apply_metadata`).

Grading rules of the engine, which the importers map to:

* ``single``: exactly one correct choice (at least two choices).
* ``multiple``: two or more correct choices; each correct choice selected scores +1/k,
  each wrong one -1/k, never below 0.
* ``truefalse``: ``answer`` is True or False.
* ``matching``: at least two pairs, all matches distinct; ``distractors`` are extra
  wrong matches.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

QUESTION_TYPES = ("single", "multiple", "truefalse", "matching")
TEXT_FORMATS = ("markdown", "html", "plain", "moodle")
DIFFICULTIES = (1, 2, 3)


@dataclass
class Choice:
    text: str  # Markdown source (or HTML when the question's text_format is "html")
    correct: bool = False
    feedback: str = ""


@dataclass
class Pair:
    prompt: str
    match: str


@dataclass
class QuestionData:
    """One question, whatever file it came from.

    ``line`` records where the question was read and is left out of equality, so a
    question exported and parsed back compares equal to the original.
    """

    id: str
    type: str  # "single" | "multiple" | "truefalse" | "matching"
    stem: str
    choices: list[Choice] = field(default_factory=list)  # single/multiple
    answer: bool | None = None  # truefalse
    feedback_true: str = ""  # truefalse: shown when the learner answers True
    feedback_false: str = ""  # truefalse: shown when the learner answers False
    pairs: list[Pair] = field(default_factory=list)  # matching
    distractors: list[str] = field(default_factory=list)  # matching: extra wrong matches
    rationale: str = ""  # general feedback
    domain: str = ""
    topic: str = ""
    difficulty: int = 2
    references: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    module: str = ""
    title: str = ""
    category: str = ""  # GIFT $CATEGORY / Moodle category path
    text_format: str = "markdown"  # "markdown" | "html" | "plain" | "moodle"
    line: int = field(default=0, compare=False)  # 1-based line where the question starts


@dataclass
class Problem:
    line: int
    message: str

    def __str__(self) -> str:
        return f"line {self.line}: {self.message}"


@dataclass
class ParseResult:
    questions: list[QuestionData]
    errors: list[Problem]  # malformed input: the question is not imported
    skipped: list[Problem]  # well-formed but a type the engine does not grade
    warnings: list[Problem] = field(default_factory=list)  # imported, but something was lost


class FormatError(ValueError):
    """Input or output that a format cannot handle, tied to a line of the source.

    Parsers report problems in :class:`ParseResult` rather than raising; exporters raise
    this when a question cannot be written in their format (``line`` is then the
    question's own ``line``).
    """

    def __init__(self, line: int, message: str) -> None:
        super().__init__(f"line {line}: {message}")
        self.line = line
        self.message = message


# --- the engine's rules -------------------------------------------------------------


def question_problems(question: QuestionData) -> list[str]:
    """What stops our engine from grading ``question`` (empty when it is fine)."""
    problems: list[str] = []
    if not question.stem.strip():
        problems.append("question text is empty")
    if question.text_format not in TEXT_FORMATS:
        problems.append(f"unknown text format {question.text_format!r}")
    checks = {
        "single": _choice_problems,
        "multiple": _choice_problems,
        "truefalse": _truefalse_problems,
        "matching": _matching_problems,
    }
    check = checks.get(question.type)
    if check is None:
        problems.append(f"unknown question type {question.type!r}")
    else:
        problems.extend(check(question))
    return problems


def _choice_problems(question: QuestionData) -> list[str]:
    kind = "single-choice" if question.type == "single" else "multiple-answer"
    problems: list[str] = []
    if len(question.choices) < 2:
        problems.append(f"{kind} question needs at least 2 choices")
    if any(not choice.text.strip() for choice in question.choices):
        problems.append(f"{kind} question has an empty choice")
    correct = sum(choice.correct for choice in question.choices)
    if question.type == "single" and correct != 1:
        problems.append(f"single-choice question needs exactly one correct choice (found {correct})")
    if question.type == "multiple" and correct < 2:
        problems.append(f"multiple-answer question needs at least 2 correct choices (found {correct})")
    return problems


def _truefalse_problems(question: QuestionData) -> list[str]:
    return [] if question.answer is not None else ["true/false question has no answer"]


def _matching_problems(question: QuestionData) -> list[str]:
    problems: list[str] = []
    if len(question.pairs) < 2:
        problems.append("matching question needs at least 2 pairs")
    if any(not pair.prompt.strip() or not pair.match.strip() for pair in question.pairs):
        problems.append("matching question has a pair with an empty prompt or match")
    seen: set[str] = set()
    for pair in question.pairs:
        if pair.match in seen:
            problems.append(f"matching question uses the match {pair.match!r} for two prompts")
        seen.add(pair.match)
    return problems


# --- Moodle's credit model mapped to ours --------------------------------------------


def choice_type(weights: list[float]) -> str | None:
    """``single`` or ``multiple`` from Moodle answer weights (percent); None if none is positive.

    A positive weight makes a choice correct; two or more correct choices make the
    question ``multiple``.
    """
    correct = sum(weight > 0 for weight in weights)
    if correct == 0:
        return None
    return "single" if correct == 1 else "multiple"


def credit_warning(weights: list[float], single_mode: bool) -> str:
    """What is lost when Moodle weights become our all-or-nothing correct choices ("" if nothing).

    ``single_mode`` is Moodle's "one answer only" setting (GIFT: an '=' answer is present).
    """
    positive = [weight for weight in weights if weight > 0]
    if len(positive) < 2:
        return ""
    if single_mode:
        return ("several answers earn credit, so the question was imported as 'multiple' "
                "(select all that apply) with each of them correct")
    if len(set(positive)) > 1:
        return "answer weights were not kept: each correct answer counts 1/k"
    return ""


# --- ids ------------------------------------------------------------------------------

_SLUG_MAX = 60


def slugify(text: str, fallback: str = "question") -> str:
    """A bank id made of lower-case ASCII letters, digits and hyphens (HTML tags dropped)."""
    text = re.sub(r"<[^<>]*>", " ", text)
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _SLUG_MAX:
        cut = slug[:_SLUG_MAX]
        slug = cut.rsplit("-", 1)[0] if "-" in cut else cut
    return slug or fallback


def assign_ids(questions: list[QuestionData]) -> None:
    """Give every question without an id one derived from its title or stem.

    Explicit ids are kept as they are; derived ids get ``-2``, ``-3``... to stay unique.
    """
    taken = {q.id for q in questions if q.id}
    last_suffix: dict[str, int] = {}
    for question in questions:
        if question.id:
            continue
        base = slugify(question.title or question.stem)
        candidate, n = base, last_suffix.get(base, 1)
        while candidate in taken:
            n += 1
            candidate = f"{base}-{n}"
        last_suffix[base] = n
        question.id = candidate
        taken.add(candidate)


# --- our metadata (fields Moodle has no place for) -----------------------------------

_STRING_FIELDS = ("id", "domain", "topic", "module", "category")
_LIST_FIELDS = ("references", "tags")


def metadata_of(question: QuestionData) -> dict[str, Any]:
    """The question's metadata fields that differ from their defaults (id always)."""
    data: dict[str, Any] = {"id": question.id}
    for name in ("domain", "topic", "module"):
        if getattr(question, name):
            data[name] = getattr(question, name)
    if question.difficulty != 2:
        data["difficulty"] = question.difficulty
    for name in _LIST_FIELDS:
        if getattr(question, name):
            data[name] = list(getattr(question, name))
    return data


def apply_metadata(question: QuestionData, data: dict[str, Any]) -> list[str]:
    """Copy metadata read from a file onto ``question``; return what was invalid."""
    problems: list[str] = []
    for key, value in data.items():
        if key in _STRING_FIELDS and isinstance(value, str):
            setattr(question, key, value)
        elif key in _LIST_FIELDS and _is_list_of_str(value):
            setattr(question, key, list(value))
        elif key == "difficulty" and type(value) is int and value in DIFFICULTIES:
            question.difficulty = value
        elif key == "difficulty":
            problems.append(f"difficulty must be 1, 2 or 3, not {value!r}")
        elif key in _STRING_FIELDS or key in _LIST_FIELDS:
            kind = "a string" if key in _STRING_FIELDS else "a list of strings"
            problems.append(f"metadata {key!r} must be {kind}")
        else:
            problems.append(f"unknown metadata key {key!r}")
    return problems


def _is_list_of_str(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def short_label(title: str, stem: str, limit: int = 40) -> str:
    """The title, or the start of the stem, for messages such as "skipped essay 'x'"."""
    label = title or " ".join(stem.split())
    return label if len(label) <= limit else label[: limit - 3].rstrip() + "..."
