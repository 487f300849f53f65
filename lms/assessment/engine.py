"""The attempt state machine, owned by the server: start, save each answer, enforce the deadline, grade once."""
from __future__ import annotations

import functools
import random
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

from sqlalchemy import Select, bindparam, func, insert, select, update
from sqlalchemy.orm import Session, joinedload, selectinload
from sqlalchemy.orm.attributes import set_committed_value

from lms.assessment import bands, pool, selection, types
from lms.blueprint import load as load_blueprint
from lms.assessment.models import Attempt, Question, QuestionVersion, QuizSpec, ResponseStep, Slot

IN_PROGRESS, SUBMITTED, EXPIRED = "in-progress", "submitted", "expired"

BUILTIN_SPECS: dict[str, dict[str, Any]] = {
    "practice": dict(kind="practice", title="Topic practice", feedback="immediate", items=10),
    "mock-mblex": dict(kind="mock", title="MBLEx mock exam", feedback="deferred", items=100, time_limit_minutes=110,
                       selection={"blueprint": "mblex"}),
}


@dataclass(frozen=True)
class GradedAnswer:
    """One graded answer, as told to whoever listens for grading (spaced repetition does)."""

    question_id: int
    fraction: float
    confidence: str | None
    when: datetime


GradedListener = Callable[[Session, int, list[GradedAnswer]], None]
_listeners: list[GradedListener] = []


def on_graded(listener: GradedListener) -> None:
    """Call `listener(db, user_id, answers)` whenever answers are graded, inside the grading transaction."""
    if listener not in _listeners:
        _listeners.append(listener)


def _tell(db: Session, user_id: int, answers: list[GradedAnswer]) -> None:
    for listener in _listeners:
        listener(db, user_id, answers)


class AttemptError(ValueError):
    """An action the attempt's state does not allow; the message is safe to show."""


def ensure_spec(db: Session, slug: str, **values: Any) -> QuizSpec:
    spec = db.scalar(select(QuizSpec).where(QuizSpec.slug == slug))
    if spec is None:
        spec = QuizSpec(slug=slug, **(BUILTIN_SPECS.get(slug, {}) | values))
        db.add(spec)
        db.commit()
    return spec


def seen_question_ids(db: Session, user_id: int) -> set[int]:
    return set(db.scalars(select(QuestionVersion.question_id).join(Slot, Slot.version_id == QuestionVersion.id)
                          .join(Attempt, Attempt.id == Slot.attempt_id).where(Attempt.user_id == user_id)))


def draw_questions(db: Session, spec: QuizSpec, user_id: int, rng: random.Random,
                   chosen: dict[str, Any] | None = None) -> selection.Draw:
    rules = spec.selection or {}
    seen = seen_question_ids(db, user_id)
    if rules.get("blueprint"):
        blueprint = load_blueprint(rules["blueprint"])
        counts = selection.largest_remainder({a.key: a.weight for a in blueprint.areas}, spec.items)
        return selection.stratified(pool.blueprint_pool(db, counts, seen, rng), counts, seen, rng)
    query = pool.live_questions()
    if rules.get("tag"):
        ids = [qid for qid, tags in db.execute(select(Question.id, Question.tags).where(Question.retired_at.is_(None)))
               if rules["tag"] in (tags or [])]
        return selection.stratified({"tagged": ids}, {"tagged": spec.items}, seen, rng)
    chosen = {key: rules[key] for key in ("domains", "topics") if rules.get(key)} | (chosen or {})
    if chosen.get("domains"):
        query = query.where(Question.domain.in_(chosen["domains"]))
    if chosen.get("topics"):
        query = query.where(Question.topic.in_(chosen["topics"]))
    if chosen.get("question_ids") is not None:
        query = query.where(Question.id.in_(chosen["question_ids"]))
    ids = [qid for qid, _ in db.execute(query)]
    count = int(chosen.get("count") or spec.items)
    draw = selection.stratified({"all": ids}, {"all": min(count, len(ids))}, seen, rng)
    if chosen.get("question_ids") is not None:  # review order is given by the caller
        order = {qid: i for i, qid in enumerate(chosen["question_ids"])}
        draw.chosen.sort(key=lambda qid: order[qid])
    return draw


def attempts_used(db: Session, user_id: int, spec: QuizSpec) -> int:
    return db.scalar(select(func.count(Attempt.id)).where(Attempt.user_id == user_id, Attempt.spec_id == spec.id)) or 0


