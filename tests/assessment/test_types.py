import pytest

from lms.assessment import types
from lms.assessment.items import Choice, QuestionData
from lms.assessment.rendering import render_question
from tests.assessment.conftest import matching, single


def rendered(q):
    return render_question(q)


def test_single_choice():
    r = rendered(single("q", "kinesiology", "proprioceptors", key=2))
    kind = types.get("single")
    assert kind.grade(r, {"choice": "c"}) == 1.0
    assert kind.grade(r, {"choice": "a"}) == 0.0
    assert kind.grade(r, None) == 0.0
    assert kind.parse({"answer": ["zz"]}, r) is None  # not one of the choices
    assert kind.parse({"answer": ["b"]}, r) == {"choice": "b"}


def test_multiple_answer_partial_credit_rule():
    q = QuestionData(id="m", type="multiple", stem="?", choices=[Choice("a", True), Choice("b", True), Choice("c"),
                                                                  Choice("d")], rationale="r")
    r, kind = rendered(q), types.get("multiple")
    assert kind.grade(r, {"choices": ["a", "b"]}) == 1.0
    assert kind.grade(r, {"choices": ["a"]}) == 0.5
    assert kind.grade(r, {"choices": ["a", "c"]}) == 0.0
    assert kind.grade(r, {"choices": ["a", "b", "c", "d"]}) == 0.0  # selecting everything earns nothing
    assert kind.grade(r, {"choices": ["c", "d"]}) == 0.0  # never below zero
    assert kind.parse({"answer": ["b", "a", "a", "x"]}, r) == {"choices": ["a", "b"]}


def test_true_false():
    q = QuestionData(id="t", type="truefalse", stem="?", answer=False, rationale="r")
    r, kind = rendered(q), types.get("truefalse")
    assert kind.grade(r, kind.parse({"answer": ["false"]}, r)) == 1.0
    assert kind.grade(r, kind.parse({"answer": ["true"]}, r)) == 0.0
    assert kind.parse({"answer": ["maybe"]}, r) is None


def test_matching_scores_each_pair():
    r, kind = rendered(matching()), types.get("matching")
    right = kind.correct_response(r)["matches"]
    assert kind.grade(r, {"matches": right}) == 1.0
    two_right = dict(right, p3=right["p1"])
    assert kind.grade(r, {"matches": two_right}) == pytest.approx(2 / 3)
    assert len(r["matches"]) == 4  # the distractor is offered too
    assert kind.parse({"match-p1": [right["p1"]], "match-p2": ["bogus"]}, r) == {"matches": {"p1": right["p1"]}}
