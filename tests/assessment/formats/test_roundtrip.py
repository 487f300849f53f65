"""export -> parse gives back equal questions, in every format, for every supported type."""
from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lms.assessment.formats import FORMATS, aiken, get_format, gift, moodle_xml
from lms.assessment.items import Choice, Pair, QuestionData, question_problems

DOC_EXAMPLES = Path(__file__).parent / "data" / "gift_doc_examples.gift"

METADATA = dict(domain="kinesiology", topic="proprioceptors", difficulty=3, module="kinesiology/02-proprioceptors",
                references=["OpenStax, A&P 2e, 14.1. https://openstax.org/x"], tags=["scenario", "post-test:ethics"])

SAMPLES = [
    QuestionData(id="kin-001", type="single", title="GTO #1", category="$course$/top/Kinesiology",
                 stem="A client's *hamstrings* relax {after} pressure: which receptor = the cause?\nPick one.",
                 choices=[Choice("Muscle spindle", False, "Spindles ~ stretch."),
                          Choice("Golgi tendon organ", True, "Tension -> inhibition."),
                          Choice("%0 of the above", False, "[sic] no"),
                          Choice("[html] looking text")],
                 rationale="GTOs sit at the musculotendinous junction.\n\nSee C:\\notes.", **METADATA),
    QuestionData(id="kin-002", type="multiple", title="Calf", category="$course$/top/Kinesiology",
                 stem="Which muscles form the calf?",
                 choices=[Choice("Gastrocnemius", True, "Yes"), Choice("Soleus", True), Choice("Plantaris", True),
                          Choice("Sartorius", False, "No: thigh.")],
                 rationale="Triceps surae.", text_format="html"),
    QuestionData(id="path-001", type="truefalse", title="Ice", category="$course$/top/Pathology",
                 stem="Ice increases local blood flow at first.", answer=False,
                 feedback_true="No: cold constricts vessels.", feedback_false="Right.", rationale="Vasoconstriction.",
                 text_format="plain", difficulty=1),
    QuestionData(id="path-002", type="truefalse", title="DVT", stem="Massage is contraindicated over a DVT.",
                 answer=True, feedback_true="Right.", text_format="moodle"),
    QuestionData(id="strokes", type="matching", title="Strokes", stem="Match each stroke with its movement.",
                 pairs=[Pair("Effleurage", "gliding"), Pair("Petrissage", "kneading {lifting}"),
                        Pair("Tapotement", "percussion #1")],
                 distractors=["vibration", "static: hold"], rationale="Swedish massage basics.", tags=["lms-odd"]),
]


@pytest.mark.parametrize("module", [gift, moodle_xml], ids=["gift", "moodle_xml"])
def test_every_field_survives_a_round_trip(module) -> None:
    result = module.parse(module.export(SAMPLES))
    assert result.errors == [] and result.skipped == [] and result.warnings == []
    assert result.questions == SAMPLES


def test_aiken_round_trip_keeps_what_aiken_holds() -> None:
    question = QuestionData(id="which-stroke-glides-over-the-skin", type="single",
                            stem="Which stroke glides\nover the skin?", text_format="plain",
                            choices=[Choice("Petrissage"), Choice("Effleurage", True), Choice("Tapotement")])
    assert aiken.parse(aiken.export([question])).questions == [question]


def test_gift_documentation_examples_round_trip_through_gift_and_moodle_xml() -> None:
    original = gift.parse(DOC_EXAMPLES.read_text(encoding="utf-8")).questions
    assert gift.parse(gift.export(original)).questions == original
    via_xml = gift.parse(gift.export(moodle_xml.parse(moodle_xml.export(original)).questions)).questions
    # Moodle requires a name, so untitled questions come back named after their text
    assert [q.title for q in via_xml if not q.title] == []
    assert via_xml == [dataclasses.replace(q, title=v.title) for q, v in zip(original, via_xml, strict=True)]


def test_registry() -> None:
    assert sorted(FORMATS) == ["aiken", "gift", "moodle_xml"]
    assert get_format("gift").parse is gift.parse
    assert get_format("aiken").exports == frozenset({"single"})
    with pytest.raises(ValueError, match="unknown question format 'qti'"):
        get_format("qti")


# --- generated questions ------------------------------------------------------------------

_SPECIAL = st.sampled_from(["~", "=", "#", "{", "}", ":", "\\", "\\n", "->", "%", "%50%", "[html]", "[", "]",
                            "//", "####", "&", "<", ">", "]]>", "_____", "\n", " ", "é", "✓"])
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"))


def _clean(text: str) -> bool:
    return text == text.strip() and text != ""


texts = st.lists(st.one_of(_CHARS.map(str), _SPECIAL), min_size=1, max_size=12).map("".join).filter(_clean)
words = st.text(alphabet="abcdefghij-/ ", min_size=1, max_size=12).filter(_clean)
optional = st.one_of(st.just(""), texts)


@st.composite
def questions(draw: st.DrawFn) -> QuestionData:
    kind = draw(st.sampled_from(["single", "multiple", "truefalse", "matching"]))
    question = QuestionData(
        id=draw(st.from_regex(r"[a-z0-9]+(-[a-z0-9]+)*", fullmatch=True).filter(lambda s: len(s) < 40)),
        type=kind, stem=draw(texts), title=draw(texts), rationale=draw(optional),
        domain=draw(st.one_of(st.just(""), words)), topic=draw(st.one_of(st.just(""), words)),
        difficulty=draw(st.sampled_from([1, 2, 3])), module=draw(st.one_of(st.just(""), words)),
        references=draw(st.lists(texts, max_size=2)), tags=draw(st.lists(texts, max_size=2)),
        category=draw(st.one_of(st.just(""), words)),
        text_format=draw(st.sampled_from(["markdown", "html", "plain", "moodle"])),
    )
    if kind in ("single", "multiple"):
        count = draw(st.integers(2, 5))
        correct = 1 if kind == "single" else draw(st.integers(2, count))
        question.choices = [Choice(draw(texts), i < correct, draw(optional)) for i in range(count)]
    elif kind == "truefalse":
        question.answer = draw(st.booleans())
        question.feedback_true, question.feedback_false = draw(optional), draw(optional)
    else:
        matches = draw(st.lists(texts, min_size=2, max_size=4, unique=True))
        prompts = draw(st.lists(texts.filter(lambda t: "->" not in t), min_size=len(matches),
                                max_size=len(matches)))
        question.pairs = [Pair(p, m) for p, m in zip(prompts, matches, strict=True)]
        question.distractors = draw(st.lists(texts, max_size=2))
    assert question_problems(question) == []
    return question


@settings(max_examples=100, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=4, unique_by=lambda q: q.id))
def test_generated_questions_round_trip_through_gift(generated: list[QuestionData]) -> None:
    result = gift.parse(gift.export(generated))
    assert result.errors == [] and result.skipped == []
    assert result.questions == generated


@settings(max_examples=100, deadline=None)
@given(st.lists(questions(), min_size=1, max_size=4, unique_by=lambda q: q.id))
def test_generated_questions_round_trip_through_moodle_xml(generated: list[QuestionData]) -> None:
    result = moodle_xml.parse(moodle_xml.export(generated))
    assert result.errors == [] and result.skipped == []
    assert result.questions == generated
