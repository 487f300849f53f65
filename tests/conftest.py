"""Shared fixtures: app and database (SQLite, or PostgreSQL via LMS_TEST_DATABASE_URL), clients, factories."""
from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import text
from sqlalchemy.orm import Session

import lms
from lms import migrate
from lms.accounts import service
from lms.accounts.models import Role, User
from lms.db import Base, make_engine

pytest_plugins = ["tests.browser_support"]

PASSWORD = "correct-horse-battery-9"
PG_URL = os.environ.get("LMS_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def require(condition: bool, reason: str) -> None:
    """Skip a test whose infrastructure is missing; in CI (CI=true) such a skip is a failure."""
    if condition:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def postgres_reachable(url: str = PG_URL) -> bool:
    try:
        engine = make_engine(url)
        with engine.connect():
            pass
        engine.dispose()
        return True
    except Exception:  # noqa: BLE001  (any connection failure means "not here")
        return False


def reset_schema(url: str) -> None:
    """An empty database at the newest migration."""
    engine = make_engine(url)
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    engine.dispose()


def empty_tables(url_or_engine: str | object) -> None:
    engine = make_engine(url_or_engine) if isinstance(url_or_engine, str) else url_or_engine
    tables = list(reversed(Base.metadata.sorted_tables))
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(f'"{t.name}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())
            for extra in getattr(Base.metadata, "info", {}).get("sqlite_extra_tables", []):
                conn.execute(text(f"DELETE FROM {extra}"))
    if isinstance(url_or_engine, str):
        engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = os.environ.get("LMS_TEST_DATABASE_URL") or f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    if url.startswith("postgresql"):
        require(postgres_reachable(url), f"PostgreSQL is not answering at {url}")
    reset_schema(url)
    return url


def make_config(database_url: str, instance: Path, **overrides: object) -> dict[str, object]:
    config: dict[str, object] = {
        "TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": "test-secret-key-" + "x" * 32,
        "WTF_CSRF_ENABLED": False, "RATELIMIT_ENABLED": False, "INSTANCE_PATH": str(instance),
        "SERVER_NAME": "lms.test", "MAIL_SERVER": "",
    }
    config.update(overrides)
    return config


@pytest.fixture
def app_config(database_url: str, tmp_path: Path) -> dict[str, object]:
    """Settings for a test app; tests may change them before asking for `app`."""
    return make_config(database_url, tmp_path / "instance")


def app_lifetime(config: dict[str, object]) -> Iterator[Flask]:
    """An app for one test; afterwards its tables are emptied and its connections closed."""
    application = lms.create_app(config)
    yield application
    empty_tables(application.extensions["lms.engine"])
    application.extensions["lms.engine"].dispose()


@pytest.fixture
def app(app_config: dict[str, object]) -> Iterator[Flask]:
    yield from app_lifetime(app_config)


@pytest.fixture
def session(app: Flask) -> Iterator[Session]:
    """A session of the test's own, outside any request (requests get theirs)."""
    own = app.extensions["lms.sessionmaker"]()
    yield own
    own.close()


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


_counter = itertools.count(1)


@pytest.fixture
def make_user(session: Session) -> Callable[..., User]:
    def make(role: Role = Role.learner, email: str | None = None, name: str | None = None,
             password: str = PASSWORD) -> User:
        n = next(_counter)
        return service.create_user(session, email or f"user{n}@example.com", name or f"Test User {n}",
                                   password, role=role)
    return make


def sign_in(client: FlaskClient, user: User) -> FlaskClient:
    with client.session_transaction() as http_session:
        http_session["_user_id"] = str(user.id)
        http_session["_fresh"] = True
    return client


@pytest.fixture
def learner(make_user: Callable[..., User]) -> User:
    return make_user(Role.learner)


@pytest.fixture
def learner_client(app: Flask, learner: User) -> FlaskClient:
    return sign_in(app.test_client(), learner)


@pytest.fixture
def admin(make_user: Callable[..., User]) -> User:
    return make_user(Role.admin)


@pytest.fixture
def admin_client(app: Flask, admin: User) -> FlaskClient:
    return sign_in(app.test_client(), admin)


@pytest.fixture
def instructor(make_user: Callable[..., User]) -> User:
    return make_user(Role.instructor)


@pytest.fixture
def instructor_client(app: Flask, instructor: User) -> FlaskClient:
    return sign_in(app.test_client(), instructor)
