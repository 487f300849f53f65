"""Read and validate a course tree (courses/<slug>/course.yml + NN-name.md); every problem is file:line."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lms.blueprint import Blueprint
from lms.yamlsource import LinedMapping, Problem, parse_mapping

SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
MODULE_FILE = re.compile(r"^(\d{2})-([a-z0-9][a-z0-9-]{0,79})\.md$")
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'’-]*")
WORDS_PER_CE_HOUR = 12_000  # NCBTMB home study: 12,000 words read = 1 CE (about 200 words a minute)

COURSE_KEYS = {"title": str, "summary": str, "kind": str, "exam_domains": list, "audience": str, "objectives": list,
               "ce": dict, "post_test": dict}
COURSE_REQUIRED = {"title", "summary", "kind", "exam_domains", "audience", "objectives"}
CE_KEYS = {"hours": (int, float), "categories": list, "delivery": str, "approval_number": str}
POST_TEST_KEYS = {"items": int, "pass_mark": (int, float), "attempts": int, "time_limit_minutes": int,
                  "minutes_per_item": (int, float)}
POST_TEST_OPTIONAL = {"shuffle_questions": bool, "shuffle_choices": bool, "feedback": str, "review": str}
CHOICES = {"feedback": {"immediate", "deferred"}, "review": {"after-submit", "never"}}
MODULE_KEYS = {"title": str, "minutes": int, "subtopics": list, "objectives": list, "references": list}
KINDS = {"exam-prep", "ce"}
DELIVERIES = {"home-study", "live", "webinar"}


@dataclass
class ModuleSpec:
    slug: str            # permanent id: the name after "NN-"
    file_stem: str       # e.g. "02-proprioceptors"
    position: int
    path: Path
    title: str
    minutes: int
    subtopics: list[str]
    objectives: list[str]
    references: list[str]
    markdown: str
    word_count: int


@dataclass
class CourseSpec:
    slug: str
    path: Path
    title: str
    summary: str
    kind: str
    exam_domains: list[str]
    audience: str
    objectives: list[str]
    ce: dict[str, Any] | None
    post_test: dict[str, Any] | None
    modules: list[ModuleSpec] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        return sum(m.word_count for m in self.modules)


def count_words(markdown: str) -> int:
    return len(WORD.findall(markdown))


def _check_keys(mapping: LinedMapping, path: Path, allowed: dict[str, object], required: set[str],
                where: str) -> list[Problem]:
    problems = [Problem(path, mapping.start_line, f"{where}: missing required key '{k}'")
                for k in sorted(required - mapping.data.keys())]
    for key, value in mapping.data.items():
        if key not in allowed:
            problems.append(Problem(path, mapping.line_of(key), f"{where}: unknown key '{key}'"))
        elif value is None or not isinstance(value, allowed[key]) or isinstance(value, bool):  # type: ignore[arg-type]
            problems.append(Problem(path, mapping.line_of(key), f"{where}: '{key}' has the wrong type or is empty"))
        elif isinstance(value, (str, list)) and not value and key in required:
            problems.append(Problem(path, mapping.line_of(key), f"{where}: '{key}' must not be empty"))
    return problems


def _check_block(parent: LinedMapping, key: str, path: Path, allowed: dict[str, object],
                 optional: dict[str, object] | None = None) -> list[Problem]:
    block = parent.data.get(key)
    if not isinstance(block, dict):
        return []
    line, optional = parent.line_of(key), optional or {}
    problems = [Problem(path, line, f"{key}: missing required key '{k}'") for k in sorted(allowed.keys() - block.keys())
                if not (key == "ce" and k == "approval_number")]
    for k, v in block.items():
        expected = allowed.get(k, optional.get(k))
        if expected is None:
            problems.append(Problem(path, line, f"{key}: unknown key '{k}'"))
        elif not isinstance(v, expected) or (isinstance(v, bool) and expected is not bool):  # type: ignore[arg-type]
            problems.append(Problem(path, line, f"{key}: '{k}' has the wrong type"))
        elif k in CHOICES and v not in CHOICES[k]:
            problems.append(Problem(path, line, f"{key}: '{k}' must be one of {', '.join(sorted(CHOICES[k]))}"))
    return problems


def load_course(folder: Path, blueprint: Blueprint) -> tuple[CourseSpec | None, list[Problem]]:
    path = folder / "course.yml"
    if not SLUG.match(folder.name):
        return None, [Problem(folder, 1, "course folder names use lower-case letters, digits and hyphens")]
    if not path.is_file():
        return None, [Problem(path, 1, "missing course.yml")]
    mapping, problems = parse_mapping(path.read_text(encoding="utf-8"), path)
    if mapping is None:
        return None, problems
    problems += _check_keys(mapping, path, COURSE_KEYS, COURSE_REQUIRED, "course.yml")
    data = mapping.data
    if data.get("kind") not in KINDS:
        problems.append(Problem(path, mapping.line_of("kind"), "kind must be 'exam-prep' or 'ce'"))
    for domain in data.get("exam_domains") or []:
        if domain not in blueprint.area_keys:
            problems.append(Problem(path, mapping.line_of("exam_domains"), f"unknown exam domain '{domain}'"))
    if data.get("kind") == "ce":
        for block in ("ce", "post_test"):
            if block not in data:
                problems.append(Problem(path, mapping.start_line, f"a CE course needs a '{block}' block"))
        problems += _check_block(mapping, "ce", path, CE_KEYS)
        problems += _check_block(mapping, "post_test", path, POST_TEST_KEYS, POST_TEST_OPTIONAL)
        ce = data.get("ce") or {}
        if isinstance(ce, dict) and ce.get("delivery") not in DELIVERIES:
            problems.append(Problem(path, mapping.line_of("ce"), "ce: delivery must be home-study, live or webinar"))
    if problems:
        return None, problems
    course = CourseSpec(folder.name, folder, data["title"].strip(), data["summary"].strip(), data["kind"],
                        list(data["exam_domains"]), data["audience"].strip(), [str(o) for o in data["objectives"]],
                        data.get("ce"), data.get("post_test"))
    return course, problems


def split_front_matter(text: str, path: Path) -> tuple[str, str, int, list[Problem]]:
    """(front matter, body, line where the body starts, problems)."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return "", text, 1, [Problem(path, 1, "a module must start with front matter between '---' lines")]
    for index in range(1, len(lines)):
        if lines[index].strip() == "---":
            return "".join(lines[1:index]), "".join(lines[index + 1:]), index + 2, []
    return "", text, 1, [Problem(path, 1, "front matter is not closed by a '---' line")]


