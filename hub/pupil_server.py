"""The pupil's side of JupyterLab, server half: open, Tjek, Aflever and Start forfra.

A Jupyter server extension in the pupil's own server (enabled in
hub/singleuser/jupyter_server_config.py); the JupyterLab extension in
hub/labextension/ calls it under ``/kodefag/``. It talks to the portal with the
server's own hub token, so the portal knows who asks without trusting the request.

Files live where nbgrader's exchange would put them: ``<home>/<activity id>/``. A first
open downloads the activity; a later open only adds files that are missing, so the
pupil's work is never overwritten. "Start forfra" moves the folder aside as a backup
copy and downloads a fresh one. Every message is Danish, for a 10-12-year-old.
"""
from __future__ import annotations

import asyncio
import datetime as dt
import io
import json
import os
import re
import shutil
import tarfile
import uuid
from pathlib import Path

import nbformat
import requests
from jupyter_core.paths import jupyter_config_dir, jupyter_runtime_dir
from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from tornado import web
from traitlets.config import Config

from kodefag import sandbox
from kodefag.exercises import exercise_names
from kodefag.games.grading import grade_project
from kodefag.games.runner import PROJECTS_DIR

NO_PORTAL = "Kunne ikke få forbindelse til kodefag. Prøv igen om lidt, eller sig det til din lærer."
#: largest notebook that is opened, checked and handed in (the portal refuses bigger ones too)
MAX_NOTEBOOK_BYTES = int(os.environ.get("KODEFAG_MAX_NOTEBOOK_BYTES", 2 * 1024 * 1024))
#: seconds one cell may run during Tjek before we call it an endless loop
CHECK_CELL_SECONDS = 10
TEXT_STUB = "SKRIV DIT SVAR HER"
ANSI = re.compile(r"\x1b\[[0-9;]*m")
CELL_NUMBER = re.compile(r" i celle \[\d+\]")
BACKUP_SUFFIX = " (gammel kopi {stamp})"


