import json
from datetime import date, timedelta

from sqlalchemy import select

from lms.accounts.models import User
from lms.credits import certificates
from lms.credits.models import Certificate
from lms.operations.learner_data import DELETED_HOLDER
from tests.credits.test_certificates import PROVIDER


def test_export_learner_json(app, session, learner, ce_course):
    certificates.issue(session, learner, ce_course, PROVIDER)
    result = app.test_cli_runner().invoke(args=["export-learner", learner.email])
    data = json.loads(result.output)
    assert data["profile"]["email"] == learner.email
    assert data["certificates"][0]["course"] == "Proprioception in Practice"
    assert data["ce_ledger"][0]["hours"] == 1.0


def test_delete_learner_keeps_recent_certificates_verifiable(app, session, learner, ce_course, client):
    recent = certificates.issue(session, learner, ce_course, PROVIDER)
    result = app.test_cli_runner().invoke(args=["delete-learner", learner.email, "--yes"])
    assert "kept for the retention period: 1" in result.output
    session.expire_all()
    user = session.get(User, learner.id)
    assert user.full_name == "Deleted learner" and not user.active and "deleted.invalid" in user.email
    page = client.get(f"/verify/{recent.code}").get_data(as_text=True)
    assert DELETED_HOLDER in page and learner.full_name not in page


def test_old_certificates_are_removed_on_deletion(session, learner, ce_course, tmp_path):
    from lms.operations.learner_data import delete_learner
    cert = certificates.issue(session, learner, ce_course, PROVIDER, on=date.today() - timedelta(days=365 * 7))
    assert delete_learner(session, learner, tmp_path)["certificates_removed"] == 1
    assert session.scalar(select(Certificate).where(Certificate.id == cert.id)) is None
