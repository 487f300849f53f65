"""The floor: a trivial Flask app, served by the same gunicorn configuration as the LMS.

GET /bytes/<n> returns n bytes of HTML; exam_day.py asks for exactly the size of each LMS page it measures,
so the ratio page/floor isolates the LMS's own work (routing, session, database, templates).
"""
from __future__ import annotations

from functools import lru_cache

from flask import Flask, Response

app = Flask(__name__)


@lru_cache(maxsize=64)
def _body(n: int) -> bytes:
    return (b"<!doctype html><p>" + b"x" * n)[:n]


@app.get("/bytes/<int:n>")
def body(n: int) -> Response:
    return Response(_body(min(n, 10_000_000)), mimetype="text/html")


@app.get("/")
def home() -> str:
    return "ok"
