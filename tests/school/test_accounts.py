"""A pupil's system user follows the roster on the school tier: made at the roster import (before
any login), removed with their home and cgroup by the GDPR delete."""
import os
import pwd
import stat
import subprocess
import sys
import time

import pytest

from kodefag.hub.isolation import cgroup_prefix, system_username
from kodefag.sandbox import group_folders

#: an imported pupil of 5.A (uniid = user name); only this test uses them
NEW_PUPIL = "skole0011"
ROSTER = "uniid;fornavn;efternavn;klasse;rolle\n" + f"{NEW_PUPIL};Ny;Elev;5.A;elev\n"


def kodefag(platform, *args: str) -> subprocess.CompletedProcess:
    """The real `kodefag` command against the running school platform, as the operator runs it."""
    env = {**os.environ, **platform.settings.as_environment()}
    return subprocess.run([sys.executable, "-m", "kodefag.cli", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def wait_ready(hub, username: str, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        server = hub.api("admin", "GET", f"/hub/api/users/{username}").json().get("servers", {}).get("", {})
        if server.get("ready"):
            return
        time.sleep(0.5)
    raise TimeoutError(f"server of {username} not ready after {timeout} s")


def test_roster_import_makes_the_system_user_and_gdpr_delete_removes_it(school_platform, school_hub, tmp_path):
    settings = school_platform.settings
    roster = tmp_path / "elever.csv"
    roster.write_text(ROSTER)
    imported = kodefag(school_platform, "roster", "import", str(roster), "--school", "Demo Skole")
    assert imported.returncode == 0, imported.stdout + imported.stderr

    # before any login: the hub user, the system user and a closed home exist
    assert school_hub.api("admin", "GET", f"/hub/api/users/{NEW_PUPIL}").status_code == 200
    account = pwd.getpwnam(system_username(NEW_PUPIL))
    assert account.pw_uid != 0 and account.pw_shell == "/usr/sbin/nologin"
    home = settings.var_dir / "homes" / NEW_PUPIL
    assert home.stat().st_uid == account.pw_uid and stat.S_IMODE(home.stat().st_mode) == 0o700

    # the teacher starts the pupil's server (the bell); the pupil's cgroup exists while it runs
    started = school_hub.api("admin", "POST", f"/hub/api/users/{NEW_PUPIL}/server")
    assert started.status_code in (201, 202), started.text
    wait_ready(school_hub, NEW_PUPIL)
    (home / "mit-spil.py").write_text("print('hej')")
    cgroup = f"{cgroup_prefix(settings)}/{system_username(NEW_PUPIL)}"
    assert any(folder.is_dir() for folder in group_folders(cgroup))

    deleted = kodefag(school_platform, "privacy", "delete", NEW_PUPIL, "--yes")
    assert deleted.returncode == 0, deleted.stdout + deleted.stderr
    assert school_hub.api("admin", "GET", f"/hub/api/users/{NEW_PUPIL}").status_code == 404
    assert not home.exists()
    assert not [folder for folder in group_folders(cgroup) if folder.exists()]
    with pytest.raises(KeyError):
        pwd.getpwnam(system_username(NEW_PUPIL))
