"""Question-bank fixtures: a small bank spread over the blueprint, loaded into the test database."""
from __future__ import annotations

import pytest

from lms.assessment import banksync
from lms.blueprint import load
from lms.assessment.items import Choice, Pair, QuestionData


def single(qid: str, domain: str, topic: str, key: int = 0, tags: list[str] | None = None) -> QuestionData:
    return QuestionData(id=qid, type="single", stem=f"Stem of {qid}?", domain=domain, topic=topic,
                        choices=[Choice(f"choice {i} of {qid}", i == key, f"feedback {i}") for i in range(4)],
                        rationale=f"Because {qid}.", references=["OpenStax A&P 2e"], tags=tags or [],
                        module="kinesiology/02-proprioceptors")


def bank(per_domain: int = 3) -> list[QuestionData]:
    questions = []
    for area in load().areas:
        topic = next(iter(area.subtopics))
        questions += [single(f"{area.key}-{n}", area.key, topic, key=n % 4) for n in range(per_domain)]
    return questions


def matching(qid: str = "match-1") -> QuestionData:
    return QuestionData(id=qid, type="matching", stem="Match muscle to action.", domain="kinesiology",
                        topic="muscle-attachments-actions", pairs=[Pair("Biceps brachii", "Elbow flexion"),
                                                                   Pair("Triceps brachii", "Elbow extension"),
                                                                   Pair("Deltoid", "Shoulder abduction")],
                        distractors=["Hip flexion"], rationale="Actions.", references=["OpenStax"])


@pytest.fixture
def loaded_bank(session):
    questions = bank()
    banksync.apply(session, questions)
    return questions
