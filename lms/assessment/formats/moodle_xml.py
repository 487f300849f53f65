"""Moodle XML format: ``parse(data) -> ParseResult`` and ``export(questions) -> str``.

Reading goes through defusedxml's SAX parser, so entity declarations (billion laughs)
and external references (XXE) are refused, and every element keeps the line it started
on for messages.

Supported ``<question type=...>``: ``multichoice`` (``fraction`` attributes: a positive
fraction makes a choice correct; two or more correct choices make the question
``multiple``), ``truefalse``, ``matching`` (``<subquestion>``; one with empty text is a
distractor) and ``category`` (sets the category of the questions after it). Every other
type (essay, numerical, shortanswer, description, cloze, calculated, ddwtos...) is
reported in ``skipped``.

Our own metadata travels as tags: ``lms-id:``, ``lms-domain:``, ``lms-topic:``,
``lms-difficulty:``, ``lms-module:``, ``lms-reference:``, ``lms-category:`` (only to clear
a category), and ``lms-tag:`` for a free tag that itself starts with ``lms-``. Moodle
keeps tags of at most 50 characters, so long references survive our own round trip
but not a trip through Moodle.
"""
from __future__ import annotations

import io
import math
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from typing import Any
from xml.sax import SAXException, SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.saxutils import escape, quoteattr
from xml.sax.xmlreader import InputSource, Locator

from defusedxml import DefusedXmlException
from defusedxml.common import EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.expatreader import create_parser

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

NAME = "moodle_xml"
EXTENSION = ".xml"

_FORMAT_FROM_MOODLE = {"html": "html", "moodle_auto_format": "moodle", "plain_text": "plain", "markdown": "markdown"}
_FORMAT_TO_MOODLE = {ours: theirs for theirs, ours in _FORMAT_FROM_MOODLE.items()}
_TYPE_NAMES = {"shortanswer": "short answer", "multianswer": "cloze", "ddwtos": "drag and drop into text"}
_TAG_PREFIX = "lms-"
_METADATA_TAGS = ("id", "domain", "topic", "difficulty", "module", "category")
_DIGITS = re.compile("[0-9]+")
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_INDENT = "  "


# --- reading ---------------------------------------------------------------------------


class _TreeHandler(ContentHandler):
    """Builds an ElementTree while remembering the line each element starts on."""

    def __init__(self) -> None:
        super().__init__()
        self.builder = ET.TreeBuilder()
        self.lines: dict[ET.Element, int] = {}
        self.locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 (SAX API)
        self.locator = locator

    def current_line(self) -> int:
        try:
            line = self.locator.getLineNumber() if self.locator else None
        except AttributeError:  # the expat parser is already gone
            line = None
        return line if isinstance(line, int) and line > 0 else 1

    def startElement(self, name: str, attrs: Any) -> None:  # noqa: N802 (SAX API)
        element = self.builder.start(name, dict(attrs.items()))
        self.lines[element] = self.current_line()

    def endElement(self, name: str) -> None:  # noqa: N802 (SAX API)
        self.builder.end(name)

    def characters(self, content: str) -> None:
        self.builder.data(content)


def parse(data: str | bytes) -> ParseResult:
    """Read a Moodle XML document (text, or bytes in the encoding its declaration names)."""
    result = ParseResult(questions=[], errors=[], skipped=[])
    try:
        root, lines = _read_tree(data)
    except FormatError as error:
        result.errors.append(Problem(error.line, error.message))
        return result
    if root.tag != "quiz":
        result.errors.append(Problem(lines.get(root, 1), f"the root element must be <quiz>, not <{root.tag}>"))
        return result
    category = ""
    for element in root.findall("question"):
        category = _read_question(element, lines, category, result)
    assign_ids(result.questions)
    return result


