"""`kodefag prestart --class 5.A` and `kodefag bell` (the hub service that rings before lessons).

Both talk to the running hub's REST API with the portal service's token
(``var/secrets/portal_hub_token``), so they work from the same machine as the hub.
"""
import datetime as dt
import sys
import time

import click
from sqlalchemy import or_, select

from kodefag.settings import get_settings

from .bell import ring_safely, start_class
from .db import session_scope
from .hub_sync import HubSync, HubUnreachable
from .models import SchoolClass


def _find_class(session, name: str) -> SchoolClass | None:
    return session.scalar(select(SchoolClass).where(
        or_(SchoolClass.name == name, SchoolClass.slug == name.lower().replace(".", ""))))


@click.command()
@click.option("--class", "class_name", required=True, help="Klassens navn, fx 5.A")
@click.option("--wait/--no-wait", default=False, help="Vent, til alle elevernes Jupyter er klar.")
@click.option("--timeout", default=300, show_default=True, help="Sekunder at vente højst (med --wait).")
def prestart(class_name: str, wait: bool, timeout: int):
    """Start Jupyter for alle elever i en klasse før timen."""
    settings = get_settings()
    sync = HubSync.from_settings(settings)
    with session_scope(settings.database_url) as session:
        school_class = _find_class(session, class_name)
        if school_class is None:
            click.echo(f"Fejl: klassen {class_name} findes ikke.", err=True)
            sys.exit(2)
        try:
            report = start_class(sync, school_class)
        except HubUnreachable as error:
            click.echo(f"Fejl: JupyterHub svarer ikke ({error}). Kører kodefag?", err=True)
            sys.exit(1)
        pupils = report.started + report.already
    click.echo(report.danish())
    if wait:
        deadline = time.monotonic() + timeout
        waiting = set(pupils)
        while waiting and time.monotonic() < deadline:
            waiting = {name for name in waiting if sync.server_state(name) != "ready"}
            if waiting:
                time.sleep(1)
        if waiting:
            click.echo(f"Ikke klar efter {timeout} s: {', '.join(sorted(waiting))}", err=True)
            sys.exit(1)
        click.echo(f"Alle {len(pupils)} er klar.")
    sys.exit(1 if report.failed else 0)


@click.command()
@click.option("--every", default=30, show_default=True, help="Seconds between two ticks.")
def bell(every: int):
    """Hub service: start servers before each lesson, keep them from the idle culler during it."""
    settings = get_settings()
    sync = HubSync.from_settings(settings)
    while True:
        with session_scope(settings.database_url) as session:
            ring_safely(session, sync, dt.datetime.now(dt.timezone.utc), settings.prestart_minutes)
        time.sleep(every)
