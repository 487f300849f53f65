"""Read and validate the native question bank (question_bank/**/*.yml); every problem is file:line."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from lms.blueprint import Blueprint
from lms.assessment.items import Choice, Pair, QuestionData, question_problems
from lms.yamlsource import Problem

ID = re.compile(r"^[a-z0-9][a-z0-9-]{1,99}$")
REQUIRED = {"id", "domain", "topic", "type", "difficulty", "stem", "rationale", "references"}
ALLOWED = REQUIRED | {"choices", "answer", "feedback_true", "feedback_false", "pairs", "distractors", "module", "tags",
                      "title"}


def _lines(node: yaml.Node) -> tuple[int, dict[str, int]]:
    keys = {str(k.value): k.start_mark.line + 1 for k, _ in node.value} if isinstance(node, yaml.MappingNode) else {}
    return node.start_mark.line + 1, keys


def load_file(path: Path, blueprint: Blueprint) -> tuple[list[QuestionData], list[Problem]]:
    text = path.read_text(encoding="utf-8")
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        return [], [Problem(path, mark.line + 1 if mark else 1, f"bad YAML: {getattr(exc, 'problem', exc)}")]
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        return [], [Problem(path, 1, "expected a mapping with a 'questions:' list")]
    list_node = next(v for k, v in root.value if k.value == "questions")
    questions, problems = [], []
    for item, node in zip(data["questions"], list_node.value):
        question, found = _question(item, node, path, blueprint)
        problems += found
        if question is not None:
            questions.append(question)
    return questions, problems


def _question(item: Any, node: yaml.Node, path: Path, blueprint: Blueprint) -> tuple[QuestionData | None, list[Problem]]:
    start, keys = _lines(node)
    if not isinstance(item, dict):
        return None, [Problem(path, start, "each question must be a mapping of keys to values")]
    where = f"question '{item.get('id', '?')}'"
    problems = [Problem(path, start, f"{where}: missing required key '{k}'") for k in sorted(REQUIRED - item.keys())]
    problems += [Problem(path, keys.get(str(k), start), f"{where}: unknown key '{k}'") for k in item if k not in ALLOWED]
    if problems:
        return None, problems
    line = keys.get
    if not isinstance(item["id"], str) or not ID.match(item["id"]):
        problems.append(Problem(path, line("id", start), f"{where}: id must be lower-case letters, digits and hyphens"))
    area = blueprint.area(str(item["domain"]))
    if area is None:
        problems.append(Problem(path, line("domain", start), f"{where}: unknown exam domain '{item['domain']}'"))
    elif item["topic"] not in area.subtopics:
        problems.append(Problem(path, line("topic", start), f"{where}: unknown topic '{item['topic']}' for {area.key}"))
    if item["difficulty"] not in (1, 2, 3) or isinstance(item["difficulty"], bool):
        problems.append(Problem(path, line("difficulty", start), f"{where}: difficulty must be 1, 2 or 3"))
    refs = item["references"]
    if not isinstance(refs, list) or not refs or not all(isinstance(r, str) and r.strip() for r in refs):
        problems.append(Problem(path, line("references", start), f"{where}: references must be a list of sources"))
    for key in ("stem", "rationale"):
        if not isinstance(item[key], str) or not item[key].strip():
            problems.append(Problem(path, line(key, start), f"{where}: '{key}' must be non-empty text"))
    if problems:
        return None, problems
    try:
        question = _to_data(item, start)
    except (TypeError, KeyError, AttributeError, ValueError) as exc:
        return None, [Problem(path, start, f"{where}: malformed {item.get('type')} question ({exc})")]
    problems = [Problem(path, line("type", start), f"{where}: {p}") for p in question_problems(question)]
    return (None if problems else question), problems


def _to_data(item: dict[str, Any], start: int) -> QuestionData:
    kind = item["type"]
    question = QuestionData(
        id=item["id"], type=kind, stem=item["stem"], rationale=item["rationale"], domain=item["domain"],
        topic=item["topic"], difficulty=item["difficulty"], references=[str(r) for r in item["references"]],
        tags=[str(t) for t in item.get("tags") or []], module=str(item.get("module") or ""),
        title=str(item.get("title") or ""), line=start)
    if kind in ("single", "multiple"):
        question.choices = [Choice(str(c["text"]), bool(c.get("correct", False)), str(c.get("feedback") or ""))
                            for c in item.get("choices") or []]
    elif kind == "truefalse":
        if not isinstance(item.get("answer"), bool):
            raise ValueError("answer must be true or false")
        question.answer = item["answer"]
        question.feedback_true = str(item.get("feedback_true") or "")
        question.feedback_false = str(item.get("feedback_false") or "")
    elif kind == "matching":
        question.pairs = [Pair(str(p["prompt"]), str(p["match"])) for p in item.get("pairs") or []]
        question.distractors = [str(d) for d in item.get("distractors") or []]
    return question


def load_tree(root: Path, blueprint: Blueprint) -> tuple[list[QuestionData], list[Problem]]:
    """Every question under `root` and every problem (ids must be unique across the bank)."""
    if not root.is_dir():
        return [], [Problem(root, 1, "not a folder")]
    questions: list[QuestionData] = []
    problems: list[Problem] = []
    seen: dict[str, tuple[Path, int]] = {}
    for path in sorted(root.rglob("*.yml")):
        found, issues = load_file(path, blueprint)
        problems += issues
        for question in found:
            if question.id in seen:
                other = seen[question.id]
                problems.append(Problem(path, question.line, f"duplicate id '{question.id}' (also {other[0]}:{other[1]})"))
                continue
            seen[question.id] = (path, question.line)
            question.category = str(path.relative_to(root))
            questions.append(question)
    return questions, problems
