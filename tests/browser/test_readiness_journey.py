"""A learner answers a practice quiz with some wrong answers, sees them due for review and the dashboard charts."""
import pytest

from lms import db
from lms.accounts import service
from lms.assessment import banksync
from tests.assessment.conftest import bank
from tests.browser_support import assert_accessible, sign_in_as

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"


def test_practice_then_review_and_charts(page, live_app):
    with live_app.app_context():
        banksync.apply(db.session(), bank(per_domain=2))
        service.create_user(db.session(), "rae@example.com", "Rae Kim", PASSWORD)
    sign_in_as(page, "rae@example.com")
    page.goto("/practice")
    assert_accessible(page)
    page.locator("input[name=domain][value=kinesiology]").check()
    page.locator("input[name=domain][value=ethics-laws]").check()
    page.get_by_label("Number of questions").fill("4")
    page.get_by_role("button", name="Start practice").click()
    for n in range(1, 5):
        page.get_by_role("heading", name=f"Question {n} of 4").wait_for()
        qid = page.locator(".stem").inner_text().removeprefix("Stem of ").rstrip("?").strip()
        key = int(qid.rsplit("-", 1)[1]) % 4  # the test bank keys question N at choice N mod 4
        pick = (key + 1) % 4 if n % 2 else key  # odd questions wrong, even ones right
        page.get_by_label(f"choice {pick} of {qid}").check()
        page.get_by_role("button", name="Check answer").click()
        page.get_by_role("heading", name="Why").wait_for()
        assert page.get_by_text("Not correct." if n % 2 else "Correct.", exact=True).is_visible()
        if n == 1:
            assert_accessible(page)
        if n < 4:
            page.get_by_role("button", name="Save and next").click()
    page.goto("/review")
    assert page.get_by_text("4 due today").is_visible()
    assert_accessible(page)
    page.goto("/dashboard")
    assert page.get_by_role("img", name="Mastery by content area").is_visible()
    assert page.get_by_role("table", name="Mastery by content area").count() == 1
    assert page.get_by_text("4 questions due for review today").is_visible()
    assert_accessible(page)
    page.goto("/readiness")
    page.get_by_role("heading", name="What to study next").wait_for()
    assert_accessible(page)
