"""`flask --app lms ...` commands: db, create-admin, demo, init."""
from __future__ import annotations

import getpass
import json
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from lms import db, migrate
from lms.accounts import service
from lms.accounts.models import Role, User
from lms.assessment.cli import questions_cli, sync_command as questions_sync
from lms.content.cli import content_cli, sync_command as content_sync
from lms.operations import backup, learner_data

db_cli = AppGroup("db", help="Create or upgrade the database schema.")

DEMO_ACCOUNTS = [
    ("learner@example.com", "Demo Learner", Role.learner, "mblex-ready-2026"),
    ("instructor@example.com", "Demo Instructor", Role.instructor, "teach-well-2026"),
    ("admin@example.com", "Demo Admin", Role.admin, "keep-records-2026"),
]


@db_cli.command("upgrade")
@click.argument("revision", default="head")
def db_upgrade(revision: str) -> None:
    """Apply migrations up to REVISION (default: the newest)."""
    migrate.upgrade(db.engine(), revision)
    click.echo("Database is up to date.")


@db_cli.command("downgrade")
@click.argument("revision")
def db_downgrade(revision: str) -> None:
    """Undo migrations down to REVISION."""
    migrate.downgrade(db.engine(), revision)


@click.command("create-admin")
@with_appcontext
@click.option("--email", prompt=True)
@click.option("--name", "full_name", prompt="Full name")
@click.option("--password", envvar="LMS_ADMIN_PASSWORD", default=None, help="Or set LMS_ADMIN_PASSWORD.")
def create_admin(email: str, full_name: str, password: str | None) -> None:
    """Create an administrator account."""
    password = password or getpass.getpass("Password: ")
    try:
        service.create_user(db.session(), email, full_name, password, role=Role.admin)
    except service.AccountError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Admin {email} created.")


@click.command("demo")
@with_appcontext
def demo() -> None:
    """Create (or reset) the demo accounts and print their credentials."""
    session = db.session()
    click.echo("Demo accounts (development only):")
    for email, name, role, password in DEMO_ACCOUNTS:
        user = service.find_by_email(session, email)
        if user is None:
            service.create_user(session, email, name, password, role=role)
        else:
            service.set_password(session, user, password)
        click.echo(f"  {role.value:<10} {email:<26} password: {password}")


# What `init` loads after migrating: the shipped content, when there is any.
INIT_STEPS: list[click.Command] = [content_sync, questions_sync]


@click.command("init")
@with_appcontext
@click.option("--demo/--no-demo", "with_demo", default=True)
@click.pass_context
def init(ctx: click.Context, with_demo: bool) -> None:
    """Migrate, load the shipped content, and create the demo accounts."""
    migrate.upgrade(db.engine())
    for step in INIT_STEPS:
        ctx.invoke(step)
    if with_demo:
        ctx.invoke(demo)


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@with_appcontext
def backup_command(path: str) -> None:
    """Write a consistent backup of the database to PATH (safe while the app runs)."""
    try:
        backup.backup(db.engine(), Path(path))
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"Backup written to {path}.")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def restore_command(path: str, yes: bool) -> None:
    """Replace the database with the backup at PATH."""
    if not yes:
        click.confirm("This replaces every record in the database. Continue?", abort=True)
    try:
        backup.restore(db.engine(), Path(path))
    except backup.BackupError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo("Database restored.")


def _learner(email: str) -> User:
    user = service.find_by_email(db.session(), email)
    if user is None:
        raise click.ClickException(f"no account uses {email}")
    return user


@click.command("export-learner")
@click.argument("email")
@with_appcontext
def export_learner(email: str) -> None:
    """Print a learner's data (profile, reading, attempts, CE ledger, certificates, licenses) as JSON."""
    click.echo(json.dumps(learner_data.export(db.session(), _learner(email)), indent=2, default=str))


@click.command("delete-learner")
@click.argument("email")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@with_appcontext
def delete_learner(email: str, yes: bool) -> None:
    """Anonymize a learner; certificates inside the legal retention period stay verifiable."""
    user = _learner(email)
    if not yes:
        click.confirm(f"Delete {user.full_name} <{user.email}>?", abort=True)
    folder = Path(current_app.config["INSTANCE_PATH"]) / "proofs"
    result = learner_data.delete_learner(db.session(), user, folder)
    click.echo(f"Deleted. Certificates kept for the retention period: {result['certificates_kept']}; "
               f"removed: {result['certificates_removed']}.")


def register(app: Flask) -> None:
    app.cli.add_command(db_cli)
    for command in (create_admin, demo, init, content_cli, questions_cli, backup_command, restore_command,
                    export_learner, delete_learner):
        app.cli.add_command(command)
