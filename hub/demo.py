"""`kodefag demo`: the whole platform on this machine, on the embedded default.

Creates var/ (SQLite databases, generated secrets), seeds the demo school,
starts JupyterHub with the portal and the grading workers, prints where to go,
and on Ctrl-C or SIGTERM stops every process it started.
"""
import os
import signal
import socket

import click

from kodefag.settings import get_settings
from kodefag.teacher_portal.seed import CLASSES, DEMO_PASSWORD, demo_usernames, pupil_names

from .origins import user_origin
from .platform import Platform, prepare


def banner(settings) -> str:
    users = demo_usernames()
    pupils = "\n".join(f"                 {name}: {first} - {last}" for name, (first, last) in pupil_ranges().items())
    base = settings.public_base_url
    if settings.tier == "school":
        mode, warning = "skole-tilstand", f"""Skole-tilstand: hver elev kører som sin egen systembruger med egne grænser (hukommelse,
processer), egen /tmp og sin server på sin egen adresse, fx {user_origin(settings, users['pupil'][0])}/.
Lytter kun på 127.0.0.1. Til rigtige elever: kodefag serve bag TLS (docs/operations.md)."""
    elif os.geteuid() == 0:
        mode, warning = "demo-tilstand", """ADVARSEL: Demo-tilstand lytter kun på 127.0.0.1. Hver elevs server kører som elevens egen bruger,
men på samme adresse som lærerportalen: eleverne er IKKE adskilt i browseren.
Brug skole- eller kommune-opsætningen til rigtige elever."""
    else:
        mode, warning = "demo-tilstand", """ADVARSEL: Demo-tilstand lytter kun på 127.0.0.1, og eleverne er IKKE adskilt fra hinanden
(alle servere kører som samme bruger). Brug skole- eller kommune-opsætningen til rigtige elever."""
    return f"""
kodefag kører ({mode})
  JupyterHub:    {base}/
  Lærerportal:   {base}{settings.portal_prefix}
  Sundhed:       {base}/hub/health  {base}{settings.portal_prefix}healthz

Demo-konti (adgangskode for alle: {DEMO_PASSWORD})
  Lærere:        {', '.join(users['teacher'])}   (laerer5a: 5.A og 3.A, laerer5b: 5.B og 8.A)
  Skoleleder:    {', '.join(users['leader'])}
  Administrator: {', '.join(users['admin'])}
  Kommunen:      {', '.join(users['municipality'])}   (tal for alle skoler, uden elevnavne)
  Elever:
{pupils}

{warning}
Stop med Ctrl-C.
"""


def seed_synthetic_municipality(settings, pupils: int, results: int) -> str:
    """Seed the synthetic schools (once per var/) and say what there is."""
    from kodefag.curriculum.loader import cached_curriculum
    from kodefag.teacher_portal.db import session_scope
    from kodefag.teacher_portal.synthetic import seed_municipality

    with session_scope(settings.database_url) as session:
        counts = seed_municipality(session, cached_curriculum(), pupils=pupils, results=results)
    if not counts.schools:
        return "Kommunens syntetiske skoler findes allerede (start med en tom var/ for at ændre størrelsen)."
    return (f"Kommune: {counts.schools} syntetiske skoler, {counts.classes} klasser, {counts.pupils} elever, "
            f"{counts.results} resultater. Skoleledere: leder-s01 ... leder-s{counts.schools:02d}, "
            f"lærere fx laerer-s01-5a (adgangskode {DEMO_PASSWORD}).")


def busy_ports(settings) -> list[tuple[str, int]]:
    """The configured loopback ports another program already listens on."""
    busy = []
    for key in ("hub_port", "hub_api_port", "proxy_api_port", "portal_port"):
        port = getattr(settings, key)
        with socket.socket() as probe:
            probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                probe.bind(("127.0.0.1", port))
            except OSError:
                busy.append((f"KODEFAG_{key.upper()}", port))
    return busy


def pupil_ranges() -> dict[str, tuple[str, str]]:
    return {name: (pupil_names(name)[0], pupil_names(name)[-1]) for name in CLASSES}


@click.command()
@click.option("--tier", type=click.Choice(["demo", "school"]), default="demo", show_default=True,
              help="school: the demo school on the school tier (as root: a system user per pupil, "
                   "limits, own origins at http://<elev>.kodefag.localhost)")
@click.option("--municipality", is_flag=True,
              help="Also seed synthetic schools (reports and benchmarks at municipality scale).")
@click.option("--pupils", default=5000, show_default=True, help="With --municipality: pupils in all.")
@click.option("--results", default=200_000, show_default=True, help="With --municipality: at most this many results.")
def demo(tier: str, municipality: bool, pupils: int, results: int):
    """Start the demo school on http://127.0.0.1:8000 (Ctrl-C stops everything)."""
    settings = get_settings()
    if settings.tier != "demo" or settings.hub_ip not in ("127.0.0.1", "localhost", "::1"):
        raise click.UsageError("kodefag demo runs only in the demo tier on loopback (KODEFAG_TIER=demo).")
    if tier == "school":
        settings = school_demo_settings(settings)
    busy = busy_ports(settings)
    if busy:
        raise click.ClickException(
            "Porten " + ", ".join(f"{port} ({key})" for key, port in busy) + " er optaget af et andet program. "
            "Stop det, eller vælg en anden port med miljøvariablen, fx KODEFAG_HUB_PORT=8010 make demo.")
    click.echo(f"Forbereder {settings.var_dir} ...")
    prepare(settings)
    if municipality:
        click.echo(seed_synthetic_municipality(settings, pupils, results))
    run_until_stopped(Platform(settings), banner(settings))


def school_demo_settings(settings):
    """The demo school on the school tier, on loopback: the hub at http://kodefag.localhost:<port>, each
    pupil at http://<name>.kodefag.localhost:<port> - one site, as in production, so the teacher's
    "Åbn live" frame keeps the pupil server's cookies (a frame on another site would lose them)."""
    if os.geteuid() != 0:
        raise click.UsageError("kodefag demo --tier school skal startes som root: hver elev får sin egen "
                               "systembruger, og serverne skifter til den.")
    return settings.model_copy(update={"tier": "school", "public_url": f"http://kodefag.localhost:{settings.hub_port}"})


def run_until_stopped(platform: Platform, ready_message: str) -> None:
    """Start the platform, print ``ready_message``, and stop everything on Ctrl-C or SIGTERM."""

    def stop(signum, _frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)  # also when started in the background, where SIGINT is ignored
    try:
        platform.start()
        platform.wait_ready()
        click.echo(ready_message)
        platform.process.wait()
    except KeyboardInterrupt:
        click.echo("\nStopper kodefag ...")
    except (RuntimeError, TimeoutError) as error:
        raise click.ClickException(f"kodefag kunne ikke starte: {error}. Se loggen ovenfor.") from None
    finally:
        platform.stop()
        click.echo("Alle processer er stoppet.")
