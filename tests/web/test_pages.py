from lms.web.redirects import safe_next


def test_home_has_csp_and_landmarks(client):
    response = client.get("/")
    assert response.status_code == 200
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    page = response.get_data(as_text=True)
    assert 'class="skip-link"' in page and "<main" in page and '<nav aria-label="Main">' in page


def test_unknown_page_is_a_friendly_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404 and "Page not found" in response.get_data(as_text=True)


def test_errors_never_show_a_stack_trace(app, client):
    @app.get("/boom")
    def boom():
        raise RuntimeError("secret internals")

    response = client.get("/boom")
    assert response.status_code == 500
    assert "secret internals" not in response.get_data(as_text=True)
    assert "Traceback" not in response.get_data(as_text=True)


def test_session_cookie_flags(client, learner):
    from tests.conftest import PASSWORD
    response = client.post("/sign-in", data={"email": learner.email, "password": PASSWORD})
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_safe_next_accepts_only_local_paths():
    for bad in ["https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)",
                "http:/evil", "evil.example", "/ok\nLocation: x"]:
        assert safe_next(bad, "/dashboard") == "/dashboard", bad
    assert safe_next("/courses?kind=ce", "/") == "/courses?kind=ce"


def test_nul_bytes_are_a_bad_request(client):
    assert client.get("/search", query_string={"q": "spindle\x00"}).status_code == 400
    assert client.post("/sign-in", data={"email": "a\x00@example.com", "password": "x"}).status_code == 400


def test_header_links_follow_the_script_root_and_the_menu_follows_the_role(client, admin_client):
    plain = client.get("/").get_data(as_text=True)
    mounted = client.get("/", base_url="http://localhost/school").get_data(as_text=True)
    assert 'href="/courses"' in plain and 'href="/static/css/site.css' in plain
    assert 'href="/school/courses"' in mounted and 'href="/school/static/css/site.css' in mounted
    assert 'href="/courses" aria-current="page"' in client.get("/courses").get_data(as_text=True)
    assert ">Users<" in admin_client.get("/").get_data(as_text=True) and ">Users<" not in plain
