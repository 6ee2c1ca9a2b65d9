"""`kodefag privacy ...`: export or delete one pupil, and the daily retention job."""
import datetime as dt
import sys
import time
from pathlib import Path

import click

from kodefag.settings import get_settings

from . import privacy
from .db import session_scope, upgrade
from .hub_sync import HubSync
from .local_time import LOCAL
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
@click.option("--daily-at", default=None, metavar="HH:MM",
              help="Bliv ved og kør hver nat på dette tidspunkt (dansk tid), sådan som hubben kører den.")
def purge_command(daily_at: str | None):
    """Slet elever, der gik ud for mere end KODEFAG_RETENTION_DAYS dage siden, og gammel log."""
    settings = get_settings()
    if daily_at is None:
        upgrade(settings.database_url)
        deleted = privacy.purge(settings, HubSync.from_settings(settings))
        click.echo(f"{len(deleted)} elever slettet efter opbevaringstiden ({settings.retention_days} dage).")
        return
    while True:  # a managed hub service: the portal has migrated the database already
        time.sleep(seconds_until(daily_at))
        privacy.purge(settings, HubSync.from_settings(settings))


def seconds_until(clock: str, now: dt.datetime | None = None) -> float:
    """Seconds from now until the next HH:MM in Danish local time."""
    hour, minute = (int(part) for part in clock.split(":"))
    now = now or dt.datetime.now(LOCAL)
    target = now.replace(hour=hour, minute=minute, second=0, microsecond=0)
    if target <= now:
        target = (target + dt.timedelta(days=1)).replace(hour=hour, minute=minute)
    return (target - now).total_seconds()