class Problem(Exception):
    """Something the pupil must be told (Danish); never a traceback."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


class Portal:
    """The portal's pupil API, called with this server's own hub token."""

    def __init__(self, url: str | None = None, token: str | None = None, timeout: float = 30):
        self.url = (url or os.environ.get("KODEFAG_PORTAL_URL", "http://127.0.0.1:8000/services/portal/")).rstrip("/")
        self.token = token or os.environ.get("JUPYTERHUB_API_TOKEN", "")
        self.timeout = timeout

    def call(self, method: str, path: str, **kwargs) -> requests.Response:
        try:
            response = requests.request(method, f"{self.url}/{path.lstrip('/')}", timeout=self.timeout,
                                        headers={"Authorization": f"token {self.token}"}, **kwargs)
        except requests.RequestException:
            raise Problem(NO_PORTAL, 502) from None
        if response.status_code >= 400:
            try:
                reason = response.json().get("error")
            except ValueError:
                reason = None
            raise Problem(reason or NO_PORTAL, 502 if response.status_code >= 500 else 400)
        return response

    def activities(self) -> list[dict]:
        return self.call("GET", "api/elev/aktiviteter").json()["aktiviteter"]

    def download(self, activity: dict) -> bytes:
        return self.call("GET", f"api/exchange/assignments/{activity['course_id']}/{activity['activity_id']}/download").content

    def hand_in(self, activity: dict, files: list[tuple[str, bytes]]) -> dict:
        uploads = [("files", (name, data, "application/octet-stream")) for name, data in files]
        path = f"api/exchange/assignments/{activity['course_id']}/{activity['activity_id']}/submissions"
        return self.call("POST", path, files=uploads).json()["submission"]


class Activities:
    """The pupil's activities on disk: where they are, opening, checking, handing in."""

    def __init__(self, home: Path, portal: Portal):
        self.home = home
        self.portal = portal

    # --- finding ------------------------------------------------------------------------
    def by_id(self, release_id: int) -> dict:
        for activity in self.portal.activities():
            if activity["id"] == release_id:
                return activity
        raise Problem("Aktiviteten findes ikke længere. Spørg din lærer.", 404)

    def by_path(self, path: str) -> dict:
        """The activity a file belongs to: its first folder is the activity id."""
        parts = Path(path).parts
        if len(parts) < 2 or Path(path).is_absolute() or ".." in parts:
            raise Problem("Filen hører ikke til en aktivitet.", 404)
        for activity in self.portal.activities():
            if activity["activity_id"] == parts[0] and activity["kind"] in ("notebook", "pgzero"):
                return activity
        raise Problem("Filen hører ikke til en aktivitet.", 404)

    def folder(self, activity: dict) -> Path:
        return self.home / activity["activity_id"]

    def main_file(self, activity: dict) -> Path:
        if activity["kind"] == "pgzero":
            return self.folder(activity) / "spil.ipynb"
        return self.folder(activity) / f"{activity['activity_id']}.ipynb"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.home).as_posix()

    # --- opening ------------------------------------------------------------------------
    def open(self, release_id: int) -> dict:
        """Download what is missing (never overwrite), check the notebook, say what to open."""
        activity = self.by_id(release_id)
        if activity["kind"] not in ("notebook", "pgzero"):
            if activity.get("url"):
                return {"url": activity["url"]}
            raise Problem("Denne aktivitet laver I uden computer. Din lærer fortæller hvordan.")
        self.fetch_missing(activity)
        main = self.main_file(activity)
        problem = notebook_problem(main)
        if problem:
            return {"problem": problem}
        result = {"aabn": [self.relative(main)], "mappe": self.relative(self.folder(activity))}
        if activity["kind"] == "pgzero":
            result["aabn"].insert(0, self.relative(self.folder(activity) / "starter.py"))
        return result

    def fetch_missing(self, activity: dict) -> None:
        folder = self.folder(activity)
        data = self.portal.download(activity)
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
            for member in archive.getmembers():
                if not (folder / member.name).exists():  # never overwrite the pupil's own work
                    archive.extract(member, folder, filter="data")

    def start_over(self, activity: dict) -> dict:
        """Move the folder aside (nothing is deleted) and fetch a fresh copy."""
        folder = self.folder(activity)
        backup = None
        if folder.exists():
            stamp = dt.datetime.now().strftime("%Y-%m-%d %H.%M.%S")
            backup = folder.with_name(folder.name + BACKUP_SUFFIX.format(stamp=stamp))
            folder.rename(backup)
        self.fetch_missing(activity)
        message = "Du har fået en ny kopi."
        if backup is not None:
            message += f" Din gamle udgave ligger i mappen \"{backup.name}\"."
        opened = self.open(activity["id"])
        return {**opened, "besked": message, "backup": backup.name if backup else None}

    # --- Tjek ---------------------------------------------------------------------------
    def check(self, path: str) -> dict:
        activity = self.by_path(path)
        if activity["kind"] == "pgzero":
            return check_game(self.folder(activity), activity["activity_id"])
        notebook_path = self.home / path
        problem = notebook_problem(notebook_path)
        if problem:
            raise Problem(problem)
        return check_notebook(notebook_path)

    # --- Aflever ------------------------------------------------------------------------
    def hand_in(self, path: str) -> dict:
        activity = self.by_path(path)
        folder = self.folder(activity)
        if activity["kind"] == "pgzero":
            program = folder / "starter.py"
            if not program.is_file():
                raise Problem("Filen starter.py mangler. Tryk Start forfra for at få en ny.")
            files = [("starter.py", program.read_bytes())]
        else:
            notebook = self.main_file(activity)
            problem = notebook_problem(notebook)
            if problem:
                raise Problem(problem)
            files = [(notebook.name, notebook.read_bytes())]
        submission = self.portal.hand_in(activity, files)
        message = f"Afleveret {submission['handed_in_text']}."
        if submission.get("late"):
            message += " Det var efter fristen, så den er markeret som for sent afleveret."
        short = submission["handed_in_text"].rsplit(" kl. ", 1)[-1]  # the toolbar has room for "kl. 14.35"
        return {"besked": message, "late": submission.get("late", False),
                "handed_in_text": submission["handed_in_text"], "kort": f"kl. {short}"}


