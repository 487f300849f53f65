"""Whatever text they are given, parsers return a ParseResult (or raise FormatError only).

Every reported problem names a line of the input, and every imported question is one
our engine can grade.
"""
from __future__ import annotations

from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.assessment.formats import aiken, gift, moodle_xml
from lms.assessment.items import FormatError, ParseResult, question_problems

GIFT_TOKENS = ["{", "}", "~", "=", "#", "####", "->", "::", "%50%", "%-33.3%", "%abc%", "\\", "\\n", "\\{",
               "//", "// lms: ", '{"id": "x"}', '{"difficulty": 9}', "$CATEGORY: ", "[html]", "[markdown]",
               "[", "]", "T", "TRUE", "F", "FALSE", " ", "\n", "\n\n", "\t", "\r\n", "word", "_____"]
AIKEN_TOKENS = ["A. ", "B) ", "C. ", "Z. ", "ANSWER: ", "ANSWER:", "A", "b", "AB", "Question?", " ", "\n",
                "\n\n", "\r", "option text"]
XML_TOKENS = ['<?xml version="1.0"?>', '<?xml version="1.0" encoding="UTF-16"?>', "<quiz>", "</quiz>",
              '<question type="multichoice">', '<question type="truefalse">', '<question type="matching">',
              '<question type="category">', '<question type="essay">', '<question type="">', "<question>",
              "</question>", "<name>", "</name>", "<text>", "</text>", '<questiontext format="html">',
              '<questiontext format="x">', "</questiontext>", '<answer fraction="100">',
              '<answer fraction="-1e999">', '<answer fraction="abc">', "<answer>", "</answer>",
              "<subquestion>", "</subquestion>", "<single>false</single>", "<category>", "</category>",
              "<tags><tag><text>lms-difficulty:7</text></tag></tags>", "<tag><text>lms-id:</text></tag>",
              "<feedback>", "</feedback>", "<![CDATA[", "]]>", "<!-- c -->", "&amp;", "&nope;", "&#0;",
              '<!DOCTYPE quiz [<!ENTITY a "b">]>', '<!DOCTYPE quiz SYSTEM "x.dtd">', "true", "false",
              "<", ">", "&", "\n", " ", "word"]


def tokens_or_text(tokens: list[str]) -> st.SearchStrategy[str]:
    piece = st.one_of(st.sampled_from(tokens), st.text(max_size=5))
    return st.one_of(st.text(), st.lists(piece, max_size=40).map("".join))


def check(parse: Callable[[str], ParseResult], text: str | bytes) -> None:
    try:
        result = parse(text)  # type: ignore[arg-type]
    except FormatError as error:
        assert isinstance(error, ValueError) and error.line >= 1
        return
    assert isinstance(result, ParseResult)
    line_count = (text.count("\n") if isinstance(text, str) else text.count(b"\n")) + 1
    line_count += text.count("\r") if isinstance(text, str) else text.count(b"\r")
    for problem in [*result.errors, *result.skipped, *result.warnings]:
        assert 1 <= problem.line <= line_count, problem
        assert problem.message
    for question in result.questions:
        assert question_problems(question) == []
        assert question.id
    assert len({q.id for q in result.questions}) == len(result.questions)


@pytest.mark.parametrize("parse", [gift.parse, aiken.parse, moodle_xml.parse], ids=["gift", "aiken", "xml"])
@settings(max_examples=200, deadline=None)
@given(text=st.text())
def test_any_text(parse: Callable[[str], ParseResult], text: str) -> None:
    check(parse, text)


@settings(max_examples=200, deadline=None)
@given(text=tokens_or_text(GIFT_TOKENS))
def test_gift_like_text(text: str) -> None:
    check(gift.parse, text)


@settings(max_examples=200, deadline=None)
@given(text=tokens_or_text(AIKEN_TOKENS))
def test_aiken_like_text(text: str) -> None:
    check(aiken.parse, text)


@settings(max_examples=200, deadline=None)
@given(text=tokens_or_text(XML_TOKENS))
def test_xml_like_text(text: str) -> None:
    check(moodle_xml.parse, text)


@settings(max_examples=100, deadline=None)
@given(data=st.one_of(st.binary(), tokens_or_text(XML_TOKENS).map(lambda t: t.encode("utf-8", "replace"))))
def test_xml_like_bytes(data: bytes) -> None:
    check(moodle_xml.parse, data)
