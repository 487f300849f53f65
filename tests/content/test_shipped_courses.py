"""The shipped curriculum: valid, complete coverage of the blueprint, real lessons with references."""
from pathlib import Path

import pytest

from lms.blueprint import load
from lms.content.loader import ce_hours_supported, count_words, load_tree

ROOT = Path(__file__).resolve().parents[2] / "courses"
BLUEPRINT = load()


@pytest.fixture(scope="module")
def courses():
    specs, problems = load_tree(ROOT, BLUEPRINT)
    assert [str(p) for p in problems] == []
    return specs


def test_one_exam_prep_course_per_content_area_with_five_modules(courses):
    exam_prep = {c.slug: c for c in courses if c.kind == "exam-prep"}
    assert set(exam_prep) == BLUEPRINT.area_keys
    for course in exam_prep.values():
        assert len(course.modules) >= 5, course.slug


def test_every_module_is_a_real_lesson_with_references(courses):
    """Exam-prep lessons are 800-2,000 words (the curriculum brief); CE modules may run a little longer,
    since their total reading is what earns the stated CE hours."""
    for course in courses:
        longest = 2000 if course.kind == "exam-prep" else 2500
        for module in course.modules:
            words = count_words(module.markdown)
            assert 800 <= words <= longest, f"{module.path}: {words} words"
            assert module.references and module.objectives, module.path
            assert "## Summary" in module.markdown or course.kind == "ce", f"{module.path}: no summary"
            assert abs(module.minutes - words / 200) <= 3, f"{module.path}: minutes {module.minutes} for {words} words"


def test_every_subtopic_is_taught_by_a_module(courses):
    taught = {(d, s) for c in courses if c.kind == "exam-prep" for m in c.modules for d in c.exam_domains
              for s in m.subtopics}
    missing = [(a.key, s) for a in BLUEPRINT.areas for s in a.subtopics if (a.key, s) not in taught]
    assert missing == []


def test_ce_courses_state_only_hours_their_reading_and_post_test_support(courses):
    for course in (c for c in courses if c.kind == "ce"):
        assert float(course.ce["hours"]) <= ce_hours_supported(course) + 1e-9, course.slug


def test_a_learner_can_read_every_shipped_module(session, learner_client, courses):
    from lms.content import sync
    sync.apply(session, courses)
    for course in courses:
        for module in course.modules:
            response = learner_client.get(f"/courses/{course.slug}/{module.slug}")
            assert response.status_code == 200, module.path
            assert module.title.split(":")[0][:20] in response.get_data(as_text=True)
