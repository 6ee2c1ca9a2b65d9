"""The demo tier started as root (as `make demo` runs in a container): pupils' servers never run as root."""
import os
import pwd
import stat

import psutil
import pytest

from kodefag.hub.isolation import system_username

PUPIL = "elev8a03"

pytestmark = pytest.mark.skipif(os.geteuid() != 0, reason="what runs as root is the question")


def server_of(platform, username: str) -> psutil.Process:
    """The pupil's Jupyter server process (found by its hub-given environment; not the
    bubblewrap launcher, which starts as root only to build the sandbox)."""
    for process in platform.processes():
        try:
            env = process.environ()
            command = process.cmdline()
            if env.get("JUPYTERHUB_USER") == username and command[0] not in ("/usr/bin/bwrap", "/bin/sh") \
                    and "jupyterhub-singleuser" in " ".join(command):
                return process
        except psutil.Error:
            continue
    raise AssertionError(f"no server process of {username}")


def test_pupils_server_runs_as_their_own_unprivileged_user(hub, demo_platform):
    hub.start_server(PUPIL)
    try:
        server = server_of(demo_platform, PUPIL)
        account = pwd.getpwnam(system_username(PUPIL))
        assert server.uids().real == server.uids().effective == account.pw_uid != 0
        home = demo_platform.settings.var_dir / "homes" / PUPIL
        mode = home.stat()
        assert mode.st_uid == account.pw_uid and stat.S_IMODE(mode.st_mode) == 0o700
        # every process below the server (kernels included) runs as the pupil too
        assert {child.uids().real for child in server.children(recursive=True)} <= {account.pw_uid}
    finally:
        hub.stop_server(PUPIL)
