"""Moodle GIFT format: ``parse(text) -> ParseResult`` and ``export(questions) -> str``.

The reading rules follow Moodle's own importer (question/format/gift/format.php), so a
file behaves here as it does in Moodle:

* Questions are separated by blank lines; each line is trimmed; lines starting with
  ``//`` are comments. A comment ``// lms: {...}`` (JSON) right before a question carries
  our own metadata (id, domain, topic, difficulty, references, tags, module).
* ``$CATEGORY: path`` sets the category of the questions that follow.
* ``::title::`` names a question; ``[markdown]``, ``[html]``, ``[plain]`` or ``[moodle]``
  before a text gives its format (the question text defaults to ``moodle``).
* The first ``{...}`` holds the answers. When text follows it, the answers are replaced
  by ``_____`` (the "missing word" form).
* Answer types, checked in Moodle's order: ``{}`` essay, ``{#...}`` numerical, any ``~``
  multiple choice, ``=a -> b`` matching, ``{T}``/``{TRUE}``/``{F}``/``{FALSE}`` true/false,
  anything else short answer. Essay, numerical, short answer and description (no answer
  block) are reported in ``skipped``: our engine does not grade them.
* ``=`` marks a correct choice, ``~`` a wrong one, ``~%50%`` a weighted one; a positive
  weight counts as correct, and two or more correct choices make a ``multiple`` question.
  ``#`` starts an answer's feedback and ``####`` the general feedback. True/false takes
  up to two feedbacks: ``{TRUE#shown for a wrong answer#shown for a right answer}``.
* ``\\~ \\= \\# \\{ \\} \\: \\\\`` escape a special character; ``\\n`` is a newline.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from lms.assessment.items import (
    Choice,
    FormatError,
    Pair,
    ParseResult,
    Problem,
    QuestionData,
    apply_metadata,
    assign_ids,
    choice_type,
    credit_warning,
    metadata_of,
    question_problems,
    short_label,
)

NAME = "gift"
EXTENSION = ".txt"

_WS = " \t\n\r\0\x0b"  # what Moodle's trim() removes
_ESCAPABLE = "\\:#={}~n"
_UNESCAPE = re.compile(r"\\([\\:#={}~n])")
_ESCAPE = re.compile(r"([\\:#={}~])")
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d*)?)%")
_METADATA = re.compile(r"//\s*lms:(.*)$")
_TEXT_FORMATS = ("markdown", "html", "plain", "moodle")
_TRUE_FALSE = {"T": True, "TRUE": True, "F": False, "FALSE": False}
_BLANK = "_____"


# --- reading ---------------------------------------------------------------------------


@dataclass
class _Block:
    """The lines of one question, comments blanked so offsets still map to lines."""

    text: str
    first_line: int
    metadata: list[tuple[int, str]] = field(default_factory=list)

    def line_at(self, pos: int) -> int:
        return self.first_line + self.text.count("\n", 0, max(pos, 0))


class _Escaped:
    """A GIFT string in which a backslash hides the special meaning of the next character."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.active = [True] * len(text)
        i = 0
        while i < len(text):
            if text[i] == "\\" and i + 1 < len(text) and text[i + 1] in _ESCAPABLE:
                self.active[i] = self.active[i + 1] = False
                i += 2
            else:
                i += 1

    def _is_active(self, pos: int, token: str) -> bool:
        return all(self.active[pos : pos + len(token)])

    def find(self, token: str, start: int, end: int | None = None) -> int:
        end = len(self.text) if end is None else end
        pos = self.text.find(token, start, end)
        while pos >= 0 and not self._is_active(pos, token):
            pos = self.text.find(token, pos + 1, end)
        return pos

    def rfind(self, token: str, start: int, end: int) -> int:
        pos = self.text.rfind(token, start, end)
        while pos >= 0 and not self._is_active(pos, token):
            pos = self.text.rfind(token, start, pos + len(token) - 1)
        return pos

    def split(self, separators: str, start: int, end: int) -> list[tuple[str, int, str]]:
        """Cut ``text[start:end]`` before each active separator: (separator, offset, piece)."""
        pieces: list[tuple[str, int, str]] = []
        marker, piece_start = "", start
        for pos in range(start, end):
            if self.text[pos] in separators and self.active[pos]:
                pieces.append((marker, piece_start, self.text[piece_start:pos]))
                marker, piece_start = self.text[pos], pos + 1
        pieces.append((marker, piece_start, self.text[piece_start:end]))
        return pieces


def parse(text: str) -> ParseResult:
    """Read GIFT text; every question is imported, skipped or reported as an error."""
    result = ParseResult(questions=[], errors=[], skipped=[])
    category = ""
    for block in _blocks(text):
        try:
            category = _read_block(block, category, result)
        except FormatError as error:
            result.errors.append(Problem(error.line, error.message))
    assign_ids(result.questions)
    return result


