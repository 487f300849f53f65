"""CSRF on every state-changing route, SQL injection through search and filters, formula injection in exports."""
import pytest

from tests.conftest import sign_in
from tests.security.conftest import client_for
from tests.security.test_authorization_matrix import MATRIX

POSTS = sorted(endpoint for endpoint, (method, _path, _expected) in MATRIX.items() if method == "POST")
INJECTIONS = ["' OR '1'='1", "\"; DROP TABLE users; --", "%' UNION SELECT password_hash FROM users --",
              "kinesiology') OR 1=1 --", "*", "NEAR(", "\"unbalanced", "\\", "\x00"]


@pytest.fixture
def app_config(app_config):
    app_config["WTF_CSRF_ENABLED"] = True
    return app_config


def test_every_state_changing_route_is_a_post_in_the_matrix(app):
    for rule in app.url_map.iter_rules():
        if rule.methods & {"PUT", "PATCH", "DELETE"}:
            pytest.fail(f"{rule} uses a method the CSRF checks do not cover")


@pytest.mark.parametrize("endpoint", POSTS)
def test_post_without_token_is_refused(app, world, endpoint):
    _method, template, _expected = MATRIX[endpoint]
    path = template.format(**dict(world.ids, learner_id=world.learner.id, other_learner_id=world.other_learner.id))
    owner = "learner" if endpoint.startswith(("attempts.", "credits.", "assignments.")) else "admin"
    for role in (owner, "anonymous"):
        response = client_for(app, world, role).post(path, data={"reason": "x", "email": "a@b.c"})
        assert response.status_code == 400, (role, path)


@pytest.mark.parametrize("payload", INJECTIONS)
def test_search_and_filters_resist_sql_injection(app, world, payload):
    admin = sign_in(app.test_client(), world.admin)
    for path, params in (("/search", {"q": payload}), ("/courses", {"kind": payload, "domain": payload}),
                         ("/admin/users", {"q": payload}), ("/admin/certificates", {"course": payload}),
                         ("/credits/transcript.csv", {"start": payload})):
        response = admin.get(path, query_string=params)
        assert response.status_code in (200, 400), (path, payload)
        assert "scrypt:" not in response.get_data(as_text=True)  # no password hash leaked by a UNION


def test_gradebook_csv_neutralises_formulas(app, world, session):
    world.learner.full_name = "=cmd|' /C calc'!A0"
    session.add(world.learner)
    session.commit()
    instructor = sign_in(app.test_client(), world.instructor)
    csv_text = instructor.get(f"/teaching/cohorts/{world.ids['cohort']}/gradebook.csv").get_data(as_text=True)
    assert "'=cmd" in csv_text and "\n=cmd" not in csv_text
