"""`kodefag serve`: the platform for real pupils, on whatever tier the settings name.

The ``kodefag-hub`` systemd unit of docs/operations.md runs it (as root on the
school tier: every pupil's server switches to the pupil's own system user). It
migrates the portal's database and then becomes JupyterHub, so systemd watches
the hub itself; the proxy runs in its own unit (``kodefag proxy``) and pupils'
servers outlive a hub restart. Unlike `kodefag demo` it seeds nothing: the
roster comes from the school's import or Unilogin.
"""
import os

import click

from kodefag.settings import get_settings

from .config import HUB_DIR, VENV_BIN
from .platform import prepare


@click.command()
def serve():
    """Run the hub for the tier the settings name (KODEFAG_TIER, var/kodefag.env)."""
    settings = get_settings()
    click.echo(f"Forbereder {settings.var_dir} (databasen migreres) ...")
    prepare(settings, seed=False)
    os.chdir(settings.var_dir)
    hub = str(VENV_BIN / "jupyterhub")
    os.execv(hub, [hub, "-f", str(HUB_DIR / "jupyterhub_config.py")])
