"""Performance bands per exam domain, on one scale for the mock-exam report and the readiness view.

FSMTB reports good / borderline / poor per content area to failing candidates but publishes no cut
points. We use: good at 75% or more, borderline from 60% to under 75%, poor under 60%.
"""
from __future__ import annotations

GOOD_AT = 75.0
BORDERLINE_AT = 60.0


def band(percent: float | None) -> str:
    if percent is None:
        return "no data"
    if percent >= GOOD_AT:
        return "good"
    if percent >= BORDERLINE_AT:
        return "borderline"
    return "poor"
