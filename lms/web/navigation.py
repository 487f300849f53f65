"""Main navigation, dashboard panels and time display, contributed to by each area."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from lms.cache import ProcessCache

# The main sections, in menu order: (label, endpoint). An entry shows once its area registers the endpoint.
MAIN_SECTIONS = [
    ("Dashboard", "web.dashboard"),
    ("Courses", "content.catalog"),
    ("Practice", "assessment.practice"),
    ("Mock exams", "assessment.exams"),
    ("Review", "readiness.review"),
    ("CE credits", "credits.ledger"),
    ("Teaching", "teaching.cohorts"),
    ("Questions", "questionbank.import_page"),
    ("Users", "admin.users"),
    ("Certificates", "certificates.admin_list"),
    ("Outbox", "mail.outbox"),
]
MAX_LINKS = 512  # script roots come from the server; the least recently used link goes beyond this
STAFF_ONLY = {"teaching.cohorts", "questionbank.import_page"}
ADMIN_ONLY = {"admin.users", "certificates.admin_list", "mail.outbox"}


@dataclass(frozen=True)
class NavItem:
    label: str
    href: str
    current: bool


def fixed_url(endpoint: str, **values: str) -> str:
    """url_for for the fixed links every page carries (menu, header, stylesheets): built once per worker and
    script root, since building a URL costs more than the rest of the header."""
    links: ProcessCache[str] = current_app.extensions["lms.links"]
    key = (request.script_root, endpoint, tuple(sorted(values.items())))
    return links.get(key, lambda: url_for(endpoint, **values))


def nav_items() -> list[NavItem]:
    items = []
    for label, endpoint in MAIN_SECTIONS:
        if endpoint not in current_app.view_functions or not _may_see(endpoint):
            continue
        href = fixed_url(endpoint)
        items.append(NavItem(label, href, request.path == href or
                             (href != "/" and request.path.startswith(href.rstrip("/") + "/"))))
    return items


def _may_see(endpoint: str) -> bool:
    if endpoint in STAFF_ONLY:
        return current_user.is_authenticated and current_user.is_staff
    if endpoint in ADMIN_ONLY:
        return current_user.is_authenticated and current_user.is_admin
    return True


def register_panel(app: Flask, template: str, page: str = "dashboard") -> None:
    """Add a template to a page that shows panels from several areas ("dashboard", "course")."""
    app.extensions.setdefault("lms.panels", {}).setdefault(page, []).append(template)


def localtime(value: datetime | None, fmt: str = "%d %b %Y, %H:%M") -> str:
    """A UTC datetime shown in the signed-in user's time zone."""
    if value is None:
        return ""
    zone_name = current_user.time_zone if current_user.is_authenticated else "UTC"
    try:
        zone = ZoneInfo(zone_name)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    local = value.astimezone(zone)
    return f"{local.strftime(fmt)} {local.tzname()}"


def init_app(app: Flask) -> None:
    app.extensions["lms.links"] = ProcessCache[str](size=MAX_LINKS)
    app.jinja_env.filters["localtime"] = localtime
    app.jinja_env.globals["fixed_url"] = fixed_url
    app.context_processor(lambda: {
        "nav_items": nav_items,
        "page_panels": lambda page: app.extensions.get("lms.panels", {}).get(page, []),
    })
