"""A small course tree written to a temporary folder, for loader and sync tests."""
from __future__ import annotations

from pathlib import Path

import pytest

COURSE_YML = """title: Kinesiology Basics
summary: Muscles and movement.
kind: exam-prep
exam_domains: [kinesiology]
audience: Students.
objectives:
  - Name muscle actions.
"""

MODULE = """---
title: {title}
minutes: 5
subtopics: [proprioceptors]
objectives:
  - Describe spindles.
references:
  - "OpenStax A&P 2e. https://openstax.org/details/books/anatomy-and-physiology-2e"
---

## Spindles

Muscle spindles detect stretch.{extra}
"""


def write_course(root: Path, slug: str = "kin", modules: dict[str, str] | None = None,
                 course_yml: str = COURSE_YML) -> Path:
    folder = root / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "course.yml").write_text(course_yml)
    for name, text in (modules or {"01-spindles": MODULE.format(title="Spindles", extra="")}).items():
        (folder / f"{name}.md").write_text(text)
    return folder


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    root = tmp_path / "courses"
    write_course(root, modules={
        "01-spindles": MODULE.format(title="Spindles", extra=" See [tendons](02-tendons.md)."),
        "02-tendons": MODULE.format(title="Golgi tendon organs", extra=" Tension inhibits the muscle."),
    })
    return root


def drop_tendons(root: Path) -> None:
    """Remove module 02 and the link to it from module 01."""
    (root / "kin" / "02-tendons.md").unlink()
    (root / "kin" / "01-spindles.md").write_text(MODULE.format(title="Spindles", extra=""))
