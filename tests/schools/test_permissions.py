from lms.accounts.models import Role
from lms.schools.models import Cohort
from tests.conftest import sign_in


def test_instructor_sees_only_own_cohorts(app, session, cohort, make_user, instructor_client):
    other_instructor = sign_in(app.test_client(), make_user(Role.instructor))
    assert other_instructor.get(f"/teaching/cohorts/{cohort.id}").status_code == 404
    assert other_instructor.get(f"/teaching/cohorts/{cohort.id}/gradebook.csv").status_code == 404
    link = f'href="/teaching/cohorts/{cohort.id}"'
    assert link not in other_instructor.get("/teaching").get_data(as_text=True)
    assert link in instructor_client.get("/teaching").get_data(as_text=True)
    learner = cohort.learners[0]
    assert other_instructor.get(f"/teaching/cohorts/{cohort.id}/learners/{learner.id}").status_code == 404
    assert instructor_client.get(f"/teaching/cohorts/{cohort.id}/learners/{learner.id}").status_code == 200


def test_learners_cannot_teach_or_administer(app, cohort):
    learner = sign_in(app.test_client(), cohort.learners[0])
    for path in ("/teaching", f"/teaching/cohorts/{cohort.id}", "/admin/users", "/admin/roster", "/admin/audit",
                 "/admin/branding", "/admin/invitations"):
        assert learner.get(path).status_code == 403, path


def test_admin_sees_every_cohort(admin_client, cohort):
    assert admin_client.get(f"/teaching/cohorts/{cohort.id}").status_code == 200


def test_learner_sees_own_assignment_and_only_own_cohort(app, session, cohort, practice_assignment, make_user):
    member = sign_in(app.test_client(), cohort.learners[0])
    assert "Kinesiology set" in member.get("/dashboard").get_data(as_text=True)
    outsider = sign_in(app.test_client(), make_user())
    assert "Kinesiology set" not in outsider.get("/dashboard").get_data(as_text=True)
    assert outsider.post(f"/assignments/{practice_assignment.id}/start").status_code == 404
    started = member.post(f"/assignments/{practice_assignment.id}/start")
    assert "/attempts/" in started.headers["Location"]


def test_instructor_creates_cohort_adds_member_and_assigns(instructor_client, session, make_user, loaded_bank):
    learner = make_user(email="new.learner@example.com")
    response = instructor_client.post("/teaching", data={"name": "Weekend class"})
    cohort_id = int(response.headers["Location"].rsplit("/", 1)[1])
    instructor_client.post(f"/teaching/cohorts/{cohort_id}/members", data={"email": "NEW.learner@example.com"})
    bad = instructor_client.post(f"/teaching/cohorts/{cohort_id}/assignments", data={
        "kind": "practice", "title": "Set 1", "grading": "best", "items": "5", "feedback": "immediate"})
    assert bad.status_code == 400 and "Choose at least one content area" in bad.get_data(as_text=True)
    ok = instructor_client.post(f"/teaching/cohorts/{cohort_id}/assignments", data={
        "kind": "practice", "title": "Set 1", "grading": "best", "items": "5", "domains": ["ethics-laws"], "feedback": "immediate",
        "due_at": "2030-01-01T10:00"})
    assert ok.status_code == 302
    page = instructor_client.get(f"/teaching/cohorts/{cohort_id}").get_data(as_text=True)
    assert "Set 1" in page and learner.full_name in page


def test_instructor_roster_may_add_only_learners(instructor_client):
    import io
    page = instructor_client.post("/admin/roster", data={"file": (io.BytesIO(
        b"email,full_name,role\nboss@example.com,Boss,admin\n"), "r.csv")},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "row 2, column role: you can only add learners" in page


def test_practice_set_settings_reach_the_quiz(instructor_client, session, cohort):
    from lms.assessment.models import QuizSpec
    from lms.schools.models import Assignment
    instructor_client.post(f"/teaching/cohorts/{cohort.id}/assignments", data={
        "kind": "practice", "title": "Timed set", "grading": "latest", "items": "4", "domains": ["kinesiology"],
        "time_limit": "15", "attempts": "2", "feedback": "deferred"})
    assignment = session.query(Assignment).filter_by(title="Timed set").one()
    spec = session.get(QuizSpec, assignment.spec_id)
    assert (spec.time_limit_minutes, spec.attempts_allowed, spec.feedback, spec.items) == (15, 2, "deferred", 4)
