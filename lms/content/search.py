"""Full-text search over module text with each database's own engine (SQLite FTS5, PostgreSQL tsvector)."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

START, STOP = "\x02", "\x03"
_TERM = re.compile(r"[\w'-]+", re.UNICODE)


@dataclass(frozen=True)
class Hit:
    course_slug: str
    course_title: str
    module_slug: str
    module_title: str
    snippet_html: str  # escaped text with <mark> around matches


def _highlight(raw: str) -> str:
    return html.escape(raw).replace(START, "<mark>").replace(STOP, "</mark>")


def reindex(db: Session) -> None:
    """Rebuild the SQLite index from live modules (PostgreSQL indexes an expression: nothing to do)."""
    if db.get_bind().dialect.name != "sqlite":
        return
    db.execute(text("DELETE FROM module_fts"))
    db.execute(text("INSERT INTO module_fts (module_id, title, body) SELECT m.id, m.title, m.body_text FROM modules m "
                    "JOIN courses c ON c.id = m.course_id WHERE m.retired_at IS NULL AND c.retired_at IS NULL"))


def search(db: Session, query: str, limit: int = 20) -> list[Hit]:
    terms = _TERM.findall(query)[:12]
    if not terms:
        return []
    if db.get_bind().dialect.name == "sqlite":
        rows = db.execute(text(
            "SELECT c.slug, c.title, m.slug, m.title, snippet(module_fts, 2, :start, :stop, '…', 16) "
            "FROM module_fts JOIN modules m ON m.id = module_fts.module_id JOIN courses c ON c.id = m.course_id "
            "WHERE module_fts MATCH :match ORDER BY bm25(module_fts, 0, 5.0, 1.0) LIMIT :limit"),
            {"match": " ".join('"' + t.replace('"', "") + '"' for t in terms), "start": START, "stop": STOP,
             "limit": limit})
    else:
        rows = db.execute(text(
            "SELECT c.slug, c.title, m.slug, m.title, ts_headline('english', m.body_text, q, :opts) "
            "FROM modules m JOIN courses c ON c.id = m.course_id, websearch_to_tsquery('english', :q) q "
            "WHERE m.retired_at IS NULL AND c.retired_at IS NULL "
            "AND to_tsvector('english', m.title || ' ' || m.body_text) @@ q "
            "ORDER BY ts_rank(to_tsvector('english', m.title || ' ' || m.body_text), q) DESC LIMIT :limit"),
            {"q": " ".join(terms), "limit": limit,
             "opts": f"StartSel={START}, StopSel={STOP}, MaxWords=30, MinWords=12, MaxFragments=2"})
    return [Hit(r[0], r[1], r[2], r[3], _highlight(r[4] or "")) for r in rows]
