"""Catalog, course and module pages, enrollment, completion, seat-time heartbeat, images and search."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Flask, abort, current_app, flash, redirect, render_template, request, send_from_directory, url_for
from flask_login import current_user, login_required
from markupsafe import Markup
from werkzeug.wrappers import Response

from lms import db
from lms.blueprint import load as load_blueprint
from lms.cache import ProcessCache
from lms.content import catalog, progress, search
from lms.content.models import Course, Module
from lms.web.navigation import register_panel

bp = Blueprint("content", __name__, template_folder="templates")
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}  # no SVG: it can carry script


def _hidden(course: Course | None) -> bool:
    """Missing, or retired and the user is not staff (staff preview retired content)."""
    staff = current_user.is_authenticated and current_user.is_staff
    return course is None or (course.retired_at is not None and not staff)


def _course_or_404(slug: str) -> Course:
    course = catalog.get_course(db.session(), slug)
    if _hidden(course):
        abort(404)
    return course


def _module_or_404(slug: str, module_slug: str) -> Module:
    """A module the user may read: staff see retired content; a learner keeps a retired module they read."""
    module = catalog.find_module(db.session(), slug, module_slug)
    if module is None or _hidden(module.course):
        abort(404)
    if module.retired_at is not None and not current_user.is_staff \
            and not catalog.has_history(db.session(), current_user.id, module.id):
        abort(404)
    return module


def _article(module: Module) -> Markup:
    """The module's objectives, contents, body and references: the same for every reader, so rendered once
    per worker and content version."""
    cache: ProcessCache[str] = current_app.extensions["lms.module_articles"]
    key = (module.id, module.content_hash, module.updated_at)
    return Markup(cache.get(key, lambda: render_template("content/_article.html", module=module)))  # noqa: S704 (sanitized at sync)


def _outline(course: Course) -> tuple[catalog.ModuleLink, ...]:
    """The course's live modules, read once per worker and sync change (sync stamps the course)."""
    cache: ProcessCache[tuple[catalog.ModuleLink, ...]] = current_app.extensions["lms.course_outlines"]
    return cache.get((course.id, course.updated_at), lambda: catalog.outline(db.session(), course.id))


@bp.get("/courses", endpoint="catalog")
def catalog_page() -> str:
    kind, domain = request.args.get("kind") or None, request.args.get("domain") or None
    show_retired = bool(request.args.get("retired")) and current_user.is_authenticated and current_user.is_staff
    courses = catalog.list_courses(db.session(), kind, domain, include_retired=show_retired)
    return render_template("content/catalog.html", courses=courses, kind=kind, domain=domain,
                           blueprint=load_blueprint(), show_retired=show_retired)



@bp.get("/courses/<slug>")
def course_page(slug: str) -> str:
    course = _course_or_404(slug)
    enrolled = current_user.is_authenticated and progress.is_enrolled(db.session(), current_user.id, course.id)
    state = progress.course_progress(db.session(), current_user.id, course) if current_user.is_authenticated else None
    done = progress.completed_module_ids(db.session(), current_user.id, [m.id for m in course.modules]) \
        if current_user.is_authenticated else set()
    return render_template("content/course.html", course=course, modules=catalog.live_modules(course),
                           enrolled=enrolled, state=state, done=done, blueprint=load_blueprint())


@bp.post("/courses/<slug>/enrollment")
@login_required
def enroll(slug: str) -> Response:
    course = _course_or_404(slug)
    if request.form.get("action") == "leave":
        progress.unenroll(db.session(), current_user.id, course)
        flash(f"You have left {course.title}. Your progress is kept.", "info")
    else:
        progress.enroll(db.session(), current_user.id, course)
        flash(f"You are enrolled in {course.title}.", "success")
    return redirect(url_for("content.course_page", slug=slug))


@bp.get("/courses/<slug>/<module_slug>")
@login_required
def module_page(slug: str, module_slug: str) -> str:
    module = _module_or_404(slug, module_slug)
    row = progress.open_page(db.session(), current_user.id, module)
    previous, following = catalog.neighbours(_outline(module.course), module)
    return render_template("content/module.html", course=module.course, module=module, article=_article(module),
                           row=row, previous=previous, following=following)


@bp.post("/courses/<slug>/<module_slug>/heartbeat")
@login_required
def heartbeat(slug: str, module_slug: str) -> dict[str, int]:
    module = _module_or_404(slug, module_slug)
    return {"seconds": progress.heartbeat(db.session(), current_user.id, module)}


@bp.post("/courses/<slug>/<module_slug>/complete")
@login_required
def complete(slug: str, module_slug: str) -> Response:
    module = _module_or_404(slug, module_slug)
    progress.mark_complete(db.session(), current_user.id, module)
    flash(f"“{module.title}” is marked complete.", "success")
    following = request.form.get("next_module")
    if following and catalog.find_module(db.session(), slug, following):
        return redirect(url_for("content.module_page", slug=slug, module_slug=following))
    return redirect(url_for("content.course_page", slug=slug))


@bp.get("/courses/<slug>/files/<path:filename>")
def course_file(slug: str, filename: str) -> Response:
    course = _course_or_404(slug)
    if Path(filename).suffix.lower() not in IMAGE_TYPES:
        abort(404)
    root = Path(current_app.config["CONTENT_PATH"]).resolve() / course.slug
    if not root.is_dir():
        abort(404)
    return send_from_directory(root, filename)  # safe_join: refuses paths that leave the course folder


@bp.get("/search")
def search_page() -> str:
    query = (request.args.get("q") or "").strip()[:200]
    hits = search.search(db.session(), query) if query else []
    return render_template("content/search.html", query=query, hits=hits)


def init_app(app: Flask) -> None:
    app.register_blueprint(bp)
    app.extensions["lms.module_articles"] = ProcessCache[str](size=256)
    app.extensions["lms.course_outlines"] = ProcessCache[tuple[catalog.ModuleLink, ...]](size=128)
    register_panel(app, "content/dashboard_panel.html")
    app.context_processor(lambda: {"enrolled_progress": lambda: progress.enrolled_progress(db.session(), current_user.id)})
