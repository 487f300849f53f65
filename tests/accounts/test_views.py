import re

from sqlalchemy import select

from lms.accounts.models import User
from lms.mail.models import OutboxMessage
from tests.conftest import PASSWORD, sign_in


def sign_up(client, **fields):
    data = {"full_name": "Ann Lee", "email": "ann@example.com", "password": PASSWORD, "confirm": PASSWORD}
    data.update(fields)
    return client.post("/sign-up", data=data)


def test_sign_up_creates_account_and_signs_in(client, session):
    response = sign_up(client)
    assert response.status_code == 302 and response.headers["Location"].endswith("/dashboard")
    assert session.scalar(select(User).where(User.email_key == "ann@example.com")).full_name == "Ann Lee"
    assert client.get("/dashboard").status_code == 200


def test_empty_sign_up_names_every_field(client):
    page = client.post("/sign-up", data={}).get_data(as_text=True)
    assert "There is a problem" in page
    for label in ("Full legal name", "Email address", "Password"):
        assert label + ":" in page


def test_very_long_name_is_a_field_error_not_a_crash(client):
    response = sign_up(client, full_name="x" * 10_000)
    assert response.status_code == 200
    assert "at most 200 characters" in response.get_data(as_text=True)


def test_duplicate_email_in_another_case(client, make_user):
    make_user(email="dup@example.com")
    response = sign_up(client, email="DUP@Example.COM")
    assert response.status_code == 200
    assert "already exists" in response.get_data(as_text=True)


def test_weak_password_is_explained(client):
    page = sign_up(client, password="password1", confirm="password1").get_data(as_text=True)
    assert "at least 10 characters" in page


def test_sign_in_wrong_password_is_generic(client, learner):
    page = client.post("/sign-in", data={"email": learner.email, "password": "nope-nope-nope"}).get_data(as_text=True)
    assert "email address or password is not right" in page


def test_sign_in_follows_only_local_next(client, learner):
    ok = client.post("/sign-in", data={"email": learner.email.upper(), "password": PASSWORD, "next": "/account"})
    assert ok.headers["Location"] == "/account"
    client.post("/sign-out")
    evil = client.post("/sign-in", data={"email": learner.email, "password": PASSWORD,
                                         "next": "https://evil.example/phish"})
    assert evil.status_code == 302 and "evil.example" not in evil.headers["Location"]


def test_sign_in_starts_a_fresh_session(client, learner):
    with client.session_transaction() as s:
        s["planted"] = "attacker-value"
    client.post("/sign-in", data={"email": learner.email, "password": PASSWORD})
    with client.session_transaction() as s:
        assert "planted" not in s and s["_user_id"] == str(learner.id)


def test_deactivated_user_is_signed_out(client, learner, session):
    sign_in(client, learner)
    learner.active = False
    session.commit()
    assert client.get("/dashboard").status_code == 302


def test_password_reset_through_outbox_link(client, learner, session, admin_client):
    client.post("/reset", data={"email": learner.email})
    message = session.scalars(select(OutboxMessage)).one()
    outbox = admin_client.get("/admin/outbox").get_data(as_text=True)
    assert "Reset your password" in outbox
    path = re.search(r"http://lms\.test(/reset/\S+)", message.body).group(1)
    assert client.post(path, data={"password": "new-secret-phrase-5", "confirm": "new-secret-phrase-5"}).status_code == 302
    assert client.post("/sign-in", data={"email": learner.email, "password": "new-secret-phrase-5"}).status_code == 302
    again = client.get(path, follow_redirects=True).get_data(as_text=True)
    assert "already been used" in again


def test_reset_for_unknown_email_reveals_nothing(client, session):
    page = client.post("/reset", data={"email": "nobody@example.com"}, follow_redirects=True).get_data(as_text=True)
    assert "If an account uses that address" in page
    assert session.scalars(select(OutboxMessage)).all() == []


def test_profile_updates_name_and_time_zone(learner_client, learner, session):
    learner_client.post("/account", data={"full_name": "  New   Name ", "time_zone": "America/Chicago"})
    session.refresh(learner)
    assert (learner.full_name, learner.time_zone) == ("New Name", "America/Chicago")
    bad = learner_client.post("/account", data={"full_name": "X", "time_zone": "Mars/Olympus"})
    assert "Time zone" in bad.get_data(as_text=True)


def test_change_password_needs_the_current_one(learner_client, learner):
    page = learner_client.post("/account/password", data={"current": "wrong-one-123", "password": "new-secret-phrase-5",
                                                           "confirm": "new-secret-phrase-5"}).get_data(as_text=True)
    assert "current password is not right" in page


def test_outbox_is_for_admins_only(learner_client, client):
    assert learner_client.get("/admin/outbox").status_code == 403
    assert client.get("/admin/outbox").status_code == 302
