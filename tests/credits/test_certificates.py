import io
import threading

from pypdf import PdfReader
from sqlalchemy import func, select

from lms.accounts.models import User
from lms.credits import certificates, ledger
from lms.credits.certificates import Provider
from lms.credits.models import Certificate, LedgerEntry
from lms.credits.pdf import certificate_pdf
from tests.credits.conftest import pass_post_test, read_everything

PROVIDER = Provider("Good Hands CE", "NCBTMB-451234", "ce@goodhands.example", "Dana Reyes")


def test_completion_needs_modules_seat_time_and_post_test(session, learner, ce_course):
    status = certificates.completion_status(session, learner.id, ce_course, 0.5)
    assert not status.complete and status.modules_done == 0
    read_everything(session, learner, ce_course, seconds=20)  # marked complete, but far too quickly
    status = certificates.completion_status(session, learner.id, ce_course, 0.5)
    assert status.modules_done == 2 and status.seat_time_short == ["Part A", "Part B"]
    read_everything(session, learner, ce_course, seconds=600)
    assert certificates.completion_status(session, learner.id, ce_course, 0.5).seat_time_short == []
    pass_post_test(session, learner, ce_course, correct=False)
    assert not certificates.completion_status(session, learner.id, ce_course, 0.5).post_test_passed
    pass_post_test(session, learner, ce_course)
    assert certificates.completion_status(session, learner.id, ce_course, 0.5).complete


def test_issue_once_with_ledger_entry(session, learner, ce_course):
    first = certificates.issue(session, learner, ce_course, PROVIDER)
    again = certificates.issue(session, learner, ce_course, PROVIDER)
    assert first.id == again.id and len(first.code) >= 20
    entries = ledger.entries(session, learner.id)
    assert len(entries) == 1 and entries[0].certificate_id == first.id and float(entries[0].hours) == 1.0


def test_concurrent_completion_issues_one_certificate(app, learner, ce_course):
    maker, barrier, errors = app.extensions["lms.sessionmaker"], threading.Barrier(3), []

    def claim():
        with maker() as s:
            user, course = s.get(User, learner.id), s.get(type(ce_course), ce_course.id)
            barrier.wait()
            try:
                certificates.issue(s, user, course, PROVIDER)
            except Exception as exc:  # SQLite may refuse a concurrent writer outright; never a second certificate
                errors.append(type(exc).__name__)

    threads = [threading.Thread(target=claim) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with maker() as s:
        assert s.scalar(select(func.count()).select_from(Certificate)) == 1
        assert s.scalar(select(func.count()).select_from(LedgerEntry)) == 1


def test_pdf_shows_every_required_field(session, learner, ce_course):
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(certificate_pdf(cert, "https://x/verify/c"))).pages)
    for required in (learner.full_name, "Proprioception in Practice", cert.completed_on.isoformat(), "Home Study",
                     "Good Hands CE", "ce@goodhands.example", "AP-123", "1 CE", "Dana Reyes", cert.code):
        assert required in text, required


def test_certificate_is_a_snapshot(session, learner, ce_course):
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    learner.full_name, ce_course.title = "Renamed Person", "Renamed Course"
    session.commit()
    session.refresh(cert)
    assert (cert.holder_name, cert.course_title) != ("Renamed Person", "Renamed Course")


def test_revocation_is_recorded_and_reverses_the_credit(session, learner, admin, ce_course):
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    certificates.revoke(session, cert, admin.id, "Post-test taken by someone else")
    assert cert.revoked_at is not None and session.get(Certificate, cert.id) is not None
    entries = ledger.entries(session, learner.id)
    assert [float(e.hours) for e in entries] == [1.0, -1.0] and ledger.effective(entries) == []
