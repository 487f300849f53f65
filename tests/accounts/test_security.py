import pytest

import lms
from tests.conftest import PASSWORD


@pytest.fixture
def app_config(app_config):
    app_config.update(WTF_CSRF_ENABLED=True, RATELIMIT_ENABLED=True)
    return app_config


def test_post_without_csrf_token_is_a_friendly_400(client):
    response = client.post("/sign-up", data={"full_name": "A", "email": "a@example.com",
                                             "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 400
    assert "form had expired" in response.get_data(as_text=True)


def test_wrong_csrf_token_is_refused(client):
    client.get("/sign-in")
    response = client.post("/sign-in", data={"email": "a@example.com", "password": "x", "csrf_token": "forged"})
    assert response.status_code == 400


def test_sign_in_is_rate_limited_per_account(client, learner):
    statuses, pages = [], []
    for _ in range(10):
        page = client.get("/sign-in").get_data(as_text=True)
        token = page.split('name="csrf_token" type="hidden" value="')[1].split('"')[0]
        response = client.post("/sign-in", data={"email": learner.email, "password": "wrong-wrong-1",
                                                 "csrf_token": token})
        statuses.append(response.status_code)
        pages.append(response.get_data(as_text=True))
    assert statuses[0] == 200 and 429 in statuses
    assert "Too many attempts" in pages[statuses.index(429)]


def test_production_refuses_default_secret(app_config):
    app_config.update(LMS_ENV="production", SECRET_KEY="dev-only-insecure-key-change-me")
    with pytest.raises(lms.ConfigurationError):
        lms.create_app(app_config)
