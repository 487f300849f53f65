from lms.accounts.passwords import hash_password, problems_with, verify_password


def test_short_common_and_personal_passwords_are_refused():
    assert problems_with("short1!") and "at least 10" in problems_with("short1!")[0]
    assert "too common" in " ".join(problems_with("password123"))
    assert "email or name" in " ".join(problems_with("janedoe-is-great", email="janedoe@example.com"))
    assert problems_with("aaaaaaaaaaaa")


def test_a_reasonable_password_passes():
    assert problems_with("sunny-table-river-42", email="x@example.com", name="Ann Lee") == []


def test_hash_is_a_modern_kdf_and_verifies():
    hashed = hash_password("sunny-table-river-42")
    assert hashed.startswith("scrypt:")
    assert verify_password(hashed, "sunny-table-river-42")
    assert not verify_password(hashed, "sunny-table-river-43")
