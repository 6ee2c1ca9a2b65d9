"""No lost work: the hub's database on PostgreSQL, a hub restart that keeps pupils' servers,
and `kodefag backup create` / `restore` into a fresh var/ (the pupil finds their notebook,
the teacher the scores).

One platform of its own (its hub database is PostgreSQL), restarted once, and a second
platform started on the restored var/.
"""
import io
import json
import os
import subprocess
import sys
import tarfile
import uuid

import psutil
import psycopg
import pytest
from sqlalchemy import select

from kodefag.hub.platform import Platform, prepare
from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Status, Submission
from tests.conftest import platform_settings
from tests.hubclient import HubClient
from tests.platform.test_journey import fill_in, solved_notebook, wait_for

pytestmark = [pytest.mark.hub, pytest.mark.postgres]
PUPIL = "elev5a03"
ACTIVITY = "g5-lister-og-loekker"
ADMIN_DB = "postgresql://postgres@127.0.0.1:5432/test"
MY_NOTEBOOK = {"cells": [{"cell_type": "code", "execution_count": None, "id": "robot", "metadata": {},
                          "outputs": [], "source": "print('Min robot kan danse')"}],
               "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture
def hub_schema():
    """The hub's database: a fresh schema in the PostgreSQL test database, dropped after."""
    schema = "hub_" + uuid.uuid4().hex[:10]
    with psycopg.connect(ADMIN_DB, autocommit=True) as connection:
        connection.execute(f"CREATE SCHEMA {schema}")
    yield schema, f"postgresql+psycopg://postgres@127.0.0.1:5432/test?options=-csearch_path%3D{schema}"
    with psycopg.connect(ADMIN_DB, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA IF EXISTS {schema} CASCADE")


def kodefag(settings, *args) -> subprocess.CompletedProcess:
    env = dict(os.environ, **settings.as_environment())
    done = subprocess.run([sys.executable, "-m", "kodefag.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def hand_in_solution(client: HubClient):
    """The pupil hands in the reference solution through the exchange API (as nbgrader submit does)."""
    base = f"/services/portal/api/exchange/assignments/5a/{ACTIVITY}"
    archive = client.api(PUPIL, "GET", f"{base}/download").content
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        notebook = json.loads(tar.extractfile(f"{ACTIVITY}.ipynb").read())
    answered = fill_in(notebook, solved_notebook(REPO_ROOT / "notebooks" / ACTIVITY / f"{ACTIVITY}.ipynb"))
    response = client.api(PUPIL, "POST", f"{base}/submissions",
                          files=[("files", (f"{ACTIVITY}.ipynb", json.dumps(answered).encode(), "application/json"))])
    assert response.status_code in (200, 201), response.text


def graded_score(settings) -> float | None:
    with session_scope(settings.database_url) as session:
        submission = session.scalar(select(Submission).order_by(Submission.id.desc()))
        done = submission is not None and submission.status in (Status.graded, Status.needs_manual)
        return submission.score if done else None


def server_pid(client: HubClient) -> int:
    model = client.api("admin", "GET", f"/hub/api/users/{PUPIL}").json()
    return model["servers"][""]["state"]["pid"]


def test_restart_keeps_servers_and_backup_restores_work_and_scores(tmp_path, hub_schema):
    schema, hub_url = hub_schema
    settings = platform_settings(tmp_path / "var", hub_database_url=hub_url)
    prepare(settings)
    platform = Platform(settings, log_file=tmp_path / "platform.log")
    platform.start()
    try:
        platform.wait_ready(timeout=240)
        client = HubClient(settings.hub_url)
        client.start_server(PUPIL, timeout=240)
        saved = client.api(PUPIL, "PUT", f"/user/{PUPIL}/api/contents/min-robot.ipynb",
                           json={"type": "notebook", "content": MY_NOTEBOOK})
        assert saved.status_code in (200, 201), saved.text
        hand_in_solution(client)
        score = wait_for(lambda: graded_score(settings), timeout=240)
        assert score > 0
        with psycopg.connect(ADMIN_DB) as connection:  # the hub really keeps its state in PostgreSQL
            assert connection.execute(f"SELECT count(*) FROM {schema}.users WHERE name = %s",
                                      (PUPIL,)).fetchone() == (1,)

        # the hub restarts: the pupil's server and the proxy keep running, nothing is lost
        pid, proxy_pid = server_pid(client), platform.proxy.pid
        platform.stop_hub()
        assert psutil.pid_exists(pid) and platform.proxy.poll() is None
        platform.start_hub()
        platform.wait_ready(timeout=240)
        assert platform.proxy.pid == proxy_pid and server_pid(client) == pid
        assert client.api("admin", "GET", f"/hub/api/users/{PUPIL}").json()["servers"][""]["ready"]
        again = client.api(PUPIL, "GET", f"/user/{PUPIL}/api/contents/min-robot.ipynb")
        assert again.status_code == 200 and "Min robot kan danse" in json.dumps(again.json()["content"])

        made = kodefag(settings, "backup", "create", str(tmp_path / "backup"))
        assert "portal, hub" in made.stdout
    finally:
        platform.stop()

    # the server is lost: a fresh var/ and an empty hub database
    with psycopg.connect(ADMIN_DB, autocommit=True) as connection:
        connection.execute(f"DROP SCHEMA {schema} CASCADE")
    restored = platform_settings(tmp_path / "restored", hub_database_url=hub_url)
    kodefag(restored, "backup", "restore", str(tmp_path / "backup"))
    platform = Platform(restored, log_file=tmp_path / "restored.log")
    platform.start()
    try:
        platform.wait_ready(timeout=240)
        client = HubClient(restored.hub_url)
        client.start_server(PUPIL, timeout=240)  # logs in with the restored roster's password
        mine = client.api(PUPIL, "GET", f"/user/{PUPIL}/api/contents/min-robot.ipynb")
        assert mine.status_code == 200 and "Min robot kan danse" in json.dumps(mine.json()["content"])
        page = client.api("laerer5a", "GET", "/services/portal/klasse/5a").text
        cell = page.split(f'data-pupil="{PUPIL}" data-activity="{ACTIVITY}"')[1].split("</td>")[0]
        assert "Mangler rettelse" in cell and f"{score:g}/" in cell  # the reflection answer awaits the teacher
    finally:
        platform.stop()
