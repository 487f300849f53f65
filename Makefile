# Two commands do all set-up: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-dev
PG_TEST_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=

.PHONY: run test install clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(BIN)/flask --app lms init
	@echo "Serving on http://127.0.0.1:5000 (Ctrl-C to stop)"
	$(BIN)/flask --app lms run --host 127.0.0.1 --port 5000

test: $(STAMP)
	@echo "=== test suite on SQLite (with browser tests) ==="
	$(BIN)/python -m pytest $(PYTEST_ARGS)
	@if [ "$$CI" = "true" ] || [ -n "$$LMS_TEST_POSTGRES" ]; then \
		echo "=== test suite on PostgreSQL ($(PG_TEST_URL)) ==="; \
		LMS_TEST_DATABASE_URL=$(PG_TEST_URL) $(BIN)/python -m pytest -m "not browser" $(PYTEST_ARGS); \
	fi

clean:
	rm -rf $(VENV) instance
