"""Moodle XML import: supported types, skipped types with their line, unsafe and bad XML."""
from __future__ import annotations

from pathlib import Path

import pytest

from lms.assessment.formats import moodle_xml
from lms.assessment.items import Choice, FormatError, Pair, QuestionData

DATA = Path(__file__).parent / "data" / "moodle_sample.xml"


def quiz(body: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n{body}\n</quiz>\n'


def test_sample_file() -> None:
    result = moodle_xml.parse(DATA.read_text(encoding="utf-8"))
    assert result.errors == [] and result.warnings == []
    gto, calf, ice, strokes = result.questions

    assert gto.type == "single" and gto.line == 13
    assert gto.title == "GTO" and gto.id == "gto"
    assert gto.stem == "<p>Which receptor responds to <b>tension</b>?</p>"
    assert gto.text_format == "html"
    assert gto.rationale == "<p>GTOs sit at the musculotendinous junction.</p>"
    assert gto.choices == [Choice("Muscle spindle", False, "<p>Spindles detect stretch.</p>"),
                           Choice("Golgi tendon organ", True, "Right.")]
    assert gto.category == "$course$/top/Kinesiology"
    assert (gto.domain, gto.difficulty, gto.tags) == ("kinesiology", 3, ["scenario"])

    assert calf.type == "multiple" and calf.text_format == "moodle"
    assert [c.correct for c in calf.choices] == [True, True, False]

    assert ice.type == "truefalse" and ice.answer is False
    assert ice.id == "path-ice-001"  # <idnumber> is a better id than the name
    assert ice.text_format == "plain"
    assert ice.feedback_true == "No: ice constricts vessels at first."
    assert ice.feedback_false == "Right."

    assert strokes.type == "matching" and strokes.text_format == "markdown"
    assert strokes.pairs == [Pair("Effleurage", "gliding"), Pair("Petrissage", "kneading")]
    assert strokes.distractors == ["vibration"]

    assert [str(p) for p in result.skipped] == [
        "line 79: skipped essay question 'Draping'",
        "line 83: skipped numerical question 'Bones'",
        "line 87: skipped short answer question 'Hip flexor'",
        "line 91: skipped description question 'Intro'",
        "line 95: skipped cloze question 'Cloze'",
        "line 99: skipped calculated question 'Dose'",
        "line 102: skipped drag and drop into text question 'Drag'",
    ]


def test_bytes_in_the_declared_encoding() -> None:
    data = quiz('<question type="truefalse"><name><text>Café</text></name>'
                '<questiontext><text>Ça va?</text></questiontext>'
                '<answer fraction="100"><text>true</text></answer>'
                '<answer fraction="0"><text>false</text></answer></question>')
    result = moodle_xml.parse(data.replace("UTF-8", "ISO-8859-1").encode("latin-1"))
    assert result.errors == []
    assert result.questions[0].title == "Café" and result.questions[0].stem == "Ça va?"
    assert result.questions[0].text_format == "html"  # Moodle's default


def test_old_truefalse_files_list_true_first() -> None:
    result = moodle_xml.parse(quiz('<question type="truefalse"><questiontext><text>Q?</text></questiontext>'
                                   '<answer fraction="0"><text>Yes</text></answer>'
                                   '<answer fraction="100"><text>No</text></answer></question>'))
    assert result.questions[0].answer is False


def test_single_mode_with_partial_credit_becomes_multiple_with_a_warning() -> None:
    result = moodle_xml.parse(quiz('<question type="multichoice"><questiontext><text>Q?</text></questiontext>'
                                   '<answer fraction="100"><text>a</text></answer>'
                                   '<answer fraction="50"><text>b</text></answer>'
                                   '<answer fraction="0"><text>c</text></answer></question>'))
    assert result.questions[0].type == "multiple"
    assert result.warnings[0].line == 3


ERRORS = [
    ('<question type="multichoice"><questiontext><text>Q?</text></questiontext>\n'
     '<answer fraction="0"><text>a</text></answer><answer fraction="0"><text>b</text></answer></question>',
     3, "multiple-choice question has no correct answer"),
    ('\n<question type="multichoice"><questiontext><text>Q?</text></questiontext>\n'
     '<answer fraction="lots"><text>a</text></answer></question>', 5, "answer fraction 'lots' is not a number"),
    ('<question type="multichoice"><questiontext><text>Q?</text></questiontext>'
     '<answer fraction="nan"><text>a</text></answer></question>', 3, "is outside -100..100"),
    ('<question type="truefalse"><questiontext><text>Q?</text></questiontext>'
     '<answer fraction="0"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>',
     3, "true/false question has no answer marked correct"),
    ('<question type="matching"><questiontext><text>Match</text></questiontext>'
     '<subquestion><text>a</text><answer><text>1</text></answer></subquestion></question>',
     3, "matching question needs at least 2 pairs"),
    ('<question type="matching"><questiontext><text>Match</text></questiontext>\n'
     '<subquestion><text>a</text><answer><text></text></answer></subquestion></question>',
     4, "matching prompt 'a' has no answer"),
    ('<question type="truefalse"><questiontext format="rtf"><text>Q?</text></questiontext></question>',
     3, "unknown text format 'rtf'"),
    ('<question type="truefalse"><questiontext><text>Q?</text></questiontext>'
     '<answer fraction="100"><text>true</text></answer>'
     '<tags><tag><text>lms-difficulty:hard</text></tag></tags></question>',
     3, "difficulty must be 1, 2 or 3, not 'hard'"),
]


@pytest.mark.parametrize(("body", "line", "message"), ERRORS, ids=[e[2][:30] for e in ERRORS])
def test_invalid_question_is_an_error_naming_its_line(body: str, line: int, message: str) -> None:
    result = moodle_xml.parse(quiz(body))
    assert result.questions == []
    assert len(result.errors) == 1
    assert result.errors[0].line == line
    assert message in result.errors[0].message


def test_an_invalid_question_does_not_stop_the_others() -> None:
    body = ('<question type="truefalse"><questiontext><text>Bad</text></questiontext></question>\n'
            '<question type="truefalse"><questiontext><text>Good</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer></question>')
    result = moodle_xml.parse(quiz(body))
    assert [q.stem for q in result.questions] == ["Good"]
    assert [e.line for e in result.errors] == [3]


@pytest.mark.parametrize(("data", "line", "message"), [
    ('<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n</quiz>', 4, "malformed XML: mismatched tag"),
    ("", 1, "malformed XML: no element found"),
    ("not xml at all", 1, "malformed XML"),
    ('<?xml version="1.0"?>\n<questions/>', 2, "the root element must be <quiz>, not <questions>"),
])
def test_malformed_xml_is_an_error_with_the_parser_line(data: str, line: int, message: str) -> None:
    result = moodle_xml.parse(data)
    assert result.questions == []
    assert [(e.line, e.message.startswith(message)) for e in result.errors] == [(line, True)]


def test_entity_expansion_is_refused() -> None:
    bomb = ('<?xml version="1.0"?>\n<!DOCTYPE quiz [\n <!ENTITY a "aaaaaaaaaa">\n'
            ' <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">\n]>\n<quiz>&b;</quiz>')
    result = moodle_xml.parse(bomb)
    assert result.questions == []
    assert [str(e) for e in result.errors] == ["line 3: XML entity declarations are not allowed"]


def test_external_entities_are_refused() -> None:
    xxe = ('<?xml version="1.0"?>\n<!DOCTYPE quiz [\n<!ENTITY x SYSTEM "file:///etc/passwd">\n]>\n'
           '<quiz><question type="essay"><name><text>&x;</text></name></question></quiz>')
    result = moodle_xml.parse(xxe)
    assert result.questions == [] and result.skipped == []
    assert result.errors[0].line == 3
    assert "not allowed" in result.errors[0].message


def test_external_dtd_is_refused() -> None:
    result = moodle_xml.parse('<?xml version="1.0"?>\n<!DOCTYPE quiz SYSTEM "http://example.invalid/q.dtd">\n<quiz/>')
    assert result.errors[0].message == "XML external references are not allowed"


# --- export ---------------------------------------------------------------------------


def test_export_writes_metadata_as_tags_and_escapes_text() -> None:
    question = QuestionData(
        id="kin-001", type="single", stem="Which is <b>right</b> & why?",
        choices=[Choice("GTO", True, "Yes"), Choice("Spindle")], title="GTO",
        domain="kinesiology", topic="proprioceptors", difficulty=1, module="kinesiology/02",
        references=["OpenStax 14.1"], tags=["scenario", "lms-looking"], text_format="html",
    )
    xml = moodle_xml.export([question])
    assert '<question type="multichoice">' in xml
    assert "<text>Which is &lt;b&gt;right&lt;/b&gt; &amp; why?</text>" in xml
    assert '<questiontext format="html">' in xml
    assert "<single>true</single>" in xml
    assert "<idnumber>kin-001</idnumber>" in xml
    for tag in ("lms-id:kin-001", "lms-domain:kinesiology", "lms-topic:proprioceptors",
                "lms-difficulty:1", "lms-module:kinesiology/02", "lms-reference:OpenStax 14.1",
                "scenario", "lms-tag:lms-looking"):
        assert f"<tag><text>{tag}</text></tag>" in xml


def test_export_multiple_uses_moodle_fractions() -> None:
    question = QuestionData(id="m", type="multiple", stem="Pick.", title="M",
                            choices=[Choice("a", True), Choice("b", True), Choice("c", True), Choice("d")])
    xml = moodle_xml.export([question])
    assert xml.count('fraction="33.33333"') == 3
    assert 'fraction="-33.33333"' in xml
    assert "<single>false</single>" in xml


def test_export_untitled_question_gets_a_name_from_its_text() -> None:
    question = QuestionData(id="t", type="truefalse", stem="Ice reduces swelling.", answer=True)
    assert "<name>\n      <text>Ice reduces swelling.</text>" in moodle_xml.export([question])


def test_export_refuses_characters_xml_cannot_hold() -> None:
    question = QuestionData(id="t", type="truefalse", stem="bell \x07", answer=True, line=9)
    with pytest.raises(FormatError, match="U\\+0007") as caught:
        moodle_xml.export([question])
    assert caught.value.line == 9
