"""GIFT import: every documented example, metadata, escapes, and errors with their line."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from lms.assessment.formats import gift
from lms.assessment.items import Choice, FormatError, Pair, QuestionData

DATA = Path(__file__).parent / "data" / "gift_doc_examples.gift"


def section(name: str) -> str:
    """The text of one ``// == name ==`` section of the documented examples."""
    text = DATA.read_text(encoding="utf-8")
    parts = re.split(r"^// == (.+) ==$", text, flags=re.MULTILINE)
    sections = dict(zip(parts[1::2], parts[2::2], strict=True))
    return sections[name]


def parse_ok(text: str) -> list[QuestionData]:
    result = gift.parse(text)
    assert result.errors == []
    return result.questions


def choices(question: QuestionData) -> list[tuple[str, bool]]:
    return [(choice.text, choice.correct) for choice in question.choices]


# --- the documented examples ----------------------------------------------------------


def test_whole_documentation_file_parses_without_errors() -> None:
    result = gift.parse(DATA.read_text(encoding="utf-8"))
    assert result.errors == []
    assert len(result.questions) == 33
    assert len(result.skipped) == 18
    assert len(result.warnings) == 2
    assert len({q.id for q in result.questions}) == 33


def test_multiple_choice() -> None:
    (question,) = parse_ok(section("multiple choice"))
    assert question.type == "single"
    assert question.stem == "Which receptor responds to tension in a tendon?"
    assert choices(question) == [("Muscle spindle", False), ("Pacinian corpuscle", False),
                                 ("Golgi tendon organ", True)]
    assert question.text_format == "moodle"  # GIFT's default
    assert question.title == ""
    assert question.id == "which-receptor-responds-to-tension-in-a-tendon"


def test_missing_word_keeps_a_blank_in_the_stem() -> None:
    (question,) = parse_ok(section("missing word"))
    assert question.stem == "The _____ extends the elbow."
    assert choices(question) == [("biceps", False), ("triceps", True), ("deltoid", False)]


def test_answers_on_their_own_lines() -> None:
    first, second = parse_ok(section("answers on their own lines"))
    assert first.stem == "Effleurage strokes are usually directed toward the _____ to support venous return."
    assert choices(first)[2] == ("heart", True)
    assert second.stem == "Which plane divides the body into left and right parts?"
    assert [c.text for c in second.choices] == ["Frontal", "Sagittal", "Transverse", "Oblique"]


def test_feedback_per_answer_on_one_line() -> None:
    (question,) = parse_ok(section("feedback per answer on one line"))
    assert question.choices == [
        Choice("the popliteal fossa", True, "right; well done!"),
        Choice("the iliac crest", False, "no, that is the pelvis"),
        Choice("the olecranon", False, "no, that is the elbow"),
    ]


def test_short_answer_is_skipped_with_its_line() -> None:
    text = section("short answer")
    result = gift.parse(text)
    assert result.questions == [] and result.errors == []
    assert [p.message for p in result.skipped] == [
        "skipped short answer question 'Which muscle is the prime mover of hi...'",
        "skipped short answer question 'The trapezius is described as having...'",
    ]
    assert [p.line for p in result.skipped] == [2, 4]


def test_true_false() -> None:
    questions = parse_ok(section("true false"))
    assert [q.type for q in questions] == ["truefalse"] * 4
    assert [q.answer for q in questions] == [False, True, True, False]
    assert questions[0].stem == "Petrissage is a gliding stroke."


def test_matching() -> None:
    first, second, third = parse_ok(section("matching"))
    assert first.type == "matching"
    assert first.pairs == [Pair("Effleurage", "gliding"), Pair("Petrissage", "kneading"),
                           Pair("Tapotement", "percussion")]
    assert second.pairs[0] == Pair("Femur", "thigh")  # no spaces around '->'
    assert third.rationale == "Knowing prime movers helps you plan a session."


def test_numerical_is_skipped() -> None:
    result = gift.parse(section("numerical"))
    assert result.questions == [] and result.errors == []
    assert [p.message.split(" question")[0] for p in result.skipped] == ["skipped numerical"] * 4


def test_line_comment_is_ignored_and_question_line_is_after_it() -> None:
    result = gift.parse(section("line comments"))
    assert len(result.skipped) == 1
    assert result.skipped[0].line == 3  # the comment is on line 2
    assert "How many cervical vertebrae" in result.skipped[0].message