def open_attempt(db: Session, user_id: int, spec: QuizSpec) -> Attempt | None:
    return db.scalar(select(Attempt).where(Attempt.user_id == user_id, Attempt.spec_id == spec.id,
                                           Attempt.state == IN_PROGRESS).order_by(Attempt.id.desc()).limit(1))


def start(db: Session, user_id: int, spec: QuizSpec, now: datetime, rng: random.Random | None = None,
          chosen: dict[str, Any] | None = None) -> Attempt:
    """A new attempt (or the learner's open one for a non-practice quiz: resume, do not restart)."""
    rng = rng or random.Random()
    if spec.kind != "practice" and (existing := open_attempt(db, user_id, spec)) is not None:
        enforce_deadline(db, existing, now)
        if existing.state == IN_PROGRESS:
            return existing
    if spec.attempts_allowed and attempts_used(db, user_id, spec) >= spec.attempts_allowed:
        raise AttemptError(f"You have used all {spec.attempts_allowed} attempts for this quiz.")
    draw = draw_questions(db, spec, user_id, rng, chosen)
    if not draw.chosen:
        raise AttemptError("There are no questions that match this choice yet.")
    versions = _latest_versions(db, draw.chosen)
    order = list(draw.chosen)
    if spec.shuffle_questions and not (chosen or {}).get("question_ids"):
        rng.shuffle(order)
    attempt = Attempt(user_id=user_id, spec_id=spec.id, state=IN_PROGRESS, started_at=now, max_score=len(order),
                      deadline=now + timedelta(minutes=spec.time_limit_minutes) if spec.time_limit_minutes else None,
                      selection=dict(chosen or {}) | {"shortfalls": {k: list(v) for k, v in draw.shortfalls.items()}})
    db.add(attempt)
    db.flush()
    rows: list[dict[str, Any]] = []
    for position, qid in enumerate(order, 1):
        version = versions[qid]
        ids = types.get(version.question.type).shuffleable_ids(version.rendered)
        if spec.shuffle_choices:
            rng.shuffle(ids)
        rows.append({"attempt_id": attempt.id, "position": position, "version_id": version.id, "choice_order": ids,
                     "flagged": False})
    db.execute(insert(Slot), rows)  # one batched statement, not a hundred unit-of-work inserts
    db.commit()
    return attempt


def _latest_versions(db: Session, question_ids: list[int]) -> dict[int, QuestionVersion]:
    rows = db.scalars(select(QuestionVersion).join(Question, Question.id == QuestionVersion.question_id)
                      .options(selectinload(QuestionVersion.question))
                      .where(QuestionVersion.question_id.in_(question_ids),
                             QuestionVersion.number == Question.current_version))
    return {v.question_id: v for v in rows}


def load(db: Session, attempt_id: int, with_questions: bool = True) -> Attempt | None:
    """The attempt with its slots; `with_questions=False` leaves each slot's question version to load on use
    (a page showing or saving one question then reads one version, not all of them)."""
    slots = selectinload(Attempt.slots)
    if with_questions:
        slots = slots.selectinload(Slot.version).selectinload(QuestionVersion.question)
    return db.scalar(select(Attempt).options(slots, selectinload(Attempt.spec)).where(Attempt.id == attempt_id))


@functools.cache
def _slot_query() -> Select[tuple[Slot]]:
    """Built once: composing this statement costs more than running it (SQLAlchemy caches only the SQL)."""
    return select(Slot).options(joinedload(Slot.attempt).joinedload(Attempt.spec),
                                joinedload(Slot.version).defer(QuestionVersion.source)
                                .joinedload(QuestionVersion.question)) \
        .where(Slot.attempt_id == bindparam("attempt_id"), Slot.position == bindparam("position"))


def load_slot(db: Session, attempt_id: int, position: int) -> Slot | None:
    """One slot with its attempt, spec, pinned question version and question, in one query: what a page
    that shows or saves one question needs (the author's source of the version is left unread)."""
    return db.scalar(_slot_query(), {"attempt_id": attempt_id, "position": position})


@dataclass(frozen=True)
class SlotState:
    """What the question navigation shows of a slot."""

    position: int
    answered: bool
    flagged: bool


@functools.cache
def _states_query() -> Select[tuple[int, datetime | None, bool]]:
    return select(Slot.position, Slot.answered_at, Slot.flagged) \
        .where(Slot.attempt_id == bindparam("attempt_id")).order_by(Slot.position)


def slot_states(db: Session, attempt_id: int) -> list[SlotState]:
    """Answered and flagged marks of every slot, read as plain columns (no question data)."""
    rows = db.execute(_states_query(), {"attempt_id": attempt_id})
    return [SlotState(position, answered_at is not None, bool(flagged)) for position, answered_at, flagged in rows]