def _blocks(text: str) -> Iterator[_Block]:
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    block: _Block | None = None
    for number, raw in enumerate(lines, start=1):
        line = raw.strip(_WS)
        if not line:
            if block is not None:
                yield block
            block = None
            continue
        if block is None:
            block = _Block(text="", first_line=number)
        else:
            block.text += "\n"
        if line.startswith("//"):
            meta = _METADATA.match(line)
            if meta:
                block.metadata.append((number, meta.group(1).strip(_WS)))
        else:
            block.text += line
    if block is not None:
        yield block


def _read_block(block: _Block, category: str, result: ParseResult) -> str:
    """Read one block into ``result``; return the category in force after it."""
    start = len(block.text) - len(block.text.lstrip(_WS))
    if start == len(block.text):
        return category  # comments only
    if block.text.startswith("$CATEGORY:", start):
        end = block.text.find("\n", start)
        end = len(block.text) if end < 0 else end
        category = block.text[start + len("$CATEGORY:") : end].strip(_WS)
        start = end + len(block.text[end:]) - len(block.text[end:].lstrip(_WS))
        if start >= len(block.text):
            return category
    _read_question(block, start, category, result)
    return category


def _read_question(block: _Block, start: int, category: str, result: ParseResult) -> None:
    text = _Escaped(block.text)
    line = block.line_at(start)
    title, pos = _read_title(text, block, start)
    opening, closing = _answer_block(text, block, pos)
    if opening < 0:
        stem, _ = _text_with_format(text.text[pos:])
        result.skipped.append(Problem(line, f"skipped description {short_label(title, stem)!r}"))
        return
    after = text.text[closing + 1 :]
    blank = "" if not after.strip(_WS) else _BLANK
    stem, text_format = _text_with_format(text.text[pos:opening] + blank + after)
    feedback_at = text.rfind("####", opening + 1, closing)
    answers_end = closing if feedback_at < 0 else feedback_at
    rationale = "" if feedback_at < 0 else _clean(text.text[feedback_at + 4 : closing])
    question = QuestionData(
        id="", type="", stem=stem, rationale=rationale, title=title,
        category=category, text_format=text_format, line=line,
    )
    kind = _answer_kind(text, opening + 1, answers_end)
    if kind not in ("multichoice", "matching", "truefalse"):
        result.skipped.append(Problem(line, f"skipped {kind} question {short_label(title, stem)!r}"))
        return
    readers = {"multichoice": _read_choices, "matching": _read_pairs, "truefalse": _read_truefalse}
    warning = readers[kind](question, text, block, opening + 1, answers_end)
    _apply_block_metadata(question, block)
    problems = question_problems(question)
    if problems:
        raise FormatError(line, "; ".join(problems))
    result.questions.append(question)
    if warning:
        result.warnings.append(Problem(line, warning))


def _read_title(text: _Escaped, block: _Block, start: int) -> tuple[str, int]:
    if not text.text.startswith("::", start):
        return "", start
    end = text.find("::", start + 2)
    if end < 0:
        raise FormatError(block.line_at(start), "question title is not closed with '::'")
    title = _UNESCAPE.sub(_unescape_one, text.text[start + 2 : end]).strip(_WS)
    return title, end + 2


def _answer_block(text: _Escaped, block: _Block, start: int) -> tuple[int, int]:
    """Offsets of the question's ``{`` and ``}`` (-1, -1 when there is none)."""
    opening, closing = text.find("{", start), text.find("}", start)
    if opening < 0 and closing < 0:
        return -1, -1
    if closing < 0:
        raise FormatError(block.line_at(opening), "'{' is not closed with '}'")
    if opening < 0 or closing < opening:
        raise FormatError(block.line_at(closing), "'}' without an opening '{' (write \\} for a literal brace)")
    nested = text.find("{", opening + 1, closing)
    if nested >= 0:
        raise FormatError(block.line_at(nested), "'{' inside an answer block (write \\{ for a literal brace)")
    extra = min((p for p in (text.find("{", closing + 1), text.find("}", closing + 1)) if p >= 0), default=-1)
    if extra >= 0:
        raise FormatError(
            block.line_at(extra),
            "a second answer block: separate questions with a blank line, or escape braces as \\{ \\}",
        )
    return opening, closing


