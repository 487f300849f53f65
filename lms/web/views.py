"""Home page and the learner's dashboard."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask_login import login_required

bp = Blueprint("web", __name__)


@bp.get("/")
def home() -> str:
    return render_template("web/home.html")


@bp.get("/dashboard")
@login_required
def dashboard() -> str:
    return render_template("web/dashboard.html")
