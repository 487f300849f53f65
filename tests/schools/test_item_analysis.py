from lms.assessment.models import QuizSpec
from lms.schools import item_analysis
from tests.schools.conftest import take


def test_report_over_first_attempts(session, cohort, practice_assignment, instructor_client):
    spec = session.get(QuizSpec, practice_assignment.spec_id)
    ann, ben = cohort.learners
    take(session, ann, spec, correct=3)
    take(session, ben, spec, correct=1)
    take(session, ben, spec, correct=3)  # a second attempt: not in the default report
    report = item_analysis.analyse(session, spec, [ann.id, ben.id])
    assert report.attempts == 2 and round(report.mean_percent) == round((100 + 100 / 3) / 2)
    assert len(report.items) == 3 and all(r.stats.responses == 2 for r in report.items)
    picked = sum(sum(r.stats.choice_counts.values()) for r in report.items)
    assert picked == 6
    page = instructor_client.get(f"/teaching/cohorts/{cohort.id}/assignments/{practice_assignment.id}/analysis")
    assert page.status_code == 200 and "Facility" in page.get_data(as_text=True)
