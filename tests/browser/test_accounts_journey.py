"""Sign up, sign out, sign in, reset a password through the outbox link; axe-core on every page."""

import pytest
from sqlalchemy import select

from lms.accounts import service
from lms.accounts.models import Role
from lms.mail.models import OutboxMessage
from tests.browser_support import assert_accessible

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"


def test_sign_up_sign_out_sign_in(page):
    page.goto("/")
    assert_accessible(page)
    page.get_by_role("link", name="Create a free account").click()
    page.get_by_role("button", name="Create account").click()  # empty form: error summary
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)
    page.get_by_label("Full legal name").fill("Maya Ortiz")
    page.get_by_label("Email address").fill("maya@example.com")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Repeat the password").fill(PASSWORD)
    page.get_by_role("button", name="Create account").click()
    page.get_by_role("heading", name="Your dashboard").wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Sign out").click()
    page.get_by_text("You are signed out.").wait_for()
    page.get_by_role("link", name="Sign in", exact=True).first.click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("MAYA@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.get_by_role("heading", name="Your dashboard").wait_for()
    page.goto("/account")
    assert_accessible(page)


def test_reset_password_through_outbox(page, live_app):
    with live_app.app_context():
        from lms import db
        session = db.session()
        service.create_user(session, "kai@example.com", "Kai Brown", PASSWORD)
        service.create_user(session, "boss@example.com", "Boss Admin", PASSWORD, role=Role.admin)
    page.goto("/sign-in")
    page.get_by_role("link", name="Forgot your password?").click()
    assert_accessible(page)
    page.get_by_label("Email address").fill("kai@example.com")
    page.get_by_role("button", name="Send the link").click()
    page.get_by_text("If an account uses that address").wait_for()
    page.get_by_label("Email address").fill("boss@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.goto("/admin/outbox")
    assert_accessible(page)
    link = page.locator("a[href*=\"/reset/\"]").first.get_attribute("href")
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    assert_accessible(page)
    page.get_by_label("New password").fill("a-whole-new-phrase-2")
    page.get_by_label("Repeat the password").fill("a-whole-new-phrase-2")
    page.get_by_role("button", name="Save the new password").click()
    page.get_by_text("Your password has been changed").wait_for()
    page.get_by_label("Email address").fill("kai@example.com")
    page.get_by_label("Password").fill("a-whole-new-phrase-2")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Your dashboard").wait_for()
    with live_app.app_context():
        assert db.session().scalars(select(OutboxMessage)).first().to == "kai@example.com"