def _answer_kind(text: _Escaped, start: int, end: int) -> str:
    """The Moodle question type an answer block stands for."""
    body = text.text[start:end]
    first = start + len(body) - len(body.lstrip(_WS))
    if not body.strip(_WS):
        return "essay"
    if text.text[first] == "#" and text.active[first]:
        return "numerical"
    if text.find("~", start, end) >= 0:
        return "multichoice"
    if text.find("=", start, end) >= 0 and text.find("->", start, end) >= 0:
        return "matching"
    hash_at = text.find("#", start, end)
    value = text.text[start : hash_at if hash_at >= 0 else end].strip(_WS)
    return "truefalse" if value in _TRUE_FALSE else "short answer"


def _read_choices(question: QuestionData, text: _Escaped, block: _Block, start: int, end: int) -> str:
    pieces = text.split("~=", start, end)
    _reject_leading_text(pieces[0], block)
    weights: list[float] = []
    for marker, offset, piece in pieces[1:]:
        weight, body = _weight_and_body(marker, piece, block.line_at(offset))
        hash_at = _Escaped(body).find("#", 0)
        answer = body if hash_at < 0 else body[:hash_at]
        feedback = "" if hash_at < 0 else _clean(body[hash_at + 1 :])
        question.choices.append(Choice(text=_clean(answer), correct=weight > 0, feedback=feedback))
        weights.append(weight)
    kind = choice_type(weights)
    if kind is None:
        raise FormatError(question.line, "multiple-choice question has no correct answer: "
                          "mark one with '=' or give it a positive %weight%")
    question.type = kind
    return credit_warning(weights, single_mode=any(m == "=" for m, _, _ in pieces[1:]))


def _weight_and_body(marker: str, piece: str, line: int) -> tuple[float, str]:
    body = piece.strip(_WS)
    if marker == "=":
        return 100.0, body  # as in Moodle, '=' is full credit and no weight follows it
    match = _WEIGHT.match(body)
    if not match:
        return 0.0, body
    weight = float(match.group(1))
    if not -100 <= weight <= 100:
        raise FormatError(line, f"answer weight {match.group(0)} is outside -100%..100%")
    return weight, body[match.end() :]


def _read_pairs(question: QuestionData, text: _Escaped, block: _Block, start: int, end: int) -> str:
    pieces = text.split("=", start, end)
    _reject_leading_text(pieces[0], block)
    for _, offset, piece in pieces[1:]:
        arrow = piece.find("->")
        if arrow < 0:
            raise FormatError(block.line_at(offset), f"matching item {_snippet(piece)!r} has no '->'")
        prompt = _clean(piece[:arrow])
        match = _UNESCAPE.sub(_unescape_one, piece[arrow + 2 :]).strip(_WS)
        if not match:
            raise FormatError(block.line_at(offset), f"matching item {_snippet(piece)!r} has nothing after '->'")
        if prompt:
            question.pairs.append(Pair(prompt=prompt, match=match))
        else:
            question.distractors.append(match)
    question.type = "matching"
    return ""


def _read_truefalse(question: QuestionData, text: _Escaped, block: _Block, start: int, end: int) -> str:
    body = text.text[start:end]
    parts: list[str] = []
    escaped = _Escaped(body)
    cut = 0
    while len(parts) < 2:
        hash_at = escaped.find("#", cut)
        if hash_at < 0:
            break
        parts.append(body[cut:hash_at])
        cut = hash_at + 1
    parts.append(body[cut:])
    answer = _TRUE_FALSE[parts[0].strip(_WS)]
    wrong = _clean(parts[1]) if len(parts) > 1 else ""
    right = _clean(parts[2]) if len(parts) > 2 else ""
    question.type = "truefalse"
    question.answer = answer
    question.feedback_true, question.feedback_false = (right, wrong) if answer else (wrong, right)
    return ""


def _reject_leading_text(first: tuple[str, int, str], block: _Block) -> None:
    _, offset, piece = first
    if piece.strip(_WS):
        raise FormatError(block.line_at(offset), f"text {_snippet(piece)!r} before the first answer: "
                          "start every answer with '=' or '~'")


def _apply_block_metadata(question: QuestionData, block: _Block) -> None:
    for line, raw in block.metadata:
        try:
            data = json.loads(raw)
        except ValueError as error:
            raise FormatError(line, f"lms metadata is not valid JSON: {error}") from None
        if not isinstance(data, dict):
            raise FormatError(line, "lms metadata must be a JSON object")
        problems = apply_metadata(question, data)
        if problems:
            raise FormatError(line, "lms metadata: " + "; ".join(problems))


def _text_with_format(raw: str) -> tuple[str, str]:
    """Split a leading ``[format]`` off a question text; the default is ``moodle``."""
    raw = raw.strip(_WS)
    text_format = "moodle"
    if raw.startswith("["):
        end = raw.find("]")
        if end > 0 and raw[1:end] in _TEXT_FORMATS:
            text_format, raw = raw[1:end], raw[end + 1 :]
    return _UNESCAPE.sub(_unescape_one, raw).strip(_WS), text_format


