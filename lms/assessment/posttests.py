"""A CE course's post-test, defined in its course.yml and drawn from questions tagged post-test:<course>."""
from __future__ import annotations

from sqlalchemy.orm import Session

from lms.assessment.engine import ensure_spec
from lms.assessment.models import QuizSpec
from lms.content.models import Course


def post_test_spec(db: Session, course: Course) -> QuizSpec:
    """The course's post-test spec, kept in step with course.yml."""
    settings = course.post_test or {}
    spec = ensure_spec(db, f"post-test:{course.slug}", kind="post-test", title=f"Post-test: {course.title}",
                       course_id=course.id, feedback="deferred")
    spec.items = int(settings.get("items", 10))
    spec.pass_mark = int(settings.get("pass_mark", 70))
    spec.attempts_allowed = int(settings.get("attempts", 0))
    spec.time_limit_minutes = int(settings.get("time_limit_minutes", 0))
    spec.shuffle_questions = bool(settings.get("shuffle_questions", True))
    spec.shuffle_choices = bool(settings.get("shuffle_choices", True))
    spec.feedback = settings.get("feedback", "deferred")
    spec.review = settings.get("review", "after-submit")
    spec.selection = {"tag": f"post-test:{course.slug}"}
    db.commit()
    return spec
