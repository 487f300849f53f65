import re

from lms.assessment import engine
from tests.conftest import sign_in


def start_mock(client, session):
    engine.ensure_spec(session, "mock-mblex", items=7, time_limit_minutes=30)
    response = client.post("/exams/mock")
    return int(re.search(r"/attempts/(\d+)", response.headers["Location"]).group(1))


def test_in_progress_page_never_contains_the_key(learner_client, session, loaded_bank):
    attempt_id = start_mock(learner_client, session)
    for position in range(1, 8):
        page = learner_client.get(f"/attempts/{attempt_id}/q/{position}").get_data(as_text=True)
        assert "Correct answer" not in page and "is-key" not in page and "Because " not in page
        assert "feedback 0" not in page and "feedback 1" not in page
    js = learner_client.get("/static/js/site.js").get_data(as_text=True)
    assert "correct" not in js.lower()


def test_answers_survive_a_reload_and_resume(learner_client, session, loaded_bank):
    attempt_id = start_mock(learner_client, session)
    learner_client.post(f"/attempts/{attempt_id}/q/1", data={"answer": "b", "go": "next"})
    page = learner_client.get(f"/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert re.search(r'value="b" id="s\d+-b" checked', page)
    assert learner_client.get(f"/attempts/{attempt_id}").headers["Location"].endswith(f"/attempts/{attempt_id}/q/2")
    assert f"/attempts/{attempt_id}" in learner_client.get("/dashboard").get_data(as_text=True)


def test_autosave_answers_json(learner_client, session, loaded_bank):
    attempt_id = start_mock(learner_client, session)
    response = learner_client.post(f"/attempts/{attempt_id}/q/2", data={"answer": "a", "flag": "1"},
                                   headers={"X-Autosave": "1"})
    assert response.get_json() == {"saved": True, "answered": True, "flagged": True}


def test_confirm_lists_unanswered_and_double_submit_is_harmless(learner_client, session, loaded_bank):
    attempt_id = start_mock(learner_client, session)
    learner_client.post(f"/attempts/{attempt_id}/q/1", data={"answer": "a"})
    confirm = learner_client.get(f"/attempts/{attempt_id}/submit").get_data(as_text=True)
    assert "not answered 6 questions" in confirm
    first = learner_client.post(f"/attempts/{attempt_id}/submit")
    second = learner_client.post(f"/attempts/{attempt_id}/submit")
    assert first.status_code == second.status_code == 302
    review = learner_client.get(f"/attempts/{attempt_id}/review").get_data(as_text=True)
    assert "By content area" in review and "Correct answer" in review and "Because " in review
    closed = learner_client.post(f"/attempts/{attempt_id}/q/2", data={"answer": "a"}, follow_redirects=True)
    assert "closed" in closed.get_data(as_text=True)


def test_another_learner_cannot_see_an_attempt(learner_client, session, loaded_bank, app, make_user):
    attempt_id = start_mock(learner_client, session)
    other = sign_in(app.test_client(), make_user())
    for path in (f"/attempts/{attempt_id}", f"/attempts/{attempt_id}/q/1", f"/attempts/{attempt_id}/review"):
        assert other.get(path).status_code == 404
    assert other.post(f"/attempts/{attempt_id}/submit").status_code == 404


def test_practice_shows_rationale_after_each_answer(learner_client, loaded_bank):
    response = learner_client.post("/practice", data={"domain": "kinesiology", "count": "2"})
    attempt_id = int(re.search(r"/attempts/(\d+)", response.headers["Location"]).group(1))
    before = learner_client.get(f"/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert "Because " not in before
    learner_client.post(f"/attempts/{attempt_id}/q/1", data={"answer": "a", "go": "check"})
    after = learner_client.get(f"/attempts/{attempt_id}/q/1").get_data(as_text=True)
    assert "Because kinesiology" in after and "Study the lesson" in after


def test_practice_rejects_a_bad_count(learner_client, loaded_bank):
    page = learner_client.post("/practice", data={"count": "lots"}, follow_redirects=True).get_data(as_text=True)
    assert "Number of questions" in page
