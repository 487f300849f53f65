"""Accessible charts rendered on the server as SVG, with no JavaScript and no inline styles.

Each chart is a `<figure>` holding an `<svg role="img">` labelled by its `<title>` and `<desc>`, and a
`<table>` with the same data (caption, `th scope`) for screen readers and for anyone who prefers numbers.
The site's Content-Security-Policy forbids inline styles, so the SVG uses presentation attributes
(`fill=`, `font-size=`), which CSP allows. Colours pass WCAG AA against white: text #1b1f24, bars and
lines #0b5d57, axes and grid #59636e. Every piece of text is escaped with `html.escape`.

Ids must be unique on the page: pass `id_prefix` (letters, digits, `-`, `_`, starting with a letter);
without it a random one is made. Values are percentages; bars and points are drawn clamped to 0..100
while the table shows the value as given. A `None` value is "no data": no bar, a gap in the line.
"""
from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from html import escape

TEXT = "#1b1f24"
INK = "#0b5d57"
AXIS = "#59636e"
TRACK = "#e6eaee"  # decorative bar background (the bar itself carries the contrast)
FONT = "system-ui, sans-serif"
WIDTH = 640
NO_DATA = "no data"
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]*")

BarRow = tuple[str, float | None, str]
Point = tuple[str, float | None]


def _prefix(id_prefix: str | None) -> str:
    if id_prefix is None:
        return f"chart-{uuid.uuid4().hex[:8]}"
    if not _ID.fullmatch(id_prefix):
        raise ValueError(f"id_prefix must match {_ID.pattern}: {id_prefix!r}")
    return id_prefix


def _pct(value: float | None) -> str:
    return NO_DATA if value is None else f"{value:.0f}%"


def _clamp(value: float) -> float:
    return min(max(value, 0.0), 100.0)


def _n(value: float) -> str:
    """A coordinate without float noise."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, content: str, size: int = 14, anchor: str = "start", weight: str = "normal") -> str:
    return (f'<text x="{_n(x)}" y="{_n(y)}" fill="{TEXT}" font-size="{size}" font-family="{FONT}" '
            f'font-weight="{weight}" text-anchor="{anchor}">{escape(content)}</text>')


def _svg(prefix: str, title: str, description: str, height: float, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="{prefix}-title {prefix}-desc" '
            f'viewBox="0 0 {WIDTH} {_n(height)}" width="100%" class="chart-svg">'
            f'<title id="{prefix}-title">{escape(title)}</title><desc id="{prefix}-desc">{escape(description)}</desc>'
            + "".join(body) + "</svg>")


def _table(prefix: str, title: str, headings: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headings)
    body = "".join("<tr>" + f'<th scope="row">{escape(row[0])}</th>'
                   + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:]) + "</tr>" for row in rows)
    return (f'<table id="{prefix}-table" class="chart-table"><caption>{escape(title)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>")


def _figure(prefix: str, svg: str, table: str) -> str:
    return f'<figure id="{prefix}" class="chart">{svg}{table}</figure>'


def bar_chart(title: str, description: str, rows: Sequence[BarRow], *, id_prefix: str | None = None,
              headings: tuple[str, str, str] = ("Domain", "Percent", "Note")) -> str:
    """Horizontal bars, 0..100%: each row's label above its bar and the value after it.

    Notes appear in the table only (SVG text does not wrap, so long notes would be clipped).
    """
    prefix = _prefix(id_prefix)
    left, bar_width, row_height, top = 8, 540, 48, 8
    body = []
    for index, (label, value, note) in enumerate(rows):
        y = top + index * row_height
        body.append(_text(left, y + 14, label))
        body.append(f'<rect x="{left}" y="{y + 20}" width="{bar_width}" height="18" fill="{TRACK}"/>')
        if value is not None:
            body.append(f'<rect x="{left}" y="{y + 20}" width="{_n(bar_width * _clamp(value) / 100)}" height="18" '
                        f'fill="{INK}"/>')
        body.append(_text(left + bar_width + 8, y + 34, _pct(value), size=13))
    height = top + max(len(rows), 1) * row_height
    table = _table(prefix, title, headings, [(label, _pct(value), note) for label, value, note in rows])
    return _figure(prefix, _svg(prefix, title, description, height, body), table)


def _segments(coords: Sequence[tuple[float, float] | None]) -> list[list[tuple[float, float]]]:
    """Runs of consecutive known points; a None starts a new run."""
    runs: list[list[tuple[float, float]]] = [[]]
    for coord in coords:
        if coord is None:
            runs.append([])
        else:
            runs[-1].append(coord)
    return [run for run in runs if run]


def _grid(left: float, right: float, top: float, plot_height: float) -> list[str]:
    lines = []
    for tick in (0, 25, 50, 75, 100):
        y = top + plot_height * (1 - tick / 100)
        lines.append(f'<line x1="{_n(left)}" y1="{_n(y)}" x2="{_n(right)}" y2="{_n(y)}" stroke="{AXIS}" '
                     f'stroke-width="{1 if tick == 0 else 0.5}"/>')
        lines.append(_text(left - 6, y + 4, f"{tick}%", size=12, anchor="end"))
    return lines


def line_chart(title: str, description: str, points: Sequence[Point], *, id_prefix: str | None = None,
               headings: tuple[str, str] = ("Week", "Accuracy")) -> str:
    """A line over evenly spaced labels on a 0..100% scale; None values leave a gap.

    Labels are drawn under their points, so keep them short (e.g. "3 Mar") and the points few (about 12).
    """
    prefix = _prefix(id_prefix)
    left, right, top, plot_height = 52, WIDTH - 24, 24, 200
    step = (right - left) / max(len(points) - 1, 1)
    xs = [left + (step * i if len(points) > 1 else (right - left) / 2) for i in range(len(points))]
    coords = [None if value is None else (x, top + plot_height * (1 - _clamp(value) / 100))
              for x, (_label, value) in zip(xs, points)]
    body = _grid(left, right, top, plot_height)
    for run in _segments(coords):
        if len(run) > 1:
            path = " ".join(f"{_n(x)},{_n(y)}" for x, y in run)
            body.append(f'<polyline points="{path}" fill="none" stroke="{INK}" stroke-width="2.5"/>')
    for coord, (_label, value) in zip(coords, points):
        if coord is not None:
            body.append(f'<circle cx="{_n(coord[0])}" cy="{_n(coord[1])}" r="4" fill="{INK}"/>')
            body.append(_text(coord[0], coord[1] - 9, _pct(value), size=12, anchor="middle"))
    for x, (label, _value) in zip(xs, points):
        body.append(_text(x, top + plot_height + 20, label, size=12, anchor="middle"))
    table = _table(prefix, title, headings, [(label, _pct(value)) for label, value in points])
    return _figure(prefix, _svg(prefix, title, description, top + plot_height + 32, body), table)