def notebook_problem(path: Path) -> str | None:
    """A Danish reason this notebook cannot be used, or None. Never raises."""
    if not path.is_file():
        return "Notesbogen findes ikke. Tryk Start forfra for at få en ny."
    if path.stat().st_size > MAX_NOTEBOOK_BYTES:
        return (f"Notesbogen er for stor ({path.stat().st_size // 1024} KB). Ryd output (Rediger > Ryd alle "
                "output), eller tryk Start forfra. Din gamle udgave bliver gemt.")
    try:
        notebook = nbformat.read(str(path), as_version=4)
        nbformat.validate(notebook)
    except Exception:  # any way a file can fail to be a notebook: the pupil gets the same way out
        return "Notesbogen er gået i stykker og kan ikke åbnes. Tryk Start forfra. Din gamle udgave bliver gemt."
    return None


def check_kernel_config() -> Config:
    """Tjek's fresh kernel: where the server's kernels use Unix sockets in the pupil's private /tmp
    (hub/config.py PRIVATE_TMP_ENVIRONMENT), so does this one (names of its own); otherwise TCP."""
    config = Config()
    if os.environ.get("KODEFAG_KERNEL_TRANSPORT") == "ipc":
        name = os.path.join(jupyter_runtime_dir(), f"tjek-{uuid.uuid4().hex[:8]}")
        config.KernelManager.transport = "ipc"
        config.KernelManager.ip = f"{name}-ipc"
        config.KernelManager.connection_file = f"{name}.json"
    return config


def check_notebook(path: Path) -> dict:
    """Run the notebook in a fresh kernel (the pupil's Danish-error kernel) and judge each exercise."""
    notebook = nbformat.read(str(path), as_version=4)
    for cell in notebook.cells:  # what Tjek shows comes from this run only
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    # a cell running too long is interrupted (the kernel explains it as an endless loop) and Tjek goes on
    client = NotebookClient(notebook, kernel_name="python3", config=check_kernel_config(),
                            timeout=CHECK_CELL_SECONDS, allow_errors=True,
                            interrupt_on_timeout=True, resources={"metadata": {"path": str(path.parent)}})
    stopped = None
    try:
        client.execute()
    except CellTimeoutError:
        stopped = "Tjek stoppede, fordi en celle blev ved med at køre. Er der en løkke, der aldrig slutter?"
    except DeadKernelError:
        stopped = "Tjek stoppede, fordi Python gik ned. Måske bruger koden for meget hukommelse?"
    names = exercise_names(notebook)
    exercises = []
    for cell in notebook.cells:
        info = cell.metadata.get("nbgrader", {})
        if not info.get("grade"):
            continue
        name = names.get(info.get("grade_id"), "Opgave")
        exercises.append(judge(cell, name, ran=cell.get("execution_count") is not None))
    passed = sum(1 for e in exercises if e["passed"])
    checked = [e for e in exercises if e["passed"] is not None]
    summary = stopped or (f"{passed} af {len(checked)} opgaver er rigtige." if checked else "Der er ingen test at tjekke.")
    if not stopped and checked and passed == len(checked):
        summary = "Flot! Alle opgaverne er rigtige."
    return {"opsummering": summary, "opgaver": exercises}


def judge(cell, name: str, ran: bool) -> dict:
    """One graded cell: a test cell passes when it ran without an error; answers are for the teacher."""
    if cell.cell_type == "markdown":
        written = cell.source.strip() and TEXT_STUB not in cell.source
        return {"name": name, "passed": None, "score": None, "max_score": None,
                "message": "Din lærer læser dit svar." if written else "Du mangler at skrive dit svar."}
    errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    if not ran:
        return {"name": name, "passed": False, "score": None, "max_score": None,
                "message": "Blev ikke tjekket, fordi en celle før den ikke blev færdig."}
    if errors:
        # the Danish lines of the pupil's kernel; Tjek's own run numbers cells differently, so no "i celle [n]"
        lines = [CELL_NUMBER.sub("", ANSI.sub("", line)) for line in errors[0].get("traceback", [])]
        return {"name": name, "passed": False, "score": None, "max_score": None, "message": " ".join(lines)}
    return {"name": name, "passed": True, "score": None, "max_score": None, "message": "Rigtigt!"}


def check_game(folder: Path, activity_id: str) -> dict:
    """The game project's checks on the pupil's starter.py (sandboxed, like playing it)."""
    program = folder / "starter.py"
    project = PROJECTS_DIR / activity_id
    if not program.is_file():
        raise Problem("Filen starter.py mangler. Tryk Start forfra for at få en ny.")
    result = grade_project(project, program, policy=sandbox.Policy.OWN_CODE)
    exercises = [{"name": cell.get("label") or cell["grade_id"], "passed": cell["status"] == "passed",
                  "score": cell["score"], "max_score": cell["max_score"],
                  "message": cell.get("message") or "Rigtigt!"} for cell in result["cells"]]
    summary = f"Dit spil fik {result['score']:g} af {result['max_score']:g} point i tjekket."
    return {"opsummering": summary, "opgaver": exercises}


