import pytest

from tests.content.conftest import MODULE, drop_tendons
from tests.content.test_sync import run_sync


@pytest.fixture
def loaded(app, session, tree):
    app.config["CONTENT_PATH"] = str(tree)
    (tree / "kin" / "images").mkdir()
    (tree / "kin" / "images" / "a.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    run_sync(session, tree)
    return tree


def test_catalog_filters(client, loaded):
    page = client.get("/courses").get_data(as_text=True)
    assert "Kinesiology Basics" in page
    assert "Kinesiology Basics" not in client.get("/courses?kind=ce").get_data(as_text=True)
    assert "Kinesiology Basics" not in client.get("/courses?domain=ethics-laws").get_data(as_text=True)
    assert "Kinesiology Basics" in client.get("/courses?domain=kinesiology").get_data(as_text=True)


def test_enroll_read_complete_progress(learner_client, loaded):
    assert learner_client.post("/courses/kin/enrollment").status_code == 302
    page = learner_client.get("/courses/kin/spindles").get_data(as_text=True)
    assert "Muscle spindles detect stretch" in page and 'href="/courses/kin/tendons"' in page
    learner_client.post("/courses/kin/spindles/complete")
    assert "50% complete" in learner_client.get("/courses/kin").get_data(as_text=True)
    assert "Continue: Golgi tendon organs" in learner_client.get("/dashboard").get_data(as_text=True)


def test_next_link_follows_a_renamed_or_retired_module_after_a_sync(learner_client, session, loaded):
    assert 'Next: Golgi tendon organs' in learner_client.get("/courses/kin/spindles").get_data(as_text=True)
    (loaded / "kin" / "02-tendons.md").write_text(MODULE.format(title="Tendon organs", extra=""))
    run_sync(session, loaded)
    assert 'Next: Tendon organs' in learner_client.get("/courses/kin/spindles").get_data(as_text=True)
    drop_tendons(loaded)
    run_sync(session, loaded)
    assert 'href="/courses/kin/tendons"' not in learner_client.get("/courses/kin/spindles").get_data(as_text=True)


def test_module_pages_need_sign_in(client, loaded):
    assert client.get("/courses/kin/spindles").status_code == 302


def test_image_route_refuses_traversal(client, loaded):
    assert client.get("/courses/kin/files/images/a.png").status_code == 200
    for path in ["/courses/kin/files/../course.yml", "/courses/kin/files/..%2Fcourse.yml",
                 "/courses/kin/files/%2e%2e/%2e%2e/config.png", "/courses/kin/files/course.yml",
                 "/courses/kin/files/01-spindles.md"]:
        assert client.get(path).status_code == 404, path


def test_retired_module_hidden_from_learners_but_previewable_by_staff(learner_client, instructor_client,
                                                                         session, loaded):
    drop_tendons(loaded)
    run_sync(session, loaded)
    assert learner_client.get("/courses/kin/tendons").status_code == 404
    assert instructor_client.get("/courses/kin/tendons").status_code == 200


def test_search_finds_and_highlights(client, loaded):
    page = client.get("/search?q=tension").get_data(as_text=True)
    assert "Golgi tendon organs" in page and "<mark>" in page.lower()
    injected = client.get("/search?q=%27%29%20OR%201%3D1%20--%20%22<script>").get_data(as_text=True)
    assert "<script>" not in injected


def test_module_article_is_rendered_once_per_content_version(app, session, learner_client, loaded):
    cache = app.extensions["lms.module_articles"]
    first = learner_client.get("/courses/kin/spindles").get_data(as_text=True)
    assert len(cache) == 1
    assert learner_client.get("/courses/kin/spindles").get_data(as_text=True).count("Muscle spindles detect stretch") \
        == first.count("Muscle spindles detect stretch") >= 1
    assert len(cache) == 1
    module_file = loaded / "kin" / "01-spindles.md"
    module_file.write_text(module_file.read_text().replace("Muscle spindles detect stretch",
                                                           "Spindles sense lengthening"))
    run_sync(session, loaded)
    page = learner_client.get("/courses/kin/spindles").get_data(as_text=True)
    assert "Spindles sense lengthening" in page and "Muscle spindles detect stretch" not in page
    assert len(cache) == 2
