"""Backup and restore round trip on whichever database the suite runs against."""
import shutil

from sqlalchemy import select

from lms.accounts import service
from lms.accounts.models import User
from lms.operations import backup
from tests.conftest import PASSWORD, require


def test_backup_restore_round_trip(app, session, tmp_path):
    engine = app.extensions["lms.engine"]
    if engine.dialect.name == "postgresql":
        require(shutil.which("pg_dump") is not None, "pg_dump is not installed")
    service.create_user(session, "kept@example.com", "Kept Person", PASSWORD)
    target = backup.backup(engine, tmp_path / "lms.backup")
    assert target.stat().st_size > 0
    service.create_user(session, "later@example.com", "Later Person", PASSWORD)
    session.close()
    backup.restore(engine, target)
    emails = set(session.scalars(select(User.email_key)))
    assert "kept@example.com" in emails and "later@example.com" not in emails


def test_cli_backup_reports_missing_file(app):
    result = app.test_cli_runner().invoke(args=["restore", "/no/such/file", "--yes"])
    assert result.exit_code != 0 and "does not exist" in result.output
