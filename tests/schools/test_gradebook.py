from datetime import timedelta

from lms.assessment.models import QuizSpec
from lms.db import utcnow
from lms.schools import gradebook
from tests.schools.conftest import take


def test_gradebook_best_latest_attempts_late_and_domains(session, cohort, practice_assignment):
    spec = session.get(QuizSpec, practice_assignment.spec_id)
    ann, ben = cohort.learners
    take(session, ann, spec, correct=1)
    take(session, ann, spec, correct=3)
    take(session, ann, spec, correct=2)
    take(session, ben, spec, correct=0, when=utcnow() + timedelta(days=2))  # after the due date
    book = gradebook.build(session, cohort)
    ann_cell, ben_cell = book.cell(ann.id, practice_assignment.id), book.cell(ben.id, practice_assignment.id)
    assert (round(ann_cell.percent), ann_cell.attempts, ann_cell.late) == (100, 3, False)
    assert (ben_cell.percent, ben_cell.late, ben_cell.text()) == (0, True, "0% (late)")
    assert round(book.domains[ann.id]["kinesiology"]) == round(100 * 6 / 9)
    practice_assignment.grading = "latest"
    session.commit()
    assert round(gradebook.build(session, cohort).cell(ann.id, practice_assignment.id).percent) == 67


def test_csv_matches_the_screen(session, cohort, practice_assignment, instructor_client):
    spec = session.get(QuizSpec, practice_assignment.spec_id)
    take(session, cohort.learners[0], spec, correct=3)
    csv_text = instructor_client.get(f"/teaching/cohorts/{cohort.id}/gradebook.csv").get_data(as_text=True)
    page = instructor_client.get(f"/teaching/cohorts/{cohort.id}").get_data(as_text=True)
    assert csv_text.splitlines()[0].startswith("Learner,Email,Kinesiology set,Kinesiology average")
    assert "Ann Able" in csv_text and "100%" in csv_text and "not started" in csv_text
    assert "100%" in page and "not started" in page


def test_gradebook_query_count_does_not_grow_with_learners(app, session, cohort, practice_assignment, make_user):
    from sqlalchemy import event
    from lms.schools.models import CohortMember

    spec = session.get(QuizSpec, practice_assignment.spec_id)

    def count_queries():
        engine = app.extensions["lms.engine"]
        statements = []
        listener = lambda *args: statements.append(1)
        event.listen(engine, "before_cursor_execute", listener)
        gradebook.build(session, cohort)
        event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    for learner in cohort.learners:
        take(session, learner, spec, correct=1)
    session.expire_all()
    small = count_queries()
    for _ in range(8):
        user = make_user()
        session.add(CohortMember(cohort_id=cohort.id, user_id=user.id))
        session.commit()
        take(session, user, spec, correct=2)
    session.expire_all()
    assert count_queries() == small
