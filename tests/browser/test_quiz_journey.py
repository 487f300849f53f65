"""A learner takes a short timed quiz keyboard-only, reloads mid-way and loses nothing, submits and reads the review."""
import pytest

from lms import db
from lms.accounts import service
from lms.assessment import banksync, engine
from tests.assessment.conftest import bank
from tests.browser_support import assert_accessible, sign_in_as

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"


def test_keyboard_only_timed_quiz(page, live_app):
    with live_app.app_context():
        banksync.apply(db.session(), bank(per_domain=2))
        engine.ensure_spec(db.session(), "mock-mblex", items=7, time_limit_minutes=15)
        service.create_user(db.session(), "kim@example.com", "Kim Diaz", PASSWORD)
    sign_in_as(page, "kim@example.com")
    page.goto("/exams")
    assert_accessible(page)
    page.get_by_role("button", name="Start a mock exam").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Question 1 of 7").wait_for()
    assert page.get_by_role("timer").is_visible()
    assert_accessible(page)
    # answer question 1 with the keyboard: focus the first choice, pick it with Space, save with Enter on the button
    page.locator("input[name=answer]").first.focus()
    page.keyboard.press("Space")
    page.get_by_text("Saved.").wait_for()  # autosave acknowledged before we move on
    page.get_by_role("button", name="Save and next").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Question 2 of 7").wait_for()
    page.locator("input[name=answer]").nth(1).focus()
    page.keyboard.press("Space")
    page.get_by_text("Saved.").wait_for()
    page.reload()  # mid-way reload: nothing is lost
    assert page.locator("input[name=answer]").nth(1).is_checked()
    assert "answered" in page.locator(".question-nav a").first.inner_text()
    page.locator(".question-nav a").first.click()
    assert page.locator("input[name=answer]").first.is_checked()
    page.get_by_role("button", name="Finish…").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Submit your answers?").wait_for()
    assert page.get_by_text("You have not answered 5 questions").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Submit and see results").focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Results: MBLEx mock exam").wait_for()
    assert page.get_by_role("table", name="By content area").is_visible()
    assert page.get_by_text("Correct answer").first.is_visible()
    assert_accessible(page)