def enforce_deadline(db: Session, attempt: Attempt, now: datetime) -> None:
    """Past the deadline an open attempt is graded with what was saved in time."""
    if attempt.state == IN_PROGRESS and attempt.deadline is not None and now > attempt.deadline:
        finish(db, attempt, now, state=EXPIRED)


def save_answer(db: Session, attempt: Attempt, slot: Slot, values: dict[str, list[str]], now: datetime,
                flagged: bool | None = None, confidence: str | None = None) -> Slot:
    enforce_deadline(db, attempt, now)
    if attempt.state != IN_PROGRESS:
        raise AttemptError("This attempt is closed; answers can no longer be changed.")
    changes: dict[str, Any] = {} if flagged is None else {"flagged": flagged}
    kind = types.get(slot.version.question.type)
    response = kind.parse(values, slot.version.rendered)
    immediate = attempt.spec.feedback == "immediate"
    if response is not None and not (immediate and slot.response is not None):
        changes |= {"response": response, "answered_at": now,
                    "confidence": confidence if confidence in ("low", "high") else None}
        if immediate:
            changes["fraction"] = Decimal(str(round(kind.grade(slot.version.rendered, response), 4)))
        db.execute(insert(ResponseStep).values(slot_id=slot.id, response=response, created_at=now))
    if changes:  # two plain statements: the ORM's unit of work cost more than the writes on this hot path
        db.execute(update(Slot).where(Slot.id == slot.id).values(**changes)
                   .execution_options(synchronize_session=False))
        for name, value in changes.items():
            set_committed_value(slot, name, value)
        if "fraction" in changes:  # graded at once (immediate feedback): schedule its review
            _tell(db, attempt.user_id, [_graded(slot, now)])
    db.commit()
    return slot


def finish(db: Session, attempt: Attempt, now: datetime, state: str = SUBMITTED) -> bool:
    """Grade once: only the request that moves the attempt out of in-progress grades it (two tabs, double clicks)."""
    moved = db.execute(update(Attempt).where(Attempt.id == attempt.id, Attempt.state == IN_PROGRESS)
                       .values(state=state, finished_at=now)).rowcount
    if not moved:
        db.rollback()
        db.refresh(attempt)
        return False
    fractions = {slot.id: Decimal(str(round(types.get(slot.version.question.type).grade(
        slot.version.rendered, slot.response), 4))) for slot in attempt.slots}
    if fractions:  # one batched UPDATE for every slot, not one statement per slot from the unit of work
        db.execute(update(Slot), [{"id": slot_id, "fraction": value} for slot_id, value in fractions.items()])
    for slot in attempt.slots:
        set_committed_value(slot, "fraction", fractions[slot.id])
    total = sum(fractions.values(), Decimal(0))
    attempt.score = total
    if attempt.spec.feedback != "immediate":  # immediate feedback already scheduled each answer as it came
        _tell(db, attempt.user_id, [_graded(s, s.answered_at or now) for s in attempt.slots if s.response is not None])
    spec = attempt.spec
    attempt.passed = (float(total) * 100 / attempt.max_score >= spec.pass_mark) if spec.pass_mark and attempt.max_score else None
    db.commit()
    set_committed_value(attempt, "state", state)  # what the guarded UPDATE wrote; a refresh would re-read
    set_committed_value(attempt, "finished_at", now.astimezone(timezone.utc))  # the attempt and its slots for these
    return True


def _graded(slot: Slot, when: datetime) -> GradedAnswer:
    return GradedAnswer(slot.version.question_id, float(slot.fraction or 0), slot.confidence, when)


@dataclass(frozen=True)
class DomainScore:
    key: str
    name: str
    score: float
    total: int

    @property
    def percent(self) -> float:
        return 100 * self.score / self.total if self.total else 0.0

    @property
    def band(self) -> str:
        return bands.band(self.percent if self.total else None)


def domain_scores(attempt: Attempt, blueprint_key: str = "mblex") -> list[DomainScore]:
    blueprint = load_blueprint(blueprint_key)
    totals: dict[str, list[float]] = {}
    for slot in attempt.slots:
        totals.setdefault(slot.version.question.domain, []).append(float(slot.fraction or 0))
    names = {a.key: a.name for a in blueprint.areas}
    order = [a.key for a in blueprint.areas] + sorted(k for k in totals if k not in names)
    return [DomainScore(k, names.get(k, k), sum(totals[k]), len(totals[k])) for k in order if k in totals]
