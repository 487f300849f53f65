"""`flask --app lms questions check|sync|import|export`."""
from __future__ import annotations

from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from lms import db
from lms.assessment import bank, banksync, importing
from lms.blueprint import load as load_blueprint
from lms.assessment.formats import FORMATS

questions_cli = AppGroup("questions", help="Check, load, import and export the question bank.")


def _root(path: str | None) -> Path:
    return Path(path or current_app.config["QUESTION_BANK_PATH"])


def _check(root: Path) -> list:
    questions, problems = bank.load_tree(root, load_blueprint())
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) found; nothing was loaded.")
    return questions


@questions_cli.command("check")
@click.argument("path", required=False)
def check(path: str | None) -> None:
    """Validate the bank; prints file:line: message for every problem."""
    click.echo(f"OK: {len(_check(_root(path)))} questions.")


@questions_cli.command("sync")
@click.argument("path", required=False)
def sync_command(path: str | None) -> None:
    """Validate, then load every question in one transaction (changed questions get a new version)."""
    root = _root(path)
    if not root.is_dir():
        click.echo(f"No question bank at {root}; nothing to load.")
        return
    questions = _check(root)
    with click.progressbar(length=len(questions), label="Loading questions") as bar:
        summary = banksync.apply(db.session(), questions, source_root=str(root.name), progress=bar.update)
    for line in summary.lines():
        click.echo(line)
    if not summary.has_changes:
        click.echo("No changes.")


@questions_cli.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "format_name", type=click.Choice(sorted(set(FORMATS) | set(importing.ALIASES))), required=True)
@click.option("--domain", default="", help="Exam domain for questions that name none.")
@click.option("--topic", default="", help="Sub-topic for questions that name none.")
def import_command(file: str, format_name: str, domain: str, topic: str) -> None:
    """Import GIFT, Aiken or Moodle XML; unsupported types are listed by line and skipped."""
    result = importing.preview(Path(file).read_text(encoding="utf-8"), format_name, load_blueprint(), domain, topic)
    for problem in result.skipped:
        click.echo(f"{file}:{problem.line}: skipped: {problem.message}", err=True)
    for problem in result.warnings:
        click.echo(f"{file}:{problem.line}: warning: {problem.message}", err=True)
    for problem in result.errors:
        click.echo(f"{file}:{problem.line}: {problem.message}", err=True)
    if not result.ok:
        raise click.ClickException("nothing was imported.")
    for line in importing.save(db.session(), result, file).lines():
        click.echo(line)


@questions_cli.command("export")
@click.option("--format", "format_name", type=click.Choice(sorted(set(FORMATS) | set(importing.ALIASES))), required=True)
@click.option("--domain", default=None)
@click.option("--topic", default=None)
@click.option("--tag", default=None)
def export_command(format_name: str, domain: str | None, topic: str | None, tag: str | None) -> None:
    """Write the filtered questions to standard output."""
    click.echo(importing.export(db.session(), format_name, domain, topic, tag), nl=False)
