"""A learner finds a course, enrolls, reads a module, marks it complete and sees progress."""
import pytest

from lms import db
from lms.accounts import service
from lms.blueprint import load
from lms.content import sync
from lms.content.loader import load_tree
from tests.browser_support import assert_accessible, sign_in_as
from tests.content.conftest import MODULE, write_course

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"


def test_learner_reads_and_completes_a_module(page, live_app, tmp_path):
    root = tmp_path / "courses"
    write_course(root, modules={
        "01-spindles": MODULE.format(title="Spindles", extra="\n\n!!! caution \"Caution\"\n    Go gently.\n\n"
                                     "| Receptor | Detects |\n|---|---|\n| Spindle | Stretch |"),
        "02-tendons": MODULE.format(title="Golgi tendon organs", extra=""),
    })
    with live_app.app_context():
        specs, problems = load_tree(root, load())
        assert problems == []
        sync.apply(db.session(), specs)
        service.create_user(db.session(), "lee@example.com", "Lee Park", PASSWORD)
    sign_in_as(page, "lee@example.com")
    page.get_by_role("link", name="Courses").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Kinesiology Basics").click()
    page.get_by_role("button", name="Enroll").click()
    page.get_by_text("You are enrolled").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="Spindles").click()
    page.get_by_role("heading", name="Spindles", level=1).wait_for()
    assert page.locator(".admonition.caution").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Mark complete and continue").click()
    page.get_by_role("heading", name="Golgi tendon organs", level=1).wait_for()
    page.get_by_role("link", name="Kinesiology Basics").click()
    assert page.get_by_text("50% complete").is_visible()
    page.goto("/dashboard")
    assert page.get_by_role("link", name="Continue: Golgi tendon organs").is_visible()
    assert_accessible(page)