def load_module(path: Path, course: CourseSpec, blueprint: Blueprint) -> tuple[ModuleSpec | None, list[Problem]]:
    match = MODULE_FILE.match(path.name)
    if match is None:
        return None, [Problem(path, 1, "module files are named NN-name.md (two digits, a hyphen, lower-case name)")]
    front, body, body_line, problems = split_front_matter(path.read_text(encoding="utf-8"), path)
    if problems:
        return None, problems
    mapping, problems = parse_mapping(front, path, line_offset=1)
    if mapping is None:
        return None, problems
    problems += _check_keys(mapping, path, MODULE_KEYS, set(MODULE_KEYS), "front matter")
    allowed = {key for domain in course.exam_domains if (area := blueprint.area(domain)) for key in area.subtopics}
    for subtopic in mapping.data.get("subtopics") or []:
        if subtopic not in allowed:
            problems.append(Problem(path, mapping.line_of("subtopics"),
                                    f"unknown sub-topic '{subtopic}' for this course's exam domains"))
    problems += _check_links(body, body_line, path, course.path)
    if problems:
        return None, problems
    data = mapping.data
    return ModuleSpec(match.group(2), path.stem, int(match.group(1)), path, data["title"].strip(), data["minutes"],
                      list(data["subtopics"]), [str(o) for o in data["objectives"]],
                      [str(r) for r in data["references"]], body, count_words(body)), []


def _check_links(body: str, first_line: int, path: Path, course_dir: Path) -> list[Problem]:
    problems = []
    for offset, line in enumerate(body.splitlines()):
        for bang, target in LINK.findall(line):
            if re.match(r"^(https?:|mailto:|#)", target):
                continue
            if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                problems.append(Problem(path, first_line + offset, f"link scheme not allowed: {target}"))
                continue
            file_part = target.split("#")[0]
            resolved = (course_dir / file_part).resolve()
            inside = resolved.is_relative_to(course_dir.resolve())
            if bang and (not inside or not resolved.is_file()):
                problems.append(Problem(path, first_line + offset, f"missing image: {target}"))
            elif not bang and (not inside or not resolved.is_file() or not MODULE_FILE.match(resolved.name)):
                problems.append(Problem(path, first_line + offset, f"broken link to another module: {target}"))
    return problems


def ce_hours_supported(course: CourseSpec) -> float:
    """CE hours that reading volume and the documented post-test time support (NCBTMB home-study rule)."""
    post = course.post_test or {}
    test_minutes = float(post.get("items", 0)) * float(post.get("minutes_per_item", 0))
    return course.word_count / WORDS_PER_CE_HOUR + test_minutes / 60


def load_tree(root: Path, blueprint: Blueprint) -> tuple[list[CourseSpec], list[Problem]]:
    """Every course under `root`, and every problem found (nothing is loaded when there are problems)."""
    courses: list[CourseSpec] = []
    problems: list[Problem] = []
    if not root.is_dir():
        return [], [Problem(root, 1, "not a folder")]
    for folder in sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")):
        course, found = load_course(folder, blueprint)
        problems += found
        if course is None:
            continue
        seen: dict[str, Path] = {}
        for path in sorted(folder.glob("*.md")):
            module, found = load_module(path, course, blueprint)
            problems += found
            if module is None:
                continue
            if module.slug in seen:
                problems.append(Problem(path, 1, f"duplicate module name '{module.slug}' (also {seen[module.slug].name})"))
                continue
            seen[module.slug] = path
            course.modules.append(module)
        problems += _audit(course)
        courses.append(course)
    return courses, problems


def _audit(course: CourseSpec) -> list[Problem]:
    path = course.path / "course.yml"
    if not course.modules:
        return [Problem(path, 1, "a course needs at least one module")]
    if course.kind != "ce" or not course.ce:
        return []
    supported = ce_hours_supported(course)
    if float(course.ce["hours"]) > supported + 1e-9:
        return [Problem(path, 1, f"ce: {course.ce['hours']} CE hours stated but the reading ({course.word_count} words"
                                 f" = {course.word_count / WORDS_PER_CE_HOUR:.2f} h) and post-test time support only"
                                 f" {supported:.2f} h")]
    return []
