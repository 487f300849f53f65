from datetime import date, timedelta

from sqlalchemy import func, select

from lms.credits import reminders
from lms.credits.models import License
from lms.credits.requirements import load_profiles
from lms.mail.models import OutboxMessage


def test_threshold_for():
    assert [reminders.threshold_for(d) for d in (120, 91, 90, 31, 30, 8, 7, 0, -1)] == \
        [None, None, 90, 90, 30, 30, 7, 7, None]


def test_reminders_are_sent_once_per_threshold(session, learner, app):
    today = date(2026, 10, 2)
    session.add(License(user_id=learner.id, profile_key="ncbtmb-bctmb", license_number="BC-1",
                        cycle_end=today + timedelta(days=90)))
    session.commit()
    sent = []
    profiles = load_profiles()
    deliver = lambda user, lic, result, threshold: sent.append((user.email, threshold, tuple(result.missing)))
    assert reminders.run(session, profiles, today, deliver) == 1
    assert reminders.run(session, profiles, today, deliver) == 0  # run twice: nothing new
    assert reminders.run(session, profiles, today + timedelta(days=30), deliver) == 0  # still the 90-day window
    assert reminders.run(session, profiles, today + timedelta(days=60), deliver) == 1  # 30 days left
    assert reminders.run(session, profiles, today + timedelta(days=84), deliver) == 1  # 6 days left
    assert [s[1] for s in sent] == [90, 30, 7] and "3 more hours of ethics" in sent[0][2]


def test_remind_command_mails_what_is_missing(session, learner, app):
    session.add(License(user_id=learner.id, profile_key="texas", license_number="TX-9",
                        cycle_end=date.today() + timedelta(days=20)))
    session.commit()
    runner = app.test_cli_runner()
    assert "Reminders sent: 1" in runner.invoke(args=["remind"]).output
    assert "Reminders sent: 0" in runner.invoke(args=["remind"]).output
    body = session.scalars(select(OutboxMessage)).one().body
    assert "12 more hours in total" in body and "/courses?kind=ce" in body
