"""The school tier's services hold no more than they need: the portal as its own unprivileged
user, the grading workers as root with only the sandbox's capabilities (hub/ownership.py);
grading still works end to end, and a backup restores with the same owners."""
import io
import json
import os
import pwd
import subprocess
import sys
import tarfile
import shutil
import textwrap
import zipfile
from pathlib import Path

import psutil
import pytest
from sqlalchemy import select

from kodefag.hub.ownership import PORTAL_USER, WORKER_CAPABILITIES
from kodefag.hub.platform import prepare
from kodefag.hub.isolation import system_username
from kodefag.settings import REPO_ROOT
from kodefag.teacher_portal.db import session_scope
from kodefag.teacher_portal.models import Status, Submission
from tests.conftest import platform_settings
from tests.platform.test_journey import fill_in, solved_notebook, wait_for

from .conftest import reachable_var_dir
from .test_accounts import kodefag

#: a pupil only this module hands in for
PUPIL = "elev5a03"
ACTIVITY = "g5-lister-og-loekker"
#: capability numbers (linux/capability.h) of WORKER_CAPABILITIES' names
CAPABILITY_BITS = {"chown": 0, "dac_override": 1, "kill": 5, "setgid": 6, "setuid": 7, "setpcap": 8,
                   "net_admin": 12, "sys_admin": 21}


def status(pid: int) -> dict[str, str]:
    """/proc/<pid>/status as a dict."""
    lines = Path(f"/proc/{pid}/status").read_text().splitlines()
    return {key: value.strip() for key, value in (line.split(":", 1) for line in lines)}


def run_processes(platform, needle: str) -> list[int]:
    """PIDs of this platform's processes whose command line holds ``needle``."""
    found = []
    for process in platform.processes():
        try:
            if needle in " ".join(process.cmdline()):
                found.append(process.pid)
        except OSError:
            continue
    return found


def worker_processes(supervisor: int, count: int) -> list[int] | None:
    """The supervisor's processes (forked: the same command line), once its ``count`` grading processes
    (and huey's scheduler) are there."""
    parent = psutil.Process(supervisor)
    forked = [child.pid for child in parent.children() if child.cmdline() == parent.cmdline()]
    return forked if len(forked) > count else None


def as_portal_user(code: str) -> dict:
    """Run ``code`` (which sets ``result``) as the portal's user, with its groups and no capabilities."""
    account = pwd.getpwnam(PORTAL_USER)
    program = "import json, os\nresult = {}\n" + textwrap.dedent(code) + "\nprint(json.dumps(result))"
    done = subprocess.run(
        ["/usr/bin/setpriv", f"--reuid={account.pw_uid}", f"--regid={account.pw_gid}", "--init-groups",
         "--inh-caps=-all", "--bounding-set=-all", "--", sys.executable, "-c", program],
        capture_output=True, text=True, timeout=60, cwd="/")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


TRY = """
def attempt(action):
    try:
        action()
        return "ok"
    except Exception as error:
        return type(error).__name__
"""


def test_the_portal_runs_as_its_own_user_and_the_workers_with_few_capabilities(school_platform):
    portal = run_processes(school_platform, "kodefag.teacher_portal.serve")
    assert portal, "the portal is running"
    account = pwd.getpwnam(PORTAL_USER)
    assert 0 < account.pw_uid < 1000, "a system user"
    for pid in portal:
        fields = status(pid)
        assert fields["Uid"].split() == [str(account.pw_uid)] * 4
        assert fields["Gid"].split() == [str(account.pw_gid)] * 4
        assert fields["Groups"].split() == [str(account.pw_gid)]
        assert int(fields["CapEff"], 16) == int(fields["CapPrm"], 16) == int(fields["CapBnd"], 16) == 0
        assert fields["NoNewPrivs"] == "1"  # no setuid program gives it more

    [supervisor] = [pid for pid in run_processes(school_platform, "kodefag worker")
                    if psutil.Process(pid).ppid() == school_platform.process.pid]
    # huey forks the worker processes once the grader has warmed up
    workers = wait_for(lambda: worker_processes(supervisor, school_platform.settings.worker_count), timeout=120)
    wanted = sum(1 << CAPABILITY_BITS[name] for name in WORKER_CAPABILITIES)
    for pid in [supervisor, *workers]:
        fields = status(pid)
        assert fields["Uid"].split() == ["0"] * 4  # bubblewrap refuses capabilities in a non-root process
        assert int(fields["CapBnd"], 16) == int(fields["CapEff"], 16) == wanted
        assert fields["NoNewPrivs"] == "1"

    hub = status(school_platform.process.pid)
    assert hub["Uid"].split() == ["0"] * 4  # it makes the pupils' users and starts their servers


