from datetime import date

import pytest

from lms.credits import ledger


def entry(session, user, hours=2, title="Cupping basics"):
    return ledger.append(session, user_id=user.id, title=title, provider_name="Elsewhere", hours=hours,
                         categories=["hands-on"], delivery="live", completed_on=date(2026, 3, 1), source="external",
                         recorded_by_id=user.id)


def test_correction_is_reversal_plus_new_entry(session, learner):
    wrong = entry(session, learner, hours=3)
    reversal = ledger.reverse(session, wrong, learner.id, "Certificate says 2 hours")
    fixed = entry(session, learner, hours=2)
    all_entries = ledger.entries(session, learner.id)
    assert len(all_entries) == 3 and reversal.reverses_id == wrong.id and float(reversal.hours) == -3
    assert [e.id for e in ledger.effective(all_entries)] == [fixed.id]
    assert reversal.reason == "Certificate says 2 hours" and reversal.recorded_by_id == learner.id


def test_reversal_needs_a_reason_and_happens_once(session, learner):
    original = entry(session, learner)
    with pytest.raises(ledger.LedgerError):
        ledger.reverse(session, original, learner.id, "  ")
    reversal = ledger.reverse(session, original, learner.id, "duplicate")
    with pytest.raises(ledger.LedgerError):
        ledger.reverse(session, original, learner.id, "again")
    with pytest.raises(ledger.LedgerError):
        ledger.reverse(session, reversal, learner.id, "undo the undo")


def test_hours_must_be_positive(session, learner):
    with pytest.raises(ledger.LedgerError):
        entry(session, learner, hours=0)
