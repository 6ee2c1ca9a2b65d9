"""The pupil's current notebook, read from their running Jupyter server for the teacher.

The portal asks the hub for a one-minute token *of the teacher* that may only reach
this pupil's server (``access:servers!server=<pupil>/``; the hub refuses it unless
the teacher's role may open that server), and reads the file through the server's
contents API. The pupil's server - which runs the pupil's code - never sees the
portal's own token. When the server is not running, the caller shows the latest
hand-in instead.
"""
import logging
from urllib.parse import quote

import requests

from kodefag.settings import Settings

from .hub_sync import HubSync, HubUnreachable

log = logging.getLogger(__name__)
TIMEOUT = 10


class NotAvailable(Exception):
    """The pupil's server is not running, or the file is not there."""


def notebook_path(activity_id: str) -> str:
    """Where an activity lives in the pupil's server (hub/pupil_server.py opens it there)."""
    return f"{activity_id}/{activity_id}.ipynb"


def read_current(settings: Settings, hub: HubSync, teacher: str, pupil: str, path: str) -> str:
    """The notebook's JSON text as it is on the pupil's server now (raises NotAvailable)."""
    try:
        token = hub.short_token(teacher, [f"access:servers!server={pupil}/"], note=f"forhåndsvisning af {pupil}")
    except HubUnreachable as error:
        log.warning("no preview token for %s reading %s: %s", teacher, pupil, error)
        raise NotAvailable from None
    url = f"{settings.hub_url}/user/{quote(pupil)}/api/contents/{quote(path)}"
    try:
        response = requests.get(url, params={"content": "1", "type": "file", "format": "text"},
                                headers={"Authorization": f"token {token}"}, timeout=TIMEOUT,
                                allow_redirects=False)
    except requests.RequestException as error:
        log.info("server of %s not reachable: %s", pupil, type(error).__name__)
        raise NotAvailable from None
    if response.status_code != 200 or "json" not in response.headers.get("Content-Type", ""):
        raise NotAvailable
    content = response.json().get("content")
    if not isinstance(content, str):
        raise NotAvailable
    return content
