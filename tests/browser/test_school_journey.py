"""An instructor imports a roster, creates a cohort, assigns a quiz; a learner takes it; the instructor reads
the gradebook and the item analysis. axe-core on every page."""
import pytest
from sqlalchemy import select

from lms import db
from lms.accounts import service
from lms.accounts.models import Role, User
from lms.assessment import banksync
from tests.assessment.conftest import bank
from tests.browser_support import assert_accessible, sign_in_as

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"




def sign_out(page):
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()


def test_instructor_to_item_analysis(page, live_app):
    with live_app.app_context():
        banksync.apply(db.session(), bank(per_domain=3))
        service.create_user(db.session(), "teacher@example.com", "Terry Teacher", PASSWORD, role=Role.instructor)
    sign_in_as(page, "teacher@example.com")
    page.get_by_role("link", name="Teaching").click()
    assert_accessible(page)
    page.get_by_role("link", name="Import a class roster (CSV)").click()
    page.get_by_label("Roster (CSV)").set_input_files(files=[{
        "name": "roster.csv", "mimeType": "text/csv",
        "buffer": b"email,full_name,cohort\nlena@example.com,Lena Ortiz,Evening class\nmo@example.com,Mo Ali,Evening class\n"}])
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("heading", name="Preview").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Import 2 rows").click()
    page.get_by_role("link", name="Evening class").click()
    page.get_by_label("Title shown to learners").fill("Kinesiology check")
    page.get_by_label("What to assign").select_option("practice")
    page.get_by_label("Content areas (for a practice set)").select_option(["kinesiology"])
    page.get_by_label("Questions (for a practice set)").fill("3")
    page.get_by_role("button", name="Assign").click()
    page.get_by_text("Assigned: Kinesiology check.").wait_for()
    assert_accessible(page)
    sign_out(page)
    with live_app.app_context():
        lena = db.session().scalar(select(User).where(User.email_key == "lena@example.com"))
        service.set_password(db.session(), lena, PASSWORD)
    sign_in_as(page, "lena@example.com")
    assert_accessible(page)
    page.get_by_role("button", name="Start Kinesiology check").click()
    for n in range(1, 4):
        page.get_by_role("heading", name=f"Question {n} of 3").wait_for()
        page.locator("input[name=answer]").first.check()
        page.get_by_role("button", name="Check answer").click()
        page.get_by_role("heading", name="Why").wait_for()
        if n < 3:
            page.get_by_role("button", name="Save and next").click()
    page.get_by_role("button", name="Finish…").click()
    page.get_by_role("button", name="Submit and see results").click()
    page.get_by_role("heading", name="Results: Kinesiology check").wait_for()
    sign_out(page)
    sign_in_as(page, "teacher@example.com")
    page.get_by_role("link", name="Teaching").click()
    page.get_by_role("link", name="Evening class").click()
    row = page.get_by_role("row", name="Lena Ortiz")
    assert "attempt" in row.inner_text() and "%" in row.inner_text()
    assert "not started" in page.get_by_role("row", name="Mo Ali").inner_text()
    assert_accessible(page)
    page.get_by_role("link", name="Item analysis for Kinesiology check").click()
    page.get_by_role("heading", name="Item analysis: Kinesiology check").wait_for()
    assert page.get_by_text("1 first attempts").is_visible()
    assert_accessible(page)
