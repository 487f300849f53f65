"""axe-core on the pages the journeys do not pass through: admin, staff and search pages, and error pages."""
import pytest

from lms import db
from lms.accounts import service
from lms.accounts.models import Role
from lms.assessment import banksync
from lms.schools.models import Cohort, CohortMember
from tests.assessment.conftest import bank
from tests.browser_support import BROWSER_PASSWORD, assert_accessible, sign_in_as

pytestmark = pytest.mark.browser


def test_admin_and_staff_pages_are_accessible(page, live_app):
    with live_app.app_context():
        session = db.session()
        banksync.apply(session, bank(per_domain=1))
        admin = service.create_user(session, "root@example.com", "Ada Admin", BROWSER_PASSWORD, role=Role.admin)
        learner = service.create_user(session, "lou@example.com", "Lou Learner", BROWSER_PASSWORD)
        cohort = Cohort(name="Morning class", instructor_id=admin.id)
        session.add(cohort)
        session.flush()
        session.add(CohortMember(cohort_id=cohort.id, user_id=learner.id))
        session.commit()
        cohort_id, learner_id = cohort.id, learner.id
    for path in ("/search?q=muscle", "/no-such-page"):
        page.goto(path)
        assert_accessible(page)
    sign_in_as(page, "root@example.com")
    for path in ("/admin/users", "/admin/users?q=lou", "/admin/invitations", "/admin/branding", "/admin/audit",
                 "/admin/outbox", "/admin/certificates", "/admin/roster", "/questions/import", "/teaching",
                 f"/teaching/cohorts/{cohort_id}", f"/teaching/cohorts/{cohort_id}/learners/{learner_id}",
                 "/credits/licenses", "/account"):
        page.goto(path)
        assert page.locator("h1").count() == 1, path
        assert_accessible(page)
    page.goto("/admin/invitations")
    page.get_by_label("Email address").fill("new.person@example.com")
    page.get_by_role("button", name="Create invitation link").click()
    page.get_by_text("Invitation created.").wait_for()
    assert_accessible(page)
    link = page.locator("a[href*='/invite/']").first.get_attribute("href")
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    assert_accessible(page)