def test_the_portal_cannot_read_the_hubs_files_or_change_var(school_platform):
    var = school_platform.settings.var_dir
    (var / "kodefag.env").touch(mode=0o600)  # root's settings file, as docs/operations.md has it
    hub_only = {
        "hub database": var / "jupyterhub.sqlite",
        "hub cookie secret": var / "secrets" / "jupyterhub_cookie_secret",
        "proxy token": var / "secrets" / "proxy_auth_token",
        "settings file": var / "kodefag.env",
    }
    own = {
        "portal database": school_platform.settings.portal_data_dir / "portal.sqlite",
        "portal session key": var / "secrets" / "portal_secret_key",
        "portal's hub token": var / "secrets" / "portal_hub_token",
        "course source": var / "courses" / "5a" / "source" / ACTIVITY / f"{ACTIVITY}.ipynb",
    }
    for path in [*hub_only.values(), *own.values()]:
        assert path.exists(), f"{path}: the target must exist for the probe to mean anything"
    result = as_portal_user(TRY + f"""
hub_only, own, var = {json.dumps({k: str(v) for k, v in hub_only.items()})}, \
{json.dumps({k: str(v) for k, v in own.items()})}, {str(var)!r}
for name, path in hub_only.items():
    result[name] = attempt(lambda: open(path, "rb").read(1))
for name, path in own.items():
    result[name] = attempt(lambda: open(path, "rb").read(1))
result["list secrets"] = attempt(lambda: os.listdir(var + "/secrets"))
result["new file in var"] = attempt(lambda: open(var + "/jupyterhub.sqlite-journal", "w"))
result["replace the hub database"] = attempt(lambda: os.rename(var + "/jupyterhub.sqlite", var + "/x"))
result["write a course folder"] = attempt(lambda: open(var + "/courses/probe.txt", "w").close())
""")
    for name in hub_only:
        assert result[name] == "PermissionError", name
    for name in own:
        assert result[name] == "ok", name
    assert result["list secrets"] == "PermissionError"
    assert result["new file in var"] == "PermissionError"
    assert result["replace the hub database"] == "PermissionError"
    assert result["write a course folder"] == "ok"
    (var / "courses" / "probe.txt").unlink()


def hand_in_solution(client) -> None:
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
        submission = session.scalar(select(Submission).where(Submission.folder.contains(f"/{PUPIL}/"))
                                    .order_by(Submission.id.desc()))
        done = submission is not None and submission.status in (Status.graded, Status.needs_manual)
        return submission.score if done else None


def teachers_cell(client) -> str:
    page = client.api("laerer5a", "GET", "/services/portal/klasse/5a").text
    return page.split(f'data-pupil="{PUPIL}" data-activity="{ACTIVITY}"')[1].split("</td>")[0]


@pytest.fixture(scope="module")
def graded(school_platform):
    """The pupil's hand-in, graded by the workers; its score."""
    hand_in_solution(school_platform.client)
    return wait_for(lambda: graded_score(school_platform.settings), timeout=240)


