"""The README's two doors check their Debian packages before anything else."""
import os
import shutil
import subprocess

import pytest

from kodefag.settings import REPO_ROOT


def make(*args, as_user=None):
    command = ["make", "--no-print-directory", "-C", str(REPO_ROOT), *args]
    if as_user is not None:  # run as an unprivileged user, as a teacher on a laptop would
        command = ["setpriv", f"--reuid={as_user}", f"--regid={as_user}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=60)


@pytest.mark.skipif(os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to become another user")
@pytest.mark.parametrize("target, variable", [("debs-demo", "DEMO_DEBS"), ("debs-test", "TEST_DEBS")])
def test_without_root_a_missing_package_stops_with_the_one_line_to_run(target, variable):
    result = make(target, f"{variable}=kodefag-no-such-package bubblewrap", as_user=65534)
    assert result.returncode != 0
    assert "sudo apt-get install -y kodefag-no-such-package\n" in result.stdout  # only what is missing
    assert "bubblewrap" not in result.stdout.split("apt-get install")[1]


def test_nothing_to_do_when_every_package_is_there():
    result = make("debs-demo", "DEMO_DEBS=bubblewrap")
    assert result.returncode == 0 and "apt-get" not in result.stdout


def test_demo_and_test_check_packages_first():
    plan = make("-n", "demo", "test").stdout  # what make would run, in order
    assert plan.index("dpkg -s") < plan.index("kodefag demo")
    assert plan.rindex("dpkg -s") < plan.index("pytest")
