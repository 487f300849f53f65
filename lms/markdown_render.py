"""Markdown to sanitized HTML (bleach allow-list), shared by course modules and questions; done once when content is
loaded, never on a page view."""
from __future__ import annotations

import html
import re
from dataclasses import dataclass

import bleach
import markdown

EXTENSIONS = ["extra", "admonition", "toc", "sane_lists"]
EXTENSION_CONFIGS = {"toc": {"toc_depth": "2-3", "permalink": False}}

ALLOWED_TAGS = {
    "p", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote",
    "table", "thead", "tbody", "tr", "th", "td", "dl", "dt", "dd", "img", "hr", "br", "div", "span", "sup", "sub",
    "abbr", "figure", "figcaption", "caption",
}
ALLOWED_ATTRIBUTES = {
    "a": ["href", "title", "id", "class", "rel"],
    "img": ["src", "alt", "title"],
    "abbr": ["title"],
    "div": ["class"], "p": ["class"], "span": ["class"], "code": ["class"],
    "h2": ["id"], "h3": ["id"], "h4": ["id"], "h5": ["id"], "h6": ["id"],
    "li": ["id"], "sup": ["id"], "th": ["scope"], "ol": ["start"],
}
ALLOWED_PROTOCOLS = {"http", "https", "mailto"}
MODULE_LINK = re.compile(r"^(\d{2})-([a-z0-9-]+)\.md(#.*)?$")


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[tuple[int, str, str]]  # (level, anchor id, text)
    text: str                        # plain text for full-text search


def sanitize(dirty: str) -> str:
    """Keep only the allow-listed tags, attributes and URL schemes."""
    return bleach.clean(dirty, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, protocols=ALLOWED_PROTOCOLS,
                        strip=True, strip_comments=True)


def render_markdown(source: str, course_slug: str | None = None) -> Rendered:
    """Render author Markdown; links to sibling modules and images are rewritten to this course's routes."""
    md = markdown.Markdown(extensions=EXTENSIONS, extension_configs=EXTENSION_CONFIGS, output_format="html")
    raw = md.convert(source)
    clean = sanitize(raw)
    if course_slug:
        clean = _rewrite_urls(clean, course_slug)
    toc = [(t["level"], t["id"], html.unescape(t["name"])) for t in _flatten(md.toc_tokens)]  # type: ignore[attr-defined]
    text = html.unescape(re.sub(r"<[^>]+>", " ", clean))
    return Rendered(clean, toc, re.sub(r"\s+", " ", text).strip())


def render_inline(source: str) -> str:
    """A short Markdown fragment (a question stem or choice): same allow-list, no course links."""
    return render_markdown(source).html


def _flatten(tokens: list[dict]) -> list[dict]:
    out: list[dict] = []
    for token in tokens:
        out.append(token)
        out.extend(_flatten(token.get("children", [])))
    return out


def _rewrite_urls(fragment: str, course_slug: str) -> str:
    def href(match: re.Match[str]) -> str:
        target = html.unescape(match.group(2))
        module = MODULE_LINK.match(target)
        if module:
            return f'{match.group(1)}="/courses/{course_slug}/{module.group(2)}{module.group(3) or ""}"'
        if match.group(1) == "src" and not re.match(r"^[a-z]+:|^/", target):
            return f'src="/courses/{course_slug}/files/{html.escape(target.lstrip("./"))}"'
        return match.group(0)

    return re.sub(r'(href|src)="([^"]*)"', href, fragment)
