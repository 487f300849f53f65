"""Question types: each grades a response into a fraction 0..1. Pure code, no Flask.

A rendered version (QuestionVersion.rendered) holds ids the learner's answer refers to:
choices "a", "b", ... ; matching prompts "p1", "p2", ... and matches "m1", "m2", ...
Responses: single {"choice": id}; multiple {"choices": [ids]}; truefalse {"value": bool};
matching {"matches": {prompt id: match id}}.
"""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

Rendered = Mapping[str, Any]
Response = dict[str, Any]


class QuestionType:
    name: ClassVar[str]

    def shuffleable_ids(self, rendered: Rendered) -> list[str]:
        """Ids whose display order is shuffled and pinned per attempt."""
        return []

    def parse(self, values: Mapping[str, list[str]], rendered: Rendered) -> Response | None:
        """The response from submitted form values, or None when nothing (valid) was given."""
        raise NotImplementedError

    def grade(self, rendered: Rendered, response: Response | None) -> float:
        raise NotImplementedError

    def correct_response(self, rendered: Rendered) -> Response:
        raise NotImplementedError


class SingleChoice(QuestionType):
    name = "single"

    def shuffleable_ids(self, rendered: Rendered) -> list[str]:
        return [c["id"] for c in rendered["choices"]]

    def parse(self, values: Mapping[str, list[str]], rendered: Rendered) -> Response | None:
        given = (values.get("answer") or [None])[0]
        return {"choice": given} if given in self.shuffleable_ids(rendered) else None

    def grade(self, rendered: Rendered, response: Response | None) -> float:
        if not response:
            return 0.0
        return 1.0 if any(c["id"] == response.get("choice") and c["correct"] for c in rendered["choices"]) else 0.0

    def correct_response(self, rendered: Rendered) -> Response:
        return {"choice": next(c["id"] for c in rendered["choices"] if c["correct"])}


class MultipleChoice(SingleChoice):
    """Select all that apply: +1/k per correct choice selected, -1/k per wrong one, never below 0."""

    name = "multiple"

    def parse(self, values: Mapping[str, list[str]], rendered: Rendered) -> Response | None:
        valid = set(self.shuffleable_ids(rendered))
        chosen = sorted({v for v in values.get("answer", []) if v in valid})
        return {"choices": chosen} if chosen else None

    def grade(self, rendered: Rendered, response: Response | None) -> float:
        if not response:
            return 0.0
        correct = {c["id"] for c in rendered["choices"] if c["correct"]}
        chosen = set(response.get("choices", []))
        raw = (len(chosen & correct) - len(chosen - correct)) / len(correct)
        return max(0.0, min(1.0, raw))

    def correct_response(self, rendered: Rendered) -> Response:
        return {"choices": sorted(c["id"] for c in rendered["choices"] if c["correct"])}


class TrueFalse(QuestionType):
    name = "truefalse"

    def parse(self, values: Mapping[str, list[str]], rendered: Rendered) -> Response | None:
        given = (values.get("answer") or [None])[0]
        return {"value": given == "true"} if given in ("true", "false") else None

    def grade(self, rendered: Rendered, response: Response | None) -> float:
        return 1.0 if response and response.get("value") is rendered["answer"] else 0.0

    def correct_response(self, rendered: Rendered) -> Response:
        return {"value": rendered["answer"]}


class Matching(QuestionType):
    """Each prompt matched to its own match earns 1/n."""

    name = "matching"

    def shuffleable_ids(self, rendered: Rendered) -> list[str]:
        return [m["id"] for m in rendered["matches"]]

    def parse(self, values: Mapping[str, list[str]], rendered: Rendered) -> Response | None:
        valid = set(self.shuffleable_ids(rendered))
        chosen = {p["id"]: v for p in rendered["prompts"]
                  if (v := (values.get(f"match-{p['id']}") or [""])[0]) in valid}
        return {"matches": chosen} if chosen else None

    def grade(self, rendered: Rendered, response: Response | None) -> float:
        if not response:
            return 0.0
        given = response.get("matches", {})
        prompts = rendered["prompts"]
        return sum(1 for p in prompts if given.get(p["id"]) == p["match"]) / len(prompts)

    def correct_response(self, rendered: Rendered) -> Response:
        return {"matches": {p["id"]: p["match"] for p in rendered["prompts"]}}


REGISTRY: dict[str, QuestionType] = {t.name: t for t in (SingleChoice(), MultipleChoice(), TrueFalse(), Matching())}


def get(name: str) -> QuestionType:
    return REGISTRY[name]
