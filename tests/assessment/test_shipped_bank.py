"""The shipped question bank: valid, balanced like the blueprint, well crafted, linked to lessons."""
import random
import re
from collections import Counter
from pathlib import Path

import pytest

from lms.assessment import banksync, engine
from lms.assessment.bank import load_tree
from lms.blueprint import load
from lms.content.loader import load_tree as load_courses
from lms.db import utcnow

ROOT = Path(__file__).resolve().parents[2]
BLUEPRINT = load()
SCENARIO_AREAS = {"client-assessment", "pathology-contraindications", "ethics-laws", "professional-practice"}
CE_COURSES = {"ce-contraindications-caution", "ce-ethics-boundaries", "ce-chronic-pain-evidence"}


@pytest.fixture(scope="module")
def questions():
    found, problems = load_tree(ROOT / "question_bank", BLUEPRINT)
    assert [str(p) for p in problems] == []
    return found


def test_size_and_blueprint_proportions(questions):
    assert len(questions) >= 600
    per_area = Counter(q.domain for q in questions)
    for area in BLUEPRINT.areas:
        assert per_area[area.key] >= 60, area.key
        share = 100 * per_area[area.key] / len(questions)
        assert abs(share - area.weight) <= 1.0, f"{area.key}: {share:.1f}% vs {area.weight}%"


def test_every_subtopic_has_items(questions):
    per_topic = Counter((q.domain, q.topic) for q in questions)
    thin = [(a.key, s, per_topic[(a.key, s)]) for a in BLUEPRINT.areas for s in a.subtopics if per_topic[(a.key, s)] < 5]
    assert thin == []


def test_answer_positions_are_balanced(questions):
    positions = Counter("ABCD"[[c.correct for c in q.choices].index(True)]
                        for q in questions if q.type == "single" and len(q.choices) == 4)
    total = sum(positions.values())
    for letter in "ABCD":
        assert 0.20 <= positions[letter] / total <= 0.30, (letter, positions)


def _words(text):
    return set(re.findall(r"[a-z]+", text.lower()))


def test_no_duplicate_or_near_duplicate_stems(questions):
    stems = [(q.id, _words(q.stem)) for q in questions]
    exact = Counter(" ".join(sorted(w)) for _, w in stems)
    assert [s for s, n in exact.items() if n > 1] == []
    near = [(a, b) for i, (a, wa) in enumerate(stems) for b, wb in stems[i + 1:]
            if len(wa) >= 6 and len(wa & wb) / len(wa | wb) > 0.85]
    assert near == []


def test_item_craft(questions):
    for q in questions:
        text = q.stem + " " + " ".join(c.text for c in q.choices)
        assert not re.search(r"\b(all|none) of the above\b", text, re.I), q.id
        assert not re.search(r"\b(not|except)\b", q.stem), f"{q.id}: negative stem must be in capitals"
        assert q.rationale.strip() and q.references and q.module, q.id
        assert q.difficulty in (1, 2, 3)


def test_module_tags_point_at_real_lessons(questions):
    courses, _ = load_courses(ROOT / "courses", BLUEPRINT)
    modules = {f"{c.slug}/{m.file_stem}" for c in courses for m in c.modules}
    assert sorted({q.module for q in questions} - modules) == []


def test_scenarios_are_a_third_of_the_applied_areas(questions):
    for area in SCENARIO_AREAS:
        items = [q for q in questions if q.domain == area]
        assert sum("scenario" in q.tags for q in items) * 3 >= len(items), area


def test_each_ce_course_has_post_test_items(questions):
    tags = Counter(t for q in questions for t in q.tags if t.startswith("post-test:"))
    for course in CE_COURSES:
        assert tags[f"post-test:{course}"] >= 15, course


def test_a_full_mock_exam_draws_blueprint_shares(session, learner, questions):
    banksync.apply(session, questions)
    spec = engine.ensure_spec(session, "mock-mblex")
    attempt = engine.start(session, learner.id, spec, utcnow(), random.Random(7))
    counts = Counter(s.version.question.domain for s in attempt.slots)
    assert attempt.max_score == 100 and counts == {a.key: a.weight for a in BLUEPRINT.areas}
