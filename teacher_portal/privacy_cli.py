"""`kodefag privacy ...`: export or delete one pupil, and the daily retention job."""
import sys
import time
from pathlib import Path

import click

from kodefag.settings import get_settings

from . import privacy
from .db import session_scope, upgrade
from .hub_sync import HubSync
from .roster_admin import RosterError
from .roster_cli import cli_actor


@click.group()
def cli():
    """Persondata (GDPR): eksport, sletning og sletning efter opbevaringstiden."""


@cli.command("export")
@click.argument("username")
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="Zip-filen, der skal skrives.")
def export_command(username: str, output: Path):
    """Gem alt om en elev i en zip-fil (data.json, afleveringer, notesbøger)."""
    settings = get_settings()
    try:
        with session_scope(settings.database_url) as session:
            output.write_bytes(privacy.export_pupil(session, settings, username, cli_actor()))
    except RosterError as error:
        click.echo(f"Fejl: {error}", err=True)
        sys.exit(2)
    click.echo(f"Gemt: {output}")


@cli.command("delete")
@click.argument("username")
@click.option("--yes", is_flag=True, help="Ja, slet eleven for altid (kan ikke fortrydes).")
def delete_command(username: str, yes: bool):
    """Slet en elev alle steder: databasen, afleveringer, karakterbog, kø, hub og hjemmemappe."""
    if not yes:
        click.echo("Sletning kan ikke fortrydes. Skriv --yes for at slette.", err=True)
        sys.exit(2)
    settings = get_settings()
    try:
        with session_scope(settings.database_url) as session:
            deletion = privacy.delete_pupil(session, settings, username, cli_actor(), HubSync.from_settings(settings))
    except RosterError as error:
        click.echo(f"Fejl: {error}", err=True)
        sys.exit(2)
    click.echo(f"{username} er slettet: {deletion.rows} rækker, {len(deletion.folders)} mapper, "
               f"{deletion.gradebooks} karakterbøger, hub: {deletion.hub}.")
    if deletion.hub.startswith("NOT"):
        click.echo("Hubben svarede ikke. Start platformen, og kør kommandoen igen.", err=True)
        sys.exit(1)


@cli.command("purge")
@click.option("--every-hours", type=float, default=None,
              help="Kør igen med dette interval (sådan kører hubben den hver dag).")
def purge_command(every_hours: float | None):
    """Slet elever, der gik ud for mere end KODEFAG_RETENTION_DAYS dage siden, og gammel log."""
    settings = get_settings()
    upgrade(settings.database_url)
    while True:
        deleted = privacy.purge(settings, HubSync.from_settings(settings))
        click.echo(f"{len(deleted)} elever slettet efter opbevaringstiden ({settings.retention_days} dage).")
        if every_hours is None:
            return
        time.sleep(every_hours * 3600)