def _clean(raw: str) -> str:
    """An answer or feedback text: format tag dropped (it follows the question's), unescaped."""
    return _text_with_format(raw)[0]


def _unescape_one(match: re.Match[str]) -> str:
    char = match.group(1)
    return "\n" if char == "n" else char


def _snippet(raw: str, limit: int = 30) -> str:
    text = " ".join(raw.split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


# --- writing ---------------------------------------------------------------------------


def export(questions: Iterable[QuestionData]) -> str:
    """GIFT text for ``questions`` that Moodle imports and :func:`parse` reads back equal.

    Raises :class:`FormatError` for a question our engine could not grade, or one GIFT
    cannot express (a matching prompt containing ``->``, a category with a line break).
    """
    blocks: list[str] = []
    category = ""
    for question in questions:
        problems = question_problems(question)
        if problems:
            raise FormatError(question.line, f"cannot export {question.id!r}: " + "; ".join(problems))
        if question.category != category and question.category:
            blocks.append(_category_block(question))
            category = question.category
        metadata = metadata_of(question)
        if category and not question.category:
            metadata["category"] = ""
        blocks.append(_question_block(question, metadata))
    return "\n".join(blocks)


def _category_block(question: QuestionData) -> str:
    if "\n" in question.category or "\r" in question.category:
        raise FormatError(question.line, f"category of {question.id!r} contains a line break")
    return f"$CATEGORY: {question.category}\n"


def _question_block(question: QuestionData, metadata: dict[str, object]) -> str:
    fmt = question.text_format
    head = f"::{_escape(question.title)}::" if question.title else ""
    head += f"[{fmt}]{_escape(question.stem)}"
    writers = {"single": _choices_body, "multiple": _choices_body,
               "truefalse": _truefalse_body, "matching": _pairs_body}
    body = writers[question.type](question)
    return f"// lms: {json.dumps(metadata, ensure_ascii=False)}\n{head}{body}\n"


def _choices_body(question: QuestionData) -> str:
    fmt = question.text_format
    weight = _format_weight(100 / sum(c.correct for c in question.choices))
    lines = ["{"]
    for choice in question.choices:
        text = _escape_text(choice.text, fmt)
        if question.type == "single" and choice.correct:
            marker = "="
        elif question.type == "single":
            marker = "~%0%" if text.startswith("%") else "~"
        else:
            marker = f"~%{weight}%" if choice.correct else f"~%-{weight}%"
        feedback = f"#{_escape_text(choice.feedback, fmt)}" if choice.feedback else ""
        lines.append(f"\t{marker}{text}{feedback}")
    lines.extend(_general_feedback(question))
    lines.append("}")
    return "\n".join(lines)


def _truefalse_body(question: QuestionData) -> str:
    fmt = question.text_format
    if question.answer:
        right, wrong = question.feedback_true, question.feedback_false
    else:
        right, wrong = question.feedback_false, question.feedback_true
    body = "{TRUE" if question.answer else "{FALSE"
    if wrong or right:
        body += "#" + _escape_text(wrong, fmt)
    if right:
        body += "#" + _escape_text(right, fmt)
    if question.rationale:
        body += "####" + _escape_text(question.rationale, fmt)
    return body + "}"


def _pairs_body(question: QuestionData) -> str:
    lines = ["{"]
    for pair in question.pairs:
        if "->" in pair.prompt:
            raise FormatError(question.line, f"matching prompt {pair.prompt!r} of {question.id!r} "
                              "contains '->', which GIFT cannot express")
        lines.append(f"\t={_escape_text(pair.prompt, question.text_format)} -> {_escape(pair.match)}")
    lines.extend(f"\t= -> {_escape(distractor)}" for distractor in question.distractors)
    lines.extend(_general_feedback(question))
    lines.append("}")
    return "\n".join(lines)


def _general_feedback(question: QuestionData) -> list[str]:
    if not question.rationale:
        return []
    return [f"\t####{_escape_text(question.rationale, question.text_format)}"]


def _format_weight(weight: float) -> str:
    """Moodle's own notation: 50, 33.33333, 12.5."""
    return f"{weight:.5f}".rstrip("0").rstrip(".")


def _escape(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _ESCAPE.sub(r"\\\1", text).replace("\n", "\\n")


def _escape_text(text: str, text_format: str) -> str:
    """Escape an answer/feedback text; guard a leading '[' from being read as a format tag."""
    escaped = _escape(text)
    return f"[{text_format}]{escaped}" if escaped.startswith("[") else escaped
