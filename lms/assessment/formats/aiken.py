"""Aiken format: ``parse(text) -> ParseResult`` and ``export(questions) -> str``.

Aiken holds single-choice questions only, in plain text::

    Which receptor responds to tension at the musculotendinous junction?
    A. Muscle spindle
    B) Golgi tendon organ
    C. Pacinian corpuscle
    ANSWER: B

The question may span several lines; options are an upper-case letter followed by
``.`` or ``)`` and a space; ``ANSWER:`` names the correct letter and ends the question.
Blank lines are ignored. Aiken has no titles, feedback or metadata, so ids are derived
from the question text and ``text_format`` is ``plain``.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from lms.assessment.items import (
    Choice,
    FormatError,
    ParseResult,
    Problem,
    QuestionData,
    assign_ids,
    question_problems,
)

NAME = "aiken"
EXTENSION = ".txt"

_OPTION = re.compile(r"([A-Z])[.)][ \t]+(\S.*)")
_ANSWER = re.compile(r"ANSWER[ \t]*:(.*)")
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


@dataclass
class _Option:
    letter: str
    text: str
    line: int


@dataclass
class _Pending:
    """A question being read: its text lines, then its options."""

    line: int
    stem: list[str] = field(default_factory=list)
    options: list[_Option] = field(default_factory=list)
    problem: Problem | None = None  # set when the question is already known to be bad


def parse(text: str) -> ParseResult:
    """Read Aiken text; each malformed question is reported with its line and skipped."""
    result = ParseResult(questions=[], errors=[], skipped=[])
    pending: _Pending | None = None
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        answer = _ANSWER.match(line)
        option = _OPTION.fullmatch(line)
        if answer:
            _finish(pending or _Pending(line=number), answer.group(1).strip(), number, result)
            pending = None
        elif option:
            if pending is None:
                pending = _Pending(line=number, problem=Problem(
                    number, f"option '{option.group(1)}' comes before any question text"))
            pending.options.append(_Option(option.group(1), option.group(2).strip(), number))
        elif pending is not None and pending.options:
            _report(pending, Problem(pending.line, "question has no ANSWER line"), result)
            pending = _Pending(line=number, stem=[line])
        elif pending is None:
            pending = _Pending(line=number, stem=[line])
        else:
            pending.stem.append(line)
    if pending is not None:
        _report(pending, Problem(pending.line, "question has no ANSWER line"), result)
    assign_ids(result.questions)
    return result


def _report(pending: _Pending, problem: Problem, result: ParseResult) -> None:
    result.errors.append(pending.problem or problem)


def _finish(pending: _Pending, letter: str, answer_line: int, result: ParseResult) -> None:
    problem = pending.problem or _answer_problem(pending, letter, answer_line)
    if problem:
        result.errors.append(problem)
        return
    question = QuestionData(
        id="",
        type="single",
        stem="\n".join(pending.stem),
        choices=[Choice(text=option.text, correct=option.letter == letter.upper()) for option in pending.options],
        text_format="plain",
        line=pending.line,
    )
    problems = question_problems(question)
    if problems:
        result.errors.append(Problem(pending.line, "; ".join(problems)))
    else:
        result.questions.append(question)


def _answer_problem(pending: _Pending, letter: str, answer_line: int) -> Problem | None:
    if not pending.stem and not pending.options:
        return Problem(answer_line, "ANSWER line without a question before it")
    if len(pending.options) < 2:
        return Problem(pending.line, f"question needs at least 2 options (found {len(pending.options)})")
    seen: set[str] = set()
    for option in pending.options:
        if option.letter in seen:
            return Problem(option.line, f"option letter '{option.letter}' is used twice")
        seen.add(option.letter)
    if len(letter) != 1 or letter.upper() not in _LETTERS:
        return Problem(answer_line, f"ANSWER must be a single letter, not {letter!r}")
    if letter.upper() not in seen:
        listed = ", ".join(option.letter for option in pending.options)
        return Problem(answer_line, f"ANSWER {letter.upper()} is not one of the options ({listed})")
    return None


def export(questions: Iterable[QuestionData]) -> str:
    """Aiken text for single-choice ``questions``; everything but stem and choices is dropped.

    Raises :class:`FormatError` for another question type, more than 26 choices, a
    choice with a line break, or a question text with a blank line or a line that
    would read as an option or ANSWER.
    """
    return "\n".join(_question_text(question) for question in questions)


def _question_text(question: QuestionData) -> str:
    problems = question_problems(question)
    if problems:
        raise FormatError(question.line, f"cannot export {question.id!r}: " + "; ".join(problems))
    if question.type != "single":
        raise FormatError(question.line, f"Aiken holds only single-choice questions; "
                          f"{question.id!r} is {question.type}")
    if len(question.choices) > len(_LETTERS):
        raise FormatError(question.line, f"{question.id!r} has more than 26 choices")
    stem_lines = [line.strip() for line in question.stem.strip().replace("\r\n", "\n").split("\n")]
    for line in stem_lines:
        if not line or _OPTION.fullmatch(line) or _ANSWER.match(line):
            raise FormatError(question.line, f"the text of {question.id!r} has a line Aiken would misread: {line!r}")
    out = list(stem_lines)
    for letter, choice in zip(_LETTERS, question.choices, strict=False):
        if "\n" in choice.text or "\r" in choice.text:
            raise FormatError(question.line, f"a choice of {question.id!r} contains a line break")
        out.append(f"{letter}. {choice.text.strip()}")
    correct = next(letter for letter, choice in zip(_LETTERS, question.choices, strict=False) if choice.correct)
    out.append(f"ANSWER: {correct}")
    return "\n".join(out) + "\n"
