import io
import zipfile

from sqlalchemy import select

from lms.credits import certificates
from lms.credits.models import Certificate, LedgerEntry, ProofFile
from tests.conftest import sign_in
from tests.credits.conftest import pass_post_test, read_everything
from tests.credits.test_certificates import PROVIDER

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"


def external(client, data=PDF, name="cert.pdf", **overrides):
    form = {"title": "Cupping basics", "provider_name": "Elsewhere CE", "provider_number": "451", "hours": "1.5",
            "categories": ["hands-on"], "delivery": "live", "completed_on": "2026-03-01",
            "proof": (io.BytesIO(data), name)}
    form.update(overrides)
    return client.post("/credits/external", data=form, content_type="multipart/form-data")


def test_external_credit_with_proof(learner_client, session, learner, app):
    assert external(learner_client).status_code == 302
    entry = session.scalars(select(LedgerEntry)).one()
    assert float(entry.hours) == 1.5 and entry.source == "external"
    proof = session.get(ProofFile, entry.proof_id)
    stored = app.config["INSTANCE_PATH"] + "/proofs/" + proof.stored_name
    assert proof.content_type == "application/pdf" and open(stored, "rb").read() == PDF
    download = learner_client.get(f"/credits/proofs/{proof.id}")
    assert download.status_code == 200 and download.data == PDF


def test_renamed_executable_and_oversized_files_are_refused(learner_client, session):
    page = external(learner_client, data=b"MZ\x90\x00" + b"\x00" * 100, name="certificate.pdf").get_data(as_text=True)
    assert "checked by its content" in page
    big = external(learner_client, data=b"%PDF-" + b"0" * (5 * 1024 * 1024 + 10)).get_data(as_text=True)
    assert "at most 5 MB" in big
    assert session.scalars(select(LedgerEntry)).all() == []


def test_bad_form_names_the_field(learner_client):
    page = external(learner_client, hours="lots", completed_on="yesterday").get_data(as_text=True)
    assert "CE hours:" in page and "Completion date:" in page


def test_learner_reverses_own_external_entry(learner_client, session):
    external(learner_client)
    entry = session.scalars(select(LedgerEntry)).one()
    learner_client.post(f"/credits/entries/{entry.id}/reverse", data={"reason": "Wrong hours"})
    assert len(session.scalars(select(LedgerEntry)).all()) == 2


def test_other_learners_reach_nothing(learner_client, session, learner, ce_course, app, make_user):
    external(learner_client)
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    proof = session.scalars(select(ProofFile)).one()
    entry = session.scalars(select(LedgerEntry).where(LedgerEntry.proof_id == proof.id)).one()
    other = sign_in(app.test_client(), make_user())
    assert other.get(f"/certificates/{cert.code}").status_code == 404
    assert other.get(f"/certificates/{cert.code}/pdf").status_code == 404
    assert other.get(f"/credits/proofs/{proof.id}").status_code == 404
    assert other.post(f"/credits/entries/{entry.id}/reverse", data={"reason": "x"}).status_code == 404
    assert "Cupping" not in other.get("/credits/transcript.csv").get_data(as_text=True)
    assert "Cupping" not in other.get("/credits").get_data(as_text=True)


def test_verification_valid_revoked_unknown(client, session, learner, admin, ce_course):
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    valid = client.get(f"/verify/{cert.code}")
    assert valid.status_code == 200 and "Valid." in valid.get_data(as_text=True)
    assert learner.full_name in valid.get_data(as_text=True)
    certificates.revoke(session, cert, admin.id, "Issued in error")
    revoked = client.get(f"/verify/{cert.code}").get_data(as_text=True)
    assert "Revoked" in revoked and "Issued in error" in revoked
    assert client.get("/verify/not-a-real-code").status_code == 404


def test_claim_certificate_from_the_course_page(learner_client, session, learner, ce_course):
    assert "Take the post-test" in learner_client.get("/courses/ce-proprio").get_data(as_text=True)
    assert learner_client.post("/courses/ce-proprio/certificate").headers["Location"].endswith("/courses/ce-proprio")
    read_everything(session, learner, ce_course)
    pass_post_test(session, learner, ce_course)
    response = learner_client.post("/courses/ce-proprio/certificate")
    assert "/certificates/" in response.headers["Location"]
    assert learner_client.post("/courses/ce-proprio/certificate").headers["Location"] == response.headers["Location"]
    assert len(session.scalars(select(Certificate)).all()) == 1
    pdf = learner_client.get(response.headers["Location"] + "/pdf")
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF")


def test_transcript_csv_neutralises_formulas(learner_client, session):
    external(learner_client, title="=HYPERLINK(\"http://evil.example\")", provider_name="+cmd")
    csv_text = learner_client.get("/credits/transcript.csv?start=2026-01-01&end=2026-12-31").get_data(as_text=True)
    assert "'=HYPERLINK" in csv_text and "'+cmd" in csv_text
    assert learner_client.get("/credits/transcript.pdf").data.startswith(b"%PDF")


def test_license_dashboard(learner_client, session):
    learner_client.post("/credits/licenses", data={"profile_key": "ncbtmb-bctmb", "license_number": "BC-77",
                                                   "cycle_end": "2027-06-30"})
    external(learner_client, categories=["ethics"], hours="2")
    page = learner_client.get("/credits/licenses/1").get_data(as_text=True)
    assert "1 more hour of ethics" in page and "22 more hours in total" in page


def test_admin_revokes_and_downloads_zip(admin_client, session, learner, ce_course, learner_client):
    cert = certificates.issue(session, learner, ce_course, PROVIDER)
    assert learner_client.get("/admin/certificates").status_code == 403
    archive = zipfile.ZipFile(io.BytesIO(admin_client.get("/admin/certificates.zip").data))
    assert len(archive.namelist()) == 1
    admin_client.post(f"/admin/certificates/{cert.code}/revoke", data={"reason": "Fraud"})
    session.refresh(cert)
    assert cert.revoked_reason == "Fraud"


def test_admin_certificate_filters_apply_to_list_and_zip(admin_client, session, learner, ce_course, make_user):
    from datetime import date
    old = certificates.issue(session, learner, ce_course, PROVIDER, on=date(2025, 3, 1))
    new = certificates.issue(session, make_user(name="Newer Holder"), ce_course, PROVIDER, on=date(2026, 6, 1))
    page = admin_client.get("/admin/certificates?start=2026-01-01").get_data(as_text=True)
    assert "Newer Holder" in page and old.holder_name not in page
    archive = zipfile.ZipFile(io.BytesIO(admin_client.get("/admin/certificates.zip?end=2025-12-31").data))
    assert [n for n in archive.namelist()] == [f"certificate-{old.id}-{old.code[:8]}.pdf"]
    assert new.id != old.id
