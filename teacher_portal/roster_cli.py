"""`kodefag roster ...`: import a school's class lists, list a class, export, a new school year.

Exit codes of ``import`` (and ``new-year``): 0 applied (or a clean dry run), 1 row errors
(nothing changed), 2 the file or the school cannot be used at all.
"""
import getpass
import json
import sys
from pathlib import Path

import click
from sqlalchemy import select

from kodefag.settings import get_settings

from . import roster_admin, school_year
from .db import session_scope, upgrade
from .hub_sync import HubSync
from .login_cards_pdf import print_cards
from .models import Role, School
from .roster_admin import ROLE_WORDS, parse_class_name, roster_csv
from .roster_import import ImportUnusable, check_size, import_roster

KIND_WORDS = {"new": "ny", "update": "ændres", "unchanged": "uændret", "left": "udmeldes"}


def cli_actor() -> str:
    """Who ran the command, for the audit log."""
    return f"cli:{getpass.getuser()}"


def _find_school(session, name: str) -> School | None:
    return session.scalar(select(School).where(School.name == name))


def _echo_report(report, as_json: bool, dry_run: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_json(), ensure_ascii=False))
        return
    for change in report.changes:
        if change.kind != "unchanged":
            click.echo(f"  {KIND_WORDS[change.kind]:9} {change.username:20} {change.name} "
                       f"({ROLE_WORDS[change.role]}, {', '.join(change.classes) or '-'}) {change.what}")
    for name in report.new_classes:
        click.echo(f"  ny klasse {name}")
    for error in report.errors:
        click.echo(f"Række {error.row}, kolonne {error.column}: {error.message}", err=True)
    counts = report.as_json()
    verb = "Ville give" if dry_run else ("Resultat" if report.applied else "Intet er ændret")
    click.echo(f"{verb}: {counts['created']} oprettet, {counts['updated']} opdateret, "
               f"{counts['unchanged']} uændret, {counts['left']} udmeldt, {len(report.errors)} fejl.")


def _unusable(message: str, as_json: bool, row=None, column=None):
    if as_json:
        click.echo(json.dumps({"created": 0, "updated": 0, "unchanged": 0, "left": 0,
                               "errors": [{"row": row, "column": column, "message": message}]}, ensure_ascii=False))
    else:
        click.echo(f"Fejl: {message}", err=True)
    sys.exit(2)


@click.group()
def cli():
    """Klasselister: import, liste, eksport og nyt skoleår."""


@cli.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--school", required=True, help='Skolens navn, fx "Demo Skole".')
@click.option("--dry-run", is_flag=True, help="Vis hvad der ville ske, uden at ændre noget.")
@click.option("--json", "as_json", is_flag=True, help="Skriv resultatet som JSON.")
def import_command(file: Path, school: str, dry_run: bool, as_json: bool):
    """Importér skolens klasseliste (CSV: uniid;fornavn;efternavn;klasse;rolle)."""
    try:
        check_size(file.stat().st_size)  # before reading a huge file into memory
        data = file.read_bytes()
    except OSError as error:
        _unusable(f"Filen kan ikke åbnes ({error.strerror}).", as_json)
    except ImportUnusable as problem:
        _unusable(problem.message, as_json)
    settings = get_settings()
    upgrade(settings.database_url)
    touched = set()
    with session_scope(settings.database_url) as session:
        school_row = _find_school(session, school)
        if school_row is None:
            if dry_run:
                school_row = School(name=school)  # not added: a dry run changes nothing
            else:
                school_row = School(name=school)
                session.add(school_row)
                session.flush()
        try:
            report, touched = import_roster(session, school_row, data, cli_actor(), dry_run=dry_run)
        except ImportUnusable as problem:
            session.rollback()
            _unusable(problem.message, as_json, problem.row, problem.column)
        if report.errors:
            session.rollback()
        _echo_report(report, as_json, dry_run)
    if touched:
        with session_scope(settings.database_url) as session:
            roster_admin.sync_hub(session, HubSync.from_settings(settings), touched)
    sys.exit(1 if report.errors else 0)


def _one_class(session, class_name: str, school: str | None):
    """The one class of that name (in that school), or a Danish usage error."""
    try:
        name = parse_class_name(class_name)[0]
    except roster_admin.RosterError as error:
        raise click.UsageError(str(error)) from None
    schools = [_find_school(session, school)] if school else list(session.scalars(select(School)))
    matches = [c for s in schools if s is not None for c in [roster_admin.find_class(session, s, name)] if c]
    if len(matches) != 1:
        raise click.UsageError(f"Klassen {name} findes ikke." if not matches else
                               f"Flere skoler har en {name}: vælg med --school.")
    return matches[0]


