"""Renewal requirement profiles (data files, one per board) and their evaluation. Pure: no Flask, no database."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from lms.credits.ledger import Credit

PROFILES = Path(__file__).resolve().parent / "profiles"


@dataclass(frozen=True)
class Profile:
    key: str
    name: str
    board: str
    source: str
    checked: str
    cycle_years: int
    total_hours: Decimal
    minimums: dict[str, Decimal]           # category -> hours at least
    caps: dict[str, Decimal]               # category -> hours at most
    delivery_minimums: dict[str, Decimal]  # delivery -> hours at least (e.g. live)
    delivery_caps: dict[str, Decimal]      # delivery -> hours at most (e.g. home-study)
    notes: tuple[str, ...] = ()


def _decimals(data: dict[str, Any] | None) -> dict[str, Decimal]:
    return {str(k): Decimal(str(v)) for k, v in (data or {}).items()}


def parse_profile(data: dict[str, Any]) -> Profile:
    return Profile(str(data["key"]), str(data["name"]), str(data["board"]), str(data["source"]), str(data["checked"]),
                   int(data["cycle_years"]), Decimal(str(data["total_hours"])), _decimals(data.get("minimums")),
                   _decimals(data.get("caps")), _decimals(data.get("delivery_minimums")),
                   _decimals(data.get("delivery_caps")), tuple(data.get("notes") or ()))


def load_profiles(folders: list[Path] | None = None) -> dict[str, Profile]:
    """Shipped profiles plus any an admin added (instance/profiles/*.yml); later folders override."""
    profiles: dict[str, Profile] = {}
    for folder in folders or [PROFILES]:
        for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
            profile = parse_profile(yaml.safe_load(path.read_text(encoding="utf-8")))
            profiles[profile.key] = profile
    return profiles


def cycle_start(profile: Profile, cycle_end: date) -> date:
    try:
        start = cycle_end.replace(year=cycle_end.year - profile.cycle_years)
    except ValueError:  # 29 February
        start = cycle_end.replace(year=cycle_end.year - profile.cycle_years, day=28)
    return start + timedelta(days=1)


@dataclass
class CategoryProgress:
    category: str
    required: Decimal
    earned: Decimal

    @property
    def missing(self) -> Decimal:
        return max(Decimal(0), self.required - self.earned)


@dataclass
class Evaluation:
    profile: Profile
    cycle_start: date
    cycle_end: date
    days_left: int
    counted: Decimal                                   # hours that count after caps
    raw: Decimal                                       # hours in the cycle before caps
    categories: list[CategoryProgress] = field(default_factory=list)
    capped: list[str] = field(default_factory=list)    # plain words: what a cap removed
    missing: list[str] = field(default_factory=list)   # plain words: what is still needed

    @property
    def complete(self) -> bool:
        return not self.missing


def _hours(value: Decimal) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return f"{text} hour" + ("" if value == 1 else "s")


def evaluate(profile: Profile, credits: list[Credit], cycle_end: date, today: date) -> Evaluation:
    start = cycle_start(profile, cycle_end)
    inside = [c for c in credits if start <= c.completed_on <= cycle_end]
    raw = sum((c.hours for c in inside), Decimal(0))
    result = Evaluation(profile, start, cycle_end, (cycle_end - today).days, raw, raw)
    excess = Decimal(0)
    for category, cap in profile.caps.items():
        earned = sum((c.hours for c in inside if category in c.categories), Decimal(0))
        if earned > cap:
            excess += earned - cap
            result.capped.append(f"only {_hours(cap)} of {category} count ({_hours(earned)} taken)")
    for delivery, cap in profile.delivery_caps.items():
        earned = sum((c.hours for c in inside if c.delivery == delivery), Decimal(0))
        if earned > cap:
            excess += earned - cap
            result.capped.append(f"only {_hours(cap)} of {delivery.replace('-', ' ')} count ({_hours(earned)} taken)")
    result.counted = raw - excess
    for category, required in profile.minimums.items():
        earned = sum((c.hours for c in inside if category in c.categories), Decimal(0))
        progress = CategoryProgress(category, required, earned)
        result.categories.append(progress)
        if progress.missing:
            result.missing.append(f"{_hours(progress.missing).replace('hour', 'more hour', 1)} of {category}")
    for delivery, required in profile.delivery_minimums.items():
        earned = sum((c.hours for c in inside if c.delivery == delivery), Decimal(0))
        progress = CategoryProgress(f"{delivery} (delivery)", required, earned)
        result.categories.append(progress)
        if progress.missing:
            result.missing.append(f"{_hours(progress.missing).replace('hour', 'more hour', 1)} of {delivery} courses")
    if result.counted < profile.total_hours:
        gap = profile.total_hours - result.counted
        result.missing.append(f"{_hours(gap).replace('hour', 'more hour', 1)} in total")
    return result
