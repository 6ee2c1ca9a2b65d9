"""`kodefag serve`: the platform for real pupils, on whatever tier the settings name.

Run by the systemd unit of docs/operations.md (as root on the school tier: every
pupil's server switches to the pupil's own system user). Unlike `kodefag demo` it
seeds nothing: the roster comes from the school's import or Unilogin.
"""
import click

from kodefag.settings import get_settings

from .demo import run_until_stopped
from .platform import Platform, prepare


@click.command()
def serve():
    """Run the platform the settings describe (KODEFAG_TIER, var/kodefag.env); Ctrl-C or SIGTERM stops it."""
    settings = get_settings()
    click.echo(f"Forbereder {settings.var_dir} (migrering) ...")
    prepare(settings, seed=False)
    run_until_stopped(Platform(settings), f"kodefag kører ({settings.tier}) på {settings.public_base_url}/")