@cli.command("list")
@click.option("--class", "class_name", required=True, help="Klassen, fx 5.A.")
@click.option("--school", default=None, help="Skolens navn (kun nødvendigt med flere skoler).")
@click.option("--json", "as_json", is_flag=True, help="Skriv listen som JSON.")
def list_command(class_name: str, school: str | None, as_json: bool):
    """Vis en klasses elever og lærere."""
    settings = get_settings()
    with session_scope(settings.database_url) as session:
        school_class = _one_class(session, class_name, school)
        name = school_class.name
        rows = [{"username": u.username, "name": u.display_name, "class": name, "role": ROLE_WORDS[u.role],
                 "uniid": u.uniid} for u in school_class.pupils + school_class.teachers]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False))
    else:
        for row in rows:
            click.echo(f"{row['username']:20} {row['role']:6} {row['name']}")


@cli.command("export")
@click.option("--school", required=True, help='Skolens navn, fx "Demo Skole".')
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def export_command(school: str, output: Path):
    """Gem skolens klasselister som CSV til regneark (formler bliver til tekst)."""
    settings = get_settings()
    with session_scope(settings.database_url) as session:
        school_row = _find_school(session, school)
        if school_row is None:
            raise click.UsageError(f"Skolen »{school}« findes ikke.")
        output.write_bytes(roster_csv(session, school_row))
    click.echo(f"Gemt: {output}")


@cli.command("new-year")
@click.option("--school", required=True, help='Skolens navn, fx "Demo Skole".')
@click.option("--dry-run", is_flag=True, help="Vis hvad der ville ske, uden at ændre noget.")
@click.option("--json", "as_json", is_flag=True, help="Skriv planen som JSON.")
def new_year_command(school: str, dry_run: bool, as_json: bool):
    """Nyt skoleår: alle klasser rykker et klassetrin op, 9. klasserne går ud."""
    settings = get_settings()
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        school_row = _find_school(session, school)
        if school_row is None:
            click.echo(f"Fejl: Skolen »{school}« findes ikke.", err=True)
            sys.exit(2)
        plan = school_year.plan_new_year(session, school_row)
        touched = set() if dry_run else school_year.start_new_year(session, school_row, cli_actor())
        if as_json:
            click.echo(json.dumps(plan.as_json(), ensure_ascii=False))
        else:
            for step in plan.steps:
                click.echo(f"  {step.describe()}")
            click.echo("Ville give:" if dry_run else "Nyt skoleår er startet:")
            click.echo(f"  {len(plan.moved)} klasser rykker op, {len(plan.ended)} klasser går ud, "
                       f"{school_year.pupils(plan.leaving)} går ud af skolen.")
    if touched:
        with session_scope(settings.database_url) as session:
            roster_admin.sync_hub(session, HubSync.from_settings(settings), touched)


@cli.command("cards")
@click.option("--class", "class_name", required=True, help="Klassen, fx 3.A.")
@click.option("--school", default=None, help="Skolens navn (kun nødvendigt med flere skoler).")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path))
def cards_command(class_name: str, school: str | None, output: Path):
    """Lav login-kort med QR-kode til klassens elever (PDF). De gamle kort holder op med at virke."""
    settings = get_settings()
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        school_class = _one_class(session, class_name, school)
        pupils = [pupil for pupil in school_class.pupils if pupil.active]
        if not pupils:
            raise click.UsageError(f"Klassen {school_class.name} har ingen elever.")
        pdf = print_cards(session, school_class, pupils, cli_actor(), settings)
        output.write_bytes(pdf)  # inside the transaction: no new cards unless the file was written
    click.echo(f"Gemt: {output} ({len(pupils)} kort). Klassens gamle kort virker ikke længere.")


@cli.command("kommune")
@click.argument("username")
@click.option("--name", required=True, help='Personens navn, fx "Kommunal konsulent Mette Holm".')
@click.option("--uniid", default=None, help="Unilogin-id, hvis personen logger ind med Unilogin.")
def municipality_command(username: str, name: str, uniid: str | None):
    """Opret en bruger i kommunen: ser alle skolers tal (/kommune), aldrig elevers navne."""
    settings = get_settings()
    upgrade(settings.database_url)
    with session_scope(settings.database_url) as session:
        try:
            user = roster_admin.add_user(session, None, Role.municipality, name, cli_actor(),
                                         uniid=uniid, username=None if uniid else username)
        except roster_admin.RosterError as error:
            raise click.UsageError(str(error)) from None
        password = None if uniid else roster_admin.reset_password(session, user, cli_actor())
    click.echo(f"Oprettet: {user.username} ({name}), kan se kommunens tal.")
    if password:
        click.echo(f"Adgangskode (vises kun nu): {password}")
