"""YAML mappings with line numbers, so that every problem can be reported as file:line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class LinedMapping:
    """A parsed YAML mapping plus the line on which each top-level key appears (1-based)."""

    data: dict[str, Any]
    start_line: int
    key_lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.start_line)


def parse_mapping(text: str, path: Path, line_offset: int = 0) -> tuple[LinedMapping | None, list[Problem]]:
    """Parse `text` as a YAML mapping; `line_offset` is added to every line (front matter inside a file)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = (mark.line + 1 if mark else 1) + line_offset
        reason = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return None, [Problem(path, line, f"bad YAML: {reason}")]
    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        return None, [Problem(path, 1 + line_offset, "expected a mapping of keys to values")]
    lines = {str(k.value): k.start_mark.line + 1 + line_offset for k, _v in node.value}
    return LinedMapping(data, node.start_mark.line + 1 + line_offset, lines), []
