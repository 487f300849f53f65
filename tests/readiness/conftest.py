from tests.assessment.conftest import loaded_bank  # noqa: F401  (fixture shared with the assessment tests)
