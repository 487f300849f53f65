"""What a content or question-bank sync changed: the one summary both syncs print."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class SyncSummary:
    noun: str = ""  # prefixed to each line, e.g. "questions"
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def has_changes(self) -> bool:
        return bool(self.added or self.changed or self.retired)

    def lines(self) -> list[str]:
        prefix = f"{self.noun} " if self.noun else ""
        out = [f"{prefix}{label}: {len(items)}" + (f" ({', '.join(items[:8])}{' ...' if len(items) > 8 else ''})"
                                                   if items else "")
               for label, items in (("added", self.added), ("changed", self.changed), ("retired", self.retired))]
        return out + [f"unchanged: {self.unchanged}"]
