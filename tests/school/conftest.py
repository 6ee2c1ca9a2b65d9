"""The school tier, started once for these tests: as root, each pupil their own system user in
the sandbox with cgroup limits, their server on its own origin (http://<name>.kodefag.localhost)."""
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest

from kodefag.hub.ownership import closed_folders
from tests.conftest import TEARDOWN_SECONDS, assert_no_server_errors, platform_settings
from tests.hubclient import HubClient

#: pupil A, B in A's class, C in another class
PUPIL_A, PUPIL_B, PUPIL_C = "elev5a01", "elev5a02", "elev5b01"
#: smaller than the 1 GiB default, so the memory test allocates little on a shared CI machine
MEMORY_MIB = 400


def open_the_python_installation() -> None:
    """Let other users enter the folders above this Python (traversal only, never listing).

    The school tier refuses to start where its portal's user cannot reach the interpreter
    (hub/ownership.py); Debian's python3 (docs/operations.md) is reachable, a pyenv build
    in root's home is not. The operator's install step, done here; left in place, since
    another test session on this machine may be running from the same interpreter."""
    for folder in closed_folders(Path(sys.base_prefix).resolve()):
        os.chmod(folder, folder.stat().st_mode | 0o001)


def reachable_var_dir() -> Path:
    """A var/ the portal's own user can reach (pytest's temporary folders are root's alone, 0700);
    the caller removes it."""
    var_dir = Path(tempfile.mkdtemp(prefix="kodefag-school-var-"))  # in the system's /tmp, open to all
    os.chmod(var_dir, 0o755)
    return var_dir


@pytest.fixture(scope="session")
def school_platform():
    from kodefag.hub.platform import Platform, prepare

    if os.geteuid() != 0:
        pytest.skip("the school tier runs as root (it switches to each pupil's system user)")
    open_the_python_installation()
    var_dir = reachable_var_dir()
    settings = platform_settings(var_dir, tier="school", pupil_memory_mib=MEMORY_MIB)
    # as in production (kodefag.skole.dk, pupils at <name>.kodefag.skole.dk): one site, an origin per
    # pupil; the teacher's "Åbn live" frame is same-site, so the browser keeps the pupil server's cookies
    settings.public_url = f"http://kodefag.localhost:{settings.hub_port}"
    prepare(settings)
    platform = Platform(settings, log_file=var_dir / "platform.log")
    platform.start()
    try:
        platform.wait_ready(timeout=180)
        platform.client = HubClient(settings.public_base_url)
        yield platform
    finally:
        platform.stop(timeout=TEARDOWN_SECONDS)
    try:
        assert_no_server_errors(var_dir / "platform.log")
    finally:
        shutil.rmtree(var_dir)


@pytest.fixture(scope="session")
def school_hub(school_platform) -> HubClient:
    return school_platform.client


@pytest.fixture(scope="session")
def pupils_running(school_platform, school_hub):
    """A, B and C have their servers running (started once)."""
    for pupil in (PUPIL_A, PUPIL_B, PUPIL_C):  # ask for all three at once, as a class does
        school_hub.api(pupil, "POST", f"/hub/api/users/{pupil}/server")
    for pupil in (PUPIL_A, PUPIL_B, PUPIL_C):
        school_hub.start_server(pupil, timeout=240)
    return school_platform