def test_question_name() -> None:
    result = gift.parse(section("question name"))
    assert result.skipped[0].message == "skipped short answer question 'Biceps origin'"
    (question,) = result.questions
    assert question.title == "Stroke order"
    assert question.id == "stroke-order"
    assert question.stem == "A Swedish massage usually begins with _____ strokes."


def test_feedback() -> None:
    result = gift.parse(section("feedback"))
    (question,) = result.questions
    assert question.choices[2] == Choice("Effleurage", True, "Right: light gliding strokes warm the tissue.")
    assert question.choices[0].feedback == "Percussion stimulates; it does not warm the tissue."
    assert len(result.skipped) == 1  # '=' answers only: short answer


def test_text_formats() -> None:
    result = gift.parse(section("text format"))
    assert len(result.skipped) == 1  # the markdown short-answer example
    markdown, html, plain, moodle = result.questions
    assert markdown.text_format == "markdown"
    assert markdown.stem == "The *rotator cuff* has _____ muscles."
    assert html.text_format == "html"
    assert html.stem == "<p>Which nerve passes through the <b>carpal tunnel</b>?</p>"
    assert html.id == "which-nerve-passes-through-the-carpal-tunnel"
    assert plain.text_format == "plain"
    assert moodle.text_format == "moodle"


def test_percentage_weights() -> None:
    result = gift.parse(section("percentage weights"))
    truefalse, difficult, trigger = result.questions
    assert truefalse.answer is True
    # the only feedback is for a wrong answer, i.e. for answering False
    assert truefalse.feedback_false == "Massage could dislodge the clot."
    assert truefalse.feedback_true == ""
    # a positive weight makes a choice correct; several make the question 'multiple'
    assert difficult.type == "multiple"
    assert choices(difficult) == [("wrong answer", False), ("half credit answer", True),
                                  ("full credit answer", True)]
    assert trigger.type == "multiple"
    assert [c.correct for c in trigger.choices] == [False, True, True, True]
    assert trigger.choices[1].feedback == "True, but too general."
    assert trigger.stem == "A trigger point is best described as a _____."
    assert [w.line for w in result.warnings] == [4, 6]
    assert "imported as 'multiple'" in result.warnings[0].message
    assert result.skipped[0].message == "skipped short answer question 'Trigger point (short answer)'"


def test_multiple_answers() -> None:
    result = gift.parse(section("multiple answers"))
    assert result.warnings == []
    for question in result.questions:
        assert question.type == "multiple"
        assert [c.correct for c in question.choices] == [False, True, True, False]
    assert result.questions[0].id != result.questions[1].id  # same stem, unique ids


def test_special_characters() -> None:
    equals, control, colon, newline = parse_ok(section("special characters"))
    assert choices(equals) == [("= 2 + 2", False), ("= 2 + 3", True), ("= 2 + 4", False)]
    assert control.title == "GIFT Control Characters"
    assert [c.text for c in control.choices] == ["~", "=", "#", "{", "}", "\\"]
    assert control.choices[0].feedback == "~ is a control character."
    assert control.choices[5].correct
    assert control.choices[5].feedback.startswith("Correct! \\ (backslash) is not a control character. BUT,\n")
    assert colon.stem == "The ratio of work to rest was 1:2 in this set."
    assert newline.stem == "First line of the stem\nsecond line of the stem."


def test_general_feedback() -> None:
    (question,) = parse_ok(section("general feedback"))
    assert question.rationale == "The knee is mainly a hinge joint."
    assert choices(question) == [("hinge", True), ("ball and socket", False), ("pivot", False)]


def test_essay_and_description_are_skipped() -> None:
    essay = gift.parse(section("essay"))
    assert [str(p) for p in essay.skipped] == ["line 2: skipped essay question 'Draping'"]
    description = gift.parse(section("description"))
    assert description.skipped[0].message.startswith("skipped description 'The next questions")


def test_category_applies_to_following_questions() -> None:
    first, second = parse_ok(section("category"))
    assert first.category == "$course$/top/Kinesiology/Shoulder"
    assert second.category == "tom/dick/harry"


