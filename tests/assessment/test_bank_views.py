import io

from sqlalchemy import select

from lms.assessment.models import Question

GIFT = b"::q1:: Which receptor senses stretch? {=Muscle spindle ~Merkel disc ~Free nerve ending}\n\n::e1:: Essay? {}\n"


def test_upload_preview_then_confirm(instructor_client, session):
    page = instructor_client.post("/questions/import", data={
        "file": (io.BytesIO(GIFT), "unit1.gift"), "format": "gift", "domain": "kinesiology", "topic": "proprioceptors"},
        content_type="multipart/form-data").get_data(as_text=True)
    assert "Line 3:" in page and "1 questions" in page
    assert session.scalars(select(Question)).all() == []
    token = page.split("/questions/import/")[1].split('"')[0]
    instructor_client.post(f"/questions/import/{token}", data={"format": "gift", "domain": "kinesiology",
                                                               "topic": "proprioceptors", "name": "unit1.gift"})
    question = session.scalars(select(Question)).one()
    assert question.key == "q1" and question.source_path.endswith("unit1.gift")
    exported = instructor_client.get("/questions/export?format=gift&domain=kinesiology").get_data(as_text=True)
    assert "Muscle spindle" in exported


def test_missing_domain_is_an_error_with_line(instructor_client):
    page = instructor_client.post("/questions/import", data={"file": (io.BytesIO(GIFT), "u.gift"), "format": "gift", "domain": ""},
                                  content_type="multipart/form-data").get_data(as_text=True)
    assert "Line 1: question &#39;q1&#39;: choose an exam domain and topic" in page


def test_learners_cannot_import(learner_client):
    assert learner_client.get("/questions/import").status_code == 403
    assert learner_client.get("/questions/export").status_code == 403
