"""Question file formats shared with Moodle: GIFT, Aiken and Moodle XML.

Every format module offers ``parse(text) -> ParseResult`` and
``export(questions) -> str``. :data:`FORMATS` finds them by name::

    from lms.assessment.formats import get_format
    result = get_format("gift").parse(path.read_text(encoding="utf-8"))
"""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from lms.assessment.formats import aiken, gift, moodle_xml
from lms.assessment.items import ParseResult, QuestionData


@dataclass(frozen=True)
class QuestionFormat:
    name: str
    extension: str
    parse: Callable[[str], ParseResult]
    export: Callable[[Iterable[QuestionData]], str]
    exports: frozenset[str]  # question types the format can write


_ALL_TYPES = frozenset({"single", "multiple", "truefalse", "matching"})

FORMATS: dict[str, QuestionFormat] = {
    gift.NAME: QuestionFormat(gift.NAME, gift.EXTENSION, gift.parse, gift.export, _ALL_TYPES),
    aiken.NAME: QuestionFormat(aiken.NAME, aiken.EXTENSION, aiken.parse, aiken.export, frozenset({"single"})),
    moodle_xml.NAME: QuestionFormat(
        moodle_xml.NAME, moodle_xml.EXTENSION, moodle_xml.parse, moodle_xml.export, _ALL_TYPES
    ),
}


def get_format(name: str) -> QuestionFormat:
    """The format called ``name``; ValueError naming the known ones otherwise."""
    try:
        return FORMATS[name]
    except KeyError:
        known = ", ".join(sorted(FORMATS))
        raise ValueError(f"unknown question format {name!r} (known: {known})") from None
