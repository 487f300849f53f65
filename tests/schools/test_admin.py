import io

from sqlalchemy import select

from lms.accounts.models import Role, User
from lms.schools import branding, site
from lms.schools.models import AuditEvent, Cohort
from tests.conftest import PASSWORD


def upload(client, text):
    return client.post("/admin/roster", data={"file": (io.BytesIO(text.encode()), "roster.csv")},
                       content_type="multipart/form-data")


def test_roster_errors_name_row_and_column_and_create_nothing(admin_client, session, make_user):
    make_user(email="exists@example.com")
    text = ("email,full_name,role,cohort\nok@example.com,Ok Person,learner,Spring\nnot-an-email,Bad Email,,\n"
            "ok@example.com,Dup Person,,\nx@example.com,,,\ny@example.com,Y Person,wizard,\n")
    page = upload(admin_client, text).get_data(as_text=True)
    for message in ("row 3, column email: &#39;not-an-email&#39; is not an email address",
                    "row 4, column email: ok@example.com also appears in row 2",
                    "row 5, column full_name: enter the learner&#39;s full name",
                    "row 6, column role: &#39;wizard&#39; is not learner, instructor or admin"):
        assert message in page, message
    assert session.scalar(select(User).where(User.email_key == "ok@example.com")) is None


def test_roster_bad_header(admin_client):
    page = upload(admin_client, "mail,name\na@b.c,A\n").get_data(as_text=True)
    assert "row 1: missing column &#39;email&#39;" in page


def test_roster_preview_then_import(admin_client, session, make_user):
    make_user(email="exists@example.com")
    page = upload(admin_client, "email,full_name,cohort\nnew@example.com,New Person,Spring\n"
                                "EXISTS@example.com,Someone,Spring\n").get_data(as_text=True)
    assert "Preview" in page and "existing" in page
    token = page.split('/admin/roster/')[1].split('"')[0]
    assert admin_client.post(f"/admin/roster/{token}").status_code == 302
    assert session.scalar(select(User).where(User.email_key == "new@example.com")) is not None
    assert len(session.scalar(select(Cohort).where(Cohort.name == "Spring")).members) == 2
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "roster.imported")) is not None


def test_deactivated_user_cannot_sign_in_but_keeps_records(admin_client, session, learner, client):
    admin_client.post(f"/admin/users/{learner.id}/active", data={"active": "0"})
    page = client.post("/sign-in", data={"email": learner.email, "password": PASSWORD}).get_data(as_text=True)
    assert "deactivated" in page
    session.expire_all()
    assert session.get(User, learner.id) is not None
    admin_client.post(f"/admin/users/{learner.id}/active", data={"active": "1"})
    assert client.post("/sign-in", data={"email": learner.email, "password": PASSWORD}).status_code == 302


def test_change_role_is_audited(admin_client, session, learner):
    admin_client.post(f"/admin/users/{learner.id}/role", data={"role": "instructor"})
    session.expire_all()
    assert session.get(User, learner.id).role is Role.instructor
    log = admin_client.get("/admin/audit").get_data(as_text=True)
    assert "user.role_changed" in log and "new: instructor" in log


def test_search_users(admin_client, make_user):
    make_user(name="Zelda Quinn")
    page = admin_client.get("/admin/users?q=zelda").get_data(as_text=True)
    assert "Zelda Quinn" in page


def test_invitation_link_creates_account_in_cohort(admin_client, client, session, instructor):
    cohort = Cohort(name="Invited class", instructor_id=instructor.id)
    session.add(cohort)
    session.commit()
    page = admin_client.post("/admin/invitations", data={"email": "invitee@example.com", "role": "learner",
                                                         "cohort": str(cohort.id)}).get_data(as_text=True)
    link = page.split('href="http://lms.test/invite/')[1].split('"')[0]
    client.post(f"/invite/{link}", data={"full_name": "In Vitee", "password": PASSWORD, "confirm": PASSWORD})
    session.expire_all()
    user = session.scalar(select(User).where(User.email_key == "invitee@example.com"))
    assert user is not None and [m.user_id for m in session.get(Cohort, cohort.id).members] == [user.id]
    again = client.get(f"/invite/{link}", follow_redirects=True).get_data(as_text=True)
    assert "not valid any more" in again


def test_branding_contrast_and_fallback(admin_client, session, app):
    page = admin_client.post("/admin/branding", data={"primary_color": "#ffff00"}).get_data(as_text=True)
    assert "too light for white text" in page
    admin_client.post("/admin/branding", data={"name": "Lakeside School", "primary_color": "#123456",
                                                "provider_name": "Lakeside CE", "provider_number": "AP-77"})
    assert "Lakeside School" in admin_client.get("/").get_data(as_text=True)
    assert "#123456" in admin_client.get("/branding.css").get_data(as_text=True)
    assert branding.contrast_ratio("#0b5d57", "#ffffff") > 4.5
    with app.app_context():
        from lms.credits import settings
        assert settings.provider().number == "AP-77"



def test_page_headers_keep_the_school_name_per_worker_until_the_ttl_or_a_save_here(admin_client, session, app):
    admin_client.post("/admin/branding", data={"name": "Lakeside School", "primary_color": "#123456"})
    assert "Lakeside School" in admin_client.get("/").get_data(as_text=True)
    row = branding.current(session)  # another server saves new settings straight to the database
    row.name = "Hilltop Academy"
    session.commit()
    assert "Lakeside School" in admin_client.get("/").get_data(as_text=True)  # this worker's copy, within the TTL
    with app.app_context():
        site.forget()  # what the TTL running out does
    assert "Hilltop Academy" in admin_client.get("/").get_data(as_text=True)
    admin_client.post("/admin/branding", data={"name": "Riverside College", "primary_color": "#123456"})
    assert "Riverside College" in admin_client.get("/").get_data(as_text=True)  # a save here shows at once
