"""The teacher plays the solution game in their own Jupyter server, with the pupils' live player.

Why there: a pupil plays a game in their own server (``kodefag.games.player``: the game runs
in the sandbox, frames stream to the notebook, keys and mouse go back). The teacher has a
server of their own, so the honest way to *play* the reference solution is the same player
in the same kind of server - not a new streaming path through the portal, whose web process
never runs pupil or solution code (issue 14).

The portal copies the game project - ``solution.py`` with its pictures and sounds - and a
player notebook into ``loesninger/<activity>/`` in the teacher's server through Jupyter's
contents API, with a one-minute token *of the teacher* that reaches only the teacher's own
server (as ``live_notebook`` reads a pupil's notebook), then sends the teacher there. The
folder is written afresh each time: it is the reference, not the teacher's own work.
"""
import base64
import logging
import time
from pathlib import Path
from urllib.parse import quote

import nbformat
import requests
from flask_babel import gettext

from kodefag.settings import Settings

from .hub_sync import HubSync, HubUnreachable
from .pupil_activities import GAME_FOLDERS

log = logging.getLogger(__name__)
FOLDER = "loesninger"
NOTEBOOK = "spil.ipynb"
PROGRAM = "solution.py"
TIMEOUT = 10
#: a teacher's server that is not running gets this long to start
START_SECONDS = 90


class NotPlayable(Exception):
    """The teacher's server did not start, or refused the files (the message is Danish)."""


def solution_folder(activity_id: str) -> str:
    return f"{FOLDER}/{activity_id}"


def notebook_path(activity_id: str) -> str:
    """Where the player notebook lies in the teacher's server (the Lab opens it there)."""
    return f"{solution_folder(activity_id)}/{NOTEBOOK}"


def solution_notebook(title: str) -> nbformat.NotebookNode:
    """The teacher's player notebook: one cell that plays ``solution.py`` with the pupils' player."""
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    intro = (f"# Løsningen: {title}\n\n"
             "Sådan spiller du løsningen, som eleverne spiller deres eget spil: klik i cellen nedenfor, "
             "og tryk **Shift+Enter** (eller ▶ i værktøjslinjen). Hold musen over spillet, og brug "
             "tastaturet og musen.\n\n"
             f"Programmet ligger i **{PROGRAM}** i samme mappe. Mappen bliver skrevet forfra, hver gang "
             "du trykker *Spil løsningen* i portalen.")
    notebook.cells = [
        nbformat.v4.new_markdown_cell(intro),
        nbformat.v4.new_code_cell(f'from kodefag.games.player import play\nplay("{PROGRAM}")'),
    ]
    return notebook


def project_files(content: Path) -> list[tuple[str, bytes]]:
    """(path in the folder, bytes): the solution and the assets a pupil's game project has too."""
    files = [(PROGRAM, (content / PROGRAM).read_bytes())]
    for folder in GAME_FOLDERS:
        if (content / folder).is_dir():
            files += [(path.relative_to(content).as_posix(), path.read_bytes())
                      for path in sorted((content / folder).rglob("*")) if path.is_file() and not path.is_symlink()]
    return files


class TeacherServer:
    """The teacher's own Jupyter server, reached with a short token of the teacher's."""

    def __init__(self, settings: Settings, hub: HubSync, teacher: str):
        self.settings, self.hub, self.teacher = settings, hub, teacher

    def ensure_running(self) -> None:
        """Start the server when it is not running, and wait until it answers (or raise NotPlayable)."""
        try:
            state = self.hub.server_state(self.teacher)
            if state == "missing":
                self.hub.create_user(self.teacher)
            if state in ("missing", "stopped") and not self.hub.start_server(self.teacher):
                raise NotPlayable(gettext("Din Jupyter kunne ikke startes lige nu. Prøv igen om lidt."))
            deadline = time.monotonic() + START_SECONDS
            while self.hub.server_state(self.teacher) != "ready":
                if time.monotonic() > deadline:
                    raise NotPlayable(gettext("Din Jupyter er ikke startet endnu. Prøv igen om lidt."))
                time.sleep(0.5)  # polling the hub for the condition "ready"
        except HubUnreachable as error:
            log.warning("teacher %s's server: %s", self.teacher, error)
            raise NotPlayable(gettext("Jupyter svarer ikke lige nu. Prøv igen om lidt.")) from None

    def put_folder(self, folder: str, files: list[tuple[str, bytes]], notebook: nbformat.NotebookNode) -> None:
        """Write the folder's files and notebook (replacing what is there) through the contents API."""
        try:
            token = self.hub.short_token(self.teacher, [f"access:servers!server={self.teacher}/"],
                                         note="løsningsspil")
        except HubUnreachable as error:
            log.warning("no token for %s's own server: %s", self.teacher, error)
            raise NotPlayable(gettext("Jupyter svarer ikke lige nu. Prøv igen om lidt.")) from None
        with requests.Session() as http:
            http.headers["Authorization"] = f"token {token}"
            folders = {folder, *(f"{folder}/{Path(name).parent.as_posix()}" for name, _ in files if "/" in name)}
            for path in _with_parents(folders):
                self._put(http, path, {"type": "directory"})
            for name, data in files:
                self._put(http, f"{folder}/{name}", {"type": "file", "format": "base64",
                                                     "content": base64.b64encode(data).decode("ascii")})
            self._put(http, f"{folder}/{NOTEBOOK}", {"type": "notebook", "content": notebook})

    def _put(self, http: requests.Session, path: str, model: dict) -> None:
        url = f"{self.settings.hub_url}/user/{quote(self.teacher)}/api/contents/{quote(path)}"
        try:
            response = http.put(url, json=model, timeout=TIMEOUT, allow_redirects=False)
        except requests.RequestException as error:
            log.warning("teacher %s's server not reachable: %s", self.teacher, type(error).__name__)
            raise NotPlayable(gettext("Din Jupyter svarer ikke lige nu. Prøv igen om lidt.")) from None
        if response.status_code not in (200, 201):
            log.warning("teacher %s's server refused %s: HTTP %s", self.teacher, path, response.status_code)
            raise NotPlayable(gettext("Løsningen kunne ikke lægges i din Jupyter. Prøv igen om lidt."))


def _with_parents(folders: set[str]) -> list[str]:
    """Every folder and its parents, parents first (the contents API makes one level at a time)."""
    found = set()
    for folder in folders:
        parts = folder.split("/")
        found.update("/".join(parts[:n]) for n in range(1, len(parts) + 1))
    return sorted(found, key=lambda p: (p.count("/"), p))


def open_solution_game(settings: Settings, hub: HubSync, teacher: str, activity_id: str, title: str,
                       content: Path) -> str:
    """Put the solution game in the teacher's server; the Lab URL that opens its player notebook."""
    server = TeacherServer(settings, hub, teacher)
    server.ensure_running()
    server.put_folder(solution_folder(activity_id), project_files(content), solution_notebook(title))
    return f"/user/{quote(teacher)}/lab/tree/{quote(notebook_path(activity_id))}"
