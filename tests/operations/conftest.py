from tests.credits.conftest import ce_course  # noqa: F401  (fixture shared with the credits tests)
