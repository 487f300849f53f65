"""`flask --app lms content check|sync [PATH]`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from lms import db
from lms.blueprint import load as load_blueprint
from lms.content import loader, sync

content_cli = AppGroup("content", help="Check and load courses written in Markdown.")


def _root(path: str | None) -> Path:
    return Path(path or current_app.config["CONTENT_PATH"])


def _check(root: Path) -> list[loader.CourseSpec]:
    specs, problems = loader.load_tree(root, load_blueprint())
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) found; nothing was loaded.")
    return specs


@content_cli.command("check")
@click.argument("path", required=False)
def check(path: str | None) -> None:
    """Validate a course tree; prints file:line: message for every problem."""
    specs = _check(_root(path))
    modules = sum(len(s.modules) for s in specs)
    click.echo(f"OK: {len(specs)} courses, {modules} modules, {sum(s.word_count for s in specs)} words.")


@content_cli.command("sync")
@click.argument("path", required=False)
def sync_command(path: str | None) -> None:
    """Validate, then load everything in one transaction (all or nothing)."""
    root = _root(path)
    if not root.is_dir():
        click.echo(f"No course folder at {root}; nothing to load.")
        return
    specs = _check(root)
    with click.progressbar(length=len(specs), label="Loading courses", file=None) as bar:
        summary = sync.apply(db.session(), specs, progress=lambda _slug: bar.update(1))
    for line in summary.lines():
        click.echo(line)
    if not summary.has_changes:
        click.echo("No changes.")

