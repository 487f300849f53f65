"""A practitioner completes a short CE course, passes the post-test, gets and verifies the certificate,
logs external credit and sees the license dashboard update."""
import re

import pytest

from lms import db
from lms.accounts import service
from lms.assessment import banksync
from lms.blueprint import load
from lms.content import sync
from lms.content.loader import load_tree
from tests.assessment.conftest import single
from tests.browser_support import assert_accessible, sign_in_as
from tests.content.conftest import MODULE, write_course
from tests.credits.conftest import CE_YML

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"


@pytest.fixture
def live_config():
    return {"CE_SEAT_TIME_SHARE": 0.0, "PROVIDER_NAME": "Good Hands CE", "PROVIDER_NUMBER": "AP-999"}




def test_ce_course_to_verified_certificate(page, live_app, tmp_path):
    root = tmp_path / "courses"
    write_course(root, slug="ce-proprio", course_yml=CE_YML, modules={"01-a": MODULE.format(title="Part A", extra="")})
    with live_app.app_context():
        specs, problems = load_tree(root, load())
        assert problems == []
        sync.apply(db.session(), specs)
        banksync.apply(db.session(), [single(f"pt-{n}", "kinesiology", "proprioceptors", key=0,
                                             tags=["post-test:ce-proprio"]) for n in range(4)])
        service.create_user(db.session(), "pat@example.com", "Pat Rivera", PASSWORD)
    sign_in_as(page, "pat@example.com")
    page.goto("/credits/licenses")
    page.get_by_label("License or certification").select_option("ncbtmb-bctmb")
    page.get_by_label("License number").fill("BC-2040")
    page.get_by_label("Current renewal cycle ends on").fill("2027-12-31")
    page.get_by_role("button", name="Save license").click()
    assert_accessible(page)
    page.goto("/courses/ce-proprio")
    page.get_by_role("button", name="Enroll").click()
    page.get_by_role("link", name="Part A").click()
    page.get_by_role("button", name="Mark complete").click()
    page.get_by_role("button", name="Take the post-test").click()
    for n in range(1, 5):
        page.get_by_role("heading", name=f"Question {n} of 4").wait_for()
        page.get_by_label(re.compile(r"choice 0 of pt-")).check()
        if n < 4:
            page.get_by_role("button", name="Save and next").click()
    page.get_by_role("button", name="Finish…").click()
    page.get_by_role("button", name="Submit and see results").click()
    page.get_by_text("Passed").first.wait_for()
    page.goto("/courses/ce-proprio")
    assert_accessible(page)
    page.get_by_role("button", name="Get your certificate").click()
    page.get_by_role("heading", name="Certificate of Completion").wait_for()
    assert page.locator("article.certificate").get_by_text("Pat Rivera").is_visible()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.locator("a[href*='/verify/']").first.click()
    page.get_by_text("Valid.").wait_for()
    assert_accessible(page)
    page.goto("/credits/external")
    assert_accessible(page)
    page.get_by_label("Course title").fill("Ethics in the treatment room")
    page.get_by_label("Provider", exact=True).fill("Elsewhere CE")
    page.get_by_label("CE hours").fill("3")
    page.get_by_label("Categories").select_option(["ethics"])
    page.get_by_label("Delivery").select_option("live")
    page.get_by_label("Completion date").fill("2026-09-15")
    page.get_by_label("Proof (PDF, PNG or JPEG, up to 5 MB)").set_input_files(
        files=[{"name": "proof.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n%%EOF"}])
    page.get_by_role("button", name="Save credit").click()
    page.get_by_text("Your external CE credit is recorded.").wait_for()
    assert_accessible(page)
    page.get_by_role("link", name="NCBTMB Board Certification (BCTMB) (BC-2040)").click()
    page.get_by_role("heading", name="NCBTMB Board Certification (BCTMB)").wait_for()
    assert page.get_by_text("20 more hours in total").is_visible()  # 1 CE here + 3 external = 4 of 24
    assert page.get_by_text("3 more hours of ethics").count() == 0
    assert_accessible(page)
