"""A small world for route-by-route checks: two learners, two instructors, an admin, and one of everything."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask import Flask

from lms.accounts.models import Role, User
from lms.assessment import engine
from lms.assessment.posttests import post_test_spec
from lms.credits import certificates, ledger, proofs
from lms.credits.models import License
from lms.db import utcnow
from lms.schools import assignments
from lms.schools.models import Cohort, CohortMember, Invitation
from tests.conftest import sign_in
from tests.credits.conftest import ce_course  # noqa: F401  (fixture)
from tests.credits.test_certificates import PROVIDER

ROLES = ("anonymous", "learner", "other_learner", "other_instructor", "instructor", "admin")


@dataclass
class World:
    learner: User
    other_learner: User
    instructor: User
    other_instructor: User
    admin: User
    ids: dict[str, object]


@pytest.fixture
def world(app: Flask, session, make_user, ce_course) -> World:
    learner, other = make_user(), make_user()
    instructor, other_instructor, admin = make_user(Role.instructor), make_user(Role.instructor), make_user(Role.admin)
    cohort = Cohort(name="Class A", instructor_id=instructor.id)
    other_cohort = Cohort(name="Class B", instructor_id=other_instructor.id)
    session.add_all([cohort, other_cohort])
    session.flush()
    session.add_all([CohortMember(cohort_id=cohort.id, user_id=learner.id),
                     CohortMember(cohort_id=other_cohort.id, user_id=other.id)])
    session.commit()
    spec = post_test_spec(session, ce_course)
    finished = engine.start(session, learner.id, spec, utcnow(), random.Random(1))
    engine.finish(session, finished, utcnow())
    practice = engine.ensure_spec(session, "practice")
    open_attempt = engine.start(session, learner.id, practice, utcnow(), random.Random(2), chosen={"count": 2})
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    proof = proofs.store(session, Path(app.config["INSTANCE_PATH"]) / "proofs", learner.id, "p.pdf", b"%PDF-1.4 test")
    entry = ledger.append(session, user_id=learner.id, title="Outside course", provider_name="Elsewhere", hours=2,
                          categories=["ethics"], delivery="live", completed_on=date(2026, 1, 5), source="external",
                          proof_id=proof.id, recorded_by_id=learner.id)
    lic = License(user_id=learner.id, profile_key="ncbtmb-bctmb", license_number="BC-1", cycle_end=date(2027, 6, 30))
    invitation = Invitation(token="invite-token-123", email="new@example.com", role="learner",
                            created_by_id=admin.id, expires_at=utcnow() + timedelta(days=3))
    session.add_all([lic, invitation])
    session.commit()
    assignment = assignments.create(session, cohort, instructor.id, {
        "kind": "practice", "title": "Set", "domains": ["kinesiology"], "items": 2, "grading": "best"})
    module = ce_course.modules[0]
    return World(learner, other, instructor, other_instructor, admin, {
        "slug": ce_course.slug, "module_slug": module.slug, "open_attempt": open_attempt.id,
        "finished_attempt": finished.id, "code": cert.code, "proof": proof.id, "entry": entry.id, "license": lic.id,
        "cohort": cohort.id, "assignment": assignment.id, "token": invitation.token})


def client_for(app: Flask, world: World, role: str):
    client = app.test_client()
    return client if role == "anonymous" else sign_in(client, getattr(world, role))
