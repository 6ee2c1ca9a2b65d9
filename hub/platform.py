"""Starting and stopping the whole platform: one JupyterHub process tree.

JupyterHub starts the proxy, the portal and the grading workers (as managed
services) and the pupils' servers. Every process gets a run id in its
environment, so that stopping can find and end anything still alive - no
orphans, even if a child ignored the hub's own shutdown.
"""
import logging
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit

import psutil
import requests
from sqlalchemy import select

from kodefag.settings import Settings
from kodefag.teacher_portal.db import session_scope, upgrade
from kodefag.teacher_portal.models import Release, SchoolClass
from kodefag.teacher_portal.releases import release_activity
from kodefag.teacher_portal.seed import DEMO_RELEASES, seed_demo

from .config import HUB_DIR, VENV_BIN
from .ownership import hand_over_var
from .proxy import proxy_command, proxy_environment, wait_for_api

log = logging.getLogger(__name__)


def prepare(settings: Settings, seed: bool = True) -> None:
    """Create var/, migrate the portal database, seed the demo school (``seed``: not for `serve`);
    on the school tier, give var/ its owners (hub/ownership.py). Idempotent."""
    for folder in (settings.var_dir, settings.var_dir / "homes", settings.courses_dir, settings.portal_data_dir):
        folder.mkdir(parents=True, exist_ok=True)
    upgrade(settings.database_url)
    if seed:
        with session_scope(settings.database_url) as session:
            seed_demo(session)
            release_demo_activities(session, settings)
    if settings.tier == "school" and os.geteuid() == 0:
        hand_over_var(settings)  # last: the migration and the seeding above wrote as root


def release_demo_activities(session, settings: Settings) -> None:
    from kodefag.curriculum.loader import load_curriculum

    curriculum = load_curriculum()
    for activity_id, class_names in DEMO_RELEASES.items():
        activity = curriculum.activity(activity_id)
        for class_name in class_names:
            school_class = session.scalar(select(SchoolClass).where(SchoolClass.name == class_name))
            exists = session.scalar(select(Release.id).where(
                Release.class_id == school_class.id, Release.activity_id == activity_id))
            if exists is None:
                release_activity(session, settings, school_class, activity)


class Platform:
    """The running hub and everything it started."""

    def __init__(self, settings: Settings, log_file: Path | None = None):
        self.settings = settings
        self.run_id = uuid.uuid4().hex
        self.log_file = log_file
        self.process: subprocess.Popen | None = None
        self.proxy: subprocess.Popen | None = None

    def environment(self) -> dict:
        env = dict(os.environ)
        env.update(self.settings.as_environment())
        env["KODEFAG_RUN_ID"] = self.run_id
        env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
        return env

    def _output(self):
        return open(self.log_file, "ab") if self.log_file else None

    def start(self) -> None:
        """Start the proxy (its own process: it outlives hub restarts), then the hub."""
        output = self._output()
        self.proxy = subprocess.Popen(
            proxy_command(self.settings), cwd=self.settings.var_dir,
            env=proxy_environment(self.settings, self.environment()), start_new_session=True,
            stdout=output, stderr=subprocess.STDOUT if output else None)
        wait_for_api(self.settings, alive=lambda: self.proxy.poll() is None)
        self.start_hub()

    def start_hub(self) -> None:
        output = self._output()
        self.process = subprocess.Popen(
            [str(VENV_BIN / "jupyterhub"), "-f", str(HUB_DIR / "jupyterhub_config.py")],
            cwd=self.settings.var_dir, env=self.environment(), start_new_session=True,
            stdout=output, stderr=subprocess.STDOUT if output else None)

    def wait_ready(self, timeout: float = 90) -> None:
        """Wait until the hub and the portal both answer their health checks."""
        deadline = time.monotonic() + timeout
        # the local listener, named as browsers name it: the public name may resolve only in browsers
        # and DNS, and the school tier's proxy routes the portal by that name
        base = self.settings.hub_url
        host = {"Host": urlsplit(self.settings.public_base_url).netloc}
        urls = [f"{base}/hub/health", f"{base}{self.settings.portal_prefix}healthz"]
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with code {self.process.returncode}")
            try:
                if all(requests.get(url, headers=host, timeout=2).status_code == 200 for url in urls):
                    return
            except requests.RequestException:
                pass
            time.sleep(0.5)
        raise TimeoutError(f"platform not ready after {timeout} s")

    def processes(self) -> list[psutil.Process]:
        """Every live process of this run (found by the run id in its environment)."""
        found = []
        for process in psutil.process_iter():
            try:
                if process.environ().get("KODEFAG_RUN_ID") == self.run_id:
                    found.append(process)
            except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
                continue
        return found

    def stop_hub(self, timeout: float = 30) -> None:
        """Stop only the hub (an upgrade, a restart): the proxy and pupils' servers keep running."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                log.warning("JupyterHub did not stop in %s s; killing it", timeout)
                self.process.kill()
                self.process.wait()

    def stop(self, timeout: float = 30) -> None:
        """Ask the hub to shut down cleanly, then end whatever is left (proxy, pupils' servers)."""
        self.stop_hub(timeout)
        if self.proxy and self.proxy.poll() is None:
            self.proxy.terminate()
            try:
                self.proxy.wait(10)
            except subprocess.TimeoutExpired:
                self.proxy.kill()
        leftovers = [p for p in self.processes() if p.pid != os.getpid()]
        for process in leftovers:
            log.warning("ending leftover process %s (%s)", process.pid, _name(process))
            _kill(process)
        psutil.wait_procs(leftovers, timeout=5)


def _name(process: psutil.Process) -> str:
    try:
        return " ".join(process.cmdline())[:120]
    except psutil.Error:
        return "?"


def _kill(process: psutil.Process) -> None:
    try:
        process.kill()
    except psutil.NoSuchProcess:
        pass


