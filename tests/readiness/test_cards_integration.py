"""Answers become FSRS cards; the review quiz serves due cards most overdue first; the views show it."""
import random
from datetime import timedelta

from sqlalchemy import select

from lms.assessment import engine
from lms.db import utcnow
from lms.blueprint import load as load_blueprint
from lms.readiness import cards, report, scheduling
from lms.assessment.models import Question
from lms.readiness.models import ReviewCard


def practice(session, user, answers, when):
    """Answer a practice quiz: `answers` is a list of booleans (right / wrong) in slot order."""
    spec = engine.ensure_spec(session, "practice")
    attempt = engine.start(session, user.id, spec, when, random.Random(4), chosen={"count": len(answers)})
    for slot, right in zip(attempt.slots, answers):
        choices = slot.version.rendered["choices"]
        pick = next(c["id"] for c in choices if c["correct"] == right)
        engine.save_answer(session, attempt, slot, {"answer": [pick]}, when)
    return attempt


def test_each_answer_makes_one_card_and_wrong_ones_come_back_first(session, learner, loaded_bank):
    start = utcnow() - timedelta(days=2)
    attempt = practice(session, learner, [True, False, True, False], start)
    rows = session.scalars(select(ReviewCard).where(ReviewCard.user_id == learner.id)).all()
    assert len(rows) == 4 and all(r.reviews == 1 for r in rows)
    wrong = {s.version.question_id for s in attempt.slots if float(s.fraction) < 1}
    due = cards.due_question_ids(session, learner.id, start + timedelta(minutes=5))
    assert set(due) == wrong  # Again: back within minutes; Good: not yet
    assert set(cards.due_question_ids(session, learner.id, utcnow())) >= wrong


def test_mock_exam_answers_are_scheduled_at_submission(session, learner, loaded_bank):
    spec = engine.ensure_spec(session, "mock-x", kind="mock", title="Mock", items=7, selection={"blueprint": "mblex"})
    attempt = engine.start(session, learner.id, spec, utcnow(), random.Random(1))
    engine.save_answer(session, attempt, attempt.slots[0], {"answer": ["a"]}, utcnow())
    assert session.scalars(select(ReviewCard)).all() == []  # deferred feedback: nothing until submission
    engine.finish(session, attempt, utcnow())
    assert len(session.scalars(select(ReviewCard)).all()) == 1  # unanswered questions make no card


def test_review_quiz_and_pages(learner_client, session, learner, loaded_bank):
    practice(session, learner, [False, False, True], utcnow() - timedelta(days=1))
    page = learner_client.get("/review").get_data(as_text=True)
    assert "3 due today" in page
    response = learner_client.post("/review")
    attempt = engine.load(session, int(response.headers["Location"].rsplit("/", 1)[1]))
    assert attempt.spec.kind == "review" and attempt.max_score == 3
    dashboard = learner_client.get("/dashboard").get_data(as_text=True)
    assert "<svg" in dashboard and "<table" in dashboard and "Mastery by content area" in dashboard
    overview = learner_client.get("/readiness").get_data(as_text=True)
    assert "What to study next" in overview and "not enough data" in overview.lower()


def test_cards_are_in_the_learner_export(app, session, learner, loaded_bank):
    import json
    practice(session, learner, [True], utcnow())
    data = json.loads(app.test_cli_runner().invoke(args=["export-learner", learner.email]).output)
    assert len(data["review_cards"]) == 1 and "due" in data["review_cards"][0]["state"]


def test_dashboard_history_summary_is_reused_until_an_answer_is_graded(app, learner_client, session, learner,
                                                                        loaded_bank):
    cache = app.extensions["lms.history_summaries"]
    practice(session, learner, [False], utcnow() - timedelta(days=1))
    learner_client.get("/dashboard")
    learner_client.get("/dashboard")
    assert len(cache) == 1
    practice(session, learner, [True, True], utcnow())
    assert "Mastery by content area" in learner_client.get("/dashboard").get_data(as_text=True)
    assert len(cache) == 2
    cached = report.build(session, learner.id, load_blueprint(), utcnow(), cache=cache)
    fresh = report.build(session, learner.id, load_blueprint(), utcnow())
    assert cached.mastery == fresh.mastery and sum(m.score.count for m in fresh.mastery.values()) == 3
    assert (cached.due_today, cached.due_week) == (fresh.due_today, fresh.due_week) and fresh.due_today >= 1


def test_one_grading_batch_creates_new_cards_once_and_updates_existing_ones(session, learner, loaded_bank):
    first, second = (q.id for q in session.scalars(select(Question).order_by(Question.id).limit(2)))
    when = utcnow() - timedelta(days=3)
    cards.record(session, learner.id, [engine.GradedAnswer(first, 1.0, None, when)])
    session.commit()
    later = when + timedelta(days=1)
    cards.record(session, learner.id, [engine.GradedAnswer(first, 0.0, None, later),
                                       engine.GradedAnswer(second, 1.0, None, later),
                                       engine.GradedAnswer(second, 0.0, "high", later + timedelta(minutes=1))])
    session.commit()
    rows = {r.question_id: r for r in session.scalars(select(ReviewCard).where(ReviewCard.user_id == learner.id))}
    assert set(rows) == {first, second}
    assert rows[first].reviews == 2 and rows[second].reviews == 2
    assert rows[second].last_reviewed_at == later + timedelta(minutes=1)
    expected = scheduling.review(scheduling.review(None, True, None, later), False, "high", later + timedelta(minutes=1))
    assert rows[second].state == expected  # both answers replayed in order on the new card
    assert rows[second].due_at == scheduling.due_of(expected) < later + timedelta(days=1)  # the miss: Again
