"""Aiken import and export."""
from __future__ import annotations

from pathlib import Path

import pytest

from lms.assessment.formats import aiken
from lms.assessment.items import Choice, FormatError, QuestionData

DATA = Path(__file__).parent / "data" / "sample.aiken.txt"


def test_sample_file() -> None:
    result = aiken.parse(DATA.read_text(encoding="utf-8"))
    assert result.errors == [] and result.skipped == []
    first, second, third = result.questions
    assert first.type == "single"
    assert first.stem == "Which receptor responds to tension at the musculotendinous junction?"
    assert [(c.text, c.correct) for c in first.choices] == [
        ("Muscle spindle", False), ("Golgi tendon organ", True),
        ("Pacinian corpuscle", False), ("Free nerve ending", False)]
    assert first.text_format == "plain"
    assert first.id == "which-receptor-responds-to-tension-at-the-musculotendinous"
    assert first.line == 1
    # options written as "A)" and a question spread over two lines
    assert second.stem == ("A client reports numbness in the thumb and index finger.\n"
                           "Which nerve is most likely involved?")
    assert [c.correct for c in second.choices] == [False, False, True]
    assert second.line == 8
    assert third.choices[0].correct  # "ANSWER: a" in lower case


ERRORS = [
    ("Q?\nA. one\nB. two\n", 1, "question has no ANSWER line"),
    ("Q?\nA. one\nB. two\nANSWER: C\n", 4, "ANSWER C is not one of the options (A, B)"),
    ("Q?\nA. one\nANSWER: A\n", 1, "question needs at least 2 options (found 1)"),
    ("Q?\nANSWER: A\n", 1, "question needs at least 2 options (found 0)"),
    ("A. one\nB. two\nANSWER: A\n", 1, "option 'A' comes before any question text"),
    ("Q?\nA. one\nA. two\nANSWER: A\n", 3, "option letter 'A' is used twice"),
    ("Q?\nA. one\nB. two\nANSWER: AB\n", 4, "ANSWER must be a single letter, not 'AB'"),
    ("Q?\nA. one\nB. two\nANSWER:\n", 4, "ANSWER must be a single letter, not ''"),
    ("\n\nANSWER: B\n", 3, "ANSWER line without a question before it"),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS, ids=[e[2][:30] for e in ERRORS])
def test_errors_name_their_line(text: str, line: int, message: str) -> None:
    result = aiken.parse(text)
    assert result.questions == []
    assert [(p.line, p.message) for p in result.errors] == [(line, message)]


def test_missing_answer_before_the_next_question_keeps_the_next_one() -> None:
    text = "Q1?\nA. one\nB. two\nQ2?\nA. three\nB. four\nANSWER: B\n"
    result = aiken.parse(text)
    assert [str(p) for p in result.errors] == ["line 1: question has no ANSWER line"]
    (question,) = result.questions
    assert question.stem == "Q2?" and question.line == 4
    assert question.choices[1] == Choice("four", True)


def test_blank_lines_and_windows_line_endings_are_accepted() -> None:
    result = aiken.parse("\ufeffQ?\r\n\r\nA. one\r\nB. two\r\n\r\nANSWER: B\r\n")
    assert result.errors == []
    assert result.questions[0].choices[1].correct


def test_export() -> None:
    question = QuestionData(id="q", type="single", stem="Which stroke glides?",
                            choices=[Choice("Petrissage"), Choice("Effleurage", True, "fb")],
                            rationale="dropped")
    assert aiken.export([question, question]) == (
        "Which stroke glides?\nA. Petrissage\nB. Effleurage\nANSWER: B\n"
        "\n"
        "Which stroke glides?\nA. Petrissage\nB. Effleurage\nANSWER: B\n"
    )


@pytest.mark.parametrize(("question", "message"), [
    (QuestionData(id="t", type="truefalse", stem="Q?", answer=True), "only single-choice"),
    (QuestionData(id="s", type="single", stem="Q?\nA. looks like an option",
                  choices=[Choice("a", True), Choice("b")]), "a line Aiken would misread"),
    (QuestionData(id="s", type="single", stem="Q?\n\nmore", choices=[Choice("a", True), Choice("b")]),
     "a line Aiken would misread"),
    (QuestionData(id="s", type="single", stem="Q?", choices=[Choice("a\nb", True), Choice("c")]),
     "contains a line break"),
    (QuestionData(id="s", type="single", stem="Q?", choices=[Choice(str(i), i == 0) for i in range(27)]),
     "more than 26 choices"),
])
def test_export_refuses_what_aiken_cannot_hold(question: QuestionData, message: str) -> None:
    with pytest.raises(FormatError, match=message):
        aiken.export([question])
