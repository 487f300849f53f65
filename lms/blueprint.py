"""Exam blueprints as data: content areas, weights and sub-topics (lms/blueprints/*.yml)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

BLUEPRINTS = Path(__file__).resolve().parent / "blueprints"


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    weight: int
    subtopics: dict[str, str]  # key -> name


@dataclass(frozen=True)
class Blueprint:
    key: str
    name: str
    items: int
    minutes: int
    areas: tuple[Area, ...]

    def area(self, key: str) -> Area | None:
        return next((a for a in self.areas if a.key == key), None)

    @property
    def area_keys(self) -> set[str]:
        return {a.key for a in self.areas}


@lru_cache(maxsize=8)
def load(key: str = "mblex") -> Blueprint:
    data = yaml.safe_load((BLUEPRINTS / f"{key}.yml").read_text(encoding="utf-8"))
    areas = tuple(Area(a["key"], a["name"], int(a["weight"]), {s["key"]: s["name"] for s in a["subtopics"]})
                  for a in data["areas"])
    if sum(a.weight for a in areas) != 100:
        raise ValueError(f"blueprint {key}: weights must sum to 100")
    exam = data["exam"]
    return Blueprint(key, exam["name"], int(exam["items"]), int(exam["minutes"]), areas)