def test_quick_examples() -> None:
    result = gift.parse(section("quick examples"))
    assert [q.title for q in result.questions] == ["Q1", "Q2", "Q4"]
    assert [p.message.split("'")[1] for p in result.skipped] == ["Q3", "Q5", "Q6", "Q7", "Q8"]
    q2 = result.questions[1]
    assert q2.stem == "Which muscle lies between the biceps and the triceps in the upper arm?"
    assert q2.choices[1] == Choice("deltoid", False, "wrong, it's the brachialis")


# --- more syntax ----------------------------------------------------------------------


def test_truefalse_takes_wrong_then_right_feedback() -> None:
    (true_q, false_q) = parse_ok("Stretching warms muscle.{TRUE#Wrong answer.#Right answer.}\n\n"
                                 "Ice increases blood flow.{F#Wrong answer.#Right answer.}")
    assert (true_q.feedback_true, true_q.feedback_false) == ("Right answer.", "Wrong answer.")
    assert (false_q.feedback_true, false_q.feedback_false) == ("Wrong answer.", "Right answer.")


def test_lms_metadata_comment_is_read() -> None:
    text = ('// lms: {"id": "kin-001", "domain": "kinesiology", "topic": "proprioceptors", '
            '"difficulty": 3, "references": ["OpenStax 14.1"], "tags": ["scenario"], '
            '"module": "kinesiology/02-proprioceptors"}\n'
            "::GTO::Which receptor detects tension?{=Golgi tendon organ ~Muscle spindle}\n")
    (question,) = parse_ok(text)
    assert question.id == "kin-001"
    assert (question.domain, question.topic, question.difficulty) == ("kinesiology", "proprioceptors", 3)
    assert question.references == ["OpenStax 14.1"]
    assert question.tags == ["scenario"]
    assert question.module == "kinesiology/02-proprioceptors"
    assert question.line == 2


def test_escaped_backslash_before_n_is_not_a_newline() -> None:
    (question,) = parse_ok(r"Type C:\\new\\notes here.{T}")
    assert question.stem == "Type C:\\new\\notes here."


def test_format_tag_on_an_answer_is_dropped() -> None:
    (question,) = parse_ok("[html]Pick one{=[html]<b>A</b> ~[markdown]*B*}")
    assert [c.text for c in question.choices] == ["<b>A</b>", "*B*"]


def test_crlf_and_byte_order_mark() -> None:
    questions = parse_ok("\ufeff// hi\r\nQ one?{T}\r\n\r\nQ two?{F}\r\n")
    assert [(q.stem, q.line) for q in questions] == [("Q one?", 2), ("Q two?", 4)]


def test_distractor_in_matching() -> None:
    (question,) = parse_ok("Match.{=a -> 1 =b -> 2 = -> 3}")
    assert question.pairs == [Pair("a", "1"), Pair("b", "2")]
    assert question.distractors == ["3"]


def test_category_block_may_be_followed_by_a_question_without_blank_line() -> None:
    (question,) = parse_ok("$CATEGORY: a/b\nQ?{T}")
    assert question.category == "a/b"
    assert question.line == 2


# --- errors ---------------------------------------------------------------------------

ERRORS = [
    ("Q1?{T}\n\nWhich stroke\nis gliding? {\n~a\n=b\n", 4, "'{' is not closed with '}'"),
    ("Broken } here {T}", 1, "'}' without an opening '{'"),
    ("Which muscle?\n{~biceps ~triceps}", 1, "multiple-choice question has no correct answer"),
    ("Match.\n{=a -> 1}", 1, "matching question needs at least 2 pairs"),
    ("Match. {\n=a -> 1\n=b\n}", 3, "matching item 'b' has no '->'"),
    ("Match. {=a -> 1 =b -> }", 1, "has nothing after '->'"),
    ("Match. {=a -> 1 =b -> 1}", 1, "uses the match '1' for two prompts"),
    ("::Title without end\nQ?{T}", 1, "question title is not closed with '::'"),
    ("Q? {\n~a\n{=b}\n}", 3, "'{' inside an answer block"),
    ("Q one?{T}\nQ two?{F}", 2, "a second answer block"),
    ("Q? {stray ~a =b}", 1, "text 'stray' before the first answer"),
    ("Q? {\n~a\n~%150%b\n}", 3, "answer weight %150% is outside -100%..100%"),
    ("Q? {=a ~}", 1, "has an empty choice"),
    ("{=a ~b}", 1, "question text is empty"),
    ("// lms: {not json\nQ?{T}", 1, "lms metadata is not valid JSON"),
    ("// lms: [1]\nQ?{T}", 1, "lms metadata must be a JSON object"),
    ('// lms: {"difficulty": 7}\nQ?{T}', 1, "difficulty must be 1, 2 or 3, not 7"),
    ('// lms: {"domian": "x"}\nQ?{T}', 1, "unknown metadata key 'domian'"),
]


