"""`flask --app lms ...` commands: db, create-admin, demo, init."""
from __future__ import annotations

import getpass

import click
from flask import Flask
from flask.cli import AppGroup, with_appcontext

from lms import db, migrate
from lms.accounts import service
from lms.accounts.models import Role
from lms.assessment.cli import questions_cli, sync_command as questions_sync
from lms.content.cli import content_cli, sync_command as content_sync

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


def register(app: Flask) -> None:
    app.cli.add_command(db_cli)
    for command in (create_admin, demo, init, content_cli, questions_cli):
        app.cli.add_command(command)
