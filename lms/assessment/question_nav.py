"""The question navigation of an attempt page: one link per question, marked answered, flagged or current.

Built here rather than in the template: a mock exam shows 100 links on every question page, and a plain
string join is an order of magnitude cheaper than a Jinja loop over them. Nothing in it comes from a user.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from markupsafe import Markup, escape


class NavState(Protocol):
    position: int
    answered: bool
    flagged: bool


def render(states: Iterable[NavState], current: int, base_url: str) -> Markup:
    """`<li>` items linking to `base_url + position`, for the page's `<ol>`."""
    base = escape(base_url)
    items = []
    for s in states:
        css = "qnav" + (" answered" if s.answered else "") + (" flagged" if s.flagged else "")
        label = (", answered" if s.answered else ", not answered") + (", flagged" if s.flagged else "")
        step = ' aria-current="step"' if s.position == current else ""
        items.append(f'<li><a href="{base}{s.position}" class="{css}"{step}>{s.position}'
                     f'<span class="visually-hidden">{label}</span></a></li>')
    return Markup("\n".join(items))  # noqa: S704 (integers and fixed words; the base URL is escaped)
