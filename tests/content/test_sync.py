import pytest
from sqlalchemy import func, select

from lms.blueprint import load
from lms.content import progress, sync
from lms.content.loader import load_tree
from lms.content.models import Course, Module
from tests.content.conftest import MODULE, drop_tendons, write_course


def run_sync(session, root):
    specs, problems = load_tree(root, load())
    assert problems == []
    return sync.apply(session, specs)


def test_sync_is_idempotent(session, tree):
    first = run_sync(session, tree)
    assert first.added == ["kin", "kin/spindles", "kin/tendons"]
    second = run_sync(session, tree)
    assert not second.has_changes and second.unchanged == 3


def test_a_change_updates_in_place_and_keeps_progress(session, tree, learner):
    run_sync(session, tree)
    module = session.scalar(select(Module).where(Module.slug == "spindles"))
    progress.mark_complete(session, learner.id, module)
    (tree / "kin" / "01-spindles.md").write_text(MODULE.format(title="Spindles, revised", extra=""))
    summary = run_sync(session, tree)
    assert "kin/spindles" in summary.changed and "kin/tendons" not in summary.changed
    session.expire_all()
    same = session.scalar(select(Module).where(Module.slug == "spindles"))
    assert same.id == module.id and same.title == "Spindles, revised"
    assert progress.completed_module_ids(session, learner.id, [same.id]) == {same.id}


def test_removed_content_is_retired_not_deleted(session, tree):
    run_sync(session, tree)
    drop_tendons(tree)
    summary = run_sync(session, tree)
    assert summary.retired == ["kin/tendons"]
    tendons = session.scalar(select(Module).where(Module.slug == "tendons"))
    assert tendons is not None and tendons.retired_at is not None
    write_course(tree, slug="other")
    run_sync(session, tree)
    (tree / "other" / "course.yml").unlink()
    for f in (tree / "other").iterdir():
        f.unlink()
    (tree / "other").rmdir()
    assert run_sync(session, tree).retired == ["other"]
    assert session.scalar(select(func.count()).select_from(Course)) == 2


def test_one_bad_file_loads_nothing(session, tree):
    (tree / "kin" / "02-tendons.md").write_text("---\ntitle: a: b\n---\nbody")
    specs, problems = load_tree(tree, load())
    assert problems and ":2: bad YAML" in str(problems[0])
    assert session.scalar(select(func.count()).select_from(Course)) == 0


def test_sync_rolls_back_everything_on_a_failure(session, tree, monkeypatch):
    specs, _ = load_tree(tree, load())

    def boom(db):
        raise RuntimeError("disk full")

    monkeypatch.setattr(sync.search, "reindex", boom)
    with pytest.raises(RuntimeError):
        sync.apply(session, specs)
    assert session.scalar(select(func.count()).select_from(Module)) == 0


def test_sanitised_front_matter_and_body_are_stored(session, tmp_path):
    evil = MODULE.format(title="<script>alert(1)</script>", extra="\n\n<img src=x onerror=alert(1)>")
    write_course(tmp_path / "c", modules={"01-x": evil})
    run_sync(session, tmp_path / "c")
    module = session.scalar(select(Module))
    assert "onerror" not in module.body_html and "<script" not in module.body_html


def test_a_module_change_stamps_its_course_and_an_unchanged_sync_does_not(session, tree):
    run_sync(session, tree)
    stamp = session.scalar(select(Course.updated_at).where(Course.slug == "kin"))
    run_sync(session, tree)
    assert session.scalar(select(Course.updated_at).where(Course.slug == "kin")) == stamp
    (tree / "kin" / "02-tendons.md").write_text(MODULE.format(title="Tendon organs", extra=""))
    run_sync(session, tree)
    session.expire_all()
    assert session.scalar(select(Course.updated_at).where(Course.slug == "kin")) > stamp