@pytest.mark.parametrize(("text", "line", "message"), ERRORS, ids=[e[2][:40] for e in ERRORS])
def test_malformed_question_is_an_error_naming_its_line(text: str, line: int, message: str) -> None:
    result = gift.parse(text)
    assert len(result.errors) == 1, result.errors
    assert result.errors[0].line == line
    assert message in result.errors[0].message


def test_error_message_reads_like_a_sentence() -> None:
    result = gift.parse("\n\n// three\nMatch.\n{=a -> 1}")
    assert str(result.errors[0]) == "line 4: matching question needs at least 2 pairs"


def test_an_error_does_not_stop_the_following_questions() -> None:
    result = gift.parse("Q1?{~a ~b}\n\nQ2?{T}\n\nQ3? {\n=x\n~y\n")
    assert [q.stem for q in result.questions] == ["Q2?"]
    assert [e.line for e in result.errors] == [1, 5]


# --- export ---------------------------------------------------------------------------


def test_export_writes_moodle_style_gift() -> None:
    questions = [
        QuestionData(id="kin-001", type="single", stem="Which receptor: spindle or {GTO}?",
                     choices=[Choice("GTO", True, "Yes #1"), Choice("Spindle")],
                     rationale="Tension = GTO.", title="GTO", domain="kinesiology",
                     category="top/Kin", text_format="markdown"),
        QuestionData(id="tf-1", type="truefalse", stem="Ice reduces swelling.", answer=False,
                     feedback_true="Wrong.", feedback_false="Right."),
        QuestionData(id="m-1", type="multiple", stem="Pick the calf muscles.",
                     choices=[Choice("Soleus", True), Choice("Gastrocnemius", True),
                              Choice("Sartorius"), Choice("Gracilis")]),
    ]
    assert gift.export(questions) == (
        "$CATEGORY: top/Kin\n"
        "\n"
        '// lms: {"id": "kin-001", "domain": "kinesiology"}\n'
        "::GTO::[markdown]Which receptor\\: spindle or \\{GTO\\}?{\n"
        "\t=GTO#Yes \\#1\n"
        "\t~Spindle\n"
        "\t####Tension \\= GTO.\n"
        "}\n"
        "\n"
        '// lms: {"id": "tf-1", "category": ""}\n'
        "[markdown]Ice reduces swelling.{FALSE#Wrong.#Right.}\n"
        "\n"
        '// lms: {"id": "m-1", "category": ""}\n'
        "[markdown]Pick the calf muscles.{\n"
        "\t~%50%Soleus\n"
        "\t~%50%Gastrocnemius\n"
        "\t~%-50%Sartorius\n"
        "\t~%-50%Gracilis\n"
        "}\n"
    )


def test_export_uses_moodle_weights_for_three_correct_answers() -> None:
    question = QuestionData(id="x", type="multiple", stem="Pick.",
                            choices=[Choice("a", True), Choice("b", True), Choice("c", True), Choice("d")])
    assert "~%33.33333%a" in gift.export([question])
    assert "~%-33.33333%d" in gift.export([question])


def test_export_refuses_an_ungradable_question() -> None:
    question = QuestionData(id="bad", type="single", stem="Q?", choices=[Choice("a"), Choice("b")], line=7)
    with pytest.raises(FormatError) as caught:
        gift.export([question])
    assert caught.value.line == 7
    assert "exactly one correct choice" in str(caught.value)


def test_export_refuses_an_arrow_in_a_matching_prompt() -> None:
    question = QuestionData(id="m", type="matching", stem="Match.",
                            pairs=[Pair("a -> b", "1"), Pair("c", "2")])
    with pytest.raises(FormatError, match="contains '->'"):
        gift.export([question])
