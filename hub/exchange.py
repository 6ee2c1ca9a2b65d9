"""nbgrader exchange plugin: fetch, list and hand in through the portal's HTTP API.

Replaces nbgrader's shared writable exchange folder (no impersonation, no
reading others' work, works unchanged on Kubernetes). Runs inside the pupil's
single-user server and authenticates with that server's own hub token
(``JUPYTERHUB_API_TOKEN``), so the portal knows who is asking without trusting
anything the pupil's request says. Configured in hub/singleuser/nbgrader_config.py.
"""
import io
import os
import tarfile
from pathlib import Path

import requests
from nbgrader.exchange.abc import (
    Exchange,
    ExchangeFetchAssignment,
    ExchangeFetchFeedback,
    ExchangeList,
    ExchangeSubmit,
)
from traitlets import Float, Unicode, default

NETWORK_ERROR = "Kunne ikke få forbindelse til kodefag-portalen. Prøv igen om lidt, eller sig det til din lærer."


class PortalExchange(Exchange):
    """What every exchange operation shares: where the portal is and how to call it."""

    portal_url = Unicode(help="Base URL of the teacher portal service, ending in /").tag(config=True)
    api_token = Unicode(help="Hub token of this single-user server").tag(config=True)
    request_timeout = Float(30.0, help="Seconds to wait for the portal").tag(config=True)

    @default("portal_url")
    def _default_portal_url(self):
        return os.environ.get("KODEFAG_PORTAL_URL", "http://127.0.0.1:8000/services/portal/")

    @default("api_token")
    def _default_api_token(self):
        return os.environ.get("JUPYTERHUB_API_TOKEN", "")

    def api(self, method: str, path: str, **kwargs) -> requests.Response:
        """Call the exchange API; turn any failure into a Danish ExchangeError."""
        url = self.portal_url.rstrip("/") + "/api/exchange/" + path.lstrip("/")
        headers = {"Authorization": f"token {self.api_token}"}
        try:
            response = requests.request(method, url, headers=headers, timeout=self.request_timeout, **kwargs)
        except requests.RequestException as error:
            self.log.error("exchange request to %s failed: %s", url, error)
            self.fail(NETWORK_ERROR)
        if response.status_code >= 400:
            try:
                reason = response.json().get("error")
            except ValueError:
                reason = None
            self.fail(reason or f"Portalen svarede med fejl {response.status_code}.")
        return response

    def local_dir(self, course_id: str, assignment_id: str) -> Path:
        return Path(self.assignment_dir) / assignment_id

    def require_ids(self) -> tuple[str, str]:
        course_id, assignment_id = self.coursedir.course_id, self.coursedir.assignment_id
        if not course_id or not assignment_id:
            self.fail("Vælg både klasse (kursus) og opgave.")
        return course_id, assignment_id


class FetchAssignment(PortalExchange, ExchangeFetchAssignment):
    """Download a released assignment into the pupil's folder."""

    def init_src(self):
        self.course_id, self.assignment_id = self.require_ids()

    def init_dest(self):
        self.dest = self.local_dir(self.course_id, self.assignment_id)
        if self.dest.exists() and not self.replace_missing_files:
            self.fail(f"Du har allerede hentet opgaven {self.assignment_id}.")

    def copy_files(self):
        response = self.api("GET", f"assignments/{self.course_id}/{self.assignment_id}/download")
        self.dest.mkdir(parents=True, exist_ok=True)
        with tarfile.open(fileobj=io.BytesIO(response.content), mode="r:gz") as archive:
            for member in archive.getmembers():
                target = self.dest / member.name
                if self.replace_missing_files and target.exists():
                    continue  # never overwrite the pupil's own work
                archive.extract(member, self.dest, filter="data")
        self.log.info("Fetched %s into %s", self.assignment_id, self.dest)


class Submit(PortalExchange, ExchangeSubmit):
    """Hand in the notebooks of an assignment folder."""

    def init_src(self):
        self.course_id, self.assignment_id = self.require_ids()
        self.src = self.local_dir(self.course_id, self.assignment_id)
        if not self.src.is_dir():
            self.fail(f"Mappen {self.assignment_id} findes ikke. Hent opgaven først.")

    def init_dest(self):
        pass

    def copy_files(self):
        notebooks = sorted(self.src.glob("*.ipynb"))
        if not notebooks:
            self.fail("Der er ingen notesbog at aflevere i opgavemappen.")
        files = [("files", (path.name, path.read_bytes(), "application/x-ipynb+json")) for path in notebooks]
        response = self.api("POST", f"assignments/{self.course_id}/{self.assignment_id}/submissions", files=files)
        self.submission = response.json().get("submission", {})
        self.log.info("Submitted %s at %s", self.assignment_id, self.submission.get("timestamp"))


class FetchFeedback(PortalExchange, ExchangeFetchFeedback):
    """Feedback is shown in the portal (scores and messages), not as nbgrader HTML files."""

    def init_src(self):
        self.require_ids()

    def init_dest(self):
        pass

    def copy_files(self):
        self.fail("Din feedback og dine point står i kodefag-portalen under 'Mine aktiviteter'.")


class List(PortalExchange, ExchangeList):
    """List released assignments (outbound) or the pupil's own hand-ins (cached/inbound)."""

    def init_src(self):
        pass

    def init_dest(self):
        pass

    def copy_files(self):
        pass

    def _assignments(self) -> list[dict]:
        assignments = self.api("GET", "assignments").json().get("assignments", [])
        course_id = self.coursedir.course_id
        return [a for a in assignments if not course_id or a["course_id"] == course_id]

    def _released(self, item: dict) -> dict:
        local = self.local_dir(item["course_id"], item["assignment_id"])
        fetched = local.is_dir()
        path = str(local.resolve()) if fetched else f"portal:{item['course_id']}/{item['assignment_id']}"
        return {
            "course_id": item["course_id"], "assignment_id": item["assignment_id"],
            "status": "fetched" if fetched else "released", "path": path,
            "notebooks": [{"notebook_id": nb, "path": str(Path(path) / f"{nb}.ipynb")} for nb in item["notebooks"]],
        }

    def _submitted(self, item: dict) -> dict:
        local = self.local_dir(item["course_id"], item["assignment_id"])
        submissions = []
        for submission in item["submissions"]:
            notebooks = [{"notebook_id": nb, "path": str(local / f"{nb}.ipynb"), "has_local_feedback": False,
                          "has_exchange_feedback": False, "local_feedback_path": None, "feedback_updated": False}
                         for nb in item["notebooks"]]
            submissions.append({
                "course_id": item["course_id"], "assignment_id": item["assignment_id"],
                "student_id": os.environ.get("JUPYTERHUB_USER", ""), "timestamp": submission["timestamp"],
                "status": "submitted", "path": str(local), "notebooks": notebooks,
                "has_local_feedback": False, "has_exchange_feedback": False, "feedback_updated": False,
                "local_feedback_path": None,
            })
        return {"course_id": item["course_id"], "student_id": os.environ.get("JUPYTERHUB_USER", ""),
                "assignment_id": item["assignment_id"], "status": "submitted", "submissions": submissions}

    def list_files(self):
        assignments = self._assignments()
        if self.inbound or self.cached:
            return [self._submitted(a) for a in assignments if a["submissions"]]
        return [self._released(a) for a in assignments]

    def remove_files(self):
        self.fail("Afleveringer kan ikke slettes herfra. Spørg din lærer.")
