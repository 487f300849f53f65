from datetime import date
from decimal import Decimal

import pytest

from lms.credits.ledger import Credit
from lms.credits.requirements import cycle_start, evaluate, load_profiles

PROFILES = load_profiles()
END = date(2026, 12, 31)
TODAY = date(2026, 11, 1)


def c(hours, *categories, delivery="home-study", on=date(2026, 6, 1)):
    return Credit(Decimal(str(hours)), tuple(categories), delivery, on)


def test_every_shipped_profile_has_source_and_check_date():
    assert {"ncbtmb-bctmb", "florida", "texas", "new-york", "illinois", "washington", "maryland"} <= set(PROFILES)
    for profile in PROFILES.values():
        assert profile.source.startswith("http") and profile.checked and profile.total_hours > 0


def test_ncbtmb_ethics_minimum_and_self_care_cap():
    result = evaluate(PROFILES["ncbtmb-bctmb"], [c(18, "science"), c(6, "self-care"), c(1, "ethics")], END, TODAY)
    assert result.raw == 25 and result.counted == 23  # only 4 of 6 self-care hours count
    assert result.missing == ["2 more hours of ethics", "1 more hour in total"]
    assert result.capped == ["only 4 hours of self-care count (6 hours taken)"]
    assert result.days_left == 60


def test_ncbtmb_complete():
    result = evaluate(PROFILES["ncbtmb-bctmb"], [c(21, "science"), c(3, "ethics")], END, TODAY)
    assert result.complete and result.counted == 24


def test_cycle_boundaries_are_inclusive_and_nothing_carries_over():
    profile = PROFILES["ncbtmb-bctmb"]
    assert cycle_start(profile, END) == date(2025, 1, 1)
    inside = [c(12, "science", on=date(2025, 1, 1)), c(12, "ethics", on=END)]
    outside = [c(50, "ethics", on=date(2024, 12, 31)), c(50, "ethics", on=date(2027, 1, 1))]
    assert evaluate(profile, inside + outside, END, TODAY).counted == 24


def test_florida_categories_and_live_hours():
    credits = [c(2, "medical-errors"), c(2, "laws-and-rules"), c(2, "ethics"), c(1, "human-trafficking"),
               c(12, "hands-on", delivery="home-study"), c(5, "science")]
    result = evaluate(PROFILES["florida"], credits, END, TODAY)
    assert result.counted == 24 and result.missing == ["12 more hours of live courses"]
    live = credits[:4] + [c(12, "hands-on", delivery="live"), c(5, "science")]
    assert evaluate(PROFILES["florida"], live, END, TODAY).complete


def test_new_york_caps_self_study_over_three_years():
    profile = PROFILES["new-york"]
    assert cycle_start(profile, END) == date(2024, 1, 1)
    result = evaluate(profile, [c(30, "science"), c(6, "ethics", delivery="live")], END, TODAY)
    assert result.counted == 18 and result.missing == ["18 more hours in total"]


@pytest.mark.parametrize("key,credits,complete", [
    ("texas", [c(6, "cpr-first-aid"), c(6, "science")], True),
    ("texas", [c(10, "cpr-first-aid"), c(2, "science")], False),
    ("illinois", [c(22, "science"), c(2, "ethics"), c(1, "domestic-violence-awareness")], True),
    ("illinois", [c(25, "science")], False),
    ("washington", [c(18, "science"), c(2, "health-equity"), c(4, "cpr-first-aid")], True),
    ("washington", [c(16, "science"), c(2, "health-equity"), c(6, "cpr-first-aid")], False),
    ("maryland", [c(17, "science"), c(3, "ethics"), c(3, "communicable-disease"), c(1, "cultural-competency")], True),
    ("maryland", [c(24, "science")], False),
])
def test_state_profiles(key, credits, complete):
    assert evaluate(PROFILES[key], credits, END, TODAY).complete is complete


def test_admin_profiles_add_without_code(tmp_path):
    (tmp_path / "oregon.yml").write_text("key: oregon\nname: Oregon\nboard: OBMT\nsource: https://example.org\n"
                                         "checked: '2026-11-23'\ncycle_years: 2\ntotal_hours: 25\n")
    profiles = load_profiles([tmp_path])
    assert evaluate(profiles["oregon"], [c(25)], END, TODAY).complete