def _read_tree(data: str | bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    handler = _TreeHandler()
    parser = create_parser()  # forbids entity declarations and external references
    parser.setContentHandler(handler)
    source = InputSource()
    if isinstance(data, bytes):
        source.setByteStream(io.BytesIO(data))
    else:
        source.setCharacterStream(io.StringIO(data))
    try:
        parser.parse(source)
    except SAXParseException as error:
        raise FormatError(error.getLineNumber() or 1, f"malformed XML: {error.getMessage()}") from None
    except EntitiesForbidden:
        raise FormatError(handler.current_line(), "XML entity declarations are not allowed") from None
    except ExternalReferenceForbidden:
        raise FormatError(handler.current_line(), "XML external references are not allowed") from None
    except (DefusedXmlException, SAXException) as error:
        raise FormatError(handler.current_line(), f"unsafe or unreadable XML: {error}") from None
    except UnicodeEncodeError as error:  # lone surrogates in a str
        raise FormatError(handler.current_line(), f"text cannot be read as XML: {error.reason}") from None
    return handler.builder.close(), handler.lines


def _read_question(element: ET.Element, lines: dict[ET.Element, int], category: str,
                   result: ParseResult) -> str:
    """Read one <question> into ``result``; return the category in force after it."""
    line = lines.get(element, 1)
    moodle_type = element.get("type", "")
    if moodle_type == "category":
        return _text(element, "category/text") or _text(element, "category")
    readers = {"multichoice": _read_choices, "truefalse": _read_truefalse, "matching": _read_pairs}
    title = _text(element, "name/text")
    if moodle_type not in readers:
        kind = _TYPE_NAMES.get(moodle_type, moodle_type or "untyped")
        stem = _text(element, "questiontext/text")
        result.skipped.append(Problem(line, f"skipped {kind} question {short_label(title, stem)!r}"))
        return category
    try:
        question = _common_fields(element, line, category)
        warning = readers[moodle_type](question, element, lines)
        _read_tags(question, element)
        problems = question_problems(question)
        if problems:
            raise FormatError(line, "; ".join(problems))
    except FormatError as error:
        result.errors.append(Problem(error.line, error.message))
        return category
    result.questions.append(question)
    if warning:
        result.warnings.append(Problem(line, warning))
    return category


def _common_fields(element: ET.Element, line: int, category: str) -> QuestionData:
    moodle_format = element.find("questiontext")
    format_name = "html" if moodle_format is None else moodle_format.get("format", "html")
    if format_name not in _FORMAT_FROM_MOODLE:
        raise FormatError(line, f"unknown text format {format_name!r}")
    return QuestionData(
        id=_text(element, "idnumber"),
        type="",
        stem=_text(element, "questiontext/text"),
        rationale=_text(element, "generalfeedback/text"),
        title=_text(element, "name/text"),
        category=category,
        text_format=_FORMAT_FROM_MOODLE[format_name],
        line=line,
    )


def _read_choices(question: QuestionData, element: ET.Element, lines: dict[ET.Element, int]) -> str:
    weights: list[float] = []
    for answer in element.findall("answer"):
        weight = _fraction(answer, lines.get(answer, question.line))
        weights.append(weight)
        question.choices.append(Choice(
            text=_text(answer, "text"), correct=weight > 0, feedback=_text(answer, "feedback/text"),
        ))
    kind = choice_type(weights)
    if kind is None:
        raise FormatError(question.line, "multiple-choice question has no correct answer "
                          "(no answer with a positive fraction)")
    question.type = kind
    single_mode = _text(element, "single").lower() not in ("false", "0")
    return credit_warning(weights, single_mode)


def _read_truefalse(question: QuestionData, element: ET.Element, lines: dict[ET.Element, int]) -> str:
    correct: dict[bool, bool] = {}
    for index, answer in enumerate(element.findall("answer")[:2]):
        text = _text(answer, "text").lower()
        value = text == "true" if text in ("true", "false") else index == 0  # old files: true first
        correct[value] = _fraction(answer, lines.get(answer, question.line)) > 0
        if value:
            question.feedback_true = _text(answer, "feedback/text")
        else:
            question.feedback_false = _text(answer, "feedback/text")
    marked = [value for value, is_correct in correct.items() if is_correct]
    if len(marked) != 1:
        problem = "no answer" if not marked else "both answers"
        raise FormatError(question.line, f"true/false question has {problem} marked correct")
    question.type = "truefalse"
    question.answer = marked[0]
    return ""


def _read_pairs(question: QuestionData, element: ET.Element, lines: dict[ET.Element, int]) -> str:
    for sub in element.findall("subquestion"):
        prompt, match = _text(sub, "text"), _text(sub, "answer/text")
        if prompt and match:
            question.pairs.append(Pair(prompt=prompt, match=match))
        elif match:
            question.distractors.append(match)
        elif prompt:
            raise FormatError(lines.get(sub, question.line), f"matching prompt {prompt!r} has no answer")
    question.type = "matching"
    return ""


def _read_tags(question: QuestionData, element: ET.Element) -> None:
    metadata: dict[str, Any] = {}
    references: list[str] = []
    for tag in element.findall("tags/tag"):
        value = _text(tag, "text")
        key, colon, rest = value.partition(":")
        name = key.removeprefix(_TAG_PREFIX) if key.startswith(_TAG_PREFIX) and colon else None
        if name == "reference":
            references.append(rest)
        elif name == "tag":
            question.tags.append(rest)
        elif name in _METADATA_TAGS:
            metadata[name] = int(rest) if name == "difficulty" and _DIGITS.fullmatch(rest) else rest
        elif value:
            question.tags.append(value)
    if references:
        metadata["references"] = references
    problems = apply_metadata(question, metadata)
    if problems:
        raise FormatError(question.line, "; ".join(problems))


def _fraction(answer: ET.Element, line: int) -> float:
    raw = answer.get("fraction", "0")
    try:
        value = float(raw)
    except ValueError:
        raise FormatError(line, f"answer fraction {raw!r} is not a number") from None
    if not math.isfinite(value) or not -100 <= value <= 100:
        raise FormatError(line, f"answer fraction {raw!r} is outside -100..100")
    return value


def _text(element: ET.Element, path: str) -> str:
    found = element.find(path)
    return "" if found is None or found.text is None else found.text.strip()


# --- writing ---------------------------------------------------------------------------


def export(questions: Iterable[QuestionData]) -> str:
    """A Moodle XML document that Moodle imports and :func:`parse` reads back equal.

    A question without a title gets Moodle's kind of default name (the start of its
    text), since Moodle requires one. Raises :class:`FormatError` for a question our
    engine could not grade or that holds characters XML cannot carry.
    """
    out = ['<?xml version="1.0" encoding="UTF-8"?>', "<quiz>"]
    category = ""
    for question in questions:
        problems = question_problems(question)
        if problems:
            raise FormatError(question.line, f"cannot export {question.id!r}: " + "; ".join(problems))
        clear_category = bool(category) and not question.category
        if question.category and question.category != category:
            out.extend(_category_xml(question.category))
            category = question.category
        out.extend(_question_xml(question, clear_category))
    out.append("</quiz>")
    return "\n".join(out) + "\n"


def _category_xml(path: str) -> list[str]:
    bad = _NOT_XML_CHAR.search(path)
    if bad:
        raise FormatError(0, f"category {path!r} contains U+{ord(bad.group(0)):04X}, which XML cannot carry")
    return [
        f'{_INDENT}<question type="category">',
        f"{_INDENT * 2}<category>",
        f"{_INDENT * 3}<text>{_escape(path)}</text>",
        f"{_INDENT * 2}</category>",
        f"{_INDENT}</question>",
    ]


def _question_xml(question: QuestionData, clear_category: bool) -> list[str]:
    moodle_type = "multichoice" if question.type in ("single", "multiple") else question.type
    fmt = _FORMAT_TO_MOODLE[question.text_format]
    out = [f"{_INDENT}<question type={quoteattr(moodle_type)}>"]
    out += _text_element("name", question.title or short_label("", question.stem, 100), None, 2)
    out += _text_element("questiontext", question.stem, fmt, 2)
    out += _text_element("generalfeedback", question.rationale, fmt, 2)
    out += [f"{_INDENT * 2}<defaultgrade>1</defaultgrade>",
            f"{_INDENT * 2}<penalty>{'1' if question.type == 'truefalse' else '0.3333333'}</penalty>",
            f"{_INDENT * 2}<hidden>0</hidden>",
            f"{_INDENT * 2}<idnumber>{_escape(question.id)}</idnumber>"]
    body = {"single": _choices_xml, "multiple": _choices_xml,
            "truefalse": _truefalse_xml, "matching": _pairs_xml}[question.type]
    out += body(question, fmt)
    out += _tags_xml(question, clear_category)
    out.append(f"{_INDENT}</question>")
    bad = _NOT_XML_CHAR.search("\n".join(out))
    if bad:
        raise FormatError(question.line, f"{question.id!r} contains U+{ord(bad.group(0)):04X}, "
                          "which XML cannot carry")
    return out


def _choices_xml(question: QuestionData, fmt: str) -> list[str]:
    share = 100 / sum(choice.correct for choice in question.choices)
    single = question.type == "single"
    out = [f"{_INDENT * 2}<single>{'true' if single else 'false'}</single>",
           f"{_INDENT * 2}<shuffleanswers>true</shuffleanswers>",
           f"{_INDENT * 2}<answernumbering>ABCD</answernumbering>"]
    for choice in question.choices:
        if single:
            fraction = "100" if choice.correct else "0"
        else:
            fraction = _format_fraction(share if choice.correct else -share)
        out += _answer_xml(fraction, fmt, choice.text, choice.feedback)
    return out


def _truefalse_xml(question: QuestionData, fmt: str) -> list[str]:
    true_fraction, false_fraction = ("100", "0") if question.answer else ("0", "100")
    return (_answer_xml(true_fraction, fmt, "true", question.feedback_true)
            + _answer_xml(false_fraction, fmt, "false", question.feedback_false))


def _pairs_xml(question: QuestionData, fmt: str) -> list[str]:
    out = [f"{_INDENT * 2}<shuffleanswers>true</shuffleanswers>"]
    rows = [(pair.prompt, pair.match) for pair in question.pairs]
    rows += [("", distractor) for distractor in question.distractors]
    for prompt, match in rows:
        out += [f"{_INDENT * 2}<subquestion format={quoteattr(fmt)}>",
                f"{_INDENT * 3}<text>{_escape(prompt)}</text>",
                f"{_INDENT * 3}<answer>",
                f"{_INDENT * 4}<text>{_escape(match)}</text>",
                f"{_INDENT * 3}</answer>",
                f"{_INDENT * 2}</subquestion>"]
    return out


def _answer_xml(fraction: str, fmt: str, text: str, feedback: str) -> list[str]:
    return ([f"{_INDENT * 2}<answer fraction={quoteattr(fraction)} format={quoteattr(fmt)}>",
             f"{_INDENT * 3}<text>{_escape(text)}</text>"]
            + _text_element("feedback", feedback, fmt, 3)
            + [f"{_INDENT * 2}</answer>"])


def _tags_xml(question: QuestionData, clear_category: bool) -> list[str]:
    tags = [f"{_TAG_PREFIX}{key}:{value}" for key, value in metadata_of(question).items()
            if key in _METADATA_TAGS]
    tags += [f"{_TAG_PREFIX}reference:{reference}" for reference in question.references]
    tags += [f"{_TAG_PREFIX}tag:{tag}" if tag.startswith(_TAG_PREFIX) else tag for tag in question.tags]
    if clear_category:
        tags.append(f"{_TAG_PREFIX}category:")
    return ([f"{_INDENT * 2}<tags>"]
            + [f"{_INDENT * 3}<tag><text>{_escape(tag)}</text></tag>" for tag in tags]
            + [f"{_INDENT * 2}</tags>"])


def _text_element(tag: str, text: str, fmt: str | None, depth: int) -> list[str]:
    attribute = "" if fmt is None else f" format={quoteattr(fmt)}"
    return [f"{_INDENT * depth}<{tag}{attribute}>",
            f"{_INDENT * (depth + 1)}<text>{_escape(text)}</text>",
            f"{_INDENT * depth}</{tag}>"]


def _escape(text: str) -> str:
    return escape(text).replace("\r", "&#13;")


def _format_fraction(value: float) -> str:
    """Moodle's own notation: 50, -33.33333, 12.5."""
    return f"{value:.5f}".rstrip("0").rstrip(".")
