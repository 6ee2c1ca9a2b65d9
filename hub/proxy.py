"""configurable-http-proxy as its own process, beside the hub rather than under it.

JupyterHub would start the proxy itself, but a restarted hub kills the proxy it
finds from an earlier run and starts a new one: every pupil's connection breaks.
Run separately (by hub/platform.py, or the ``kodefag-proxy`` systemd unit of
docs/operations.md), the proxy and its routes outlive a hub restart; the hub
finds it through ``ConfigurableHTTPProxy.api_url`` and the shared token.
"""
import os
import socket
import time

import click

from kodefag.secrets import secret
from kodefag.settings import Settings, get_settings

from .config import PROXY_TOKEN_SECRET
from .origins import proxy_program


def proxy_command(settings: Settings) -> list[str]:
    """The proxy's command line: public address, loopback API, errors shown by the hub."""
    return [
        *proxy_program(settings),
        "--ip", settings.hub_ip, "--port", str(settings.hub_port),
        "--api-ip", "127.0.0.1", "--api-port", str(settings.proxy_api_port),
        "--error-target", f"http://127.0.0.1:{settings.hub_api_port}/hub/error",
        # a pupil's spawn-progress stream lasts as long as the spawn, which on a busy server is long
        "--proxy-timeout", "300000",
    ]


def proxy_environment(settings: Settings, base: dict) -> dict:
    return {**base, "CONFIGPROXY_AUTH_TOKEN": secret(settings.var_dir, PROXY_TOKEN_SECRET)}


def wait_for_api(settings: Settings, alive=lambda: True, timeout: float = 60) -> None:
    """Wait until the proxy's API port accepts connections (the hub needs it at start)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            raise RuntimeError("configurable-http-proxy exited (is the port taken?)")
        try:
            with socket.create_connection(("127.0.0.1", settings.proxy_api_port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise TimeoutError(f"proxy API not listening after {timeout} s")


@click.command()
def proxy():
    """Run the proxy in the foreground (for the kodefag-proxy systemd unit)."""
    settings = get_settings()
    command = proxy_command(settings)
    os.execve(command[0], command, proxy_environment(settings, dict(os.environ)))
