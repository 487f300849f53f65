"""No main page issues more SQL queries at 10x the data than at 1x (no N+1 queries)."""
import random
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import event

from lms.accounts.models import Role
from lms.assessment import banksync, engine
from lms.blueprint import load
from lms.content import progress, sync
from lms.content.loader import load_tree
from lms.content.models import Course
from lms.credits import ledger
from lms.db import utcnow
from lms.schools import assignments
from lms.schools.models import Cohort, CohortMember
from tests.assessment.conftest import bank
from tests.conftest import empty_tables, sign_in
from tests.content.conftest import MODULE, write_course

PAGES = ["/dashboard", "/courses", "/courses/course-0", "/courses/course-0/m0", "/practice", "/exams", "/review",
         "/readiness", "/credits", "/credits/licenses", "/search?q=spindles"]
STAFF_PAGES = ["/teaching", "/teaching/cohorts/{cohort}"]


def seed(app, session, learner, instructor, make_user, tmp_path: Path, n: int) -> dict:
    root = tmp_path / f"courses-{n}"
    for c in range(n):
        write_course(root, slug=f"course-{c}", modules={f"0{m}-m{m}": MODULE.format(title=f"M{m}", extra="")
                                                       for m in range(2)})
    specs, problems = load_tree(root, load())
    assert problems == []
    sync.apply(session, specs)
    banksync.apply(session, bank(per_domain=2 * n))
    for course in session.query(Course).all():
        progress.enroll(session, learner.id, course)
        progress.mark_complete(session, learner.id, course.modules[0])
    practice = engine.ensure_spec(session, "practice")
    for i in range(n):
        attempt = engine.start(session, learner.id, practice, utcnow(), random.Random(i), chosen={"count": 3})
        for slot in attempt.slots:
            engine.save_answer(session, attempt, slot, {"answer": ["a"]}, utcnow())
        engine.finish(session, attempt, utcnow())
        ledger.append(session, user_id=learner.id, title=f"CE {i}", provider_name="P", hours=1, categories=["ethics"],
                      delivery="live", completed_on=date(2026, 1, 1), source="external", recorded_by_id=learner.id)
    cohort = Cohort(name="Class", instructor_id=instructor.id)
    session.add(cohort)
    session.flush()
    session.add(CohortMember(cohort_id=cohort.id, user_id=learner.id))
    for _ in range(n):
        session.add(CohortMember(cohort_id=cohort.id, user_id=make_user().id))
    session.commit()
    for i in range(n):
        assignments.create(session, cohort, instructor.id, {"kind": "practice", "title": f"Set {i}",
                                                            "domains": ["kinesiology"], "items": 3, "grading": "best"})
        assignments.create(session, cohort, instructor.id, {"kind": "course", "title": f"Read {i}",
                                                            "course": f"course-{i}", "grading": "best"})
    return {"cohort": cohort.id}


def count_queries(app, client, path) -> int:
    engine_ = app.extensions["lms.engine"]
    seen = []
    listener = lambda *args: seen.append(1)  # noqa: E731
    event.listen(engine_, "before_cursor_execute", listener)
    try:
        response = client.get(path)
    finally:
        event.remove(engine_, "before_cursor_execute", listener)
    assert response.status_code == 200, path
    return len(seen)


def counts(app, session, learner, instructor, make_user, tmp_path, n):
    ids = seed(app, session, learner, instructor, make_user, tmp_path, n)
    learner_client, staff = sign_in(app.test_client(), learner), sign_in(app.test_client(), instructor)
    result = {p: count_queries(app, learner_client, p) for p in PAGES}
    result.update({p: count_queries(app, staff, p.format(**ids)) for p in STAFF_PAGES})
    return result


@pytest.fixture
def small(app, session, learner, instructor, make_user, tmp_path):
    return counts(app, session, learner, instructor, make_user, tmp_path, 1)


def test_query_counts_do_not_grow_with_data(app, session, make_user, tmp_path, small):
    empty_tables(app.extensions["lms.engine"])
    session.expunge_all()  # the rows behind the session's objects are gone, and SQLite reuses their ids
    learner, instructor = make_user(), make_user(Role.instructor)
    large = counts(app, session, learner, instructor, make_user, tmp_path / "big", 10)
    grew = {page: (small[page], large[page]) for page in small if large[page] > small[page]}
    assert grew == {}
