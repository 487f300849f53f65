from datetime import timedelta

import pytest

from lms.accounts import service
from lms.accounts.models import Role
from tests.conftest import PASSWORD


def test_email_is_unique_ignoring_case(session):
    service.create_user(session, "Ann@Example.com", "Ann Lee", PASSWORD)
    with pytest.raises(service.AccountError) as err:
        service.create_user(session, "ann@example.COM", "Ann Other", PASSWORD)
    assert err.value.field == "email"


def test_authenticate_by_any_case_and_refuses_deactivated(session):
    user = service.create_user(session, "Bo@Example.com", "Bo Chen", PASSWORD)
    assert service.authenticate(session, "bo@example.com", PASSWORD).id == user.id
    assert service.authenticate(session, "bo@example.com", "wrong-password-000") is None
    user.active = False
    session.commit()
    assert service.authenticate(session, "bo@example.com", PASSWORD) is None


def test_timestamps_are_utc_aware(session):
    user = service.create_user(session, "tz@example.com", "Tz User", PASSWORD)
    session.expire_all()
    assert user.created_at.utcoffset() == timedelta(0)


def test_reset_token_is_single_use(session):
    user = service.create_user(session, "r@example.com", "Rae Sun", PASSWORD, role=Role.learner)
    tokens = service.ResetTokens("k" * 40, 3600)
    token = tokens.issue(user)
    assert tokens.redeem(session, token).id == user.id
    service.set_password(session, user, "a-brand-new-secret-7")
    with pytest.raises(service.AccountError, match="already been used"):
        tokens.redeem(session, token)


def test_reset_token_expires_and_rejects_tampering(session):
    user = service.create_user(session, "e@example.com", "Eve Ray", PASSWORD)
    expired = service.ResetTokens("k" * 40, -1)
    with pytest.raises(service.AccountError, match="expired"):
        expired.redeem(session, expired.issue(user))
    with pytest.raises(service.AccountError, match="not valid"):
        service.ResetTokens("k" * 40, 3600).redeem(session, "garbage.token")