class KodefagHandler(APIHandler):
    """Base: JSON in and out, Danish errors as {"fejl": ...}, blocking work off the event loop."""

    @property
    def activities(self) -> Activities:
        return self.settings["kodefag_activities"]

    def body(self) -> dict:
        try:
            return json.loads(self.request.body or b"{}")
        except ValueError:
            raise Problem("Forespørgslen kunne ikke læses.") from None

    def number(self, name: str) -> int:
        try:
            return int(self.body().get(name))
        except (TypeError, ValueError):
            raise Problem("Forespørgslen kunne ikke læses.") from None

    def text(self, name: str) -> str:
        value = self.body().get(name)
        if not isinstance(value, str) or not value:
            raise Problem("Forespørgslen kunne ikke læses.")
        return value

    async def run(self, function, *args):
        try:
            result = await asyncio.to_thread(function, *args)
        except Problem as problem:
            self.set_status(problem.status)
            result = {"fejl": str(problem)}
        except Exception:
            self.log.exception("kodefag: %s failed", function.__name__)
            self.set_status(500)
            result = {"fejl": "Der skete en fejl. Prøv igen om lidt, eller sig det til din lærer."}
        self.finish(json.dumps(result))


class ActivitiesHandler(KodefagHandler):
    @web.authenticated
    async def get(self):
        await self.run(lambda: {"aktiviteter": self.activities.portal.activities()})


class ActivityHandler(KodefagHandler):
    @web.authenticated
    async def get(self):
        await self.run(self.activities.by_path, self.get_argument("path", ""))


class OpenHandler(KodefagHandler):
    @web.authenticated
    async def post(self):
        await self.run(lambda: self.activities.open(self.number("id")))


class CheckHandler(KodefagHandler):
    @web.authenticated
    async def post(self):
        await self.run(lambda: self.activities.check(self.text("path")))


class HandInHandler(KodefagHandler):
    @web.authenticated
    async def post(self):
        await self.run(lambda: self.activities.hand_in(self.text("path")))


class StartOverHandler(KodefagHandler):
    @web.authenticated
    async def post(self):
        activities = self.activities

        def start_over():
            if "id" in self.body():
                return activities.start_over(activities.by_id(self.number("id")))
            return activities.start_over(activities.by_path(self.text("path")))
        await self.run(start_over)


def _jupyter_server_extension_points():
    return [{"module": "kodefag.hub.pupil_server"}]


def choose_danish(settings_dir: Path) -> None:
    """Make Danish (our pack "da") the pupil's JupyterLab language, unless they chose one.

    The override in hub/singleuser/labconfig sets the default for the browser, but JupyterLab's
    server translates menus and other schema labels in the language of the *user* setting (or
    the system locale, English on a server without Danish locales), so the pupil gets one."""
    path = settings_dir / "@jupyterlab" / "translation-extension" / "plugin.jupyterlab-settings"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({"locale": "da"}), encoding="utf-8")


def _load_jupyter_server_extension(serverapp):
    settings_dir = os.environ.get("JUPYTERLAB_SETTINGS_DIR") or os.path.join(jupyter_config_dir(), "lab", "user-settings")
    try:
        choose_danish(Path(settings_dir))
    except OSError:
        serverapp.log.warning("kodefag: could not write the language setting in %s", settings_dir)
    home = Path(serverapp.root_dir).resolve()
    serverapp.web_app.settings["kodefag_activities"] = Activities(home, Portal())
    base = url_path_join(serverapp.web_app.settings["base_url"], "kodefag")
    serverapp.web_app.add_handlers(".*$", [
        (url_path_join(base, "aktiviteter"), ActivitiesHandler),
        (url_path_join(base, "aktivitet"), ActivityHandler),
        (url_path_join(base, "aabn"), OpenHandler),
        (url_path_join(base, "tjek"), CheckHandler),
        (url_path_join(base, "aflever"), HandInHandler),
        (url_path_join(base, "forfra"), StartOverHandler),
    ])