def test_a_hand_in_is_graded_and_the_teacher_sees_the_score(school_platform, graded):
    assert graded > 0
    cell = teachers_cell(school_platform.client)
    assert f"{graded:g}/" in cell
    # what the root workers wrote left the portal's files the portal's
    account = pwd.getpwnam(PORTAL_USER)
    portal_dir = school_platform.settings.portal_data_dir
    for path in portal_dir.iterdir():
        assert path.stat().st_uid == account.pw_uid, path


def test_a_backup_restores_with_the_school_tiers_owners(school_platform, graded):
    settings = school_platform.settings
    home = settings.var_dir / "homes" / PUPIL
    pupil = pwd.getpwnam(system_username(PUPIL))
    (home / "min-fil.txt").write_text("min robot")
    os.chown(home / "min-fil.txt", pupil.pw_uid, pupil.pw_gid)
    backup = reachable_var_dir()
    restored_var = reachable_var_dir()
    try:
        os.rmdir(backup)  # `kodefag backup create` makes its folder
        made = kodefag(school_platform, "backup", "create", str(backup))
        assert made.returncode == 0, made.stdout + made.stderr
        restored = platform_settings(restored_var, tier="school")
        done = subprocess.run([sys.executable, "-m", "kodefag.cli", "backup", "restore", str(backup)],
                              env={**os.environ, **restored.as_environment()}, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, done.stdout + done.stderr
        prepare(restored, seed=False)  # what `kodefag serve` does before the hub starts

        home = restored_var / "homes" / PUPIL
        assert (home / "min-fil.txt").read_text() == "min robot"
        assert (home.stat().st_uid, home.stat().st_mode & 0o777) == (pupil.pw_uid, 0o700)
        assert (home / "min-fil.txt").stat().st_uid == pupil.pw_uid
        cookie_secret = restored_var / "secrets" / "jupyterhub_cookie_secret"
        assert (cookie_secret.stat().st_uid, cookie_secret.stat().st_mode & 0o777) == (0, 0o600)
        # the portal's user finds the score in the restored database, and the hub's database stays closed to it
        database = restored.portal_data_dir / "portal.sqlite"
        result = as_portal_user(TRY + f"""
import sqlite3
connection = sqlite3.connect({str(database)!r})
result["scores"] = [row[0] for row in connection.execute("SELECT score FROM submissions WHERE folder LIKE ?",
                                                         ("%/{PUPIL}/%",))]
connection.execute("CREATE TABLE probe (x)")
connection.commit()
result["hub database"] = attempt(lambda: open({str(restored_var / "jupyterhub.sqlite")!r}, "rb").read(1))
""")
        assert graded in result["scores"]
        assert result["hub database"] == "PermissionError"
    finally:
        shutil.rmtree(backup, ignore_errors=True)
        shutil.rmtree(restored_var)


def test_the_portals_export_leaves_the_home_to_the_operator(school_platform, graded, tmp_path):
    """The portal cannot read the pupil's home (theirs alone): its export says so in Danish, and the
    operator's command, run as root, exports the pupil's own files."""
    settings = school_platform.settings
    home = settings.var_dir / "homes" / PUPIL
    pupil = pwd.getpwnam(system_username(PUPIL))
    (home / "eksport.txt").write_text("min robot")
    os.chown(home / "eksport.txt", pupil.pw_uid, pupil.pw_gid)
    response = school_platform.client.api("admin", "POST", f"/services/portal/skole/persondata/{PUPIL}/eksport")
    assert response.status_code == 200, response.text[:500]
    with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
        names = archive.namelist()
        note = archive.read("notesboeger/LÆSMIG.txt").decode()
    assert "afleveringer/" in " ".join(names) and f"kodefag privacy export {PUPIL}" in note
    assert not [name for name in names if name.startswith("notesboeger/") and name != "notesboeger/LÆSMIG.txt"]

    done = kodefag(school_platform, "privacy", "export", PUPIL, "-o", str(tmp_path / "fuld.zip"))
    assert done.returncode == 0, done.stdout + done.stderr
    with zipfile.ZipFile(tmp_path / "fuld.zip") as archive:
        assert archive.read("notesboeger/eksport.txt").decode() == "min robot"
