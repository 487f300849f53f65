"""Every payload placed in every user- or author-controlled field, then every page that shows it is loaded in
Chromium: no dialog opens and no script runs."""
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from lms import db
from lms.accounts import service
from lms.accounts.models import Role
from lms.assessment import banksync, importing
from lms.blueprint import load
from lms.content import sync
from lms.content.loader import load_tree
from lms.credits import ledger
from lms.schools import roster
from lms.schools.models import Cohort, CohortMember
from tests.assessment.conftest import single
from tests.content.conftest import COURSE_YML, MODULE, write_course
from tests.browser_support import sign_in_as
from tests.security.xss_payloads import PAYLOADS

pytestmark = pytest.mark.browser
PASSWORD = "browser-secret-phrase-1"
ALL = " ".join(PAYLOADS)


def _yaml_safe(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def seed(app, tmp_path: Path) -> dict:
    root = tmp_path / "courses"
    evil = _yaml_safe(PAYLOADS[1])
    course_yml = (COURSE_YML.replace("title: Kinesiology Basics", f"title: \"Kinesiology {evil}\"")
                  .replace("Name muscle actions.", f"\"Objective {evil}\"")
                  .replace("summary: Muscles and movement.", f"summary: \"{evil}\""))
    body = [p for p in PAYLOADS if not p.startswith("[md link]")]  # content check already refuses that one
    module = MODULE.format(title=f"\"Spindles {evil}\"", extra="\n\n" + "\n\n".join(body))
    write_course(root, slug="evil", course_yml=course_yml, modules={"01-evil": module})
    with app.app_context():
        session = db.session()
        specs, problems = load_tree(root, load())
        assert problems == [], problems
        sync.apply(session, specs)
        learner = service.create_user(session, "x@example.com", "Name " + PAYLOADS[0][:150], PASSWORD)
        admin = service.create_user(session, "admin@example.com", "Admin " + PAYLOADS[1][:150], PASSWORD,
                                    role=Role.admin)
        questions = [single(f"evil-{i}", "kinesiology", "proprioceptors", key=0) for i in range(2)]
        questions[0].stem, questions[0].rationale = ALL, ALL
        questions[0].choices[1].text, questions[0].choices[1].feedback = PAYLOADS[2], PAYLOADS[3]
        banksync.apply(session, questions)
        gift = "::g1:: " + PAYLOADS[4].replace("{", "\\{").replace("}", "\\}").replace("=", "\\=") + \
               " {=right ~wrong}\n"
        preview = importing.preview(gift, "gift", load(), "kinesiology", "proprioceptors")
        importing.save(session, preview, "evil.gift")
        checked = roster.check(session, f"email,full_name,cohort\nr@example.com,\"{_yaml_safe(PAYLOADS[5])}\",\"C {_yaml_safe(PAYLOADS[6])}\"\n")
        assert checked.ok, checked.errors
        roster.apply(session, checked, admin)
        cohort = session.scalar(select(Cohort))
        session.add(CohortMember(cohort_id=cohort.id, user_id=learner.id))
        session.commit()
        ledger.append(session, user_id=learner.id, title="CE " + PAYLOADS[7], provider_name=PAYLOADS[8][:190], hours=1,
                      categories=["ethics"], delivery="live", completed_on=date(2026, 1, 1),
                      source="external", recorded_by_id=learner.id)
        return {"cohort": cohort.id}


def load_all(page, paths):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for path in paths:
        page.goto(path)
        page.wait_for_load_state("load")
        ran = page.evaluate("() => window.__xss === 1 || (window.parent && window.parent.__xss === 1)")
        assert not ran, f"script ran on {path}"
    assert dialogs == []




def test_payloads_never_run(page, live_app, tmp_path):
    ids = seed(live_app, tmp_path)
    pages = ["/", "/courses", "/courses/evil", "/search?q=script", "/search?q=" + PAYLOADS[0]]
    load_all(page, pages)
    sign_in_as(page, "x@example.com")
    page.goto("/courses/evil")
    page.get_by_role("button", name="Enroll").click()
    page.goto("/practice")
    page.locator("input[name=domain][value=kinesiology]").check()
    page.get_by_label("Number of questions").fill("3")
    page.get_by_role("button", name="Start practice").click()
    attempt_url = page.url
    for _ in range(3):
        page.locator("input[name=answer]").first.check()
        page.get_by_role("button", name="Check answer").click()
        if page.get_by_role("button", name="Save and next").count():
            page.get_by_role("button", name="Save and next").click()
    load_all(page, ["/dashboard", "/account", "/courses/evil/evil",
                    attempt_url, "/credits"])
    page.get_by_role("button", name="Sign out").click()
    sign_in_as(page, "admin@example.com")
    load_all(page, ["/admin/users", "/admin/audit", f"/teaching/cohorts/{ids['cohort']}", "/questions/import",
                    f"/teaching/cohorts/{ids['cohort']}/learners/1"])


def test_payload_text_is_shown_escaped_not_dropped(page, live_app, tmp_path):
    seed(live_app, tmp_path)
    page.goto("/courses/evil")
    assert "onerror" in page.get_by_role("heading", level=1).inner_text()  # the title kept as visible text
    assert page.evaluate("() => window.__xss") is None
