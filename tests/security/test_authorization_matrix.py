"""Every route x every kind of user, with the status each must get. A route missing here fails the suite.

Roles: anonymous, learner (owns the objects), other_learner, other_instructor (runs another cohort),
instructor (runs the learner's cohort), admin. 302 for anonymous means "sent to sign in".
"""
import pytest

from tests.security.conftest import ROLES, client_for

A, L, OL, OI, I, AD = ROLES  # column order of every row below

SIGN_IN = {"anonymous": 302}
PUBLIC = dict.fromkeys(ROLES, 200)


def signed_in(status=200, **overrides):
    return {**dict.fromkeys(ROLES, status), "anonymous": 302, **overrides}


def owner_only(owner=200, admin=404):
    return {A: 302, L: owner, OL: 404, OI: 404, I: 404, AD: admin}


ADMIN_ONLY = {A: 302, L: 403, OL: 403, OI: 403, I: 403, AD: 200}
STAFF = {A: 302, L: 403, OL: 403, OI: 200, I: 200, AD: 200}
COHORT_STAFF = {A: 302, L: 403, OL: 403, OI: 404, I: 200, AD: 200}

# endpoint: (method, path template, expected status by role)
MATRIX = {
    "web.home": ("GET", "/", PUBLIC),
    "web.dashboard": ("GET", "/dashboard", signed_in()),
    "static": ("GET", "/static/css/site.css", PUBLIC),
    "accounts.sign_in": ("GET", "/sign-in", PUBLIC),
    "accounts.sign_up": ("GET", "/sign-up", PUBLIC),
    "accounts.sign_out": ("POST", "/sign-out", dict.fromkeys(ROLES, 302)),
    "accounts.reset_request": ("GET", "/reset", PUBLIC),
    "accounts.reset_password": ("GET", "/reset/not-a-token", dict.fromkeys(ROLES, 302)),
    "accounts.profile": ("GET", "/account", signed_in()),
    "accounts.change_password": ("POST", "/account/password", signed_in()),
    "mail.outbox": ("GET", "/admin/outbox", ADMIN_ONLY),
    "admin.users": ("GET", "/admin/users", ADMIN_ONLY),
    "admin.change_role": ("POST", "/admin/users/{other_learner_id}/role", {**ADMIN_ONLY, AD: 302}),
    "admin.set_active": ("POST", "/admin/users/{other_learner_id}/active", {**ADMIN_ONLY, AD: 302}),
    "admin.invitations": ("GET", "/admin/invitations", ADMIN_ONLY),
    "admin.roster_upload": ("GET", "/admin/roster", STAFF),
    "admin.roster_confirm": ("POST", "/admin/roster/abc123", {**STAFF, OI: 404, I: 404, AD: 404}),
    "admin.branding_page": ("GET", "/admin/branding", ADMIN_ONLY),
    "admin.audit_log": ("GET", "/admin/audit", ADMIN_ONLY),
    "invites.accept": ("GET", "/invite/{token}", PUBLIC),
    "invites.stylesheet": ("GET", "/branding.css", PUBLIC),
    "invites.logo": ("GET", "/branding/logo", dict.fromkeys(ROLES, 404)),
    "content.catalog": ("GET", "/courses", PUBLIC),
    "content.course_page": ("GET", "/courses/{slug}", PUBLIC),
    "content.module_page": ("GET", "/courses/{slug}/{module_slug}", signed_in()),
    "content.enroll": ("POST", "/courses/{slug}/enrollment", signed_in(302)),
    "content.complete": ("POST", "/courses/{slug}/{module_slug}/complete", signed_in(302)),
    "content.heartbeat": ("POST", "/courses/{slug}/{module_slug}/heartbeat", signed_in()),
    "content.course_file": ("GET", "/courses/{slug}/files/images/none.png", dict.fromkeys(ROLES, 404)),
    "content.search_page": ("GET", "/search?q=spindle", PUBLIC),
    "assessment.practice": ("GET", "/practice", signed_in()),
    "assessment.start_practice": ("POST", "/practice", signed_in(302)),
    "assessment.exams": ("GET", "/exams", signed_in()),
    "assessment.start_mock": ("POST", "/exams/mock", signed_in(302)),
    "assessment.start_post_test": ("POST", "/courses/{slug}/post-test", signed_in(302)),
    "attempts.resume": ("GET", "/attempts/{open_attempt}", owner_only(302)),
    "attempts.question": ("GET", "/attempts/{open_attempt}/q/1", owner_only()),
    "attempts.save": ("POST", "/attempts/{open_attempt}/q/1", owner_only(302)),
    "attempts.confirm": ("GET", "/attempts/{open_attempt}/submit", owner_only()),
    "attempts.submit": ("POST", "/attempts/{open_attempt}/submit", owner_only(302)),
    "attempts.review": ("GET", "/attempts/{finished_attempt}/review", owner_only()),
    "questionbank.import_page": ("GET", "/questions/import", STAFF),
    "questionbank.import_confirm": ("POST", "/questions/import/abc123", {**STAFF, OI: 404, I: 404, AD: 404}),
    "questionbank.export": ("GET", "/questions/export?format=gift", STAFF),
    "credits.ledger": ("GET", "/credits", signed_in()),
    "credits.external": ("GET", "/credits/external", signed_in()),
    "credits.reverse": ("POST", "/credits/entries/{entry}/reverse", owner_only(302, admin=302)),
    "credits.proof": ("GET", "/credits/proofs/{proof}", owner_only(200, admin=200)),
    "credits.transcript_file": ("GET", "/credits/transcript.csv", signed_in()),
    "licenses.licenses": ("GET", "/credits/licenses", signed_in()),
    "licenses.dashboard": ("GET", "/credits/licenses/{license}", owner_only()),
    "certificates.claim": ("POST", "/courses/{slug}/certificate", signed_in(302)),
    "certificates.show": ("GET", "/certificates/{code}", owner_only(200, admin=200)),
    "certificates.pdf": ("GET", "/certificates/{code}/pdf", owner_only(200, admin=200)),
    "certificates.verify": ("GET", "/verify/{code}", PUBLIC),
    "certificates.admin_list": ("GET", "/admin/certificates", ADMIN_ONLY),
    "certificates.admin_zip": ("GET", "/admin/certificates.zip", ADMIN_ONLY),
    "certificates.revoke": ("POST", "/admin/certificates/{code}/revoke", {**ADMIN_ONLY, AD: 302}),
    "assignments.start": ("POST", "/assignments/{assignment}/start", {A: 302, L: 302, OL: 404, OI: 404, I: 404,
                                                                       AD: 404}),
    "readiness.review": ("GET", "/review", signed_in()),
    "readiness.start_review": ("POST", "/review", signed_in(302)),
    "readiness.overview": ("GET", "/readiness", signed_in()),
    "teaching.cohorts": ("GET", "/teaching", STAFF),
    "teaching.cohort": ("GET", "/teaching/cohorts/{cohort}", COHORT_STAFF),
    "teaching.add_member": ("POST", "/teaching/cohorts/{cohort}/members", {**COHORT_STAFF, I: 302, AD: 302}),
    "teaching.add_assignment": ("POST", "/teaching/cohorts/{cohort}/assignments", {**COHORT_STAFF, I: 400, AD: 400}),
    "teaching.gradebook_csv": ("GET", "/teaching/cohorts/{cohort}/gradebook.csv", COHORT_STAFF),
    "teaching.learner": ("GET", "/teaching/cohorts/{cohort}/learners/{learner_id}", COHORT_STAFF),
    "teaching.analysis": ("GET", "/teaching/cohorts/{cohort}/assignments/{assignment}/analysis", COHORT_STAFF),
}


def test_every_route_has_an_entry(app):
    assert sorted(set(app.view_functions) - set(MATRIX)) == []
    assert sorted(set(MATRIX) - set(app.view_functions)) == []


@pytest.mark.parametrize("endpoint", sorted(MATRIX))
def test_route_statuses(app, world, endpoint):
    method, template, expected = MATRIX[endpoint]
    values = dict(world.ids, learner_id=world.learner.id, other_learner_id=world.other_learner.id)
    path = template.format(**values)
    got = {}
    for role in ROLES:
        client = client_for(app, world, role)
        response = client.open(path, method=method)
        got[role] = response.status_code
    assert got == expected, f"{method} {path}"
